//! Variables bound over a list: quantifiers (`any x in xs where ...`), the scope
//! of their variable, and the unused-variable warning.

use super::{ExprChecker, Kinded};
use crate::check::problems;
use crate::check::program::{Expr, ExprKind as Ir, Quantifier, Slot};
use crate::check::scope::{Local, LocalKind};
use crate::check::types::{Type, Typed};
use crate::diag::Diagnostic;
use crate::syntax::ast::{self, QuantKind};
use std::sync::Arc;

impl ExprChecker<'_> {
    pub(super) fn list_source(&mut self, source: &ast::Expr) -> (Expr, Typed, Type) {
        let (s, st) = self.check(source, None);
        let elem = match &st.ty {
            Type::List(t) => (**t).clone(),
            Type::Any => Type::Any,
            _ => {
                let shown = self.show(&st);
                self.diags
                    .push(problems::quantifier_not_a_list(source.span, &shown));
                Type::Any
            }
        };
        (s, st, elem)
    }

    /// Bind `var` to each element's type while `body` is checked.
    pub fn with_var<T>(
        &mut self,
        var: &ast::Name,
        ty: Type,
        kind: LocalKind,
        body: impl FnOnce(&mut Self) -> T,
    ) -> (Slot, T) {
        let slot = self.scope.push(&var.text, Typed::known(ty), kind, var.span);
        let out = body(self);
        if let Some(local) = self.scope.pop() {
            warn_unused(self.diags, &local);
        }
        (slot, out)
    }

    /// Warn about each unused local of `kind` still in scope (a rule's bindings, a
    /// helper's parameters, once the body is checked).
    pub fn warn_unused_locals(&mut self, kind: LocalKind) {
        for local in self.scope.locals().iter().filter(|l| l.kind == kind) {
            warn_unused(self.diags, local);
        }
    }

    pub(super) fn quantifier(
        &mut self,
        kind: QuantKind,
        var: &ast::Name,
        source: &ast::Expr,
        cond: &ast::Expr,
    ) -> Kinded {
        let (s, st, elem) = self.list_source(source);
        let (slot, (c, ct)) = self.with_var(var, elem, LocalKind::Variable, |this| {
            this.expect(
                cond,
                &Type::Bool,
                &format!("the condition of `{}`", kind.keyword()),
            )
        });
        let ty = if kind == QuantKind::Count {
            Type::Int
        } else {
            Type::Bool
        };
        let expr = Ir::Quant {
            kind: quantifier(kind),
            var: Arc::from(var.text.as_str()),
            slot,
            source: Box::new(s),
            cond: Box::new(c),
        };
        (expr, Typed::maybe(ty, st.optional || ct.optional))
    }
}

fn quantifier(kind: QuantKind) -> Quantifier {
    match kind {
        QuantKind::Any => Quantifier::Any,
        QuantKind::All => Quantifier::All,
        QuantKind::None => Quantifier::None,
        QuantKind::Count => Quantifier::Count,
    }
}

/// The unused-variable warning for `local`, unless it is used or its name starts
/// with `_`.
fn warn_unused(diags: &mut Vec<Diagnostic>, local: &Local) {
    if !local.used && !local.name.starts_with('_') {
        diags.push(problems::unused_binding(&local.name, local.span));
    }
}
