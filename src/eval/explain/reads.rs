//! What a condition's line shows below it: the facts, parameters and variables it
//! reads (each with its source text), and the quantifiers among its operands, which
//! are explained as nodes of their own.

use super::cut;
use crate::check::program::{Expr, ExprKind};
use crate::source::Sources;

/// The reads of a condition that is not `and`, `or`, `not` or a quantifier, each
/// once with its source text (names in `shown_once` are left out), and the
/// quantifiers among its operands.
pub(super) fn reads<'e>(
    e: &'e Expr,
    sources: &Sources,
    shown_once: &[String],
) -> (Vec<(String, &'e Expr)>, Vec<&'e Expr>) {
    let mut found = Vec::new();
    let mut quantifiers = Vec::new();
    leaf_reads(e, &mut found, &mut quantifiers);
    let mut reads: Vec<(String, &Expr)> = Vec::new();
    for r in found {
        let text = text(sources, r);
        if !shown_once.contains(&text) && !reads.iter().any(|(t, _)| *t == text) {
            reads.push((text, r));
        }
    }
    (reads, quantifiers)
}

/// An expression's source text, on one line and cut.
pub(super) fn text(sources: &Sources, e: &Expr) -> String {
    one_line(sources.snippet(e.span))
}

/// The expression as written: an enum value compared with a string is read as the
/// enum value it is.
fn as_written(e: &Expr) -> &Expr {
    match &e.kind {
        ExprKind::EnumName(inner, _) => as_written(inner),
        _ => e,
    }
}

/// The sub-expressions read in a node, in source order (`list contains x` checks
/// `x` first); a lambda's body is the method's own business.
fn operands(e: &Expr) -> Vec<&Expr> {
    let mut out: Vec<&Expr> = match &e.kind {
        ExprKind::Lambda { source, .. } => vec![source],
        _ => e.children(),
    };
    out.sort_by_key(|o| o.span.start);
    out.into_iter().map(as_written).collect()
}

/// A name, field chain or literal index: something read as it is.
fn is_path(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Local(_) | ExprKind::Root(_) | ExprKind::Const(_) | ExprKind::Now => true,
        ExprKind::Field { base, .. } => is_path(base),
        ExprKind::Index(base, key) => {
            is_path(base) && matches!(key.kind, ExprKind::Lit(_) | ExprKind::Template(_))
        }
        ExprKind::EnumName(inner, _) => is_path(inner),
        _ => false,
    }
}

/// What a condition's line shows below it: the value of each operand that is not
/// a literal (`e.time`, `now - window`, `newest_entry(o).status`), then the facts
/// read inside operands that are computed. Quantifiers among the operands become
/// nodes of their own. A condition that is itself a fact shows nothing more.
fn leaf_reads<'e>(e: &'e Expr, reads: &mut Vec<&'e Expr>, quants: &mut Vec<&'e Expr>) {
    if is_path(e) {
        return;
    }
    let has_operands = matches!(
        e.kind,
        ExprKind::And(..)
            | ExprKind::Or(..)
            | ExprKind::Compare(..)
            | ExprKind::Arith(..)
            | ExprKind::StrTest(..)
            | ExprKind::In { .. }
            | ExprKind::Not(_)
            | ExprKind::Neg(_)
            | ExprKind::Builtin(..)
            | ExprKind::Lambda { .. }
            | ExprKind::Call(..)
    );
    if !has_operands {
        collect_reads(e, reads, quants);
        return;
    }
    for o in operands(e) {
        match &o.kind {
            ExprKind::Lit(_) | ExprKind::List(_) => {}
            ExprKind::Quant { .. } => quants.push(o),
            _ if is_path(o) => reads.push(o),
            _ => {
                reads.push(o);
                collect_reads(o, reads, quants);
            }
        }
    }
}

/// The facts, parameters and variables an expression reads, and the quantifiers
/// in it (explained as nodes of their own).
fn collect_reads<'e>(e: &'e Expr, reads: &mut Vec<&'e Expr>, quants: &mut Vec<&'e Expr>) {
    if is_path(e) {
        reads.push(as_written(e));
        return;
    }
    match &e.kind {
        ExprKind::Quant { .. } => quants.push(e),
        _ => operands(e)
            .into_iter()
            .for_each(|o| collect_reads(o, reads, quants)),
    }
}

/// Source text on one line: runs of whitespace become one space.
fn one_line(text: &str) -> String {
    cut(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}
