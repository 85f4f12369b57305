//! The diagnostics of the checker: one constructor per diagnostic code.
//!
//! Every code `check` emits (`phs::check::*`, `phs::type::*`, `phs::schema::*`,
//! `phs::pack::*`, `phs::lint::*`, `phs::limit::rules`, `phs::internal`) is built here and nowhere
//! else, so its wording is read and changed in one place. Each constructor takes
//! the spans and names it needs, already shown (a type as `Connector`, a name as
//! written); it never looks at the program. Messages start lowercase and quote
//! names in backticks; a label says what is wrong at its span; a `help` says what
//! to do. Every code has a corpus file named after it in `tests/corpus/check/`.
//!
//! One file per family of codes, named after it: `check` (`phs::check::*`),
//! `types` (`phs::type::*`), `schema` (`phs::schema::*`), `packs`
//! (`phs::pack::*`), `lint` (`phs::lint::*`). This file keeps the two codes of
//! no family (`phs::internal`, `phs::limit::rules`) and the helpers the families
//! share. Callers see one flat list: `problems::mismatch(...)`.

mod check;
mod lint;
mod packs;
mod schema;
mod types;

pub use self::check::*;
pub use self::lint::*;
pub use self::packs::*;
pub use self::schema::*;
pub use self::types::*;

use crate::diag::Diagnostic;
use crate::limits;
use crate::source::Span;

/// A shape the checker's own invariants rule out (a pack index with no pack, a
/// rule lost while ordering): a bug in phsrule, never the input's fault. The
/// command line exits with code 3 when it prints one.
pub fn internal(what: &str, at: Option<Span>) -> Diagnostic {
    let d = Diagnostic::internal(
        format!("internal error in the checker: {what}"),
        "the rule files",
    );
    label_if(d, at, "while checking this")
}

// Limits (`check/rules.rs`).

/// More rules are loaded than [`limits::MAX_RULES`].
pub fn too_many_rules(count: usize) -> Diagnostic {
    Diagnostic::error(
        "phs::limit::rules",
        format!(
            "{count} rules are loaded, more than the limit of {}",
            limits::MAX_RULES
        ),
    )
}

/// `d`, with a label saying `text` on `span` when there is one.
fn label_if(d: Diagnostic, span: Option<Span>, text: impl Into<String>) -> Diagnostic {
    match span {
        Some(span) => d.label(span, text),
        None => d,
    }
}

/// `a`, `b`, `c` for help texts (at most 12 names).
fn list_names(names: &[String]) -> String {
    let mut shown: Vec<String> = names.iter().take(12).map(|n| format!("`{n}`")).collect();
    if names.len() > 12 {
        shown.push("...".to_string());
    }
    shown.join(", ")
}
