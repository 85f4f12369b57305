//! The `phs::lint::*` diagnostics: warnings, never errors. Unused helpers
//! (`check/rules.rs`) and bindings (`check/expr.rs`), and conditions that read
//! no fact or cannot change (`check/lint.rs`).

use crate::diag::Diagnostic;
use crate::source::Span;
use crate::syntax::ast::Name;

/// A helper no rule, helper or constant calls.
pub fn unused_fn(name: &Name) -> Diagnostic {
    Diagnostic::warning(
        "phs::lint::unused-fn",
        format!("the helper `{}` is never used", name.text),
    )
    .label(name.span, "declared here")
    .help("remove it, or use it in a rule")
}

/// A binding, parameter or variable that nothing reads.
pub fn unused_binding(name: &str, span: Span) -> Diagnostic {
    Diagnostic::warning(
        "phs::lint::unused-binding",
        format!("`{name}` is never used"),
    )
    .label(span, "bound here")
    .help(format!(
        "use it, or name it `_{name}` to say it is unused on purpose"
    ))
}

/// The `when` of rule `rule` reads no fact.
pub fn constant_condition(rule: &Name, span: Span) -> Diagnostic {
    Diagnostic::warning(
        "phs::lint::constant-condition",
        format!("the `when` of `{}` reads no fact", rule.text),
    )
    .label(span, "the same for every facts file")
    .help(
        "a rule's condition should depend on the facts, e.g. `tenant.password_hash_sync == false`",
    )
}

/// A `when` or `where` (`clause`) whose comparisons contradict each other.
pub fn never_true(span: Span, clause: &str) -> Diagnostic {
    Diagnostic::warning(
        "phs::lint::never-true",
        format!("this `{clause}` condition can never be true"),
    )
    .label(span, "its comparisons contradict each other")
    .help("check the bounds: no value satisfies all of them")
}

/// A `when` or `where` (`clause`) whose comparisons cover every value.
pub fn never_false(span: Span, clause: &str) -> Diagnostic {
    Diagnostic::warning(
        "phs::lint::never-false",
        format!("this `{clause}` condition can never be false"),
    )
    .label(span, "every value satisfies one of its comparisons")
    .help("check the bounds: together they cover every value")
}
