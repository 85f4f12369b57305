//! The command line: one file per subcommand. Only this module touches files, the
//! terminal and exit codes.

/// `eprintln!` that never panics: a line to stderr through [`print_err`].
macro_rules! errln {
    ($($arg:tt)*) => {
        $crate::cli::print_err(&format!("{}\n", format_args!($($arg)*)))
    };
}

mod check;
mod console;
mod explain;
mod fmt;
mod import;
pub mod load;
mod rules;
mod schema;
mod test;
mod validate;
pub mod walk;
mod write;

use crate::diag::{render, Diagnostic};
use crate::report::plural;
use crate::source::Sources;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Exit codes of every command.
pub mod exit {
    /// Nothing fired at or above `--fail-on`.
    pub const OK: u8 = 0;
    /// Something fired at or above `--fail-on` (or a test failed).
    pub const FINDINGS: u8 = 1;
    /// The input could not be used.
    pub const BAD_INPUT: u8 = 2;
    /// A bug in phsrule.
    pub const INTERNAL: u8 = 3;
}

#[derive(Debug, Parser)]
#[command(
    name = "phsrule",
    // `phsrule` in usage lines on every system, not `phsrule.exe` on Windows.
    bin_name = "phsrule",
    version,
    about = "Troubleshoot Azure AD Connect password hash sync with declarative rules",
    after_help = "Example:\n  phsrule check facts.yaml\n  phsrule check --rules policy/ --format json facts.yaml"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the rules against facts files and report what fired.
    #[command(
        after_help = "Examples:\n  phsrule check examples/facts/phs011-no-heartbeat.yaml\n  phsrule check --rules examples/org-policy --fail-on warning facts/\n  phsrule check --only PHS011 --now 2026-11-24T15:00:00Z --format json facts.yaml"
    )]
    Check(check::CheckArgs),
    /// Parse and type-check rule files and packs; no facts needed.
    #[command(
        after_help = "Examples:\n  phsrule validate\n  phsrule validate examples/org-policy"
    )]
    Validate(validate::ValidateArgs),
    /// List the loaded rules: id, severity, title, tags, pack@version.
    #[command(
        after_help = "Examples:\n  phsrule rules\n  phsrule rules --rules examples/org-policy --format markdown"
    )]
    Rules(rules::RulesArgs),
    /// Print the fact schema in force (builtin plus org extensions), or a facts-file template.
    #[command(
        after_help = "Examples:\n  phsrule schema\n  phsrule schema --format facts > facts.yaml\n  phsrule schema --rules examples/org-policy"
    )]
    Schema(schema::SchemaArgs),
    /// Run the rule tests (`*.test.yaml`) of rule packs and report their coverage.
    #[command(
        after_help = "Examples:\n  phsrule test rules\n  phsrule test examples/org-policy\n  phsrule test rules/tests/connector.test.yaml"
    )]
    Test(test::TestArgs),
    /// Show how each binding of one rule was decided: every sub-condition's value
    /// and the facts it read.
    #[command(
        after_help = "Examples:\n  phsrule explain PHS011 examples/facts/phs011-no-heartbeat.yaml\n  phsrule explain --rules examples/org-policy ORG002 examples/org-policy/facts/branch-rollout.yaml\n  phsrule explain PHS001 examples/facts/unknowns.yaml --format json"
    )]
    Explain(explain::ExplainArgs),
    /// Rewrite rule files in the one canonical layout, comments kept; `--check` for CI.
    #[command(
        after_help = "Examples:\n  phsrule fmt rules\n  phsrule fmt --check rules examples\n  phsrule fmt --stdout policy/contoso.phs"
    )]
    Fmt(fmt::FmtArgs),
    /// Build one facts file from a server's exports: the configuration, events,
    /// base facts files, or the folder of the collector script.
    #[command(
        after_help = "Examples:\n  phsrule import --from PhsFacts -o facts.yaml && phsrule check facts.yaml\n  phsrule import --config C:\\ADSyncConfig --events events.csv --utc-offset +01:00 -o facts.yaml\n  phsrule import --config export/ --base engineer.yaml -o facts.json"
    )]
    Import(import::ImportArgs),
}

/// Options shared by every command that loads rules.
#[derive(Debug, clap::Args, Clone)]
pub struct RuleArgs {
    /// A `.phs` file or a folder of them, loaded on top of the builtin pack (repeatable).
    #[arg(long = "rules", value_name = "PATH")]
    pub rules: Vec<PathBuf>,
    /// Do not load the builtin pack (the fact schema must then come from --rules).
    #[arg(long)]
    pub no_builtin: bool,
}

impl RuleArgs {
    pub fn sources(&self) -> load::RuleSources {
        load::RuleSources {
            builtin: !self.no_builtin,
            paths: self.rules.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    Markdown,
    Junit,
    Sarif,
}

/// Print diagnostics to stderr. An internal error among them (a bug in phsrule)
/// makes the run exit with code 3, whatever the command returns: see [`run`].
pub fn print_diags(sources: &Sources, diags: &[Diagnostic]) {
    if diags.iter().any(Diagnostic::is_internal) {
        INTERNAL_ERROR.store(true, std::sync::atomic::Ordering::Relaxed);
    }
    if !diags.is_empty() {
        print_err(&render(sources, diags, console::stderr_style()));
    }
}

/// Print why the input could not be used; the exit code that says so.
fn bad_input(sources: &Sources, failure: &load::Failure) -> u8 {
    print_diags(sources, &failure.diags);
    exit::BAD_INPUT
}

/// Write a message to stderr. A stderr that cannot be written (closed) loses the
/// message, but never aborts the run: there is nowhere left to say anything.
pub fn print_err(text: &str) {
    use std::io::Write;
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes());
    let _ = err.flush();
}

/// Set when [`print_diags`] printed an internal error.
static INTERNAL_ERROR: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Run a parsed command line; returns the exit code.
///
/// An internal error printed on the way is exit code 3, whatever the command
/// found. A report that could not be written to stdout (disk full, an I/O error)
/// is a failure, exit code 2; a closed pipe (`| head`) is not: the reader has
/// what it wanted.
pub fn run(cli: Cli) -> u8 {
    let code = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Validate(args) => validate::run(&args),
        Command::Rules(args) => rules::run(&args),
        Command::Schema(args) => schema::run(&args),
        Command::Test(args) => test::run(&args),
        Command::Explain(args) => explain::run(&args),
        Command::Fmt(args) => fmt::run(&args),
        Command::Import(args) => import::run(&args),
    };
    if INTERNAL_ERROR.load(std::sync::atomic::Ordering::Relaxed) {
        return exit::INTERNAL;
    }
    match STDOUT_ERROR.lock().map(|mut e| e.take()) {
        Ok(Some(err)) => {
            print_err(&format!(
                "error: cannot write the output to stdout: {err}\n  help: check the disk or file the output goes to, and run again\n"
            ));
            exit::BAD_INPUT
        }
        _ => code,
    }
}

/// Write text for a person to stdout, with [`crate::diag::visible`]: nothing in
/// it from a file (a name, a message, a rule's text) acts on the terminal.
pub fn print_human(text: &str) {
    print_out(&crate::diag::visible(text));
}

/// Buffered stdout, as [`write_out`] lends it.
pub type Stdout<'a> = std::io::BufWriter<std::io::StdoutLock<'a>>;

/// The first error writing stdout, other than a closed pipe; [`run`] turns it into
/// exit code 2.
static STDOUT_ERROR: std::sync::Mutex<Option<std::io::Error>> = std::sync::Mutex::new(None);

/// Write to stdout. A closed pipe (`phsrule check ... | head`) is ignored; any
/// other error is kept for [`run`], which makes the run fail.
pub fn print_out(text: &str) {
    use std::io::Write;
    write_out(|out| out.write_all(text.as_bytes()));
}

/// Write to stdout through a buffer, as `write` produces the text: for output too
/// large to hold whole (the JSON report of a tenant). Errors as [`print_out`]'s;
/// `write` stops at the first, so a closed pipe also ends the work.
pub fn write_out(write: impl FnOnce(&mut Stdout<'_>) -> std::io::Result<()>) {
    use std::io::Write;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = write(&mut out).and_then(|()| out.flush());
    if let Err(err) = written {
        if err.kind() != std::io::ErrorKind::BrokenPipe {
            if let Ok(mut first) = STDOUT_ERROR.lock() {
                first.get_or_insert(err);
            }
        }
    }
}
