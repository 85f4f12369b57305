//! `//` comments, which the grammar skips: found again by a lexical scan of the
//! source, and shared out among the pieces of the printed file by position.

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

/// Where the scan is: in code, or inside a string (whose `{` opens code again).
#[derive(Debug, Clone, Copy)]
enum Mode {
    /// Code, with the number of `{` opened in it (map literals).
    Code(usize),
    /// A one-line `"..."` string.
    Line,
    /// A `"""` block.
    Block,
}

/// Every `//` comment of `text` (a file that parses), in source order. Doc comments
/// (`///`) are not among them: they are part of the syntax tree. `plain_strings`
/// holds where strings without escapes or interpolations start (rule titles, quoted
/// enum values and map keys): in them `{` and `\` are plain text.
pub fn scan(text: &str, plain_strings: &HashSet<usize>) -> Vec<Comment> {
    let bytes = text.as_bytes();
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let starts = |i: usize, s: &str| {
        bytes
            .get(i..)
            .is_some_and(|rest| rest.starts_with(s.as_bytes()))
    };
    let mut comments = Vec::new();
    let mut stack = vec![Mode::Code(0)];
    let mut i = 0;
    while i < bytes.len() {
        let Some(&mode) = stack.last() else {
            break;
        };
        match mode {
            Mode::Code(depth) => match at(i) {
                b'/' if at(i + 1) == b'/' => {
                    let end = line_end(text, i);
                    if at(i + 2) != b'/' {
                        comments.push(comment(text, i, end));
                    }
                    i = end;
                }
                b'"' if plain_strings.contains(&i) => {
                    let close = text.get(i + 1..).and_then(|rest| rest.find('"'));
                    i = close.map_or(bytes.len(), |c| i + 1 + c + 1);
                }
                b'"' if starts(i, "\"\"\"") => {
                    stack.push(Mode::Block);
                    i += 3;
                }
                b'"' => {
                    stack.push(Mode::Line);
                    i += 1;
                }
                b'{' => {
                    set_top(&mut stack, Mode::Code(depth + 1));
                    i += 1;
                }
                b'}' if depth == 0 && stack.len() > 1 => {
                    stack.pop();
                    i += 1;
                }
                b'}' => {
                    set_top(&mut stack, Mode::Code(depth.saturating_sub(1)));
                    i += 1;
                }
                _ => i += 1,
            },
            Mode::Line | Mode::Block => match at(i) {
                b'\\' => i += 2,
                b'{' => {
                    stack.push(Mode::Code(0));
                    i += 1;
                }
                b'"' if matches!(mode, Mode::Line) => {
                    stack.pop();
                    i += 1;
                }
                b'"' if starts(i, "\"\"\"") => {
                    stack.pop();
                    i += 3;
                }
                _ => i += 1,
            },
        }
    }
    comments
}

fn set_top(stack: &mut [Mode], mode: Mode) {
    if let Some(top) = stack.last_mut() {
        *top = mode;
    }
}

/// The offset of the line break that ends the line holding `pos` (or the end).
fn line_end(text: &str, pos: usize) -> usize {
    text.get(pos..)
        .and_then(|rest| rest.find('\n'))
        .map_or(text.len(), |n| pos + n)
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
