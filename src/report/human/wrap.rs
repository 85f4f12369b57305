//! Wrapping prose at 80 columns of the terminal. Words are cut by [`words`], so a
//! DN or a code span is never broken; textwrap's first-fit puts them on lines,
//! weighed by their display width (unicode-width); a word longer than the line
//! gets a line of its own and runs past the margin rather than being cut.

use super::words::words;
use crate::diag::shown_as;
use std::fmt::Write as _;
use textwrap::core::Fragment;
use textwrap::wrap_algorithms::wrap_first_fit;
use unicode_width::UnicodeWidthChar;

/// The width the human report is laid out for.
pub const WIDTH: usize = 80;

/// The narrowest text column wrapping leaves, however deep the indent.
const MIN_TEXT: usize = 30;

/// How many terminal columns `text` takes once printed: a wide character (CJK)
/// takes two, a combining mark none, and a control character the one column of
/// the symbol it is shown as.
pub fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| shown_as(c).unwrap_or(c).width().unwrap_or(1))
        .sum()
}

/// A word, as textwrap's first-fit wrapping weighs it: its width, then one space.
#[derive(Debug)]
struct Word<'a> {
    text: &'a str,
    width: usize,
}

impl Fragment for Word<'_> {
    fn width(&self) -> f64 {
        self.width as f64
    }

    fn whitespace_width(&self) -> f64 {
        1.0
    }

    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// Wrap each line of `text` as its own paragraph under `pad`.
pub fn write_wrapped(out: &mut String, pad: &str, text: &str) {
    for paragraph in text.lines() {
        wrap_hanging(out, pad, pad, paragraph);
    }
}

/// Wrap one paragraph: the first line after `first`, the others after `rest` (a
/// hanging indent).
pub fn wrap_hanging(out: &mut String, first: &str, rest: &str, text: &str) {
    let column = |prefix: &str| WIDTH.saturating_sub(display_width(prefix)).max(MIN_TEXT) as f64;
    let words: Vec<Word> = words(text)
        .into_iter()
        .map(|text| Word {
            text,
            width: display_width(text),
        })
        .collect();
    for (i, line) in wrap_first_fit(&words, &[column(first), column(rest)])
        .into_iter()
        .enumerate()
    {
        let words: Vec<&str> = line.iter().map(|w| w.text).collect();
        let prefix = if i == 0 { first } else { rest };
        let _ = writeln!(out, "{prefix}{}", words.join(" "));
    }
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
        assert!(out.lines().all(|l| display_width(l) <= WIDTH), "{out}");
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

    #[test]
    fn wide_characters_take_two_columns() {
        assert_eq!(display_width("ab"), 2);
        assert_eq!(display_width("连接器"), 6);
        assert_eq!(display_width("e\u{301}"), 1);
        assert_eq!(display_width("a\u{1b}b"), 3);
        let word = "连接器".repeat(5);
        let out = wrapped("", "", &format!("{word} {word} {word}"));
        assert_eq!(out, format!("{word} {word}\n{word}\n"));
    }
}
