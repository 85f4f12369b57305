//! `phsrule explain RULE FACTS`: how each binding of one rule was decided.
//!
//! Loads rules and facts as `check` does, evaluates every rule (so `needs` are
//! decided as in a full run), then asks `eval::explain` for the rule's condition
//! trees, walked from the checked program.

use super::load::{load_facts_text, load_rules, read_text, Failure};
use super::{exit, print_diags, print_out, RuleArgs};
use crate::diag::Diagnostic;
use crate::eval::evaluate;
use crate::eval::explain::{explain_rule, Explanation};
use crate::facts::LoadOptions;
use crate::limits;
use crate::report::explain::{render_human, render_json};
use crate::source::Sources;
use chrono::{DateTime, FixedOffset};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The rule to explain, e.g. PHS011.
    #[arg(value_name = "RULE")]
    pub rule: String,
    /// The facts file (YAML or JSON).
    #[arg(value_name = "FACTS")]
    pub facts: PathBuf,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Evaluate time windows as of this RFC 3339 time instead of `collected_at`.
    #[arg(long, value_name = "TIMESTAMP", value_parser = super::check::parse_now)]
    pub now: Option<DateTime<FixedOffset>>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExplainFormat::Human)]
    pub format: ExplainFormat,
    /// Accept keys the schema does not declare (they are ignored).
    #[arg(long)]
    pub allow_extra_keys: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExplainFormat {
    Human,
    Json,
}

pub fn run(args: &ExplainArgs) -> u8 {
    let mut sources = Sources::new();
    match explain(&mut sources, args).and_then(|e| render(&e, args)) {
        Ok(text) => {
            match args.format {
                ExplainFormat::Human => super::print_human(&text),
                ExplainFormat::Json => print_out(&text),
            }
            exit::OK
        }
        Err(f) => super::bad_input(&sources, &f),
    }
}

/// The explanation in the chosen format. An explanation that JSON cannot hold is
/// a bug (exit 3), not an empty output.
fn render(e: &Explanation, args: &ExplainArgs) -> Result<String, Failure> {
    match args.format {
        ExplainFormat::Human => Ok(render_human(e, &args.facts.display().to_string())),
        ExplainFormat::Json => render_json(e).map_err(|err| {
            let what = format!("the explanation could not be written as JSON: {err}");
            Failure::from(Diagnostic::internal(what, "the rule and the facts file"))
        }),
    }
}

fn explain(sources: &mut Sources, args: &ExplainArgs) -> Result<Explanation, Failure> {
    let loaded = load_rules(sources, &args.rules.sources())?;
    print_diags(sources, &loaded.warnings);
    let program = &loaded.program;
    if !program.rules.iter().any(|r| r.id == args.rule) {
        return Err(super::load::unknown_rule(program, &args.rule).into());
    }
    let name = args.facts.display().to_string();
    let text = read_text(&args.facts, limits::MAX_FACTS_BYTES, "facts file")?;
    let id = sources.add(name.clone(), text.as_str());
    let opts = LoadOptions {
        allow_extra_keys: args.allow_extra_keys,
        json: super::walk::has_extension(&args.facts, &["json"]),
    };
    let (facts, now) = load_facts_text(&program.schema, id, &name, &text, args.now, &opts)?;
    let evaluation =
        evaluate(program, &facts.root, now).map_err(|e| Failure::from(e.to_diagnostic()))?;
    explain_rule(program, &args.rule, sources, &facts.root, &evaluation)
        .map_err(|e| Failure::from(e.to_diagnostic()))
}
