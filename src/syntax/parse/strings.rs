//! String literals: one-line strings and `"""` blocks with their escapes and
//! interpolations, and the plain strings of titles, enum values and map keys. What
//! escapes mean and what indentation a block loses is the lexer's (`syntax/lex/`).

use super::{errors, Lowering, Result};
use crate::syntax::ast::*;
use crate::syntax::lex::block::dedent;
use crate::syntax::lex::escape::unescape;
use crate::syntax::Rule;
use pest::iterators::Pair;

impl Lowering {
    /// A `string` or `block_string`: text and interpolations, escapes decoded, a
    /// block's indentation removed.
    pub(super) fn string(&self, pair: Pair<Rule>) -> Result<StrLit> {
        let span = self.span(&pair);
        let block = match pair.as_rule() {
            Rule::string => false,
            Rule::block_string => true,
            _ => return Err(self.unexpected(&pair, "string position")),
        };
        let mut parts: Vec<StrPart> = Vec::new();
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::interpolation => parts.push(StrPart::Interp(self.expr(self.inner(p)?)?)),
                Rule::escape => {
                    let ch = unescape(p.as_str())
                        .ok_or_else(|| errors::internal(&format!("escape `{}`", p.as_str())))?;
                    push_text(&mut parts, ch.encode_utf8(&mut [0; 4]));
                }
                Rule::text | Rule::block_text => push_text(&mut parts, p.as_str()),
                _ => return Err(self.unexpected(&p, "a string")),
            }
        }
        if block {
            dedent(&mut parts);
        }
        Ok(StrLit { parts, block, span })
    }

    /// A `string_plain` (a rule's title) as a string literal of one text part.
    pub(super) fn plain_string(&self, pair: Pair<Rule>) -> Result<StrLit> {
        let Name { text, span } = self.plain_name(pair)?;
        Ok(StrLit {
            parts: vec![StrPart::Text(text)],
            block: false,
            span,
        })
    }

    /// A `string_plain` (a quoted enum value or map key): its text, and the span of
    /// the whole string with its quotes.
    pub(super) fn plain_name(&self, pair: Pair<Rule>) -> Result<Name> {
        let span = self.span(&pair);
        let text = self.inner(pair)?.as_str().to_string();
        Ok(Name { text, span })
    }
}

fn push_text(parts: &mut Vec<StrPart>, text: &str) {
    if let Some(StrPart::Text(last)) = parts.last_mut() {
        last.push_str(text);
    } else {
        parts.push(StrPart::Text(text.to_string()));
    }
}
