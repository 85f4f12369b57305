//! `phsrule fmt [--check] [--stdout] [PATH]...`: rewrite rule files in the one
//! canonical layout (`syntax::print`), or check that they are in it.
//!
//! Nothing is written unless every file parses: a run either formats all the files
//! it was given or changes none.

mod diff;

use super::load::{read_decoded, rule_files as rule_files_under, Failure};
use super::{exit, plural, print_diags, print_out};
use crate::diag::Diagnostic;
use crate::encoding::{encode, Layout};
use crate::limits;
use crate::source::Sources;
use crate::syntax::print::{format_source, FormatError};
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct FmtArgs {
    /// Rule files, or folders searched for `.phs` files (default: the current
    /// folder, without `target/` and hidden folders).
    pub paths: Vec<PathBuf>,
    /// Change nothing: list the files that are not formatted, with the first
    /// differences, and exit with 1 if there is any.
    #[arg(long, conflicts_with = "stdout")]
    pub check: bool,
    /// Print the formatted text of the one file given instead of rewriting it.
    #[arg(long)]
    pub stdout: bool,
}

/// A rule file and its canonical text (in a CRLF file, both with `\n` line ends).
struct Formatted {
    path: PathBuf,
    name: String,
    text: String,
    formatted: String,
    /// How the file was stored, kept when it is rewritten: a byte order mark,
    /// UTF-16 (PowerShell 5.1) and CRLF line ends (Windows editors) stay.
    layout: Layout,
}

pub fn run(args: &FmtArgs) -> u8 {
    let mut sources = Sources::new();
    let files = match format_all(&mut sources, &args.paths) {
        Ok(files) => files,
        Err((code, failure)) => {
            print_diags(&sources, &failure.diags);
            let outcome = if args.check {
                "could not check the formatting"
            } else {
                "no file was changed"
            };
            errln!("error: {outcome}");
            return code;
        }
    };
    if args.stdout {
        return print_one(&sources, &files);
    }
    let changed: Vec<&Formatted> = files.iter().filter(|f| f.text != f.formatted).collect();
    if args.check {
        for file in &changed {
            super::print_human(&diff::unified(&file.name, &file.text, &file.formatted));
        }
        if changed.is_empty() {
            errln!(
                "ok: {} rule file{} formatted",
                files.len(),
                plural(files.len())
            );
            return exit::OK;
        }
        errln!(
            "{} of {} rule file{} not formatted; run `phsrule fmt` to rewrite them",
            changed.len(),
            files.len(),
            plural(files.len())
        );
        return exit::FINDINGS;
    }
    for file in changed {
        if let Err(e) =
            super::write::write_atomically(&file.path, encode(&file.formatted, file.layout))
        {
            let d = Diagnostic::error(
                "phs::io",
                format!("cannot write the rule file `{}`: {e}", file.name),
            )
            .help("check the file's permissions and the free disk space; the file is unchanged, the files listed before it were formatted");
            return super::bad_input(&sources, &d.into());
        }
        super::print_human(&format!("{}\n", file.name));
    }
    exit::OK
}

/// `--stdout`: the formatted text of exactly one file.
fn print_one(sources: &Sources, files: &[Formatted]) -> u8 {
    match files {
        [file] => {
            print_out(&file.formatted);
            exit::OK
        }
        _ => {
            let d = Diagnostic::error(
                "phs::fmt::stdout",
                format!(
                    "`--stdout` prints one file, but {} files were given",
                    files.len()
                ),
            )
            .help("name one `.phs` file, or leave out `--stdout` to rewrite them in place");
            super::bad_input(sources, &d.into())
        }
    }
}

/// Read and format every file; all the syntax errors at once if any does not parse.
fn format_all(sources: &mut Sources, paths: &[PathBuf]) -> Result<Vec<Formatted>, (u8, Failure)> {
    let bad_input = |f: Failure| (exit::BAD_INPUT, f);
    let mut files = Vec::new();
    let mut diags = Vec::new();
    let mut code = exit::BAD_INPUT;
    for path in rule_files(paths).map_err(bad_input)? {
        let decoded = read_decoded(&path, limits::MAX_RULE_FILE_BYTES as u64, "rule file")
            .map_err(bad_input)?;
        let (text, layout) = (decoded.text, decoded.layout);
        let name = display_name(&path);
        let id = sources.add(name.clone(), text.as_str());
        match format_source(id, &text) {
            Ok(formatted) => files.push(Formatted {
                path,
                name,
                text,
                formatted,
                layout,
            }),
            Err(FormatError::Syntax(d)) => diags.push(d),
            Err(FormatError::Unsafe(d)) => {
                code = exit::INTERNAL;
                diags.push(d);
            }
        }
    }
    if diags.is_empty() {
        Ok(files)
    } else {
        Err((code, diags.into()))
    }
}

/// The `.phs` files under `paths` (or the current folder), sorted, each once.
fn rule_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let default = [PathBuf::from(".")];
    let roots = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    let mut files = Vec::new();
    for root in roots {
        files.extend(rule_files_under(root)?);
    }
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(f.clone()));
    Ok(files)
}

/// The path as the user would type it: without a leading `./`.
fn display_name(path: &Path) -> String {
    path.strip_prefix(".").unwrap_or(path).display().to_string()
}
