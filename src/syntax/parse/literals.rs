//! Literals other than strings: booleans, numbers, durations, versions, lists and
//! maps. A number that does not fit in 64 bits is `phs::syntax::number`.

use super::{errors, Lowering, Result};
use crate::syntax::ast::*;
use crate::syntax::lex::DURATION_UNITS;
use crate::syntax::Rule;
use pest::iterators::Pair;

impl Lowering {
    pub(super) fn boolean(&self, pair: Pair<Rule>) -> Result<bool> {
        let word = self.inner(pair)?;
        match word.as_rule() {
            Rule::kw_true => Ok(true),
            Rule::kw_false => Ok(false),
            _ => Err(self.unexpected(&word, "a boolean")),
        }
    }

    pub(super) fn int(&self, pair: &Pair<Rule>) -> Result<i64> {
        pair.as_str()
            .parse()
            .map_err(|_| errors::number_too_big(self.span(pair)))
    }

    /// `30m`, `3h`, ...: the number of seconds.
    pub(super) fn duration(&self, pair: &Pair<Rule>) -> Result<i64> {
        let text = pair.as_str();
        let split = text.len().saturating_sub(1);
        let (digits, unit) = (
            text.get(..split).unwrap_or(""),
            text.get(split..).unwrap_or(""),
        );
        let Some(&(_, scale)) = DURATION_UNITS.iter().find(|(u, _)| unit.starts_with(*u)) else {
            return Err(errors::internal(&format!("duration unit `{unit}`")));
        };
        digits
            .parse::<i64>()
            .ok()
            .and_then(|n| n.checked_mul(scale))
            .ok_or_else(|| errors::number_too_big(self.span(pair)))
    }

    /// `1.1.524.0`: its parts.
    pub(super) fn version(&self, pair: &Pair<Rule>) -> Result<Vec<u64>> {
        pair.as_str()
            .split('.')
            .map(|part| part.parse().ok())
            .collect::<Option<_>>()
            .ok_or_else(|| errors::number_too_big(self.span(pair)))
    }

    pub(super) fn list(&self, pair: Pair<Rule>) -> Result<Vec<Expr>> {
        pair.into_inner().map(|p| self.expr(p)).collect()
    }

    pub(super) fn map(&self, pair: Pair<Rule>) -> Result<Vec<(Name, Expr)>> {
        let mut entries = Vec::new();
        for entry in pair.into_inner() {
            let mut inner = entry.into_inner();
            let key = match inner.next() {
                Some(key) if key.as_rule() == Rule::string_plain => self.plain_name(key)?,
                Some(key) if key.as_rule() == Rule::ident_any => self.name(&key),
                _ => return Err(errors::internal("a map entry without its key")),
            };
            entries.push((key, self.expr(self.take(&mut inner, Rule::expr)?)?));
        }
        Ok(entries)
    }
}
