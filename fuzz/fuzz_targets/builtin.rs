//! The builtin pack, parsed and checked once per fuzzing process: every target
//! that needs it shares this (included with `#[path]`).
#![allow(dead_code)] // each target uses part of it

use phsrule::check::{check_program, Program};
use phsrule::source::FileId;
use phsrule::syntax::ast::File;
use phsrule::syntax::parse_file;
use std::sync::OnceLock;

/// The builtin files' syntax trees, with their file ids `0..n`.
pub fn builtin_asts() -> &'static [(FileId, File)] {
    static ASTS: OnceLock<Vec<(FileId, File)>> = OnceLock::new();
    ASTS.get_or_init(|| {
        let mut files = Vec::new();
        for (i, (name, text)) in phsrule::builtin::FILES.iter().enumerate() {
            let id = FileId(i as u32);
            match parse_file(id, text) {
                Ok(ast) => files.push((id, ast)),
                Err(d) => panic!("{name} does not parse: {}", d.message),
            }
        }
        files
    })
}

/// The builtin pack alone, checked.
pub fn builtin_program() -> &'static Program {
    static PROGRAM: OnceLock<Program> = OnceLock::new();
    PROGRAM.get_or_init(|| match check_with(None) {
        Some(program) => program,
        None => panic!("the builtin pack does not check"),
    })
}

/// The builtin pack checked together with one more file, if it checks.
pub fn check_with(extra: Option<&File>) -> Option<Program> {
    let mut asts: Vec<&File> = builtin_asts().iter().map(|(_, ast)| ast).collect();
    asts.extend(extra);
    check_program(&asts).0
}

/// The file id that a file checked with the builtin pack gets.
pub fn next_file_id() -> FileId {
    FileId(builtin_asts().len() as u32)
}
