//! pest's Pratt parser, built from the operator table of `syntax/ops.rs`.

use crate::syntax::ast::{BinaryOp, UnaryOp};
use crate::syntax::ops::{self, Prec, POSTFIX};
use crate::syntax::Rule;
use pest::pratt_parser::{Assoc, Op, PrattParser};
use std::sync::OnceLock;

/// The Pratt table: one level per [`Prec`], loosest first, each holding the
/// operators of that precedence.
pub fn pratt() -> &'static PrattParser<Rule> {
    static PRATT: OnceLock<PrattParser<Rule>> = OnceLock::new();
    PRATT.get_or_init(|| {
        Prec::LEVELS
            .into_iter()
            .filter_map(level)
            .fold(PrattParser::new(), PrattParser::op)
    })
}

/// The operators of one precedence level, as pest's Pratt parser takes them.
fn level(prec: Prec) -> Option<Op<Rule>> {
    let infix = BinaryOp::ALL
        .into_iter()
        .map(BinaryOp::syntax)
        .filter(|s| s.prec == prec)
        .map(|s| Op::infix(s.rule, assoc(s.assoc)));
    let prefix = UnaryOp::ALL
        .into_iter()
        .map(UnaryOp::syntax)
        .filter(|s| s.prec == prec)
        .map(|s| Op::prefix(s.rule));
    let postfix = POSTFIX
        .into_iter()
        .filter(|_| prec == Prec::Postfix)
        .map(Op::postfix);
    infix.chain(prefix).chain(postfix).reduce(|a, b| a | b)
}

fn assoc(assoc: ops::Assoc) -> Assoc {
    match assoc {
        ops::Assoc::Left => Assoc::Left,
    }
}

/// Whether `rule` counts towards [`crate::limits::MAX_EXPR_OPERATORS`]: operators,
/// postfix steps, and the operands that hold expressions of their own.
pub fn is_operator(rule: Rule) -> bool {
    BinaryOp::from_rule(rule).is_some()
        || UnaryOp::from_rule(rule).is_some()
        || POSTFIX.contains(&rule)
        || matches!(rule, Rule::quantifier | Rule::call | Rule::if_expr)
}
