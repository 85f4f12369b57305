//! One folder walker for the whole tool: no symlink loop followed, no file twice,
//! `.git` and `target` left alone, extensions in any case.

use super::{copy_export, ORG_RULE as RULE};
use crate::common::Scratch;
use std::path::Path;

#[cfg(unix)]
fn link(target: &str, at: &Path) {
    std::os::unix::fs::symlink(target, at).unwrap();
}

#[cfg(unix)]
#[test]
fn links_back_to_an_ancestor_are_not_followed_by_import() {
    let tmp = Scratch::new("walk-import");
    let export = copy_export(&tmp);
    let clean = tmp.phsrule(&["import", "--config", "export", "-o", "-"]);
    assert_eq!(clean.code, 0, "{}", clean.stderr);
    // Two self-links hung `import` before; one imported each connector 41 times.
    link(".", &export.join("Connectors/again"));
    link("..", &export.join("Connectors/up"));
    let linked = tmp.phsrule(&["import", "--config", "export", "-o", "-"]);
    assert_eq!(linked.code, 0, "{}", linked.stderr);
    assert_eq!(linked.stdout, clean.stdout);
}

#[cfg(unix)]
#[test]
fn links_back_to_an_ancestor_are_not_followed_by_rule_commands() {
    let tmp = Scratch::new("walk-rules");
    tmp.write("policy/org.phs", RULE);
    link(".", &tmp.dir.join("policy/self"));
    link("..", &tmp.dir.join("policy/parent"));
    for args in [
        &["validate", "policy"][..],
        &["rules", "--rules", "policy"][..],
        &["fmt", "--check", "policy"][..],
    ] {
        let run = tmp.phsrule(args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert!(
            !run.stderr.contains("duplicate"),
            "{args:?}: {}",
            run.stderr
        );
    }
    let rules = tmp.phsrule(&["rules", "--rules", "policy"]);
    assert_eq!(
        rules.stdout.matches("ORG001").count(),
        1,
        "{}",
        rules.stdout
    );
}

#[test]
fn git_and_target_folders_are_not_searched_and_extensions_match_in_any_case() {
    let tmp = Scratch::new("walk-skip");
    tmp.write("policy/ORG.PHS", RULE);
    // Broken files where no walk may look.
    tmp.write("policy/.git/stale.phs", "rule {");
    tmp.write("policy/target/copy.phs", "rule {");
    let run = tmp.phsrule(&["validate", "policy"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("2 packs"), "{}", run.stderr);
}
