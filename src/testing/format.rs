//! Reading a `*.test.yaml` file into [`Case`]s, reporting every problem at once.
//!
//! The file is read with serde_yaml into a generic tree first, then each case is
//! read by hand, so that a problem names its case and unknown keys get a "did you
//! mean". Which rule ids exist is not known here; the command line checks them.

use super::{Case, Expectation, FactsSource, OutcomeKind, Want};
use crate::diag::suggestion;
use crate::facts::{read_yaml_tree, TreeError};
use chrono::{DateTime, FixedOffset};
use serde_yaml::{Mapping, Value};

/// A problem with a test file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// `case `name`` or `case 3` (counted from 1); `None` for the whole file.
    pub case: Option<String>,
    pub message: String,
    pub help: Option<String>,
    /// Byte offset in the file, where the YAML parser gave one.
    pub offset: Option<usize>,
}

impl Problem {
    fn new(case: Option<String>, message: impl Into<String>) -> Problem {
        Problem {
            case,
            message: message.into(),
            help: None,
            offset: None,
        }
    }

    fn help(mut self, help: Option<String>) -> Problem {
        self.help = help;
        self
    }
}

const CASE_KEYS: [&str; 7] = ["name", "facts", "base", "patch", "now", "expect", "others"];
const WANT_KEYS: [&str; 4] = ["outcome", "message", "by", "unknown"];
const OUTCOME_WORDS: [&str; 5] = ["fired", "passed", "skipped", "undetermined", "disabled"];

/// Read a test file's text: the cases that could be read, and every problem.
pub fn parse_test_file(text: &str) -> (Vec<Case>, Vec<Problem>) {
    // `<<: *defaults` merge keys let cases share keys; they are applied first.
    let parsed = read_yaml_tree(text).and_then(|mut root| {
        root.apply_merge().map_err(TreeError::Syntax)?;
        Ok(root)
    });
    let root = match parsed {
        Ok(root) => root,
        Err(e) => {
            let what = match e {
                TreeError::Budget(_) => "is over the YAML limits",
                TreeError::Syntax(_) => "is not valid YAML",
            };
            let mut p = Problem::new(None, format!("the test file {what}: {e}"));
            p.offset = e.offset();
            return (Vec::new(), vec![p]);
        }
    };
    let Value::Sequence(items) = root else {
        let p = Problem::new(None, "a test file must be a list of cases").help(Some(
            "start each case with `- name: ...`; see docs/testing.md".to_string(),
        ));
        return (Vec::new(), vec![p]);
    };
    if items.is_empty() {
        return (
            Vec::new(),
            vec![Problem::new(None, "the test file holds no cases")],
        );
    }
    let mut cases = Vec::new();
    let mut problems = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let mut reader = CaseReader {
            label: case_label(item, i),
            problems: &mut problems,
        };
        if let Some(case) = reader.case(item) {
            if cases.iter().any(|c: &Case| c.name == case.name) {
                reader.problem("two cases have this name; give each case its own", None);
            }
            cases.push(case);
        }
    }
    (cases, problems)
}

/// How problems name a case: by its name, or by its position.
fn case_label(item: &Value, index: usize) -> String {
    match item.get("name").and_then(Value::as_str) {
        Some(name) => format!("case `{name}`"),
        None => format!("case {}", index + 1),
    }
}

struct CaseReader<'a> {
    label: String,
    problems: &'a mut Vec<Problem>,
}

impl CaseReader<'_> {
    fn problem(&mut self, message: impl Into<String>, help: Option<String>) {
        self.problems
            .push(Problem::new(Some(self.label.clone()), message).help(help));
    }

    fn case(&mut self, item: &Value) -> Option<Case> {
        let Value::Mapping(map) = item else {
            self.problem(
                "a case must be a mapping with `name`, `facts` or `base`, and `expect`",
                None,
            );
            return None;
        };
        let before = self.problems.len();
        self.unknown_keys(map, &CASE_KEYS, "a case");
        let name = match map.get("name") {
            Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
            _ => {
                self.problem(
                    "the case has no `name`",
                    Some("add `name: what_this_case_shows`".into()),
                );
                String::new()
            }
        };
        let facts = self.facts(map);
        let now = self.now(map.get("now"));
        let others = map
            .get("others")
            .and_then(|v| self.outcome_word(v, "`others`"));
        let expect = match map.get("expect") {
            Some(Value::Mapping(m)) => self.expectations(m),
            None if others.is_some() => Vec::new(),
            None => {
                self.problem(
                    "the case has no `expect`",
                    Some("add `expect:` with rule ids and outcomes, e.g. `PHS011: fired`".into()),
                );
                Vec::new()
            }
            Some(_) => {
                self.problem(
                    "`expect` must map rule ids to outcomes",
                    Some("e.g. `expect: { PHS011: fired, PHS010: passed }`".into()),
                );
                Vec::new()
            }
        };
        if self.problems.len() > before {
            return None;
        }
        Some(Case {
            name,
            facts: facts?,
            now,
            expect,
            others,
        })
    }

    fn unknown_keys(&mut self, map: &Mapping, known: &[&str], what: &str) {
        for key in map.keys() {
            let text = key.as_str().unwrap_or("?");
            if !known.contains(&text) {
                let help = suggestion(text, known.iter().copied())
                    .or_else(|| Some(format!("the keys of {what} are: {}", known.join(", "))));
                self.problem(format!("unknown key `{text}` in {what}"), help);
            }
        }
    }

    fn string(&mut self, map: &Mapping, key: &str) -> Option<String> {
        match map.get(key)? {
            Value::String(s) => Some(s.clone()),
            _ => {
                self.problem(format!("`{key}` must be a path (a string)"), None);
                None
            }
        }
    }

    fn facts(&mut self, map: &Mapping) -> Option<FactsSource> {
        let file = self.string(map, "facts");
        let base = self.string(map, "base");
        let patch = match map.get("patch") {
            None => None,
            Some(Value::Mapping(m)) => Some(m.clone()),
            Some(_) => {
                self.problem(
                    "`patch` must be a mapping of fact paths to values",
                    Some("e.g. `patch: { tenant.password_hash_sync: false }`".into()),
                );
                return None;
            }
        };
        let (message, help) = match (file, base, patch) {
            (Some(f), None, None) => return Some(FactsSource::File(f)),
            (None, Some(base), patch) => {
                let patch = patch.unwrap_or_default();
                return Some(FactsSource::Patched { base, patch });
            }
            (Some(_), _, _) => (
                "a case has either `facts` or `base` with `patch`, not both",
                None,
            ),
            (None, None, Some(_)) => (
                "`patch` needs a `base` facts file to apply to",
                Some("add `base: path/to/facts.yaml`"),
            ),
            (None, None, None) => (
                "the case names no facts",
                Some("add `facts: file.yaml`, or `base: file.yaml` and `patch:`"),
            ),
        };
        self.problem(message, help.map(str::to_string));
        None
    }

    fn now(&mut self, value: Option<&Value>) -> Option<DateTime<FixedOffset>> {
        let time = value?
            .as_str()
            .and_then(|t| DateTime::parse_from_rfc3339(t).ok());
        if time.is_none() {
            self.problem(
                "`now` must be an RFC 3339 time with an offset",
                Some("e.g. `now: 2026-11-24T15:00:00Z`".into()),
            );
        }
        time
    }

    fn outcome_word(&mut self, value: &Value, what: &str) -> Option<OutcomeKind> {
        let text = value.as_str().unwrap_or("?");
        let found = OutcomeKind::parse(text);
        if found.is_none() {
            let help = suggestion(text, OutcomeKind::ALL.iter().map(|o| o.as_str()))
                .or_else(|| Some("write fired, passed, skipped or undetermined".into()));
            self.problem(format!("{what}: `{text}` is not an outcome"), help);
        }
        found
    }

    fn expectations(&mut self, map: &Mapping) -> Vec<(String, Expectation)> {
        let mut out = Vec::new();
        for (key, value) in map {
            let Some(id) = key.as_str() else {
                self.problem("the keys of `expect` must be rule ids", None);
                continue;
            };
            if let Some(e) = self.expectation(id, value) {
                out.push((id.to_string(), e));
            }
        }
        out
    }

    fn expectation(&mut self, id: &str, value: &Value) -> Option<Expectation> {
        match value {
            Value::String(s) if s == "disabled" => Some(Expectation::Disabled),
            Value::String(_) | Value::Mapping(_) => self.want(id, value).map(Expectation::All),
            Value::Sequence(items) => {
                let wants: Vec<Option<Want>> = items.iter().map(|v| self.want(id, v)).collect();
                wants
                    .into_iter()
                    .collect::<Option<Vec<_>>>()
                    .map(Expectation::Each)
            }
            _ => {
                self.problem(format!("`{id}`: expected an outcome, a list of outcomes or `{{outcome: ..., message: ...}}`"), None);
                None
            }
        }
    }

    fn want(&mut self, id: &str, value: &Value) -> Option<Want> {
        let map = match value {
            Value::String(s) => {
                // `disabled` stands for a whole expectation, never for one outcome.
                let outcome = OutcomeKind::parse(s);
                if outcome.is_none() {
                    let help = suggestion(s, OUTCOME_WORDS.iter().copied()).or_else(|| {
                        Some("write fired, passed, skipped, undetermined or disabled".into())
                    });
                    self.problem(format!("`{id}`: `{s}` is not an outcome"), help);
                }
                return outcome.map(Want::outcome);
            }
            Value::Mapping(m) => m,
            _ => {
                self.problem(format!("`{id}`: each outcome is a word or a mapping"), None);
                return None;
            }
        };
        self.unknown_keys(map, &WANT_KEYS, "an outcome");
        let Some(word) = map.get("outcome") else {
            self.problem(
                format!("`{id}`: the mapping has no `outcome`"),
                Some("e.g. `{outcome: fired, message: \"contoso.com\"}`".into()),
            );
            return None;
        };
        let outcome = self.outcome_word(word, &format!("`{id}`"))?;
        let mut want = Want::outcome(outcome);
        want.message = map.get("message").and_then(|v| self.text(id, "message", v));
        want.by = map.get("by").and_then(|v| self.texts(id, "by", v));
        want.unknown = map
            .get("unknown")
            .and_then(|v| self.texts(id, "unknown", v));
        let misplaced = [
            ("message", want.message.is_some(), OutcomeKind::Fired),
            ("by", want.by.is_some(), OutcomeKind::Skipped),
            ("unknown", want.unknown.is_some(), OutcomeKind::Undetermined),
        ];
        for (key, given, belongs) in misplaced {
            if given && outcome != belongs {
                self.problem(
                    format!(
                        "`{id}`: `{key}` only goes with `outcome: {}`",
                        belongs.as_str()
                    ),
                    None,
                );
            }
        }
        Some(want)
    }

    fn text(&mut self, id: &str, key: &str, value: &Value) -> Option<String> {
        let text = value.as_str().map(str::to_string);
        if text.is_none() {
            self.problem(format!("`{id}`: `{key}` must be a string"), None);
        }
        text
    }

    fn texts(&mut self, id: &str, key: &str, value: &Value) -> Option<Vec<String>> {
        match value {
            Value::String(s) => Some(vec![s.clone()]),
            Value::Sequence(items) => items.iter().map(|v| self.text(id, key, v)).collect(),
            _ => {
                self.problem(
                    format!("`{id}`: `{key}` must be a string or a list of strings"),
                    None,
                );
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_form_of_expectation() {
        let text = r#"
- name: all_forms
  base: healthy.yaml
  patch: { tenant.password_hash_sync: false }
  now: 2026-11-24T15:00:00Z
  expect:
    PHS001: fired
    PHS011: [skipped]
    PHS010: { outcome: fired, message: contoso.com }
    PHS002: []
    PHS006: disabled
  others: passed
"#;
        let (cases, problems) = parse_test_file(text);
        assert!(problems.is_empty(), "{problems:?}");
        let [case] = cases.as_slice() else {
            panic!("one case expected, got {cases:?}");
        };
        assert_eq!(case.expect.len(), 5);
        assert_eq!(case.others, Some(OutcomeKind::Passed));
        assert!(case.now.is_some());
        assert_eq!(case.expect[3].1, Expectation::Each(vec![]));
        assert_eq!(case.expect[4].1, Expectation::Disabled);
    }

    #[test]
    fn problems_name_their_case_and_suggest() {
        let text = "- name: typo\n  facts: a.yaml\n  expect: { PHS001: fird }\n  othres: passed\n";
        let (_, problems) = parse_test_file(text);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems
            .iter()
            .all(|p| p.case.as_deref() == Some("case `typo`")));
        assert!(problems
            .iter()
            .any(|p| p.help.as_deref() == Some("did you mean `fired`?")));
        assert!(problems
            .iter()
            .any(|p| p.help.as_deref() == Some("did you mean `others`?")));
    }

    #[test]
    fn cases_may_share_keys_with_merge_keys() {
        let text = "- &base\n  name: one\n  base: healthy.yaml\n  expect: { PHS001: passed }\n- <<: *base\n  name: two\n  patch: { tenant.password_hash_sync: false }\n";
        let (cases, problems) = parse_test_file(text);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(cases.len(), 2);
        assert!(
            matches!(&cases[1].facts, FactsSource::Patched { base, .. } if base == "healthy.yaml")
        );
    }

    #[test]
    fn a_mapping_at_the_top_is_not_a_test_file() {
        let (_, problems) = parse_test_file("format: phs-facts/1\n");
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("list of cases"));
    }
}
