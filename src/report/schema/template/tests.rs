//! The template is valid YAML that the facts loader reads: empty placeholders are
//! the only problems, and once filled (with or without the optional facts) it
//! loads and checks.

use super::*;
use crate::diag::Diagnostic;
use crate::facts::{load_facts, LoadOptions};
use crate::report::schema::tests::{builtin, checked};
use crate::source::Sources;

/// The problems the facts loader finds in `text` (none: it loads).
fn problems(schema: &Schema, text: &str) -> Vec<Diagnostic> {
    let mut sources = Sources::new();
    let file = sources.add("template.yaml", text);
    match load_facts(schema, file, text, &LoadOptions::default()) {
        Ok(_) => Vec::new(),
        Err(diags) => diags,
    }
}

const FILLED: Fill = Fill {
    examples: true,
    optional_present: false,
};

const EVERYTHING: Fill = Fill {
    examples: true,
    optional_present: true,
};

#[test]
fn the_unfilled_template_fails_only_on_its_empty_placeholders() {
    let program = builtin();
    let text = render_facts_template(&program.schema);
    let placeholders = text
        .lines()
        .filter(|l| !l.trim_start().starts_with('#') && l.ends_with("  # FILL IN"))
        .count();
    let found = problems(&program.schema, &text);
    assert!(placeholders > 5, "{text}");
    assert_eq!(found.len(), placeholders, "{found:#?}\n{text}");
    for d in &found {
        assert!(
            d.message.contains("is required but has no value"),
            "{}",
            d.message
        );
    }
}

#[test]
fn the_template_with_its_required_values_filled_in_loads_and_checks() {
    let program = builtin();
    let text = render(&program.schema, FILLED);
    assert_eq!(problems(&program.schema, &text).len(), 0, "{text}");
    let mut sources = Sources::new();
    let file = sources.add("filled.yaml", text.as_str());
    let Ok(facts) = load_facts(&program.schema, file, &text, &LoadOptions::default()) else {
        panic!("the filled template does not load");
    };
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-24T14:00:00Z")
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(crate::eval::evaluate(&program, &facts.root, now).is_ok());
}

#[test]
fn the_template_with_every_optional_fact_uncommented_and_filled_in_loads() {
    let program = builtin();
    let text = render(&program.schema, EVERYTHING);
    assert_eq!(problems(&program.schema, &text).len(), 0, "{text}");
}

#[test]
fn filling_in_changes_values_only() {
    let program = builtin();
    let template = render_facts_template(&program.schema);
    let filled = render(&program.schema, FILLED);
    assert_eq!(template.lines().count(), filled.lines().count());
    for (empty, full) in template.lines().zip(filled.lines()) {
        let key = empty.split("  # FILL IN").next().unwrap_or(empty);
        assert!(full.starts_with(key), "{empty:?} became {full:?}");
        if empty.ends_with("  # FILL IN") {
            assert!(full.len() > key.len(), "{full:?} has no value");
        }
    }
}

#[test]
fn every_field_of_the_schema_is_in_the_template_with_its_hint() {
    let program = builtin();
    let schema = &program.schema;
    let text = render_facts_template(schema);
    for record in schema.records() {
        for field in &record.fields {
            assert!(
                text.contains(&format!("{}:", field.name)),
                "`{}.{}` is missing",
                record.name,
                field.name
            );
            if let Some(hint) = &field.collect {
                assert!(text.contains(&format!("# collect: {hint}")), "{hint}");
            }
        }
    }
}

/// A small schema with each shape: a nested record, an optional record, lists of
/// records, scalars and enums, a map, and a record that holds itself.
const SMALL_SCHEMA: &str = r#"pack demo version "1.0.0"

format "phs-facts/1"

/// A facts file.
record Facts {
  /// The facts format.
  format: string
  /// When the facts were read.
  collected_at: timestamp
    collect "Get-Date -Format o"
  /// The server.
  server: Server
  /// The connectors.
  connectors: list<Connector>
}

/// The server.
record Server {
  /// Host name.
  name: string
  /// Staging mode is on.
  staging_mode: bool?
    collect "(Get-ADSyncScheduler).StagingModeEnabled"
  /// Its build.
  version: version
}

enum Kind { ad, aad }

enum Right { "Replicate Directory Changes", "Replicate Directory Changes All" }

/// A connector.
record Connector {
  /// The name.
  name: string
  kind: Kind
  /// Rights held.
  rights: list<Right>?
  /// Its account.
  account: Account?
    collect "Synchronization Service Manager > Connectors > Properties"
  /// Settings.
  parameters: map<string, string>
  /// Connectors it reaches.
  next: list<Connector>
}

/// An account.
record Account {
  /// User name.
  name: string
}
"#;

fn small_schema() -> Schema {
    checked(SMALL_SCHEMA)
}

#[test]
fn template_of_a_small_schema() {
    insta::assert_snapshot!(render_facts_template(&small_schema()));
}

#[test]
fn the_small_template_loads_once_filled_in() {
    let schema = small_schema();
    for fill in [FILLED, EVERYTHING] {
        let text = render(&schema, fill);
        let found = problems(&schema, &text);
        assert!(found.is_empty(), "{found:#?}\n{text}");
    }
}
