//! Type checking and resolving one expression into the program's [`Expr`].
//!
//! Enum literals are resolved by the type expected where they stand (`c.kind == ad`
//! reads `ad` as a `ConnectorKind`), so an expression is checked against an optional
//! expected type. An ill-typed node is reported once and becomes `Type::Any`, which
//! is compatible with everything, so one mistake does not cascade. Every node is
//! stamped with the span of the syntax it came from and its type ([`ExprChecker::check`]).

mod calls;
mod ir_ops;
mod literals;
mod names;
mod operators;
mod quantifiers;

use super::problems;
use super::program::{ConstIdx, Expr, ExprKind as Ir, FnIdx};
use super::schema::Schema;
use super::scope::Scope;
use super::types::{Type, Typed};
use crate::diag::Diagnostic;
use crate::source::Span;
use crate::syntax::ast::{self, ExprKind};
use crate::value::Value;
use indexmap::IndexMap;
use std::sync::Arc;

/// The signature of a helper function.
#[derive(Debug, Clone)]
pub struct FnSig {
    pub index: FnIdx,
    pub params: Vec<Typed>,
    pub ret: Typed,
    pub span: Span,
}

/// A constant's index and type.
#[derive(Debug, Clone)]
pub struct ConstSig {
    pub index: ConstIdx,
    pub ty: Typed,
    pub span: Span,
}

/// Names visible everywhere: the schema's root fields, helpers, constants.
#[derive(Debug, Default)]
pub struct Globals {
    pub schema: Schema,
    pub fns: IndexMap<String, FnSig>,
    pub consts: IndexMap<String, ConstSig>,
}

/// Checks expressions in one scope, collecting diagnostics.
pub struct ExprChecker<'a> {
    pub globals: &'a Globals,
    pub scope: &'a mut Scope,
    pub diags: &'a mut Vec<Diagnostic>,
    /// Helpers called, by index (for the unused-helper warning).
    pub used_fns: &'a mut Vec<bool>,
}

/// A checked expression and whether it may be unknown.
type Checked = (Expr, Typed);
/// A checked node before [`ExprChecker::check`] gives it its span and type.
type Kinded = (Ir, Typed);

fn any() -> Kinded {
    (
        Ir::Lit(Value::Unknown(Arc::from(vec![]))),
        Typed::known(Type::Any),
    )
}

/// The node of `kinded` at `span`, with its type.
fn at(span: Span, (kind, ty): Kinded) -> Checked {
    (Expr::new(kind, span, ty.ty.clone()), ty)
}
impl ExprChecker<'_> {
    fn schema(&self) -> &Schema {
        &self.globals.schema
    }

    pub(crate) fn show(&self, t: &Typed) -> String {
        t.display(self.schema())
    }

    fn error(&mut self, d: Diagnostic) -> Kinded {
        self.diags.push(d);
        any()
    }

    /// Check `e` where a value of type `expected` is wanted, reporting a mismatch.
    pub fn expect(&mut self, e: &ast::Expr, expected: &Type, what: &str) -> Checked {
        let (expr, ty) = self.check(e, Some(expected));
        if !ty.ty.unifies(expected) {
            let want = expected.display(self.schema());
            let found = self.show(&ty);
            let kinded = self.error(problems::mismatch(e.span, what, &want, &found));
            return at(e.span, kinded);
        }
        (expr, ty)
    }

    /// Check an expression; `expected` resolves bare enum literals.
    pub fn check(&mut self, e: &ast::Expr, expected: Option<&Type>) -> Checked {
        let kinded = self.check_kind(e, expected);
        at(e.span, kinded)
    }

    fn check_kind(&mut self, e: &ast::Expr, expected: Option<&Type>) -> Kinded {
        match &e.kind {
            ExprKind::Bool(b) => (Ir::Lit(Value::Bool(*b)), Typed::known(Type::Bool)),
            ExprKind::Int(n) => (Ir::Lit(Value::Int(*n)), Typed::known(Type::Int)),
            ExprKind::Duration(s) => (Ir::Lit(Value::Duration(*s)), Typed::known(Type::Duration)),
            ExprKind::Version(parts) => (
                Ir::Lit(Value::Version(Arc::from(parts.as_slice()))),
                Typed::known(Type::Version),
            ),
            ExprKind::Str(lit) => self.string(lit, expected),
            ExprKind::Now => {
                if !self.scope.facts_allowed {
                    return self.error(problems::facts_in_constant(e.span, "`now`"));
                }
                (Ir::Now, Typed::known(Type::Time))
            }
            ExprKind::Name(name) => self.name(name, expected),
            ExprKind::Field(base, field) => self.field(base, field),
            ExprKind::Index(base, key) => self.index(base, key),
            ExprKind::Method(recv, name, args) => self.method(e.span, recv, name, args),
            ExprKind::Call(name, args) => self.call(e.span, name, args, expected),
            ExprKind::Unary(op, operand) => self.unary(*op, operand),
            ExprKind::Binary(op, l, r) => self.binary(e.span, *op, l, r),
            ExprKind::Quant(kind, var, source, cond) => self.quantifier(*kind, var, source, cond),
            ExprKind::If(c, t, f) => self.conditional(c, t, f, expected),
            ExprKind::List(items) => self.list(items, expected),
            ExprKind::Map(entries) => self.map(e.span, entries, expected),
        }
    }
}
