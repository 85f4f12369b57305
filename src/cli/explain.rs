//! `phsrule explain RULE FACTS`: how each binding of one rule was decided.
//!
//! Loads rules and facts as `check` does, evaluates every rule (so `needs` are
//! decided as in a full run), then asks `eval::explain` for the rule's condition
//! trees, walked from the checked program.

use super::load::{load_facts_text, load_rules, read_text, Failure};
use super::{exit, print_diags, print_out, RuleArgs};
use crate::eval::evaluate;
use crate::eval::explain::{explain_rule, BindingExplanation, Explanation, Node};
use crate::facts::LoadOptions;
use crate::limits;
use crate::source::Sources;
use chrono::{DateTime, FixedOffset};
use std::fmt::Write as _;
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
    match explain(&mut sources, args) {
        Ok(e) => {
            let text = match args.format {
                ExplainFormat::Human => render_human(&e, &args.facts.display().to_string()),
                ExplainFormat::Json => serde_json::to_string_pretty(&e).unwrap_or_default() + "\n",
            };
            match args.format {
                ExplainFormat::Human => super::print_human(&text),
                ExplainFormat::Json => print_out(&text),
            }
            exit::OK
        }
        Err(f) => {
            print_diags(&sources, &f.diags);
            exit::BAD_INPUT
        }
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

/// The explanation as an indented tree of plain text.
pub fn render_human(e: &Explanation, facts: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} {} ({}, {})", e.rule, e.title, e.severity, e.pack);
    let _ = writeln!(out, "facts {facts}");
    let _ = writeln!(out, "now = {}", e.now);
    for p in &e.params {
        let _ = writeln!(out, "param {} = {}", p.name, p.value);
    }
    for c in &e.changes {
        let _ = writeln!(out, "changed: {c}");
    }
    if let Some(d) = &e.disabled {
        let _ = writeln!(out, "{d}");
    }
    if e.bindings.is_empty() {
        let _ = writeln!(out, "\nno bindings: the rule's lists are empty here");
    }
    for b in &e.bindings {
        out.push('\n');
        render_binding(&mut out, b);
    }
    out
}

fn render_binding(out: &mut String, b: &BindingExplanation) {
    let head = if b.binding.is_empty() {
        "result".to_string()
    } else if b.paths.is_empty() {
        b.binding.clone()
    } else {
        format!("{} ({})", b.binding, b.paths.join(", "))
    };
    let why = match b.outcome {
        "excluded" => " (the `where` condition is not true, so it is not checked)",
        "skipped" => " (a `needs` did not hold)",
        _ => "",
    };
    let _ = writeln!(out, "{head}: {}{why}", b.outcome);
    if let Some(m) = &b.message {
        let _ = writeln!(out, "  message: {m}");
    }
    if !b.unknown.is_empty() {
        let _ = writeln!(out, "  unknown: {}", b.unknown.join(", "));
    }
    if let Some(f) = &b.filter {
        render_node(out, f, 1, "where ");
    }
    for n in &b.needs {
        let state = match (n.held, n.need.strip_prefix("not ")) {
            (true, _) => "met".to_string(),
            (false, Some(id)) => format!("not met, {id} fired here"),
            (false, None) => format!("not met, {} did not fire here", n.need),
        };
        let _ = writeln!(out, "  needs {}: {state}", n.need);
    }
    if let Some(w) = &b.when {
        render_node(out, w, 1, "when ");
    }
}

fn render_node(out: &mut String, node: &Node, depth: usize, prefix: &str) {
    let indent = "  ".repeat(depth);
    let unknown = if node.unknown.is_empty() {
        String::new()
    } else {
        format!(" ({})", node.unknown.join(", "))
    };
    let value = if node.value.is_empty() {
        String::new()
    } else {
        format!(": {}{unknown}", node.value)
    };
    let _ = writeln!(out, "{indent}{prefix}{}{value}", node.text);
    for r in &node.reads {
        let _ = writeln!(out, "{indent}  {} = {}", r.name, r.value);
    }
    for c in &node.children {
        render_node(out, c, depth + 1, "");
    }
}
