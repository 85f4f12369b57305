//! Running rules: bindings, `needs`, conditions → one outcome per rule and binding.

use super::expr::Context;
use super::show::shared_label;
use super::EvalError;
use crate::check::program::{Binding, Program, Rule};
use crate::check::types::Type;
use crate::value::{FactPath, Record, Value};
use chrono::{DateTime, FixedOffset};
use needs::{FiredIndex, Scratch};
use serde::Serialize;
use std::sync::Arc;

mod needs;

/// A variable of a rule's `for`, bound to one value. A large file has millions
/// of these, so none holds text of its own: the name and the record type are
/// one [`Variable`] per rule, the path and a string label are the facts' own
/// (shared by every rule over the same record). The JSON report shows it as
/// `{name, path, kind, label}` (`report::BindingEntry`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bound {
    pub var: Arc<Variable>,
    /// Where the value sits in the facts file (`connectors[0]`), if it is a record.
    pub path: Option<FactPath>,
    /// How a person recognises it: the record's name, DN or id.
    pub label: Arc<str>,
}

impl Bound {
    /// The variable's name (`c`).
    pub fn name(&self) -> &str {
        &self.var.name
    }

    /// The record type of the value (`Connector`), if it is a record.
    pub fn kind(&self) -> Option<&str> {
        self.var.kind.as_deref()
    }
}

/// What every value of one variable of a rule's `for` shares: its name and
/// record type, made once per rule.
#[derive(Debug, PartialEq, Eq)]
pub struct Variable {
    pub name: String,
    pub kind: Option<String>,
}

impl Variable {
    pub(super) fn of(program: &Program, binding: &Binding) -> Arc<Variable> {
        let kind = match binding.ty {
            Type::Record(id) => Some(program.schema.record_name(id).to_string()),
            _ => None,
        };
        Arc::new(Variable {
            name: binding.name.clone(),
            kind,
        })
    }

    /// `this` variable bound to `value`, of type `ty`.
    pub(super) fn bind(this: &Arc<Variable>, ctx: &Context, ty: &Type, value: &Value) -> Bound {
        let path = match value {
            Value::Record(r) => Some(ctx.record_path(r)),
            _ => None,
        };
        Bound {
            var: Arc::clone(this),
            label: shared_label(&ctx.program.schema, ty, value, path.as_ref()),
            path,
        }
    }
}

/// What became of one rule at one binding, with what decided it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Fired,
    Passed,
    /// A `needs` did not hold; the ids of the rules it waited on.
    Skipped {
        by: Vec<String>,
    },
    /// Unknown facts decided it; their paths.
    Undetermined {
        unknown: Vec<FactPath>,
    },
}

/// The four outcomes without their data: what reports count and show, and what
/// rule tests expect. Serialized as the report format spells them (`"fired"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OutcomeKind {
    Fired,
    Passed,
    Skipped,
    Undetermined,
}

impl Outcome {
    pub fn kind(&self) -> OutcomeKind {
        match self {
            Outcome::Fired => OutcomeKind::Fired,
            Outcome::Passed => OutcomeKind::Passed,
            Outcome::Skipped { .. } => OutcomeKind::Skipped,
            Outcome::Undetermined { .. } => OutcomeKind::Undetermined,
        }
    }

    pub fn as_str(&self) -> &'static str {
        self.kind().as_str()
    }
}

impl OutcomeKind {
    pub const ALL: [OutcomeKind; 4] = [
        OutcomeKind::Fired,
        OutcomeKind::Passed,
        OutcomeKind::Skipped,
        OutcomeKind::Undetermined,
    ];

    /// The word reports and rule tests spell it with.
    pub fn as_str(self) -> &'static str {
        match self {
            OutcomeKind::Fired => "fired",
            OutcomeKind::Passed => "passed",
            OutcomeKind::Skipped => "skipped",
            OutcomeKind::Undetermined => "undetermined",
        }
    }

    pub fn parse(text: &str) -> Option<OutcomeKind> {
        OutcomeKind::ALL.into_iter().find(|o| o.as_str() == text)
    }
}

/// One rule at one binding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instance {
    pub bindings: Vec<Bound>,
    pub outcome: Outcome,
    /// The message, for fired outcomes.
    pub message: Option<String>,
    /// The remediation, for fired outcomes.
    pub remediation: Option<String>,
    /// What the rule saw, for passed outcomes of rules with `evidence`.
    pub evidence: Option<String>,
    /// The server command that checks the same, for rules with `crosscheck`.
    pub crosscheck: Option<String>,
}

/// All outcomes of one rule (none when it is disabled).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleResult {
    /// Index into `Program::rules`.
    pub rule: usize,
    pub instances: Vec<Instance>,
}

/// All outcomes of a program over one facts file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    pub now: DateTime<FixedOffset>,
    pub results: Vec<RuleResult>,
}

/// Run every rule of `program` over the facts rooted at `root`.
pub fn evaluate(
    program: &Program,
    root: &Arc<Record>,
    now: DateTime<FixedOffset>,
) -> Result<Evaluation, EvalError> {
    evaluate_some(program, root, now, &[])
}

/// Run the rules `wanted` marks (by index into `Program::rules`; an empty slice
/// marks all); the others get no outcomes, as if disabled. `wanted` must mark
/// every rule a marked rule `needs` (`Selection::rules_to_evaluate`).
pub fn evaluate_some(
    program: &Program,
    root: &Arc<Record>,
    now: DateTime<FixedOffset>,
    wanted: &[bool],
) -> Result<Evaluation, EvalError> {
    let ctx = Context::new(program, root, now)?;
    let mut results: Vec<RuleResult> = Vec::with_capacity(program.rules.len());
    let mut fired: Vec<FiredIndex> = Vec::with_capacity(program.rules.len());
    for (index, rule) in program.rules.iter().enumerate() {
        let mut instances = Vec::new();
        let is_wanted = wanted.is_empty() || wanted.get(index).copied().unwrap_or(false);
        if rule.disabled.is_none() && is_wanted {
            let mut run = RuleRun {
                done: &results,
                fired: &fired,
                scratch: Scratch::default(),
                out: &mut instances,
            };
            run.start(&mut Bindings::new(&ctx, rule, true))
                .map_err(|mut e| {
                    e.rule = Some(rule.id.clone());
                    e
                })?;
        }
        fired.push(FiredIndex::new(&instances));
        results.push(RuleResult {
            rule: index,
            instances,
        });
    }
    Ok(Evaluation { now, results })
}

/// A rule's `for`: its variables bound to one combination of values at a time,
/// in the order `evaluate` decides them and `explain` shows them.
pub(super) struct Bindings<'a, 'c> {
    pub(super) ctx: &'a Context<'c>,
    pub(super) rule: &'a Rule,
    /// The rule's slots: its parameters and the values bound.
    pub(super) frame: Vec<Value>,
    pub(super) bound: Vec<Bound>,
    /// The rule's variables, by depth.
    variables: Vec<Arc<Variable>>,
    /// Whether each value bound is paid for from the budget and an error names
    /// the bindings, as evaluation does; `explain` does neither.
    charged: bool,
}

impl<'a, 'c> Bindings<'a, 'c> {
    pub(super) fn new(ctx: &'a Context<'c>, rule: &'a Rule, charged: bool) -> Self {
        Bindings {
            ctx,
            rule,
            frame: vec![Value::Bool(false); rule.slots as usize],
            bound: Vec::new(),
            variables: rule
                .bindings
                .iter()
                .map(|b| Variable::of(ctx.program, b))
                .collect(),
            charged,
        }
    }

    /// Go through the values of binding `depth` and those after it, calling
    /// `visit` with each whole combination (`None`), or with the value of a
    /// binding's source that is not a list (it is unknown) and so binds nothing.
    pub(super) fn each<F>(&mut self, depth: usize, visit: &mut F) -> Result<(), EvalError>
    where
        F: FnMut(&mut Self, Option<Value>) -> Result<(), EvalError>,
    {
        let (Some(binding), Some(variable)) =
            (self.rule.bindings.get(depth), self.variables.get(depth))
        else {
            return visit(self, None);
        };
        let variable = variable.clone();
        let list = match self.ctx.eval(&binding.source, &mut self.frame)? {
            Value::List(list) => list,
            other => return visit(self, Some(other)),
        };
        for item in &list.items {
            Context::set(&mut self.frame, binding.slot, item.clone());
            let this = Variable::bind(&variable, self.ctx, &binding.ty, item);
            if self.charged {
                self.ctx.budget.binding(this.label.len())?;
            }
            self.bound.push(this);
            // Named while the bindings are still there: the innermost level
            // that fails names them all, the levels around it keep that.
            let result = self.each(depth + 1, visit).map_err(|mut e| {
                if self.charged {
                    e.binding.get_or_insert_with(|| describe(&self.bound));
                }
                e
            });
            self.bound.pop();
            result?;
        }
        Ok(())
    }
}

/// What deciding a rule's outcomes reads and writes besides its bindings.
struct RuleRun<'a> {
    done: &'a [RuleResult],
    /// Where each earlier rule fired, for `needs`.
    fired: &'a [FiredIndex],
    /// What deciding `needs` reuses from one binding to the next.
    scratch: Scratch<'a>,
    out: &'a mut Vec<Instance>,
}

impl<'a> RuleRun<'a> {
    fn start(&mut self, b: &mut Bindings<'a, '_>) -> Result<(), EvalError> {
        for p in &b.rule.params {
            let v = b.ctx.eval(&p.value, &mut b.frame)?;
            Context::set(&mut b.frame, p.slot, v);
        }
        b.each(0, &mut |b, source| match source {
            None => self.decide(b),
            Some(source) => {
                let unknown = source.unknown_paths().to_vec();
                self.push(
                    b,
                    Outcome::Undetermined { unknown },
                    [None, None, None, None],
                )
            }
        })
    }

    /// Decide the outcome for the current bindings.
    fn decide(&mut self, b: &mut Bindings<'a, '_>) -> Result<(), EvalError> {
        let filter = match &b.rule.filter {
            Some(f) => b.ctx.eval(f, &mut b.frame)?,
            None => Value::Bool(true),
        };
        if matches!(filter, Value::Bool(false)) {
            return Ok(());
        }
        // The cross-check is useful whatever the outcome, skipped included.
        let crosscheck = match &b.rule.crosscheck {
            Some(c) => Some(b.ctx.render(c, &mut b.frame)?).filter(|c| !c.trim().is_empty()),
            None => None,
        };
        let waited = self.unmet_needs(b)?;
        if !waited.is_empty() {
            return self.push(
                b,
                Outcome::Skipped { by: waited },
                [None, None, None, crosscheck],
            );
        }
        let when = b.ctx.eval(&b.rule.when, &mut b.frame)?;
        let outcome = match (&filter, &when) {
            (_, Value::Bool(false)) => Outcome::Passed,
            (Value::Bool(true), Value::Bool(true)) => Outcome::Fired,
            _ => {
                let merged = crate::value::merge_unknown([&filter, &when]);
                Outcome::Undetermined {
                    unknown: merged.unknown_paths().to_vec(),
                }
            }
        };
        // An undetermined check has no message: its text would claim what is unknown.
        let message = match outcome {
            Outcome::Fired => Some(b.ctx.render(&b.rule.message, &mut b.frame)?),
            _ => None,
        };
        let remediation = match (&outcome, &b.rule.remediation) {
            (Outcome::Fired, Some(r)) => Some(b.ctx.render(r, &mut b.frame)?),
            _ => None,
        };
        let evidence = match (&outcome, &b.rule.evidence) {
            (Outcome::Passed, Some(e)) => Some(b.ctx.render(e, &mut b.frame)?),
            _ => None,
        };
        self.push(b, outcome, [message, remediation, evidence, crosscheck])
    }

    /// Record an outcome with its message, remediation, evidence and cross-check.
    fn push(
        &mut self,
        b: &Bindings,
        outcome: Outcome,
        texts: [Option<String>; 4],
    ) -> Result<(), EvalError> {
        let bytes = b
            .bound
            .iter()
            .map(|b| b.label.len().saturating_add(b.name().len()))
            .chain(texts.iter().flatten().map(String::len))
            .fold(0, usize::saturating_add);
        b.ctx.budget.outcome(bytes)?;
        let [message, remediation, evidence, crosscheck] = texts;
        self.out.push(Instance {
            bindings: b.bound.clone(),
            outcome,
            message,
            remediation,
            evidence,
            crosscheck,
        });
        Ok(())
    }
}

/// `c = contoso.com, d = emea.contoso.com`.
pub fn describe(bound: &[Bound]) -> String {
    bound
        .iter()
        .map(|b| format!("{} = {}", b.name(), b.label))
        .collect::<Vec<_>>()
        .join(", ")
}
