//! Walking a rule's checked condition in one binding's frame into the [`Node`] tree
//! `explain` shows: each `and`/`or` chain, `not` and quantifier is a node with its
//! children, any other condition a node with the facts it reads.

use super::reads::{reads, text};
use super::{cut, path_texts, Node, Read, MAX_ITEMS};
use crate::check::program::{Expr, ExprKind, Program, Slot};
use crate::check::types::Type;
use crate::eval::expr::Context;
use crate::eval::show::{label_of, show};
use crate::eval::EvalError;
use crate::source::Sources;
use crate::value::Value;
use std::collections::BTreeMap;

/// What a walk needs besides the frame: the evaluation context, the rule files'
/// text, and the names shown once at the top (parameters, `now`) rather than with
/// every condition.
pub(super) struct Walk<'a> {
    pub(super) ctx: &'a Context<'a>,
    pub(super) sources: &'a Sources,
    pub(super) shown_once: Vec<String>,
}

impl Walk<'_> {
    /// The node of a condition, evaluated in a binding's frame.
    pub(super) fn node(&self, e: &Expr, frame: &mut Vec<Value>) -> Result<Node, EvalError> {
        let ctx = self.ctx;
        let value = ctx.eval(e, frame)?;
        let mut node = Node {
            text: text(self.sources, e),
            value: node_value(ctx.program, &e.ty, &value),
            unknown: path_texts(value.unknown_paths()),
            ..Node::default()
        };
        match &e.kind {
            ExprKind::And(..) | ExprKind::Or(..) => {
                for part in e.chain(matches!(e.kind, ExprKind::And(..))) {
                    node.children.push(self.node(part, frame)?);
                }
            }
            ExprKind::Not(operand) => node.children.push(self.node(operand, frame)?),
            ExprKind::Quant {
                kind,
                var,
                slot,
                source,
                cond,
            } => {
                node.text = format!("{} {var} in {}", kind.keyword(), text(self.sources, source));
                node.children = self.items(var, *slot, source, cond, frame)?;
                node.text.push_str(&tally(&node.children));
            }
            _ => {
                let (reads, quantifiers) = reads(e, self.sources, &self.shown_once);
                for (name, read) in reads {
                    let v = ctx.eval(read, frame)?;
                    node.reads.push(Read {
                        name,
                        value: display(ctx.program, &read.ty, &v),
                    });
                }
                for q in quantifiers {
                    node.children.push(self.node(q, frame)?);
                }
            }
        }
        Ok(node)
    }

    /// One node per item of a quantifier's list: the item and its condition.
    fn items(
        &self,
        var: &str,
        slot: Slot,
        source: &Expr,
        cond: &Expr,
        frame: &mut Vec<Value>,
    ) -> Result<Vec<Node>, EvalError> {
        let Value::List(list) = self.ctx.eval(source, frame)? else {
            return Ok(Vec::new());
        };
        let elem = match &source.ty {
            Type::List(t) => &**t,
            _ => &Type::Any,
        };
        let mut out = Vec::new();
        for item in list.items.iter().take(MAX_ITEMS) {
            Context::set(frame, slot, item.clone());
            let mut node = self.node(cond, frame)?;
            node.text = format!("{var} = {}", item_label(self.ctx.program, elem, item));
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
