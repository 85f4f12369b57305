//! Finding what `phsrule test` runs: the pack folder and the test files of a PATH.

use crate::cli::load::Failure;
use crate::cli::walk::{files_under, has_extension, has_suffix, Depth};
use crate::diag::Diagnostic;
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

/// With no PATH: the packs under `root` that have tests. Each `*.test.yaml` file
/// belongs to the nearest folder above it holding `.phs` files (`rules/tests/x.test.yaml`
/// to `rules`); the packs are those folders, sorted. Test files that belong to no
/// pack are named in the returned notes, not run.
pub(super) fn packs_under(root: &Path) -> Result<(Vec<PathBuf>, Vec<PathBuf>), Failure> {
    // As the user would type them: `rules`, not `./rules`.
    let short = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    let mut packs = BTreeSet::new();
    let mut orphans = Vec::new();
    for test in files_under(root, Depth::Recursive, is_test_file)? {
        let pack = test
            .ancestors()
            .skip(1)
            .take_while(|dir| dir.starts_with(root))
            .find(|dir| has_rule_files(dir));
        if let Some(dir) = pack {
            packs.insert(short(dir));
        } else {
            orphans.push(short(&test));
        }
    }
    Ok((packs.into_iter().collect(), orphans))
}

/// The pack folder and the test files of a PATH.
pub(super) fn discover(path: &Path) -> Result<(Option<PathBuf>, Vec<PathBuf>), Failure> {
    if path.is_dir() {
        let tests = files_under(path, Depth::Recursive, is_test_file)?;
        if tests.is_empty() {
            return Err(Diagnostic::error(
                "phs::test::none",
                format!("there are no test files (`*.test.yaml`) under `{}`", path.display()),
            )
            .help("put the tests of a pack in files named like `tests/heartbeat.test.yaml`; see docs/testing.md")
            .into());
        }
        return Ok((Some(path.to_path_buf()), tests));
    }
    if !is_test_file(path) || !path.is_file() {
        return Err(Diagnostic::error(
            "phs::test::path",
            format!(
                "`{}` is neither a folder nor a `*.test.yaml` file",
                path.display()
            ),
        )
        .help("give a pack's folder (e.g. `rules`) or one of its test files")
        .into());
    }
    let pack_dir = path
        .ancestors()
        .skip(1)
        .find(|dir| has_rule_files(dir))
        .map(Path::to_path_buf);
    Ok((pack_dir, vec![path.to_path_buf()]))
}

fn is_test_file(path: &Path) -> bool {
    has_suffix(path, ".test.yaml") || has_suffix(path, ".test.yml")
}

fn has_rule_files(dir: &Path) -> bool {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| has_extension(&e.path(), &["phs"]))
    })
}

/// `rules/tests/../../examples/facts/x.yaml` → `examples/facts/x.yaml`.
pub(super) fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}
