//! Writing the files the user asked for (`fmt`, `import -o`) so that a failure
//! never leaves a file half-written: the text goes to a temporary file in the same
//! folder, which then replaces the old file in one rename. A full disk or a kill
//! leaves the old file whole (and at worst a stray `.tmp` file).

use std::io::Write;
use std::path::Path;

/// Replace (or create) `path` with `text`, atomically. An existing file keeps its
/// permissions.
///
/// # Errors
/// The folder cannot hold a new file, the disk is full, or the rename fails.
pub fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".phsrule-")
        .suffix(".tmp")
        .tempfile_in(folder)?;
    temp.write_all(text.as_bytes())?;
    temp.flush()?;
    temp.as_file().sync_all()?;
    if let Ok(meta) = std::fs::metadata(path) {
        temp.as_file().set_permissions(meta.permissions())?;
    }
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
