//! Literals: strings (plain, enum values, templates with `{...}`), lists and maps.

use super::ExprChecker;
use super::Kinded;
use crate::check::problems;
use crate::check::program::{Expr, ExprKind as Ir, Part, Template};
use crate::check::types::{Type, Typed};
use crate::source::Span;
use crate::syntax::ast::{self, StrLit, StrPart};
use crate::value::{Key, Value};
use std::sync::Arc;

impl ExprChecker<'_> {
    /// A string literal; a plain one stands for an enum value where one is expected.
    pub(super) fn string(&mut self, lit: &StrLit, expected: Option<&Type>) -> Kinded {
        if let (Some(Type::Enum(id)), Some(text)) = (expected, lit.as_plain()) {
            return self.enum_literal(*id, &text, lit.span);
        }
        match lit.as_plain() {
            Some(text) => (Ir::Lit(Value::str(&text)), Typed::known(Type::Str)),
            None => {
                let t = self.template(lit);
                (Ir::Template(Box::new(t)), Typed::known(Type::Str))
            }
        }
    }

    /// A string with `{...}` parts, each checked like any expression.
    pub fn template(&mut self, lit: &StrLit) -> Template {
        let mut parts = Vec::new();
        for part in &lit.parts {
            match part {
                StrPart::Text(t) => parts.push(Part::Text(Arc::from(t.as_str()))),
                StrPart::Interp(e) => {
                    let (expr, ty) = self.check(e, None);
                    if matches!(ty.ty, Type::Record(_)) {
                        let shown = self.show(&ty);
                        self.diags.push(problems::show_record(e.span, &shown));
                    }
                    parts.push(Part::Value(expr));
                }
            }
        }
        Template { parts }
    }

    pub(super) fn list(&mut self, items: &[ast::Expr], expected: Option<&Type>) -> Kinded {
        let mut elem = match expected {
            Some(Type::List(t)) => (**t).clone(),
            _ => Type::Any,
        };
        let mut exprs = Vec::with_capacity(items.len());
        for item in items {
            let (e, t) = self.check(item, Some(&elem));
            if !t.ty.unifies(&elem) {
                let (want, found) = (elem.display(self.schema()), self.show(&t));
                self.diags
                    .push(problems::list_item(item.span, &want, &found));
            } else {
                elem = elem.join(&t.ty);
            }
            exprs.push(e);
        }
        (Ir::List(exprs), Typed::known(Type::List(Box::new(elem))))
    }

    pub(super) fn map(
        &mut self,
        span: Span,
        entries: &[(ast::Name, ast::Expr)],
        expected: Option<&Type>,
    ) -> Kinded {
        let (key_ty, mut val_ty) = match expected {
            Some(Type::Map(k, v)) => ((**k).clone(), (**v).clone()),
            _ => (Type::Str, Type::Any),
        };
        let mut out: Vec<(Key, Expr)> = Vec::with_capacity(entries.len());
        for (key, value) in entries {
            let k = match &key_ty {
                Type::Enum(id) => match self.enum_literal(*id, &key.text, key.span).0 {
                    Ir::Lit(Value::Enum(i)) => Key::Enum(i),
                    _ => continue,
                },
                _ => Key::Str(Arc::from(key.text.as_str())),
            };
            if out.iter().any(|(existing, _)| *existing == k) {
                self.diags.push(problems::duplicate_key(key, span));
                continue;
            }
            let (e, t) = self.check(value, Some(&val_ty));
            if t.ty.unifies(&val_ty) {
                val_ty = val_ty.join(&t.ty);
            } else {
                let (want, found) = (val_ty.display(self.schema()), self.show(&t));
                self.diags
                    .push(problems::map_value(value.span, &want, &found));
            }
            out.push((k, e));
        }
        (
            Ir::Map(out),
            Typed::known(Type::Map(Box::new(key_ty), Box::new(val_ty))),
        )
    }
}
