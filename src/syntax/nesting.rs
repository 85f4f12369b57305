//! How deeply a `.phs` text nests, measured before it is parsed, so that the
//! parser and the recursion over its tree never meet a text nested deeper than
//! [`MAX_NESTING`].
//!
//! Brackets count in code and in the `{expr}` interpolations of strings, which are
//! code again (`"{"{(x)}"}"` nests three deep); brackets in comments and in the
//! text of strings do not. The scan is one pass, and its stack never holds more
//! than [`MAX_NESTING`] entries.

use crate::limits::MAX_NESTING;

/// What an open bracket was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    /// `(`, `[` or `{` in code.
    Bracket,
    /// `{` starting an interpolation in a one-line string.
    InString,
    /// `{` starting an interpolation in a `"""` block string.
    InBlock,
}

/// Where the scan is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Code,
    Str,
    Block,
    Comment,
}

/// The byte offset of the first bracket nested deeper than [`MAX_NESTING`], if any.
pub fn too_deep_at(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut open: Vec<Open> = Vec::new();
    let mut mode = Mode::Code;
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        let rest = bytes.get(at..).unwrap_or(&[]);
        let mut step = 1;
        match mode {
            Mode::Comment => {
                if b == b'\n' {
                    mode = Mode::Code;
                }
            }
            Mode::Code => match b {
                b'/' if rest.starts_with(b"//") => mode = Mode::Comment,
                b'"' if rest.starts_with(b"\"\"\"") => {
                    mode = Mode::Block;
                    step = 3;
                }
                b'"' => mode = Mode::Str,
                b'(' | b'[' | b'{' => {
                    if open.len() >= MAX_NESTING {
                        return Some(at);
                    }
                    open.push(Open::Bracket);
                }
                b')' | b']' | b'}' => {
                    mode = match open.pop() {
                        Some(Open::InString) if b == b'}' => Mode::Str,
                        Some(Open::InBlock) if b == b'}' => Mode::Block,
                        _ => Mode::Code,
                    };
                }
                _ => {}
            },
            Mode::Str | Mode::Block => {
                let block = mode == Mode::Block;
                match b {
                    b'\\' => step = 2,
                    b'"' if block && rest.starts_with(b"\"\"\"") => {
                        mode = Mode::Code;
                        step = 3;
                    }
                    b'"' if !block => mode = Mode::Code,
                    b'\n' if !block => mode = Mode::Code,
                    b'{' => {
                        if open.len() >= MAX_NESTING {
                            return Some(at);
                        }
                        open.push(if block { Open::InBlock } else { Open::InString });
                        mode = Mode::Code;
                    }
                    _ => {}
                }
            }
        }
        at = at.saturating_add(step);
    }
    None
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
