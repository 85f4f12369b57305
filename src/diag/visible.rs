//! Terminal safety: the one place that decides how text from files (facts, exports,
//! rule files, file names) is shown to a person.
//!
//! A terminal acts on some characters instead of showing them: ESC starts escape
//! sequences (colours, cursor moves, window titles), other C0 controls and the C1
//! controls (U+0080–U+009F) do the same on some terminals, and the bidirectional
//! overrides and isolates (U+202A–U+202E, U+2066–U+2069) make text read in another
//! order than it is stored. Every human-facing output passes such characters
//! through [`visible`]: C0 controls and DEL as their Unicode control pictures
//! (`␛`, `␀`, `␡`), C1 controls and bidi controls as `�`. Newlines and tabs are
//! kept (they are layout), a carriage return is shown (it rewrites a line).

use std::borrow::Cow;

/// How a character that a terminal would act on is shown instead; `None` for
/// every character shown as itself.
pub fn shown_as(c: char) -> Option<char> {
    match u32::from(c) {
        0x09 | 0x0a => None,
        n @ 0..=0x1f => char::from_u32(0x2400 + n),
        0x7f => Some('\u{2421}'),
        0x80..=0x9f | 0x202a..=0x202e | 0x2066..=0x2069 => Some('\u{fffd}'),
        _ => None,
    }
}

/// `text` with every character a terminal would act on replaced by what
/// [`shown_as`] says; borrowed when there is none.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| shown_as(c).is_some()) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(|c| shown_as(c).unwrap_or(c)).collect())
}

/// Most characters of a value quoted in a message.
pub const MAX_QUOTED_CHARS: usize = 200;

/// A value as a message quotes it: at most [`MAX_QUOTED_CHARS`] characters, then
/// `…` and how long it really is; a 40 MB value gives one line, not 40 MB.
pub fn clipped(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(MAX_QUOTED_CHARS) {
        None => Cow::Borrowed(text),
        Some((end, _)) => Cow::Owned(format!(
            "{}… ({} bytes in all)",
            text.get(..end).unwrap_or(""),
            text.len()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_c1_and_bidi_controls_are_shown() {
        assert_eq!(
            visible("a\u{1b}[31mb\u{9b}c\u{202e}d\u{2066}\r\n\t"),
            "a\u{241b}[31mb\u{fffd}c\u{fffd}d\u{fffd}\u{240d}\n\t"
        );
        assert!(matches!(visible("plain é ✓"), Cow::Borrowed(_)));
    }
}
