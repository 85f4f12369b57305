//! The escapes of strings, both ways, from one table.
//!
//! The grammar's `escape` rule accepts exactly the escapes of [`ESCAPES`]. A
//! one-line string must escape each of their characters; a `"""` block only what
//! would end it or open an interpolation.

/// Each escape a string may hold, with the character it stands for.
pub const ESCAPES: [(&str, char); 6] = [
    ("\\n", '\n'),
    ("\\t", '\t'),
    ("\\\"", '"'),
    ("\\\\", '\\'),
    ("\\{", '{'),
    ("\\}", '}'),
];

/// The character an escape such as `\n` stands for.
pub fn unescape(escape: &str) -> Option<char> {
    ESCAPES
        .iter()
        .find(|(written, _)| *written == escape)
        .map(|&(_, ch)| ch)
}

/// The escape that writes `ch`, if it has one.
fn escape(ch: char) -> Option<&'static str> {
    ESCAPES
        .iter()
        .find(|(_, c)| *c == ch)
        .map(|&(written, _)| written)
}

/// Write `text` as the text of a one-line `"..."` string.
pub fn write_inline(text: &str, out: &mut String) {
    for ch in text.chars() {
        match escape(ch) {
            Some(written) => out.push_str(written),
            None => out.push(ch),
        }
    }
}

/// Write one line of `"""` block text: `\`, `{` and `}` escaped, and a `"` that
/// another follows (two quotes in a row could become the closing `"""`).
pub fn write_block_line(line: &str, out: &mut String) {
    let mut chars = line.chars().peekable();
    while let Some(ch) = chars.next() {
        let needed = match ch {
            '\\' | '{' | '}' => true,
            '"' => chars.peek() == Some(&'"'),
            _ => false,
        };
        match escape(ch).filter(|_| needed) {
            Some(written) => out.push_str(written),
            None => out.push(ch),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_escape_reads_back_as_its_character() {
        for (written, ch) in ESCAPES {
            assert_eq!(unescape(written), Some(ch));
            let mut out = String::new();
            write_inline(&ch.to_string(), &mut out);
            assert_eq!(out, written);
        }
        assert_eq!(unescape("\\q"), None);
    }

    #[test]
    fn blocks_escape_only_what_would_end_them_or_interpolate() {
        let mut out = String::new();
        write_block_line("a \"b\" \"\"\" {x} \\ \t", &mut out);
        assert_eq!(out, "a \"b\" \\\"\\\"\" \\{x\\} \\\\ \t");
    }
}
