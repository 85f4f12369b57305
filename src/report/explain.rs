//! `phsrule explain`'s human output: the rule, then each binding's outcome with its
//! `where`, `needs` and `when` as an indented tree of sub-conditions, each with
//! its value and the facts it read; and its JSON output, the same value
//! serialized.

use crate::eval::explain::{BindingExplanation, BindingState, Explanation, Node};
use crate::eval::OutcomeKind;
use std::fmt::Write as _;

/// The explanation as an indented tree of plain text.
pub fn render_human(e: &Explanation, facts: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {} ({}, {})",
        e.rule,
        e.title,
        e.severity.as_str(),
        e.pack
    );
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

/// The explanation as pretty-printed JSON, ending in a newline.
pub fn render_json(e: &Explanation) -> serde_json::Result<String> {
    serde_json::to_string_pretty(e).map(|json| json + "\n")
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
        BindingState::Excluded => " (the `where` condition is not true, so it is not checked)",
        BindingState::Decided(OutcomeKind::Skipped) => " (a `needs` did not hold)",
        BindingState::Disabled
        | BindingState::Decided(
            OutcomeKind::Fired | OutcomeKind::Passed | OutcomeKind::Undetermined,
        ) => "",
    };
    let _ = writeln!(out, "{head}: {}{why}", b.outcome.as_str());
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
    let _ = write!(out, "{indent}{prefix}{}", node.text);
    if !node.value.is_empty() {
        let _ = write!(out, ": {}", node.value);
        if !node.unknown.is_empty() {
            let _ = write!(out, " ({})", node.unknown.join(", "));
        }
    }
    out.push('\n');
    for r in &node.reads {
        let _ = writeln!(out, "{indent}  {} = {}", r.name, r.value);
    }
    for c in &node.children {
        render_node(out, c, depth + 1, "");
    }
}
