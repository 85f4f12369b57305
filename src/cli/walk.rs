//! The one folder walker of the tool: rule folders (`--rules`, `validate`, `fmt`,
//! `test`), facts folders and `import --config` all find their files here.
//!
//! Built on `walkdir`, which detects symbolic-link loops (a link to an ancestor
//! folder is reported once, not followed) and never recurses on the stack. What it
//! guarantees:
//! - Every file is listed once, sorted by path, so runs are reproducible; files
//!   reached twice through links are listed once (by their real path).
//! - `.git`, `target` and other hidden folders below the root are not entered.
//! - Extensions match in any case (`FACTS.YAML`, `Policy.PHS`).
//! - A wanted name that is not a regular file (a FIFO, a device, a socket, a link
//!   to one) is refused with a message naming it: reading it could block forever
//!   or never end.

use super::load::{io_error, Failure};
use crate::diag::Diagnostic;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// How deep a walk goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// The folder and every folder below it.
    Recursive,
    /// The folder's own files only.
    Flat,
}

/// Whether `path`'s extension is one of `extensions`, in any case.
pub fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| extensions.iter().any(|e| x.eq_ignore_ascii_case(e)))
}

/// Whether the file name ends with `suffix`, in any case (`.test.yaml`).
pub fn has_suffix(path: &Path, suffix: &str) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
        n.len() >= suffix.len()
            && n.get(n.len() - suffix.len()..)
                .is_some_and(|end| end.eq_ignore_ascii_case(suffix))
    })
}

/// A folder the walker does not enter below the root: build output and hidden
/// folders (`.git`).
fn is_skipped_folder(name: &str) -> bool {
    name == "target" || (name.starts_with('.') && name != "." && name != "..")
}

/// The files under `dir` that `keep` accepts, sorted by path.
///
/// # Errors
/// The folder cannot be read, or a wanted entry is not a regular file.
pub fn files_under(
    dir: &Path,
    depth: Depth,
    keep: impl Fn(&Path) -> bool,
) -> Result<Vec<PathBuf>, Failure> {
    let mut walk = WalkDir::new(dir).follow_links(true).sort_by_file_name();
    if depth == Depth::Flat {
        walk = walk.max_depth(1);
    }
    let entries = walk.into_iter().filter_entry(|e| {
        e.depth() == 0
            || !e.file_type().is_dir()
            || !is_skipped_folder(&e.file_name().to_string_lossy())
    });
    let mut files = Vec::new();
    let mut seen = HashSet::new();
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            // A link back to a folder being walked: not followed, nothing to read.
            Err(e) if e.loop_ancestor().is_some() => continue,
            Err(e) => {
                let path = e.path().unwrap_or(dir).to_path_buf();
                let err = e
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("cannot walk the folder"));
                return Err(io_error(&path, &err, "folder").into());
            }
        };
        let path = entry.path();
        if entry.file_type().is_dir() || !keep(path) {
            continue;
        }
        if !entry.file_type().is_file() {
            return Err(not_a_file(path).into());
        }
        let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if seen.insert(real) {
            files.push(path.to_path_buf());
        }
    }
    files.sort();
    Ok(files)
}

/// A wanted file name that is a FIFO, a device or a socket.
pub fn not_a_file(path: &Path) -> Diagnostic {
    Diagnostic::error(
        "phs::io::not-a-file",
        format!(
            "`{}` is not a regular file (it is a FIFO, a device or a socket)",
            crate::diag::visible(&path.display().to_string())
        ),
    )
    .help("give a regular file: save what a device or program gives to a file first, and remove such entries from folders of inputs")
}
