//! The values one evaluation keeps so as not to compute them twice: those of the
//! nodes `check::hoist` marked [`Reuse::Once`](crate::check::program::Reuse), and
//! the results of helper calls marked `ByArguments`, by helper and argument values.
//!
//! Sound because evaluation is pure: a helper's body reads only its parameters,
//! the facts, the constants and `now`, all fixed for one [`Context`](super::expr::Context).
//! Arguments are compared as the evaluator shares them: lists, maps and records
//! by identity (the key holds them, so an address is never reused by another
//! value while the key lives), every other value by what it is. Errors are never
//! kept: an expression that failed fails again the same way when reached again.
//!
//! Memory is bounded: the call results kept hold at most [`KEPT_BASE`] plus one
//! value per value in the facts (each argument, result and list item counts one,
//! each result [`ENTRY_WEIGHT`] more); past that, results are computed and not
//! kept.

use super::budget::Budget;
use super::EvalError;
use crate::check::program::{FnIdx, HoistIdx};
use crate::value::Value;
use std::cell::{Cell, OnceCell, RefCell};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// Values the call results kept may hold, whatever the size of the facts.
const KEPT_BASE: usize = 1 << 16;
/// What keeping one result costs beside its values: the table's entry.
const ENTRY_WEIGHT: usize = 4;

/// The values of one evaluation that are reused.
#[derive(Debug)]
pub struct Kept {
    once: Box<[OnceCell<Value>]>,
    calls: RefCell<HashMap<Call, Value>>,
    /// Values the kept calls hold, and how many they may.
    weight: Cell<usize>,
    limit: usize,
}

/// A helper call: the helper and its argument values.
#[derive(Debug)]
pub struct Call {
    pub function: FnIdx,
    pub args: Box<[Value]>,
}

impl Kept {
    /// Room for `hoisted` values computed once, and for call results holding
    /// about as many values as `facts`.
    pub fn new(hoisted: u32, facts: u64) -> Kept {
        let facts = usize::try_from(facts).unwrap_or(usize::MAX);
        Kept {
            once: (0..hoisted).map(|_| OnceCell::new()).collect(),
            calls: RefCell::new(HashMap::new()),
            weight: Cell::new(0),
            limit: KEPT_BASE.saturating_add(facts),
        }
    }

    /// The value of node `index`, if it was computed already.
    pub fn once(&self, index: HoistIdx) -> Result<Option<Value>, EvalError> {
        match usize::try_from(index.0).ok().and_then(|i| self.once.get(i)) {
            Some(cell) => Ok(cell.get().cloned()),
            None => Err(EvalError::internal(format!(
                "no room for the reused value {}",
                index.0
            ))),
        }
    }

    /// Keep the value of node `index`.
    pub fn keep_once(&self, index: HoistIdx, value: &Value) {
        if let Some(cell) = usize::try_from(index.0).ok().and_then(|i| self.once.get(i)) {
            // Set once: the node is computed again only if it failed before.
            let _ = cell.set(value.clone());
        }
    }

    /// The result of `call`, if it was kept. Comparing the arguments costs steps
    /// as reading them would: a long string, many unknown facts.
    pub fn call(&self, call: &Call, budget: &Budget) -> Result<Option<Value>, EvalError> {
        for arg in call.args.iter() {
            match arg {
                Value::Str(s) => budget.string(s.len())?,
                Value::Unknown(paths) => budget.spend(super::budget::steps(paths.len()))?,
                _ => {}
            }
        }
        Ok(self.calls.borrow().get(call).cloned())
    }

    /// Keep the result of `call`, if there is room.
    pub fn keep_call(&self, call: Call, result: &Value) {
        let weight = ENTRY_WEIGHT
            .saturating_add(call.args.len())
            .saturating_add(held(result));
        let total = self.weight.get().saturating_add(weight);
        if total > self.limit {
            return;
        }
        self.weight.set(total);
        self.calls.borrow_mut().insert(call, result.clone());
    }

    /// How many call results are kept, and the values they hold (for tests and
    /// measurements).
    #[cfg(test)]
    pub fn calls_kept(&self) -> (usize, usize) {
        (self.calls.borrow().len(), self.weight.get())
    }
}

/// The values a kept result holds: itself, a list's items, a map's entries, a
/// string's bytes by the size of a value.
fn held(value: &Value) -> usize {
    let within = match value {
        Value::List(list) => list.items.len(),
        Value::Map(map) => map.entries.len(),
        Value::Str(s) => s.len() / std::mem::size_of::<Value>(),
        _ => 0,
    };
    within.saturating_add(1)
}

impl PartialEq for Call {
    fn eq(&self, other: &Call) -> bool {
        self.function == other.function
            && self.args.len() == other.args.len()
            && self
                .args
                .iter()
                .zip(other.args.iter())
                .all(|(a, b)| same(a, b))
    }
}

impl Eq for Call {}

impl Hash for Call {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.function.hash(state);
        for arg in self.args.iter() {
            hash_value(arg, state);
        }
    }
}

/// The same argument: shared values by identity, the others by what they are
/// (a time with its offset, which showing it keeps).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Unknown(x), Value::Unknown(y)) => x == y,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Int(x), Value::Int(y)) | (Value::Duration(x), Value::Duration(y)) => x == y,
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::Time(x), Value::Time(y)) => x == y && x.offset() == y.offset(),
        (Value::Version(x), Value::Version(y)) => x == y,
        (Value::Enum(x), Value::Enum(y)) => x == y,
        (Value::List(x), Value::List(y)) => Arc::ptr_eq(x, y),
        (Value::Map(x), Value::Map(y)) => Arc::ptr_eq(x, y),
        (Value::Record(x), Value::Record(y)) => Arc::ptr_eq(x, y),
        _ => false,
    }
}

/// A hash agreeing with [`same`].
fn hash_value<H: Hasher>(value: &Value, state: &mut H) {
    std::mem::discriminant(value).hash(state);
    match value {
        Value::Unknown(paths) => paths.hash(state),
        Value::Bool(b) => b.hash(state),
        Value::Int(n) | Value::Duration(n) => n.hash(state),
        Value::Str(s) => s.hash(state),
        Value::Time(t) => {
            t.timestamp().hash(state);
            t.timestamp_subsec_nanos().hash(state);
            t.offset().local_minus_utc().hash(state);
        }
        Value::Version(v) => v.hash(state),
        Value::Enum(i) => i.hash(state),
        Value::List(l) => Arc::as_ptr(l).hash(state),
        Value::Map(m) => Arc::as_ptr(m).hash(state),
        Value::Record(r) => Arc::as_ptr(r).hash(state),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::{List, Record, RecordAt};

    fn call(args: Vec<Value>) -> Call {
        Call {
            function: FnIdx(0),
            args: args.into_boxed_slice(),
        }
    }

    fn record() -> Value {
        Value::Record(Arc::new(Record {
            at: RecordAt::Path(Arc::from("objects[0]")),
            fields: Box::new([]),
        }))
    }

    #[test]
    fn records_are_the_same_argument_only_when_shared() {
        let a = record();
        assert_eq!(call(vec![a.clone()]), call(vec![a]));
        assert_ne!(call(vec![record()]), call(vec![record()]));
    }

    #[test]
    fn scalars_are_the_same_argument_by_value() {
        assert_eq!(call(vec![Value::str("a")]), call(vec![Value::str("a")]));
        assert_ne!(call(vec![Value::Int(1)]), call(vec![Value::Duration(1)]));
        let time = |text: &str| {
            let t = chrono::DateTime::parse_from_rfc3339(text);
            Value::Time(t.unwrap_or_else(|e| panic!("{text}: {e}")))
        };
        let (utc, cet) = (
            time("2026-01-01T10:00:00Z"),
            time("2026-01-01T11:00:00+01:00"),
        );
        assert_ne!(call(vec![utc]), call(vec![cet]));
    }

    #[test]
    fn results_are_kept_up_to_the_limit() {
        let kept = Kept::new(0, 0);
        let budget = Budget::new(
            &Record {
                at: RecordAt::Path(Arc::from("")),
                fields: Box::new([]),
            },
            0,
        );
        let list = Value::List(Arc::new(List {
            path: None,
            items: vec![Value::Int(0); KEPT_BASE / 2],
        }));
        kept.keep_call(call(vec![Value::Int(1)]), &list);
        kept.keep_call(call(vec![Value::Int(2)]), &list);
        let first = kept.call(&call(vec![Value::Int(1)]), &budget);
        let second = kept.call(&call(vec![Value::Int(2)]), &budget);
        assert!(matches!(first, Ok(Some(_))));
        assert!(matches!(second, Ok(None)));
        assert_eq!(kept.calls_kept().0, 1);
    }
}
