//! The command line: one file per subcommand. Only this module touches files, the
//! terminal and exit codes.

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

use crate::diag::{render, Diagnostic};
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

/// Print diagnostics to stderr.
pub fn print_diags(sources: &Sources, diags: &[Diagnostic]) {
    if !diags.is_empty() {
        eprint!("{}", render(sources, diags, console::stderr_style()));
    }
}

/// Run a parsed command line; returns the exit code.
pub fn run(cli: Cli) -> u8 {
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Validate(args) => validate::run(&args),
        Command::Rules(args) => rules::run(&args),
        Command::Schema(args) => schema::run(&args),
        Command::Test(args) => test::run(&args),
        Command::Explain(args) => explain::run(&args),
        Command::Fmt(args) => fmt::run(&args),
        Command::Import(args) => import::run(&args),
    }
}

/// Write to stdout, ignoring a closed pipe (`phsrule check ... | head`).
pub fn print_out(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}
