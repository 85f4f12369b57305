//! **Start here**: the findings that fired, in the order an engineer should take
//! them. Errors first, then warnings, then info; within a severity, the order of
//! the procedure (the tenant and server, then connectors, then domains, then
//! objects), then rule order, then binding order (the report's own order). Each
//! with where it is and its first step.

use super::first_step::{first_step, from_message, FirstStep};
use super::{Report, ResultEntry};
use crate::eval::OutcomeKind;
use std::cmp::Reverse;

/// Where in the procedure a result belongs, by the deepest fact it is bound to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// No binding, or bindings that are no connector, domain or object.
    TenantAndServer,
    Connector,
    Domain,
    Object,
}

impl Stage {
    /// The stage of a result: that of its deepest connector, domain or object binding.
    pub fn of(result: &ResultEntry) -> Stage {
        result
            .binding
            .iter()
            .map(|b| match b.kind() {
                Some("Connector") => Stage::Connector,
                Some("Domain") => Stage::Domain,
                Some("Object") => Stage::Object,
                _ => Stage::TenantAndServer,
            })
            .max()
            .unwrap_or(Stage::TenantAndServer)
    }

    /// The stage's bindings, counted: `2 connectors`.
    pub fn count(self, n: usize) -> String {
        let noun = match self {
            Stage::TenantAndServer => "bindings",
            Stage::Connector => "connectors",
            Stage::Domain => "domains",
            Stage::Object => "objects",
        };
        format!("{n} {noun}")
    }
}

/// One finding of Start here.
#[derive(Debug)]
pub struct Finding<'a> {
    pub result: &'a ResultEntry,
    /// `connector contoso.com, domain emea.contoso.com`, or `tenant and server`.
    pub place: String,
    pub step: FirstStep,
}

/// The findings that fired, in Start here order.
pub fn start_here(report: &Report) -> Vec<Finding<'_>> {
    let mut fired: Vec<&ResultEntry> = report.with_outcome(OutcomeKind::Fired).collect();
    fired.sort_by_key(|r| (Reverse(r.about.severity), Stage::of(r)));
    fired
        .into_iter()
        .map(|result| Finding {
            result,
            place: place(result),
            step: step(result),
        })
        .collect()
}

/// Where a result is: its bindings' kinds and labels (a connector's or domain's
/// name, an object's DN).
pub fn place(result: &ResultEntry) -> String {
    place_with(result, str::to_string)
}

/// Where a result is, each label written by `label` (Markdown puts it in a code span).
pub fn place_with(result: &ResultEntry, label: impl Fn(&str) -> String) -> String {
    if result.binding.is_empty() {
        return "tenant and server".to_string();
    }
    result
        .binding
        .iter()
        .map(|b| match b.kind() {
            Some(kind) => format!("{} {}", kind.to_lowercase(), label(&b.label)),
            None => label(&b.label),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The remediation's first step, or the message where there is no remediation.
fn step(result: &ResultEntry) -> FirstStep {
    result
        .remediation
        .as_deref()
        .and_then(first_step)
        .unwrap_or_else(|| from_message(result.message_or_title()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::severity::Severity;
    use crate::report::fixtures::{connector, domain, fired, object, report, result, variable};

    fn order(report: &Report) -> Vec<String> {
        start_here(report)
            .iter()
            .map(|f| format!("{} {}", f.result.about.id, f.place))
            .collect()
    }

    #[test]
    fn findings_are_ordered_by_severity_then_procedure_then_rule_and_binding() {
        let c0 = connector(0, "contoso.com");
        let c1 = connector(1, "fabrikam.com");
        let o = object(0, "CN=Alex Wilber,OU=Sales,DC=contoso,DC=com");
        let mut warning = fired("PHS039", vec![o.clone()], "m", "r");
        std::sync::Arc::make_mut(&mut warning.about).severity = Severity::Warning;
        let mut info = fired("PHS006", vec![], "m", "r");
        std::sync::Arc::make_mut(&mut info.about).severity = Severity::Info;
        let r = report(vec![
            info,
            fired("PHS001", vec![], "m", "r"),
            fired("PHS010", vec![c1.clone()], "m", "r"),
            fired("PHS011", vec![c0.clone()], "m", "r"),
            fired("PHS011", vec![c1.clone()], "m", "r"),
            fired(
                "PHS020",
                vec![c0.clone(), domain(0, 0, "contoso.com")],
                "m",
                "r",
            ),
            warning,
            fired("PHS030", vec![o], "m", "r"),
            result("PHS002", OutcomeKind::Passed, vec![]),
        ]);
        assert_eq!(
            order(&r),
            [
                "PHS001 tenant and server",
                "PHS010 connector fabrikam.com",
                "PHS011 connector contoso.com",
                "PHS011 connector fabrikam.com",
                "PHS020 connector contoso.com, domain contoso.com",
                "PHS030 object CN=Alex Wilber,OU=Sales,DC=contoso,DC=com",
                "PHS039 object CN=Alex Wilber,OU=Sales,DC=contoso,DC=com",
                "PHS006 tenant and server",
            ]
        );
    }

    #[test]
    fn bindings_of_other_kinds_belong_to_the_tenant_and_server() {
        let mut event = connector(0, "event 611");
        event.var = variable("c", Some("Event"));
        let r = result("ORG001", OutcomeKind::Fired, vec![event]);
        assert_eq!(Stage::of(&r), Stage::TenantAndServer);
        assert_eq!(place(&r), "event event 611");
    }

    #[test]
    fn the_step_is_the_first_sentence_or_else_the_message() {
        let c = connector(0, "contoso.com");
        let mut without = fired(
            "PHS013",
            vec![c.clone()],
            "The channel targets\nnothing.",
            "",
        );
        without.remediation = None;
        let r = report(vec![
            fired("PHS010", vec![c], "m", "Run the wizard again. Then check."),
            without,
        ]);
        let steps: Vec<String> = start_here(&r)
            .into_iter()
            .map(|f| f.step.sentence)
            .collect();
        assert_eq!(
            steps,
            ["Run the wizard again.", "The channel targets nothing."]
        );
    }
}
