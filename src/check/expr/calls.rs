//! Calls: builtin functions, helpers, methods and the methods that take a lambda
//! (`x => ...`).

use super::{any, Checked, ExprChecker, Kinded};
use crate::check::builtins::{self, BuiltinDef, Callee, Form};
use crate::check::problems;
use crate::check::program::{Builtin, ExprKind as Ir, LambdaMethod};
use crate::check::scope::LocalKind;
use crate::check::types::{Type, Typed};
use crate::diag::Diagnostic;
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
        let arity = |_: &Self| problems::arity(span, def.name, def.params.len(), args.len());
        let Callee::Builtin(builtin) = def.callee else {
            return self.error(internal(def.name, span));
        };
        let (exprs, ty) = match builtin {
            Builtin::Known => {
                let [arg] = args else {
                    return self.error(arity(self));
                };
                (vec![self.check(arg, None).0], Typed::known(Type::Bool))
            }
            Builtin::OrElse => {
                let [value, fallback] = args else {
                    return self.error(arity(self));
                };
                let (v, vt) = self.check(value, expected);
                let (f, ft) = self.expect(fallback, &vt.ty, "the fallback of `or_else`");
                (vec![v, f], Typed::maybe(vt.ty.join(&ft.ty), ft.optional))
            }
            Builtin::DnDomain => {
                let [dn] = args else {
                    return self.error(arity(self));
                };
                let (e, t) = self.expect(dn, &Type::Str, "the argument of `dn_domain`");
                (vec![e], Typed::maybe(Type::Str, t.optional))
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
                    return self.error(problems::unknown_unless(fact.span, &shown));
                }
                (vec![c, f], Typed::maybe(Type::Bool, true))
            }
            Builtin::DnUnder => {
                let [dn, container] = args else {
                    return self.error(arity(self));
                };
                let (d, dt) = self.expect(dn, &Type::Str, "the DN given to `dn_under`");
                let (c, ct) =
                    self.expect(container, &Type::Str, "the container given to `dn_under`");
                (
                    vec![d, c],
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
            | Builtin::Values => return self.error(internal(def.name, span)),
        };
        (Ir::Builtin(builtin, exprs), ty)
    }

    /// A call of a helper declared with `fn`.
    fn helper_call(&mut self, span: Span, name: &ast::Name, args: &[ast::Expr]) -> Kinded {
        let Some(sig) = self.globals.fns.get(&name.text).cloned() else {
            let helpers = self.globals.fns.keys().map(String::as_str);
            let builtins: Vec<&str> = builtins::function_names().collect();
            return self.error(problems::unknown_function(name, helpers, &builtins));
        };
        if let Some(flag) = self.used_fns.get_mut(sig.index.0) {
            *flag = true;
        }
        if sig.params.len() != args.len() {
            let want = sig.params.len();
            return self.error(problems::arity(span, &name.text, want, args.len()));
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
        let Some(BuiltinDef {
            form: Form::Method(_, returns),
            callee: Callee::Builtin(builtin),
            params,
            ..
        }) = def
        else {
            let shown = self.show(&rt);
            let methods = builtins::method_names(&rt.ty);
            return self.error(problems::unknown_method(name, &shown, &methods));
        };
        let (ty, optional) = returns.of(&rt.ty);
        if args.len() != params.len() {
            return self.error(problems::arity(span, m, params.len(), args.len()));
        }
        let mut exprs = vec![r];
        for arg in args {
            match arg {
                Arg::Expr(e) => exprs.push(
                    self.expect(e, &Type::Str, &format!("the argument of `{m}`"))
                        .0,
                ),
                Arg::Lambda(p, _) => return self.error(problems::unexpected_lambda(p.span, m)),
            }
        }
        (
            Ir::Builtin(*builtin, exprs),
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
            return self.error(problems::lambda_expected(span, &name.text));
        };
        let check_body = |this: &mut Self| match method {
            LambdaMethod::Filter => this.expect(body, &Type::Bool, "the condition of `filter`"),
            _ => this.check(body, None),
        };
        let (slot, (b, bt)) = self.with_var(param, elem.clone(), LocalKind::Variable, check_body);
        if matches!(method, LambdaMethod::MaxBy | LambdaMethod::MinBy) && !bt.ty.is_ordered() {
            let shown = self.show(&bt);
            return self.error(problems::order(body.span, &name.text, &shown));
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
    let what = format!("the builtin `{name}` has no typing rule for this call");
    problems::internal(&what, Some(span))
}
