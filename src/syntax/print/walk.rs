//! Where a file's strings without escapes or interpolation start (rule titles,
//! quoted enum values and map keys): the comment scan must read `{` in them as text.

use crate::syntax::ast::*;
use std::collections::HashSet;

pub fn plain_string_starts(file: &File, text: &str) -> HashSet<usize> {
    let mut starts = HashSet::new();
    let mut add_map_keys = |e: &Expr| {
        if let ExprKind::Map(entries) = &e.kind {
            for (key, _) in entries {
                let start = key.span.start as usize;
                if text.as_bytes().get(start) == Some(&b'"') {
                    starts.insert(start);
                }
            }
        }
    };
    each_expr(file, &mut add_map_keys);
    for item in &file.items {
        match item {
            Item::Rule(rule) => {
                starts.insert(rule.title.span.start as usize);
            }
            Item::Enum(decl) => {
                let quoted = decl.values.iter().filter(|(_, quoted)| *quoted);
                starts.extend(quoted.map(|(name, _)| name.span.start as usize));
            }
            _ => {}
        }
    }
    starts
}

/// Call `f` on every expression of `file`, nested ones and interpolations included.
fn each_expr(file: &File, f: &mut dyn FnMut(&Expr)) {
    let mut strings: Vec<&StrLit> = Vec::new();
    let mut exprs: Vec<&Expr> = Vec::new();
    if let Some(pack) = &file.pack {
        strings.push(&pack.version);
        strings.extend(pack.extends.iter().map(|e| &e.requirement));
    }
    for item in &file.items {
        match item {
            Item::Rule(rule) => {
                exprs.extend(rule.params.iter().map(|p| &p.value));
                exprs.extend(rule.bindings.iter().map(|b| &b.source));
                exprs.extend(rule.filter.iter().chain(rule.when.iter()));
                exprs.extend(rule.needs.iter().filter_map(|n| n.at.as_ref()));
                strings.extend(rule.message.iter().chain(rule.remediation.iter()));
                strings.extend(rule.evidence.iter().chain(rule.crosscheck.iter()));
                strings.extend(rule.see.iter());
            }
            Item::Fn(decl) => exprs.push(&decl.body),
            Item::Const(decl) => exprs.push(&decl.value),
            Item::Record(decl) => strings.extend(decl.fields.iter().flat_map(|f| &f.collect)),
            Item::Enum(_) => {}
            Item::Format(s) => strings.push(s),
            Item::Override(decl) => exprs.extend(decl.params.iter().map(|(_, v)| v)),
            Item::Disable(decl) | Item::Retire(decl) => strings.push(&decl.reason),
        }
    }
    exprs.extend(strings.into_iter().flat_map(interpolations));
    while let Some(e) = exprs.pop() {
        f(e);
        exprs.extend(children(e));
    }
}

fn interpolations(s: &StrLit) -> impl Iterator<Item = &Expr> {
    s.parts.iter().filter_map(|part| match part {
        StrPart::Interp(e) => Some(e),
        StrPart::Text(_) => None,
    })
}

/// The expressions directly inside `e`.
fn children(e: &Expr) -> Vec<&Expr> {
    match &e.kind {
        ExprKind::Bool(_)
        | ExprKind::Int(_)
        | ExprKind::Duration(_)
        | ExprKind::Version(_)
        | ExprKind::Now
        | ExprKind::Name(_) => Vec::new(),
        ExprKind::Str(s) => interpolations(s).collect(),
        ExprKind::Field(base, _) => vec![base],
        ExprKind::Method(base, _, args) => {
            let args = args.iter().map(|arg| match arg {
                Arg::Expr(e) | Arg::Lambda(_, e) => e,
            });
            std::iter::once(&**base).chain(args).collect()
        }
        ExprKind::Index(a, b) | ExprKind::Binary(_, a, b) | ExprKind::Quant(_, _, a, b) => {
            vec![a, b]
        }
        ExprKind::Call(_, args) | ExprKind::List(args) => args.iter().collect(),
        ExprKind::Unary(_, operand) => vec![operand],
        ExprKind::If(a, b, c) => vec![a, b, c],
        ExprKind::Map(entries) => entries.iter().map(|(_, v)| v).collect(),
    }
}
