//! The indentation of `"""` blocks: the parser removes the common indentation of a
//! block's measured lines, and the printer lays a block out so that exactly the
//! indentation it adds is removed again. Both measure with [`common_indent`].

use crate::syntax::ast::StrPart;

/// The spaces and tabs that start `line`, in bytes.
pub fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches([' ', '\t']).len()
}

/// The smallest indentation of the lines the parser measures: those that hold
/// more than blanks and start after a line break of a text part, and the first
/// line of the first part too when `first_line` (the printer puts it below the
/// opening `"""`). `None` when no line is measured.
pub fn common_indent(parts: &[StrPart], first_line: bool) -> Option<usize> {
    let mut least: Option<usize> = None;
    for (i, part) in parts.iter().enumerate() {
        let StrPart::Text(text) = part else {
            continue;
        };
        let skip = if i == 0 && first_line { 0 } else { 1 };
        for line in text.split('\n').skip(skip) {
            if line.trim().is_empty() {
                continue;
            }
            let indent = indent_of(line);
            least = Some(least.map_or(indent, |l| l.min(indent)));
        }
    }
    least
}

/// Remove a block string's common indentation, its first line break and the
/// whitespace before the closing `"""`.
pub fn dedent(parts: &mut [StrPart]) {
    let indent = common_indent(parts, false).unwrap_or(0);
    for part in parts.iter_mut() {
        if let StrPart::Text(t) = part {
            let mut out = String::with_capacity(t.len());
            for (i, line) in t.split('\n').enumerate() {
                if i > 0 {
                    out.push('\n');
                    out.push_str(line.get(indent_of(line).min(indent)..).unwrap_or(""));
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
