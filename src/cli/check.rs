//! `phsrule check FACTS...`: run the rules against facts files and report.

mod progress;

use super::load::{load_facts_file, load_rules, no_time, unknown_rule, Failure};
use super::walk::{files_under, has_extension, Depth};
use super::{bad_input, exit, print_diags, print_out, write_out, Format, RuleArgs};
use crate::check::severity::Severity;
use crate::check::Program;
use crate::diag::Diagnostic;
use crate::eval::evaluate_some;
use crate::facts::LoadOptions;
use crate::report::redact::{collect_names, Names, Redaction};
use crate::report::{build_report, human, json, markdown, Report, Selection};
use crate::source::Sources;
use chrono::{DateTime, FixedOffset};
use progress::{Progress, Terminal};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Facts files (YAML or JSON), or folders of them.
    #[arg(required = true, value_name = "FACTS")]
    pub facts: Vec<PathBuf>,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Report format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Lowest severity that makes the run fail (exit code 1).
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Count undetermined checks towards --fail-on, each at its rule's severity.
    #[arg(long)]
    pub strict: bool,
    /// Evaluate time windows as of this RFC 3339 time instead of `collected_at`.
    #[arg(long, value_name = "TIMESTAMP", value_parser = parse_now)]
    pub now: Option<DateTime<FixedOffset>>,
    /// Report and count only these rules (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "ID,...")]
    pub only: Vec<String>,
    /// Leave these rules out of the report and the count.
    #[arg(long, value_delimiter = ',', value_name = "ID,...")]
    pub skip: Vec<String>,
    /// Show passed checks too.
    #[arg(long, short)]
    pub verbose: bool,
    /// Accept keys the schema does not declare (they are ignored).
    #[arg(long)]
    pub allow_extra_keys: bool,
    /// Replace DNs and account, server, tenant, connector and domain names in the
    /// report with placeholders such as `<domain-1>`, to share it safely.
    #[arg(long)]
    pub redact: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

pub(super) fn parse_now(text: &str) -> Result<DateTime<FixedOffset>, String> {
    DateTime::parse_from_rfc3339(text)
        .map_err(|e| format!("`{text}` is not an RFC 3339 time with an offset ({e}); write e.g. 2026-11-24T14:00:00Z"))
}

pub fn run(args: &CheckArgs) -> u8 {
    let mut sources = Sources::new();
    let loaded = match load_rules(&mut sources, &args.rules.sources()) {
        Ok(l) => l,
        Err(f) => return bad_input(&sources, &f),
    };
    print_diags(&sources, &loaded.warnings);
    let program = &loaded.program;
    let paths = match check_selection(program, args).and_then(|()| facts_paths(&args.facts)) {
        Ok(p) => p,
        Err(f) => return bad_input(&sources, &f),
    };
    let json = args.format == Format::Json;
    let progress = Progress::new(Terminal::of_process().shows_progress(json));
    let selection = Selection {
        only: args.only.clone(),
        skip: args.skip.clone(),
    };
    let job = Job {
        program,
        args,
        progress: &progress,
        // Only the selected rules and those they need: the others are not shown.
        wanted: selection.rules_to_evaluate(program),
        selection,
    };
    let outcomes = progress.during(|| check_all(&job, &paths));
    let mut reports = Vec::new();
    let mut names = Vec::new();
    let mut failed = false;
    for outcome in outcomes {
        match outcome {
            Ok((report, found)) => {
                reports.push(report);
                names.push(found);
            }
            Err((file_sources, diags)) => {
                failed = true;
                // An evaluation error points into the rules, not the facts file.
                let shown = match file_sources.get(crate::source::FileId(0)) {
                    Some(_) => &file_sources,
                    None => &sources,
                };
                print_diags(shown, &diags);
            }
        }
    }
    if failed {
        return exit::BAD_INPUT;
    }
    if args.redact {
        let redaction = Redaction::new(&names);
        reports.iter_mut().for_each(|r| redaction.apply(r));
    }
    if let Err(d) = print_reports(&reports, args) {
        print_diags(&sources, &[d]);
        return exit::INTERNAL;
    }
    if reports.iter().any(|r| fails(r, args)) {
        exit::FINDINGS
    } else {
        exit::OK
    }
}

/// `--only` and `--skip` must name loaded rules.
fn check_selection(program: &Program, args: &CheckArgs) -> Result<(), Failure> {
    let mut diags = Vec::new();
    for id in args.only.iter().chain(&args.skip) {
        if !program.rules.iter().any(|r| r.id == *id) {
            diags.push(unknown_rule(program, id));
        }
    }
    if diags.is_empty() {
        Ok(())
    } else {
        Err(diags.into())
    }
}

/// The extensions of facts files, matched in any case.
const FACTS_EXTENSIONS: &[&str] = &["yaml", "yml", "json"];

/// Facts files named directly, and the `.yaml`, `.yml` and `.json` files of
/// folders (not of their subfolders). A folder without any is an error: a run
/// that checked nothing must not look like a clean one.
fn facts_paths(args: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let mut out = Vec::new();
    for path in args {
        if path.is_dir() {
            let found = files_under(path, Depth::Flat, |p| has_extension(p, FACTS_EXTENSIONS))?;
            if found.is_empty() {
                return Err(Diagnostic::error(
                    "phs::cli::no-facts",
                    format!("no facts files in `{}`", path.display()),
                )
                .help("give facts files (`.yaml`, `.yml` or `.json`) or a folder holding them")
                .into());
            }
            out.extend(found);
        } else {
            out.push(path.clone());
        }
    }
    Ok(out)
}

type FileOutcome = Result<(Report, Names), (Sources, Vec<Diagnostic>)>;

/// What every facts file of one run is checked with, worked out once.
struct Job<'a> {
    program: &'a Program,
    args: &'a CheckArgs,
    progress: &'a Progress,
    selection: Selection,
    /// `Selection::rules_to_evaluate`.
    wanted: Vec<bool>,
}

/// Check every facts file, several at once on machines with several cores.
fn check_all(job: &Job, paths: &[PathBuf]) -> Vec<FileOutcome> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(paths.len())
        .max(1);
    if workers == 1 {
        return paths.iter().map(|p| check_one(job, p)).collect();
    }
    let mut results: Vec<Option<FileOutcome>> = (0..paths.len()).map(|_| None).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                scope.spawn(move || {
                    paths
                        .iter()
                        .enumerate()
                        .skip(w)
                        .step_by(workers)
                        .map(|(i, p)| (i, check_one(job, p)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for (i, r) in handles.into_iter().filter_map(|h| h.join().ok()).flatten() {
            if let Some(slot) = results.get_mut(i) {
                *slot = Some(r);
            }
        }
    });
    // A file whose worker panicked has no outcome: that is a bug, said as one.
    let lost = || {
        let what = "the facts files and the command line";
        Err((
            Sources::new(),
            vec![Diagnostic::internal("a worker thread failed", what)],
        ))
    };
    results
        .into_iter()
        .map(|r| r.unwrap_or_else(lost))
        .collect()
}

fn check_one(job: &Job, path: &Path) -> FileOutcome {
    let (program, args) = (job.program, job.args);
    let mut sources = Sources::new();
    let name = path.display().to_string();
    job.progress.say(|| format!("{name}: reading the facts"));
    let opts = LoadOptions {
        allow_extra_keys: args.allow_extra_keys,
        json: has_extension(path, &["json"]),
    };
    let facts = load_facts_file(&program.schema, &mut sources, path, &opts)
        .map_err(|diags| (std::mem::take(&mut sources), diags))?;
    let Some(now) = args.now.or(facts.collected_at) else {
        return Err((sources, vec![no_time(&name)]));
    };
    job.progress.say(|| format!("{name}: evaluating the rules"));
    let evaluation = evaluate_some(program, &facts.root, now, &job.wanted)
        .map_err(|e| (Sources::new(), vec![e.to_diagnostic()]))?;
    job.progress.say(|| format!("{name}: building the report"));
    let names = if args.redact {
        collect_names(&program.schema, &facts.root)
    } else {
        Names::default()
    };
    Ok((
        build_report(program, evaluation, &name, &job.selection),
        names,
    ))
}

/// Print the reports in the chosen format, each written out as it is rendered:
/// a JSON report straight from its values, the human and Markdown reports one
/// facts file at a time. A report that JSON cannot hold is a bug
/// (`phs::internal`, exit 3), never an empty or made-up output; errors writing
/// stdout are [`write_out`]'s.
fn print_reports(reports: &[Report], args: &CheckArgs) -> Result<(), Diagnostic> {
    let internal = |err: serde_json::Error| {
        let what = format!("the report could not be written as JSON: {err}");
        Diagnostic::internal(what, "the facts files and the command line")
    };
    match args.format {
        Format::Json => {
            let mut bug = None;
            write_out(|out| {
                json::write_json(out, reports).or_else(|err| match err.io_error_kind() {
                    Some(_) => Err(err.into()),
                    None => {
                        bug = Some(err);
                        Ok(())
                    }
                })
            });
            return bug.map_or(Ok(()), |err| Err(internal(err)));
        }
        Format::Junit => print_out(&crate::report::junit::render_junit(reports)),
        Format::Sarif => {
            print_out(&crate::report::sarif::render_sarif(reports).map_err(internal)?);
        }
        Format::Human => {
            let layout = human::Layout {
                verbose: args.verbose,
                ..human::Layout::default()
            };
            print_each(reports, |r| human::render_human(r, layout));
        }
        Format::Markdown => print_each(reports, |r| markdown::render_markdown(r, args.verbose)),
    }
    Ok(())
}

/// Reports rendered as text one at a time, a blank line apart, each made
/// [`printable`](crate::report::printable) before it is written.
fn print_each(reports: &[Report], render: impl Fn(&Report) -> String) {
    write_out(|out| {
        for (i, report) in reports.iter().enumerate() {
            if i > 0 {
                out.write_all(b"\n")?;
            }
            out.write_all(crate::report::printable(&render(report)).as_bytes())?;
        }
        Ok(())
    });
}

/// Whether this report makes the run fail under `--fail-on` (and `--strict`).
fn fails(report: &Report, args: &CheckArgs) -> bool {
    let level = match args.fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
        FailOn::Never => return false,
    };
    let s = &report.summary;
    s.fired.at_least(level) > 0 || (args.strict && s.undetermined.at_least(level) > 0)
}
