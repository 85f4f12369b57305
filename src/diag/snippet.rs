//! What a diagnostic shows of its file when its lines cannot be shown as they are:
//! lines too long to read (a minified JSON facts file, a rule file of one
//! 100,000-character line, a megabyte string) and control characters (a NUL byte,
//! or terminal escape sequences that a hostile file could send to the terminal).
//!
//! [`Snippet`] keeps only the lines around the labels (with context), clips each
//! line longer than [`MAX_SHOWN_LINE`] bytes to a window around its first label,
//! marked with `…`, and shows control characters as their Unicode pictures (`␀`,
//! `␛`). Line numbers and columns in the rendered header stay those of the real
//! file. It implements miette's `SourceCode` over these windows; labels are moved
//! to the windows' own offsets by [`Snippet::new`].

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use std::iter::successors;

/// Longest line shown whole, in bytes.
pub const MAX_SHOWN_LINE: usize = 240;
/// Bytes kept before a label on a clipped line.
const LEAD: usize = 60;
/// Lines of context kept around each label (miette shows one).
const CONTEXT: usize = 2;
/// Marks the cut ends of a clipped line.
const CUT: &str = "…";

/// One line of the real text: where it starts and ends (before its line break),
/// and where its break ends.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    next: usize,
}

/// A run of lines shown together, as clipped text.
#[derive(Debug)]
struct Window {
    /// Index of its first line in the real text.
    first_line: usize,
    /// Where its text starts among all windows' offsets.
    base: usize,
    text: String,
    lines: Vec<ShownLine>,
}

/// A line as shown in a window.
#[derive(Debug, Clone, Copy)]
struct ShownLine {
    /// Where the kept text starts in the window's text (after a `…`).
    kept_at: usize,
    /// The real byte range it keeps.
    keep_start: usize,
    keep_end: usize,
    /// Real bytes cut from its start (then it starts with `…`).
    skipped: usize,
}

/// The clipped windows of one file, as miette reads them.
#[derive(Debug)]
pub struct Snippet {
    name: String,
    windows: Vec<Window>,
}

/// Whether any label of `spans` sits on or near a line too long to show whole or
/// holding a control character.
pub fn needs_snippet(text: &str, spans: &[(usize, usize)]) -> bool {
    let bytes = text.as_bytes();
    spans.iter().any(|&(start, _)| {
        around(bytes, line_at(bytes, start)).iter().any(|l| {
            let line = text.get(l.start..l.end).unwrap_or("");
            line.len() > MAX_SHOWN_LINE || line.chars().any(is_hidden)
        })
    })
}

/// How a character is shown on a line of a snippet: a line break, and what a
/// terminal would act on, as its Unicode control picture; the rest as itself.
fn picture(c: char) -> char {
    match c {
        '\n' => '\u{240a}',
        c => super::shown_as(c).unwrap_or(c),
    }
}

/// Characters that a terminal would not show as themselves.
fn is_hidden(c: char) -> bool {
    picture(c) != c
}

/// Extra bytes that showing `text` takes over its real bytes (a picture is never
/// shorter than what it shows).
fn extra_bytes(text: &str) -> usize {
    text.chars()
        .map(|c| picture(c).len_utf8() - c.len_utf8())
        .sum()
}

/// A line with up to [`CONTEXT`] lines before and after it.
fn around(text: &[u8], line: Line) -> Vec<Line> {
    let before = successors(prev_line(text, line), |l| prev_line(text, *l)).take(CONTEXT);
    let after = successors(next_line(text, line), |l| next_line(text, *l)).take(CONTEXT);
    let mut lines: Vec<Line> = before.collect();
    lines.reverse();
    lines.push(line);
    lines.extend(after);
    lines
}

impl Snippet {
    /// The windows of `text` around `spans` (byte ranges), and the spans moved
    /// to the windows' offsets.
    pub fn new(name: &str, text: &str, spans: &[(usize, usize)]) -> (Snippet, Vec<(usize, usize)>) {
        let bytes = text.as_bytes();
        let mut starts: Vec<usize> = spans.iter().map(|&(start, _)| start).collect();
        starts.sort_unstable();
        starts.dedup();
        let mut counter = LineCounter::default();
        // Runs of lines by the number of their first line, overlapping runs merged.
        let mut runs: Vec<(usize, Vec<Line>)> = Vec::new();
        for start in starts {
            let lines = around(bytes, line_at(bytes, start));
            let Some(first) = lines.first() else { continue };
            let number = counter.number(bytes, first.start);
            if let Some((prev_number, prev_lines)) = runs.last_mut() {
                let next_number = *prev_number + prev_lines.len();
                if number <= next_number {
                    prev_lines.extend(lines.into_iter().skip(next_number - number));
                    continue;
                }
            }
            runs.push((number, lines));
        }
        let mut windows = Vec::new();
        let mut base = 0;
        for (first_line, lines) in runs {
            let window = clip_window(text, &lines, first_line, base, spans);
            base = base.saturating_add(window.text.len()).saturating_add(1);
            windows.push(window);
        }
        let snippet = Snippet {
            name: name.to_string(),
            windows,
        };
        let moved = spans
            .iter()
            .map(|&(start, end)| {
                let start_at = snippet.moved(text, start);
                (start_at, snippet.moved(text, end.max(start)).max(start_at))
            })
            .collect();
        (snippet, moved)
    }

    /// A real offset as an offset into the windows (clamped into what is shown).
    fn moved(&self, text: &str, offset: usize) -> usize {
        // Inside a kept range, or else the nearest kept end before it.
        let shown = |from: usize, to: usize| {
            let extra = text.get(from..to).map_or(0, extra_bytes);
            (to - from) + extra
        };
        let mut best = 0;
        for window in &self.windows {
            for line in &window.lines {
                let kept = window.base + line.kept_at;
                if (line.keep_start..=line.keep_end).contains(&offset) {
                    return kept + shown(line.keep_start, offset);
                }
                if line.keep_end <= offset {
                    best = kept + shown(line.keep_start, line.keep_end);
                }
            }
        }
        best
    }
}

fn clip_window(
    text: &str,
    shown: &[Line],
    first_line: usize,
    base: usize,
    spans: &[(usize, usize)],
) -> Window {
    let mut out = String::new();
    let mut kept = Vec::new();
    for line in shown {
        let (keep_start, keep_end) = keep_range(text, *line, spans);
        let skipped = keep_start - line.start;
        if skipped > 0 {
            out.push_str(CUT);
        }
        let kept_at = out.len();
        let shown = text.get(keep_start..keep_end).unwrap_or("");
        out.extend(shown.chars().map(picture));
        if keep_end < line.end {
            out.push_str(CUT);
        }
        out.push('\n');
        kept.push(ShownLine {
            kept_at,
            keep_start,
            keep_end,
            skipped,
        });
    }
    Window {
        first_line,
        base,
        text: out,
        lines: kept,
    }
}

/// The part of a line that is shown: all of it when short, else a window from a
/// little before its first label.
fn keep_range(text: &str, line: Line, spans: &[(usize, usize)]) -> (usize, usize) {
    if line.end - line.start <= MAX_SHOWN_LINE {
        return (line.start, line.end);
    }
    let first_label = spans
        .iter()
        .map(|&(start, _)| start)
        .filter(|start| (line.start..=line.end).contains(start))
        .min();
    let from = first_label.map_or(line.start, |s| s.saturating_sub(LEAD).max(line.start));
    let to = from.saturating_add(MAX_SHOWN_LINE).min(line.end);
    (floor_boundary(text, from), floor_boundary(text, to))
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn is_break(b: u8) -> bool {
    b == b'\n' || b == b'\r'
}

/// The line holding byte `offset`; lines break where miette breaks them: at `\n`,
/// `\r\n` or `\r`. A line break belongs to the line it ends.
fn line_at(text: &[u8], offset: usize) -> Line {
    let mut offset = offset.min(text.len());
    if text.get(offset) == Some(&b'\n') && offset > 0 && text.get(offset - 1) == Some(&b'\r') {
        offset -= 1;
    }
    let start = text
        .get(..offset)
        .and_then(|before| before.iter().rposition(|b| is_break(*b)))
        .map_or(0, |i| i + 1);
    let end = text
        .get(start..)
        .and_then(|rest| rest.iter().position(|b| is_break(*b)))
        .map_or(text.len(), |i| start + i);
    let next = match (text.get(end), text.get(end + 1)) {
        (Some(b'\r'), Some(b'\n')) => end + 2,
        (Some(_), _) => end + 1,
        (None, _) => end,
    };
    Line { start, end, next }
}

fn prev_line(text: &[u8], line: Line) -> Option<Line> {
    (line.start > 0).then(|| line_at(text, line.start - 1))
}

fn next_line(text: &[u8], line: Line) -> Option<Line> {
    (line.end < text.len()).then(|| line_at(text, line.next))
}

/// Counts the lines before increasing offsets in one pass over the text.
#[derive(Debug, Default)]
struct LineCounter {
    at: usize,
    lines: usize,
}

impl LineCounter {
    /// The index of the line starting at `line_start`, not before the last asked.
    fn number(&mut self, text: &[u8], line_start: usize) -> usize {
        let from = self.at.min(line_start);
        let part = text.get(from..line_start).unwrap_or(&[]);
        let mut bytes = part.iter().peekable();
        while let Some(b) = bytes.next() {
            let lone_cr = *b == b'\r' && bytes.peek() != Some(&&b'\n');
            if *b == b'\n' || lone_cr {
                self.lines += 1;
            }
        }
        self.at = line_start.max(self.at);
        self.lines
    }
}

impl SourceCode for Snippet {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let end = span.offset().saturating_add(span.len());
        let window = self
            .windows
            .iter()
            .find(|w| span.offset() >= w.base && end <= w.base + w.text.len())
            .ok_or(MietteError::OutOfBounds)?;
        let local = SourceSpan::new((span.offset() - window.base).into(), span.len());
        let contents =
            window
                .text
                .as_str()
                .read_span(&local, context_lines_before, context_lines_after)?;
        let line = contents.line();
        // Columns as in the real line: add what was cut, less the `…`.
        let column = match window.lines.get(line) {
            Some(shown) if contents.column() > 0 && shown.skipped > 0 => contents
                .column()
                .saturating_add(shown.skipped)
                .saturating_sub(CUT.len()),
            _ => contents.column(),
        };
        let offset = contents.span().offset().saturating_add(window.base);
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            contents.data(),
            SourceSpan::new(offset.into(), contents.span().len()),
            line.saturating_add(window.first_line),
            column,
            contents.line_count(),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_break_as_miette_breaks_them() {
        let text = b"a\nbb\r\nc\rd";
        let starts: Vec<usize> = [0, 2, 4, 5, 6, 9]
            .iter()
            .map(|&o| line_at(text, o).start)
            .collect();
        assert_eq!(starts, vec![0, 2, 2, 2, 6, 8]);
        let mut counter = LineCounter::default();
        assert_eq!(counter.number(text, 2), 1);
        assert_eq!(counter.number(text, 8), 3);
    }

    #[test]
    fn a_long_line_is_clipped_around_its_label() {
        let text = format!("first\n{}X{}\nlast\n", "a".repeat(1_000), "b".repeat(1_000));
        let at = 6 + 1_000;
        assert!(needs_snippet(&text, &[(at, at + 1)]));
        let (snippet, moved) = Snippet::new("f", &text, &[(at, at + 1)]);
        let window = snippet
            .windows
            .first()
            .map(|w| w.text.as_str())
            .unwrap_or("");
        assert!(window.len() < 600, "{window}");
        assert!(window.starts_with("first\n…aaa"), "{window}");
        let (start, end) = moved.first().copied().unwrap_or((0, 0));
        assert_eq!(window.get(start..end), Some("X"));
    }

    #[test]
    fn control_characters_are_shown_as_pictures() {
        let text = "a\u{1b}[31mb\0c\n";
        assert!(needs_snippet(text, &[(7, 8)]));
        let (snippet, moved) = Snippet::new("f", text, &[(7, 8)]);
        let window = snippet.windows.first().map_or("", |w| w.text.as_str());
        assert_eq!(window, "a\u{241b}[31mb\u{2400}c\n\n");
        let (start, end) = moved.first().copied().unwrap_or((0, 0));
        assert_eq!(window.get(start..end), Some("\u{2400}"));
    }

    #[test]
    fn short_lines_need_no_snippet() {
        assert!(!needs_snippet("a\nb\n", &[(2, 3)]));
    }
}
