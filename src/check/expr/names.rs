//! Names, fields and entries: locals, constants, the facts' sections, enum
//! literals, record fields and `[...]` indexes.

use super::{any, list_names, ExprChecker, Kinded};
use crate::check::program::ExprKind as Ir;
use crate::check::types::{Type, Typed};
use crate::diag::{suggestion, Diagnostic};
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
        let root = self.schema().root;
        if let Some(index) = self.schema().find_field(root, &name.text) {
            if !self.scope.facts_allowed {
                let what = format!("`{}`", name.text);
                return self.error(self.no_facts_here(name.span, &what));
            }
            let ty = self
                .schema()
                .field(root, index)
                .map_or(Typed::known(Type::Any), |f| f.ty.clone());
            return (Ir::Root(index), ty);
        }
        if let Some(Type::Enum(id)) = expected {
            return self.enum_literal(*id, &name.text, name.span);
        }
        let root_fields = self
            .schema()
            .record(root)
            .map(|r| r.fields.iter().map(|f| f.name.clone()).collect::<Vec<_>>())
            .unwrap_or_default();
        let mut candidates: Vec<String> = self.scope.names().map(str::to_string).collect();
        candidates.extend(self.globals.consts.keys().cloned());
        candidates.extend(root_fields);
        let help = suggestion(&name.text, candidates.iter().map(String::as_str)).unwrap_or_else(|| {
            "names are bindings (`for x in ...`), parameters, constants and the facts' top-level sections".to_string()
        });
        self.error(
            Diagnostic::error(
                "phs::check::unknown-name",
                format!("unknown name `{}`", name.text),
            )
            .label(name.span, "not defined")
            .help(help),
        )
    }

    pub(super) fn field(&mut self, base: &ast::Expr, field: &ast::Name) -> Kinded {
        let (b, bt) = self.check(base, None);
        match bt.ty {
            Type::Any => any(),
            Type::Record(rec) => {
                let Some(index) = self.schema().find_field(rec, &field.text) else {
                    let record = self.schema().record(rec);
                    let names: Vec<String> = record
                        .map(|r| r.fields.iter().map(|f| f.name.clone()).collect())
                        .unwrap_or_default();
                    let rname = self.schema().record_name(rec).to_string();
                    let help = suggestion(&field.text, names.iter().map(String::as_str))
                        .unwrap_or_else(|| {
                            format!("the fields of `{rname}` are: {}", list_names(&names))
                        });
                    return self.error(
                        Diagnostic::error(
                            "phs::check::unknown-field",
                            format!("`{rname}` has no field `{}`", field.text),
                        )
                        .label(field.span, "unknown field")
                        .help(help),
                    );
                };
                let fty = self
                    .schema()
                    .field(rec, index)
                    .map_or(Typed::known(Type::Any), |f| f.ty.clone());
                let ty = Typed::maybe(fty.ty, fty.optional || bt.optional);
                let expr = Ir::Field {
                    base: Box::new(b),
                    record: rec,
                    field: index,
                };
                (expr, ty)
            }
            _ => {
                let shown = self.show(&bt);
                self.error(
                    Diagnostic::error(
                        "phs::type::no-fields",
                        format!("a `{shown}` has no fields, so `.{}` is not defined", field.text),
                    )
                    .label(field.span, "not a field of this value")
                    .help("fields belong to records such as `Connector`; methods are called with `()`, e.g. `.len()`"),
                )
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
                return self.error(
                    Diagnostic::error(
                        "phs::type::index",
                        format!("a `{shown}` cannot be indexed with `[...]`"),
                    )
                    .label(base.span, format!("this is a `{shown}`"))
                    .help("only lists and maps have entries"),
                );
            }
        };
        let (k, _) = self.expect(key, &key_ty, "the index");
        (
            Ir::Index(Box::new(b), Box::new(k)),
            Typed::maybe(elem, true),
        )
    }

    pub(super) fn enum_literal(&mut self, id: u32, text: &str, span: Span) -> Kinded {
        let Some(en) = self.schema().enum_type(id) else {
            return any();
        };
        if let Some(i) = en.values.iter().position(|v| v == text) {
            let name = en.name.clone();
            return match u32::try_from(i) {
                Ok(index) => (Ir::Lit(Value::Enum(index)), Typed::known(Type::Enum(id))),
                Err(_) => self.error(Diagnostic::error(
                    "phs::internal",
                    format!("the enum `{name}` has more values than an index holds"),
                )),
            };
        }
        let name = en.name.clone();
        let help = suggestion(text, en.values.iter().map(String::as_str))
            .unwrap_or_else(|| format!("the values of `{name}` are: {}", list_names(&en.values)));
        self.error(
            Diagnostic::error(
                "phs::type::enum-value",
                format!("`{text}` is not a value of `{name}`"),
            )
            .label(span, format!("not a `{name}`"))
            .help(help),
        )
    }
}
