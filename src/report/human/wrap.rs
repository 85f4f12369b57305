//! Wrapping prose at 80 columns. Words are cut by [`words`], so a DN or a code
//! span is never broken; a word longer than the line gets a line of its own and
//! runs past the margin rather than being cut.

use super::words::words;
use std::fmt::Write as _;

/// The width the human report is laid out for.
pub const WIDTH: usize = 80;

/// The narrowest text column wrapping leaves, however deep the indent.
const MIN_TEXT: usize = 30;

/// Wrap each line of `text` as its own paragraph under `pad`.
pub fn write_wrapped(out: &mut String, pad: &str, text: &str) {
    for paragraph in text.lines() {
        wrap_hanging(out, pad, pad, paragraph);
    }
}

/// Wrap one paragraph: the first line after `first`, the others after `rest` (a
/// hanging indent).
pub fn wrap_hanging(out: &mut String, first: &str, rest: &str, text: &str) {
    let mut prefix = first;
    let mut line = String::new();
    let mut line_width = 0;
    for word in words(text) {
        let width = WIDTH.saturating_sub(prefix.chars().count()).max(MIN_TEXT);
        let word_width = word.chars().count();
        if !line.is_empty() && line_width + 1 + word_width > width {
            let _ = writeln!(out, "{prefix}{line}");
            line.clear();
            line_width = 0;
            prefix = rest;
        }
        if !line.is_empty() {
            line.push(' ');
            line_width += 1;
        }
        line.push_str(word);
        line_width += word_width;
    }
    let _ = writeln!(out, "{prefix}{line}");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped(first: &str, rest: &str, text: &str) -> String {
        let mut out = String::new();
        wrap_hanging(&mut out, first, rest, text);
        out
    }

    #[test]
    fn prose_wraps_at_80_columns_with_a_hanging_indent() {
        let text = "word ".repeat(30);
        let out = wrapped("  1. ", "     ", text.trim());
        assert!(out.lines().all(|l| l.chars().count() <= WIDTH), "{out}");
        assert!(out.starts_with("  1. word"));
        assert!(
            out.lines().skip(1).all(|l| l.starts_with("     word")),
            "{out}"
        );
    }

    #[test]
    fn a_dn_is_never_broken_across_lines() {
        let dn = "CN=Pradeep Gupta,OU=Users,DC=apac,DC=contoso,DC=com";
        let text = format!("The server has no password sync result for {dn} in the 7d before now.");
        let out = wrapped("         ", "         ", &text);
        assert!(out.lines().any(|l| l.contains(dn)), "{out}");
        assert_eq!(
            out,
            "         The server has no password sync result for\n         CN=Pradeep Gupta,OU=Users,DC=apac,DC=contoso,DC=com in the 7d before\n         now.\n"
        );
    }

    #[test]
    fn a_word_longer_than_the_line_runs_past_the_margin_on_its_own_line() {
        let long = "x".repeat(100);
        let out = wrapped("  ", "  ", &format!("a {long} b"));
        assert_eq!(out, format!("  a\n  {long}\n  b\n"));
    }

    #[test]
    fn each_line_of_a_message_is_its_own_paragraph() {
        let mut out = String::new();
        write_wrapped(&mut out, "    ", "first line\nsecond line");
        assert_eq!(out, "    first line\n    second line\n");
    }
}
