//! Running the real binary from tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The result of one run of `phsrule`.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Run `phsrule` with `args` from the crate's root, without colour.
pub fn phsrule(args: &[&str]) -> Run {
    phsrule_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// Run `phsrule` with `args` in the folder `dir`, without colour.
pub fn phsrule_in(dir: &Path, args: &[&str]) -> Run {
    let output: Output = Command::new(env!("CARGO_BIN_EXE_phsrule"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        // Unicode diagnostics, whatever the developer's console asks for.
        .env_remove("PHSRULE_ASCII")
        .output()
        .unwrap_or_else(|e| panic!("cannot run phsrule: {e}"));
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// A path relative to the crate's root, as a string for arguments.
pub fn rel(path: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// A fresh folder under the system's temporary folder, removed when dropped.
pub struct Scratch {
    pub dir: PathBuf,
}

impl Scratch {
    pub fn new(name: &str) -> Scratch {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("phsrule-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        if let Err(e) = std::fs::create_dir_all(&dir) {
            panic!("cannot create {}: {e}", dir.display());
        }
        Scratch { dir }
    }

    /// Write `bytes` to `name` inside the folder; returns the path as an argument.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> String {
        let path = self.dir.join(name);
        if let Some(parent) = path.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        if let Err(e) = std::fs::write(&path, bytes) {
            panic!("cannot write {}: {e}", path.display());
        }
        path.display().to_string()
    }

    /// The folder, as an argument.
    pub fn path(&self) -> String {
        self.dir.display().to_string()
    }

    /// Run phsrule in this folder, so that messages name files as short relative
    /// paths (stable in snapshots).
    pub fn phsrule(&self, args: &[&str]) -> Run {
        phsrule_in(&self.dir, args)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
