//! Re-checking parts of a rule that is already in a checked [`Program`].
//!
//! `phsrule explain` shows the value of every sub-condition of a rule. The program
//! keeps only the whole, resolved conditions; this module type-checks any
//! sub-expression of the rule's syntax tree into the IR again, with the rule's
//! parameters and bindings in scope, so the evaluator can compute it in the
//! binding's frame. Slots here are this scope's own: [`RuleRechecker::slot`] maps a
//! parameter or binding name to its slot, and the caller copies values into it.
//!
//! The rule was checked without errors, so re-checking one of its sub-expressions
//! cannot fail except for parts that only make sense in context (a bare enum
//! literal); those come back as `None`.

use super::expr::{ConstSig, ExprChecker, FnSig, Globals};
use super::program::{Expr, Program, Rule, Slot};
use super::schema_build::resolve_type;
use super::scope::{LocalKind, Scope};
use super::types::{Type, Typed};
use crate::diag::has_errors;
use crate::source::Span;
use crate::syntax::ast::{self, File, Item};

/// Type-checks sub-expressions of one rule in a scope holding its parameters and
/// bindings.
pub struct RuleRechecker {
    globals: Globals,
    scope: Scope,
    used_fns: Vec<bool>,
}

impl RuleRechecker {
    /// A scope for `rule` of `program`, whose helpers and constants are declared in
    /// `files` (the same files, in the same order, that `program` was checked from).
    pub fn new(files: &[&File], program: &Program, rule: &Rule) -> RuleRechecker {
        let globals = declare_globals(files, program);
        let mut scope = Scope::new(true);
        let locals = rule
            .params
            .iter()
            .map(|p| (&p.name, &p.ty, LocalKind::Param))
            .chain(
                rule.bindings
                    .iter()
                    .map(|b| (&b.name, &b.ty, LocalKind::Binding)),
            );
        for (name, ty, kind) in locals {
            scope.push(name, Typed::known(ty.clone()), kind, Span::default());
        }
        RuleRechecker {
            used_fns: vec![false; globals.fns.len()],
            globals,
            scope,
        }
    }

    /// The slot of a parameter, binding or variable in this scope.
    pub fn slot(&mut self, name: &str) -> Option<Slot> {
        self.scope.lookup(name).map(|l| l.slot)
    }

    /// Check `e` into the IR with its type, or `None` when it does not check here.
    pub fn check(&mut self, e: &ast::Expr) -> Option<(Expr, Type)> {
        let mut diags = Vec::new();
        let (expr, ty) = ExprChecker {
            globals: &self.globals,
            scope: &mut self.scope,
            diags: &mut diags,
            used_fns: &mut self.used_fns,
        }
        .check(e, None);
        (!has_errors(&diags)).then_some((expr, ty.ty))
    }

    /// Bring a quantifier's variable into scope; returns its slot.
    pub fn push_var(&mut self, name: &ast::Name, ty: Type) -> Slot {
        self.scope
            .push(&name.text, Typed::known(ty), LocalKind::Variable, name.span)
    }

    /// Take the innermost variable out of scope again.
    pub fn pop_var(&mut self) {
        self.scope.pop();
    }

    /// The number of slots a frame needs for everything checked so far.
    pub fn slots(&self) -> u32 {
        self.scope.slots()
    }
}

/// Helpers and constants with the indexes the program gave them: in file order,
/// then declaration order, as `rules::check_items` numbers them.
fn declare_globals(files: &[&File], program: &Program) -> Globals {
    let mut globals = Globals {
        schema: program.schema.clone(),
        ..Globals::default()
    };
    let mut ignored = Vec::new();
    let mut fn_index = 0u32;
    let mut const_index = 0u32;
    for item in files.iter().flat_map(|f| f.items.iter()) {
        match item {
            Item::Fn(decl) => {
                let resolve = |t: &ast::TypeExpr, d: &mut Vec<_>| {
                    resolve_type(&program.schema, t, d).unwrap_or(Typed::known(Type::Any))
                };
                let sig = FnSig {
                    index: fn_index,
                    params: decl
                        .params
                        .iter()
                        .map(|(_, t)| resolve(t, &mut ignored))
                        .collect(),
                    ret: resolve(&decl.ret, &mut ignored),
                    span: decl.name.span,
                };
                fn_index += 1;
                globals.fns.insert(decl.name.text.clone(), sig);
            }
            Item::Const(decl) => {
                let ty = resolve_type(&program.schema, &decl.ty, &mut ignored)
                    .unwrap_or(Typed::known(Type::Any));
                let sig = ConstSig {
                    index: const_index,
                    ty,
                    span: decl.name.span,
                };
                const_index += 1;
                globals.consts.insert(decl.name.text.clone(), sig);
            }
            _ => {}
        }
    }
    globals
}
