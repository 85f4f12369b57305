//! Warnings about conditions that cannot do their job: a condition that reads no
//! fact, or one that can never be true (`n > 5 and n < 3`) or never be false.
//! Each warning points at the checked expressions it is about.

use super::problems;
use super::program::{Compare, Expr, ExprKind, Slot};
use crate::diag::Diagnostic;
use crate::source::Span;
use crate::syntax::ast;
use crate::value::Value;

/// Warn about a rule's `when` and `where` conditions.
pub fn check_condition(
    decl: &ast::RuleDecl,
    when: &Expr,
    filter: Option<&Expr>,
    bindings: &[Slot],
    diags: &mut Vec<Diagnostic>,
) {
    if decl.when.is_some() {
        if !reads_facts(when, bindings) {
            diags.push(problems::constant_condition(&decl.id, when.span));
        }
        check_satisfiable(when, "when", diags);
    }
    if let Some(filter) = filter {
        check_satisfiable(filter, "where", diags);
    }
}

fn reads_facts(e: &Expr, bindings: &[Slot]) -> bool {
    e.any(&|n| match n.kind {
        ExprKind::Root(_) | ExprKind::Now => true,
        ExprKind::Local(slot) => bindings.contains(&slot),
        _ => false,
    })
}

fn check_satisfiable(e: &Expr, clause: &str, diags: &mut Vec<Diagnostic>) {
    let conjuncts = e.chain(true);
    if let Some(span) = contradiction(&conjuncts, false) {
        diags.push(problems::never_true(span, clause));
    }
    let disjuncts = e.chain(false);
    let covering = contradiction(&disjuncts, true).filter(|_| disjuncts.len() > 1);
    if let Some(span) = covering {
        diags.push(problems::never_false(span, clause));
    }
}

/// `x OP literal` (`OP` negated for a disjunct), with the literal as a number when
/// it is one.
struct Bound<'e> {
    subject: &'e Expr,
    op: Compare,
    literal: &'e Value,
    number: Option<i128>,
    /// The comparison.
    span: Span,
}

/// The bound `e` sets, if it compares something with a literal; its operator is
/// negated when `negated`.
fn bound(e: &Expr, negated: bool) -> Option<Bound<'_>> {
    let ExprKind::Compare(op, a, b) = &e.kind else {
        return None;
    };
    let (subject, literal, op) = match (&a.kind, &b.kind) {
        (x, ExprKind::Lit(v)) if !matches!(x, ExprKind::Lit(_)) => (&**a, v, *op),
        (ExprKind::Lit(v), x) if !matches!(x, ExprKind::Lit(_)) => (&**b, v, flip(*op)),
        _ => return None,
    };
    let op = if negated { negate(op) } else { op };
    let number = match literal {
        Value::Int(n) | Value::Duration(n) => Some(i128::from(*n)),
        _ => None,
    };
    Some(Bound {
        subject,
        op,
        literal,
        number,
        span: e.span,
    })
}

fn flip(op: Compare) -> Compare {
    match op {
        Compare::Lt => Compare::Gt,
        Compare::Le => Compare::Ge,
        Compare::Gt => Compare::Lt,
        Compare::Ge => Compare::Le,
        other => other,
    }
}

fn negate(op: Compare) -> Compare {
    match op {
        Compare::Eq => Compare::Ne,
        Compare::Ne => Compare::Eq,
        Compare::Lt => Compare::Ge,
        Compare::Le => Compare::Gt,
        Compare::Gt => Compare::Le,
        Compare::Ge => Compare::Lt,
    }
}

/// Where the comparisons (each negated when `negated`) cannot all hold together:
/// the span from the first to the last comparison of the subject they contradict on.
fn contradiction(parts: &[&Expr], negated: bool) -> Option<Span> {
    let bounds: Vec<Bound> = parts.iter().filter_map(|e| bound(e, negated)).collect();
    bounds.iter().find_map(|first| {
        let of: Vec<&Bound> = bounds
            .iter()
            .filter(|b| b.subject == first.subject)
            .collect();
        let last = of.last()?;
        empty_range(&of).then(|| first.span.to(last.span))
    })
}

fn empty_range(bounds: &[&Bound]) -> bool {
    let equal: Vec<&Value> = bounds
        .iter()
        .filter(|b| b.op == Compare::Eq)
        .map(|b| b.literal)
        .collect();
    if equal.windows(2).any(|w| w.first() != w.get(1)) {
        return true;
    }
    if let Some(eq) = equal.first() {
        if bounds
            .iter()
            .any(|b| b.op == Compare::Ne && b.literal == *eq)
        {
            return true;
        }
    }
    let (mut lo, mut hi) = (i128::MIN, i128::MAX);
    for b in bounds {
        let Some(n) = b.number else { continue };
        match b.op {
            Compare::Eq => {
                lo = lo.max(n);
                hi = hi.min(n);
            }
            Compare::Lt => hi = hi.min(n - 1),
            Compare::Le => hi = hi.min(n),
            Compare::Gt => lo = lo.max(n + 1),
            Compare::Ge => lo = lo.max(n),
            Compare::Ne => {}
        }
    }
    lo > hi
}
