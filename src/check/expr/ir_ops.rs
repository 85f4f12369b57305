//! The IR operator of each syntax operator. The match names every operator, so a
//! new one must be mapped here; the typing function of each family in the
//! operator table (`syntax/ops.rs`) reports an operator it gets in another
//! family's shape as an internal error.

use crate::check::program::{Arith, Compare, StrTest};
use crate::syntax::ast::BinaryOp::{self, *};

/// A binary operator as the IR has it, in the shape of its family.
#[derive(Debug, Clone, Copy)]
pub(super) enum IrOp {
    /// `and`, `or`: whether it is `and`.
    Logic(bool),
    /// `==`, `!=`, `<`, `<=`, `>`, `>=`.
    Comparison(Compare),
    /// `in`, `not in`: whether the membership is negated.
    Membership(bool),
    /// `contains`, `contains_ci`, `starts_with`, `ends_with`, `==~`.
    TextTest(StrTest),
    /// `+`, `-`, `*`, `/`, `%`.
    Arithmetic(Arith),
}

pub(super) fn ir_op(op: BinaryOp) -> IrOp {
    match op {
        And => IrOp::Logic(true),
        Or => IrOp::Logic(false),
        Eq => IrOp::Comparison(Compare::Eq),
        Ne => IrOp::Comparison(Compare::Ne),
        Lt => IrOp::Comparison(Compare::Lt),
        Le => IrOp::Comparison(Compare::Le),
        Gt => IrOp::Comparison(Compare::Gt),
        Ge => IrOp::Comparison(Compare::Ge),
        In => IrOp::Membership(false),
        NotIn => IrOp::Membership(true),
        Contains => IrOp::TextTest(StrTest::Contains),
        ContainsCi => IrOp::TextTest(StrTest::ContainsCi),
        StartsWith => IrOp::TextTest(StrTest::StartsWith),
        EndsWith => IrOp::TextTest(StrTest::EndsWith),
        EqCi => IrOp::TextTest(StrTest::EqCi),
        Add => IrOp::Arithmetic(Arith::Add),
        Sub => IrOp::Arithmetic(Arith::Sub),
        Mul => IrOp::Arithmetic(Arith::Mul),
        Div => IrOp::Arithmetic(Arith::Div),
        Rem => IrOp::Arithmetic(Arith::Rem),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::ops::Family;

    /// Every operator maps to an IR operator of the family the table gives it.
    #[test]
    fn each_operator_maps_in_its_family() {
        for op in BinaryOp::ALL {
            let family = match ir_op(op) {
                IrOp::Logic(_) => Family::Logic,
                IrOp::Comparison(_) => Family::Comparison,
                IrOp::Membership(_) => Family::Membership,
                IrOp::TextTest(_) => Family::TextTest,
                IrOp::Arithmetic(_) => Family::Arithmetic,
            };
            assert_eq!(family, op.family(), "{}", op.symbol());
        }
    }
}
