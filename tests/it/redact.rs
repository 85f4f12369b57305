//! `check --redact`: no name from the facts survives in any report format, and the
//! placeholders are stable.

use crate::common::phsrule;
use phsrule::cli::load::{load_rules, RuleSources};
use phsrule::facts::{load_facts, LoadOptions};
use phsrule::report::redact::collect_names;
use phsrule::source::Sources;

const FORMATS: [&str; 5] = ["human", "json", "markdown", "junit", "sarif"];

/// Every name that `--redact` must hide in a facts file, as the library finds them.
fn names_in(facts: &str) -> Vec<String> {
    let mut sources = Sources::new();
    let from = RuleSources::builtin_only();
    let Ok(loaded) = load_rules(&mut sources, &from) else {
        panic!("the builtin pack does not load");
    };
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(facts);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{facts}: {e}"));
    let file = sources.add(facts, text.as_str());
    let schema = &loaded.program.schema;
    let Ok(loaded) = load_facts(schema, file, &text, &LoadOptions::default()) else {
        panic!("{facts} does not load");
    };
    let names = collect_names(schema, &loaded.root);
    let mut found: Vec<String> = names.found.into_iter().map(|(_, name)| name).collect();
    found.sort();
    found.dedup();
    found
}

fn check_redacted(facts: &str, must_hide: &str) {
    let names = names_in(facts);
    assert!(
        names.iter().any(|n| n == must_hide),
        "{must_hide} in {names:?}"
    );
    for format in FORMATS {
        let plain = phsrule(&["check", "--format", format, "--verbose", facts]);
        assert!(
            plain.stdout.contains(must_hide),
            "without --redact the {format} report of {facts} names {must_hide}:\n{}",
            plain.stdout
        );
        let run = phsrule(&["check", "--redact", "--format", format, "--verbose", facts]);
        assert_eq!(run.code, plain.code, "{}", run.stderr);
        let lower = run.stdout.to_lowercase();
        for name in &names {
            assert!(
                !lower.contains(&name.to_lowercase()),
                "`{name}` appears in the redacted {format} report of {facts}:\n{}",
                run.stdout
            );
        }
        // A placeholder such as `<domain-2>` (`&lt;domain-2&gt;` in JUnit).
        assert!(run.stdout.contains("domain-"), "{}", run.stdout);
        assert!(run.stdout.contains(facts), "the facts file keeps its name");
    }
}

#[test]
fn redacted_reports_of_several_objects_name_nothing_from_the_facts() {
    check_redacted(
        "examples/facts/several-objects.yaml",
        "CN=Diego Siciliani,OU=Sales,DC=contoso,DC=com",
    );
}

#[test]
fn redacted_reports_of_multi_forest_name_nothing_from_the_facts() {
    check_redacted("examples/facts/multi-forest.yaml", "fabrikam.com");
}

#[test]
fn placeholders_are_stable_and_numbered_in_order_of_first_appearance() {
    let facts = "examples/facts/multi-forest.yaml";
    let first = phsrule(&["check", "--redact", "--format", "json", "--verbose", facts]);
    let again = phsrule(&["check", "--redact", "--format", "json", "--verbose", facts]);
    assert_eq!(first.stdout, again.stdout);
    // contoso.com is met before fabrikam.com in the facts.
    let one = first.stdout.find("<domain-1>");
    let two = first.stdout.find("<domain-2>");
    assert!(one.is_some() && two.is_some(), "{}", first.stdout);
    let human = phsrule(&["check", "--redact", facts]).stdout;
    assert!(human.contains("Connector <domain-2>"), "{human}");
    assert!(human.contains("$adConnector  = '<domain-2>'"), "{human}");
}
