//! Authoring tools: `phsrule test` on the builtin pack, the example org pack and
//! deliberately wrong test files; `phsrule explain`; and `check` with an org pack
//! that overrides and disables builtin rules.

use crate::common::{phsrule, Scratch};

#[test]
fn builtin_rule_tests_pass() {
    let run = phsrule(&["test", "rules"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("test result: ok."), "{}", run.stdout);
    assert!(!run.stdout.contains("FAILED"), "{}", run.stdout);
}

#[test]
fn org_policy_tests_pass_and_cover_its_rules() {
    let run = phsrule(&["test", "examples/org-policy"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("coverage of contoso.policy@1.2.0: 2 of 2 rules fire in a passing case"),
        "{}",
        run.stdout
    );
}

#[test]
fn failing_case_exits_1_with_a_diff() {
    let run = phsrule(&["test", "tests/authoring/wrong-expectations.test.yaml"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn bad_test_file_exits_2_naming_file_and_case() {
    let run = phsrule(&["test", "tests/authoring/bad-file.test.yaml"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty(), "nothing on stdout: {}", run.stdout);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn expecting_a_retired_rule_says_what_took_it_over() {
    let dir = Scratch::new("retired");
    let healthy =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/facts/healthy.yaml");
    dir.write(
        "old.test.yaml",
        format!(
            "- name: old_switch_rule\n  facts: {}\n  expect:\n    PHS007: passed\n",
            healthy.display()
        ),
    );
    let run = dir.phsrule(&["test", "old.test.yaml"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    let stderr: Vec<&str> = run
        .stderr
        .split_whitespace()
        .filter(|w| *w != "│")
        .collect();
    let stderr = stderr.join(" ");
    assert!(
        stderr.contains("case `old_switch_rule`: rule `PHS007` was retired in phs.builtin@1.1.0: its two cases are PHS001"),
        "{}",
        run.stderr
    );
    assert!(!stderr.contains("not a loaded rule"), "{}", run.stderr);
}

#[test]
fn a_folder_without_test_files_is_an_error() {
    let run = phsrule(&["test", "examples/facts"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no test files"), "{}", run.stderr);
}

#[test]
fn explain_shows_why_the_heartbeat_check_fired() {
    let run = phsrule(&[
        "explain",
        "PHS011",
        "examples/facts/phs011-no-heartbeat.yaml",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn explain_names_unknown_facts_and_skips() {
    let unknown = phsrule(&["explain", "PHS001", "examples/facts/unknowns.yaml"]);
    assert!(
        unknown
            .stdout
            .contains("tenant.password_hash_sync = (unknown)"),
        "{}",
        unknown.stdout
    );
    let skipped = phsrule(&[
        "explain",
        "PHS011",
        "examples/facts/phs010-channel-disabled.yaml",
    ]);
    assert!(
        skipped
            .stdout
            .contains("needs not PHS010: not met, PHS010 fired here"),
        "{}",
        skipped.stdout
    );
}

#[test]
fn explain_json_lists_every_binding() {
    let run = phsrule(&[
        "explain",
        "PHS011",
        "examples/facts/multi-forest.yaml",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("not JSON: {e}"));
    let outcomes: Vec<&str> = json["bindings"]
        .as_array()
        .map(|b| b.iter().filter_map(|b| b["outcome"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(outcomes, ["passed", "fired", "excluded"]);
}

#[test]
fn explain_unknown_rule_suggests_a_close_one() {
    let run = phsrule(&["explain", "PHS01", "examples/facts/healthy.yaml"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("did you mean `PHS001`?"),
        "{}",
        run.stderr
    );
}

/// A rule an org pack disabled is explained too, though `evaluate` never ran it: an
/// error there is the rule's, not "a constant could not be evaluated".
#[test]
fn explain_names_the_rule_whose_condition_fails_even_when_it_is_disabled() {
    let dir = Scratch::new("explain-error");
    dir.write(
        "base/base.phs",
        r#"pack ex.base version "1.0.0" extends phs.builtin ">=1.1, <2"

rule EXB001 "Overflows" {
  severity warning
  for c in connectors
  when c.name.len() + 9223372036854775807 > 0
  message "never"
}
"#,
    );
    dir.write(
        "org/org.phs",
        "pack ex.org version \"1.0.0\" extends ex.base \">=1.0\"\n\ndisable EXB001 \"it overflows\"\n",
    );
    let facts = format!("{}/examples/facts/healthy.yaml", env!("CARGO_MANIFEST_DIR"));
    let run = dir.phsrule(&[
        "explain", "--rules", "base", "--rules", "org", "EXB001", &facts,
    ]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert_eq!(run.stdout, "");
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn org_policy_on_the_healthy_server_fires_nothing() {
    let run = phsrule(&[
        "check",
        "--rules",
        "examples/org-policy",
        "examples/facts/healthy.yaml",
    ]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("contoso.policy@1.2.0"),
        "{}",
        run.stdout
    );
}

#[test]
fn check_with_org_policy_shows_overrides_and_disabled_rules() {
    let run = phsrule(&[
        "check",
        "--rules",
        "examples/org-policy",
        "examples/org-policy/facts/branch-rollout.yaml",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn documented_test_cases_are_valid_test_files() {
    let mut checked = 0;
    for doc in ["docs/testing.md", "docs/authoring.md"] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(doc);
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        for block in crate::docs::blocks(&text, "yaml") {
            let (cases, problems) = phsrule::testing::format::parse_test_file(&block);
            assert!(problems.is_empty(), "{doc}:\n{block}\n{problems:?}");
            checked += cases.len();
        }
    }
    assert!(checked >= 4, "only {checked} documented cases found");
}
