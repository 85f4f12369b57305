//! The interpreter: a checked program over one facts file → an outcome per rule
//! and binding.
//!
//! Logic is three-valued: an unknown fact makes a value [`Value::Unknown`], which
//! carries the facts' paths; `unknown and false` is false, `unknown or true` is true,
//! and a rule whose condition stays unknown is `undetermined`. Evaluation always
//! ends (no recursion in helpers, loops only over lists) and never panics: what the
//! checker cannot exclude (overflow, division by zero) is an [`EvalError`].

mod budget;
mod builtins;
pub mod explain;
mod expr;
mod ops;
mod reuse;
pub mod run;
pub mod show;
#[cfg(test)]
mod tests;

pub use run::{
    evaluate, evaluate_some, Bound, Evaluation, Instance, Outcome, OutcomeKind, RuleResult,
    Variable,
};

use crate::source::Span;

/// A failure while evaluating, e.g. a timestamp out of range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvalError {
    /// `phs::eval`; `phs::limit::...` when a limit of evaluation was reached;
    /// `phs::internal` for a shape the checker rules out.
    pub code: &'static str,
    pub message: String,
    /// The rule being evaluated, filled in on the way out.
    pub rule: Option<String>,
    /// The binding, e.g. `c = contoso.com`.
    pub binding: Option<String>,
    /// The innermost expression being evaluated when it failed.
    pub span: Option<Span>,
    /// The helper calls it failed inside, innermost first: where `span` lies in
    /// a helper's body, these lead from there back to the rule.
    pub calls: Box<[Span]>,
}

impl EvalError {
    pub fn new(message: String) -> EvalError {
        EvalError {
            code: "phs::eval",
            message,
            rule: None,
            binding: None,
            span: None,
            calls: Box::default(),
        }
    }

    /// The error as raised inside `span`, unless an inner expression was named.
    pub fn at(mut self, span: Span) -> EvalError {
        self.span.get_or_insert(span);
        self
    }

    /// The error as raised in a helper called at `call`. An error in the call's
    /// arguments is the caller's own, named by its span alone.
    pub fn called_at(mut self, call: Span) -> EvalError {
        if self.span.is_some_and(|inner| !call.contains(inner)) {
            let mut calls = std::mem::take(&mut self.calls).into_vec();
            calls.push(call);
            self.calls = calls.into();
        }
        self
    }

    /// A shape the checker rules out, met anyway: a bug in phsrule (exit 3).
    pub fn internal(message: String) -> EvalError {
        EvalError {
            code: "phs::internal",
            ..EvalError::new(message)
        }
    }

    /// A limit of evaluation was reached (see `crate::limits`).
    pub fn limit(code: &'static str, message: String) -> EvalError {
        EvalError {
            code,
            ..EvalError::new(message)
        }
    }

    pub fn to_diagnostic(&self) -> crate::diag::Diagnostic {
        // Constants are evaluated before any rule, so an error without a rule is a
        // constant's.
        let what = match self.rule.as_deref() {
            Some(rule) => format!("rule `{rule}`"),
            None => "a constant".to_string(),
        };
        let at = self
            .binding
            .as_deref()
            .map(|b| format!(" (for {b})"))
            .unwrap_or_default();
        let help = match self.code {
            "phs::eval" if self.rule.is_none() => "a constant reads no facts: its expression needs fixing",
            "phs::eval" => "check the facts this rule reads (`phsrule explain` shows them); if they are right, the rule needs fixing",
            "phs::internal" => "this is a bug in phsrule, not in the rule or the facts: please report it with both",
            _ => "rules that nest quantifiers or bindings over long lists (`any a in events where any b in events ...`) \
             do work that grows with the product of the lengths; compare fewer items (filter first) or split the rule",
        };
        let d = crate::diag::Diagnostic::error(
            self.code,
            format!("{what} could not be evaluated{at}: {}", self.message),
        )
        .help(help);
        let d = match self.span {
            Some(span) => d.label(span, "while evaluating this"),
            None => d,
        };
        self.calls
            .iter()
            .fold(d, |d, &call| d.label(call, "in this call of the helper"))
    }
}
