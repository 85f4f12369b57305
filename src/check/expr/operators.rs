//! Operators: `not` and negation, `and`/`or`, comparisons, membership, string
//! tests, arithmetic and `if`, each `ast` operator mapped to its IR operator.

use super::{at, Checked, ExprChecker, Kinded};
use crate::check::program::{Arith, Compare, Expr, ExprKind as Ir, StrTest};
use crate::check::types::{Type, Typed};
use crate::diag::Diagnostic;
use crate::source::Span;
use crate::syntax::ast::{self, BinaryOp, ExprKind, UnaryOp};

impl ExprChecker<'_> {
    pub(super) fn unary(&mut self, op: UnaryOp, operand: &ast::Expr) -> Kinded {
        match op {
            UnaryOp::Not => {
                let (e, t) = self.expect(operand, &Type::Bool, "the operand of `not`");
                (Ir::Not(Box::new(e)), Typed::maybe(Type::Bool, t.optional))
            }
            UnaryOp::Neg => {
                let (e, t) = self.check(operand, None);
                if !matches!(t.ty, Type::Int | Type::Duration | Type::Any) {
                    let shown = self.show(&t);
                    return self.error(
                        Diagnostic::error(
                            "phs::type::negate",
                            format!("a `{shown}` cannot be negated"),
                        )
                        .label(operand.span, format!("this is a `{shown}`")),
                    );
                }
                (Ir::Neg(Box::new(e)), t)
            }
        }
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
                let root = self.schema().root;
                self.scope.lookup(&n.text).is_none()
                    && !self.globals.consts.contains_key(&n.text)
                    && self.schema().find_field(root, &n.text).is_none()
            }
            ExprKind::Str(s) => s.as_plain().is_some(),
            _ => false,
        }
    }

    pub(super) fn binary(
        &mut self,
        span: Span,
        op: BinaryOp,
        l: &ast::Expr,
        r: &ast::Expr,
    ) -> Kinded {
        match op {
            BinaryOp::And => self.logic(op, l, r, Ir::And),
            BinaryOp::Or => self.logic(op, l, r, Ir::Or),
            BinaryOp::Eq => self.comparison(op, Compare::Eq, l, r),
            BinaryOp::Ne => self.comparison(op, Compare::Ne, l, r),
            BinaryOp::Lt => self.comparison(op, Compare::Lt, l, r),
            BinaryOp::Le => self.comparison(op, Compare::Le, l, r),
            BinaryOp::Gt => self.comparison(op, Compare::Gt, l, r),
            BinaryOp::Ge => self.comparison(op, Compare::Ge, l, r),
            BinaryOp::In => self.membership(false, l, r),
            BinaryOp::NotIn => self.membership(true, l, r),
            BinaryOp::Contains => self.contains(op, l, r),
            BinaryOp::ContainsCi => self.text_test(op, StrTest::ContainsCi, l, r),
            BinaryOp::StartsWith => self.text_test(op, StrTest::StartsWith, l, r),
            BinaryOp::EndsWith => self.text_test(op, StrTest::EndsWith, l, r),
            BinaryOp::EqCi => self.text_test(op, StrTest::EqCi, l, r),
            BinaryOp::Add => self.arithmetic(span, op, Arith::Add, l, r),
            BinaryOp::Sub => self.arithmetic(span, op, Arith::Sub, l, r),
            BinaryOp::Mul => self.arithmetic(span, op, Arith::Mul, l, r),
            BinaryOp::Div => self.arithmetic(span, op, Arith::Div, l, r),
            BinaryOp::Rem => self.arithmetic(span, op, Arith::Rem, l, r),
        }
    }

    /// `and`, `or`: both operands are conditions.
    fn logic(
        &mut self,
        op: BinaryOp,
        l: &ast::Expr,
        r: &ast::Expr,
        node: fn(Box<Expr>, Box<Expr>) -> Ir,
    ) -> Kinded {
        let what = format!("each operand of `{}`", op.symbol());
        let (a, at) = self.expect(l, &Type::Bool, &what);
        let (b, bt) = self.expect(r, &Type::Bool, &what);
        let ty = Typed::maybe(Type::Bool, at.optional || bt.optional);
        (node(Box::new(a), Box::new(b)), ty)
    }

    /// `contains`: an item of a list, or text inside a string.
    fn contains(&mut self, op: BinaryOp, l: &ast::Expr, r: &ast::Expr) -> Kinded {
        let (left, right) = self.pair(l, r);
        if let Type::List(elem) = &left.1.ty {
            let elem = (**elem).clone();
            let right = if self.is_contextual(r) {
                self.check(r, Some(&elem))
            } else {
                right
            };
            return self.member_of(right, left, &elem, r.span, false);
        }
        self.string_test(StrTest::Contains, op, (l, left), (r, right))
    }

    /// `contains_ci`, `starts_with`, `ends_with`, `==~`: tests on two strings.
    fn text_test(&mut self, op: BinaryOp, test: StrTest, l: &ast::Expr, r: &ast::Expr) -> Kinded {
        let (left, right) = self.pair(l, r);
        self.string_test(test, op, (l, left), (r, right))
    }

    pub(super) fn comparison(
        &mut self,
        op: BinaryOp,
        cmp: Compare,
        l: &ast::Expr,
        r: &ast::Expr,
    ) -> Kinded {
        let ((a, at), (b, bt)) = self.pair(l, r);
        let (a_ty, b_ty) = (at.ty.clone(), bt.ty.clone());
        let ((a, at), (b, bt)) = (
            enum_as_string((a, at), &b_ty),
            enum_as_string((b, bt), &a_ty),
        );
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
            let help = comparison_help(&at.ty, &bt.ty, ordered);
            return self.error(
                Diagnostic::error(
                    "phs::type::compare",
                    format!(
                        "cannot compare a `{ls}` with a `{rs}` using `{}`",
                        op.symbol()
                    ),
                )
                .label(l.span, format!("`{ls}`"))
                .label(r.span, format!("`{rs}`"))
                .help(help),
            );
        }
        (
            Ir::Compare(cmp, Box::new(a), Box::new(b)),
            Typed::maybe(Type::Bool, optional),
        )
    }

    /// `l in r`, or `l not in r` when `negated`.
    pub(super) fn membership(&mut self, negated: bool, l: &ast::Expr, r: &ast::Expr) -> Kinded {
        let coll = self.check(r, None);
        let elem_ty = match &coll.1.ty {
            Type::List(t) => (**t).clone(),
            Type::Map(k, _) => (**k).clone(),
            Type::Any => Type::Any,
            other => {
                let shown = other.display(self.schema());
                let help = if *other == Type::Str {
                    "to look for text inside a string, use `contains`"
                } else {
                    "`in` looks for an item in a list or a key in a map"
                };
                return self.error(
                    Diagnostic::error(
                        "phs::type::in",
                        format!("`in` needs a list or a map on its right, found a `{shown}`"),
                    )
                    .label(r.span, format!("this is a `{shown}`"))
                    .help(help),
                );
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
            return self.error(
                Diagnostic::error(
                    "phs::type::in",
                    format!("looking for a `{found}` among `{want}` values"),
                )
                .label(span, format!("this is a `{found}`"))
                .help(format!("the item must be a `{want}`")),
            );
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
                let span = e.span;
                return self.error(
                    Diagnostic::error(
                        "phs::type::string-op",
                        format!(
                            "`{}` works on strings, but this is a `{shown}`",
                            op.symbol()
                        ),
                    )
                    .label(span, format!("this is a `{shown}`"))
                    .help("compare other values with `==`; look for items in a list with `in`"),
                );
            }
        }
        let optional = l.1 .1.optional || r.1 .1.optional;
        (
            Ir::StrTest(test, Box::new(l.1 .0), Box::new(r.1 .0)),
            Typed::maybe(Type::Bool, optional),
        )
    }

    pub(super) fn arithmetic(
        &mut self,
        span: Span,
        op: BinaryOp,
        arith: Arith,
        l: &ast::Expr,
        r: &ast::Expr,
    ) -> Kinded {
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
            return self.error(
                Diagnostic::error(
                    "phs::type::arithmetic",
                    format!("`{ls} {} {rs}` is not defined", op.symbol()),
                )
                .label(span, "no such operation")
                .help("arithmetic works on numbers, on durations, and on a timestamp plus or minus a duration (`now - 3h`)"),
            );
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
            return self.error(
                Diagnostic::error(
                    "phs::type::if",
                    format!("the branches of `if` differ: `{a}` and `{b}`"),
                )
                .label(t.span, format!("`{a}`"))
                .label(f.span, format!("`{b}`"))
                .help("both branches must have the same type"),
            );
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
            at(
                span,
                (
                    Ir::EnumName(Box::new(expr), id),
                    Typed::maybe(new_ty, ty.optional),
                ),
            )
        }
        None => (expr, ty),
    }
}

fn comparison_help(a: &Type, b: &Type, ordered: bool) -> String {
    match (a, b) {
        (Type::Time, Type::Duration) | (Type::Duration, Type::Time) => {
            "a timestamp compares with a timestamp: write `e.time >= now - 3h`, not `e.time >= 3h`".to_string()
        }
        (Type::Str, Type::Version) | (Type::Version, Type::Str) => {
            "write versions without quotes: `server.version < 1.1.524.0`".to_string()
        }
        _ if ordered => "`<`, `<=`, `>`, `>=` compare numbers, strings, timestamps, durations and versions of one kind".to_string(),
        _ => "`==` and `!=` compare two values of the same type".to_string(),
    }
}
