//! Writing the files the user asked for (`fmt`, `import -o`) so that a failure
//! never leaves a file half-written: the text goes to a temporary file in the same
//! folder, which then replaces the old file in one rename. A full disk or a kill
//! leaves the old file whole (and at worst a stray `.tmp` file).

use std::io::Write;
use std::path::Path;

/// Replace (or create) `path` with `bytes` (text, or a rule file in its own
/// encoding), atomically. An existing file keeps its permissions. On Windows the
/// rename replaces an existing file too (`MoveFileExW` with
/// `MOVEFILE_REPLACE_EXISTING`, checked under Wine by `.ci/windows`).
///
/// # Errors
/// The folder cannot hold a new file, the disk is full, or the rename fails.
pub fn write_atomically(path: &Path, bytes: impl AsRef<[u8]>) -> std::io::Result<()> {
    let mut temp = tempfile::Builder::new()
        .prefix(".phsrule-")
        .suffix(".tmp")
        .tempfile_in(folder_of(path))?;
    temp.write_all(bytes.as_ref())?;
    temp.flush()?;
    temp.as_file().sync_all()?;
    if let Ok(meta) = std::fs::metadata(path) {
        temp.as_file().set_permissions(meta.permissions())?;
    }
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The folder a file is in: `.` for a bare file name.
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}
