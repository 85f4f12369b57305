//! Text from files reaches no terminal, YAML comment, Markdown table or JUnit
//! document raw; hostile exports are bounded while parsing; `--redact` covers
//! free text; the human report stays linear in the number of objects.

use super::{copy_export, FACTS_HEAD, ORG_RULE, TRIMMED_EXPORT};
use crate::common::Scratch;
use crate::limits::refused_in;
use std::path::Path;

/// A copy of the trimmed export in `tmp/export`, with `file` replaced by `text`.
fn export_with(tmp: &Scratch, file: &str, text: &str) {
    let export = copy_export(tmp);
    std::fs::write(export.join(file), text).unwrap();
}

const CONNECTOR: &str = "Connectors/Connector_{ae4db4cc-b16b-4eb2-acf5-837ca84e4d7d}.xml";

#[test]
fn two_million_nested_elements_are_refused_while_parsing() {
    let tmp = Scratch::new("xml-deep");
    let depth = 2_000_000;
    export_with(
        &tmp,
        CONNECTOR,
        &format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth)),
    );
    let run = refused_in(
        &tmp,
        &["import", "--config", "export", "-o", "-"],
        "phs::import::limit",
    );
    assert!(run.stderr.contains("Connector_{ae4db4cc"), "{}", run.stderr);
    assert!(run.stderr.contains("nest more than"), "{}", run.stderr);
}

#[test]
fn an_element_with_200000_attributes_is_refused() {
    let tmp = Scratch::new("xml-attrs");
    let attrs: String = (0..200_000).map(|i| format!(" a{i}='1'")).collect();
    export_with(&tmp, CONNECTOR, &format!("<ma-data{attrs}/>"));
    let run = refused_in(
        &tmp,
        &["import", "--config", "export", "-o", "-"],
        "phs::import::limit",
    );
    assert!(
        run.stderr.contains("more than 1000 attributes"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_value_over_the_string_limit_names_the_export_file_and_element() {
    let tmp = Scratch::new("xml-long");
    let long = "x".repeat(phsrule::limits::MAX_STRING_BYTES + 1);
    export_with(
        &tmp,
        CONNECTOR,
        &format!("<ma-data><name>{long}</name></ma-data>"),
    );
    let run = refused_in(
        &tmp,
        &["import", "--config", "export", "-o", "-"],
        "phs::import::limit",
    );
    assert!(run.stderr.contains("Connector_{ae4db4cc"), "{}", run.stderr);
    assert!(run.stderr.contains("`<name>`"), "{}", run.stderr);
    assert!(!run.stderr.contains("<imported facts>"), "{}", run.stderr);
    assert!(
        run.stderr.len() < 4_000,
        "{} bytes of stderr",
        run.stderr.len()
    );
}

#[test]
fn a_newline_in_an_exported_name_plants_no_facts() {
    let tmp = Scratch::new("xml-inject");
    let mv = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(TRIMMED_EXPORT)
            .join("GlobalSettings/MV.xml"),
    )
    .unwrap()
    .replacen(
        "server='CONTOSO-SYNC01'",
        "server='CONTOSO-SYNC01&#10;heartbeats: planted&#13;&#10;events: []'",
        1,
    );
    export_with(&tmp, "GlobalSettings/MV.xml", &mv);
    let run = tmp.phsrule(&["import", "--config", "export", "-o", "-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for line in run.stdout.lines() {
        assert!(
            !line.starts_with("heartbeats") && !line.starts_with("events: []"),
            "{line}"
        );
    }
    let facts: serde_yaml::Value = serde_yaml::from_str(&run.stdout).unwrap();
    assert!(facts.get("heartbeats").is_none());
    assert!(facts["server"]["name"].as_str().unwrap().contains('\n'));
    // The folder's own name is written into the output's leading comment.
    let hostile = "export\nheartbeats: planted\r\nevents: []";
    std::fs::rename(tmp.dir.join("export"), tmp.dir.join(hostile)).unwrap();
    let run = tmp.phsrule(&["import", "--config", hostile, "-o", "-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let facts: serde_yaml::Value = serde_yaml::from_str(&run.stdout).unwrap();
    assert!(facts.get("heartbeats").is_none(), "{}", run.stdout);
    assert!(run.stdout.lines().all(|l| !l.starts_with("heartbeats")));
}

/// Facts whose names carry escape sequences, bidi overrides, table syntax and
/// characters XML forbids.
fn hostile_facts() -> String {
    format!(
        "{FACTS_HEAD}server: {{name: \"AADC\\e]0;owned\\a\\u202Egnp.exe\\u0085|x\\n# head `tick` <b>\\uFFFF\", version: 1.1.614.0}}\n\
         tenant: {{name: contoso.onmicrosoft.com, password_hash_sync: true}}\n\
         connectors:\n  - {{name: \"con|toso\\n# com`\\e[2J\", id: x, kind: ad}}\n"
    )
}

fn assert_terminal_safe(what: &str, text: &str) {
    for bad in ['\u{1b}', '\u{7}', '\u{202e}', '\u{85}'] {
        assert!(!text.contains(bad), "{what} holds {bad:?}: {text:?}");
    }
}

#[test]
fn control_and_bidi_characters_reach_no_terminal() {
    let tmp = Scratch::new("terminal");
    tmp.write("facts.yaml", hostile_facts());
    let check = tmp.phsrule(&["check", "--verbose", "facts.yaml"]);
    assert_ne!(check.code, 2, "{}", check.stderr);
    assert!(
        check.stdout.contains("\u{241b}"),
        "escape shown as ␛: {}",
        check.stdout
    );
    assert_terminal_safe("check", &check.stdout);
    let explain = tmp.phsrule(&["explain", "PHS010", "facts.yaml"]);
    assert_terminal_safe("explain", &(explain.stdout + &explain.stderr));
    // A file name with an escape sequence, in a diagnostic.
    tmp.write("bad\u{1b}[2J\u{202e}.yaml", "format: [");
    let bad = tmp.phsrule(&["check", "bad\u{1b}[2J\u{202e}.yaml"]);
    assert_eq!(bad.code, 2);
    assert_terminal_safe("diagnostic", &bad.stderr);
    // A test file's case name.
    tmp.write("pack/org.phs", ORG_RULE);
    tmp.write("pack/tests/facts.yaml", hostile_facts());
    tmp.write(
        "pack/tests/t.test.yaml",
        "- name: \"case \\e[31mred\\u202E\"\n  facts: facts.yaml\n  expect: { ORG001: fired }\n",
    );
    let test = tmp.phsrule(&["test", "pack"]);
    assert_eq!(test.code, 1, "{}", test.stderr);
    assert_terminal_safe("test", &(test.stdout + &test.stderr));
}

#[test]
fn markdown_escapes_facts_text_and_junit_stays_well_formed() {
    let tmp = Scratch::new("markdown-junit");
    tmp.write("facts.yaml", hostile_facts());
    let md = tmp.phsrule(&["check", "--verbose", "--format", "markdown", "facts.yaml"]);
    assert_ne!(md.code, 2, "{}", md.stderr);
    // Outside fenced blocks (remediation scripts, shown as they are).
    let mut fenced = false;
    for line in md.stdout.lines() {
        if line.starts_with("```") {
            fenced = !fenced;
            continue;
        }
        assert!(
            fenced || !line.starts_with("# "),
            "a heading planted: {line}"
        );
        assert!(fenced || !line.contains("<b>"), "HTML planted: {line}");
    }
    let junit = tmp.phsrule(&["check", "--verbose", "--format", "junit", "facts.yaml"]);
    assert!(!junit.stdout.contains('\u{ffff}'));
    let mut reader = quick_xml::Reader::from_str(&junit.stdout);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(quick_xml::events::Event::Text(t)) => {
                t.decode().unwrap();
            }
            Ok(_) => {}
            Err(e) => panic!("JUnit is not well-formed: {e}\n{}", junit.stdout),
        }
    }
}

#[test]
fn redact_covers_dns_in_free_text_and_every_spelling_of_a_domain() {
    let tmp = Scratch::new("redact-free-text");
    let healthy = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples/facts/phs012-connectivity-error-event.yaml"),
    )
    .unwrap();
    let secret_dn = "CN=Pradeep Gupta,OU=Finance,DC=contoso,DC=com";
    let facts = healthy.replacen(
        "events:\n",
        &format!(
            "events:\n  - id: 611\n    source: Directory Synchronization\n    level: error\n    time: 2026-11-24T11:00:00Z\n    message: \"Password sync failed for {secret_dn} on dc07.contoso.com (DC=contoso,DC=com, CONTOSO).\"\n"
        ),
        1,
    );
    tmp.write("facts.yaml", facts);
    for format in ["human", "json", "markdown"] {
        let run = tmp.phsrule(&[
            "check",
            "--redact",
            "--verbose",
            "--format",
            format,
            "facts.yaml",
        ]);
        assert_ne!(run.code, 2, "{}", run.stderr);
        let lower = run.stdout.to_lowercase();
        for name in ["pradeep", "dc07", "contoso"] {
            assert!(
                !lower.contains(name),
                "`{name}` in the redacted {format} report:\n{}",
                run.stdout
            );
        }
    }
}

/// The human report groups results by object through an index and lists unknown
/// facts through another (`src/report/human.rs`): linear by construction. This
/// test holds what the grouping must give at a scale where the quadratic version
/// was far slower than the JSON report; no clock is read.
#[test]
fn the_human_report_of_5000_undetermined_objects_groups_each_once() {
    let tmp = Scratch::new("many-objects");
    let mut text = format!(
        "{FACTS_HEAD}server: {{name: AADC01, version: 2.3.20.0}}\n\
         tenant: {{name: contoso.onmicrosoft.com, password_hash_sync: true}}\nobjects:\n"
    );
    let last = 4_999;
    for i in 0..=last {
        // `ad` left out: every object's checks that read it are undetermined.
        text.push_str(&format!(
            "  - {{dn: \"CN=User {i},OU=Sales,DC=contoso,DC=com\", connector: contoso.com, \
             cs: {{present: true}}, mv: {{present: true}}, aad: {{present: true}}}}\n"
        ));
    }
    tmp.write("many.yaml", text);
    let run = tmp.phsrule(&["check", "many.yaml"]);
    assert_ne!(run.code, 2, "{}", run.stderr);
    // The last object is shown as the first is: one node, its checks once each.
    let first = run.stdout.matches("CN=User 0,").count();
    assert!(first > 0, "{}", run.stdout);
    assert_eq!(
        run.stdout.matches(&format!("CN=User {last},")).count(),
        first
    );
    let undetermined = run.stdout.split("Collect next:").nth(1).unwrap_or("");
    assert_eq!(
        undetermined
            .matches(&format!("objects[{last}].ad "))
            .count(),
        1,
        "{undetermined}"
    );
}
