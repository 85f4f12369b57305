//! Finding what `phsrule test` runs: the pack folder and the test files of a PATH.

use crate::cli::load::{files_under, read_text, Failure};
use crate::diag::Diagnostic;
use crate::limits;
use crate::source::FileId;
use std::path::{Component, Path, PathBuf};

/// The pack folder and the test files of a PATH.
pub(super) fn discover(path: &Path) -> Result<(Option<PathBuf>, Vec<PathBuf>), Failure> {
    if path.is_dir() {
        let tests = files_under(path, is_test_file)?;
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
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.ends_with(".test.yaml") || name.ends_with(".test.yml")
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
            .any(|e| e.path().extension().is_some_and(|x| x == "phs"))
    })
}

/// Whether a rule file's header names `pack` (files that do not parse say no;
/// loading them reports why).
pub(super) fn declares_pack(file: &Path, pack: &str) -> bool {
    let Ok(text) = read_text(file, limits::MAX_RULE_FILE_BYTES as u64, "rule file") else {
        return false;
    };
    crate::syntax::parse_file(FileId::default(), &text)
        .is_ok_and(|ast| ast.pack.is_some_and(|p| p.name.text == pack))
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
