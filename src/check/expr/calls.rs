//! Calls: builtin functions, helpers, methods and the methods that take a lambda
//! (`x => ...`).

use super::{any, plural, Checked, ExprChecker, Kinded};
use crate::check::builtins::{self, BuiltinDef, Callee, Form};
use crate::check::program::{Builtin, ExprKind as Ir, LambdaMethod};
use crate::check::scope::LocalKind;
use crate::check::types::{Type, Typed};
use crate::diag::{suggestion, Diagnostic};
use crate::source::Span;
use crate::syntax::ast::{self, Arg};

impl ExprChecker<'_> {
    pub(super) fn call(
        &mut self,
        span: Span,
        name: &ast::Name,
        args: &[ast::Expr],
        expected: Option<&Type>,
    ) -> Kinded {
        if let Some(def) = builtins::function_named(&name.text) {
            return self.builtin_function(span, def, args, expected);
        }
        self.helper_call(span, name, args)
    }

    /// A call of a builtin function: each has its own typing rule.
    fn builtin_function(
        &mut self,
        span: Span,
        def: &BuiltinDef,
        args: &[ast::Expr],
        expected: Option<&Type>,
    ) -> Kinded {
        let arity = |this: &Self| this.arity(span, def.name, def.params.len(), args.len());
        let Callee::Builtin(builtin) = def.callee else {
            return self.error(internal(def.name, span));
        };
        match builtin {
            Builtin::Known => {
                let [arg] = args else {
                    return self.error(arity(self));
                };
                let (e, _) = self.check(arg, None);
                (
                    Ir::Builtin(Builtin::Known, vec![e]),
                    Typed::known(Type::Bool),
                )
            }
            Builtin::OrElse => {
                let [value, fallback] = args else {
                    return self.error(arity(self));
                };
                let (v, vt) = self.check(value, expected);
                let (f, ft) = self.expect(fallback, &vt.ty, "the fallback of `or_else`");
                let ty = Typed::maybe(vt.ty.join(&ft.ty), ft.optional);
                (Ir::Builtin(Builtin::OrElse, vec![v, f]), ty)
            }
            Builtin::DnDomain => {
                let [dn] = args else {
                    return self.error(arity(self));
                };
                let (e, t) = self.expect(dn, &Type::Str, "the argument of `dn_domain`");
                (
                    Ir::Builtin(Builtin::DnDomain, vec![e]),
                    Typed::maybe(Type::Str, t.optional),
                )
            }
            Builtin::UnknownUnless => {
                let [cond, fact] = args else {
                    return self.error(arity(self));
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
                (
                    Ir::Builtin(Builtin::UnknownUnless, vec![c, f]),
                    Typed::maybe(Type::Bool, true),
                )
            }
            Builtin::DnUnder => {
                let [dn, container] = args else {
                    return self.error(arity(self));
                };
                let (d, dt) = self.expect(dn, &Type::Str, "the DN given to `dn_under`");
                let (c, ct) =
                    self.expect(container, &Type::Str, "the container given to `dn_under`");
                (
                    Ir::Builtin(Builtin::DnUnder, vec![d, c]),
                    Typed::maybe(Type::Bool, dt.optional || ct.optional),
                )
            }
            Builtin::Len
            | Builtin::IsEmpty
            | Builtin::First
            | Builtin::Last
            | Builtin::Join
            | Builtin::Lower
            | Builtin::Upper
            | Builtin::Trim
            | Builtin::Split
            | Builtin::PsQuote
            | Builtin::Keys
            | Builtin::Values => self.error(internal(def.name, span)),
        }
    }

    /// A call of a helper declared with `fn`.
    fn helper_call(&mut self, span: Span, name: &ast::Name, args: &[ast::Expr]) -> Kinded {
        let Some(sig) = self.globals.fns.get(&name.text).cloned() else {
            let mut names: Vec<&str> = self.globals.fns.keys().map(String::as_str).collect();
            for builtin in builtins::function_names() {
                names.push(builtin);
            }
            let help = suggestion(&name.text, names).unwrap_or_else(|| {
                let builtins: Vec<String> = builtins::function_names()
                    .map(|n| format!("`{n}`"))
                    .collect();
                format!(
                    "functions are helpers declared with `fn` and the builtins {}",
                    builtins.join(", ")
                )
            });
            return self.error(
                Diagnostic::error(
                    "phs::check::unknown-function",
                    format!("unknown function `{}`", name.text),
                )
                .label(name.span, "not defined")
                .help(help),
            );
        };
        if let Some(flag) = self.used_fns.get_mut(sig.index.0) {
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
        if rt.ty == Type::Any {
            return any();
        }
        let def = builtins::method_of(&rt.ty, m);
        if let (Type::List(elem), Some(Callee::Lambda(method))) = (&rt.ty, def.map(|d| d.callee)) {
            return self.lambda_method(span, method, (r, rt.clone()), (**elem).clone(), name, args);
        }
        let builtin = match def {
            Some(BuiltinDef {
                form: Form::Method(_, returns),
                callee: Callee::Builtin(b),
                ..
            }) => {
                let (ty, optional) = returns.of(&rt.ty);
                Some((*b, ty, optional))
            }
            _ => None,
        };
        let Some((builtin, ty, optional)) = builtin else {
            let shown = self.show(&rt);
            let methods = builtins::method_names(&rt.ty);
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
        let want_args = def.map_or(0, |d| d.params.len());
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

/// A builtin the table lists under one form reached the checker under another.
fn internal(name: &str, span: Span) -> Diagnostic {
    Diagnostic::error(
        "phs::internal",
        format!("the builtin `{name}` has no typing rule for this call"),
    )
    .label(span, "here")
}
