//! The example facts files under `examples/facts/`: for each one, exactly which rules
//! fire, which are skipped (and by what) and which are undetermined (and on which
//! unknown facts), as `examples/facts/README.md` states them; the exit code that
//! follows; and snapshots of the human, JSON and Markdown reports.
//!
//! Adding an example is adding a file and its row in [`EXPECTED`].

use crate::common::{phsrule, rel};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// What `phsrule check` reports for one example file. Each outcome is written as
/// `RULE path-of-its-deepest-binding` (just `RULE` for rules without bindings);
/// skipped ones add `by RULE, ...`, undetermined ones `unknown path, ...`.
struct Expected {
    file: &'static str,
    fired: &'static [&'static str],
    skipped: &'static [&'static str],
    undetermined: &'static [&'static str],
}

/// One row per file of `examples/facts/`, in file name order.
const EXPECTED: &[Expected] = &[
    Expected {
        file: "events-not-collected.yaml",
        fired: &[],
        skipped: &[],
        undetermined: &[
            "PHS011 connectors[0] unknown events",
            "PHS012 connectors[0] unknown events",
        ],
    },
    Expected {
        file: "events-read-late.yaml",
        fired: &[],
        skipped: &[],
        undetermined: &[
            "PHS011 connectors[0] unknown events",
            "PHS012 connectors[0] unknown events",
        ],
    },
    Expected {
        file: "healthy.yaml",
        fired: &[],
        skipped: &[],
        undetermined: &[],
    },
    Expected {
        file: "multi-domain.yaml",
        fired: &["PHS022 connectors[0].domains[2]"],
        skipped: &["PHS039 objects[1] by PHS022", "PHS042 objects[1] by PHS022"],
        undetermined: &[],
    },
    Expected {
        file: "multi-forest.yaml",
        fired: &["PHS011 connectors[1]", "PHS012 connectors[1]"],
        skipped: &[
            "PHS039 objects[0] by PHS011, PHS012",
            "PHS042 objects[0] by PHS011, PHS012",
        ],
        undetermined: &[],
    },
    Expected {
        file: "phs001-tenant-phs-disabled.yaml",
        fired: &["PHS001"],
        skipped: &[
            "PHS011 connectors[0] by PHS001",
            "PHS012 connectors[0] by PHS001",
            "PHS013 connectors[0] by PHS001",
            "PHS039 objects[0] by PHS001",
            "PHS040 objects[0] by PHS001",
            "PHS041 objects[0] by PHS001",
            "PHS042 objects[0] by PHS001",
        ],
        undetermined: &[],
    },
    Expected {
        file: "phs002-staging-mode.yaml",
        fired: &["PHS002"],
        skipped: &[
            "PHS011 connectors[0] by PHS002",
            "PHS012 connectors[0] by PHS002",
            "PHS013 connectors[0] by PHS002",
            "PHS037 objects[0] by PHS002",
            "PHS039 objects[0] by PHS002",
            "PHS040 objects[0] by PHS002",
            "PHS041 objects[0] by PHS002",
            "PHS042 objects[0] by PHS002",
        ],
        undetermined: &[],
    },
    Expected {
        file: "phs003-no-aad-connector.yaml",
        fired: &["PHS003"],
        skipped: &[
            "PHS011 connectors[0] by PHS003",
            "PHS013 connectors[0] by PHS003",
        ],
        undetermined: &[],
    },
    Expected {
        file: "phs004-no-ad-connector.yaml",
        fired: &["PHS004"],
        skipped: &[],
        undetermined: &[],
    },
    Expected {
        file: "phs005-two-aad-connectors.yaml",
        fired: &["PHS005"],
        skipped: &[],
        undetermined: &[],
    },
    Expected {
        file: "phs006-old-version.yaml",
        fired: &["PHS006"],
        skipped: &[],
        undetermined: &[],
    },
    Expected {
        file: "phs008-server-switch-off.yaml",
        fired: &["PHS008"],
        skipped: &[
            "PHS001 by PHS008",
            "PHS010 connectors[0] by PHS008",
            "PHS011 connectors[0] by PHS008",
            "PHS012 connectors[0] by PHS008",
            "PHS013 connectors[0] by PHS008",
            "PHS039 objects[0] by PHS008",
            "PHS040 objects[0] by PHS008",
            "PHS041 objects[0] by PHS008",
            "PHS042 objects[0] by PHS008",
        ],
        undetermined: &[],
    },
    Expected {
        file: "phs010-channel-disabled.yaml",
        fired: &["PHS010 connectors[0]"],
        skipped: &[
            "PHS011 connectors[0] by PHS010",
            "PHS012 connectors[0] by PHS010",
            "PHS013 connectors[0] by PHS010",
            "PHS039 objects[0] by PHS010",
            "PHS042 objects[0] by PHS010",
        ],
        undetermined: &[],
    },
    Expected {
        file: "phs011-no-heartbeat.yaml",
        fired: &["PHS011 connectors[0]"],
        skipped: &["PHS039 objects[0] by PHS011", "PHS042 objects[0] by PHS011"],
        undetermined: &[],
    },
    Expected {
        file: "phs012-connectivity-error-event.yaml",
        fired: &["PHS012 connectors[0]"],
        skipped: &["PHS039 objects[0] by PHS012", "PHS042 objects[0] by PHS012"],
        undetermined: &[],
    },
    Expected {
        file: "phs012-event-names-domain.yaml",
        fired: &["PHS012 connectors[1]"],
        skipped: &["PHS039 objects[0] by PHS012", "PHS042 objects[0] by PHS012"],
        undetermined: &[],
    },
    Expected {
        file: "phs012-unattributed-error-event.yaml",
        fired: &["PHS012 connectors[0]", "PHS012 connectors[1]"],
        skipped: &["PHS039 objects[0] by PHS012", "PHS042 objects[0] by PHS012"],
        undetermined: &[],
    },
    Expected {
        file: "phs013-target-connector-missing.yaml",
        fired: &["PHS013 connectors[0]"],
        skipped: &[
            "PHS011 connectors[0] by PHS013",
            "PHS039 objects[0] by PHS013",
            "PHS042 objects[0] by PHS013",
        ],
        undetermined: &[],
    },
    Expected {
        file: "phs014-force-full-sync-left-on.yaml",
        fired: &["PHS014 connectors[0]"],
        skipped: &[],
        undetermined: &[],
    },
    Expected {
        file: "phs015-no-inbound-password-rule.yaml",
        fired: &["PHS015 connectors[0]"],
        skipped: &[
            "PHS032 objects[0] by PHS015",
            "PHS039 objects[0] by PHS015",
            "PHS042 objects[0] by PHS015",
        ],
        undetermined: &[],
    },
    Expected {
        file: "phs020-domain-unreachable.yaml",
        fired: &["PHS012 connectors[0]", "PHS020 connectors[0].domains[0]"],
        skipped: &[
            "PHS021 connectors[0].domains[0] by PHS020",
            "PHS022 connectors[0].domains[0] by PHS020",
            "PHS023 connectors[0].domains[0] by PHS020",
            "PHS024 connectors[0].domains[0] by PHS020",
            "PHS039 objects[0] by PHS012, PHS020",
            "PHS042 objects[0] by PHS012, PHS020",
        ],
        undetermined: &[],
    },
    Expected {
        file: "phs021-bad-credentials.yaml",
        fired: &["PHS021 connectors[0].domains[0]"],
        skipped: &["PHS039 objects[0] by PHS021", "PHS042 objects[0] by PHS021"],
        undetermined: &[],
    },
    Expected {
        file: "phs022-missing-replicate-all.yaml",
        fired: &["PHS022 connectors[0].domains[0]"],
        skipped: &["PHS039 objects[0] by PHS022", "PHS042 objects[0] by PHS022"],
        undetermined: &[],
    },
    Expected {
        file: "phs023-some-dcs-unreachable.yaml",
        fired: &["PHS023 connectors[0].domains[0]"],
        skipped: &["PHS039 objects[0] by PHS023", "PHS042 objects[0] by PHS023"],
        undetermined: &[],
    },
    Expected {
        file: "phs024-preferred-dc-unreachable.yaml",
        fired: &["PHS024 connectors[0].domains[0]"],
        skipped: &["PHS039 objects[0] by PHS024", "PHS042 objects[0] by PHS024"],
        undetermined: &[],
    },
    Expected {
        file: "phs025-azure-ad-unreachable.yaml",
        fired: &["PHS025 connectors[1]"],
        skipped: &[],
        undetermined: &[],
    },
    Expected {
        file: "phs030-not-in-connector-space.yaml",
        fired: &["PHS030 objects[0]"],
        skipped: &[
            "PHS032 objects[0] by PHS030",
            "PHS033 objects[0] by PHS030",
            "PHS034 objects[0] by PHS030",
            "PHS035 objects[0] by PHS030",
            "PHS036 objects[0] by PHS030",
            "PHS037 objects[0] by PHS030",
            "PHS038 objects[0] by PHS030",
            "PHS039 objects[0] by PHS030",
            "PHS040 objects[0] by PHS030",
            "PHS041 objects[0] by PHS030",
            "PHS042 objects[0] by PHS030",
        ],
        undetermined: &[],
    },
    Expected {
        file: "phs031-temporary-password.yaml",
        fired: &["PHS031 objects[0]"],
        skipped: &[
            "PHS039 objects[0] by PHS031",
            "PHS040 objects[0] by PHS031",
            "PHS041 objects[0] by PHS031",
            "PHS042 objects[0] by PHS031",
        ],
        undetermined: &[],
    },
    Expected {
        file: "phs032-no-password-rule-in-lineage.yaml",
        fired: &["PHS032 objects[0]"],
        skipped: &["PHS039 objects[0] by PHS032", "PHS042 objects[0] by PHS032"],
        undetermined: &[],
    },
    Expected {
        file: "phs033-no-metaverse-object.yaml",
        fired: &["PHS033 objects[0]"],
        skipped: &[
            "PHS032 objects[0] by PHS033",
            "PHS034 objects[0] by PHS033",
            "PHS035 objects[0] by PHS033",
            "PHS036 objects[0] by PHS033",
            "PHS037 objects[0] by PHS033",
            "PHS038 objects[0] by PHS033",
            "PHS039 objects[0] by PHS033",
            "PHS040 objects[0] by PHS033",
            "PHS041 objects[0] by PHS033",
            "PHS042 objects[0] by PHS033",
        ],
        undetermined: &[],
    },
    Expected {
        file: "phs034-cloud-filtered.yaml",
        fired: &["PHS034 objects[0]"],
        skipped: &[
            "PHS036 objects[0] by PHS034",
            "PHS037 objects[0] by PHS034",
            "PHS038 objects[0] by PHS034",
            "PHS039 objects[0] by PHS034",
            "PHS040 objects[0] by PHS034",
            "PHS041 objects[0] by PHS034",
            "PHS042 objects[0] by PHS034",
        ],
        undetermined: &[],
    },
    Expected {
        file: "phs035-wrong-domain-fqdn.yaml",
        fired: &["PHS035 objects[0]"],
        skipped: &[],
        undetermined: &[],
    },
    Expected {
        file: "phs035-wrong-netbios.yaml",
        fired: &["PHS035 objects[0]"],
        skipped: &[],
        undetermined: &[],
    },
    Expected {
        file: "phs036-not-joined-to-aad.yaml",
        fired: &["PHS036 objects[0]"],
        skipped: &[
            "PHS037 objects[0] by PHS036",
            "PHS038 objects[0] by PHS036",
            "PHS039 objects[0] by PHS036",
            "PHS040 objects[0] by PHS036",
            "PHS041 objects[0] by PHS036",
            "PHS042 objects[0] by PHS036",
        ],
        undetermined: &[],
    },
    Expected {
        file: "phs036-unknown-connector.yaml",
        fired: &["PHS036 objects[0]"],
        skipped: &[
            "PHS037 objects[0] by PHS036",
            "PHS038 objects[0] by PHS036",
            "PHS039 objects[0] by PHS036",
            "PHS040 objects[0] by PHS036",
            "PHS041 objects[0] by PHS036",
            "PHS042 objects[0] by PHS036",
        ],
        undetermined: &[],
    },
    Expected {
        file: "phs037-not-exported.yaml",
        fired: &["PHS037 objects[0]"],
        skipped: &[
            "PHS039 objects[0] by PHS037",
            "PHS040 objects[0] by PHS037",
            "PHS041 objects[0] by PHS037",
            "PHS042 objects[0] by PHS037",
        ],
        undetermined: &[],
    },
    Expected {
        file: "phs038-no-password-rule-outbound.yaml",
        fired: &["PHS038 objects[0]"],
        skipped: &["PHS039 objects[0] by PHS038", "PHS042 objects[0] by PHS038"],
        undetermined: &[],
    },
    Expected {
        file: "phs039-no-recent-log-entry.yaml",
        fired: &["PHS039 objects[0]"],
        skipped: &[],
        undetermined: &[],
    },
    Expected {
        file: "phs040-error-status.yaml",
        fired: &["PHS040 objects[0]"],
        skipped: &[],
        undetermined: &[],
    },
    Expected {
        file: "phs040-newest-log-filtered.yaml",
        fired: &["PHS040 objects[0]"],
        skipped: &[],
        undetermined: &[],
    },
    Expected {
        file: "phs041-retry-requested.yaml",
        fired: &["PHS041 objects[0]"],
        skipped: &[],
        undetermined: &[],
    },
    Expected {
        file: "phs042-change-not-attempted.yaml",
        fired: &["PHS042 objects[0]"],
        skipped: &[],
        undetermined: &[],
    },
    Expected {
        file: "several-objects.yaml",
        fired: &[
            "PHS031 objects[0]",
            "PHS034 objects[2]",
            "PHS037 objects[1]",
            "PHS039 objects[3]",
        ],
        skipped: &[
            "PHS036 objects[2] by PHS034",
            "PHS037 objects[2] by PHS034",
            "PHS038 objects[2] by PHS034",
            "PHS039 objects[0] by PHS031",
            "PHS039 objects[1] by PHS037",
            "PHS039 objects[2] by PHS034",
            "PHS040 objects[0] by PHS031",
            "PHS040 objects[1] by PHS037",
            "PHS040 objects[2] by PHS034",
            "PHS041 objects[0] by PHS031",
            "PHS041 objects[1] by PHS037",
            "PHS041 objects[2] by PHS034",
            "PHS042 objects[0] by PHS031",
            "PHS042 objects[1] by PHS037",
            "PHS042 objects[2] by PHS034",
        ],
        undetermined: &[],
    },
    Expected {
        file: "temporary-password-synced.yaml",
        fired: &[],
        skipped: &[],
        undetermined: &[],
    },
    Expected {
        file: "unknowns.yaml",
        fired: &[],
        skipped: &[],
        undetermined: &[
            "PHS001 unknown tenant.password_hash_sync",
            "PHS020 connectors[0].domains[0] unknown connectors[0].domains[0].domain_controllers",
            "PHS021 connectors[0].domains[0] unknown connectors[0].domains[0].credentials_valid",
            "PHS023 connectors[0].domains[0] unknown connectors[0].domains[0].domain_controllers",
            "PHS037 objects[0] unknown objects[0].aad.exported",
        ],
    },
];

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/facts")
}

/// The example facts files, sorted by name.
fn example_files() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(examples_dir())
        .unwrap_or_else(|e| panic!("cannot list examples/facts: {e}"))
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();
    names
}

/// The single report of a `--format json` run.
fn json_report(file: &str) -> Value {
    let path = format!("examples/facts/{file}");
    let run = phsrule(&["check", "--format", "json", &path]);
    let parsed: Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| {
        panic!(
            "{file}: the JSON report does not parse: {e}\n{}",
            run.stderr
        )
    });
    parsed["reports"][0].clone()
}

/// `PHS012 connectors[1]`, with `by ...` or `unknown ...` for skipped and
/// undetermined outcomes.
fn describe(result: &Value) -> String {
    let strings = |v: &Value, field: &str| -> Vec<String> {
        v.as_array()
            .map(|items| {
                items
                    .iter()
                    .filter_map(|i| {
                        if field.is_empty() {
                            i.as_str()
                        } else {
                            i[field].as_str()
                        }
                    })
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut text = result["rule"].as_str().unwrap_or("?").to_string();
    if let Some(path) = strings(&result["binding"], "path").last() {
        text = format!("{text} {path}");
    }
    match result["outcome"].as_str() {
        Some("skipped") => format!(
            "{text} by {}",
            strings(&result["skipped_by"], "").join(", ")
        ),
        Some("undetermined") => {
            format!(
                "{text} unknown {}",
                strings(&result["unknown"], "path").join(", ")
            )
        }
        _ => text,
    }
}

/// The outcomes of one kind in a report, described.
fn outcomes(report: &Value, outcome: &str) -> BTreeSet<String> {
    report["results"]
        .as_array()
        .map(|results| {
            results
                .iter()
                .filter(|r| r["outcome"] == outcome)
                .map(describe)
                .collect()
        })
        .unwrap_or_default()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn every_example_file_has_expectations() {
    let files = example_files();
    let listed: Vec<&str> = EXPECTED.iter().map(|e| e.file).collect();
    let unlisted: Vec<&String> = files
        .iter()
        .filter(|f| !listed.contains(&f.as_str()))
        .collect();
    let missing: Vec<&&str> = listed
        .iter()
        .filter(|l| !files.iter().any(|f| f == *l))
        .collect();
    assert!(
        unlisted.is_empty(),
        "examples without a row in EXPECTED: {unlisted:?}"
    );
    assert!(
        missing.is_empty(),
        "rows in EXPECTED without a file: {missing:?}"
    );
}

#[test]
fn examples_fire_skip_and_leave_undetermined_exactly_the_expected_rules() {
    let mut mismatches = Vec::new();
    for expected in EXPECTED {
        let report = json_report(expected.file);
        for (outcome, want) in [
            ("fired", expected.fired),
            ("skipped", expected.skipped),
            ("undetermined", expected.undetermined),
        ] {
            let got = outcomes(&report, outcome);
            let want = set(want);
            if got != want {
                mismatches.push(format!(
                    "{}: {outcome}\n  expected {want:?}\n  got      {got:?}",
                    expected.file
                ));
            }
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn examples_exit_1_exactly_when_an_error_rule_fires() {
    for expected in EXPECTED {
        let path = format!("examples/facts/{}", expected.file);
        let run = phsrule(&["check", &path]);
        let report = json_report(expected.file);
        let errors = report["summary"]["fired"]["error"].as_u64().unwrap_or(0);
        let want = if errors > 0 { 1 } else { 0 };
        assert_eq!(
            run.code, want,
            "{}: exit code\n{}",
            expected.file, run.stderr
        );
    }
}

#[test]
fn healthy_example_fires_nothing_and_exits_0() {
    let run = phsrule(&[
        "check",
        "--strict",
        "--fail-on",
        "info",
        "examples/facts/healthy.yaml",
    ]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let report = json_report("healthy.yaml");
    assert!(outcomes(&report, "fired").is_empty());
    assert!(outcomes(&report, "skipped").is_empty());
    assert!(outcomes(&report, "undetermined").is_empty());
    let passed = report["summary"]["passed"].as_u64().unwrap_or(0);
    assert!(
        passed > 0,
        "the healthy file should pass checks, not skip them"
    );
}

#[test]
fn example_reports_snapshots() {
    insta::glob!("../../examples/facts", "*.yaml", |path| {
        let file = rel(path);
        for format in ["human", "json", "markdown"] {
            let run = phsrule(&["check", "--format", format, &file]);
            assert!(run.stderr.is_empty(), "{file} ({format}): {}", run.stderr);
            insta::assert_snapshot!(format, run.stdout);
        }
    });
}
