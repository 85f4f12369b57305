//! The builtin functions and lambda methods at run time: what each [`Builtin`] and
//! [`LambdaMethod`] of the table in `check/builtins.rs` computes, and what it costs.
//!
//! The checker typed every call, so a builtin meeting a value of another type is a
//! bug in phsrule: an internal error, never a made-up unknown.

use super::budget::steps;
use super::expr::{Context, Result};
use super::ops;
use super::show::show;
use super::EvalError;
use crate::check::program::{Builtin, Expr, LambdaMethod, Slot};
use crate::value::{merge_unknown, Key, List, Value};
use std::cmp::Ordering;
use std::sync::Arc;

impl Context<'_> {
    pub(super) fn lambda(
        &self,
        method: LambdaMethod,
        slot: Slot,
        source: &Expr,
        body: &Expr,
        frame: &mut Vec<Value>,
    ) -> Result<Value> {
        let list = match self.eval(source, frame)? {
            Value::List(list) => list,
            other => return Ok(other),
        };
        let mut results = Vec::with_capacity(list.items.len());
        for item in &list.items {
            Self::set(frame, slot, item.clone());
            results.push(self.eval(body, frame)?);
        }
        // `map` keeps unknown results as items; the others decide by them.
        if method != LambdaMethod::Map && results.iter().any(Value::is_unknown) {
            return Ok(merge_unknown(results.iter()));
        }
        match method {
            LambdaMethod::Map => Ok(Value::list(results)),
            LambdaMethod::Filter => {
                let kept = list
                    .items
                    .iter()
                    .zip(&results)
                    .filter(|(_, keep)| matches!(keep, Value::Bool(true)))
                    .map(|(item, _)| item.clone())
                    .collect();
                Ok(Value::List(Arc::new(List {
                    path: list.path.clone(),
                    items: kept,
                })))
            }
            LambdaMethod::MaxBy | LambdaMethod::MinBy => {
                let better = if method == LambdaMethod::MaxBy {
                    Ordering::Greater
                } else {
                    Ordering::Less
                };
                // Of items with equal keys, the first wins.
                let best = results.iter().enumerate().reduce(|best, next| {
                    let ord = ops::order(next.1, best.1).unwrap_or(Ordering::Equal);
                    if ord == better {
                        next
                    } else {
                        best
                    }
                });
                Ok(match best.and_then(|(i, _)| list.items.get(i)) {
                    Some(v) => v.clone(),
                    None => empty_list_unknown(&list),
                })
            }
        }
    }

    pub(super) fn builtin(
        &self,
        b: Builtin,
        args: &[Expr],
        frame: &mut Vec<Value>,
    ) -> Result<Value> {
        let values = args
            .iter()
            .map(|a| self.eval(a, frame))
            .collect::<Result<Vec<_>>>()?;
        let Some(first) = values.first().cloned() else {
            return Err(EvalError::internal(format!(
                "the builtin {b:?} was called without arguments"
            )));
        };
        if b == Builtin::Known {
            return Ok(Value::Bool(!first.is_unknown()));
        }
        if b == Builtin::OrElse {
            return Ok(if first.is_unknown() {
                values.get(1).cloned().unwrap_or(first)
            } else {
                first
            });
        }
        if b == Builtin::UnknownUnless {
            return Ok(match (&first, values.get(1)) {
                (Value::Bool(true), _) => Value::Bool(true),
                (Value::Bool(false), Some(fact)) => match fact_path(fact) {
                    Some(path) => Value::unknown(path),
                    None => merge_unknown(values.iter().skip(1)),
                },
                _ => merge_unknown(values.iter()),
            });
        }
        if values.iter().any(Value::is_unknown) {
            return Ok(merge_unknown(values.iter()));
        }
        let second = values.get(1);
        self.pay_for_builtin(&values)?;
        Ok(match (b, &first) {
            (Builtin::DnDomain, Value::Str(s)) => Value::str(&ops::dn_domain(s)),
            (Builtin::DnUnder, Value::Str(dn)) => match second {
                Some(Value::Str(container)) => Value::Bool(ops::dn_under(dn, container)),
                _ => merge_unknown(values.iter()),
            },
            (Builtin::Len, v) => Value::Int(i64::try_from(length(v)).unwrap_or(i64::MAX)),
            (Builtin::IsEmpty, v) => Value::Bool(length(v) == 0),
            (Builtin::First, Value::List(l)) => l
                .items
                .first()
                .cloned()
                .unwrap_or_else(|| empty_list_unknown(l)),
            (Builtin::Last, Value::List(l)) => l
                .items
                .last()
                .cloned()
                .unwrap_or_else(|| empty_list_unknown(l)),
            (Builtin::Join, Value::List(l)) => {
                let sep = match second {
                    Some(Value::Str(s)) => s.to_string(),
                    _ => String::new(),
                };
                let parts: Vec<String> = l
                    .items
                    .iter()
                    .map(|v| show(&self.program.schema, &crate::check::types::Type::Str, v))
                    .collect();
                let seps = sep.len().saturating_mul(parts.len());
                let len = parts
                    .iter()
                    .map(String::len)
                    .fold(seps, usize::saturating_add);
                self.budget.string(len)?;
                Value::str(&parts.join(&sep))
            }
            (Builtin::Lower, Value::Str(s)) => Value::str(&s.to_lowercase()),
            (Builtin::Upper, Value::Str(s)) => Value::str(&s.to_uppercase()),
            (Builtin::Trim, Value::Str(s)) => Value::str(s.trim()),
            (Builtin::PsQuote, Value::Str(s)) => Value::str(&ops::ps_quote(s)),
            (Builtin::Split, Value::Str(s)) => {
                let sep = match second {
                    Some(Value::Str(sep)) if !sep.is_empty() => sep.to_string(),
                    _ => return Ok(Value::list(vec![first.clone()])),
                };
                Value::list(s.split(sep.as_str()).map(Value::str).collect())
            }
            (Builtin::Keys, Value::Map(m)) => Value::list(
                m.entries
                    .keys()
                    .map(|k| match k {
                        Key::Str(s) => Value::Str(s.clone()),
                        Key::Enum(i) => Value::Enum(*i),
                    })
                    .collect(),
            ),
            (Builtin::Values, Value::Map(m)) => Value::list(m.entries.values().cloned().collect()),
            (b, v) => {
                return Err(EvalError::internal(format!(
                "the builtin {b:?} was given a value of type {}, which its type check rules out",
                kind(v)
            )))
            }
        })
    }

    /// Builtins work through whole lists, maps and strings: pay by their size.
    fn pay_for_builtin(&self, values: &[Value]) -> Result<()> {
        for v in values {
            match v {
                Value::Str(s) => self.budget.string(s.len())?,
                other => self.budget.spend(steps(length(other)))?,
            }
        }
        Ok(())
    }
}

fn length(v: &Value) -> usize {
    match v {
        Value::List(l) => l.items.len(),
        Value::Map(m) => m.entries.len(),
        Value::Str(s) => s.chars().count(),
        _ => 0,
    }
}

/// "No item": unknown, pointing at the list that was empty.
fn empty_list_unknown(list: &List) -> Value {
    Value::unknown(
        list.path
            .clone()
            .unwrap_or_else(|| Arc::from("(empty list)")),
    )
}

/// Where a list, map or record of the facts was read from.
fn fact_path(value: &Value) -> Option<crate::value::FactPath> {
    match value {
        Value::List(l) => l.path.clone(),
        Value::Map(m) => m.path.clone(),
        Value::Record(r) => Some(r.path()),
        _ => None,
    }
}

/// What kind of value `v` is, for an internal error (never the value itself: it
/// may be a customer's data).
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Unknown(_) => "unknown",
        Value::Bool(_) => "bool",
        Value::Int(_) => "int",
        Value::Str(_) => "string",
        Value::Time(_) => "time",
        Value::Duration(_) => "duration",
        Value::Version(_) => "version",
        Value::Enum(_) => "enum value",
        Value::List(_) => "list",
        Value::Map(_) => "map",
        Value::Record(_) => "record",
    }
}
