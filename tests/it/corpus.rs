//! The parser and checker corpus: each `.phs` under `tests/corpus/{parse,check}`
//! is validated on top of the builtin pack, and what `phsrule validate` prints is
//! snapshotted. Files under `ok/` must be accepted (warnings allowed), files under
//! `err/` must be rejected with exit code 2. Adding a case is adding a file.
//!
//! A file named after a diagnostic code (`type-mismatch.phs` for
//! `phs::type::mismatch`) shows that code; every code of the parser and the
//! checker has one (warnings under `check/ok`), or a reason it cannot and the test
//! that covers it instead.

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

/// Codes that cannot have a small corpus file, each with why and the test that
/// covers it instead. An entry here must name a code the sources still emit, and
/// must go when the code gains a corpus file.
const WITHOUT_CORPUS_FILE: &[(&str, &str)] = &[
    // No input raises it: it marks a bug in phsrule. Exit code 3 for bugs:
    // limits::a_panic_is_reported_as_a_bug_with_exit_code_3.
    ("phs::internal", "a bug, not an input"),
    // `fmt` refuses its own output when it would change a file's meaning; no input
    // is known to do that. Only `fmt` raises it, never `validate`.
    ("phs::fmt::unsafe", "a bug of the formatter"),
    // A file over 4 MiB: corpus::a_rule_text_over_the_size_limit_is_refused_by_the_parser
    // (the command line refuses such a file before it parses it:
    // limits::a_rule_file_over_the_size_limit_is_refused).
    ("phs::limit::rule-file-size", "needs 4 MiB"),
    // 2,000 operators: limits::an_expression_over_the_operator_limit_is_refused.
    ("phs::limit::expression", "needs 2,000 operators"),
    // 10,000 rules: limits::too_many_rules_are_refused.
    ("phs::limit::rules", "needs 10,000 rules"),
    // Two files of one pack (a corpus case is one file):
    // corpus::two_files_of_one_pack_must_declare_one_version.
    ("phs::pack::version-conflict", "needs two files"),
    // Only without the builtin schema: corpus::rules_without_a_schema_are_refused.
    ("phs::schema::no-root", "needs --no-builtin"),
];

/// Every diagnostic code the parser and the checker emit has a corpus file named
/// after it (`phs::type::mismatch` → `type-mismatch.phs`) whose snapshot shows
/// that code: under `parse/err` or `check/err`, or `check/ok` for a warning. The
/// codes are read from the sources, so a new code fails here until it has one.
#[test]
fn every_code_of_the_parser_and_the_checker_has_a_corpus_file() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let codes = codes_in(&[root.join("src/syntax"), root.join("src/check")]);
    assert!(codes.len() > 40, "too few codes found: {codes:?}");
    let mut problems = Vec::new();
    for code in &codes {
        let found = corpus_file_of(root, code);
        match (WITHOUT_CORPUS_FILE.iter().find(|(c, _)| c == code), found) {
            (None, Some((folder, file))) => {
                if !snapshot_shows(root, folder, &file, code) {
                    problems.push(format!("{file}: its snapshot does not show `{code}`"));
                }
            }
            (None, None) => problems.push(format!(
                "`{code}` has no corpus file: add tests/corpus/check/err/{}",
                file_name(code)
            )),
            (Some(_), Some((_, file))) => problems.push(format!(
                "`{code}` has a corpus file ({file}): remove it from WITHOUT_CORPUS_FILE"
            )),
            (Some(_), None) => {}
        }
    }
    for (code, _) in WITHOUT_CORPUS_FILE {
        if !codes.contains(*code) {
            problems.push(format!(
                "`{code}` is no longer emitted: remove it from WITHOUT_CORPUS_FILE"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every `"phs::..."` string literal in the `.rs` files under `dirs`.
fn codes_in(dirs: &[std::path::PathBuf]) -> std::collections::BTreeSet<String> {
    let mut codes = std::collections::BTreeSet::new();
    for entry in dirs.iter().flat_map(walkdir::WalkDir::new) {
        let entry = entry.unwrap_or_else(|e| panic!("cannot walk the sources: {e}"));
        if entry.path().extension().map_or(true, |x| x != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path())
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", entry.path().display()));
        for (at, _) in text.match_indices("\"phs::") {
            let rest = text.get(at + 1..).unwrap_or_default();
            let code: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '-' | '_'))
                .collect();
            codes.insert(code);
        }
    }
    codes
}

/// `phs::type::mismatch` → `type-mismatch.phs`.
fn file_name(code: &str) -> String {
    let name = code.strip_prefix("phs::").unwrap_or(code);
    format!("{}.phs", name.replace("::", "-"))
}

/// The corpus folder (`ok` or `err`) and path of the file named after `code`.
fn corpus_file_of(root: &std::path::Path, code: &str) -> Option<(&'static str, String)> {
    let name = file_name(code);
    [
        ("err", "parse/err"),
        ("err", "check/err"),
        ("ok", "check/ok"),
    ]
    .into_iter()
    .map(|(folder, dir)| (folder, format!("tests/corpus/{dir}/{name}")))
    .find(|(_, file)| root.join(file).is_file())
}

/// Whether the snapshot of corpus file `file` has a line that is `code`.
fn snapshot_shows(root: &std::path::Path, folder: &str, file: &str, code: &str) -> bool {
    let name = file.rsplit('/').next().unwrap_or(file);
    let snap = root.join(format!(
        "tests/it/snapshots/it__corpus__validate_snapshot@{folder}__{name}.snap"
    ));
    let text = std::fs::read_to_string(&snap).unwrap_or_default();
    text.lines().any(|line| line == code)
}

#[test]
fn a_rule_text_over_the_size_limit_is_refused_by_the_parser() {
    let text = "/".repeat(phsrule::limits::MAX_RULE_FILE_BYTES + 1);
    let parsed = phsrule::syntax::parse_file(phsrule::source::FileId(0), &text);
    assert_eq!(
        parsed.err().map(|d| d.code),
        Some("phs::limit::rule-file-size")
    );
}

#[test]
fn two_files_of_one_pack_must_declare_one_version() {
    let tmp = crate::common::Scratch::new("version-conflict");
    for (file, version) in [("a.phs", "1.0.0"), ("b.phs", "1.1.0")] {
        let text = format!("pack contoso.policy version \"{version}\"\n");
        std::fs::write(tmp.dir.join(file), text).unwrap_or_else(|e| panic!("write: {e}"));
    }
    let run = tmp.phsrule(&["validate", "."]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("phs::pack::version-conflict"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("pack `contoso.policy` is declared with versions `1.0.0` and `1.1.0`"),
        "{}",
        run.stderr
    );
}

#[test]
fn rules_without_a_schema_are_refused() {
    let run = phsrule(&[
        "validate",
        "--no-builtin",
        "tests/corpus/check/err/type-mismatch.phs",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("phs::schema::no-root"),
        "{}",
        run.stderr
    );
}
