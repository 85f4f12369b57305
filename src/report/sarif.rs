//! SARIF 2.1.0: fired and undetermined checks as results, for code-scanning tools.

use super::{Report, ResultEntry};
use crate::check::severity::Severity;
use crate::eval::OutcomeKind;
use serde_json::{json, Value};

/// Undetermined checks are notes; what fired is at its rule's severity.
fn level(r: &ResultEntry) -> &'static str {
    match (r.outcome, r.severity) {
        (OutcomeKind::Undetermined, _) | (_, Severity::Info) => "note",
        (_, Severity::Error) => "error",
        (_, Severity::Warning) => "warning",
    }
}

fn result(report: &Report, r: &ResultEntry) -> Value {
    let text = match r.outcome {
        OutcomeKind::Undetermined => {
            let paths: Vec<&str> = r.unknown.iter().map(|u| u.path.as_str()).collect();
            format!(
                "{}: could not be determined; collect {}",
                r.title,
                paths.join(", ")
            )
        }
        _ => r.message.clone().unwrap_or_else(|| r.title.clone()),
    };
    let logical: Vec<Value> = r
        .binding
        .iter()
        .filter_map(|b| {
            b.path
                .as_ref()
                .map(|p| json!({ "fullyQualifiedName": p, "name": b.label, "kind": b.kind }))
        })
        .collect();
    json!({
        "ruleId": r.rule,
        "level": level(r),
        "kind": if r.outcome == OutcomeKind::Fired { "fail" } else { "review" },
        "message": { "text": text },
        "locations": [{
            "physicalLocation": { "artifactLocation": { "uri": report.facts } },
            "logicalLocations": logical,
        }],
        "properties": properties(r),
    })
}

/// The remediation and pack of a result, and its cross-check command where it has one.
fn properties(r: &ResultEntry) -> Value {
    let mut properties = json!({
        "remediation": r.remediation,
        "pack": format!("{}@{}", r.pack, r.pack_version),
    });
    if let (Some(command), Some(map)) = (&r.crosscheck, properties.as_object_mut()) {
        map.insert("crosscheck".to_string(), json!(command));
    }
    properties
}

pub fn render_sarif(reports: &[Report]) -> String {
    let mut rules: Vec<Value> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for r in reports.iter().flat_map(|rep| &rep.results) {
        if !seen.contains(&r.rule.as_str()) {
            seen.push(&r.rule);
            rules.push(json!({
                "id": r.rule,
                "shortDescription": { "text": r.title },
                "helpUri": r.see.first(),
                "properties": { "tags": r.tags, "severity": r.severity.as_str() },
            }));
        }
    }
    let results: Vec<Value> = reports
        .iter()
        .flat_map(|rep| {
            rep.results
                .iter()
                .filter(|r| {
                    r.outcome == OutcomeKind::Fired || r.outcome == OutcomeKind::Undetermined
                })
                .map(move |r| result(rep, r))
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "phsrule",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://learn.microsoft.com/entra/identity/hybrid/connect/tshoot-connect-password-hash-synchronization",
                "rules": rules,
            }},
            "results": results,
        }],
    });
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixtures::{connector, fired, report};

    #[test]
    fn a_result_carries_its_crosscheck_command_where_it_has_one() {
        let command = "Invoke-ADSyncDiagnostics -PasswordSync -ADConnectorName 'contoso.com'";
        let mut with = fired("PHS010", vec![connector(0, "contoso.com")], "m", "r");
        with.crosscheck = Some(command.to_string());
        let without = fired("PHS011", vec![connector(0, "contoso.com")], "m", "r");
        let doc: Value =
            serde_json::from_str(&render_sarif(&[report(vec![with, without])])).unwrap_or_default();
        let results = &doc["runs"][0]["results"];
        assert_eq!(results[0]["properties"]["crosscheck"], command);
        assert!(results[1]["properties"].get("crosscheck").is_none());
    }
}
