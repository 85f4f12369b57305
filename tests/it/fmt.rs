//! `phsrule fmt`: checking and rewriting rule files in the canonical layout.

use crate::common::{phsrule, rel, Scratch};
use std::path::Path;

fn read(path: impl AsRef<Path>) -> String {
    let path = path.as_ref();
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path:?}: {e}"))
}

const UNFORMATTED: &str = r#"// Contoso's own checks.
pack contoso.policy version "1.0.0" extends phs.builtin ">=1.0, <2"
/// The connector account must be a MSOL_ account.
rule ORG001 "Unexpected connector account" { when c.account.name starts_with "MSOL_" == false // the default name
  for c in connectors where c.kind == ad   severity warning
  message "{c.name} uses {c.account.name}." }
"#;

const FORMATTED: &str = r#"// Contoso's own checks.
pack contoso.policy version "1.0.0" extends phs.builtin ">=1.0, <2"

/// The connector account must be a MSOL_ account.
rule ORG001 "Unexpected connector account" {
  severity warning
  for c in connectors where c.kind == ad
  when c.account.name starts_with "MSOL_" == false  // the default name
  message "{c.name} uses {c.account.name}."
}
"#;

#[test]
fn check_fails_until_fmt_rewrites_the_file() {
    let dir = Scratch::new("rewrite");
    let file = dir.write("policy/contoso.phs", UNFORMATTED);

    let check = phsrule(&["fmt", "--check", &dir.path()]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert!(
        check.stdout.contains("contoso.phs (formatted)"),
        "{}",
        check.stdout
    );
    assert!(
        check.stdout.contains("+  severity warning"),
        "{}",
        check.stdout
    );
    assert_eq!(read(&file), UNFORMATTED, "--check changes nothing");

    let fmt = phsrule(&["fmt", &dir.path()]);
    assert_eq!(fmt.code, 0, "{}", fmt.stderr);
    assert_eq!(fmt.stdout.trim(), file.clone(), "the changed file is named");
    assert_eq!(read(&file), FORMATTED);

    let again = phsrule(&["fmt", "--check", &dir.path()]);
    assert_eq!(again.code, 0, "{}", again.stdout);
    assert!(again.stdout.is_empty());
    let untouched = phsrule(&["fmt", &dir.path()]);
    assert!(
        untouched.stdout.is_empty(),
        "a formatted file is not rewritten"
    );
}

#[test]
fn nothing_is_written_when_a_file_does_not_parse() {
    let dir = Scratch::new("broken");
    let good = dir.write("a.phs", UNFORMATTED);
    dir.write("b.phs", "rule ORG002 \"Broken\" {\n  when\n}\n");
    let run = phsrule(&["fmt", &dir.path()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("b.phs"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert_eq!(read(&good), UNFORMATTED);
}

#[test]
fn without_a_path_the_current_folder_is_formatted_but_not_target() {
    let dir = Scratch::new("default");
    let rules = dir.write("rules/contoso.phs", UNFORMATTED);
    let built = dir.write("target/debug/copy.phs", UNFORMATTED);
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_phsrule"))
        .arg("fmt")
        .current_dir(&dir.dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run phsrule: {e}"));
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "rules/contoso.phs\n"
    );
    assert_eq!(read(&rules), FORMATTED);
    assert_eq!(read(&built), UNFORMATTED);
}

#[test]
fn stdout_prints_one_file_and_refuses_several() {
    let dir = Scratch::new("stdout");
    let file = dir.write("a.phs", UNFORMATTED);
    let run = phsrule(&["fmt", "--stdout", &file]);
    assert_eq!((run.code, run.stdout.as_str()), (0, FORMATTED));
    assert_eq!(read(&file), UNFORMATTED);
    dir.write("b.phs", FORMATTED);
    let run = phsrule(&["fmt", "--stdout", &dir.path()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("prints one file"), "{}", run.stderr);
}

/// Every accepted corpus file formats to text that a second `fmt` leaves alone.
#[test]
fn formatted_corpus_files_are_stable() {
    let dir = Scratch::new("stable");
    insta::glob!("../corpus", "*/ok/*.phs", |path| {
        let once = phsrule(&["fmt", "--stdout", &rel(path)]);
        assert_eq!(once.code, 0, "{}", once.stderr);
        let copy = dir.write("copy.phs", &once.stdout);
        let twice = phsrule(&["fmt", "--check", &copy]);
        assert_eq!(twice.code, 0, "{}: {}", rel(path), twice.stdout);
    });
}

#[test]
fn every_construct_formatted() {
    let run = phsrule(&[
        "fmt",
        "--stdout",
        "tests/corpus/parse/ok/every-construct.phs",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

/// docs/fmt.md's example: its first `phs` block formats into its second.
#[test]
fn the_documented_example_is_what_fmt_does() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/fmt.md"))
        .unwrap_or_default();
    let blocks = crate::docs::blocks(&doc, "phs");
    let [before, after] = blocks.as_slice() else {
        panic!(
            "docs/fmt.md should hold two phs blocks, not {}",
            blocks.len()
        );
    };
    let dir = Scratch::new("docs");
    let file = dir.write("example.phs", before);
    let run = phsrule(&["fmt", "--stdout", &file]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(&run.stdout, after);
}
