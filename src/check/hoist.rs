//! Planning reuse: after checking, marks what evaluation need not compute twice.
//!
//! Evaluation is pure: a node's value depends only on the frame slots it reads,
//! the facts and `now`, which are fixed for one facts file. So
//! - a node that reads no slot changing while its rule runs (it reads only the
//!   rule's parameters, set once before the bindings, or no slot at all) has one
//!   value per evaluation: the largest such nodes are marked [`Reuse::Once`]
//!   (`now - window`, `ad_connector_names()`, `sync_events(7d)`), unless they are
//!   as cheap to read as to fetch (literals, locals, facts, constants and their
//!   fields);
//! - a helper call gets the same result for the same arguments: calls of helpers
//!   that loop over lists (directly or through the helpers they call) are marked
//!   [`Reuse::ByArguments`] (`connector_of(o)`, `domain_of(o)`), except inside a
//!   quantifier or lambda, where the arguments are mostly each a new item and
//!   keeping every result would cost more memory than it saves time; and only
//!   for helpers called from two such places or more in what is evaluated for
//!   nearly every binding (not in messages, rendered only where a rule fires):
//!   a helper called from one place gets its arguments from one binding, which
//!   is not bound twice to the same value.
//!
//! A helper's parameters change from call to call, so inside a helper only nodes
//! reading no slot at all are computed once. Constants and parameters are
//! evaluated once anyway and are left alone. The evaluator (`eval::reuse`) keeps
//! the values; this pass only decides.

use super::program::{Expr, ExprKind, FnIdx, Function, HoistIdx, Program, Reuse, Rule, Slot};

/// Mark the nodes of `program` whose values evaluation may reuse, and count the
/// values computed once.
pub fn plan_reuse(program: &mut Program) {
    let looping = looping_functions(&program.functions);
    let sites = hot_sites(program);
    let mut planner = Planner {
        memoized: looping
            .iter()
            .zip(&sites)
            .map(|(l, n)| *l && *n >= 2)
            .collect(),
        hoisted: 0,
    };
    for f in &mut program.functions {
        planner.root(&mut f.body, &[]);
    }
    for rule in &mut program.rules {
        planner.rule(rule);
    }
    program.hoisted = planner.hoisted;
}

struct Planner {
    /// Per helper: its calls outside loops are kept by their arguments.
    memoized: Vec<bool>,
    hoisted: u32,
}

impl Planner {
    fn rule(&mut self, rule: &mut Rule) {
        let fixed: Vec<Slot> = rule.params.iter().map(|p| p.slot).collect();
        for e in rule.expressions_mut() {
            self.root(e, &fixed);
        }
    }

    /// Plan a whole expression, where the slots in `fixed` do not change.
    fn root(&mut self, e: &mut Expr, fixed: &[Slot]) {
        if self.visit(e, fixed, false).is_empty() {
            self.hoist(e);
        }
    }

    /// Plan the nodes under `e` and return the slots `e` reads that change while
    /// it may be evaluated again: none when its value is the same each time.
    /// `in_loop`: `e` is evaluated once per item of a quantifier or lambda.
    fn visit(&mut self, e: &mut Expr, fixed: &[Slot], in_loop: bool) -> Vec<Slot> {
        let (bound, memoized) = match &e.kind {
            ExprKind::Quant { slot, .. } | ExprKind::Lambda { slot, .. } => (Some(*slot), false),
            ExprKind::Call(f, _) => (None, !in_loop && self.is_memoized(*f)),
            _ => (None, false),
        };
        let mut reads = match &e.kind {
            ExprKind::Local(slot) if !fixed.contains(slot) => vec![*slot],
            _ => Vec::new(),
        };
        let mut children = e.children_mut();
        // The body of a quantifier or lambda, after its source, runs per item.
        let body = children.len().saturating_sub(1);
        let mut invariant = Vec::new();
        for (i, child) in children.iter_mut().enumerate() {
            let per_item = in_loop || (bound.is_some() && i == body);
            let child_reads = self.visit(child, fixed, per_item);
            invariant.push(child_reads.is_empty());
            reads.extend(child_reads.into_iter().filter(|s| Some(*s) != bound));
        }
        if !reads.is_empty() {
            // `e` changes: its unchanging children are the largest nodes to keep.
            for (child, invariant) in children.into_iter().zip(invariant) {
                if invariant {
                    self.hoist(child);
                }
            }
        }
        if memoized {
            e.reuse = Reuse::ByArguments;
        }
        reads.sort_unstable_by_key(|s| s.0);
        reads.dedup();
        reads
    }

    /// Mark an unchanging node to be computed once, if that saves work.
    fn hoist(&mut self, e: &mut Expr) {
        if is_cheap(e) {
            return;
        }
        e.reuse = Reuse::Once(HoistIdx(self.hoisted));
        self.hoisted = self.hoisted.saturating_add(1);
    }

    fn is_memoized(&self, f: FnIdx) -> bool {
        self.memoized.get(f.0).copied().unwrap_or(false)
    }
}

/// Per helper, the places that call it outside loops in what is evaluated for
/// nearly every binding: rules' bindings, `needs`, filters, conditions, evidence
/// and cross-checks, and the bodies of the helpers called from there. Messages
/// and remediations, rendered only where a rule fires, count for nothing.
fn hot_sites(program: &Program) -> Vec<usize> {
    let mut sites = vec![0_usize; program.functions.len()];
    let mut reached = vec![false; program.functions.len()];
    let mut todo: Vec<&Expr> = program.rules.iter().flat_map(hot_expressions).collect();
    while let Some(e) = todo.pop() {
        count_sites(e, false, &mut sites);
        let mut called = Vec::new();
        e.walk(&mut |n| {
            if let ExprKind::Call(f, _) = n.kind {
                called.push(f.0);
            }
        });
        for f in called {
            if let (Some(seen @ false), Some(helper)) =
                (reached.get_mut(f), program.functions.get(f))
            {
                *seen = true;
                todo.push(&helper.body);
            }
        }
    }
    sites
}

/// What a rule evaluates for nearly every binding: all but its message and
/// remediation.
fn hot_expressions(rule: &Rule) -> Vec<&Expr> {
    let mut out: Vec<&Expr> = rule.bindings.iter().map(|b| &b.source).collect();
    let ats = rule.needs.iter().filter_map(|n| n.at.as_ref());
    out.extend(ats.map(|(at, _)| at));
    out.extend(rule.filter.iter());
    out.push(&rule.when);
    let templates = rule.evidence.iter().chain(&rule.crosscheck);
    out.extend(templates.flat_map(|t| t.values()));
    out
}

/// Count, per helper, the places that call it outside a quantifier or lambda.
fn count_sites(e: &Expr, in_loop: bool, sites: &mut [usize]) {
    if let (ExprKind::Call(f, _), false) = (&e.kind, in_loop) {
        if let Some(n) = sites.get_mut(f.0) {
            *n = n.saturating_add(1);
        }
    }
    let binds = matches!(e.kind, ExprKind::Quant { .. } | ExprKind::Lambda { .. });
    let children = e.children();
    let body = children.len().saturating_sub(1);
    for (i, child) in children.into_iter().enumerate() {
        count_sites(child, in_loop || (binds && i == body), sites);
    }
}

/// A node that is read rather than computed: fetching a kept value would cost
/// as much.
fn is_cheap(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Lit(_)
        | ExprKind::Now
        | ExprKind::Root(_)
        | ExprKind::Local(_)
        | ExprKind::Const(_) => true,
        ExprKind::Field { base, .. } => is_cheap(base),
        _ => false,
    }
}

/// Per helper: whether its work can grow with the facts, because it loops over
/// a list (a quantifier or lambda) or calls a helper that does.
fn looping_functions(functions: &[Function]) -> Vec<bool> {
    let mut looping: Vec<bool> = functions.iter().map(|f| loops(&f.body)).collect();
    // Helpers are not recursive: marks spread along calls in at most one pass
    // per helper.
    let mut changed = true;
    while changed {
        changed = false;
        for (i, f) in functions.iter().enumerate() {
            if looping.get(i) == Some(&false) && calls_any(&f.body, &looping) {
                if let Some(mark) = looping.get_mut(i) {
                    *mark = true;
                    changed = true;
                }
            }
        }
    }
    looping
}

fn loops(e: &Expr) -> bool {
    e.any(&|n| matches!(n.kind, ExprKind::Quant { .. } | ExprKind::Lambda { .. }))
}

fn calls_any(e: &Expr, marked: &[bool]) -> bool {
    e.any(&|n| matches!(n.kind, ExprKind::Call(f, _) if marked.get(f.0) == Some(&true)))
}

#[cfg(test)]
mod tests {
    use crate::check::builtin_and as program;
    use crate::check::program::{Expr, ExprKind, Program, Reuse};

    /// The `when` of rule `id`.
    fn when<'p>(program: &'p Program, id: &str) -> &'p Expr {
        let rule = program.rules.iter().find(|r| r.id == id);
        &rule.unwrap_or_else(|| panic!("no rule {id}")).when
    }

    /// The nodes of `e` marked to be computed once, by kind.
    fn once(e: &Expr) -> Vec<String> {
        let mut out = Vec::new();
        e.walk(&mut |n| {
            if let Reuse::Once(_) = n.reuse {
                let kind = format!("{:?}", n.kind);
                out.push(kind.split([' ', '(']).next().unwrap_or("").to_string());
            }
        });
        out
    }

    #[test]
    fn a_window_before_now_is_computed_once_inside_a_loop_over_bindings() {
        let p = program(
            "rule T1 \"t\" {\n  severity info\n  param window: duration = 3h\n  for c in connectors\n  \
             when any e in events where e.time >= now - window and e.message contains c.id\n  message \"m\"\n}\n",
        );
        // `now - window` only: the rest reads `e` or `c`.
        assert_eq!(once(when(&p, "T1")), ["Arith"]);
    }

    #[test]
    fn a_helper_without_parameters_is_computed_once_wherever_it_is_called() {
        let p = program(
            "rule T1 \"t\" {\n  severity info\n  for o in objects\n  \
             when o.connector in ad_connector_names()\n  message \"m\"\n}\n",
        );
        assert_eq!(once(when(&p, "T1")), ["Call"]);
    }

    #[test]
    fn looping_helpers_called_from_two_places_are_kept_by_their_arguments() {
        let p = program(
            "rule T1 \"t\" {\n  severity info\n  for o in objects\n  \
             when known(connector_of(o)) and any d in connectors where connector_of(o).name == d.name\n  message \"m\"\n}\n",
        );
        let mut calls = Vec::new();
        when(&p, "T1").walk(&mut |n| {
            if let ExprKind::Call(..) = n.kind {
                calls.push(n.reuse);
            }
        });
        // `connector_of` is called from several rules of the pack; here once
        // outside the loop (kept) and once inside it (computed).
        assert_eq!(calls, [Reuse::ByArguments, Reuse::Never]);
    }

    #[test]
    fn nothing_reading_a_binding_is_computed_once() {
        let p = program(
            "rule T1 \"t\" {\n  severity info\n  for o in objects\n  \
             when o.dn.lower() contains o.connector.lower()\n  message \"m\"\n}\n",
        );
        assert!(once(when(&p, "T1")).is_empty());
    }
}
