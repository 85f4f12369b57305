//! Operators: `not` and negation, `and`/`or`, comparisons, membership, string
//! tests, arithmetic and `if`. Each operator is typed by the function of its
//! family in the operator table (`syntax/ops.rs`); `ir_ops` gives its IR operator.

use super::ir_ops::{ir_op, IrOp};
use super::{at, Checked, ExprChecker, Kinded};
use crate::check::problems;
use crate::check::program::{Arith, Compare, ExprKind as Ir, StrTest};
use crate::check::types::{Type, Typed};
use crate::source::Span;
use crate::syntax::ast::{self, BinaryOp, ExprKind, UnaryOp};
use crate::syntax::ops::Family;

impl ExprChecker<'_> {
    /// `not x` and `-x`, typed by the family the operator table gives them.
    pub(super) fn unary(&mut self, op: UnaryOp, operand: &ast::Expr) -> Kinded {
        let symbol = op.syntax().symbol;
        match (op.family(), op) {
            (Family::Logic, UnaryOp::Not) => {
                let (e, t) = self.expect(operand, &Type::Bool, "the operand of `not`");
                (Ir::Not(Box::new(e)), Typed::maybe(Type::Bool, t.optional))
            }
            (Family::Arithmetic, UnaryOp::Neg) => {
                let (e, t) = self.check(operand, None);
                if !matches!(t.ty, Type::Int | Type::Duration | Type::Any) {
                    let shown = self.show(&t);
                    return self.error(problems::negate(operand.span, &shown));
                }
                (Ir::Neg(Box::new(e)), t)
            }
            (Family::Logic, UnaryOp::Neg)
            | (Family::Arithmetic, UnaryOp::Not)
            | (
                Family::Comparison | Family::TextTest | Family::Membership,
                UnaryOp::Not | UnaryOp::Neg,
            ) => self.misfiled(symbol, operand.span),
        }
    }

    /// An operator whose family in the table has no typing of it: a bug in the table.
    fn misfiled(&mut self, symbol: &str, span: Span) -> Kinded {
        let what = format!("the operator `{symbol}` has no typing in its family");
        self.error(problems::internal(&what, Some(span)))
    }

    /// Check both operands of a comparison, resolving a bare enum literal on either
    /// side by the other side's type.
    pub(super) fn pair(&mut self, l: &ast::Expr, r: &ast::Expr) -> (Checked, Checked) {
        if self.is_contextual(l) && !self.is_contextual(r) {
            let right = self.check(r, None);
            let left = self.check(l, Some(&right.1.ty));
            (left, right)
        } else {
            let left = self.check(l, None);
            let right = self.check(r, Some(&left.1.ty));
            (left, right)
        }
    }

    /// A bare name that is not defined (maybe an enum literal) or a plain string.
    pub(super) fn is_contextual(&mut self, e: &ast::Expr) -> bool {
        match &e.kind {
            ExprKind::Name(n) => {
                let root = self.schema().root();
                self.scope.lookup(&n.text).is_none()
                    && !self.globals.consts.contains_key(&n.text)
                    && self.schema().find_field(root, &n.text).is_none()
            }
            ExprKind::Str(s) => s.as_plain().is_some(),
            _ => false,
        }
    }

    /// A binary operator, typed by the typing function of its family in the
    /// operator table.
    pub(super) fn binary(
        &mut self,
        span: Span,
        op: BinaryOp,
        l: &ast::Expr,
        r: &ast::Expr,
    ) -> Kinded {
        match op.family() {
            Family::Logic => self.logic(span, op, l, r),
            Family::Comparison => self.comparison(span, op, l, r),
            Family::Membership => self.membership(span, op, l, r),
            Family::TextTest => self.text_test(span, op, l, r),
            Family::Arithmetic => self.arithmetic(span, op, l, r),
        }
    }

    /// `and`, `or`: both operands are conditions.
    fn logic(&mut self, span: Span, op: BinaryOp, l: &ast::Expr, r: &ast::Expr) -> Kinded {
        let IrOp::Logic(is_and) = ir_op(op) else {
            return self.misfiled(op.symbol(), span);
        };
        let what = format!("each operand of `{}`", op.symbol());
        let (a, at) = self.expect(l, &Type::Bool, &what);
        let (b, bt) = self.expect(r, &Type::Bool, &what);
        let ty = Typed::maybe(Type::Bool, at.optional || bt.optional);
        let (a, b) = (Box::new(a), Box::new(b));
        let node = if is_and { Ir::And(a, b) } else { Ir::Or(a, b) };
        (node, ty)
    }

    /// `contains_ci`, `starts_with`, `ends_with`, `==~`: tests on two strings;
    /// `contains` also looks for an item in a list.
    fn text_test(&mut self, span: Span, op: BinaryOp, l: &ast::Expr, r: &ast::Expr) -> Kinded {
        let IrOp::TextTest(test) = ir_op(op) else {
            return self.misfiled(op.symbol(), span);
        };
        let (left, right) = self.pair(l, r);
        if let (StrTest::Contains, Type::List(elem)) = (test, &left.1.ty) {
            let elem = (**elem).clone();
            let right = if self.is_contextual(r) {
                self.check(r, Some(&elem))
            } else {
                right
            };
            return self.member_of(right, left, &elem, r.span, false);
        }
        self.string_test(test, op, (l, left), (r, right))
    }

    /// `==`, `!=`, `<`, `<=`, `>`, `>=` between two scalars of one type.
    fn comparison(&mut self, span: Span, op: BinaryOp, l: &ast::Expr, r: &ast::Expr) -> Kinded {
        let IrOp::Comparison(cmp) = ir_op(op) else {
            return self.misfiled(op.symbol(), span);
        };
        let (left, right) = self.pair(l, r);
        let (a_ty, b_ty) = (left.1.ty.clone(), right.1.ty.clone());
        let (a, at) = enum_as_string(left, &b_ty);
        let (b, bt) = enum_as_string(right, &a_ty);
        let optional = at.optional || bt.optional;
        let ordered = !matches!(cmp, Compare::Eq | Compare::Ne);
        let fits = at.ty.unifies(&bt.ty)
            && if ordered {
                at.ty.is_ordered() && bt.ty.is_ordered()
            } else {
                at.ty.is_scalar() && bt.ty.is_scalar()
            };
        if !fits {
            let (ls, rs) = (self.show(&at), self.show(&bt));
            return self.error(problems::compare(
                op.symbol(),
                (&ls, l.span, &at.ty),
                (&rs, r.span, &bt.ty),
                ordered,
            ));
        }
        (
            Ir::Compare(cmp, Box::new(a), Box::new(b)),
            Typed::maybe(Type::Bool, optional),
        )
    }

    /// `l in r`, or `l not in r` when `negated`.
    fn membership(&mut self, span: Span, op: BinaryOp, l: &ast::Expr, r: &ast::Expr) -> Kinded {
        let IrOp::Membership(negated) = ir_op(op) else {
            return self.misfiled(op.symbol(), span);
        };
        let coll = self.check(r, None);
        let elem_ty = match &coll.1.ty {
            Type::List(t) => (**t).clone(),
            Type::Map(k, _) => (**k).clone(),
            Type::Any => Type::Any,
            other => {
                let shown = other.display(self.schema());
                let is_string = *other == Type::Str;
                return self.error(problems::in_not_a_collection(r.span, &shown, is_string));
            }
        };
        let elem = self.check(l, Some(&elem_ty));
        let coll = enum_as_string(coll, &Type::List(Box::new(elem.1.ty.clone())));
        let elem_ty = match &coll.1.ty {
            Type::List(t) => (**t).clone(),
            _ => elem_ty,
        };
        self.member_of(elem, coll, &elem_ty, l.span, negated)
    }

    pub(super) fn member_of(
        &mut self,
        elem: Checked,
        coll: Checked,
        elem_ty: &Type,
        span: Span,
        negated: bool,
    ) -> Kinded {
        if !elem.1.ty.unifies(elem_ty) {
            let (want, found) = (elem_ty.display(self.schema()), self.show(&elem.1));
            return self.error(problems::in_wrong_item(span, &want, &found));
        }
        let optional = elem.1.optional || coll.1.optional;
        let expr = Ir::In {
            negated,
            elem: Box::new(elem.0),
            coll: Box::new(coll.0),
        };
        (expr, Typed::maybe(Type::Bool, optional))
    }

    pub(super) fn string_test(
        &mut self,
        test: StrTest,
        op: BinaryOp,
        l: (&ast::Expr, Checked),
        r: (&ast::Expr, Checked),
    ) -> Kinded {
        for (e, (_, t)) in [&l, &r] {
            if !t.ty.unifies(&Type::Str) {
                let shown = self.show(t);
                return self.error(problems::string_op(e.span, op.symbol(), &shown));
            }
        }
        let optional = l.1 .1.optional || r.1 .1.optional;
        (
            Ir::StrTest(test, Box::new(l.1 .0), Box::new(r.1 .0)),
            Typed::maybe(Type::Bool, optional),
        )
    }

    /// `+`, `-`, `*`, `/`, `%` on numbers, durations and timestamps.
    fn arithmetic(&mut self, span: Span, op: BinaryOp, l: &ast::Expr, r: &ast::Expr) -> Kinded {
        let IrOp::Arithmetic(arith) = ir_op(op) else {
            return self.misfiled(op.symbol(), span);
        };
        let (a, at) = self.check(l, None);
        let (b, bt) = self.check(r, None);
        use Type::*;
        let result = match (arith, &at.ty, &bt.ty) {
            (_, Any, _) | (_, _, Any) => Some(Any),
            (_, Int, Int) => Some(Int),
            (Arith::Add, Str, Str) => Some(Str),
            (Arith::Add, Time, Duration) | (Arith::Add, Duration, Time) => Some(Time),
            (Arith::Sub, Time, Duration) => Some(Time),
            (Arith::Sub, Time, Time) => Some(Duration),
            (Arith::Add | Arith::Sub, Duration, Duration) => Some(Duration),
            (Arith::Mul, Duration, Int) | (Arith::Mul, Int, Duration) => Some(Duration),
            (Arith::Div, Duration, Int) => Some(Duration),
            _ => None,
        };
        let Some(ty) = result else {
            let (ls, rs) = (self.show(&at), self.show(&bt));
            return self.error(problems::arithmetic(span, &ls, op.symbol(), &rs));
        };
        let optional = at.optional || bt.optional;
        (
            Ir::Arith(arith, Box::new(a), Box::new(b)),
            Typed::maybe(ty, optional),
        )
    }

    pub(super) fn conditional(
        &mut self,
        c: &ast::Expr,
        t: &ast::Expr,
        f: &ast::Expr,
        expected: Option<&Type>,
    ) -> Kinded {
        let (ce, ct) = self.expect(c, &Type::Bool, "the condition of `if`");
        let (te, tt) = self.check(t, expected);
        let (fe, ft) = self.check(f, Some(&tt.ty));
        if !tt.ty.unifies(&ft.ty) {
            let (a, b) = (self.show(&tt), self.show(&ft));
            return self.error(problems::if_branches((&a, t.span), (&b, f.span)));
        }
        let ty = Typed::maybe(
            tt.ty.join(&ft.ty),
            ct.optional || tt.optional || ft.optional,
        );
        (Ir::If(Box::new(ce), Box::new(te), Box::new(fe)), ty)
    }
}

/// Where an enum value (or list of them) meets a string (or list of strings), use
/// the enum's value names, so `"Replicate Directory Changes" in d.permissions` and
/// helpers over lists of names work.
fn enum_as_string(checked: Checked, other: &Type) -> Checked {
    let (expr, ty) = checked;
    let converted = match (&ty.ty, other) {
        (Type::Enum(id), Type::Str) => Some((*id, Type::Str)),
        (Type::List(inner), Type::List(o)) if **o == Type::Str => match **inner {
            Type::Enum(id) => Some((id, Type::List(Box::new(Type::Str)))),
            _ => None,
        },
        _ => None,
    };
    match converted {
        Some((id, new_ty)) => {
            let span = expr.span;
            let kinded = (
                Ir::EnumName(Box::new(expr), id),
                Typed::maybe(new_ty, ty.optional),
            );
            at(span, kinded)
        }
        None => (expr, ty),
    }
}
