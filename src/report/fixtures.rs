//! Reports built by hand for the renderers' unit tests, so that those tests do not
//! depend on the builtin rules' texts.

use super::{BindingEntry, Report, ResultEntry, RuleText, Summary, UnknownFact, REPORT_FORMAT};
use crate::check::severity::Severity;
use crate::eval::{OutcomeKind, Variable};
use std::sync::Arc;

/// A connector binding `c` at `connectors[index]`.
pub fn connector(index: usize, name: &str) -> BindingEntry {
    binding("c", &format!("connectors[{index}]"), "Connector", name)
}

/// A domain binding `d` at `connectors[connector].domains[index]`.
pub fn domain(connector: usize, index: usize, name: &str) -> BindingEntry {
    binding(
        "d",
        &format!("connectors[{connector}].domains[{index}]"),
        "Domain",
        name,
    )
}

/// An object binding `o` at `objects[index]`.
pub fn object(index: usize, dn: &str) -> BindingEntry {
    binding("o", &format!("objects[{index}]"), "Object", dn)
}

fn binding(name: &str, path: &str, kind: &str, label: &str) -> BindingEntry {
    BindingEntry {
        var: variable(name, Some(kind)),
        path: Some(path.into()),
        label: label.into(),
    }
}

/// A variable of a rule's `for`, of record type `kind`.
pub fn variable(name: &str, kind: Option<&str>) -> Arc<Variable> {
    Arc::new(Variable {
        name: name.into(),
        kind: kind.map(str::to_string),
    })
}

/// An error-level result of `rule` with this outcome at these bindings.
pub fn result(rule: &str, outcome: OutcomeKind, binding: Vec<BindingEntry>) -> ResultEntry {
    ResultEntry {
        about: Arc::new(RuleText {
            id: rule.into(),
            title: format!("Title of {rule}"),
            severity: Severity::Error,
            tags: Vec::new(),
            pack: "phs.builtin".into(),
            pack_version: "1.1.0".into(),
            changes: Vec::new(),
            see: Vec::new(),
        }),
        outcome,
        binding,
        message: None,
        remediation: None,
        evidence: None,
        crosscheck: None,
        skipped_by: Vec::new(),
        unknown: Vec::new(),
    }
}

/// A fired result with its message and remediation.
pub fn fired(
    rule: &str,
    binding: Vec<BindingEntry>,
    message: &str,
    remediation: &str,
) -> ResultEntry {
    ResultEntry {
        message: Some(message.to_string()),
        remediation: Some(remediation.to_string()),
        ..result(rule, OutcomeKind::Fired, binding)
    }
}

/// An undetermined result waiting on these facts (`path`, `collect` hint).
pub fn undetermined(
    rule: &str,
    binding: Vec<BindingEntry>,
    unknown: &[(&str, &str)],
) -> ResultEntry {
    ResultEntry {
        unknown: unknown
            .iter()
            .map(|(path, hint)| UnknownFact {
                path: path.to_string(),
                collect: Some(hint.to_string()).filter(|h| !h.is_empty()),
            })
            .collect(),
        ..result(rule, OutcomeKind::Undetermined, binding)
    }
}

/// A report of these results, with the summary counted from them.
pub fn report(results: Vec<ResultEntry>) -> Report {
    let mut summary = Summary::default();
    for r in &results {
        match r.outcome {
            OutcomeKind::Fired => summary.fired.add(r.about.severity),
            OutcomeKind::Passed => summary.passed += 1,
            OutcomeKind::Skipped => summary.skipped += 1,
            OutcomeKind::Undetermined => summary.undetermined.add(r.about.severity),
        }
    }
    Report {
        format: REPORT_FORMAT,
        facts: "facts.yaml".to_string(),
        now: "2026-11-24T14:00:00Z".to_string(),
        packs: vec![super::PackEntry {
            name: "phs.builtin".to_string(),
            version: "1.1.0".to_string(),
        }],
        summary,
        results,
        disabled: Vec::new(),
    }
}
