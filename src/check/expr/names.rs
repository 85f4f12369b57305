//! Names, fields and entries: locals, constants, the facts' sections, enum
//! literals, record fields and `[...]` indexes.

use super::{any, ExprChecker, Kinded};
use crate::check::problems;
use crate::check::program::ExprKind as Ir;
use crate::check::types::{EnumId, Type, Typed};
use crate::source::Span;
use crate::syntax::ast;
use crate::value::Value;

impl ExprChecker<'_> {
    pub(super) fn name(&mut self, name: &ast::Name, expected: Option<&Type>) -> Kinded {
        if let Some(local) = self.scope.lookup(&name.text) {
            local.used = true;
            return (Ir::Local(local.slot), local.ty.clone());
        }
        if let Some(c) = self.globals.consts.get(&name.text) {
            return (Ir::Const(c.index), c.ty.clone());
        }
        let root = self.schema().root();
        if let Some((index, field)) = self.schema().field_named(root, &name.text) {
            let ty = field.ty.clone();
            if !self.scope.facts_allowed {
                let what = format!("`{}`", name.text);
                return self.error(problems::facts_in_constant(name.span, &what));
            }
            return (Ir::Root(index), ty);
        }
        if let Some(Type::Enum(id)) = expected {
            return self.enum_literal(*id, &name.text, name.span);
        }
        let root_fields = &self.schema().record(root).fields;
        let mut candidates: Vec<&str> = self.scope.names().collect();
        candidates.extend(self.globals.consts.keys().map(String::as_str));
        candidates.extend(root_fields.iter().map(|f| f.name.as_str()));
        let d = problems::unknown_name(name, candidates);
        self.error(d)
    }

    pub(super) fn field(&mut self, base: &ast::Expr, field: &ast::Name) -> Kinded {
        let (b, bt) = self.check(base, None);
        match bt.ty {
            Type::Any => any(),
            Type::Record(rec) => {
                let Some((index, fty)) = self.schema().field_named(rec, &field.text) else {
                    let record = self.schema().record(rec);
                    let names: Vec<String> = record.fields.iter().map(|f| f.name.clone()).collect();
                    let rname = self.schema().record_name(rec).to_string();
                    return self.error(problems::unknown_field(field, &rname, &names));
                };
                let ty = Typed::maybe(fty.ty.ty.clone(), fty.ty.optional || bt.optional);
                let expr = Ir::Field {
                    base: Box::new(b),
                    record: rec,
                    field: index,
                };
                (expr, ty)
            }
            _ => {
                let shown = self.show(&bt);
                self.error(problems::no_fields(field, &shown))
            }
        }
    }

    pub(super) fn index(&mut self, base: &ast::Expr, key: &ast::Expr) -> Kinded {
        let (b, bt) = self.check(base, None);
        let (elem, key_ty) = match &bt.ty {
            Type::List(t) => ((**t).clone(), Type::Int),
            Type::Map(k, v) => ((**v).clone(), (**k).clone()),
            Type::Any => (Type::Any, Type::Any),
            _ => {
                let shown = self.show(&bt);
                return self.error(problems::index(base.span, &shown));
            }
        };
        let (k, _) = self.expect(key, &key_ty, "the index");
        (
            Ir::Index(Box::new(b), Box::new(k)),
            Typed::maybe(elem, true),
        )
    }

    pub(super) fn enum_literal(&mut self, id: EnumId, text: &str, span: Span) -> Kinded {
        let en = self.schema().enum_type(id);
        if let Some(i) = en.values.iter().position(|v| v == text) {
            let name = en.name.clone();
            return match u32::try_from(i) {
                Ok(index) => (Ir::Lit(Value::Enum(index)), Typed::known(Type::Enum(id))),
                Err(_) => {
                    let what = format!("the enum `{name}` has more values than an index holds");
                    self.error(problems::internal(&what, Some(span)))
                }
            };
        }
        let d = problems::enum_value(span, text, &en.name, &en.values);
        self.error(d)
    }
}
