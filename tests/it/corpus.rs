//! The parser and checker corpus: each `.phs` under `tests/corpus/{parse,check}`
//! is validated on top of the builtin pack, and what `phsrule validate` prints is
//! snapshotted. Files under `ok/` must be accepted (warnings allowed), files under
//! `err/` must be rejected with exit code 2. Adding a case is adding a file.

use crate::common::{phsrule, rel};

fn validate_snapshot(path: &std::path::Path) {
    let file = rel(path);
    let run = phsrule(&["validate", &file]);
    let expect_ok = file.contains("/ok/");
    if expect_ok {
        assert_eq!(run.code, 0, "{file} should be accepted:\n{}", run.stderr);
    } else {
        assert_eq!(run.code, 2, "{file} should be rejected:\n{}", run.stderr);
    }
    assert!(run.stdout.is_empty(), "validate prints nothing on stdout");
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn parse_corpus() {
    insta::glob!("../corpus/parse", "*/*.phs", validate_snapshot);
}

#[test]
fn check_corpus() {
    insta::glob!("../corpus/check", "*/*.phs", validate_snapshot);
}

/// Each broken facts file under `tests/corpus/facts/err` is refused with exit
/// code 2, nothing on stdout, and a message naming the file, line and fix.
#[test]
fn bad_facts_corpus() {
    insta::glob!("../corpus/facts/err", "*.*", |path| {
        let file = rel(path);
        let run = phsrule(&["check", &file]);
        assert_eq!(run.code, 2, "{file} should be refused:\n{}", run.stderr);
        assert!(run.stdout.is_empty(), "no report may be printed for {file}");
        assert!(run.stderr.contains(&file), "the message names the file");
        insta::assert_snapshot!(run.stderr);
    });
}
