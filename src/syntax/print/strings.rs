//! String literals written back so that they parse to the same parts.
//!
//! A one-line string escapes `"`, `\`, `{`, `}`, line breaks and tabs. A `"""` block
//! is re-indented: its lines go two spaces deeper than the line that opens it and the
//! closing `"""` on a line of its own. The parser removes a block's common
//! indentation (counting only lines that start after a line break and hold more than
//! spaces), its first line break and its last line, so the layout below is chosen to
//! undo exactly that; see [`block_string`].

use crate::syntax::ast::{Expr, StrPart};
use crate::syntax::lex::block::common_indent;
use crate::syntax::lex::escape::{write_block_line, write_inline};
use crate::syntax::lex::is_name;

/// Write `parts` as a one-line `"..."` string; `interp` writes an interpolation.
pub fn inline_string(parts: &[StrPart], interp: &dyn Fn(&Expr, &mut String), out: &mut String) {
    out.push('"');
    for part in parts {
        match part {
            StrPart::Text(text) => write_inline(text, out),
            StrPart::Interp(e) => {
                out.push('{');
                interp(e, out);
                out.push('}');
            }
        }
    }
    out.push('"');
}

/// A string without escapes or interpolation (rule titles, quoted enum values):
/// the grammar allows neither, so the text is written as it is.
pub fn plain_string(text: &str) -> String {
    format!("\"{text}\"")
}

/// A map key: bare when it is a name, quoted otherwise.
pub fn map_key(text: &str) -> String {
    if is_name(text) {
        text.to_string()
    } else {
        plain_string(text)
    }
}

/// How a block's lines may be indented without changing what the parser reads back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Indent {
    /// Two spaces deeper than the opening line: some line that the parser measures
    /// starts with no space, so exactly the added indentation is removed again.
    Deeper,
    /// As they are: no line that the parser measures holds more than spaces, so it
    /// removes nothing (and added spaces would stay).
    AsIs,
    /// Not possible: every measured line starts with spaces the parser would remove.
    Impossible,
}

/// Write `parts` as a `"""` block whose lines are indented under a line at `indent`.
///
/// The first line goes below the opening `"""` (the parser drops that line break),
/// unless the block starts with an interpolation or its first line starts with
/// spaces that no other line has; then it stays on the opening line. A block that
/// ends with text closes on a line of its own (the parser drops that last line); one
/// that ends with an interpolation closes right after it.
pub fn block_string(
    parts: &[StrPart],
    indent: usize,
    interp: &dyn Fn(&Expr, &mut String),
    out: &mut String,
) {
    out.push_str("\"\"\"");
    if parts.is_empty() {
        out.push_str("\"\"\"");
        return;
    }
    if let [StrPart::Text(text)] = parts {
        if text.is_empty() {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
            out.push_str("\"\"\"");
            return;
        }
    }
    let starts_with_text = matches!(parts.first(), Some(StrPart::Text(_)));
    let below = starts_with_text && measure(parts, true) != Indent::Impossible;
    let how = measure(parts, below);
    let prefix = match how {
        Indent::Deeper | Indent::Impossible => " ".repeat(indent + 2),
        Indent::AsIs => String::new(),
    };
    if below {
        out.push('\n');
    }
    let mut at_line_start = below;
    for (i, part) in parts.iter().enumerate() {
        match part {
            StrPart::Text(text) => {
                let followed = i + 1 < parts.len();
                write_block_text(text, followed, &prefix, &mut at_line_start, out);
            }
            StrPart::Interp(e) => {
                if at_line_start {
                    out.push_str(&prefix);
                    at_line_start = false;
                }
                out.push('{');
                interp(e, out);
                out.push('}');
            }
        }
    }
    if matches!(parts.last(), Some(StrPart::Text(_))) {
        out.push('\n');
        out.push_str(&" ".repeat(indent));
    }
    out.push_str("\"\"\"");
}

/// One text part of a block: escapes, and `prefix` before each line that holds
/// anything (text, or an interpolation after it). A line holding only the `\r` of
/// a CRLF file gets none: the parser removes no spaces from it either way.
fn write_block_text(
    text: &str,
    followed: bool,
    prefix: &str,
    at_line_start: &mut bool,
    out: &mut String,
) {
    let count = text.split('\n').count();
    for (i, segment) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            *at_line_start = true;
        }
        let continued = i + 1 == count && followed;
        let holds_something = continued || !(segment.is_empty() || segment == "\r");
        if *at_line_start && holds_something {
            out.push_str(prefix);
        }
        if !segment.is_empty() || continued {
            *at_line_start = false;
        }
        write_block_line(segment, out);
    }
}

/// Decide the indentation from the lines the parser measures: those that start a
/// text part's line after a line break, plus the first line if it goes `below`.
fn measure(parts: &[StrPart], below: bool) -> Indent {
    match common_indent(parts, below) {
        None => Indent::AsIs,
        Some(0) => Indent::Deeper,
        Some(_) => Indent::Impossible,
    }
}
