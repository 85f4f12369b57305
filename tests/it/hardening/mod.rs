//! The attacks of "hardening, round two" (issue 11), each as the careless user or
//! the attacker would try it, against the real binary: exit code 2 with a message
//! naming the file, nothing on stdout, no abort, no hang, no damaged file, nothing
//! from a file acting on the terminal. `docs/reliability.md` lists each attack and
//! the test here that holds it. Hostile inputs are generated; none is committed.

mod reading;
mod text;
mod walking;
mod writing;

/// The head of a facts file, up to where a test's own part goes.
pub const FACTS_HEAD: &str = "format: phs-facts/1\ncollected_at: 2026-11-24T14:00:00Z\n";

/// A rule pack of one rule that never fires.
pub const ORG_RULE: &str = "pack org.hardening version \"1.0.0\"\n\n\
    rule ORG001 \"Nothing\" {\n  severity info\n  when server.name == \"no-such-server\"\n  message \"no\"\n}\n";

/// The trimmed real export kept in the repository.
pub const TRIMMED_EXPORT: &str = "tests/import/contoso-trimmed";

/// A copy of the trimmed real export in `tmp/export`, to be changed by a test.
pub fn copy_export(tmp: &crate::common::Scratch) -> std::path::PathBuf {
    let export = tmp.dir.join("export");
    copy_tree(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(TRIMMED_EXPORT),
        &export,
    );
    export
}

/// Copy a folder tree (regular files only) into `to`.
pub fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
