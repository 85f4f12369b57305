//! Type checking and resolving one expression into the program's [`Expr`].
//!
//! Enum literals are resolved by the type expected where they stand (`c.kind == ad`
//! reads `ad` as a `ConnectorKind`), so an expression is checked against an optional
//! expected type. An ill-typed node is reported once and becomes `Type::Any`, which
//! is compatible with everything, so one mistake does not cascade.

use super::program::{
    Arith, Builtin, Compare, Expr, ExprKind as Ir, LambdaMethod, Part, Quantifier, StrTest,
    Template,
};
use super::schema::Schema;
use super::scope::{LocalKind, Scope};
use super::types::{Type, Typed};
use crate::diag::{suggestion, Diagnostic};
use crate::source::Span;
use crate::syntax::ast::{self, Arg, BinaryOp, ExprKind, QuantKind, StrLit, StrPart, UnaryOp};
use crate::value::{Key, Value};
use indexmap::IndexMap;
use std::sync::Arc;

/// The signature of a helper function.
#[derive(Debug, Clone)]
pub struct FnSig {
    pub index: u32,
    pub params: Vec<Typed>,
    pub ret: Typed,
    pub span: Span,
}

/// A constant's index and type.
#[derive(Debug, Clone)]
pub struct ConstSig {
    pub index: u32,
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

const BUILTIN_FNS: [&str; 5] = [
    "known",
    "or_else",
    "dn_domain",
    "dn_under",
    "unknown_unless",
];

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
            let kinded = self.error(
                Diagnostic::error(
                    "phs::type::mismatch",
                    format!("{what} must be a `{want}`, but this is a `{found}`"),
                )
                .label(e.span, format!("this is a `{found}`")),
            );
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
                    return self.error(self.no_facts_here(e.span, "`now`"));
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

    fn no_facts_here(&self, span: Span, what: &str) -> Diagnostic {
        Diagnostic::error(
            "phs::check::facts-in-constant",
            format!("{what} reads facts, which constants and parameters cannot"),
        )
        .label(span, "reads facts")
        .help("constants and rule parameters are fixed values; read facts in the rule's `for` or `when`")
    }

    /// A string literal; a plain one stands for an enum value where one is expected.
    fn string(&mut self, lit: &StrLit, expected: Option<&Type>) -> Kinded {
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
                        self.diags.push(
                            Diagnostic::error(
                                "phs::type::show-record",
                                format!("a `{shown}` record cannot be shown in text"),
                            )
                            .label(e.span, "a whole record")
                            .help("show one of its fields, such as `.name`"),
                        );
                    }
                    parts.push(Part::Value(expr));
                }
            }
        }
        Template { parts }
    }

    fn enum_literal(&mut self, id: u32, text: &str, span: Span) -> Kinded {
        let Some(en) = self.schema().enum_type(id) else {
            return any();
        };
        if let Some(i) = en.values.iter().position(|v| v == text) {
            let index = u32::try_from(i).unwrap_or(u32::MAX);
            return (Ir::Lit(Value::Enum(index)), Typed::known(Type::Enum(id)));
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

    fn name(&mut self, name: &ast::Name, expected: Option<&Type>) -> Kinded {
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

    fn field(&mut self, base: &ast::Expr, field: &ast::Name) -> Kinded {
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

    fn index(&mut self, base: &ast::Expr, key: &ast::Expr) -> Kinded {
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

    fn unary(&mut self, op: UnaryOp, operand: &ast::Expr) -> Kinded {
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
    fn pair(&mut self, l: &ast::Expr, r: &ast::Expr) -> (Checked, Checked) {
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
    fn is_contextual(&mut self, e: &ast::Expr) -> bool {
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

    fn binary(&mut self, span: Span, op: BinaryOp, l: &ast::Expr, r: &ast::Expr) -> Kinded {
        match op {
            BinaryOp::And | BinaryOp::Or => {
                let (a, at) = self.expect(
                    l,
                    &Type::Bool,
                    &format!("each operand of `{}`", op.symbol()),
                );
                let (b, bt) = self.expect(
                    r,
                    &Type::Bool,
                    &format!("each operand of `{}`", op.symbol()),
                );
                let ty = Typed::maybe(Type::Bool, at.optional || bt.optional);
                let expr = if op == BinaryOp::And {
                    Ir::And(Box::new(a), Box::new(b))
                } else {
                    Ir::Or(Box::new(a), Box::new(b))
                };
                (expr, ty)
            }
            BinaryOp::Eq
            | BinaryOp::Ne
            | BinaryOp::Lt
            | BinaryOp::Le
            | BinaryOp::Gt
            | BinaryOp::Ge => self.comparison(op, l, r),
            BinaryOp::In | BinaryOp::NotIn => self.membership(op, l, r),
            BinaryOp::Contains => {
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
            BinaryOp::ContainsCi => {
                let (left, right) = self.pair(l, r);
                self.string_test(StrTest::ContainsCi, op, (l, left), (r, right))
            }
            BinaryOp::StartsWith => {
                let (left, right) = self.pair(l, r);
                self.string_test(StrTest::StartsWith, op, (l, left), (r, right))
            }
            BinaryOp::EndsWith => {
                let (left, right) = self.pair(l, r);
                self.string_test(StrTest::EndsWith, op, (l, left), (r, right))
            }
            BinaryOp::EqCi => {
                let (left, right) = self.pair(l, r);
                self.string_test(StrTest::EqCi, op, (l, left), (r, right))
            }
            BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div | BinaryOp::Rem => {
                self.arithmetic(span, op, l, r)
            }
        }
    }

    fn comparison(&mut self, op: BinaryOp, l: &ast::Expr, r: &ast::Expr) -> Kinded {
        let ((a, at), (b, bt)) = self.pair(l, r);
        let (a_ty, b_ty) = (at.ty.clone(), bt.ty.clone());
        let ((a, at), (b, bt)) = (
            enum_as_string((a, at), &b_ty),
            enum_as_string((b, bt), &a_ty),
        );
        let optional = at.optional || bt.optional;
        let ordered = !matches!(op, BinaryOp::Eq | BinaryOp::Ne);
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
        let cmp = match op {
            BinaryOp::Eq => Compare::Eq,
            BinaryOp::Ne => Compare::Ne,
            BinaryOp::Lt => Compare::Lt,
            BinaryOp::Le => Compare::Le,
            BinaryOp::Gt => Compare::Gt,
            _ => Compare::Ge,
        };
        (
            Ir::Compare(cmp, Box::new(a), Box::new(b)),
            Typed::maybe(Type::Bool, optional),
        )
    }

    fn membership(&mut self, op: BinaryOp, l: &ast::Expr, r: &ast::Expr) -> Kinded {
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
        self.member_of(elem, coll, &elem_ty, l.span, op == BinaryOp::NotIn)
    }

    fn member_of(
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

    fn string_test(
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

    fn arithmetic(&mut self, span: Span, op: BinaryOp, l: &ast::Expr, r: &ast::Expr) -> Kinded {
        let (a, at) = self.check(l, None);
        let (b, bt) = self.check(r, None);
        use Type::*;
        let result = match (op, &at.ty, &bt.ty) {
            (_, Any, _) | (_, _, Any) => Some(Any),
            (_, Int, Int) => Some(Int),
            (BinaryOp::Add, Str, Str) => Some(Str),
            (BinaryOp::Add, Time, Duration) | (BinaryOp::Add, Duration, Time) => Some(Time),
            (BinaryOp::Sub, Time, Duration) => Some(Time),
            (BinaryOp::Sub, Time, Time) => Some(Duration),
            (BinaryOp::Add | BinaryOp::Sub, Duration, Duration) => Some(Duration),
            (BinaryOp::Mul, Duration, Int) | (BinaryOp::Mul, Int, Duration) => Some(Duration),
            (BinaryOp::Div, Duration, Int) => Some(Duration),
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
        let arith = match op {
            BinaryOp::Add => Arith::Add,
            BinaryOp::Sub => Arith::Sub,
            BinaryOp::Mul => Arith::Mul,
            BinaryOp::Div => Arith::Div,
            _ => Arith::Rem,
        };
        let optional = at.optional || bt.optional;
        (
            Ir::Arith(arith, Box::new(a), Box::new(b)),
            Typed::maybe(ty, optional),
        )
    }

    fn list_source(&mut self, source: &ast::Expr) -> (Expr, Typed, Type) {
        let (s, st) = self.check(source, None);
        let elem = match &st.ty {
            Type::List(t) => (**t).clone(),
            Type::Any => Type::Any,
            _ => {
                let shown = self.show(&st);
                self.diags.push(
                    Diagnostic::error("phs::type::not-a-list", format!("expected a list to go through, found a `{shown}`"))
                        .label(source.span, format!("this is a `{shown}`"))
                        .help("bindings and quantifiers go through lists such as `connectors` or `c.domains`"),
                );
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
    ) -> (u32, T) {
        let slot = self.scope.push(&var.text, Typed::known(ty), kind, var.span);
        let out = body(self);
        if let Some(local) = self.scope.pop() {
            self.warn_unused(&local);
        }
        (slot, out)
    }

    pub fn warn_unused(&mut self, local: &super::scope::Local) {
        if !local.used && !local.name.starts_with('_') {
            self.diags.push(
                Diagnostic::warning(
                    "phs::lint::unused-binding",
                    format!("`{}` is never used", local.name),
                )
                .label(local.span, "bound here")
                .help(format!(
                    "use it, or name it `_{}` to say it is unused on purpose",
                    local.name
                )),
            );
        }
    }

    fn quantifier(
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

    fn conditional(
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

    fn list(&mut self, items: &[ast::Expr], expected: Option<&Type>) -> Kinded {
        let mut elem = match expected {
            Some(Type::List(t)) => (**t).clone(),
            _ => Type::Any,
        };
        let mut exprs = Vec::with_capacity(items.len());
        for item in items {
            let (e, t) = self.check(item, Some(&elem));
            if !t.ty.unifies(&elem) {
                let (want, found) = (elem.display(self.schema()), self.show(&t));
                self.diags.push(
                    Diagnostic::error(
                        "phs::type::list",
                        format!("a list of `{want}` cannot hold a `{found}`"),
                    )
                    .label(item.span, format!("this is a `{found}`"))
                    .help("all items of a list have one type"),
                );
            } else {
                elem = elem.join(&t.ty);
            }
            exprs.push(e);
        }
        (Ir::List(exprs), Typed::known(Type::List(Box::new(elem))))
    }

    fn map(
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
                self.diags.push(
                    Diagnostic::error(
                        "phs::check::duplicate-key",
                        format!("the key `{}` appears twice", key.text),
                    )
                    .label(key.span, "repeated key")
                    .label(span, "in this map")
                    .help("each key of a map appears once"),
                );
                continue;
            }
            let (e, t) = self.check(value, Some(&val_ty));
            if t.ty.unifies(&val_ty) {
                val_ty = val_ty.join(&t.ty);
            } else {
                let (want, found) = (val_ty.display(self.schema()), self.show(&t));
                self.diags.push(
                    Diagnostic::error(
                        "phs::type::map",
                        format!("a map of `{want}` values cannot hold a `{found}`"),
                    )
                    .label(value.span, format!("this is a `{found}`")),
                );
            }
            out.push((k, e));
        }
        (
            Ir::Map(out),
            Typed::known(Type::Map(Box::new(key_ty), Box::new(val_ty))),
        )
    }

    fn call(
        &mut self,
        span: Span,
        name: &ast::Name,
        args: &[ast::Expr],
        expected: Option<&Type>,
    ) -> Kinded {
        match name.text.as_str() {
            "known" => {
                let [arg] = args else {
                    return self.error(self.arity(span, "known", 1, args.len()));
                };
                let (e, _) = self.check(arg, None);
                return (
                    Ir::Builtin(Builtin::Known, vec![e]),
                    Typed::known(Type::Bool),
                );
            }
            "or_else" => {
                let [value, fallback] = args else {
                    return self.error(self.arity(span, "or_else", 2, args.len()));
                };
                let (v, vt) = self.check(value, expected);
                let (f, ft) = self.expect(fallback, &vt.ty, "the fallback of `or_else`");
                let ty = Typed::maybe(vt.ty.join(&ft.ty), ft.optional);
                return (Ir::Builtin(Builtin::OrElse, vec![v, f]), ty);
            }
            "dn_domain" => {
                let [dn] = args else {
                    return self.error(self.arity(span, "dn_domain", 1, args.len()));
                };
                let (e, t) = self.expect(dn, &Type::Str, "the argument of `dn_domain`");
                return (
                    Ir::Builtin(Builtin::DnDomain, vec![e]),
                    Typed::maybe(Type::Str, t.optional),
                );
            }
            "unknown_unless" => {
                let [cond, fact] = args else {
                    return self.error(self.arity(span, "unknown_unless", 2, args.len()));
                };
                let (c, _) = self.expect(cond, &Type::Bool, "the condition of `unknown_unless`");
                let (f, ft) = self.check(fact, None);
                if !matches!(
                    ft.ty,
                    Type::List(_) | Type::Map(..) | Type::Record(_) | Type::Any
                ) {
                    let shown = self.show(&ft);
                    return self.error(
                        Diagnostic::error(
                            "phs::check::unknown-unless",
                            format!("`unknown_unless` names a fact to collect, found a `{shown}`"),
                        )
                        .label(fact.span, format!("this is a `{shown}`"))
                        .help("name a list, map or record of the facts, e.g. `unknown_unless(covered, events)`"),
                    );
                }
                return (
                    Ir::Builtin(Builtin::UnknownUnless, vec![c, f]),
                    Typed::maybe(Type::Bool, true),
                );
            }
            "dn_under" => {
                let [dn, container] = args else {
                    return self.error(self.arity(span, "dn_under", 2, args.len()));
                };
                let (d, dt) = self.expect(dn, &Type::Str, "the DN given to `dn_under`");
                let (c, ct) =
                    self.expect(container, &Type::Str, "the container given to `dn_under`");
                return (
                    Ir::Builtin(Builtin::DnUnder, vec![d, c]),
                    Typed::maybe(Type::Bool, dt.optional || ct.optional),
                );
            }
            _ => {}
        }
        let Some(sig) = self.globals.fns.get(&name.text).cloned() else {
            let mut names: Vec<&str> = self.globals.fns.keys().map(String::as_str).collect();
            names.extend(BUILTIN_FNS);
            let help = suggestion(&name.text, names)
                .unwrap_or_else(|| "functions are helpers declared with `fn` and the builtins `known`, `or_else`, `dn_domain`, `dn_under`, `unknown_unless`".to_string());
            return self.error(
                Diagnostic::error(
                    "phs::check::unknown-function",
                    format!("unknown function `{}`", name.text),
                )
                .label(name.span, "not defined")
                .help(help),
            );
        };
        if let Some(flag) = self.used_fns.get_mut(sig.index as usize) {
            *flag = true;
        }
        if sig.params.len() != args.len() {
            return self.error(self.arity(span, &name.text, sig.params.len(), args.len()));
        }
        let mut exprs = Vec::with_capacity(args.len());
        let mut optional = false;
        for (arg, pty) in args.iter().zip(&sig.params) {
            let (e, t) = self.expect(arg, &pty.ty, &format!("this argument of `{}`", name.text));
            optional |= t.optional && !pty.optional;
            exprs.push(e);
        }
        let ret = Typed::maybe(sig.ret.ty.clone(), sig.ret.optional || optional);
        (Ir::Call(sig.index, exprs), ret)
    }

    fn arity(&self, span: Span, name: &str, want: usize, got: usize) -> Diagnostic {
        Diagnostic::error(
            "phs::check::arity",
            format!(
                "`{name}` takes {want} argument{}, but {got} {} given",
                plural(want),
                if got == 1 { "was" } else { "were" }
            ),
        )
        .label(span, "here")
    }

    fn method(&mut self, span: Span, recv: &ast::Expr, name: &ast::Name, args: &[Arg]) -> Kinded {
        let (r, rt) = self.check(recv, None);
        let m = name.text.as_str();
        if let (Type::List(elem), Some(method)) = (&rt.ty, lambda_method(m)) {
            return self.lambda_method(span, method, (r, rt.clone()), (**elem).clone(), name, args);
        }
        let builtin = match (&rt.ty, m) {
            (Type::List(_) | Type::Str | Type::Map(..), "len") => {
                Some((Builtin::Len, Type::Int, false))
            }
            (Type::List(_) | Type::Str | Type::Map(..), "is_empty") => {
                Some((Builtin::IsEmpty, Type::Bool, false))
            }
            (Type::List(t), "first") => Some((Builtin::First, (**t).clone(), true)),
            (Type::List(t), "last") => Some((Builtin::Last, (**t).clone(), true)),
            (Type::List(t), "join") if **t == Type::Str => Some((Builtin::Join, Type::Str, false)),
            (Type::Str, "lower") => Some((Builtin::Lower, Type::Str, false)),
            (Type::Str, "upper") => Some((Builtin::Upper, Type::Str, false)),
            (Type::Str, "trim") => Some((Builtin::Trim, Type::Str, false)),
            (Type::Str, "split") => Some((Builtin::Split, Type::List(Box::new(Type::Str)), false)),
            (Type::Str, "ps_quote") => Some((Builtin::PsQuote, Type::Str, false)),
            (Type::Map(k, _), "keys") => Some((Builtin::Keys, Type::List(k.clone()), false)),
            (Type::Map(_, v), "values") => Some((Builtin::Values, Type::List(v.clone()), false)),
            (Type::Any, _) => return any(),
            _ => None,
        };
        let Some((builtin, ty, optional)) = builtin else {
            let shown = self.show(&rt);
            let methods = methods_of(&rt.ty);
            let help = suggestion(m, methods.iter().copied()).unwrap_or_else(|| {
                if methods.is_empty() {
                    format!("a `{shown}` has no methods")
                } else {
                    format!("the methods of a `{shown}` are: {}", methods.join(", "))
                }
            });
            return self.error(
                Diagnostic::error(
                    "phs::check::unknown-method",
                    format!("a `{shown}` has no method `{m}`"),
                )
                .label(name.span, "unknown method")
                .help(help),
            );
        };
        let want_args = usize::from(matches!(builtin, Builtin::Join | Builtin::Split));
        if args.len() != want_args {
            return self.error(self.arity(span, m, want_args, args.len()));
        }
        let mut exprs = vec![r];
        for arg in args {
            match arg {
                Arg::Expr(e) => exprs.push(
                    self.expect(e, &Type::Str, &format!("the argument of `{m}`"))
                        .0,
                ),
                Arg::Lambda(p, _) => {
                    return self.error(
                        Diagnostic::error(
                            "phs::check::lambda",
                            format!("`{m}` does not take a `x => ...` argument"),
                        )
                        .label(p.span, "unexpected lambda"),
                    )
                }
            }
        }
        (
            Ir::Builtin(builtin, exprs),
            Typed::maybe(ty, optional || rt.optional),
        )
    }

    fn lambda_method(
        &mut self,
        span: Span,
        method: LambdaMethod,
        recv: Checked,
        elem: Type,
        name: &ast::Name,
        args: &[Arg],
    ) -> Kinded {
        let [Arg::Lambda(param, body)] = args else {
            return self.error(
                Diagnostic::error(
                    "phs::check::lambda",
                    format!("`{}` takes one argument of the form `x => ...`", name.text),
                )
                .label(span, "here")
                .help(format!("for example `.{}(e => e.time)`", name.text)),
            );
        };
        let (slot, (b, bt)) =
            self.with_var(
                param,
                elem.clone(),
                LocalKind::Variable,
                |this| match method {
                    LambdaMethod::Filter => {
                        this.expect(body, &Type::Bool, "the condition of `filter`")
                    }
                    _ => this.check(body, None),
                },
            );
        if matches!(method, LambdaMethod::MaxBy | LambdaMethod::MinBy) && !bt.ty.is_ordered() {
            let shown = self.show(&bt);
            return self.error(
                Diagnostic::error(
                    "phs::type::order",
                    format!(
                        "`{}` needs a key with an order, found a `{shown}`",
                        name.text
                    ),
                )
                .label(body.span, format!("this is a `{shown}`"))
                .help(
                    "order by a number, string, timestamp, duration or version, e.g. `e => e.time`",
                ),
            );
        }
        let (ty, optional) = match method {
            LambdaMethod::Filter => (recv.1.ty.clone(), recv.1.optional || bt.optional),
            LambdaMethod::Map => (Type::List(Box::new(bt.ty.clone())), recv.1.optional),
            LambdaMethod::MaxBy | LambdaMethod::MinBy => (elem, true),
        };
        let expr = Ir::Lambda {
            method,
            slot,
            source: Box::new(recv.0),
            body: Box::new(b),
        };
        (expr, Typed::maybe(ty, optional))
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

fn quantifier(kind: QuantKind) -> Quantifier {
    match kind {
        QuantKind::Any => Quantifier::Any,
        QuantKind::All => Quantifier::All,
        QuantKind::None => Quantifier::None,
        QuantKind::Count => Quantifier::Count,
    }
}

fn lambda_method(name: &str) -> Option<LambdaMethod> {
    Some(match name {
        "filter" => LambdaMethod::Filter,
        "map" => LambdaMethod::Map,
        "max_by" => LambdaMethod::MaxBy,
        "min_by" => LambdaMethod::MinBy,
        _ => return None,
    })
}

fn methods_of(ty: &Type) -> Vec<&'static str> {
    match ty {
        Type::List(t) if **t == Type::Str => vec![
            "filter", "first", "is_empty", "join", "last", "len", "map", "max_by", "min_by",
        ],
        Type::List(_) => vec![
            "filter", "first", "is_empty", "last", "len", "map", "max_by", "min_by",
        ],
        Type::Str => vec![
            "is_empty", "len", "lower", "ps_quote", "split", "trim", "upper",
        ],
        Type::Map(..) => vec!["is_empty", "keys", "len", "values"],
        _ => vec![],
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

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// `a`, `b`, `c` for help texts (at most 12 names).
pub fn list_names(names: &[String]) -> String {
    let mut shown: Vec<String> = names.iter().take(12).map(|n| format!("`{n}`")).collect();
    if names.len() > 12 {
        shown.push("...".to_string());
    }
    shown.join(", ")
}
