//! Skipping values the loader does not build: after a problem, or under a key the
//! schema does not declare.
//!
//! Skipping never recurses (the event source bounds nesting, so the counters and the
//! frame stack stay small) and never expands aliases. A value under an undeclared key
//! is still searched for keys named like secrets, since extra keys may be allowed
//! and a secret must be refused wherever it is.

use super::build::{Builder, Step};
use super::problems;
use super::secrets::is_secret_key;
use super::spans::Pos;
use std::fmt::Write as _;
use yaml_rust2::parser::Event;

/// A collection being skipped, for the path of a secret found inside it.
enum Frame {
    /// A mapping; `key` is the key whose value comes next, `None` before a key.
    Mapping { key: Option<String> },
    /// A list; `index` is the position of the next element.
    List { index: usize },
}

impl Builder<'_, '_> {
    /// Skip the next value, whatever it is.
    pub(crate) fn skip_value(&mut self) -> Step<()> {
        let (event, _) = self.next()?;
        if matches!(event, Event::MappingStart(..) | Event::SequenceStart(..)) {
            self.skip_rest()?;
        }
        Ok(())
    }

    /// Skip to the end of the collection just started; returns where its first
    /// inner event is, the best place to point at a block mapping.
    pub(crate) fn skip_rest(&mut self) -> Step<Option<Pos>> {
        let mut open = 1usize;
        let mut first = None;
        while open > 0 {
            let (event, pos) = self.next()?;
            first.get_or_insert(pos);
            match event {
                Event::MappingStart(..) | Event::SequenceStart(..) => {
                    open = open.saturating_add(1);
                }
                Event::MappingEnd | Event::SequenceEnd => open = open.saturating_sub(1),
                Event::StreamEnd => break,
                _ => {}
            }
        }
        Ok(first)
    }

    /// Skip the value of the undeclared key at `path`, refusing any key inside it
    /// that is named like a secret.
    pub(crate) fn skip_extra(&mut self, path: &str) -> Step<()> {
        let mut frames: Vec<Frame> = Vec::new();
        loop {
            let (event, pos) = self.next()?;
            match event {
                Event::MappingStart(..) => frames.push(Frame::Mapping { key: None }),
                Event::SequenceStart(..) => frames.push(Frame::List { index: 0 }),
                Event::MappingEnd | Event::SequenceEnd => {
                    frames.pop();
                    node_done(&mut frames);
                }
                Event::Scalar(text, ..) if expects_key(&frames) => {
                    if is_secret_key(&text) {
                        let span = self.spans.token(pos, text.len());
                        let path = nested_path(path, &frames, &text);
                        self.report(problems::secret(span, &path))?;
                    }
                    if let Some(Frame::Mapping { key }) = frames.last_mut() {
                        *key = Some(text);
                    }
                }
                Event::StreamEnd => return Ok(()),
                _ => node_done(&mut frames),
            }
            if frames.is_empty() {
                return Ok(());
            }
        }
    }
}

/// Whether the next node is a key of the innermost mapping.
fn expects_key(frames: &[Frame]) -> bool {
    matches!(frames.last(), Some(Frame::Mapping { key: None }))
}

/// A node inside the innermost frame is complete: move on to the next key or element.
fn node_done(frames: &mut [Frame]) {
    match frames.last_mut() {
        Some(Frame::Mapping { key }) => {
            *key = match key {
                Some(_) => None,
                // A key that was a collection or an alias; its value comes next.
                None => Some(String::new()),
            }
        }
        Some(Frame::List { index }) => *index = index.saturating_add(1),
        None => {}
    }
}

/// The path of key `name` in the innermost of `frames`, under `base`.
fn nested_path(base: &str, frames: &[Frame], name: &str) -> String {
    let mut path = base.to_string();
    for frame in frames {
        match frame {
            Frame::Mapping { key: Some(key) } => {
                path.push('.');
                path.push_str(key);
            }
            Frame::Mapping { key: None } => {}
            Frame::List { index } => {
                let _ = write!(path, "[{index}]");
            }
        }
    }
    path.push('.');
    path.push_str(name);
    path
}
