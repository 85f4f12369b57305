//! String literals: one-line strings and `"""` blocks with their escapes and
//! interpolations, and the plain strings of titles, enum values and map keys.

use super::{errors, Lowering, Result};
use crate::syntax::ast::*;
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
                Rule::escape => push_text(&mut parts, unescape(p.as_str())?),
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

fn unescape(escape: &str) -> Result<&'static str> {
    Ok(match escape {
        "\\n" => "\n",
        "\\t" => "\t",
        "\\\"" => "\"",
        "\\\\" => "\\",
        "\\{" => "{",
        "\\}" => "}",
        _ => return Err(errors::internal(&format!("escape `{escape}`"))),
    })
}

fn push_text(parts: &mut Vec<StrPart>, text: &str) {
    if let Some(StrPart::Text(last)) = parts.last_mut() {
        last.push_str(text);
    } else {
        parts.push(StrPart::Text(text.to_string()));
    }
}

/// Remove a block string's common indentation, its first line break and the
/// whitespace before the closing `"""`.
fn dedent(parts: &mut [StrPart]) {
    let lines_after_breaks = parts.iter().flat_map(|p| match p {
        StrPart::Text(t) => t.split('\n').skip(1).collect::<Vec<_>>(),
        StrPart::Interp(_) => Vec::new(),
    });
    let indent = lines_after_breaks
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    for part in parts.iter_mut() {
        if let StrPart::Text(t) = part {
            let mut out = String::with_capacity(t.len());
            for (i, line) in t.split('\n').enumerate() {
                if i > 0 {
                    out.push('\n');
                    let ws = line.len() - line.trim_start_matches([' ', '\t']).len();
                    out.push_str(line.get(ws.min(indent)..).unwrap_or(""));
                } else {
                    out.push_str(line);
                }
            }
            *t = out;
        }
    }
    if let Some(StrPart::Text(first)) = parts.first_mut() {
        if let Some(rest) = first.strip_prefix('\n') {
            *first = rest.to_string();
        }
    }
    if let Some(StrPart::Text(last)) = parts.last_mut() {
        let trimmed = last.trim_end_matches([' ', '\t']);
        let trimmed = trimmed.strip_suffix('\n').unwrap_or(trimmed);
        *last = trimmed.to_string();
    }
}
