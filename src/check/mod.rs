//! Checking: syntax trees of all loaded files → one checked [`Program`].
//!
//! Owns the fact schema, packs and overrides, name resolution, types and the static
//! checks (`phsrule validate`). Every independent error is reported, each with its
//! span and a hint; warnings never stop a run. Nothing here reads facts.

pub mod builtins;
mod expr;
mod hoist;
mod lint;
mod packs;
pub mod problems;
pub mod program;
mod rules;
pub mod schema;
mod schema_build;
pub mod scope;
pub mod severity;
pub mod types;

pub use program::Program;

use crate::diag::{has_errors, Diagnostic};
use crate::syntax::ast::File;

/// Check all parsed files together (each node's span names its file). Returns the
/// program when there is no error, and every diagnostic (warnings too) either way.
pub fn check_program(files: &[&File]) -> (Option<Program>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let schema = schema_build::build_schema(files, &mut diags);
    let packs = packs::collect_packs(files, &mut diags);
    let mut program = rules::check_items(files, schema, packs, &mut diags);
    hoist::plan_reuse(&mut program);
    crate::diag::sort(&mut diags);
    if has_errors(&diags) {
        (None, diags)
    } else {
        (Some(program), diags)
    }
}

/// The builtin pack and `rules`, checked (and so planned), for tests of the
/// checker's passes.
#[cfg(test)]
pub(crate) fn builtin_and(rules: &str) -> Program {
    let texts = crate::builtin::FILES.iter().map(|(_, t)| *t).chain([rules]);
    let files: Vec<_> = texts
        .zip(0..)
        .map(|(text, i)| (i, crate::syntax::parse_file(crate::source::FileId(i), text)))
        .map(|(file, ast)| (file, ast.unwrap_or_else(|d| panic!("{}", d.message))))
        .collect();
    let asts: Vec<&File> = files.iter().map(|(_, ast)| ast).collect();
    let (program, diags) = check_program(&asts);
    program.unwrap_or_else(|| panic!("{diags:?}"))
}
