//! Reports: one [`Report`] value per facts file, rendered as human text, JSON
//! (`phsrule-report/1`), Markdown, JUnit or SARIF; and the other printouts of
//! what was loaded: the rule catalogue ([`catalogue`]) and the fact schema
//! ([`schema`]).
//!
//! The report holds everything a renderer shows, already as text; renderers only
//! lay it out. Selection (`--only`, `--skip`) happens when the report is built, so
//! every format counts the same things; [`Selection::rules_to_evaluate`] tells
//! evaluation which rules it can leave out.

pub mod catalogue;
pub mod collect_next;
pub mod explain;
pub mod first_step;
#[cfg(test)]
mod fixtures;
pub mod human;
pub mod json;
pub mod junit;
pub mod line_kind;
pub mod mark;
pub mod markdown;
pub mod redact;
pub mod sarif;
pub mod schema;
pub mod start_here;
pub mod tree;

use crate::check::program::Program;
use crate::check::severity::Severity;
use crate::eval::{Evaluation, Instance, Outcome, OutcomeKind};
use crate::value::format_time;
use serde::Serialize;
use std::sync::Arc;

/// The version tag of the JSON report.
pub const REPORT_FORMAT: &str = "phsrule-report/1";

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Report {
    pub format: &'static str,
    /// The facts file, as the user named it.
    pub facts: String,
    pub now: String,
    pub packs: Vec<PackEntry>,
    pub summary: Summary,
    /// One entry per rule and binding, in rule order then binding order.
    pub results: Vec<ResultEntry>,
    /// Rules an org pack disabled.
    pub disabled: Vec<DisabledEntry>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct PackEntry {
    pub name: String,
    pub version: String,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub fired: SeverityCounts,
    pub passed: usize,
    pub skipped: usize,
    pub undetermined: SeverityCounts,
    pub disabled: usize,
}

#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct SeverityCounts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl SeverityCounts {
    fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.error += 1,
            Severity::Warning => self.warning += 1,
            Severity::Info => self.info += 1,
        }
    }

    pub fn total(&self) -> usize {
        self.error + self.warning + self.info
    }

    /// How many are at or above `level`.
    pub fn at_least(&self, level: Severity) -> usize {
        match level {
            Severity::Error => self.error,
            Severity::Warning => self.error + self.warning,
            Severity::Info => self.total(),
        }
    }
}

/// One outcome of one rule. What belongs to the rule (its id, title, tags,
/// pack, changes and links) is shared by all its entries, not copied into each:
/// a large file has hundreds of thousands of entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultEntry {
    /// The rule's text, one copy shared by all its entries.
    pub about: Arc<RuleText>,
    pub outcome: OutcomeKind,
    pub binding: Vec<BindingEntry>,
    pub message: Option<String>,
    pub remediation: Option<String>,
    /// What a passed check saw.
    pub evidence: Option<String>,
    /// The command that checks the same on the server.
    pub crosscheck: Option<String>,
    pub skipped_by: Vec<String>,
    pub unknown: Vec<UnknownFact>,
}

/// What every entry of one rule shows alike, made once per rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleText {
    pub id: String,
    pub title: String,
    pub severity: Severity,
    pub tags: Vec<String>,
    pub pack: String,
    pub pack_version: String,
    /// `what by whom`, for each change an org pack made to the rule.
    pub changes: Vec<String>,
    pub see: Vec<String>,
}

/// One entry of `results` in `docs/report-format.md`: the rule's text, then
/// what became of it at this binding; empty optional parts are left out.
impl Serialize for ResultEntry {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let about = &*self.about;
        let mut entry = serializer.serialize_struct("ResultEntry", 16)?;
        entry.serialize_field("rule", &about.id)?;
        entry.serialize_field("title", &about.title)?;
        entry.serialize_field("severity", &about.severity)?;
        entry.serialize_field("tags", &about.tags)?;
        entry.serialize_field("pack", &about.pack)?;
        entry.serialize_field("pack_version", &about.pack_version)?;
        entry.serialize_field("outcome", &self.outcome)?;
        entry.serialize_field("binding", &self.binding)?;
        let texts = [
            ("message", &self.message),
            ("remediation", &self.remediation),
            ("evidence", &self.evidence),
            ("crosscheck", &self.crosscheck),
        ];
        for (key, text) in texts {
            if let Some(text) = text {
                entry.serialize_field(key, text)?;
            }
        }
        if !self.skipped_by.is_empty() {
            entry.serialize_field("skipped_by", &self.skipped_by)?;
        }
        if !self.unknown.is_empty() {
            entry.serialize_field("unknown", &self.unknown)?;
        }
        for (key, items) in [("changes", &about.changes), ("see", &about.see)] {
            if !items.is_empty() {
                entry.serialize_field(key, items)?;
            }
        }
        entry.end()
    }
}

impl Report {
    /// The entries with this outcome, in report order.
    pub fn with_outcome(&self, outcome: OutcomeKind) -> impl Iterator<Item = &ResultEntry> {
        self.results.iter().filter(move |r| r.outcome == outcome)
    }
}

impl ResultEntry {
    /// What the entry says: its message, or the rule's title where it has none.
    pub fn message_or_title(&self) -> &str {
        self.message.as_deref().unwrap_or(&self.about.title)
    }

    /// The paths of the facts that left it undetermined: `a.b, c.d`.
    pub fn unknown_paths(&self) -> String {
        let paths: Vec<&str> = self.unknown.iter().map(|u| u.path.as_str()).collect();
        paths.join(", ")
    }
}

/// A variable of the rule's `for` and the value it was bound to: the
/// evaluation's own [`Bound`](crate::eval::Bound), moved into the report. Its
/// name and record type are shared by every binding of the rule, its path and
/// label with the facts (every rule over one record names it alike).
pub type BindingEntry = crate::eval::Bound;

/// `{"name", "path"?, "kind"?, "label"}`, as `docs/report-format.md` shows it.
impl Serialize for BindingEntry {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let fields = 2 + usize::from(self.path.is_some()) + usize::from(self.kind().is_some());
        let mut entry = serializer.serialize_struct("BindingEntry", fields)?;
        entry.serialize_field("name", self.name())?;
        if let Some(path) = &self.path {
            entry.serialize_field("path", path)?;
        }
        if let Some(kind) = self.kind() {
            entry.serialize_field("kind", kind)?;
        }
        entry.serialize_field("label", &self.label)?;
        entry.end()
    }
}

/// A fact that was missing, and where to find it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct UnknownFact {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collect: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DisabledEntry {
    pub rule: String,
    pub title: String,
    pub by: String,
    pub reason: String,
}

/// Which rules a report shows and counts (`--only`, `--skip`).
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub only: Vec<String>,
    pub skip: Vec<String>,
}

impl Selection {
    pub fn includes(&self, id: &str) -> bool {
        (self.only.is_empty() || self.only.iter().any(|o| o == id))
            && !self.skip.iter().any(|s| s == id)
    }

    /// Which rules must be evaluated for this selection, by index into
    /// `Program::rules`: the selected ones and, transitively, those they `need`
    /// (with or without `not`), since a need reads the other rule's outcomes.
    /// Empty when every rule is selected.
    pub fn rules_to_evaluate(&self, program: &Program) -> Vec<bool> {
        if self.only.is_empty() && self.skip.is_empty() {
            return Vec::new();
        }
        let mut wanted = vec![false; program.rules.len()];
        let mut todo: Vec<usize> = program
            .rules
            .iter()
            .enumerate()
            .filter(|(_, rule)| self.includes(&rule.id))
            .map(|(i, _)| i)
            .collect();
        while let Some(i) = todo.pop() {
            match wanted.get_mut(i) {
                Some(mark) if !*mark => *mark = true,
                _ => continue,
            }
            if let Some(rule) = program.rules.get(i) {
                todo.extend(rule.needs.iter().map(|n| n.rule.0));
            }
        }
        wanted
    }
}

/// Build the report of one facts file. The evaluation is consumed: its
/// outcomes' bindings and texts move into the entries, rule by rule, so a large
/// file's evaluation and report are never held in full at once.
pub fn build_report(
    program: &Program,
    eval: Evaluation,
    facts: &str,
    selection: &Selection,
) -> Report {
    let mut summary = Summary::default();
    let shown = |rule: usize| {
        program
            .rules
            .get(rule)
            .is_some_and(|r| r.disabled.is_none() && selection.includes(&r.id))
    };
    let entries = eval
        .results
        .iter()
        .filter(|r| shown(r.rule))
        .map(|r| r.instances.len())
        .fold(0, usize::saturating_add);
    let mut results = Vec::with_capacity(entries);
    let mut disabled = Vec::new();
    for result in eval.results {
        let Some(rule) = program.rules.get(result.rule) else {
            continue;
        };
        if !selection.includes(&rule.id) {
            continue;
        }
        if let Some(d) = &rule.disabled {
            summary.disabled += 1;
            disabled.push(DisabledEntry {
                rule: rule.id.clone(),
                title: rule.title.clone(),
                by: d.by.clone(),
                reason: d.reason.clone(),
            });
            continue;
        }
        let about = RuleText::of(program, rule);
        for inst in result.instances {
            match &inst.outcome {
                Outcome::Fired => summary.fired.add(rule.severity),
                Outcome::Passed => summary.passed += 1,
                Outcome::Skipped { .. } => summary.skipped += 1,
                Outcome::Undetermined { .. } => summary.undetermined.add(rule.severity),
            }
            results.push(entry(program, &about, inst));
        }
    }
    Report {
        format: REPORT_FORMAT,
        facts: facts.to_string(),
        now: format_time(&eval.now),
        packs: program
            .packs
            .iter()
            .map(|p| PackEntry {
                name: p.name.clone(),
                version: p.version.to_string(),
            })
            .collect(),
        summary,
        results,
        disabled,
    }
}

impl RuleText {
    fn of(program: &Program, rule: &crate::check::program::Rule) -> Arc<RuleText> {
        let pack = program.packs.get(rule.pack);
        Arc::new(RuleText {
            id: rule.id.clone(),
            title: rule.title.clone(),
            severity: rule.severity,
            tags: rule.tags.clone(),
            pack: pack.map_or_else(String::new, |p| p.name.clone()),
            pack_version: pack.map(|p| p.version.to_string()).unwrap_or_default(),
            changes: rule
                .changes
                .iter()
                .map(|c| format!("{} by {}", c.what, c.by))
                .collect(),
            see: rule.see.clone(),
        })
    }
}

/// The entry of one rule at one binding.
fn entry(program: &Program, about: &Arc<RuleText>, inst: Instance) -> ResultEntry {
    let outcome = inst.outcome.kind();
    let (skipped_by, unknown) = match inst.outcome {
        Outcome::Skipped { by } => (by, Vec::new()),
        Outcome::Undetermined { unknown } => (
            Vec::new(),
            unknown
                .iter()
                .map(|p| UnknownFact {
                    path: p.to_string(),
                    collect: program.schema.collect_hint(p).map(str::to_string),
                })
                .collect(),
        ),
        Outcome::Fired | Outcome::Passed => (Vec::new(), Vec::new()),
    };
    ResultEntry {
        about: Arc::clone(about),
        outcome,
        binding: inst.bindings,
        message: inst.message,
        remediation: inst.remediation,
        evidence: inst.evidence,
        crosscheck: inst.crosscheck,
        skipped_by,
        unknown,
    }
}

/// Text for a terminal: control characters from the facts (an escape sequence
/// in an event message, say) are shown as visible symbols instead of being
/// interpreted; line breaks and tabs stay. The one table is `diag::visible`.
pub fn printable(text: &str) -> String {
    crate::diag::visible(text).into_owned()
}

/// The one-line summary: `3 fired (2 errors, 1 warning), 30 passed, 3 skipped, 1 undetermined`.
pub fn summary_line(s: &Summary) -> String {
    let counts = s.fired;
    let by_severity: Vec<String> = [
        (counts.error, "error", plural(counts.error)),
        (counts.warning, "warning", plural(counts.warning)),
        (counts.info, "info", ""),
    ]
    .iter()
    .filter(|(n, ..)| *n > 0)
    .map(|(n, what, ending)| format!("{n} {what}{ending}"))
    .collect();
    let fired = counts.total();
    let mut parts = vec![if by_severity.is_empty() {
        format!("{fired} fired")
    } else {
        format!("{fired} fired ({})", by_severity.join(", "))
    }];
    parts.push(format!("{} passed", s.passed));
    parts.push(format!("{} skipped", s.skipped));
    parts.push(format!("{} undetermined", s.undetermined.total()));
    if s.disabled > 0 {
        parts.push(format!("{} disabled", s.disabled));
    }
    parts.join(", ")
}

/// The `s` of a counted noun's plural: `1 check`, `2 checks` (the report's
/// lines and the commands' own).
pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use crate::eval::OutcomeKind;

    #[test]
    fn outcomes_serialize_as_the_report_format_spells_them() {
        for outcome in OutcomeKind::ALL {
            let json = serde_json::to_string(&outcome).ok();
            assert_eq!(json, Some(format!("\"{}\"", outcome.as_str())));
        }
    }

    #[test]
    fn control_characters_are_made_visible() {
        assert_eq!(
            super::printable("a\u{1b}[31mb\n\tc\r"),
            "a\u{241b}[31mb\n\tc\u{240d}"
        );
    }
}
