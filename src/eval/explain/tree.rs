//! Evaluating a plan in one binding's frame into the [`Node`] tree `explain` shows.

use super::plan::{Plan, PlanKind};
use super::{cut, path_texts, Node, Read, MAX_ITEMS};
use crate::check::program::{Expr, Program, Slot};
use crate::check::types::Type;
use crate::eval::expr::Context;
use crate::eval::show::{label_of, show};
use crate::eval::EvalError;
use crate::value::Value;
use std::collections::BTreeMap;

/// Evaluate a plan in a binding's frame.
pub(super) fn evaluate(
    ctx: &Context,
    plan: &Plan,
    frame: &mut Vec<Value>,
) -> Result<Node, EvalError> {
    let value = ctx.eval(plan.expr, frame)?;
    let mut node = Node {
        text: plan.text.clone(),
        value: node_value(ctx.program, &plan.expr.ty, &value),
        unknown: path_texts(value.unknown_paths()),
        ..Node::default()
    };
    match &plan.kind {
        PlanKind::Logic(parts) => {
            for p in parts {
                node.children.push(evaluate(ctx, p, frame)?);
            }
        }
        PlanKind::Quantifier {
            var,
            slot,
            source,
            cond,
        } => {
            node.children = items(ctx, var, *slot, source, cond, frame)?;
            node.text.push_str(&tally(&node.children));
        }
        PlanKind::Leaf { reads, nested } => {
            for (name, e) in reads {
                let v = ctx.eval(e, frame)?;
                node.reads.push(Read {
                    name: name.clone(),
                    value: display(ctx.program, &e.ty, &v),
                });
            }
            for q in nested {
                node.children.push(evaluate(ctx, q, frame)?);
            }
        }
    }
    Ok(node)
}

/// One node per item of a quantifier's list: the item and its condition.
fn items(
    ctx: &Context,
    var: &str,
    slot: Slot,
    source: &Expr,
    cond: &Plan,
    frame: &mut Vec<Value>,
) -> Result<Vec<Node>, EvalError> {
    let Value::List(list) = ctx.eval(source, frame)? else {
        return Ok(Vec::new());
    };
    let elem = match &source.ty {
        Type::List(t) => &**t,
        _ => &Type::Any,
    };
    let mut out = Vec::new();
    for item in list.items.iter().take(MAX_ITEMS) {
        Context::set(frame, slot, item.clone());
        let mut node = evaluate(ctx, cond, frame)?;
        node.text = format!("{var} = {}", item_label(ctx.program, elem, item));
        out.push(node);
    }
    if list.items.len() > MAX_ITEMS {
        out.push(Node {
            text: format!("... {} more", list.items.len() - MAX_ITEMS),
            ..Node::default()
        });
    }
    Ok(out)
}

/// ` (6 items: 0 true, 6 false)`: how the items of a quantifier went.
fn tally(items: &[Node]) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for item in items.iter().filter(|n| !n.value.is_empty()) {
        *counts.entry(&item.value).or_default() += 1;
    }
    let total: usize = counts.values().sum();
    let parts: Vec<String> = counts.iter().map(|(v, n)| format!("{n} {v}")).collect();
    if total == 0 {
        " (no items)".to_string()
    } else {
        format!(
            " ({total} item{}: {})",
            if total == 1 { "" } else { "s" },
            parts.join(", ")
        )
    }
}

/// `events[3] (654)` for a record, the value itself otherwise.
fn item_label(program: &Program, ty: &Type, item: &Value) -> String {
    match item {
        Value::Record(r) => match label_of(&program.schema, ty, r) {
            Some(label) => format!("{} ({})", r.path(), cut(&label)),
            None => r.path().to_string(),
        },
        other => display(program, ty, other),
    }
}

fn node_value(program: &Program, ty: &Type, v: &Value) -> String {
    match v {
        Value::Unknown(_) => "unknown".to_string(),
        other => display(program, ty, other),
    }
}

/// A value as `explain` shows it: strings quoted, lists of records counted, long
/// values cut.
pub(super) fn display(program: &Program, ty: &Type, v: &Value) -> String {
    match v {
        Value::Str(s) => format!("\"{}\"", cut(s)),
        Value::List(list) if list.items.is_empty() => "(empty)".to_string(),
        Value::List(list) if matches!(list.items.first(), Some(Value::Record(_))) => {
            let n = list.items.len();
            format!("({n} item{})", if n == 1 { "" } else { "s" })
        }
        other => cut(&show(&program.schema, ty, other)),
    }
}
