//! Byte spans for diagnostics, from the YAML parser's positions.
//!
//! yaml-rust2 reports a position as a *character* index (with a 1-based line and a
//! 0-based column), while [`Span`]s are byte ranges. Converting needs a walk over the
//! text, so it is done only when a diagnostic is built: the first conversion indexes
//! the text once (every [`STEP`]th character's byte offset, or nothing at all for
//! ASCII text), and each later one walks at most `STEP` characters. Loading a large
//! valid file therefore never pays for positions.

use crate::source::{FileId, Span};
use std::cell::OnceCell;
use yaml_rust2::scanner::Marker;

/// A position in the parsed text, as the parser reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Pos {
    /// Index of the character (not the byte).
    pub(crate) index: usize,
    /// 1-based line.
    pub(crate) line: usize,
    /// 1-based column, in characters.
    pub(crate) column: usize,
}

impl From<&Marker> for Pos {
    fn from(mark: &Marker) -> Pos {
        Pos {
            index: mark.index(),
            line: mark.line(),
            column: mark.col().saturating_add(1),
        }
    }
}

/// Characters between two entries of the sparse index.
const STEP: usize = 1024;

/// Longest label drawn over the rest of a line, in bytes.
const MAX_LABEL_BYTES: usize = 80;

/// Turns parser positions into spans of one file.
pub(crate) struct SpanMap<'t> {
    file: FileId,
    /// The text the parser read.
    text: &'t str,
    /// Bytes of the file before `text` (a byte order mark the parser never saw).
    skipped: usize,
    index: OnceCell<CharIndex>,
}

/// Where characters start, built on first use.
enum CharIndex {
    /// Every character is one byte.
    Ascii,
    /// The byte offset of characters `0`, `STEP`, `2 * STEP`, ...
    Sparse(Vec<usize>),
}

impl<'t> SpanMap<'t> {
    pub(crate) fn new(file: FileId, text: &'t str, skipped: usize) -> SpanMap<'t> {
        SpanMap {
            file,
            text,
            skipped,
            index: OnceCell::new(),
        }
    }

    /// An empty span at the start of the file.
    pub(crate) fn file_start(&self) -> Span {
        Span::new(self.file, 0, 0)
    }

    /// The span of a token of about `width` bytes starting at `pos`, cut at the end
    /// of its line.
    pub(crate) fn token(&self, pos: Pos, width: usize) -> Span {
        let start = self.byte_offset(pos.index);
        let end = self.clamp_end(start, start.saturating_add(width.max(1)));
        self.span(start, end)
    }

    /// The span from `pos` to the end of its line (trailing blanks left out), for
    /// labels on mappings and sequences.
    pub(crate) fn line_rest(&self, pos: Pos) -> Span {
        let start = self.byte_offset(pos.index);
        let end = self.clamp_end(start, start.saturating_add(MAX_LABEL_BYTES));
        let trimmed = self
            .text
            .get(start..end)
            .map_or(end, |s| start.saturating_add(s.trim_end().len()));
        self.span(
            start,
            trimmed.max(self.clamp_end(start, start.saturating_add(1))),
        )
    }

    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(
            self.file,
            start.saturating_add(self.skipped),
            end.saturating_add(self.skipped),
        )
    }

    /// `end` moved back to the line's end, the text's end and a character boundary.
    fn clamp_end(&self, start: usize, end: usize) -> usize {
        let line_end = self
            .text
            .get(start..)
            .and_then(|rest| rest.find(['\n', '\r']))
            .map_or(self.text.len(), |n| start.saturating_add(n));
        let mut end = end.min(line_end);
        while end > start && !self.text.is_char_boundary(end) {
            end = end.saturating_sub(1);
        }
        end
    }

    /// Byte offset of the character at `char_index` (the text's length past its end).
    pub(crate) fn byte_offset(&self, char_index: usize) -> usize {
        let len = self.text.len();
        match self.index.get_or_init(|| CharIndex::build(self.text)) {
            CharIndex::Ascii => char_index.min(len),
            CharIndex::Sparse(starts) => {
                let Some(&block) = starts.get(char_index / STEP) else {
                    return len;
                };
                self.text
                    .get(block..)
                    .and_then(|rest| rest.char_indices().nth(char_index % STEP))
                    .map_or(len, |(offset, _)| block.saturating_add(offset))
            }
        }
    }
}

impl CharIndex {
    fn build(text: &str) -> CharIndex {
        if text.is_ascii() {
            return CharIndex::Ascii;
        }
        let starts = text
            .char_indices()
            .step_by(STEP)
            .map(|(offset, _)| offset)
            .collect();
        CharIndex::Sparse(starts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offsets(text: &str) -> Vec<usize> {
        let map = SpanMap::new(FileId(0), text, 0);
        (0..=text.chars().count())
            .map(|i| map.byte_offset(i))
            .collect()
    }

    #[test]
    fn ascii_offsets_equal_character_indexes() {
        assert_eq!(offsets("ab\nc"), [0, 1, 2, 3, 4]);
    }

    #[test]
    fn multibyte_characters_move_later_offsets() {
        assert_eq!(offsets("é€x"), [0, 2, 5, 6]);
    }

    #[test]
    fn offsets_past_a_sparse_block_are_exact() {
        let text = format!("{}x", "é".repeat(STEP + 5));
        let map = SpanMap::new(FileId(0), &text, 0);
        assert_eq!(map.byte_offset(STEP + 5), 2 * (STEP + 5));
        assert_eq!(map.byte_offset(STEP + 6), text.len());
        assert_eq!(map.byte_offset(usize::MAX), text.len());
    }

    #[test]
    fn token_spans_stop_at_the_line_end_and_count_skipped_bytes() {
        let text = "key: value\nnext";
        let map = SpanMap::new(FileId(0), text, 3);
        let pos = Pos {
            index: 5,
            line: 1,
            column: 6,
        };
        let span = map.token(pos, 100);
        assert_eq!((span.start, span.end), (8, 13));
    }
}
