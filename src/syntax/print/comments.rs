//! `//` comments, which the grammar skips: found again by the lexer
//! (`syntax/lex/`), and shared out among the pieces of the printed file by position.

use crate::syntax::lex::{Lexer, Token};
use std::collections::HashSet;

/// One `//` comment of the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// Byte offset of its `//`.
    pub start: usize,
    /// Byte offset of the end of its line.
    pub end: usize,
    /// As written, from `//` to the end of its line, without trailing spaces.
    pub text: String,
    /// Nothing but spaces before it on its line; otherwise it ends a line of code.
    pub own_line: bool,
    /// A blank line follows it.
    pub blank_after: bool,
}

/// Every `//` comment of `text` (a file that parses), in source order. Doc comments
/// (`///`) are not among them: they are part of the syntax tree. `plain_strings`
/// holds where strings without escapes or interpolations start (rule titles, quoted
/// enum values and map keys): in them `{` and `\` are plain text.
pub fn scan(text: &str, plain_strings: &HashSet<usize>) -> Vec<Comment> {
    Lexer::with_plain_strings(text, plain_strings)
        .filter_map(|token| match token {
            Token::Comment {
                start,
                end,
                doc: false,
            } => Some(comment(text, start, end)),
            Token::Comment { doc: true, .. } | Token::Open { .. } => None,
        })
        .collect()
}

fn comment(text: &str, start: usize, end: usize) -> Comment {
    let line_start = text
        .get(..start)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |n| n + 1);
    let before = text.get(line_start..start).unwrap_or("");
    let after = text.get(end..).unwrap_or("");
    let next_line = after.strip_prefix('\n').unwrap_or("");
    Comment {
        start,
        end,
        text: text.get(start..end).unwrap_or("//").trim_end().to_string(),
        own_line: before.trim().is_empty(),
        blank_after: next_line.contains('\n')
            && next_line
                .split('\n')
                .next()
                .is_some_and(|l| l.trim().is_empty()),
    }
}

/// `range` without the spaces and comments at its ends. The parser's spans of
/// nodes that end in an optional part (a quantifier, a type, the pack header) run on
/// over the spaces and comments after them.
pub fn trim(
    text: &str,
    comments: &[Comment],
    (mut start, mut end): (usize, usize),
) -> (usize, usize) {
    let bytes = text.as_bytes();
    let is_space = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_whitespace);
    loop {
        while end > start && is_space(end - 1) {
            end -= 1;
        }
        match comments
            .iter()
            .find(|c| c.start < end && end <= c.end && c.start >= start)
        {
            Some(c) => end = c.start,
            None => break,
        }
    }
    loop {
        while start < end && is_space(start) {
            start += 1;
        }
        match comments.iter().find(|c| c.start == start && c.end <= end) {
            Some(c) => start = c.end,
            None => break,
        }
    }
    (start, end)
}

/// The comments that go with one printed piece.
#[derive(Debug, Default)]
pub struct Placed {
    /// Before the piece, each on a line of its own.
    pub before: Vec<Comment>,
    /// Written inside the piece's source range: the piece places them if it can,
    /// else they go before it.
    pub inside: Vec<Comment>,
    /// After the piece on its last line (the first one; any others below it).
    pub after: Vec<Comment>,
}

/// Share `comments` out among pieces whose source ranges are `ranges` (in any
/// order; they must not overlap). A comment inside a range belongs to that piece; one
/// that ends the line where a piece ends follows it; any other goes before the next
/// piece in the source. What follows the last piece is returned apart.
pub fn distribute(
    text: &str,
    comments: Vec<Comment>,
    ranges: &[(usize, usize)],
) -> (Vec<Placed>, Vec<Comment>) {
    let mut placed: Vec<Placed> = ranges.iter().map(|_| Placed::default()).collect();
    let mut rest = Vec::new();
    for c in comments {
        let inside = ranges
            .iter()
            .position(|&(s, e)| s <= c.start && c.start < e);
        let prev = ranges
            .iter()
            .enumerate()
            .filter(|(_, &(_, e))| e <= c.start)
            .max_by_key(|(_, &(_, e))| e)
            .map(|(i, _)| i);
        let next = ranges
            .iter()
            .enumerate()
            .filter(|(_, &(s, _))| s > c.start)
            .min_by_key(|(_, &(s, _))| s)
            .map(|(i, _)| i);
        let ends_line_of = |p: usize| {
            let end = ranges.get(p).map_or(c.start, |r| r.1);
            !c.own_line && !text.get(end..c.start).unwrap_or("\n").contains('\n')
        };
        let slot = match (inside, prev, next) {
            (Some(i), ..) => placed.get_mut(i).map(|p| &mut p.inside),
            (None, Some(p), _) if ends_line_of(p) => placed.get_mut(p).map(|p| &mut p.after),
            (None, _, Some(n)) => placed.get_mut(n).map(|p| &mut p.before),
            _ => None,
        };
        match slot {
            Some(slot) => slot.push(c),
            None => rest.push(c),
        }
    }
    (placed, rest)
}
