//! `phsrule import`: build one facts file from a `Get-ADSyncServerConfiguration`
//! export folder, event-log exports and a base facts file (or the folder the
//! collector wrote, `--from`), and say on stderr what was read and what stays unknown.

mod read;
mod summary;

use super::check::parse_now;
use super::load::{load_rules, Failure, RuleSources};
use super::walk::has_extension;
use super::write::{folder_of, write_atomically};
use super::{exit, print_out};
use crate::check::Program;
use crate::diag::Diagnostic;
use crate::facts::{load_facts, Facts, LoadOptions};
use crate::import::events::{parse_utc_offset, ReadOptions};
use crate::import::sources::event_sources;
use crate::import::{import, render, Request};
use crate::source::Sources;
use chrono::{DateTime, FixedOffset};
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The folder written by `Get-ADSyncServerConfiguration -Path`.
    #[arg(long, value_name = "DIR")]
    pub config: Option<PathBuf>,
    /// An Application-log export: CSV (`Get-WinEvent | Export-Csv`), XML
    /// (`wevtutil qe /f:RenderedXml`) or `.evtx` (repeatable).
    #[arg(long, value_name = "FILE")]
    pub events: Vec<PathBuf>,
    /// The start of the event-log read (RFC 3339); default: the earliest event read.
    #[arg(long, value_name = "TIMESTAMP", value_parser = parse_now)]
    pub events_since: Option<DateTime<FixedOffset>>,
    /// A facts file, whole or partial, with what the exports do not say
    /// (repeatable; with --from, added to the collector's `base.json`).
    #[arg(long, value_name = "FACTS")]
    pub base: Vec<PathBuf>,
    /// When the facts were read (RFC 3339); default: the base file's, else the
    /// newest time in the sources.
    #[arg(long, value_name = "TIMESTAMP", value_parser = parse_now)]
    pub collected_at: Option<DateTime<FixedOffset>>,
    /// The server's UTC offset, for event times written without one (`+01:00`).
    #[arg(long, value_name = "±HH:MM", value_parser = parse_utc_offset, allow_hyphen_values = true)]
    pub utc_offset: Option<FixedOffset>,
    /// The folder `Collect-PhsFacts.ps1` wrote: its `config/`, `events*.xml` and `base.json`.
    #[arg(long, value_name = "DIR", conflicts_with = "config")]
    pub from: Option<PathBuf>,
    /// Rule files or folders loaded on top of the builtin pack: their schema
    /// extensions are accepted and the event sources they name are read (repeatable).
    #[arg(long = "rules", value_name = "PATH")]
    pub rules: Vec<PathBuf>,
    /// Where to write the facts file (JSON when it ends in `.json`); `-` for stdout.
    #[arg(short = 'o', long = "output", value_name = "FACTS")]
    pub output: PathBuf,
}

pub fn run(args: &ImportArgs) -> u8 {
    let mut sources = Sources::new();
    let imported = check_output(args)
        .and_then(|()| prepare(args, &mut sources))
        .and_then(|(text, note)| write(&args.output, &text).map(|()| note));
    match imported {
        Ok(note) => {
            super::print_err(&note);
            exit::OK
        }
        Err(f) => super::bad_input(&sources, &f),
    }
}

/// Load the rules, read and import the sources, and check that the result loads:
/// the output text and the summary for stderr.
fn prepare(args: &ImportArgs, sources: &mut Sources) -> Result<(String, String), Failure> {
    let rules = RuleSources {
        builtin: true,
        paths: args.rules.clone(),
    };
    let program = load_rules(sources, &rules)?.program;
    let (req, made_from) = request(args, &program)?;
    let imported = import(&req)
        .map_err(|errors| errors.iter().map(|e| e.to_diagnostic()).collect::<Vec<_>>())?;
    let json = has_extension(&args.output, &["json"]);
    let text = render(&imported, json, &made_from).map_err(|err| {
        let what = format!("the imported facts could not be written: {err}");
        Failure::from(Diagnostic::internal(what, "the import's sources"))
    })?;
    let facts = check_loads(sources, &program, &text)?;
    let note = summary::summary(&req, &imported, &program, &facts);
    Ok((text, note))
}

/// Everything the arguments name, read; and how the output's comment names it.
fn request(args: &ImportArgs, program: &Program) -> Result<(Request, String), Failure> {
    let collected = args.from.as_deref().map(read::collected).transpose()?;
    let collected = collected.unwrap_or_default();
    let config = args.config.clone().or(collected.config);
    let mut base_paths: Vec<PathBuf> = collected.base.into_iter().collect();
    base_paths.extend(args.base.iter().cloned());
    let mut event_paths = collected.events;
    event_paths.extend(args.events.iter().cloned());
    if config.is_none() && base_paths.is_empty() && event_paths.is_empty() {
        return Err(Diagnostic::error("phs::import::nothing", "nothing to import")
            .help("name a source: --config DIR, --events FILE, --base FACTS, or --from DIR (the collector's folder)")
            .into());
    }
    let opts = ReadOptions {
        utc_offset: args.utc_offset,
    };
    // Every source is read, and the problems of all of them reported together.
    let mut diags = Vec::new();
    let mut gather = |f: Failure| diags.extend(f.diags);
    let events: Vec<_> = event_paths
        .iter()
        .filter_map(|path| read::event_file(path, opts).map_err(&mut gather).ok())
        .collect();
    let config = config.as_deref().and_then(|dir| {
        let files = read::export_files(dir).map_err(&mut gather).ok()?;
        Some((dir.display().to_string(), files))
    });
    let bases: Vec<_> = base_paths
        .iter()
        .filter_map(|path| {
            let base = read::base_file(path).map_err(&mut gather).ok()?;
            Some((path.display().to_string(), base))
        })
        .collect();
    if !diags.is_empty() {
        return Err(diags.into());
    }
    let mut parts = Vec::new();
    if config.is_some() {
        parts.push("a Get-ADSyncServerConfiguration export".to_string());
    }
    if !events.is_empty() {
        parts.push(format!("{} event export(s)", events.len()));
    }
    if !bases.is_empty() {
        parts.push(format!("{} base facts file(s)", bases.len()));
    }
    let req = Request {
        config,
        events,
        event_sources: event_sources(program),
        bases,
        collected_at: args.collected_at,
        events_since: args.events_since,
    };
    Ok((req, parts.join(", ")))
}

/// The imported text must load as a facts file under the loaded schema; if it
/// does not, that is a bug here (or a base file that breaks it).
fn check_loads(sources: &mut Sources, program: &Program, text: &str) -> Result<Facts, Failure> {
    let file = sources.add("<imported facts>", text);
    load_facts(&program.schema, file, text, &LoadOptions::default()).map_err(|mut diags| {
        diags.push(
            Diagnostic::error("phs::import::unloadable", "the imported facts do not load as `phs-facts/1`")
                .help("if the paths named above come from the --base file, correct it there (`phsrule check base.yaml` shows the same problems); otherwise this is a bug in `phsrule import`: please report it with the export"),
        );
        diags.into()
    })
}

fn write(output: &Path, text: &str) -> Result<(), Failure> {
    if output == Path::new("-") {
        print_out(text);
        return Ok(());
    }
    write_atomically(output, text).map_err(|e| {
        Diagnostic::error(
            "phs::io",
            format!("cannot write the facts file `{}`: {e}", output.display()),
        )
        .help("check that the folder exists and is writable, and the free disk space; an existing file is left as it was")
        .into()
    })
}

/// `-o` must not write into a folder being read (`--config`, `--from`): the
/// export would no longer be the server's, and the next import would read the
/// facts as part of it.
fn check_output(args: &ImportArgs) -> Result<(), Failure> {
    if args.output == Path::new("-") {
        return Ok(());
    }
    let Ok(folder) = folder_of(&args.output).canonicalize() else {
        return Ok(());
    };
    for read in args.config.iter().chain(args.from.iter()) {
        let Ok(export) = read.canonicalize() else {
            continue;
        };
        if folder.starts_with(&export) {
            return Err(Diagnostic::error(
                "phs::import::output-in-export",
                format!(
                    "`{}` is inside the export folder `{}`, which import reads",
                    args.output.display(),
                    read.display()
                ),
            )
            .help("write the facts file outside the export folder, e.g. `-o facts.yaml` next to it")
            .into());
        }
    }
    Ok(())
}
