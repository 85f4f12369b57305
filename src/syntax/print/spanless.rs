//! Comparing syntax trees while ignoring where their nodes were written: what the
//! formatter must keep is the tree, not the offsets.
//!
//! Every struct is taken apart with all its fields named, so a field added to the
//! AST is a compile error here until it is handled.

use crate::source::Span;
use crate::syntax::ast::*;

/// Whether two files are the same tree apart from their spans.
pub fn same_tree(a: &File, b: &File) -> bool {
    let (mut a, mut b) = (a.clone(), b.clone());
    clear_spans(&mut a);
    clear_spans(&mut b);
    a == b
}

/// Set every span of `file` to the default, so that trees compare by content.
pub fn clear_spans(file: &mut File) {
    let File { pack, items } = file;
    if let Some(PackDecl {
        doc: _,
        name,
        version,
        extends,
        span,
    }) = pack
    {
        clear(span);
        name_(name);
        str_lit(version);
        for Extends { pack, requirement } in extends {
            name_(pack);
            str_lit(requirement);
        }
    }
    items.iter_mut().for_each(item);
}

fn clear(span: &mut Span) {
    *span = Span::default();
}

fn name_(name: &mut Name) {
    clear(&mut name.span);
}

fn item(item: &mut Item) {
    match item {
        Item::Rule(rule_decl) => rule(rule_decl),
        Item::Fn(FnDecl {
            doc: _,
            name,
            params,
            ret,
            body,
            span,
        }) => {
            clear(span);
            name_(name);
            for (param, ty) in params {
                name_(param);
                type_expr(ty);
            }
            type_expr(ret);
            expr(body);
        }
        Item::Const(ConstDecl {
            doc: _,
            name,
            ty,
            value,
            span,
        }) => {
            clear(span);
            name_(name);
            type_expr(ty);
            expr(value);
        }
        Item::Record(RecordDecl {
            doc: _,
            extend: _,
            name,
            fields,
            span,
        }) => {
            clear(span);
            name_(name);
            for FieldDecl {
                doc: _,
                name,
                ty,
                collect,
            } in fields
            {
                name_(name);
                type_expr(ty);
                collect.iter_mut().for_each(str_lit);
            }
        }
        Item::Enum(EnumDecl {
            doc: _,
            name,
            values,
            span,
        }) => {
            clear(span);
            name_(name);
            values.iter_mut().for_each(|(value, _)| name_(value));
        }
        Item::Format(s) => str_lit(s),
        Item::Override(decl) => override_decl(decl),
        Item::Disable(DisableDecl {
            doc: _,
            rule,
            reason,
            span,
        })
        | Item::Retire(RetireDecl {
            doc: _,
            rule,
            reason,
            span,
        }) => {
            clear(span);
            name_(rule);
            str_lit(reason);
        }
    }
}

fn rule(rule: &mut RuleDecl) {
    let RuleDecl {
        doc: _,
        id,
        title,
        severity,
        tags,
        needs,
        params,
        bindings,
        filter,
        when,
        message,
        remediation,
        evidence,
        crosscheck,
        see,
        span,
    } = rule;
    clear(span);
    name_(id);
    str_lit(title);
    if let Some((_, span)) = severity {
        clear(span);
    }
    tags.iter_mut().for_each(name_);
    for Need {
        negated: _,
        rule,
        at,
    } in needs
    {
        name_(rule);
        at.iter_mut().for_each(expr);
    }
    for ParamDecl { name, ty, value } in params {
        name_(name);
        type_expr(ty);
        expr(value);
    }
    for Binding { name, source } in bindings {
        name_(name);
        expr(source);
    }
    filter.iter_mut().chain(when.iter_mut()).for_each(expr);
    message
        .iter_mut()
        .chain(remediation.iter_mut())
        .chain(evidence.iter_mut())
        .chain(crosscheck.iter_mut())
        .chain(see.iter_mut())
        .for_each(str_lit);
}

fn override_decl(decl: &mut OverrideDecl) {
    let OverrideDecl {
        doc: _,
        rule,
        severity,
        tags,
        params,
        span,
    } = decl;
    clear(span);
    name_(rule);
    if let Some((_, span)) = severity {
        clear(span);
    }
    tags.iter_mut().flatten().for_each(name_);
    for (name, value) in params {
        name_(name);
        expr(value);
    }
}

fn type_expr(t: &mut TypeExpr) {
    let TypeExpr {
        kind,
        optional: _,
        span,
    } = t;
    clear(span);
    match kind {
        TypeExprKind::Named(name) => name_(name),
        TypeExprKind::List(elem) => type_expr(elem),
        TypeExprKind::Map(key, value) => {
            type_expr(key);
            type_expr(value);
        }
    }
}

fn str_lit(s: &mut StrLit) {
    let StrLit {
        parts,
        block: _,
        span,
    } = s;
    clear(span);
    for part in parts {
        if let StrPart::Interp(e) = part {
            expr(e);
        }
    }
}

fn expr(e: &mut Expr) {
    clear(&mut e.span);
    match &mut e.kind {
        ExprKind::Bool(_)
        | ExprKind::Int(_)
        | ExprKind::Duration(_)
        | ExprKind::Version(_)
        | ExprKind::Now => {}
        ExprKind::Str(s) => str_lit(s),
        ExprKind::Name(name) => name_(name),
        ExprKind::Field(base, name) => {
            expr(base);
            name_(name);
        }
        ExprKind::Method(base, name, args) => {
            expr(base);
            name_(name);
            for arg in args {
                match arg {
                    Arg::Expr(e) => expr(e),
                    Arg::Lambda(param, body) => {
                        name_(param);
                        expr(body);
                    }
                }
            }
        }
        ExprKind::Index(base, key) => {
            expr(base);
            expr(key);
        }
        ExprKind::Call(name, args) => {
            name_(name);
            args.iter_mut().for_each(expr);
        }
        ExprKind::Unary(_, operand) => expr(operand),
        ExprKind::Binary(_, lhs, rhs) => {
            expr(lhs);
            expr(rhs);
        }
        ExprKind::Quant(_, var, source, cond) => {
            name_(var);
            expr(source);
            expr(cond);
        }
        ExprKind::If(cond, then, other) => {
            expr(cond);
            expr(then);
            expr(other);
        }
        ExprKind::List(items) => items.iter_mut().for_each(expr),
        ExprKind::Map(entries) => {
            for (key, value) in entries {
                name_(key);
                expr(value);
            }
        }
    }
}
