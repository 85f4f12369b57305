//! `needs`: whether the rules a rule waits on let it run at the current binding.
//!
//! An earlier rule's firings are indexed by the fact each concerns
//! ([`FiredIndex`]), so a binding looks only at the firings near its own facts,
//! never at every outcome. A large file decides `needs` millions of times, so
//! what one decision uses (the leaf facts of the bindings, the facts `at` names,
//! the candidate firings) lives in buffers reused from one binding to the next
//! ([`Scratch`]), and the index's keys share the firings' paths.

use super::{Bindings, Bound, Instance, Outcome, RuleRun};
use crate::check::program::{Expr, Need};
use crate::eval::budget::steps;
use crate::eval::EvalError;
use crate::value::{FactPath, Value};
use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

impl<'a> RuleRun<'a> {
    /// The rules this one waits on that did not let it run here.
    pub(super) fn unmet_needs(
        &mut self,
        b: &mut Bindings<'a, '_>,
    ) -> Result<Vec<String>, EvalError> {
        let rule = b.rule;
        let mut waited = Vec::new();
        if rule.needs.is_empty() {
            return Ok(waited);
        }
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.leaves.clear();
        scratch.leaves.extend(leaves(&b.bound).cloned());
        scratch.named.clear();
        for need in &rule.needs {
            let Some(fired) = self.fired_near(b, need, &mut scratch)? else {
                continue;
            };
            if fired == need.negated {
                if let Some(other) = b.ctx.program.rules.get(need.rule.0) {
                    waited.push(other.id.clone());
                }
            }
        }
        self.scratch = scratch;
        Ok(waited)
    }

    /// Whether the rule `need` names fired where it concerns this binding (or
    /// the fact its `at` names); none for a rule that was not evaluated.
    fn fired_near(
        &mut self,
        b: &mut Bindings<'a, '_>,
        need: &'a Need,
        scratch: &mut Scratch<'a>,
    ) -> Result<Option<bool>, EvalError> {
        let (done, fired) = (self.done, self.fired);
        let (Some(result), Some(index)) = (done.get(need.rule.0), fired.get(need.rule.0)) else {
            return Ok(None);
        };
        // `at`: the outcomes that concern that fact count, not those of ours.
        let ours: &[FactPath] = match &need.at {
            Some((at, text)) => {
                let known = scratch.named.iter().position(|(t, _)| *t == text.as_str());
                let k = match known {
                    Some(k) => k,
                    None => {
                        let fact = b.fact_named(at)?;
                        scratch.named.push((text, fact));
                        scratch.named.len() - 1
                    }
                };
                scratch
                    .named
                    .get(k)
                    .and_then(|(_, fact)| fact.as_ref())
                    .map_or(&[], std::slice::from_ref)
            }
            None => &scratch.leaves,
        };
        index.candidates(ours, &mut scratch.candidates);
        b.ctx.budget.spend(steps(scratch.candidates.len()))?;
        Ok(Some(
            index.any_unbound
                || scratch
                    .candidates
                    .iter()
                    .filter_map(|&i| result.instances.get(i))
                    .any(|i| relevant(&i.bindings, ours)),
        ))
    }
}

impl Bindings<'_, '_> {
    /// The fact an `at` expression names; none where it is unknown (an object
    /// naming no connector): no outcome concerns it.
    fn fact_named(&mut self, at: &Expr) -> Result<Option<FactPath>, EvalError> {
        Ok(match self.ctx.eval(at, &mut self.frame)? {
            Value::Record(r) => Some(self.ctx.record_path(&r)),
            _ => None,
        })
    }
}

/// What deciding `needs` at one binding uses, kept from one binding to the next.
#[derive(Debug, Default)]
pub(super) struct Scratch<'r> {
    /// The leaf facts of the current bindings.
    leaves: Vec<FactPath>,
    /// The facts `at` names, by their text: several needs name the same one
    /// (`connector_of(o)`), and evaluation is pure, so each is evaluated once
    /// per binding.
    named: Vec<(&'r str, Option<FactPath>)>,
    /// The firings near the facts a need looks at.
    candidates: Vec<usize>,
}

/// Where a rule fired, indexed by the deepest fact each firing was bound to, so
/// that `needs` looks only at firings near a binding, not at every outcome.
#[derive(Debug, Default)]
pub(super) struct FiredIndex {
    /// It fired somewhere without bindings: that concerns every binding.
    any_unbound: bool,
    /// Firings by their deepest bound fact.
    at: HashMap<FactPath, Vec<usize>>,
    /// Firings by each fact that contains their deepest bound fact.
    below: HashMap<Outer, Vec<usize>>,
}

impl FiredIndex {
    pub(super) fn new(instances: &[Instance]) -> FiredIndex {
        let mut index = FiredIndex::default();
        for (i, inst) in instances.iter().enumerate() {
            if inst.outcome != Outcome::Fired {
                continue;
            }
            match inst.bindings.iter().rev().find_map(|b| b.path.as_ref()) {
                None => index.any_unbound = true,
                Some(path) => {
                    for len in ancestor_ends(path) {
                        let outer = Outer {
                            path: Arc::clone(path),
                            len,
                        };
                        index.below.entry(outer).or_default().push(i);
                    }
                    index.at.entry(Arc::clone(path)).or_default().push(i);
                }
            }
        }
        index
    }

    /// Firings whose deepest fact is, contains or lies inside one of the leaf
    /// facts `ours`, into `out`.
    fn candidates(&self, ours: &[FactPath], out: &mut Vec<usize>) {
        out.clear();
        for path in ours {
            for outer in ancestors(path).chain(std::iter::once(&**path)) {
                out.extend(self.at.get(outer).into_iter().flatten());
            }
            out.extend(self.below.get(&**path).into_iter().flatten());
        }
        out.sort_unstable();
        out.dedup();
    }
}

/// A fact that contains a firing's fact, as the start of that fact's path: the
/// key shares the firing's path rather than copying its prefix.
#[derive(Debug)]
struct Outer {
    path: FactPath,
    /// Where the containing fact's path ends.
    len: usize,
}

impl Outer {
    fn as_str(&self) -> &str {
        self.path.get(..self.len).unwrap_or_default()
    }
}

impl PartialEq for Outer {
    fn eq(&self, other: &Outer) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Outer {}

/// Hashed as its text, so that a `&str` finds it (`Borrow<str>`).
impl Hash for Outer {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl Borrow<str> for Outer {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

/// Where the facts that contain a fact end: `connectors[0].domains[1]` → the
/// ends of `connectors`, `connectors[0]`, `connectors[0].domains`.
fn ancestor_ends(path: &str) -> impl Iterator<Item = usize> + '_ {
    path.char_indices()
        .filter(|(_, c)| matches!(c, '.' | '['))
        .map(|(i, _)| i)
}

/// The facts that contain a fact: `connectors[0].domains[1]` → `connectors`,
/// `connectors[0]`, `connectors[0].domains`.
fn ancestors(path: &str) -> impl Iterator<Item = &str> {
    ancestor_ends(path).filter_map(move |i| path.get(..i))
}

/// An outcome of another rule concerns this binding when each of its leaf facts is
/// the same as, inside, or around one of our leaf facts `ours` (a rule on
/// `connectors[0]` concerns `connectors[0].domains[1]`, but a rule on
/// `connectors[0].domains[0]` does not concern its sibling
/// `connectors[0].domains[1]`); a rule without bindings concerns everything.
fn relevant(theirs: &[Bound], ours: &[FactPath]) -> bool {
    leaves(theirs).all(|p| ours.iter().any(|q| nested(p, q) || nested(q, p)))
}

/// The bound facts that contain no other bound fact: for `c, d in c.domains` only
/// `d`'s; for two independent bindings both.
fn leaves(bound: &[Bound]) -> impl Iterator<Item = &FactPath> {
    let paths = move || bound.iter().filter_map(|b| b.path.as_ref());
    paths().filter(move |p| !paths().any(|q| q != *p && nested(q, p)))
}

/// `inner` is `outer` or a fact inside it.
fn nested(inner: &str, outer: &str) -> bool {
    inner == outer
        || (inner.starts_with(outer)
            && matches!(inner.as_bytes().get(outer.len()), Some(b'.' | b'[')))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(path: &str) -> Bound {
        Bound {
            var: Arc::new(crate::eval::Variable {
                name: "x".into(),
                kind: None,
            }),
            path: Some(Arc::from(path)),
            label: "".into(),
        }
    }

    /// The leaf facts of `bound`, as `needs` looks at them.
    fn ours(bound: &[Bound]) -> Vec<FactPath> {
        leaves(bound).cloned().collect()
    }

    #[test]
    fn ancestors_are_the_containing_facts() {
        let a: Vec<&str> = ancestors("connectors[0].domains[1]").collect();
        assert_eq!(a, ["connectors", "connectors[0]", "connectors[0].domains"]);
    }

    #[test]
    fn fired_index_finds_firings_around_and_inside_a_binding() {
        let fired = |path: &str| Instance {
            bindings: vec![b(path)],
            outcome: Outcome::Fired,
            message: None,
            remediation: None,
            evidence: None,
            crosscheck: None,
        };
        let index = FiredIndex::new(&[fired("connectors[0]"), fired("connectors[1].domains[0]")]);
        let candidates = |bound: &[Bound]| {
            let mut out = Vec::new();
            index.candidates(&ours(bound), &mut out);
            out
        };
        assert_eq!(candidates(&[b("connectors[0].domains[2]")]), vec![0]);
        assert_eq!(candidates(&[b("connectors[1]")]), vec![1]);
        assert!(candidates(&[b("connectors[10]")]).is_empty());
    }

    #[test]
    fn outcomes_concern_nested_facts_only() {
        let relevant = |theirs: &[Bound], bound: &[Bound]| relevant(theirs, &ours(bound));
        assert!(relevant(
            &[b("connectors[0]")],
            &[b("connectors[0]"), b("connectors[0].domains[1]")]
        ));
        assert!(relevant(
            &[b("connectors[0].domains[1]")],
            &[b("connectors[0]")]
        ));
        assert!(!relevant(&[b("connectors[1]")], &[b("connectors[10]")]));
        assert!(relevant(&[], &[b("objects[0]")]));
        assert!(!relevant(&[b("objects[0]")], &[]));
        // A domain's outcome does not concern its sibling through their connector.
        assert!(!relevant(
            &[b("connectors[0]"), b("connectors[0].domains[1]")],
            &[b("connectors[0]"), b("connectors[0].domains[0]")]
        ));
        // Independent bindings are each leaves.
        assert!(relevant(
            &[b("connectors[0]")],
            &[b("connectors[0]"), b("objects[2]")]
        ));
    }
}
