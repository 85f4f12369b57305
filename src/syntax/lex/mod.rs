//! The lexical layer of `.phs` text, the one place that knows where comments,
//! strings and interpolations start and end and how strings escape and indent.
//!
//! The grammar (`grammar/phs.pest`) is what parses; this module serves what must
//! read the text without parsing it, or write text the grammar reads back:
//! - [`Lexer`]: the `//` comments (which the grammar skips) and the brackets of a
//!   text, for the nesting limit checked before parsing (`syntax/nesting.rs`) and
//!   for the formatter's comments (`print/comments.rs`);
//! - [`escape`]: the escapes of strings, decoded by the parser and written by the
//!   printer from one table;
//! - [`block`]: the indentation a `"""` block loses, removed by the parser and
//!   planned for by the printer with one measure;
//! - [`DURATION_UNITS`]: the units of duration literals, read by the parser and
//!   chosen from by the printer.

pub mod block;
pub mod escape;

use std::collections::HashSet;

/// The units of duration literals (`30m`, `7d`), largest first, with their
/// seconds: what the parser reads and the printer chooses from.
pub const DURATION_UNITS: [(char, i64); 5] = [
    ('w', 604_800),
    ('d', 86_400),
    ('h', 3_600),
    ('m', 60),
    ('s', 1),
];

/// What the lexer meets, in source order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token {
    /// `//` up to the end of its line (byte offsets); `doc`: a `///` doc comment.
    Comment { start: usize, end: usize, doc: bool },
    /// A `(`, `[` or `{` in code, or the `{` of an interpolation, inside `depth`
    /// others.
    Open { at: usize, depth: usize },
}

/// Where the lexer is: in code, or in the text of a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Code,
    /// A one-line `"..."` string.
    Line,
    /// A `"""` block.
    Block,
}

/// What an open bracket was; an interpolation remembers the string it returns to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    Bracket,
    Interpolation(Mode),
}

/// The tokens of a text, one pass, byte by byte.
///
/// In code, `"` opens a string and `{` in a string opens code again until its `}`.
/// A one-line string also ends at a line break (the text does not parse then, and
/// the lexer goes on in code). Strings without escapes or interpolations (rule
/// titles, quoted enum values and map keys) cannot be told from the others without
/// parsing: `plain` holds where they start, when the caller knows, and their `{`
/// and `\` are text. The stack of open brackets grows by one per [`Token::Open`],
/// so a caller that stops at a depth bounds it.
#[derive(Debug)]
pub struct Lexer<'t> {
    text: &'t str,
    plain: Option<&'t HashSet<usize>>,
    pos: usize,
    mode: Mode,
    open: Vec<Open>,
}

impl<'t> Lexer<'t> {
    /// A lexer that takes every string for one that may interpolate.
    pub fn new(text: &'t str) -> Self {
        Lexer {
            text,
            plain: None,
            pos: 0,
            mode: Mode::Code,
            open: Vec::new(),
        }
    }

    /// A lexer told where the plain strings of a parsed text start.
    pub fn with_plain_strings(text: &'t str, plain: &'t HashSet<usize>) -> Self {
        Lexer {
            plain: Some(plain),
            ..Lexer::new(text)
        }
    }

    fn is_plain(&self, at: usize) -> bool {
        self.plain.is_some_and(|starts| starts.contains(&at))
    }

    /// The one-byte opener at `at` (a bracket or an interpolation's `{`): the lexer
    /// moves past it and remembers what it opened.
    fn open(&mut self, at: usize, open: Open) -> Token {
        self.pos = at + 1;
        let depth = self.open.len();
        self.open.push(open);
        Token::Open { at, depth }
    }

    /// One step in code from `at`, where the byte `b` is.
    fn code(&mut self, at: usize, b: u8, rest: &[u8]) -> Option<Token> {
        let mut step = 1;
        match b {
            b'/' if rest.starts_with(b"//") => {
                let end = line_end(self.text, at);
                self.pos = end;
                let doc = rest.starts_with(b"///");
                return Some(Token::Comment {
                    start: at,
                    end,
                    doc,
                });
            }
            b'"' if self.is_plain(at) => {
                let close = rest.iter().skip(1).position(|&c| c == b'"');
                step = close.map_or(rest.len(), |c| c + 2);
            }
            b'"' if rest.starts_with(b"\"\"\"") => {
                self.mode = Mode::Block;
                step = 3;
            }
            b'"' => self.mode = Mode::Line,
            b'(' | b'[' | b'{' => return Some(self.open(at, Open::Bracket)),
            b')' | b']' | b'}' => {
                self.mode = match self.open.pop() {
                    Some(Open::Interpolation(string)) if b == b'}' => string,
                    _ => Mode::Code,
                };
            }
            _ => {}
        }
        self.pos = at.saturating_add(step);
        None
    }

    /// One step in the text of a string from `at`, where the byte `b` is.
    fn string(&mut self, at: usize, b: u8, rest: &[u8]) -> Option<Token> {
        let block = self.mode == Mode::Block;
        let mut step = 1;
        match b {
            b'\\' => step = 2,
            b'"' if block && rest.starts_with(b"\"\"\"") => {
                self.mode = Mode::Code;
                step = 3;
            }
            b'"' | b'\n' if !block => self.mode = Mode::Code,
            b'{' => {
                let string = self.mode;
                self.mode = Mode::Code;
                return Some(self.open(at, Open::Interpolation(string)));
            }
            _ => {}
        }
        self.pos = at.saturating_add(step);
        None
    }
}

impl Iterator for Lexer<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let bytes = self.text.as_bytes();
        while let Some(&b) = bytes.get(self.pos) {
            let at = self.pos;
            let rest = bytes.get(at..).unwrap_or_default();
            let token = match self.mode {
                Mode::Code => self.code(at, b, rest),
                Mode::Line | Mode::Block => self.string(at, b, rest),
            };
            if token.is_some() {
                return token;
            }
        }
        None
    }
}

/// Whether `text` is a name as the grammar's `ident_any` reads one (a letter or `_`,
/// then letters, digits and `_`), so that a map key may go unquoted.
pub fn is_name(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The offset of the line break that ends the line holding `pos` (or the end).
pub fn line_end(text: &str, pos: usize) -> usize {
    text.get(pos..)
        .and_then(|rest| rest.find('\n'))
        .map_or(text.len(), |n| pos + n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comments(text: &str, plain: &HashSet<usize>) -> Vec<(usize, usize, bool)> {
        Lexer::with_plain_strings(text, plain)
            .filter_map(|t| match t {
                Token::Comment { start, end, doc } => Some((start, end, doc)),
                Token::Open { .. } => None,
            })
            .collect()
    }

    #[test]
    fn comments_in_strings_are_text_but_in_interpolations_are_code() {
        let none = HashSet::new();
        assert_eq!(comments("\"// no\" // yes", &none), vec![(8, 14, false)]);
        assert_eq!(comments("\"{x // c\n}\"", &none), vec![(4, 8, false)]);
        assert_eq!(
            comments("\"\"\"\n// no\n\"\"\" /// doc", &none),
            vec![(14, 21, true)]
        );
    }

    #[test]
    fn plain_strings_hold_braces_and_backslashes_as_text() {
        let text = "rule X \"a { \\\" // c";
        let plain = HashSet::from([7]);
        assert_eq!(comments(text, &plain), vec![(15, 19, false)]);
        assert_eq!(comments(text, &HashSet::new()), vec![]);
    }

    #[test]
    fn opens_count_their_depth_across_interpolations() {
        let depths: Vec<usize> = Lexer::new("(\"{[x]}\")")
            .filter_map(|t| match t {
                Token::Open { depth, .. } => Some(depth),
                Token::Comment { .. } => None,
            })
            .collect();
        assert_eq!(depths, vec![0, 1, 2]);
    }
}
