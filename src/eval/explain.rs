//! Explaining how one rule was decided, binding by binding (`phsrule explain`).
//!
//! Each binding's frame is built as `run` builds it, and the rule's checked
//! conditions are walked in it (`tree`): each `and`/`or`/`not`, quantifier and
//! comparison of the IR becomes a node with its source text, taken from its span,
//! and the facts it reads (`reads`), evaluated slot for slot. Expressions are pure, so
//! evaluating sub-expressions again changes nothing; the outcome itself is the one
//! [`evaluate`](super::evaluate) gave, never recomputed here.

mod reads;
mod tree;

use super::expr::Context;
use super::run::{describe, Bindings, Bound, Evaluation, Outcome, OutcomeKind};
use super::EvalError;
use crate::check::program::{Program, Rule};
use crate::check::severity::Severity;
use crate::source::Sources;
use crate::value::{FactPath, Record, Value};
use serde::Serialize;
use std::sync::Arc;
use tree::{display, Walk};

/// At most this many items of a quantifier's list are shown one by one.
const MAX_ITEMS: usize = 20;
/// Source texts and values are cut to about this many characters.
const MAX_TEXT: usize = 100;

/// How one rule was decided over one facts file.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Explanation {
    pub rule: String,
    pub title: String,
    pub severity: Severity,
    /// `phs.builtin@1.0.0`.
    pub pack: String,
    pub now: String,
    /// Parameters with the values in force (after org overrides).
    pub params: Vec<Read>,
    /// What org packs changed about the rule.
    pub changes: Vec<String>,
    /// `disabled by contoso.policy@1.2.0: reason`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disabled: Option<String>,
    pub bindings: Vec<BindingExplanation>,
}

/// One binding of the rule (`c = contoso.com`), or the whole rule when it has none.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct BindingExplanation {
    /// `c = contoso.com, d = emea.contoso.com` ("" for a rule without `for`).
    pub binding: String,
    /// Where the bound values sit in the facts file.
    pub paths: Vec<String>,
    pub outcome: BindingState,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// For `undetermined`: the unknown facts that decided it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unknown: Vec<String>,
    /// Each `needs` of the rule and whether it held here.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<NeedState>,
    /// The `where` condition.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter: Option<Node>,
    /// The `when` condition (not evaluated for excluded and skipped bindings).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<Node>,
}

/// What became of one binding: the outcome `evaluate` gave it, or why it has none.
/// Serialized as one word: `fired`, `passed`, `skipped`, `undetermined`,
/// `excluded` or `disabled`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BindingState {
    /// The `where` condition is not true, so the binding is not checked.
    Excluded,
    /// An org pack disabled the rule.
    Disabled,
    #[serde(untagged)]
    Decided(OutcomeKind),
}

impl BindingState {
    /// The word the JSON output spells it with.
    pub fn as_str(self) -> &'static str {
        match self {
            BindingState::Excluded => "excluded",
            BindingState::Disabled => "disabled",
            BindingState::Decided(outcome) => outcome.as_str(),
        }
    }

    /// Whether the `when` condition was (or, for a disabled rule, would be)
    /// evaluated for the binding: not for excluded and skipped ones.
    fn reaches_when(self) -> bool {
        match self {
            BindingState::Excluded | BindingState::Decided(OutcomeKind::Skipped) => false,
            BindingState::Disabled
            | BindingState::Decided(
                OutcomeKind::Fired | OutcomeKind::Passed | OutcomeKind::Undetermined,
            ) => true,
        }
    }
}

/// `needs not PHS001`: whether it held for this binding.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct NeedState {
    /// `not PHS001` or `PHS030`.
    pub need: String,
    pub held: bool,
}

/// One sub-condition with its value and the facts it read.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Node {
    /// The source text, on one line; `e = events[3]` for one item of a quantifier.
    pub text: String,
    /// `true`, `false`, `unknown`, or the value shown (a count).
    pub value: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unknown: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reads: Vec<Read>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Node>,
}

/// A fact, parameter or variable read, and its value: `c.password_sync = true`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Read {
    pub name: String,
    pub value: String,
}

/// Explain the rule `id` of `program` over the facts `root`, given the evaluation
/// that decided it; `sources` holds the text of the rule files.
pub fn explain_rule(
    program: &Program,
    id: &str,
    sources: &Sources,
    root: &Arc<Record>,
    evaluation: &Evaluation,
) -> Result<Explanation, EvalError> {
    let mut rules = program.rules.iter().enumerate();
    let Some((index, rule)) = rules.find(|(_, r)| r.id == id) else {
        return Err(EvalError::new(format!("there is no rule `{id}`")));
    };
    let ctx = Context::new(program, root, evaluation.now)?;
    // What fails from here on fails in the rule, not in a constant: a disabled
    // rule, which `evaluate` never ran, is explained too.
    explain_in(&ctx, sources, index, rule, evaluation).map_err(|mut e| {
        e.rule = Some(rule.id.clone());
        e
    })
}

/// [`explain_rule`] for the rule at `index`, in a context made for it.
fn explain_in(
    ctx: &Context,
    sources: &Sources,
    index: usize,
    rule: &Rule,
    evaluation: &Evaluation,
) -> Result<Explanation, EvalError> {
    let program = ctx.program;
    let mut walk = Walk {
        ctx,
        sources,
        shown_once: rule.params.iter().map(|p| p.name.clone()).collect(),
    };
    walk.shown_once.push("now".to_string());
    let mut run = Bindings::new(ctx, rule, false);
    let mut params = Vec::new();
    for p in &rule.params {
        let v = ctx.eval(&p.value, &mut run.frame)?;
        params.push(Read {
            name: p.name.clone(),
            value: display(program, &p.ty, &v),
        });
        Context::set(&mut run.frame, p.slot, v);
    }
    let mut combos = Vec::new();
    run.each(0, &mut |run, source| {
        combos.push(Combo {
            bound: run.bound.clone(),
            frame: run.frame.clone(),
            unknown: source.map_or_else(Vec::new, |v| path_texts(v.unknown_paths())),
        });
        Ok(())
    })?;
    let result = evaluation.results.iter().find(|r| r.rule == index);
    let instances = result.map_or(&[][..], |r| r.instances.as_slice());
    let mut bindings = Vec::new();
    for mut combo in combos {
        let instance = instances.iter().find(|i| i.bindings == combo.bound);
        let filter = rule
            .filter
            .as_ref()
            .map(|f| walk.node(f, &mut combo.frame))
            .transpose()?;
        let mut b = BindingExplanation {
            binding: describe(&combo.bound),
            paths: combo
                .bound
                .iter()
                .filter_map(|b| b.path.as_ref().map(|p| p.to_string()))
                .collect(),
            outcome: BindingState::Excluded,
            message: None,
            unknown: combo.unknown.clone(),
            needs: Vec::new(),
            filter,
            when: None,
        };
        if let Some(inst) = instance {
            b.outcome = BindingState::Decided(inst.outcome.kind());
            b.message.clone_from(&inst.message);
            b.needs = needs(program, rule, &inst.outcome);
            if let Outcome::Undetermined { unknown } = &inst.outcome {
                b.unknown = path_texts(unknown);
            }
        } else if rule.disabled.is_some() {
            b.outcome = BindingState::Disabled;
        } else if !combo.unknown.is_empty() {
            b.outcome = BindingState::Decided(OutcomeKind::Undetermined);
        }
        if b.outcome.reaches_when() && combo.unknown.is_empty() {
            b.when = Some(walk.node(&rule.when, &mut combo.frame)?);
        }
        bindings.push(b);
    }
    let pack = program.packs.get(rule.pack).map(|p| p.label());
    Ok(Explanation {
        rule: rule.id.clone(),
        title: rule.title.clone(),
        severity: rule.severity,
        pack: pack.unwrap_or_default(),
        now: crate::value::format_time(&evaluation.now),
        params,
        changes: rule
            .changes
            .iter()
            .map(|c| format!("{} by {}", c.what, c.by))
            .collect(),
        disabled: rule
            .disabled
            .as_ref()
            .map(|d| format!("disabled by {}: {}", d.by, d.reason)),
        bindings,
    })
}

/// One combination of the rule's bindings and the frame holding it.
struct Combo {
    bound: Vec<Bound>,
    frame: Vec<Value>,
    /// Set when a binding's list was itself unknown.
    unknown: Vec<String>,
}

fn needs(program: &Program, rule: &Rule, outcome: &Outcome) -> Vec<NeedState> {
    let by: &[String] = match outcome {
        Outcome::Skipped { by } => by,
        _ => &[],
    };
    rule.needs
        .iter()
        .filter_map(|n| {
            let id = &program.rules.get(n.rule.0)?.id;
            let not = if n.negated { "not " } else { "" };
            let at = n.at.as_ref().map(|(_, text)| format!(" at {text}"));
            Some(NeedState {
                need: format!("{not}{id}{}", at.unwrap_or_default()),
                held: !by.contains(id),
            })
        })
        .collect()
}

/// Fact paths as an explanation lists them.
fn path_texts(paths: &[FactPath]) -> Vec<String> {
    paths.iter().map(|p| p.to_string()).collect()
}

/// `text`, cut to about `MAX_TEXT` characters with `…` where it was cut.
fn cut(text: &str) -> String {
    if text.chars().count() <= MAX_TEXT {
        return text.to_string();
    }
    let kept: String = text.chars().take(MAX_TEXT - 1).collect();
    format!("{kept}…")
}
