//! Planning: a rule's checked condition → the nodes `explain` shows, each with its
//! source text (from its span) and the checked expression to evaluate.

use super::cut;
use crate::check::program::{Expr, ExprKind, Slot};
use crate::source::Sources;

/// The parts of a condition worth a line, each with its checked expression.
pub(super) struct Plan<'p> {
    pub(super) text: String,
    pub(super) expr: &'p Expr,
    pub(super) kind: PlanKind<'p>,
}

pub(super) enum PlanKind<'p> {
    /// `and`, `or` (chains flattened) and `not`.
    Logic(Vec<Plan<'p>>),
    Quantifier {
        var: &'p str,
        slot: Slot,
        source: &'p Expr,
        cond: Box<Plan<'p>>,
    },
    /// A comparison or any other condition: the facts it reads (with their text),
    /// and quantifiers among its operands.
    Leaf {
        reads: Vec<(String, &'p Expr)>,
        nested: Vec<Plan<'p>>,
    },
}

/// Builds [`Plan`]s from a rule's checked conditions.
pub(super) struct Planner<'a> {
    pub(super) sources: &'a Sources,
    /// Names shown once at the top (parameters, `now`), not with every condition.
    pub(super) shown_once: Vec<String>,
}

impl Planner<'_> {
    fn text(&self, e: &Expr) -> String {
        one_line(self.sources.snippet(e.span))
    }

    pub(super) fn plan<'p>(&self, e: &'p Expr) -> Plan<'p> {
        let kind = match &e.kind {
            ExprKind::And(..) | ExprKind::Or(..) => {
                let parts = e.chain(matches!(e.kind, ExprKind::And(..)));
                PlanKind::Logic(parts.into_iter().map(|p| self.plan(p)).collect())
            }
            ExprKind::Not(operand) => PlanKind::Logic(vec![self.plan(operand)]),
            ExprKind::Quant {
                var,
                slot,
                source,
                cond,
                ..
            } => PlanKind::Quantifier {
                var,
                slot: *slot,
                source,
                cond: Box::new(self.plan(cond)),
            },
            _ => self.leaf(e),
        };
        let text = match &e.kind {
            ExprKind::Quant {
                kind, var, source, ..
            } => format!("{} {var} in {}", kind.keyword(), self.text(source)),
            _ => self.text(e),
        };
        Plan {
            text,
            expr: e,
            kind,
        }
    }

    fn leaf<'p>(&self, e: &'p Expr) -> PlanKind<'p> {
        let mut found = Vec::new();
        let mut quantifiers = Vec::new();
        leaf_reads(e, &mut found, &mut quantifiers);
        let mut reads: Vec<(String, &Expr)> = Vec::new();
        for r in found {
            let text = self.text(r);
            if !self.shown_once.contains(&text) && !reads.iter().any(|(t, _)| *t == text) {
                reads.push((text, r));
            }
        }
        let nested = quantifiers.into_iter().map(|q| self.plan(q)).collect();
        PlanKind::Leaf { reads, nested }
    }
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
