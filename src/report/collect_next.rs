//! **Collect next**: the unknown facts that left checks undetermined, each fact
//! once in order of first appearance, with its `collect` hint and the checks that
//! wait on it. One pass over a map by fact path that keeps the order of
//! insertion: linear in the number of results.

use super::start_here::Stage;
use super::Report;
use crate::eval::OutcomeKind;
use indexmap::IndexMap;

/// A fact to collect.
#[derive(Debug, PartialEq, Eq)]
pub struct WantedFact<'a> {
    /// `connectors[0].domains[1].reachable`.
    pub path: &'a str,
    pub collect: Option<&'a str>,
    /// The rules waiting on it, in order of first appearance.
    pub waiting: Vec<Waiting<'a>>,
}

/// One rule waiting on a fact, at one or several bindings.
#[derive(Debug, PartialEq, Eq)]
pub struct Waiting<'a> {
    pub rule: &'a str,
    /// How many of the rule's checks wait on it.
    pub checks: usize,
    pub stage: Stage,
}

impl Waiting<'_> {
    /// `PHS020`, or `PHS011 on 2 connectors` where several checks wait.
    pub fn describe(&self) -> String {
        if self.checks > 1 {
            format!("{} on {}", self.rule, self.stage.count(self.checks))
        } else {
            self.rule.to_string()
        }
    }
}

impl WantedFact<'_> {
    /// `PHS011 on 2 connectors, PHS012`.
    pub fn describe_waiting(&self) -> String {
        self.waiting
            .iter()
            .map(Waiting::describe)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The facts to collect, in order of first appearance in the report.
pub fn collect_next(report: &Report) -> Vec<WantedFact<'_>> {
    let mut facts: IndexMap<&str, WantedFact> = IndexMap::new();
    for r in report.with_outcome(OutcomeKind::Undetermined) {
        for unknown in &r.unknown {
            let fact = facts.entry(&unknown.path).or_insert_with(|| WantedFact {
                path: &unknown.path,
                collect: unknown.collect.as_deref(),
                waiting: Vec::new(),
            });
            // Results come rule by rule, so the rule is the last one, if any.
            match fact
                .waiting
                .iter_mut()
                .rev()
                .find(|w| *w.rule == *r.about.id)
            {
                Some(w) => w.checks += 1,
                None => fact.waiting.push(Waiting {
                    rule: &r.about.id,
                    checks: 1,
                    stage: Stage::of(r),
                }),
            }
        }
    }
    facts.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixtures::{connector, domain, report, undetermined};

    #[test]
    fn each_fact_is_listed_once_with_the_checks_waiting_on_it() {
        let c0 = connector(0, "contoso.com");
        let c1 = connector(1, "fabrikam.com");
        let events = ("events", "Get-WinEvent ...");
        let r = report(vec![
            undetermined(
                "PHS001",
                vec![],
                &[(
                    "tenant.password_hash_sync",
                    "(Get-ADSyncAADCompanyFeature).PasswordHashSync",
                )],
            ),
            undetermined("PHS011", vec![c0.clone()], &[events]),
            undetermined("PHS011", vec![c1.clone()], &[events]),
            undetermined("PHS012", vec![c1.clone()], &[events]),
            undetermined(
                "PHS020",
                vec![c0, domain(0, 0, "contoso.com")],
                &[("connectors[0].domains[0].reachable", "")],
            ),
        ]);
        let wanted = collect_next(&r);
        let shown: Vec<(&str, Option<&str>, String)> = wanted
            .iter()
            .map(|w| (w.path, w.collect, w.describe_waiting()))
            .collect();
        assert_eq!(
            shown,
            [
                (
                    "tenant.password_hash_sync",
                    Some("(Get-ADSyncAADCompanyFeature).PasswordHashSync"),
                    "PHS001".to_string()
                ),
                (
                    "events",
                    Some("Get-WinEvent ..."),
                    "PHS011 on 2 connectors, PHS012".to_string()
                ),
                (
                    "connectors[0].domains[0].reachable",
                    None,
                    "PHS020".to_string()
                ),
            ]
        );
    }

    #[test]
    fn nothing_undetermined_wants_nothing() {
        let r = report(vec![crate::report::fixtures::result(
            "PHS001",
            OutcomeKind::Passed,
            vec![],
        )]);
        assert!(collect_next(&r).is_empty());
    }
}
