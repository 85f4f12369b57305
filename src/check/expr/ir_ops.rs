//! The IR operator of each syntax operator, one mapping per family of the
//! operator table (`syntax/ops.rs`). Each match names every operator, so a new
//! one cannot be typed by accident: the operators of other families map to
//! `None`, which the typing function of the family reports as an internal error.

use crate::check::program::{Arith, Compare, StrTest};
use crate::syntax::ast::BinaryOp::{self, *};

/// `and`, `or`: whether the operator is `and`.
pub(super) fn logic(op: BinaryOp) -> Option<bool> {
    match op {
        And => Some(true),
        Or => Some(false),
        Eq | Ne | Lt | Le | Gt | Ge => None,
        In | NotIn => None,
        Contains | ContainsCi | StartsWith | EndsWith | EqCi => None,
        Add | Sub | Mul | Div | Rem => None,
    }
}

/// `==`, `!=`, `<`, `<=`, `>`, `>=`.
pub(super) fn comparison(op: BinaryOp) -> Option<Compare> {
    match op {
        Eq => Some(Compare::Eq),
        Ne => Some(Compare::Ne),
        Lt => Some(Compare::Lt),
        Le => Some(Compare::Le),
        Gt => Some(Compare::Gt),
        Ge => Some(Compare::Ge),
        And | Or => None,
        In | NotIn => None,
        Contains | ContainsCi | StartsWith | EndsWith | EqCi => None,
        Add | Sub | Mul | Div | Rem => None,
    }
}

/// `in`, `not in`: whether the membership is negated.
pub(super) fn membership(op: BinaryOp) -> Option<bool> {
    match op {
        In => Some(false),
        NotIn => Some(true),
        And | Or => None,
        Eq | Ne | Lt | Le | Gt | Ge => None,
        Contains | ContainsCi | StartsWith | EndsWith | EqCi => None,
        Add | Sub | Mul | Div | Rem => None,
    }
}

/// `contains`, `contains_ci`, `starts_with`, `ends_with`, `==~`.
pub(super) fn text_test(op: BinaryOp) -> Option<StrTest> {
    match op {
        Contains => Some(StrTest::Contains),
        ContainsCi => Some(StrTest::ContainsCi),
        StartsWith => Some(StrTest::StartsWith),
        EndsWith => Some(StrTest::EndsWith),
        EqCi => Some(StrTest::EqCi),
        And | Or => None,
        Eq | Ne | Lt | Le | Gt | Ge => None,
        In | NotIn => None,
        Add | Sub | Mul | Div | Rem => None,
    }
}

/// `+`, `-`, `*`, `/`, `%`.
pub(super) fn arithmetic(op: BinaryOp) -> Option<Arith> {
    match op {
        Add => Some(Arith::Add),
        Sub => Some(Arith::Sub),
        Mul => Some(Arith::Mul),
        Div => Some(Arith::Div),
        Rem => Some(Arith::Rem),
        And | Or => None,
        Eq | Ne | Lt | Le | Gt | Ge => None,
        In | NotIn => None,
        Contains | ContainsCi | StartsWith | EndsWith | EqCi => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::ops::Family;

    /// Every operator maps to an IR operator in exactly the family the table gives it.
    #[test]
    fn each_operator_maps_in_its_family() {
        for op in BinaryOp::ALL {
            let families = [
                (Family::Logic, logic(op).is_some()),
                (Family::Comparison, comparison(op).is_some()),
                (Family::Membership, membership(op).is_some()),
                (Family::TextTest, text_test(op).is_some()),
                (Family::Arithmetic, arithmetic(op).is_some()),
            ];
            for (family, maps) in families {
                assert_eq!(maps, op.family() == family, "{}", op.symbol());
            }
        }
    }
}
