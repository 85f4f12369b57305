//! Expressions, strings and types as text on one line: compact, with parentheses
//! where the precedences of `ops.rs` need them (and two more for the reader).

use super::strings::{block_string, inline_string, map_key};
use crate::source::Span;
use crate::syntax::ast::*;
use crate::syntax::lex::DURATION_UNITS;
use crate::syntax::ops::Prec;

/// How tightly `e` holds together: its operator's precedence from `ops.rs`, or one
/// of the levels above every operator.
fn prec(e: &Expr) -> Prec {
    match &e.kind {
        ExprKind::Binary(op, ..) => op.prec(),
        ExprKind::Unary(op, _) => op.syntax().prec,
        ExprKind::Field(..) | ExprKind::Method(..) | ExprKind::Index(..) => Prec::Postfix,
        ExprKind::Bool(_)
        | ExprKind::Int(_)
        | ExprKind::Duration(_)
        | ExprKind::Version(_)
        | ExprKind::Str(_)
        | ExprKind::Now
        | ExprKind::Name(_)
        | ExprKind::Call(..)
        | ExprKind::Quant(..)
        | ExprKind::If(..)
        | ExprKind::List(_)
        | ExprKind::Map(_) => Prec::Atom,
    }
}

/// Whether an operand of an operator binding as tightly as `own` needs parentheses
/// (`right`: it is the right-hand operand). Beyond what the parser needs, an `if`
/// used as an operand is parenthesised for the reader, as in `docs/language.md`.
pub(super) fn needs_parens(operand: &Expr, own: Prec, right: bool) -> bool {
    let p = prec(operand);
    p < own || (right && p == own) || matches!(operand.kind, ExprKind::If(..))
}

pub fn spaces(n: usize) -> String {
    " ".repeat(n)
}

/// Prints expressions; holds the source text, when there is one, to keep the unit a
/// duration literal was written in (`7d` stays `7d`, not `1w`).
#[derive(Clone, Copy)]
pub struct ExprPrinter<'s> {
    pub source: Option<&'s str>,
}

impl ExprPrinter<'_> {
    /// `e` on one line. `tail`: nothing follows it in the enclosing expression, so a
    /// quantifier or `if` there (whose last part extends as far as it can) needs no
    /// parentheses. `indent`: of the line it starts on, for block strings.
    pub fn flat(&self, e: &Expr, tail: bool, indent: usize) -> String {
        let mut out = String::new();
        self.write(e, tail, indent, &mut out);
        out
    }

    pub(super) fn write(&self, e: &Expr, tail: bool, indent: usize, out: &mut String) {
        match &e.kind {
            ExprKind::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            ExprKind::Int(n) => out.push_str(&n.to_string()),
            ExprKind::Duration(secs) => out.push_str(&self.duration(*secs, e.span)),
            ExprKind::Version(parts) => {
                let parts: Vec<String> = parts.iter().map(u64::to_string).collect();
                out.push_str(&parts.join("."));
            }
            ExprKind::Str(s) => self.string(s, indent, out),
            ExprKind::Now => out.push_str("now"),
            ExprKind::Name(n) => out.push_str(&n.text),
            ExprKind::Field(..) | ExprKind::Method(..) | ExprKind::Index(..) => {
                let (base, steps) = postfix_steps(e);
                self.postfix_base(base, indent, out);
                steps
                    .into_iter()
                    .for_each(|step| self.step(step, indent, out));
            }
            ExprKind::Call(name, args) => {
                out.push_str(&name.text);
                out.push('(');
                separated(args, out, |arg, out| self.write(arg, true, indent, out));
                out.push(')');
            }
            ExprKind::Unary(UnaryOp::Not, operand) => {
                // `not (a in b)`, not `not a in b`: the parser needs no parentheses
                // there, but a reader does (and docs/language.md writes them).
                let paren = prec(operand) < UnaryOp::Not.syntax().prec
                    || matches!(operand.kind, ExprKind::Binary(..));
                out.push_str(UnaryOp::Not.syntax().symbol);
                out.push(' ');
                self.operand(operand, paren, tail, indent, out);
            }
            ExprKind::Unary(UnaryOp::Neg, operand) => {
                let paren = prec(operand) < UnaryOp::Neg.syntax().prec;
                out.push_str(UnaryOp::Neg.syntax().symbol);
                self.operand(operand, paren, tail, indent, out);
            }
            ExprKind::Binary(op, lhs, rhs) => {
                let own = op.prec();
                self.operand(lhs, needs_parens(lhs, own, false), false, indent, out);
                out.push(' ');
                out.push_str(op.symbol());
                out.push(' ');
                self.operand(rhs, needs_parens(rhs, own, true), tail, indent, out);
            }
            ExprKind::Quant(..) | ExprKind::If(..) if !tail => {
                self.operand(e, true, tail, indent, out)
            }
            ExprKind::Quant(kind, var, source, cond) => {
                out.push_str(&self.quant_head(*kind, var, source, indent));
                self.write(cond, true, indent, out);
            }
            ExprKind::If(cond, then, other) => {
                out.push_str("if ");
                self.write(cond, false, indent, out);
                out.push_str(" then ");
                self.write(then, false, indent, out);
                out.push_str(" else ");
                self.write(other, true, indent, out);
            }
            ExprKind::List(items) => {
                out.push('[');
                separated(items, out, |item, out| self.write(item, true, indent, out));
                out.push(']');
            }
            ExprKind::Map(entries) => {
                out.push('{');
                separated(entries, out, |(key, value), out| {
                    out.push_str(&map_key(&key.text));
                    out.push_str(": ");
                    self.write(value, true, indent, out);
                });
                out.push('}');
            }
        }
    }

    /// An operand, in parentheses when `paren` says so.
    fn operand(&self, e: &Expr, paren: bool, tail: bool, indent: usize, out: &mut String) {
        if paren {
            out.push('(');
            self.write(e, true, indent, out);
            out.push(')');
        } else {
            self.write(e, tail, indent, out);
        }
    }

    pub(super) fn postfix_base(&self, base: &Expr, indent: usize, out: &mut String) {
        self.operand(base, prec(base) < Prec::Postfix, false, indent, out);
    }

    /// `any x in SOURCE where `: a quantifier up to its condition. A quantifier or
    /// `if` as the source is parenthesised for the reader, not for the parser.
    pub(super) fn quant_head(
        &self,
        kind: QuantKind,
        var: &Name,
        source: &Expr,
        indent: usize,
    ) -> String {
        let mut out = format!("{} {} in ", kind.keyword(), var.text);
        self.write(source, false, indent, &mut out);
        out.push_str(" where ");
        out
    }

    /// One `.field`, `.method(...)` or `[index]` on one line.
    pub(super) fn step(&self, step: Step, indent: usize, out: &mut String) {
        match step {
            Step::Field(name) => {
                out.push('.');
                out.push_str(&name.text);
            }
            Step::Method(name, args) => {
                out.push('.');
                out.push_str(&name.text);
                out.push('(');
                separated(args, out, |arg, out| {
                    let (param, body) = split_arg(arg);
                    out.push_str(&param);
                    self.write(body, true, indent, out);
                });
                out.push(')');
            }
            Step::Index(key) => {
                out.push('[');
                self.write(key, true, indent, out);
                out.push(']');
            }
        }
    }

    pub fn string(&self, s: &StrLit, indent: usize, out: &mut String) {
        let interp = |e: &Expr, out: &mut String| self.write(e, true, indent, out);
        if s.block {
            block_string(&s.parts, indent, &interp, out);
        } else {
            inline_string(&s.parts, &interp, out);
        }
    }

    /// A duration in the unit it was written in (`7d` stays `7d`, not `1w`), else in
    /// the largest unit that divides it.
    fn duration(&self, secs: i64, span: Span) -> String {
        let written = self
            .source
            .and_then(|src| src.get(span.start as usize..span.end as usize))
            .and_then(|text| text.chars().last());
        let divides = |&(_, scale): &(char, i64)| secs % scale == 0;
        let as_written = DURATION_UNITS
            .iter()
            .find(|u| Some(u.0) == written && divides(u));
        let largest = DURATION_UNITS.iter().find(|u| secs != 0 && divides(u));
        let (unit, scale) = as_written.or(largest).copied().unwrap_or(('s', 1));
        format!("{}{unit}", secs / scale)
    }
}

/// One postfix step, without the operand it applies to: what the printer writes
/// after that operand, and where a chain of calls may break.
#[derive(Clone, Copy)]
pub(super) enum Step<'e> {
    Field(&'e Name),
    Method(&'e Name, &'e [Arg]),
    Index(&'e Expr),
}

/// The innermost operand of a postfix chain and the steps applied to it, in order.
pub(super) fn postfix_steps(e: &Expr) -> (&Expr, Vec<Step<'_>>) {
    let mut steps = Vec::new();
    let mut base = e;
    loop {
        let (inner, step) = match &base.kind {
            ExprKind::Field(inner, name) => (inner, Step::Field(name)),
            ExprKind::Method(inner, name, args) => (inner, Step::Method(name, args)),
            ExprKind::Index(inner, key) => (inner, Step::Index(key)),
            _ => break,
        };
        steps.push(step);
        base = inner;
    }
    steps.reverse();
    (base, steps)
}

/// Each of `items` written by `write`, separated by `, `.
fn separated<T>(items: &[T], out: &mut String, mut write: impl FnMut(&T, &mut String)) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write(item, out);
    }
}

/// A method argument as the text before its expression (`x => ` for a lambda) and
/// the expression.
pub(super) fn split_arg(arg: &Arg) -> (String, &Expr) {
    match arg {
        Arg::Expr(e) => (String::new(), e),
        Arg::Lambda(param, body) => (format!("{} => ", param.text), body),
    }
}

/// A type as written: `list<Domain>?`, `map<LogStatus, string>`.
pub fn type_expr(t: &TypeExpr) -> String {
    let base = match &t.kind {
        TypeExprKind::Named(name) => name.text.clone(),
        TypeExprKind::List(elem) => format!("list<{}>", type_expr(elem)),
        TypeExprKind::Map(key, value) => format!("map<{}, {}>", type_expr(key), type_expr(value)),
    };
    if t.optional {
        format!("{base}?")
    } else {
        base
    }
}
