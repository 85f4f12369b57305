//! SARIF 2.1.0: fired and undetermined checks as results, for code-scanning tools.
//!
//! The document is a tree of serde structs holding only the parts of SARIF we
//! fill; their fields are in the order the document shows them.

use super::{Report, ResultEntry};
use crate::check::severity::Severity;
use crate::eval::OutcomeKind;
use indexmap::IndexMap;
use serde::Serialize;
use std::borrow::Cow;

#[derive(Serialize)]
struct Sarif<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
struct Run<'a> {
    tool: Tool<'a>,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    information_uri: &'static str,
    rules: Vec<RuleDescriptor<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleDescriptor<'a> {
    id: &'a str,
    short_description: Text<'a>,
    help_uri: Option<&'a str>,
    properties: RuleProperties<'a>,
}

#[derive(Serialize)]
struct RuleProperties<'a> {
    tags: &'a [String],
    severity: Severity,
}

#[derive(Serialize)]
struct Text<'a> {
    text: Cow<'a, str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    level: Level,
    kind: Kind,
    message: Text<'a>,
    locations: [Location<'a>; 1],
    properties: ResultProperties<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "lowercase")]
enum Level {
    Error,
    Warning,
    Note,
}

#[derive(Serialize)]
#[serde(rename_all = "lowercase")]
enum Kind {
    Fail,
    Review,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: PhysicalLocation<'a>,
    logical_locations: Vec<LogicalLocation<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation<'a>,
}

#[derive(Serialize)]
struct ArtifactLocation<'a> {
    uri: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation<'a> {
    fully_qualified_name: &'a str,
    name: &'a str,
    kind: Option<&'a str>,
}

/// The remediation and pack of a result, and its cross-check command where it has one.
#[derive(Serialize)]
struct ResultProperties<'a> {
    remediation: Option<&'a str>,
    pack: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    crosscheck: Option<&'a str>,
}

/// Undetermined checks are notes; what fired is at its rule's severity.
fn level(r: &ResultEntry) -> Level {
    match (r.outcome, r.about.severity) {
        (OutcomeKind::Undetermined, _) | (_, Severity::Info) => Level::Note,
        (_, Severity::Error) => Level::Error,
        (_, Severity::Warning) => Level::Warning,
    }
}

fn message(r: &ResultEntry) -> String {
    match r.outcome {
        OutcomeKind::Undetermined => format!(
            "{}: could not be determined; collect {}",
            r.about.title,
            r.unknown_paths()
        ),
        OutcomeKind::Fired | OutcomeKind::Passed | OutcomeKind::Skipped => {
            r.message_or_title().to_string()
        }
    }
}

fn result<'a>(report: &'a Report, r: &'a ResultEntry) -> SarifResult<'a> {
    let logical_locations = r
        .binding
        .iter()
        .filter_map(|b| {
            b.path.as_deref().map(|path| LogicalLocation {
                fully_qualified_name: path,
                name: &b.label,
                kind: b.kind(),
            })
        })
        .collect();
    SarifResult {
        rule_id: &r.about.id,
        level: level(r),
        kind: match r.outcome {
            OutcomeKind::Fired => Kind::Fail,
            OutcomeKind::Passed | OutcomeKind::Skipped | OutcomeKind::Undetermined => Kind::Review,
        },
        message: Text {
            text: message(r).into(),
        },
        locations: [Location {
            physical_location: PhysicalLocation {
                artifact_location: ArtifactLocation { uri: &report.facts },
            },
            logical_locations,
        }],
        properties: ResultProperties {
            remediation: r.remediation.as_deref(),
            pack: format!("{}@{}", r.about.pack, r.about.pack_version),
            crosscheck: r.crosscheck.as_deref(),
        },
    }
}

/// Each rule that has a result in some report, once, in the order first seen.
fn rules(reports: &[Report]) -> Vec<RuleDescriptor<'_>> {
    let mut rules: IndexMap<&str, RuleDescriptor> = IndexMap::new();
    for r in reports.iter().flat_map(|rep| &rep.results) {
        rules.entry(&r.about.id).or_insert_with(|| RuleDescriptor {
            id: &r.about.id,
            short_description: Text {
                text: (&*r.about.title).into(),
            },
            help_uri: r.about.see.first().map(String::as_str),
            properties: RuleProperties {
                tags: &r.about.tags,
                severity: r.about.severity,
            },
        });
    }
    rules.into_values().collect()
}

/// The reports as one SARIF log. Serialization fails only on a bug: the caller
/// reports it as internal.
pub fn render_sarif(reports: &[Report]) -> Result<String, serde_json::Error> {
    let results = reports
        .iter()
        .flat_map(|rep| {
            rep.results
                .iter()
                .filter(|r| matches!(r.outcome, OutcomeKind::Fired | OutcomeKind::Undetermined))
                .map(move |r| result(rep, r))
        })
        .collect();
    let doc = Sarif {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "phsrule",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: "https://learn.microsoft.com/entra/identity/hybrid/connect/tshoot-connect-password-hash-synchronization",
                    rules: rules(reports),
                },
            },
            results,
        }],
    };
    let mut out = serde_json::to_string_pretty(&doc)?;
    out.push('\n');
    Ok(out)
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixtures::{connector, fired, report};
    use serde_json::Value;

    #[test]
    fn a_result_carries_its_crosscheck_command_where_it_has_one() {
        let command = "Invoke-ADSyncDiagnostics -PasswordSync -ADConnectorName 'contoso.com'";
        let mut with = fired("PHS010", vec![connector(0, "contoso.com")], "m", "r");
        with.crosscheck = Some(command.to_string());
        let without = fired("PHS011", vec![connector(0, "contoso.com")], "m", "r");
        let doc: Value =
            serde_json::from_str(&render_sarif(&[report(vec![with, without])]).unwrap_or_default())
                .unwrap_or_default();
        let results = &doc["runs"][0]["results"];
        assert_eq!(results[0]["properties"]["crosscheck"], command);
        assert!(results[1]["properties"].get("crosscheck").is_none());
    }
}
