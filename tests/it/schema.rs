//! `phsrule schema --format facts`: the template an engineer fills in by hand is a
//! facts file `check` reads, and each value left empty is named, with nothing on
//! stdout.

use crate::common::{phsrule, Scratch};

#[test]
fn checking_the_unfilled_template_names_each_empty_value_and_prints_no_report() {
    let template = phsrule(&["schema", "--format", "facts"]);
    assert_eq!(template.code, 0, "{}", template.stderr);
    let scratch = Scratch::new("template");
    scratch.write("facts.yaml", &template.stdout);
    let run = scratch.phsrule(&["check", "facts.yaml"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(
        run.stderr
            .contains("`collected_at` is required but has no value"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("`connectors[0].name` is required but has no value"),
        "{}",
        run.stderr
    );
    // Only empty values: no unknown key, no wrong type, no broken YAML.
    let codes: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("phs::"))
        .collect();
    assert!(codes.len() > 5, "{}", run.stderr);
    assert!(
        codes.iter().all(|c| *c == "phs::facts::missing"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_phs_format_is_still_the_default() {
    let default = phsrule(&["schema"]);
    let phs = phsrule(&["schema", "--format", "phs"]);
    assert_eq!(default.code, 0, "{}", default.stderr);
    assert_eq!(default.stdout, phs.stdout);
    assert!(
        default.stdout.contains("record Facts {"),
        "{}",
        default.stdout
    );
}
