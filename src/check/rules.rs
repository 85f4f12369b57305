//! Helpers, constants and rules: resolving and type-checking them, applying org
//! overrides, resolving `needs` and ordering rules so each runs after what it needs.

use super::expr::{ConstSig, ExprChecker, FnSig, Globals};
use super::lint;
use super::packs::Packs;
use super::problems;
use super::program::{
    self, Binding, Change, ChangeKind, ConstIdx, Disabled, Expr, ExprKind, FnIdx, Function, Need,
    Param, Program, Retired, Rule, RuleIdx,
};
use super::schema::Schema;
use super::schema_build::resolve_type;
use super::scope::{LocalKind, Scope};
use super::severity::Severity;
use super::types::{Type, Typed};
use crate::diag::Diagnostic;
use crate::limits;
use crate::source::Span;
use crate::syntax::ast::{self, File, Item};
use std::collections::HashMap;

/// An item with the index of the pack it belongs to.
struct Owned<'a, T> {
    pack: usize,
    item: &'a T,
}

pub fn check_items(
    files: &[&File],
    schema: Schema,
    packs: Packs,
    diags: &mut Vec<Diagnostic>,
) -> Program {
    let mut fns = Vec::new();
    let mut consts = Vec::new();
    let mut rules = Vec::new();
    let mut overrides = Vec::new();
    let mut disables = Vec::new();
    let mut retired = Vec::new();
    for (i, file) in files.iter().enumerate() {
        let Some((pack, by)) = packs
            .of_file
            .get(i)
            .and_then(|&p| Some((p, packs.label(p)?)))
        else {
            diags.push(problems::internal("a file belongs to no pack", None));
            continue;
        };
        for item in &file.items {
            match item {
                Item::Fn(f) => fns.push(Owned { pack, item: f }),
                Item::Const(c) => consts.push(Owned { pack, item: c }),
                Item::Rule(r) => rules.push(Owned { pack, item: r }),
                Item::Override(o) => overrides.push(Owned { pack, item: o }),
                Item::Disable(d) => disables.push(Owned { pack, item: d }),
                Item::Retire(r) => retired.push((
                    Retired {
                        id: r.rule.text.clone(),
                        by: by.clone(),
                        reason: r.reason.as_plain().unwrap_or_default(),
                    },
                    r.rule.span,
                )),
                Item::Record(_) | Item::Enum(_) | Item::Format(_) => {}
            }
        }
    }
    if rules.len() > limits::MAX_RULES {
        diags.push(problems::too_many_rules(rules.len()));
        return Program::default();
    }
    let mut cx = ItemChecker {
        globals: Globals {
            schema,
            ..Globals::default()
        },
        used_fns: vec![false; fns.len()],
        diags,
    };
    cx.declare_fns(&fns);
    let consts = cx.check_consts(&consts);
    let functions = cx.check_fn_bodies(&fns);
    check_recursion(&functions, &fns, cx.diags);
    let mut checked = cx.check_rules(&rules);
    let retired = check_retired(retired, &checked, cx.diags);
    cx.apply_overrides(
        &packs,
        &rules,
        &mut checked,
        &overrides,
        &disables,
        &retired,
    );
    warn_unused_fns(&fns, &cx.used_fns, cx.diags);
    let rules = order_rules(checked, &retired, cx.diags);
    Program {
        schema: cx.globals.schema,
        packs: packs.infos,
        rules,
        functions,
        consts,
        retired,
        hoisted: 0,
    }
}

/// A retired id must not name a rule again.
fn check_retired(
    retired: Vec<(Retired, Span)>,
    drafts: &[Draft],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Retired> {
    for (r, span) in &retired {
        if let Some(d) = drafts.iter().find(|d| d.rule.id == r.id) {
            diags.push(problems::retired_id(r, d.rule.span, *span));
        }
    }
    retired.into_iter().map(|(r, _)| r).collect()
}

/// The error for a clause that names a retired rule.
fn retired_rule(retired: &[Retired], id: &str, span: Span) -> Option<Diagnostic> {
    let r = retired.iter().find(|r| r.id == id)?;
    Some(problems::retired_rule(r, span))
}

/// The type `ty` names; one that does not resolve has been reported, and is `any`
/// so that checking goes on.
fn resolve_or_any(schema: &Schema, ty: &ast::TypeExpr, diags: &mut Vec<Diagnostic>) -> Typed {
    resolve_type(schema, ty, diags).unwrap_or(Typed::known(Type::Any))
}

/// Checks helpers, constants, rules and overrides against the names declared so
/// far, collecting diagnostics.
struct ItemChecker<'d> {
    globals: Globals,
    /// Helpers called, by index (for the unused-helper warning).
    used_fns: Vec<bool>,
    diags: &'d mut Vec<Diagnostic>,
}

/// A rule as checked, before ordering: `needs` still name rules by id.
struct Draft {
    rule: Rule,
    needs: Vec<DraftNeed>,
}

/// A `needs` entry whose `at` expression is checked but whose rule is not resolved.
struct DraftNeed {
    rule: ast::Name,
    negated: bool,
    at: Option<(Expr, String)>,
}

impl ItemChecker<'_> {
    /// A checker of the expressions written in `scope`.
    fn exprs<'s>(&'s mut self, scope: &'s mut Scope) -> ExprChecker<'s> {
        ExprChecker {
            globals: &self.globals,
            scope,
            diags: self.diags,
            used_fns: &mut self.used_fns,
        }
    }

    /// Check a value written where no local is in scope (a constant, an override of
    /// a parameter) as `what`, which must be a `ty`.
    fn check_value(&mut self, value: &ast::Expr, ty: &Type, what: &str) -> Expr {
        self.exprs(&mut Scope::new(false)).expect(value, ty, what).0
    }

    fn declare_fns(&mut self, fns: &[Owned<ast::FnDecl>]) {
        for (i, decl) in fns.iter().map(|f| f.item).enumerate() {
            if let Some(first) = self.globals.fns.get(&decl.name.text) {
                self.diags
                    .push(problems::duplicate_fn(&decl.name, first.span));
                continue;
            }
            let schema = &self.globals.schema;
            let params: Vec<Typed> = decl
                .params
                .iter()
                .map(|(_, t)| resolve_or_any(schema, t, self.diags))
                .collect();
            let sig = FnSig {
                index: FnIdx(i),
                params,
                ret: resolve_or_any(schema, &decl.ret, self.diags),
                span: decl.name.span,
            };
            self.globals.fns.insert(decl.name.text.clone(), sig);
        }
    }

    fn check_consts(&mut self, consts: &[Owned<ast::ConstDecl>]) -> Vec<Expr> {
        let mut exprs = Vec::new();
        for decl in consts.iter().map(|c| c.item) {
            let ty = resolve_or_any(&self.globals.schema, &decl.ty, self.diags);
            let what = format!("the value of `{}`", decl.name.text);
            let expr = self.check_value(&decl.value, &ty.ty, &what);
            if let Some(first) = self.globals.consts.get(&decl.name.text) {
                self.diags
                    .push(problems::duplicate_const(&decl.name, first.span));
                continue;
            }
            let sig = ConstSig {
                index: ConstIdx(exprs.len()),
                ty,
                span: decl.name.span,
            };
            exprs.push(expr);
            self.globals.consts.insert(decl.name.text.clone(), sig);
        }
        exprs
    }

    fn check_fn_bodies(&mut self, fns: &[Owned<ast::FnDecl>]) -> Vec<Function> {
        let mut out = Vec::new();
        for decl in fns.iter().map(|f| f.item) {
            let Some(sig) = self.globals.fns.get(&decl.name.text) else {
                let what = "a helper was checked before it was declared";
                self.diags
                    .push(problems::internal(what, Some(decl.name.span)));
                continue;
            };
            let mut scope = Scope::new(true);
            let mut params = Vec::new();
            for ((name, _), ty) in decl.params.iter().zip(&sig.params) {
                params.push(scope.push(&name.text, ty.clone(), LocalKind::Param, name.span));
            }
            let ret = sig.ret.ty.clone();
            let mut checker = self.exprs(&mut scope);
            let what = format!("the result of `{}`", decl.name.text);
            let (body, _) = checker.expect(&decl.body, &ret, &what);
            checker.warn_unused_locals(LocalKind::Param);
            out.push(Function {
                name: decl.name.text.clone(),
                params,
                slots: scope.slots(),
                body,
            });
        }
        out
    }

    fn check_rules(&mut self, rules: &[Owned<ast::RuleDecl>]) -> Vec<Draft> {
        let mut seen: HashMap<&str, Span> = HashMap::new();
        let mut out = Vec::new();
        for r in rules {
            let decl = r.item;
            if let Some(first) = seen.get(decl.id.text.as_str()) {
                self.diags.push(problems::duplicate_rule(&decl.id, *first));
                continue;
            }
            seen.insert(&decl.id.text, decl.id.span);
            out.push(self.check_rule(r.pack, decl));
        }
        out
    }

    fn check_rule(&mut self, pack: usize, decl: &ast::RuleDecl) -> Draft {
        let errors_before = self.diags.len();
        let mut scope = Scope::new(false);
        let mut c = self.exprs(&mut scope);
        let params = decl.params.iter().map(|p| check_param(&mut c, p)).collect();
        c.scope.facts_allowed = true;
        let bindings: Vec<Binding> = decl
            .bindings
            .iter()
            .map(|b| check_binding(&mut c, b))
            .collect();
        let filter = decl
            .filter
            .as_ref()
            .map(|f| c.expect(f, &Type::Bool, "the `where` condition").0);
        let when = match &decl.when {
            Some(w) => c.expect(w, &Type::Bool, "the `when` condition").0,
            None => {
                c.diags.push(problems::missing_clause(
                    &decl.id,
                    "when",
                    "when c.password_sync == false",
                ));
                let never = ExprKind::Lit(crate::value::Value::Bool(false));
                Expr::new(never, decl.id.span, Type::Bool)
            }
        };
        let message = match &decl.message {
            Some(m) => c.template(m),
            None => {
                c.diags.push(problems::missing_clause(
                    &decl.id,
                    "message",
                    "message \"...\"",
                ));
                program::Template::default()
            }
        };
        let remediation = decl.remediation.as_ref().map(|r| c.template(r));
        let evidence = decl.evidence.as_ref().map(|r| c.template(r));
        let crosscheck = decl.crosscheck.as_ref().map(|r| c.template(r));
        let needs = decl.needs.iter().map(|n| check_need(&mut c, n)).collect();
        let severity = match decl.severity {
            Some((s, _)) => Severity::from(s),
            None => {
                c.diags.push(problems::missing_clause(
                    &decl.id,
                    "severity",
                    "severity error",
                ));
                Severity::Error
            }
        };
        c.warn_unused_locals(LocalKind::Binding);
        let binding_slots: Vec<program::Slot> = bindings.iter().map(|b| b.slot).collect();
        if !c.diags.iter().skip(errors_before).any(Diagnostic::is_error) {
            lint::check_condition(decl, &when, filter.as_ref(), &binding_slots, c.diags);
        }
        let rule = Rule {
            id: decl.id.text.clone(),
            title: decl.title.as_plain().unwrap_or_default(),
            doc: decl.doc.join("\n"),
            severity,
            tags: decl.tags.iter().map(|t| t.text.clone()).collect(),
            see: decl.see.iter().filter_map(ast::StrLit::as_plain).collect(),
            pack,
            needs: Vec::new(),
            params,
            bindings,
            filter,
            when,
            message,
            remediation,
            evidence,
            crosscheck,
            slots: scope.slots(),
            changes: Vec::new(),
            disabled: None,
            span: decl.id.span,
        };
        Draft { rule, needs }
    }

    fn apply_overrides(
        &mut self,
        packs: &Packs,
        decls: &[Owned<ast::RuleDecl>],
        drafts: &mut [Draft],
        overrides: &[Owned<ast::OverrideDecl>],
        disables: &[Owned<ast::RuleWithReason>],
        retired: &[Retired],
    ) {
        let mut claimed: HashMap<&str, Span> = HashMap::new();
        let overridden = overrides
            .iter()
            .map(|o| (&o.item.rule.text, o.item.span, o.pack));
        let disabled = disables
            .iter()
            .map(|d| (&d.item.rule.text, d.item.span, d.pack));
        for (id, span, pack) in overridden.chain(disabled) {
            if let Some(d) = retired_rule(retired, id, span) {
                self.diags.push(d);
                continue;
            }
            if !may_change(drafts, decls, packs, (id, span, pack), self.diags) {
                continue;
            }
            if let Some(first) = claimed.get(id.as_str()) {
                self.diags
                    .push(problems::override_conflict(id, span, *first));
                continue;
            }
            claimed.insert(id, span);
        }
        for o in overrides {
            let target = (o.item.rule.text.as_str(), o.pack, o.item.span);
            if let Some((draft, by)) = self.change_target(packs, drafts, target, "an override") {
                self.apply_override(&by, o.item, &mut draft.rule);
            }
        }
        for d in disables {
            let target = (d.item.rule.text.as_str(), d.pack, d.item.span);
            if let Some((draft, by)) = self.change_target(packs, drafts, target, "a disable") {
                draft.rule.disabled = Some(Disabled {
                    by,
                    reason: d.item.reason.as_plain().unwrap_or_default(),
                });
            }
        }
    }

    /// The rule an override or a disable (`what`) of `pack` changes, and the
    /// pack's label to record as the changer. A rule that is not there was
    /// reported above (retired, or not one the pack may change).
    fn change_target<'d>(
        &mut self,
        packs: &Packs,
        drafts: &'d mut [Draft],
        (id, pack, span): (&str, usize, Span),
        what: &str,
    ) -> Option<(&'d mut Draft, String)> {
        let draft = drafts.iter_mut().find(|d| d.rule.id == id)?;
        let Some(by) = packs.label(pack) else {
            let what = format!("{what} belongs to no pack");
            self.diags.push(problems::internal(&what, Some(span)));
            return None;
        };
        Some((draft, by))
    }

    fn apply_override(&mut self, by: &str, o: &ast::OverrideDecl, rule: &mut Rule) {
        let mut changes = Vec::new();
        if let Some((severity, _)) = o.severity {
            let to = Severity::from(severity);
            changes.push(ChangeKind::Severity {
                from: rule.severity,
                to,
            });
            rule.severity = to;
        }
        if let Some(tags) = &o.tags {
            rule.tags = tags.iter().map(|t| t.text.clone()).collect();
            changes.push(ChangeKind::Tags(rule.tags.clone()));
        }
        for (name, value) in &o.params {
            let Some(param) = rule.params.iter_mut().find(|p| p.name == name.text) else {
                let names: Vec<&str> = rule.params.iter().map(|p| p.name.as_str()).collect();
                self.diags
                    .push(problems::unknown_param(&rule.id, name, &names));
                continue;
            };
            let what = format!("the value of parameter `{}`", name.text);
            param.value = self.check_value(value, &param.ty, &what);
            changes.push(ChangeKind::Param {
                name: name.text.clone(),
                value: describe_value(value),
            });
        }
        let by = by.to_string();
        let changes = changes.into_iter().map(|what| Change {
            by: by.clone(),
            what,
        });
        rule.changes.extend(changes);
    }
}

/// Check a rule parameter's value and give the parameter its slot.
fn check_param(c: &mut ExprChecker, p: &ast::ParamDecl) -> Param {
    let ty = resolve_or_any(&c.globals.schema, &p.ty, c.diags);
    let what = format!("the value of parameter `{}`", p.name.text);
    let (value, _) = c.expect(&p.value, &ty.ty, &what);
    let slot = c
        .scope
        .push(&p.name.text, ty.clone(), LocalKind::Param, p.name.span);
    Param {
        name: p.name.text.clone(),
        slot,
        ty: ty.ty,
        value,
    }
}

/// Check what a `for` binding ranges over, a list, and give its name a slot.
fn check_binding(c: &mut ExprChecker, b: &ast::Binding) -> Binding {
    let (source, st) = c.check(&b.source, None);
    let elem = match st.ty {
        Type::List(t) => *t,
        Type::Any => Type::Any,
        other => {
            let shown = other.display(&c.globals.schema);
            c.diags
                .push(problems::binding_not_a_list(b.source.span, &shown));
            Type::Any
        }
    };
    let ty = Typed::known(elem.clone());
    let slot = c
        .scope
        .push(&b.name.text, ty, LocalKind::Binding, b.name.span);
    Binding {
        name: b.name.text.clone(),
        slot,
        ty: elem,
        source,
    }
}

/// Check the `at` expression of a `needs` entry: it must name a record of the facts.
fn check_need(c: &mut ExprChecker, need: &ast::Need) -> DraftNeed {
    let at = need.at.as_ref().map(|at| {
        let text = crate::syntax::print::print_expr(at);
        let (e, t) = c.check(at, None);
        if !matches!(t.ty, Type::Record(_) | Type::Any) {
            let shown = c.show(&t);
            c.diags.push(problems::need_at(at.span, &shown));
        }
        (e, text)
    });
    DraftNeed {
        rule: need.rule.clone(),
        negated: need.negated,
        at,
    }
}

/// Whether pack `pack` may change rule `id` (an `override` or `disable` at `span`):
/// the rule is loaded and comes from a pack that `pack` extends. Reported if not.
fn may_change(
    drafts: &[Draft],
    decls: &[Owned<ast::RuleDecl>],
    packs: &Packs,
    (id, span, pack): (&str, Span, usize),
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let Some(owner) = drafts.iter().find(|d| d.rule.id == id).map(|d| d.rule.pack) else {
        let ids = drafts.iter().map(|d| d.rule.id.as_str());
        diags.push(problems::override_missing(id, span, ids));
        return false;
    };
    if owner != pack && packs.extends(pack, owner) {
        return true;
    }
    let Some(owner_name) = packs.infos.get(owner).map(|p| p.name.as_str()) else {
        diags.push(problems::internal("a rule belongs to no pack", Some(span)));
        return false;
    };
    let rule = decls.iter().find(|d| d.item.id.text == id);
    let rule_span = rule.map(|d| d.item.id.span);
    let own_pack = owner == pack;
    diags.push(problems::override_owner(
        id, owner_name, span, own_pack, rule_span,
    ));
    false
}

/// Reject helpers that call themselves, directly or through others.
fn check_recursion(
    functions: &[Function],
    decls: &[Owned<ast::FnDecl>],
    diags: &mut Vec<Diagnostic>,
) {
    let calls: Vec<Vec<FnIdx>> = functions
        .iter()
        .map(|f| {
            let mut out = Vec::new();
            f.body.walk(&mut |e| {
                if let ExprKind::Call(i, _) = e.kind {
                    out.push(i);
                }
            });
            out
        })
        .collect();
    // 0 = unvisited, 1 = on the stack, 2 = done.
    let mut state = vec![0u8; functions.len()];
    for start in 0..functions.len() {
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        while let Some((node, next)) = stack.pop() {
            if next == 0 {
                if state.get(node) == Some(&2) {
                    continue;
                }
                if let Some(s) = state.get_mut(node) {
                    *s = 1;
                }
            }
            let callee = calls.get(node).and_then(|c| c.get(next)).map(|c| c.0);
            let Some(callee) = callee else {
                if let Some(s) = state.get_mut(node) {
                    *s = 2;
                }
                continue;
            };
            stack.push((node, next + 1));
            match state.get(callee) {
                Some(1) => {
                    let cycle = stack
                        .iter()
                        .skip_while(|(n, _)| *n != callee)
                        .filter_map(|(n, _)| functions.get(*n).map(|f| f.name.as_str()));
                    diags.push(match decls.get(callee) {
                        Some(decl) => problems::recursion(cycle, &decl.item.name),
                        None => problems::internal("a helper call names no helper", None),
                    });
                    return;
                }
                Some(0) => stack.push((callee, 0)),
                _ => {}
            }
        }
    }
}

fn warn_unused_fns(fns: &[Owned<ast::FnDecl>], used: &[bool], diags: &mut Vec<Diagnostic>) {
    for (f, used) in fns.iter().zip(used) {
        if !used && !f.item.name.text.starts_with('_') {
            diags.push(problems::unused_fn(&f.item.name));
        }
    }
}

/// Resolve `needs` and order rules so that each comes after what it needs, keeping
/// the declaration order otherwise. Cycles are errors.
fn order_rules(drafts: Vec<Draft>, retired: &[Retired], diags: &mut Vec<Diagnostic>) -> Vec<Rule> {
    let index: HashMap<String, usize> = drafts
        .iter()
        .enumerate()
        .map(|(i, d)| (d.rule.id.clone(), i))
        .collect();
    // Per rule, per `needs` entry: the index of the rule it names, if it names one.
    let edges: Vec<Vec<Option<usize>>> = drafts
        .iter()
        .map(|d| {
            d.needs
                .iter()
                .map(|n| need_target(&n.rule, &index, retired, diags))
                .collect()
        })
        .collect();
    let order = topological(&edges);
    if order.len() < drafts.len() {
        let stuck: Vec<&str> = (0..drafts.len())
            .filter(|i| !order.contains(i))
            .filter_map(|i| drafts.get(i).map(|d| d.rule.id.as_str()))
            .collect();
        let span = drafts
            .iter()
            .find(|d| !d.needs.is_empty() && stuck.contains(&d.rule.id.as_str()))
            .and_then(|d| d.needs.first())
            .map(|n| n.rule.span);
        diags.push(problems::needs_cycle(&stuck, span));
        return Vec::new();
    }
    let mut position = vec![0usize; drafts.len()];
    for (pos, &i) in order.iter().enumerate() {
        if let Some(p) = position.get_mut(i) {
            *p = pos;
        }
    }
    let mut slots: Vec<Option<Draft>> = drafts.into_iter().map(Some).collect();
    let mut rules = Vec::with_capacity(order.len());
    for &i in &order {
        let (Some(mut draft), Some(edges)) =
            (slots.get_mut(i).and_then(Option::take), edges.get(i))
        else {
            diags.push(problems::internal(
                "a rule was lost while ordering the rules",
                None,
            ));
            return Vec::new();
        };
        for (need, target) in std::mem::take(&mut draft.needs).into_iter().zip(edges) {
            // An entry that names no rule was reported above.
            let Some(j) = *target else { continue };
            let Some(&rule) = position.get(j) else {
                let what = "a `needs` entry was lost while ordering the rules";
                diags.push(problems::internal(what, Some(draft.rule.span)));
                return Vec::new();
            };
            draft.rule.needs.push(Need {
                rule: RuleIdx(rule),
                negated: need.negated,
                at: need.at,
            });
        }
        rules.push(draft.rule);
    }
    rules
}

/// The index of the rule a `needs` entry names; an entry that names no loaded rule
/// is reported.
fn need_target(
    rule: &ast::Name,
    index: &HashMap<String, usize>,
    retired: &[Retired],
    diags: &mut Vec<Diagnostic>,
) -> Option<usize> {
    let target = index.get(&rule.text).copied();
    if target.is_none() {
        let unknown = || problems::unknown_rule(rule, index.keys().map(String::as_str));
        diags.push(retired_rule(retired, &rule.text, rule.span).unwrap_or_else(unknown));
    }
    target
}

/// Kahn's algorithm, always taking the earliest-declared ready rule.
fn topological(edges: &[Vec<Option<usize>>]) -> Vec<usize> {
    let n = edges.len();
    let mut remaining: Vec<usize> = edges.iter().map(|e| e.iter().flatten().count()).collect();
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, e) in edges.iter().enumerate() {
        for &j in e.iter().flatten() {
            if let Some(d) = dependents.get_mut(j) {
                d.push(i);
            }
        }
    }
    let mut ready: std::collections::BTreeSet<usize> =
        (0..n).filter(|&i| remaining.get(i) == Some(&0)).collect();
    let mut order = Vec::with_capacity(n);
    while let Some(i) = ready.pop_first() {
        order.push(i);
        for &d in dependents.get(i).map(Vec::as_slice).unwrap_or(&[]) {
            if let Some(r) = remaining.get_mut(d) {
                *r = r.saturating_sub(1);
                if *r == 0 {
                    ready.insert(d);
                }
            }
        }
    }
    order
}

/// A parameter's new value as written, for the report's list of changes.
fn describe_value(e: &ast::Expr) -> String {
    match &e.kind {
        ast::ExprKind::Bool(b) => b.to_string(),
        ast::ExprKind::Int(n) => n.to_string(),
        ast::ExprKind::Duration(s) => crate::value::format_duration(*s),
        ast::ExprKind::Version(v) => crate::value::format_version(v),
        ast::ExprKind::Str(s) => s
            .as_plain()
            .map_or_else(|| "a text".to_string(), |t| format!("\"{t}\"")),
        _ => "an expression".to_string(),
    }
}

#[cfg(test)]
mod tests {
    /// The changes an org pack made to rule `id`, as reports show them.
    fn changes(org: &str, id: &str) -> Vec<String> {
        let program = crate::check::builtin_and(org);
        let rule = program.rules.iter().find(|r| r.id == id);
        let rule = rule.unwrap_or_else(|| panic!("no rule {id}"));
        rule.changes
            .iter()
            .map(|c| format!("{} by {}", c.what, c.by))
            .collect()
    }

    #[test]
    fn an_override_lists_each_change_it_made_in_order() {
        let org = "pack contoso.policy version \"1.2.0\" extends phs.builtin \">=1.1\"\n\
                   override PHS011 {\n  severity warning\n  tags heartbeat, contoso\n  param window = 1h\n}\n";
        assert_eq!(
            changes(org, "PHS011"),
            [
                "severity error -> warning by contoso.policy@1.2.0",
                "tags heartbeat, contoso by contoso.policy@1.2.0",
                "param window = 1h by contoso.policy@1.2.0",
            ]
        );
    }
}
