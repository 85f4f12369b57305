//! The JSON reader (`json_values`) against the event-stream builder: every example
//! facts file, converted to JSON, gives the same values and the same report either
//! way; a file with a problem gets the builder's diagnostics.

use super::*;
use crate::cli::load::{load_rules, RuleSources};
use crate::eval::evaluate;
use crate::report::{build_report, json::render_json, Selection};
use crate::source::Sources;

fn builtin() -> (Sources, crate::check::Program) {
    let mut sources = Sources::new();
    let from = RuleSources::builtin_only();
    match load_rules(&mut sources, &from) {
        Ok(loaded) => (sources, loaded.program),
        Err(_) => panic!("the builtin pack does not load"),
    }
}

/// A YAML facts file as JSON text.
fn to_json(yaml: &str) -> String {
    let tree: serde_yaml::Value =
        serde_yaml::from_str(yaml).unwrap_or_else(|e| panic!("not YAML: {e}"));
    serde_json::to_string_pretty(&tree).unwrap_or_else(|e| panic!("not JSON: {e}"))
}

fn json_opts() -> LoadOptions {
    LoadOptions {
        json: true,
        ..LoadOptions::default()
    }
}

/// The report of `facts` as JSON text, under one file name.
fn report(program: &crate::check::Program, facts: &Facts) -> String {
    let now = facts
        .collected_at
        .unwrap_or_else(|| panic!("no collected_at"));
    let evaluation =
        evaluate(program, &facts.root, now).unwrap_or_else(|e| panic!("{}", e.message));
    let report = build_report(program, evaluation, "facts", &Selection::default());
    render_json(&[report]).unwrap_or_else(|e| panic!("the report is not JSON: {e}"))
}

#[test]
fn every_example_loads_the_same_from_json_and_yaml() {
    let (mut sources, program) = builtin();
    let mut paths: Vec<_> = std::fs::read_dir("examples/facts")
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    assert!(paths.len() > 40, "the examples are there");
    for path in paths {
        let yaml = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
        let json = to_json(&yaml);
        let file = sources.add(path.display().to_string(), yaml.as_str());
        let from_yaml = load_facts(&program.schema, file, &yaml, &LoadOptions::default())
            .unwrap_or_else(|_| panic!("{} does not load", path.display()));
        let root = json_values::read_clean(&program.schema, false, &json)
            .unwrap_or_else(|| panic!("{} as JSON is not read cleanly", path.display()));
        assert_eq!(
            format!("{:?}", from_yaml.root),
            format!("{root:?}"),
            "{}",
            path.display()
        );
        let from_json = load_facts(&program.schema, file, &json, &json_opts())
            .unwrap_or_else(|_| panic!("{} as JSON does not load", path.display()));
        assert_eq!(
            report(&program, &from_yaml),
            report(&program, &from_json),
            "{}",
            path.display()
        );
    }
}

#[test]
fn a_json_file_with_problems_gets_the_builders_diagnostics() {
    let (mut sources, program) = builtin();
    let yaml =
        std::fs::read_to_string("examples/facts/healthy.yaml").unwrap_or_else(|e| panic!("{e}"));
    let json = to_json(&yaml)
        .replace("\"staging_mode\": false", "\"staging_mode\": \"no\"")
        .replace(
            "\"reachable\": true",
            "\"reachable\": true, \"admin_password\": \"x\"",
        );
    let file = sources.add("facts.json", json.as_str());
    assert!(json_values::read_clean(&program.schema, true, &json).is_none());
    let problems = load_facts(&program.schema, file, &json, &json_opts())
        .err()
        .unwrap_or_else(|| panic!("the problems are found"));
    let codes: Vec<&str> = problems.iter().map(|d| d.code).collect();
    assert!(codes.contains(&"phs::facts::secret"), "{codes:?}");
    assert!(codes.len() >= 2, "{codes:?}");
}

#[test]
fn extra_keys_are_skipped_when_allowed_but_secrets_inside_them_are_not() {
    let (_, program) = builtin();
    let yaml =
        std::fs::read_to_string("examples/facts/healthy.yaml").unwrap_or_else(|e| panic!("{e}"));
    let extra = to_json(&yaml).replacen(
        "\"server\": {",
        "\"server\": {\"site\": {\"rack\": [1, {\"x\": null}]},",
        1,
    );
    assert!(json_values::read_clean(&program.schema, false, &extra).is_none());
    assert!(json_values::read_clean(&program.schema, true, &extra).is_some());
    let secret = extra.replace("\"x\": null", "\"api_token\": \"t\"");
    assert!(json_values::read_clean(&program.schema, true, &secret).is_none());
}
