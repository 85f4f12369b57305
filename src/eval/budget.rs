//! The evaluation budget: what keeps a runaway rule from running for hours or
//! filling memory.
//!
//! The language is total (no recursion, loops only over lists), but nesting still
//! multiplies: `count a in xs where count b in xs where ...` over lists of ten
//! thousand items is a long wait. Every expression evaluated costs a step, building
//! a string costs a step per [`BYTES_PER_STEP`] bytes, and one facts file may use
//! [`MAX_EVAL_STEPS`] plus [`EVAL_STEPS_PER_FACT_PER_RULE`] per value in it per
//! rule, so that work growing with the facts is always allowed and work growing
//! with their square is not. The outcomes of one facts file are bounded the same
//! way: [`OUTCOMES_BASE`] plus [`OUTCOMES_PER_FACT`] per value in it, holding
//! [`REPORT_BYTES_BASE`] plus [`REPORT_BYTES_PER_FACT`] per value of text, so a
//! large honest file always fits and a rule pairing every fact with every other
//! does not. No string may be longer than [`MAX_STRING_BYTES`]. Past a limit,
//! evaluation stops with an [`EvalError`] that names it.

use super::EvalError;
use crate::limits::{
    EVAL_STEPS_PER_FACT_PER_RULE, MAX_EVAL_STEPS, MAX_STRING_BYTES, OUTCOMES_BASE,
    OUTCOMES_PER_FACT, REPORT_BYTES_BASE, REPORT_BYTES_PER_FACT,
};
use crate::value::{Record, Value};
use std::cell::Cell;

/// Bytes of a built string that cost one step.
const BYTES_PER_STEP: usize = 64;
/// Steps that binding a rule's variable to one value costs: building its label
/// and the outcome's bindings is heavier than evaluating one expression.
const BINDING_STEPS: u64 = 8;

/// What one facts file's evaluation may use, and has used so far.
#[derive(Debug)]
pub struct Budget {
    /// Values in the facts, the root included.
    facts: u64,
    limit: u64,
    outcome_limit: usize,
    report_limit: usize,
    steps: Cell<u64>,
    outcomes: Cell<usize>,
    report_bytes: Cell<usize>,
}

impl Budget {
    /// The budget of `rules` rules over the facts rooted at `root`.
    pub fn new(root: &Record, rules: usize) -> Budget {
        let values = count_values(root);
        let rules = u64::try_from(rules).unwrap_or(u64::MAX);
        let extra = EVAL_STEPS_PER_FACT_PER_RULE
            .saturating_mul(values)
            .saturating_mul(rules);
        let facts = usize::try_from(values).unwrap_or(usize::MAX);
        Budget {
            facts: values,
            limit: MAX_EVAL_STEPS.saturating_add(extra),
            outcome_limit: OUTCOMES_BASE.saturating_add(OUTCOMES_PER_FACT.saturating_mul(facts)),
            report_limit: REPORT_BYTES_BASE
                .saturating_add(REPORT_BYTES_PER_FACT.saturating_mul(facts)),
            steps: Cell::new(0),
            outcomes: Cell::new(0),
            report_bytes: Cell::new(0),
        }
    }

    /// How many values the facts hold, the root included.
    pub fn facts(&self) -> u64 {
        self.facts
    }

    /// Spend `steps` steps.
    pub fn spend(&self, steps: u64) -> Result<(), EvalError> {
        let used = self.steps.get().saturating_add(steps);
        self.steps.set(used);
        if used > self.limit {
            return Err(EvalError::limit(
                "phs::limit::evaluation",
                format!(
                    "evaluation took more than {} steps, the evaluation limit for this facts \
                     file ({MAX_EVAL_STEPS}, plus {EVAL_STEPS_PER_FACT_PER_RULE} per value in \
                     the facts per rule)",
                    self.limit
                ),
            ));
        }
        Ok(())
    }

    /// Pay for a string of `len` bytes being built, refusing one over the limit.
    pub fn string(&self, len: usize) -> Result<(), EvalError> {
        if len > MAX_STRING_BYTES {
            return Err(EvalError::limit(
                "phs::limit::string",
                format!(
                    "a computed string would be {len} bytes long, more than the limit of \
                     {MAX_STRING_BYTES}"
                ),
            ));
        }
        self.spend(steps(len / BYTES_PER_STEP))
    }

    /// Pay for binding a rule's variable to a value labelled with `label_len` bytes.
    pub fn binding(&self, label_len: usize) -> Result<(), EvalError> {
        self.spend(BINDING_STEPS)?;
        self.string(label_len)
    }

    /// Count one more outcome, holding `bytes` of text.
    pub fn outcome(&self, bytes: usize) -> Result<(), EvalError> {
        let total = self.report_bytes.get().saturating_add(bytes);
        self.report_bytes.set(total);
        if total > self.report_limit {
            return Err(EvalError::limit(
                "phs::limit::report",
                format!(
                    "the outcomes for this facts file hold more than {} bytes of labels, \
                     messages and remediations, the limit for this facts file \
                     ({REPORT_BYTES_BASE}, plus {REPORT_BYTES_PER_FACT} per value in the facts)",
                    self.report_limit
                ),
            ));
        }
        let count = self.outcomes.get().saturating_add(1);
        self.outcomes.set(count);
        if count > self.outcome_limit {
            return Err(EvalError::limit(
                "phs::limit::outcomes",
                format!(
                    "the rules produced more than {} outcomes (rule and binding pairs), the \
                     limit for this facts file ({OUTCOMES_BASE}, plus {OUTCOMES_PER_FACT} per \
                     value in the facts)",
                    self.outcome_limit
                ),
            ));
        }
        Ok(())
    }
}

/// A count of items (or of bytes over [`BYTES_PER_STEP`]) as evaluation steps.
pub(super) fn steps(count: usize) -> u64 {
    u64::try_from(count).unwrap_or(u64::MAX)
}

/// Values in a record, itself included, counting into lists, maps and records.
fn count_values(root: &Record) -> u64 {
    let mut count: u64 = 1;
    let mut stack: Vec<&Value> = root.fields.iter().collect();
    while let Some(value) = stack.pop() {
        count = count.saturating_add(1);
        match value {
            Value::List(list) => stack.extend(list.items.iter()),
            Value::Map(map) => stack.extend(map.entries.values()),
            Value::Record(record) => stack.extend(record.fields.iter()),
            _ => {}
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::RecordAt;
    use std::sync::Arc;

    fn empty_budget() -> Budget {
        let root = Record {
            at: RecordAt::Path(Arc::from("")),
            fields: Box::new([]),
        };
        Budget::new(&root, 0)
    }

    #[test]
    fn spending_past_the_limit_is_an_error_naming_it() {
        let budget = empty_budget();
        assert!(budget.spend(MAX_EVAL_STEPS).is_ok());
        let err = budget.spend(1).err();
        assert_eq!(err.map(|e| e.code), Some("phs::limit::evaluation"));
    }

    #[test]
    fn the_budget_grows_with_the_facts_and_the_rules() {
        let root = Record {
            at: RecordAt::Path(Arc::from("")),
            fields: vec![Value::list(vec![Value::Int(1), Value::Int(2)])].into_boxed_slice(),
        };
        let budget = Budget::new(&root, 3);
        let facts = 4; // the root, the list and its two items
        assert_eq!(
            budget.limit,
            MAX_EVAL_STEPS + EVAL_STEPS_PER_FACT_PER_RULE * facts * 3
        );
    }

    #[test]
    fn outcomes_are_limited_in_number_and_in_text() {
        let budget = empty_budget();
        for _ in 0..=OUTCOMES_BASE {
            assert!(budget.outcome(0).is_ok());
        }
        let err = budget.outcome(0).err();
        assert_eq!(err.map(|e| e.code), Some("phs::limit::outcomes"));
        let budget = empty_budget();
        let err = budget
            .outcome(REPORT_BYTES_BASE + REPORT_BYTES_PER_FACT + 1)
            .err();
        assert_eq!(err.map(|e| e.code), Some("phs::limit::report"));
    }

    #[test]
    fn outcomes_allowed_grow_with_the_facts() {
        let root = Record {
            at: RecordAt::Path(Arc::from("")),
            fields: vec![Value::list(vec![Value::Int(1); 9])].into_boxed_slice(),
        };
        let budget = Budget::new(&root, 1);
        let facts = 11; // the root, the list and its nine items
        assert_eq!(budget.outcome_limit, OUTCOMES_BASE + facts);
        assert_eq!(
            budget.report_limit,
            REPORT_BYTES_BASE + REPORT_BYTES_PER_FACT * facts
        );
    }

    #[test]
    fn strings_over_the_limit_are_refused() {
        let budget = empty_budget();
        assert!(budget.string(MAX_STRING_BYTES).is_ok());
        let err = budget.string(MAX_STRING_BYTES + 1).err();
        assert_eq!(err.map(|e| e.code), Some("phs::limit::string"));
    }
}
