//! Calls: builtin functions, helpers, methods and the methods that take a lambda
//! (`x => ...`).

use super::{any, plural, Checked, ExprChecker, Kinded};
use crate::check::program::{Builtin, ExprKind as Ir, LambdaMethod};
use crate::check::scope::LocalKind;
use crate::check::types::{Type, Typed};
use crate::diag::{suggestion, Diagnostic};
use crate::source::Span;
use crate::syntax::ast::{self, Arg};

const BUILTIN_FNS: [&str; 5] = [
    "known",
    "or_else",
    "dn_domain",
    "dn_under",
    "unknown_unless",
];

impl ExprChecker<'_> {
    pub(super) fn call(
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

    pub(super) fn arity(&self, span: Span, name: &str, want: usize, got: usize) -> Diagnostic {
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

    pub(super) fn method(
        &mut self,
        span: Span,
        recv: &ast::Expr,
        name: &ast::Name,
        args: &[Arg],
    ) -> Kinded {
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

    pub(super) fn lambda_method(
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
