//! The operators of the language, once: each one's symbol, grammar rule, precedence,
//! associativity and family.
//!
//! The tables are the exhaustive matches in [`BinaryOp::syntax`] and
//! [`UnaryOp::syntax`]. The parser builds its Pratt table from them
//! (`parse/pratt.rs`), the printer decides its parentheses from the same
//! precedences (`print/expr.rs`), and the checker may group operators by
//! [`BinaryOp::family`]. No other place states a precedence.

use super::ast::{BinaryOp, UnaryOp};
use super::Rule;

/// How tightly an operator binds, loosest first. The variants after the operators'
/// levels are the postfix steps (`.field`, `.method()`, `[index]`) and the operands,
/// which bind tighter than any operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Prec {
    Or,
    And,
    Not,
    Compare,
    Sum,
    Product,
    Neg,
    Postfix,
    Atom,
}

impl Prec {
    /// The levels operators and postfix steps sit on, loosest first.
    pub const LEVELS: [Prec; 8] = [
        Prec::Or,
        Prec::And,
        Prec::Not,
        Prec::Compare,
        Prec::Sum,
        Prec::Product,
        Prec::Neg,
        Prec::Postfix,
    ];
}

/// Which operand a chain of operators of one level groups first. Every binary
/// operator of the language is left-associative: `a - b - c` is `(a - b) - c`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assoc {
    Left,
}

/// What kind of question an operator asks, for the checker's typing rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// `and`, `or`, `not`: three-valued logic on `bool`.
    Logic,
    /// `==`, `!=`, `<`, `<=`, `>`, `>=`: equality and order of scalars.
    Comparison,
    /// `+`, `-`, `*`, `/`, `%` and unary `-`: numbers, times and durations.
    Arithmetic,
    /// `==~`, `contains`, `contains_ci`, `starts_with`, `ends_with`: questions about
    /// text (`contains` on a list asks about membership instead).
    TextTest,
    /// `in`, `not in`: membership in a list or among a map's keys.
    Membership,
}

/// One operator as the language writes and groups it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpSyntax {
    /// As written in `.phs` (and as messages quote it).
    pub symbol: &'static str,
    /// The grammar rule that matches it in `grammar/phs.pest`.
    pub rule: Rule,
    pub prec: Prec,
    pub assoc: Assoc,
    pub family: Family,
}

const fn op(symbol: &'static str, rule: Rule, prec: Prec, family: Family) -> OpSyntax {
    OpSyntax {
        symbol,
        rule,
        prec,
        assoc: Assoc::Left,
        family,
    }
}

impl BinaryOp {
    /// Every binary operator (`syntax` is the table; a test keeps this list whole).
    pub const ALL: [BinaryOp; 20] = [
        BinaryOp::Or,
        BinaryOp::And,
        BinaryOp::Eq,
        BinaryOp::EqCi,
        BinaryOp::Ne,
        BinaryOp::Lt,
        BinaryOp::Le,
        BinaryOp::Gt,
        BinaryOp::Ge,
        BinaryOp::In,
        BinaryOp::NotIn,
        BinaryOp::Contains,
        BinaryOp::ContainsCi,
        BinaryOp::StartsWith,
        BinaryOp::EndsWith,
        BinaryOp::Add,
        BinaryOp::Sub,
        BinaryOp::Mul,
        BinaryOp::Div,
        BinaryOp::Rem,
    ];

    /// The table of binary operators.
    pub const fn syntax(self) -> OpSyntax {
        use Family::*;
        match self {
            BinaryOp::Or => op("or", Rule::op_or, Prec::Or, Logic),
            BinaryOp::And => op("and", Rule::op_and, Prec::And, Logic),
            BinaryOp::Eq => op("==", Rule::op_eq, Prec::Compare, Comparison),
            BinaryOp::EqCi => op("==~", Rule::op_eq_ci, Prec::Compare, TextTest),
            BinaryOp::Ne => op("!=", Rule::op_ne, Prec::Compare, Comparison),
            BinaryOp::Lt => op("<", Rule::op_lt, Prec::Compare, Comparison),
            BinaryOp::Le => op("<=", Rule::op_le, Prec::Compare, Comparison),
            BinaryOp::Gt => op(">", Rule::op_gt, Prec::Compare, Comparison),
            BinaryOp::Ge => op(">=", Rule::op_ge, Prec::Compare, Comparison),
            BinaryOp::In => op("in", Rule::op_in, Prec::Compare, Membership),
            BinaryOp::NotIn => op("not in", Rule::op_not_in, Prec::Compare, Membership),
            BinaryOp::Contains => op("contains", Rule::op_contains, Prec::Compare, TextTest),
            BinaryOp::ContainsCi => {
                op("contains_ci", Rule::op_contains_ci, Prec::Compare, TextTest)
            }
            BinaryOp::StartsWith => {
                op("starts_with", Rule::op_starts_with, Prec::Compare, TextTest)
            }
            BinaryOp::EndsWith => op("ends_with", Rule::op_ends_with, Prec::Compare, TextTest),
            BinaryOp::Add => op("+", Rule::op_add, Prec::Sum, Arithmetic),
            BinaryOp::Sub => op("-", Rule::op_sub, Prec::Sum, Arithmetic),
            BinaryOp::Mul => op("*", Rule::op_mul, Prec::Product, Arithmetic),
            BinaryOp::Div => op("/", Rule::op_div, Prec::Product, Arithmetic),
            BinaryOp::Rem => op("%", Rule::op_rem, Prec::Product, Arithmetic),
        }
    }

    /// The operator as written in `.phs`.
    pub const fn symbol(self) -> &'static str {
        self.syntax().symbol
    }

    pub const fn prec(self) -> Prec {
        self.syntax().prec
    }

    pub const fn family(self) -> Family {
        self.syntax().family
    }

    /// The operator a grammar rule matches, if it matches one.
    pub fn from_rule(rule: Rule) -> Option<BinaryOp> {
        BinaryOp::ALL
            .into_iter()
            .find(|op| op.syntax().rule == rule)
    }
}

impl UnaryOp {
    /// Every prefix operator (`syntax` is the table; a test keeps this list whole).
    pub const ALL: [UnaryOp; 2] = [UnaryOp::Not, UnaryOp::Neg];

    /// The table of prefix operators.
    pub const fn syntax(self) -> OpSyntax {
        match self {
            UnaryOp::Not => op("not", Rule::op_not, Prec::Not, Family::Logic),
            UnaryOp::Neg => op("-", Rule::op_neg, Prec::Neg, Family::Arithmetic),
        }
    }

    pub const fn family(self) -> Family {
        self.syntax().family
    }

    /// The operator a grammar rule matches, if it matches one.
    pub fn from_rule(rule: Rule) -> Option<UnaryOp> {
        UnaryOp::ALL.into_iter().find(|op| op.syntax().rule == rule)
    }
}

/// The postfix steps, which bind tighter than every operator ([`Prec::Postfix`]).
pub const POSTFIX: [Rule; 3] = [Rule::method_call, Rule::field_access, Rule::index];

#[cfg(test)]
mod tests {
    use super::*;

    /// `ALL` lists each operator once: the exhaustive `syntax` match cannot check
    /// that for it, so this does (a missing operator would never parse).
    #[test]
    fn every_operator_is_listed_once_with_its_own_rule() {
        let rules: Vec<Rule> = BinaryOp::ALL
            .iter()
            .map(|op| op.syntax().rule)
            .chain(UnaryOp::ALL.iter().map(|op| op.syntax().rule))
            .collect();
        for (i, rule) in rules.iter().enumerate() {
            assert!(
                !rules.iter().skip(i + 1).any(|r| r == rule),
                "{rule:?} twice"
            );
        }
        for op in BinaryOp::ALL {
            assert_eq!(BinaryOp::from_rule(op.syntax().rule), Some(op));
        }
        // Distinct rules mean distinct operators; as many as the last variant's
        // index plus one means every variant.
        assert_eq!(BinaryOp::ALL.len(), BinaryOp::Rem as usize + 1);
        assert_eq!(UnaryOp::ALL.len(), UnaryOp::Neg as usize + 1);
    }

    /// docs/language.md states the precedences for people; it must say what the
    /// table says. Each level but the comparisons (which it sums up) is written as
    /// its operators' symbols in one code span, loosest first.
    #[test]
    fn the_language_reference_lists_the_levels_in_table_order() {
        let docs = include_str!("../../docs/language.md").replace('\n', " ");
        let Some(start) = docs.find("Precedence, loosest first:") else {
            panic!("docs/language.md no longer states the precedence");
        };
        let sentence = docs.get(start..).unwrap_or_default();
        let mut at = 0;
        for prec in Prec::LEVELS {
            let symbols: Vec<&str> = BinaryOp::ALL
                .iter()
                .map(|op| op.syntax())
                .chain(UnaryOp::ALL.iter().map(|op| op.syntax()))
                .filter(|s| s.prec == prec)
                .map(|s| s.symbol)
                .collect();
            if symbols.is_empty() || prec == Prec::Compare {
                continue;
            }
            let written = format!("`{}`", symbols.join(" "));
            let Some(found) = sentence.get(at..).and_then(|rest| rest.find(&written)) else {
                panic!("{written} ({prec:?}) is missing or out of order in docs/language.md");
            };
            at += found + written.len();
        }
    }

    #[test]
    fn operators_sit_on_operator_levels() {
        for op in BinaryOp::ALL {
            assert!(
                op.prec() < Prec::Postfix && op.prec() != Prec::Not,
                "{op:?}"
            );
        }
        assert!(Prec::LEVELS.contains(&UnaryOp::Not.syntax().prec));
    }
}
