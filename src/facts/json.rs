//! `.json` facts files are JSON, not YAML that looks like it: before the YAML
//! parser reads one, serde_json checks it by the JSON grammar (a trailing comma,
//! a comment or a single-quoted string is an error with its line and column), and
//! the builder refuses a JSON number or `true` where the schema wants text
//! ([`not_a_string`]): `"version": 1.1` is the number 1.1, which a collector
//! wrote by mistake for `"1.1.614.0"` or lost a digit of.

use crate::diag::Diagnostic;
use crate::source::{FileId, Span};

/// The code of both JSON problems.
const JSON: &str = "phs::facts::json";

/// Check `text` (the file after any byte order mark, `skipped` bytes) by the JSON
/// grammar; a problem comes with its line and column.
pub(crate) fn check_syntax(
    file: FileId,
    text: &str,
    skipped: usize,
) -> Result<(), Vec<Diagnostic>> {
    let Err(err) = serde_json::from_str::<serde::de::IgnoredAny>(text) else {
        return Ok(());
    };
    let (line, column) = (err.line(), err.column());
    let offset = byte_offset(text, line, column).saturating_add(skipped);
    let message = err.to_string();
    let mut why = message.split(" at line ").next().unwrap_or(&message);
    // serde_json says "key must be a string" for `{"a": 1, }`.
    let before = text.get(..offset.saturating_sub(skipped)).unwrap_or("");
    if before.trim_end().ends_with(',') {
        why = "a comma before the closing bracket (JSON allows no trailing comma)";
    }
    Err(vec![Diagnostic::error(
        JSON,
        format!("the facts file is not valid JSON at line {line}, column {column}: {why}"),
    )
    .label(Span::new(file, offset, offset.saturating_add(1)), "here")
    .help("fix the JSON there (JSON allows no trailing comma, comment or single quote), or save the file as `.yaml` if it is YAML")])
}

/// The byte offset of a 1-based line and column (serde_json counts bytes).
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let mut at = line_start
        .saturating_add(column.saturating_sub(1))
        .min(text.len());
    while !text.is_char_boundary(at) {
        at = at.saturating_sub(1);
    }
    at
}

/// A JSON number, `true` or `false` where the schema wants text.
pub(crate) fn not_a_string(span: Span, path: &str, text: &str, what: &str) -> Diagnostic {
    Diagnostic::error(
        JSON,
        format!(
            "`{path}` must be {what}, a JSON string, found the JSON value `{}`",
            crate::diag::clipped(text)
        ),
    )
    .label(span, "not a string")
    .help(format!(
        "write it in double quotes, as the collector read it: `\"{}\"`",
        crate::diag::clipped(text)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_lines_and_bytes() {
        assert_eq!(byte_offset("ab\ncd\n", 2, 2), 4);
        assert_eq!(byte_offset("ab", 9, 9), 2);
    }
}
