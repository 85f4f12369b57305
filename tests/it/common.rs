//! Running the real binary from tests.

use std::path::Path;
use std::process::{Command, Output};

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
