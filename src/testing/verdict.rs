//! Judging an evaluation against a case's expectations, and the diff shown when
//! they differ: one line per instance (`c = contoso.com: fired`), expected lines
//! marked `-`, actual lines `+`, agreeing lines unmarked.

use super::{Case, Expectation, OutcomeKind, Want};
use crate::check::program::{Program, Rule};
use crate::eval::run::describe;
use crate::eval::{Evaluation, Instance, Outcome};
use std::collections::BTreeSet;

/// One rule whose outcomes were not as expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    pub rule: String,
    pub lines: Vec<Line>,
}

/// A line of a mismatch's diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    Same(String),
    Expected(String),
    Actual(String),
}

impl Mismatch {
    /// The diff as text, each line indented by `indent`.
    pub fn render(&self, indent: &str) -> String {
        let mut out = format!("{indent}{} (- expected, + actual):\n", self.rule);
        for line in &self.lines {
            let (mark, text) = match line {
                Line::Same(t) => (' ', t),
                Line::Expected(t) => ('-', t),
                Line::Actual(t) => ('+', t),
            };
            out.push_str(&format!("{indent}{mark} {text}\n"));
        }
        out
    }
}

/// Every way the evaluation differs from what `case` expects, in the order the
/// case names the rules, then the rules that `others` covers in program order.
pub fn judge(case: &Case, program: &Program, evaluation: &Evaluation) -> Vec<Mismatch> {
    let mut out = Vec::new();
    for (id, expectation) in &case.expect {
        let lines = match find(program, evaluation, id) {
            Some((rule, instances)) => compare(rule, instances, expectation),
            None => vec![Line::Actual("(no such rule is loaded)".to_string())],
        };
        if lines.iter().any(|l| !matches!(l, Line::Same(_))) {
            out.push(Mismatch {
                rule: id.clone(),
                lines,
            });
        }
    }
    if let Some(others) = case.others {
        let want = Want::outcome(others);
        for result in &evaluation.results {
            let Some(rule) = program.rules.get(result.rule) else {
                continue;
            };
            if rule.disabled.is_some() || case.expect.iter().any(|(id, _)| *id == rule.id) {
                continue;
            }
            let lines: Vec<Line> = result
                .instances
                .iter()
                .filter(|i| !satisfies(i, &want))
                .flat_map(|i| pair(0, Some(i), Some(&want)))
                .collect();
            if !lines.is_empty() {
                out.push(Mismatch {
                    rule: format!("{} (others: {})", rule.id, others.as_str()),
                    lines,
                });
            }
        }
    }
    out
}

/// The rules a case expects to fire somewhere.
pub fn expected_to_fire(case: &Case) -> impl Iterator<Item = &str> {
    case.expect.iter().filter_map(|(id, e)| {
        let fires = match e {
            Expectation::All(w) => w.outcome == OutcomeKind::Fired,
            Expectation::Each(ws) => ws.iter().any(|w| w.outcome == OutcomeKind::Fired),
            Expectation::Disabled => false,
        };
        fires.then_some(id.as_str())
    })
}

fn find<'a>(
    program: &'a Program,
    evaluation: &'a Evaluation,
    id: &str,
) -> Option<(&'a Rule, &'a [Instance])> {
    let index = program.rules.iter().position(|r| r.id == id)?;
    let instances = evaluation
        .results
        .iter()
        .find(|r| r.rule == index)
        .map_or(&[][..], |r| r.instances.as_slice());
    Some((program.rules.get(index)?, instances))
}

fn compare(rule: &Rule, instances: &[Instance], expectation: &Expectation) -> Vec<Line> {
    let disabled = rule
        .disabled
        .as_ref()
        .map(|d| format!("disabled by {}: {}", d.by, d.reason));
    match (expectation, disabled) {
        (Expectation::Disabled, Some(d)) => vec![Line::Same(d)],
        (Expectation::Disabled, None) => vec![
            Line::Expected("disabled".to_string()),
            Line::Actual("not disabled".to_string()),
        ],
        (_, Some(d)) => vec![
            Line::Expected(describe_expectation(expectation)),
            Line::Actual(d),
        ],
        (Expectation::All(want), None) if instances.is_empty() => vec![
            Line::Expected(format!("{} (at least one binding)", want_text(want))),
            Line::Actual("(no outcome: no binding was checked)".to_string()),
        ],
        (Expectation::All(want), None) => instances
            .iter()
            .flat_map(|i| pair(0, Some(i), Some(want)))
            .collect(),
        (Expectation::Each(wants), None) => {
            let n = wants.len().max(instances.len());
            let mut lines: Vec<Line> = (0..n)
                .flat_map(|k| pair(k, instances.get(k), wants.get(k)))
                .collect();
            if n == 0 {
                lines.push(Line::Same("(no outcome)".to_string()));
            }
            lines
        }
    }
}

/// The lines of the instance at `index` against one wanted outcome (either may be
/// missing).
fn pair(index: usize, instance: Option<&Instance>, want: Option<&Want>) -> Vec<Line> {
    match (instance, want) {
        (Some(i), Some(w)) if satisfies(i, w) => vec![Line::Same(actual_line(i))],
        (Some(i), Some(w)) => vec![
            Line::Expected(expected_line(i, w)),
            Line::Actual(actual_line(i)),
        ],
        (Some(i), None) => vec![Line::Actual(actual_line(i))],
        (None, Some(w)) => vec![Line::Expected(format!(
            "{} (binding {} of the list; there are fewer)",
            want_text(w),
            index + 1
        ))],
        (None, None) => Vec::new(),
    }
}

fn satisfies(instance: &Instance, want: &Want) -> bool {
    if instance.outcome.kind() != want.outcome {
        return false;
    }
    let message_ok = match (&want.message, &instance.message) {
        (Some(part), Some(message)) => message.contains(part.as_str()),
        (Some(_), None) => false,
        (None, _) => true,
    };
    let by_ok = match (&want.by, &instance.outcome) {
        (Some(want), Outcome::Skipped { by }) => same_set(want, by.iter().map(String::as_str)),
        _ => true,
    };
    let unknown_ok = match (&want.unknown, &instance.outcome) {
        (Some(want), Outcome::Undetermined { unknown }) => {
            same_set(want, unknown.iter().map(|p| &**p))
        }
        _ => true,
    };
    message_ok && by_ok && unknown_ok
}

fn same_set<'a>(want: &[String], got: impl Iterator<Item = &'a str>) -> bool {
    got.collect::<BTreeSet<&str>>() == want.iter().map(String::as_str).collect()
}

fn binding_prefix(instance: &Instance) -> String {
    if instance.bindings.is_empty() {
        String::new()
    } else {
        format!("{}: ", describe(&instance.bindings))
    }
}

fn expected_line(instance: &Instance, want: &Want) -> String {
    format!("{}{}", binding_prefix(instance), want_text(want))
}

fn want_text(want: &Want) -> String {
    let mut text = want.outcome.as_str().to_string();
    if let Some(m) = &want.message {
        text.push_str(&format!(", message contains \"{m}\""));
    }
    if let Some(by) = &want.by {
        text.push_str(&format!(", by {}", by.join(", ")));
    }
    if let Some(unknown) = &want.unknown {
        text.push_str(&format!(", unknown {}", unknown.join(", ")));
    }
    text
}

fn actual_line(instance: &Instance) -> String {
    let detail = match &instance.outcome {
        Outcome::Fired => instance
            .message
            .as_ref()
            .map(|m| format!(", message \"{m}\""))
            .unwrap_or_default(),
        Outcome::Passed => String::new(),
        Outcome::Skipped { by } => format!(", by {}", by.join(", ")),
        Outcome::Undetermined { unknown } => {
            let paths: Vec<&str> = unknown.iter().map(|p| &**p).collect();
            format!(", unknown {}", paths.join(", "))
        }
    };
    format!(
        "{}{}{detail}",
        binding_prefix(instance),
        instance.outcome.as_str()
    )
}

fn describe_expectation(e: &Expectation) -> String {
    match e {
        Expectation::All(w) => want_text(w),
        Expectation::Each(ws) => {
            let parts: Vec<String> = ws.iter().map(want_text).collect();
            format!("[{}]", parts.join("; "))
        }
        Expectation::Disabled => "disabled".to_string(),
    }
}
