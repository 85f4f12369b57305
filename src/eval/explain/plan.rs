//! Planning: a rule's syntax tree → the nodes `explain` shows, each with its
//! source text and its expression checked again in the rule's scope.

use super::cut;
use crate::check::program::{Expr, Slot};
use crate::check::recheck::RuleRechecker;
use crate::check::types::Type;
use crate::source::Sources;
use crate::syntax::ast::{self, BinaryOp, ExprKind, UnaryOp};

/// The parts of a rule's syntax tree worth a line, each with its checked expression.
pub(super) struct Plan {
    pub(super) text: String,
    /// `None` where the part does not check on its own.
    pub(super) expr: Option<(Expr, Type)>,
    pub(super) kind: PlanKind,
}

pub(super) enum PlanKind {
    /// `and`, `or` (chains flattened) and `not`.
    Logic(Vec<Plan>),
    Quantifier {
        var: String,
        slot: Slot,
        source: Option<(Expr, Type)>,
        cond: Box<Plan>,
    },
    /// A comparison or any other condition: the facts it reads, and quantifiers
    /// among its operands.
    Leaf {
        reads: Vec<(String, Expr, Type)>,
        nested: Vec<Plan>,
    },
}

/// Builds [`Plan`]s from a rule's syntax tree.
pub(super) struct Planner<'a> {
    pub(super) rc: RuleRechecker,
    pub(super) sources: &'a Sources,
    /// Names shown once at the top (parameters, `now`), not with every condition.
    pub(super) shown_once: Vec<String>,
}

impl Planner<'_> {
    fn text(&self, e: &ast::Expr) -> String {
        one_line(self.sources.snippet(e.span))
    }

    pub(super) fn plan(&mut self, e: &ast::Expr) -> Plan {
        let expr = self.rc.check(e);
        let kind = match &e.kind {
            ExprKind::Binary(op @ (BinaryOp::And | BinaryOp::Or), ..) => {
                let mut parts = Vec::new();
                flatten(e, *op, &mut parts);
                PlanKind::Logic(parts.into_iter().map(|p| self.plan(p)).collect())
            }
            ExprKind::Unary(UnaryOp::Not, operand) => PlanKind::Logic(vec![self.plan(operand)]),
            ExprKind::Quant(_, var, source, cond) => {
                let source = self.rc.check(source);
                let elem = match &source {
                    Some((_, Type::List(t))) => (**t).clone(),
                    _ => Type::Any,
                };
                let slot = self.rc.push_var(var, elem);
                let cond = self.plan(cond);
                self.rc.pop_var();
                PlanKind::Quantifier {
                    var: var.text.clone(),
                    slot,
                    source,
                    cond: Box::new(cond),
                }
            }
            _ => {
                let mut found = Vec::new();
                let mut quantifiers = Vec::new();
                leaf_reads(e, &mut found, &mut quantifiers);
                let mut reads: Vec<(String, Expr, Type)> = Vec::new();
                for r in found {
                    let text = self.text(r);
                    if self.shown_once.contains(&text) || reads.iter().any(|(t, ..)| *t == text) {
                        continue;
                    }
                    if let Some((expr, ty)) = self.rc.check(r) {
                        reads.push((text, expr, ty));
                    }
                }
                let nested = quantifiers.into_iter().map(|q| self.plan(q)).collect();
                PlanKind::Leaf { reads, nested }
            }
        };
        let text = match &e.kind {
            ExprKind::Quant(kind, var, source, _) => {
                format!("{} {} in {}", kind.keyword(), var.text, self.text(source))
            }
            _ => self.text(e),
        };
        Plan { text, expr, kind }
    }
}

/// The operands of a chain of one operator: `a and b and c` → `a`, `b`, `c`.
fn flatten<'e>(e: &'e ast::Expr, op: BinaryOp, out: &mut Vec<&'e ast::Expr>) {
    match &e.kind {
        ExprKind::Binary(o, l, r) if *o == op => {
            flatten(l, op, out);
            flatten(r, op, out);
        }
        _ => out.push(e),
    }
}

/// A name, field chain or literal index: something read as it is.
fn is_path(e: &ast::Expr) -> bool {
    match &e.kind {
        ExprKind::Name(_) | ExprKind::Now => true,
        ExprKind::Field(base, _) => is_path(base),
        ExprKind::Index(base, key) => {
            is_path(base) && matches!(key.kind, ExprKind::Int(_) | ExprKind::Str(_))
        }
        _ => false,
    }
}

/// What a condition's line shows below it: the value of each operand that is not
/// a literal (`e.time`, `now - window`, `newest_entry(o).status`), then the facts
/// read inside operands that are computed. Quantifiers among the operands become
/// nodes of their own. A condition that is itself a fact shows nothing more.
fn leaf_reads<'e>(
    e: &'e ast::Expr,
    reads: &mut Vec<&'e ast::Expr>,
    quants: &mut Vec<&'e ast::Expr>,
) {
    if is_path(e) {
        return;
    }
    let operands: Vec<&ast::Expr> = match &e.kind {
        ExprKind::Binary(_, l, r) => vec![&**l, &**r],
        ExprKind::Unary(_, a) => vec![&**a],
        ExprKind::Method(recv, _, args) => std::iter::once(&**recv)
            .chain(args.iter().filter_map(|a| match a {
                ast::Arg::Expr(x) => Some(x),
                ast::Arg::Lambda(..) => None,
            }))
            .collect(),
        ExprKind::Call(_, args) => args.iter().collect(),
        _ => {
            collect_reads(e, reads, quants);
            return;
        }
    };
    for o in operands {
        match &o.kind {
            ExprKind::Bool(_)
            | ExprKind::Int(_)
            | ExprKind::Duration(_)
            | ExprKind::Version(_)
            | ExprKind::List(_) => {}
            ExprKind::Str(lit) if lit.as_plain().is_some() => {}
            ExprKind::Quant(..) => quants.push(o),
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
fn collect_reads<'e>(
    e: &'e ast::Expr,
    reads: &mut Vec<&'e ast::Expr>,
    quants: &mut Vec<&'e ast::Expr>,
) {
    if is_path(e) {
        reads.push(e);
        return;
    }
    let mut go = |x: &'e ast::Expr| collect_reads(x, reads, quants);
    match &e.kind {
        ExprKind::Quant(..) => quants.push(e),
        ExprKind::Field(base, _) => go(base),
        ExprKind::Index(a, b) | ExprKind::Binary(_, a, b) => {
            go(a);
            go(b);
        }
        ExprKind::Unary(_, a) => go(a),
        ExprKind::Method(recv, _, args) => {
            go(recv);
            for arg in args {
                if let ast::Arg::Expr(x) = arg {
                    go(x);
                }
            }
        }
        ExprKind::Call(_, args) | ExprKind::List(args) => args.iter().for_each(go),
        ExprKind::If(c, t, f) => {
            go(c);
            go(t);
            go(f);
        }
        ExprKind::Map(entries) => entries.iter().for_each(|(_, v)| go(v)),
        ExprKind::Str(lit) => lit.parts.iter().for_each(|p| {
            if let ast::StrPart::Interp(x) = p {
                go(x);
            }
        }),
        _ => {}
    }
}

/// Source text on one line: runs of whitespace become one space.
fn one_line(text: &str) -> String {
    cut(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}
