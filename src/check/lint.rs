//! Warnings about conditions that cannot do their job: a condition that reads no
//! fact, or one that can never be true (`n > 5 and n < 3`) or never be false.

use super::program::{Compare, Expr};
use crate::diag::Diagnostic;
use crate::syntax::ast;
use crate::value::Value;

/// Warn about a rule's `when` and `where` conditions.
pub fn check_condition(
    decl: &ast::RuleDecl,
    when: &Expr,
    filter: Option<&Expr>,
    bindings: &[u32],
    diags: &mut Vec<Diagnostic>,
) {
    if let Some(w) = &decl.when {
        if !reads_facts(when, bindings) {
            diags.push(
                Diagnostic::warning("phs::lint::constant-condition", format!("the `when` of `{}` reads no fact", decl.id.text))
                    .label(w.span, "the same for every facts file")
                    .help("a rule's condition should depend on the facts, e.g. `tenant.password_hash_sync == false`"),
            );
        }
        check_satisfiable(when, w.span, "when", diags);
    }
    if let (Some(f), Some(expr)) = (&decl.filter, filter) {
        check_satisfiable(expr, f.span, "where", diags);
    }
}

fn reads_facts(e: &Expr, bindings: &[u32]) -> bool {
    let mut reads = false;
    e.walk(&mut |n| match n {
        Expr::Root(_) | Expr::Now => reads = true,
        Expr::Local(slot) if bindings.contains(slot) => reads = true,
        Expr::Call(_, args) if !args.is_empty() => {}
        _ => {}
    });
    reads
}

fn check_satisfiable(
    e: &Expr,
    span: crate::source::Span,
    clause: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let mut conjuncts = Vec::new();
    flatten(e, true, &mut conjuncts);
    if contradicts(&conjuncts, false) {
        diags.push(
            Diagnostic::warning(
                "phs::lint::never-true",
                format!("this `{clause}` condition can never be true"),
            )
            .label(span, "its comparisons contradict each other")
            .help("check the bounds: no value satisfies all of them"),
        );
    }
    let mut disjuncts = Vec::new();
    flatten(e, false, &mut disjuncts);
    if disjuncts.len() > 1 && contradicts(&disjuncts, true) {
        diags.push(
            Diagnostic::warning(
                "phs::lint::never-false",
                format!("this `{clause}` condition can never be false"),
            )
            .label(span, "every value satisfies one of its comparisons")
            .help("check the bounds: together they cover every value"),
        );
    }
}

/// Collect the operands of a chain of `and` (or of `or`).
fn flatten<'a>(e: &'a Expr, and: bool, out: &mut Vec<&'a Expr>) {
    match e {
        Expr::And(a, b) if and => {
            flatten(a, and, out);
            flatten(b, and, out);
        }
        Expr::Or(a, b) if !and => {
            flatten(a, and, out);
            flatten(b, and, out);
        }
        other => out.push(other),
    }
}

/// `x OP literal`, with the literal as a number when it is one.
struct Bound {
    subject: String,
    op: Compare,
    literal: String,
    number: Option<i128>,
}

fn bound(e: &Expr) -> Option<Bound> {
    let Expr::Compare(op, a, b) = e else {
        return None;
    };
    let (subject, lit, op) = match (&**a, &**b) {
        (x, Expr::Lit(v)) if !matches!(x, Expr::Lit(_)) => (x, v, *op),
        (Expr::Lit(v), x) if !matches!(x, Expr::Lit(_)) => (x, v, flip(*op)),
        _ => return None,
    };
    let number = match lit {
        Value::Int(n) | Value::Duration(n) => Some(i128::from(*n)),
        _ => None,
    };
    Some(Bound {
        subject: format!("{subject:?}"),
        op,
        literal: format!("{lit:?}"),
        number,
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

/// Whether the comparisons (each negated when `negated`) cannot all hold together.
fn contradicts(parts: &[&Expr], negated: bool) -> bool {
    let bounds: Vec<Bound> = parts
        .iter()
        .filter_map(|e| bound(e))
        .map(|mut b| {
            if negated {
                b.op = negate(b.op);
            }
            b
        })
        .collect();
    let mut subjects: Vec<&str> = bounds.iter().map(|b| b.subject.as_str()).collect();
    subjects.sort_unstable();
    subjects.dedup();
    subjects.into_iter().any(|s| {
        let of: Vec<&Bound> = bounds.iter().filter(|b| b.subject == s).collect();
        empty_range(&of)
    })
}

fn empty_range(bounds: &[&Bound]) -> bool {
    let equal: Vec<&str> = bounds
        .iter()
        .filter(|b| b.op == Compare::Eq)
        .map(|b| b.literal.as_str())
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
