//! How deeply a `.phs` text nests, measured before it is parsed, so that the
//! parser and the recursion over its tree never meet a text nested deeper than
//! [`MAX_NESTING`].
//!
//! Brackets count in code and in the `{expr}` interpolations of strings, which are
//! code again (`"{"{(x)}"}"` nests three deep); brackets in comments and in the
//! text of strings do not. The scan is the lexer's (`syntax/lex/`), one pass, and
//! stops at the first bracket too deep, so its stack never holds more than
//! [`MAX_NESTING`] + 1 entries.

use super::lex::{Lexer, Token};
use crate::limits::MAX_NESTING;

/// The byte offset of the first bracket nested deeper than [`MAX_NESTING`], if any.
pub fn too_deep_at(text: &str) -> Option<usize> {
    Lexer::new(text).find_map(|token| match token {
        Token::Open { at, depth } if depth >= MAX_NESTING => Some(at),
        Token::Open { .. } | Token::Comment { .. } => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_in_code_count() {
        let deep = "(".repeat(MAX_NESTING + 1);
        assert_eq!(too_deep_at(&deep), Some(MAX_NESTING));
        assert_eq!(too_deep_at(&"(".repeat(MAX_NESTING)), None);
    }

    #[test]
    fn interpolations_are_code_again() {
        let deep = format!("\"{}", "{\"".repeat(MAX_NESTING + 1));
        assert!(too_deep_at(&deep).is_some());
        let block = format!("\"\"\"{}", "{\"\"\"".repeat(MAX_NESTING + 1));
        assert!(too_deep_at(&block).is_some());
    }

    #[test]
    fn brackets_in_text_and_comments_do_not_count() {
        let text = format!(
            "\"{0}\" // {0} \"\n\"\"\"{0}\n\"\"\" \"\\{{{0}\"",
            "(".repeat(MAX_NESTING + 1)
        );
        assert_eq!(too_deep_at(&text), None);
    }

    #[test]
    fn closing_an_interpolation_returns_to_its_string() {
        // `"a {x} ((("`: the brackets after the interpolation are text.
        let text = format!("\"a {{x}} {}\"", "(".repeat(MAX_NESTING + 1));
        assert_eq!(too_deep_at(&text), None);
    }
}
