//! Parsing: the limits checked on the text first (`precheck.rs`), pest's grammar,
//! then lowering pest's pairs into the syntax tree of [`super::ast`].
//!
//! One file per idea: items and the pack header (`items.rs`), rule clauses and
//! overrides (`rules.rs`), schema declarations and types (`schema.rs`), expressions
//! (`exprs.rs`) over the operator table (`pratt.rs`), literals (`literals.rs`),
//! strings (`strings.rs`), pest's errors worded for people (`expected.rs`) and
//! every diagnostic the parser gives (`errors.rs`).
//!
//! The grammar guarantees the shape of the pairs; where the lowering finds another
//! shape anyway it returns `phs::internal` ([`errors::internal`]), never a default.

mod errors;
mod expected;
mod exprs;
mod items;
mod literals;
mod pratt;
mod precheck;
mod rules;
mod schema;
mod strings;

use super::ast::{File, Name};
use super::{PhsParser, Rule};
use crate::diag::Diagnostic;
use crate::source::{FileId, Span};
use pest::iterators::Pair;
use pest::Parser as _;

type Result<T> = std::result::Result<T, Diagnostic>;

/// Parse one `.phs` file into its syntax tree.
pub fn parse_file(file: FileId, text: &str) -> Result<File> {
    precheck::check_text(file, text)?;
    let mut pairs =
        PhsParser::parse(Rule::file, text).map_err(|e| expected::syntax_error(file, text, &e))?;
    let root = pairs
        .next()
        .ok_or_else(|| errors::internal("no `file` pair"))?;
    Lowering { file }.file(root)
}

/// Turns the pairs of one file into syntax tree nodes with spans in that file.
struct Lowering {
    file: FileId,
}

impl Lowering {
    fn span(&self, pair: &Pair<Rule>) -> Span {
        let s = pair.as_span();
        Span::new(self.file, s.start(), s.end())
    }

    fn name(&self, pair: &Pair<Rule>) -> Name {
        Name {
            text: pair.as_str().to_string(),
            span: self.span(pair),
        }
    }

    /// The next of `pairs`, which the grammar guarantees is a `rule`.
    fn take<'i>(
        &self,
        pairs: &mut impl Iterator<Item = Pair<'i, Rule>>,
        rule: Rule,
    ) -> Result<Pair<'i, Rule>> {
        match pairs.next() {
            Some(pair) if pair.as_rule() == rule => Ok(pair),
            Some(pair) => Err(errors::internal(&format!(
                "expected {rule:?}, found {:?}",
                pair.as_rule()
            ))),
            None => Err(errors::internal(&format!(
                "expected {rule:?}, found nothing"
            ))),
        }
    }

    /// The name in the next of `pairs`, which the grammar guarantees is a `rule`.
    fn take_name<'i>(
        &self,
        pairs: &mut impl Iterator<Item = Pair<'i, Rule>>,
        rule: Rule,
    ) -> Result<Name> {
        self.take(pairs, rule).map(|pair| self.name(&pair))
    }

    /// The one pair inside `pair`, which the grammar guarantees is there.
    fn inner<'i>(&self, pair: Pair<'i, Rule>) -> Result<Pair<'i, Rule>> {
        let rule = pair.as_rule();
        pair.into_inner()
            .next()
            .ok_or_else(|| errors::internal(&format!("empty {rule:?}")))
    }

    /// A pair the grammar does not allow where it was found.
    fn unexpected(&self, pair: &Pair<Rule>, place: &str) -> Diagnostic {
        errors::internal(&format!("unexpected {:?} in {place}", pair.as_rule()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pair_the_grammar_rules_out_is_an_internal_error_not_a_default() {
        let Ok(mut pairs) = PhsParser::parse(Rule::expr, "1 + 2") else {
            panic!("`1 + 2` is an expression");
        };
        let lowering = Lowering {
            file: FileId::default(),
        };
        let Err(err) = lowering.take(&mut pairs, Rule::string) else {
            panic!("an `expr` pair is not a `string`");
        };
        assert_eq!(err.code, "phs::internal");
        assert_eq!(
            err.message,
            "internal error in the parser: expected string, found expr"
        );
        assert!(
            lowering.take(&mut pairs, Rule::expr).is_err(),
            "nothing is left"
        );
    }
}
