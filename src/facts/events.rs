//! The YAML event stream the loader reads, with aliases expanded on request.
//!
//! Wraps yaml-rust2's pull parser. Anchored nodes are recorded as the raw events the
//! parser produced (an alias inside one stays an alias), so memory grows with the
//! file and never with an expansion; [`EventSource::replay`] plays a recording back
//! where an alias is used, and every replayed event counts against
//! [`MAX_ALIAS_EXPANSION`] and every replayed scalar's bytes against
//! [`MAX_ALIAS_EXPANSION_BYTES`]. A "billion laughs" file therefore stops after
//! that many events, and a megabyte string aliased many times after that many
//! bytes. [`check_yaml_budget`] applies the same budget to YAML read by other
//! means (serde_yaml, for test files and `import --base`). Nesting of parsed collections is bounded by [`MAX_FACTS_DEPTH`] here, so
//! whoever skips a value can do it without recursion, and at most that many
//! recordings are open at once.

use super::spans::Pos;
use crate::limits::{MAX_ALIAS_EXPANSION, MAX_ALIAS_EXPANSION_BYTES, MAX_FACTS_DEPTH};
use std::collections::HashMap;
use std::str::Chars;
use std::sync::Arc;
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::ScanError;

/// The nesting depth inside a collection at `depth`, if within [`MAX_FACTS_DEPTH`]:
/// the one step by which the event source, the builder and the JSON reader count.
pub(crate) fn deeper(depth: usize) -> Option<usize> {
    Some(depth.saturating_add(1)).filter(|depth| *depth <= MAX_FACTS_DEPTH)
}

/// An event and where it starts.
pub(crate) type Marked = (Event, Pos);

/// Why the stream cannot go on.
#[derive(Debug)]
pub(crate) enum Fault {
    /// The text is not valid YAML.
    Syntax(ScanError),
    /// Collections nest deeper than [`MAX_FACTS_DEPTH`].
    Depth(Pos),
    /// Aliases expanded to more than [`MAX_ALIAS_EXPANSION`] events.
    Aliases(Pos),
}

/// Why an alias cannot be replayed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AliasError {
    /// The alias is inside the node it names (`&a [*a]`).
    Recursive,
    /// The parser named an anchor that was never recorded.
    Unknown,
}

/// A pull source of YAML events with alias replay.
pub(crate) struct EventSource<'t> {
    parser: Parser<Chars<'t>>,
    /// Finished recordings of anchored nodes, by the parser's anchor id.
    anchors: HashMap<usize, Arc<[Marked]>>,
    /// Anchored collections still being read, innermost last.
    open: Vec<Recording>,
    /// Alias expansions in progress, innermost last.
    replays: Vec<Replay>,
    /// Events replayed so far, in total.
    replayed: usize,
    /// Bytes of scalars replayed so far, in total.
    replayed_bytes: usize,
    /// Collections of the parsed text open at this point.
    depth: usize,
}

struct Recording {
    anchor: usize,
    /// The depth of the recorded collection itself.
    depth: usize,
    events: Vec<Marked>,
}

struct Replay {
    anchor: usize,
    events: Arc<[Marked]>,
    next: usize,
}

impl<'t> EventSource<'t> {
    pub(crate) fn new(text: &'t str) -> EventSource<'t> {
        EventSource {
            parser: Parser::new_from_str(text),
            anchors: HashMap::new(),
            open: Vec::new(),
            replays: Vec::new(),
            replayed: 0,
            replayed_bytes: 0,
            depth: 0,
        }
    }

    /// The next event: from the innermost replay, else from the parser.
    pub(crate) fn next(&mut self) -> Result<Marked, Fault> {
        while let Some(replay) = self.replays.last_mut() {
            if let Some(event) = replay.events.get(replay.next) {
                replay.next = replay.next.saturating_add(1);
                self.replayed = self.replayed.saturating_add(1);
                if let (Event::Scalar(text, ..), _) = event {
                    self.replayed_bytes = self.replayed_bytes.saturating_add(text.len());
                }
                if self.replayed > MAX_ALIAS_EXPANSION
                    || self.replayed_bytes > MAX_ALIAS_EXPANSION_BYTES
                {
                    return Err(Fault::Aliases(event.1));
                }
                return Ok(event.clone());
            }
            self.replays.pop();
        }
        self.pull()
    }

    /// Make the next events those of the node anchored as `anchor`.
    pub(crate) fn replay(&mut self, anchor: usize) -> Result<(), AliasError> {
        while self
            .replays
            .last()
            .is_some_and(|r| r.next >= r.events.len())
        {
            self.replays.pop();
        }
        let inside_itself = self.open.iter().any(|r| r.anchor == anchor)
            || self.replays.iter().any(|r| r.anchor == anchor);
        if inside_itself {
            return Err(AliasError::Recursive);
        }
        let events = self.anchors.get(&anchor).ok_or(AliasError::Unknown)?;
        self.replays.push(Replay {
            anchor,
            events: Arc::clone(events),
            next: 0,
        });
        Ok(())
    }

    /// The next event of the parsed text, recorded where an anchor is open.
    fn pull(&mut self) -> Result<Marked, Fault> {
        let (event, mark) = self.parser.next_token().map_err(Fault::Syntax)?;
        let pos = Pos::from(&mark);
        match &event {
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                self.depth = deeper(self.depth).ok_or(Fault::Depth(pos))?;
                self.record(&event, pos);
                self.open_recording(*anchor, &event, pos);
            }
            Event::SequenceEnd | Event::MappingEnd => {
                self.record(&event, pos);
                self.depth = self.depth.saturating_sub(1);
                self.close_recordings();
            }
            Event::Scalar(_, _, anchor, _) => {
                self.record(&event, pos);
                if *anchor > 0 {
                    self.anchors
                        .insert(*anchor, Arc::from([(event.clone(), pos)]));
                }
            }
            _ => self.record(&event, pos),
        }
        Ok((event, pos))
    }

    fn record(&mut self, event: &Event, pos: Pos) {
        for recording in &mut self.open {
            recording.events.push((event.clone(), pos));
        }
    }

    fn open_recording(&mut self, anchor: usize, event: &Event, pos: Pos) {
        if anchor > 0 {
            self.open.push(Recording {
                anchor,
                depth: self.depth,
                events: vec![(event.clone(), pos)],
            });
        }
    }

    /// File the recordings whose collection has just ended.
    fn close_recordings(&mut self) {
        while self.open.last().is_some_and(|r| r.depth > self.depth) {
            if let Some(recording) = self.open.pop() {
                self.anchors
                    .insert(recording.anchor, Arc::from(recording.events));
            }
        }
    }
}

/// Why a YAML text is over the budget, with its line and column (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlBudgetError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Read `text` through the bounded event source, expanding every alias, and say
/// whether it stays within the budget of every YAML file the tool reads: nesting
/// ([`MAX_FACTS_DEPTH`]), expanded events ([`MAX_ALIAS_EXPANSION`]) and expanded
/// bytes ([`MAX_ALIAS_EXPANSION_BYTES`]). Readers that build a generic tree
/// (serde_yaml) call this first, so their expansion is bounded too. Syntax errors
/// are left to the reader, which words them better.
pub fn check_yaml_budget(text: &str) -> Result<(), YamlBudgetError> {
    let mut source = EventSource::new(text);
    let over = |pos: Pos, message: String| YamlBudgetError {
        line: pos.line,
        column: pos.column,
        message,
    };
    loop {
        match source.next() {
            Ok((Event::StreamEnd, _)) | Err(Fault::Syntax(_)) => return Ok(()),
            Ok((Event::Alias(id), pos)) => {
                if source.replay(id) == Err(AliasError::Recursive) {
                    return Err(over(
                        pos,
                        "an alias is used inside the node it names".into(),
                    ));
                }
            }
            Ok(_) => {}
            Err(Fault::Depth(pos)) => {
                return Err(over(
                    pos,
                    format!("lists and mappings nest more than {MAX_FACTS_DEPTH} deep"),
                ))
            }
            Err(Fault::Aliases(pos)) => {
                return Err(over(
                    pos,
                    format!(
                        "aliases expand to more than {MAX_ALIAS_EXPANSION} YAML events or \
                         {MAX_ALIAS_EXPANSION_BYTES} bytes"
                    ),
                ))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_string_aliased_many_times_stops_at_the_byte_budget() {
        let big = "x".repeat(1024 * 1024);
        let text = format!("a: &a {big}\nb: [{}]\n", ["*a"; 40].join(", "));
        let err = check_yaml_budget(&text).err().map(|e| e.message);
        assert!(err.is_some_and(|m| m.contains("bytes")));
        assert_eq!(check_yaml_budget("a: &a [1]\nb: *a\n"), Ok(()));
    }

    /// Every event of `text` with every alias expanded, as a compact trace.
    fn expand(text: &str) -> Result<Vec<String>, String> {
        let mut source = EventSource::new(text);
        let mut trace = Vec::new();
        loop {
            let (event, _) = source.next().map_err(|f| format!("{f:?}"))?;
            match event {
                Event::StreamEnd => return Ok(trace),
                Event::Alias(id) => source.replay(id).map_err(|e| format!("{e:?}"))?,
                Event::Scalar(text, ..) => trace.push(text),
                Event::SequenceStart(..) => trace.push("[".into()),
                Event::SequenceEnd => trace.push("]".into()),
                Event::MappingStart(..) => trace.push("{".into()),
                Event::MappingEnd => trace.push("}".into()),
                _ => {}
            }
        }
    }

    #[test]
    fn aliases_replay_their_anchored_node() {
        let trace = expand("a: &x [1, &y 2]\nb: *x\nc: *y\n");
        assert_eq!(
            trace.ok().map(|t| t.join(" ")),
            Some("{ a [ 1 2 ] b [ 1 2 ] c 2 }".to_string())
        );
    }

    #[test]
    fn nested_aliases_replay_inside_replays() {
        let trace = expand("a: &x [1]\nb: &y [*x, *x]\nc: *y\n");
        assert_eq!(
            trace.ok().map(|t| t.join(" ")),
            Some("{ a [ 1 ] b [ [ 1 ] [ 1 ] ] c [ [ 1 ] [ 1 ] ] }".to_string())
        );
    }

    #[test]
    fn an_alias_inside_its_own_node_is_refused() {
        let err = expand("a: &x [1, *x]\n").err();
        assert_eq!(err.as_deref(), Some("Recursive"));
    }

    #[test]
    fn a_billion_laughs_stops_at_the_expansion_limit() {
        let mut text = String::from("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for level in 1..10 {
            let prev = format!("*l{}", level - 1);
            let items = [prev.as_str(); 9].join(", ");
            text.push_str(&format!("l{level}: &l{level} [{items}]\n"));
        }
        let err = expand(&text).err().unwrap_or_default();
        assert!(err.starts_with("Aliases"), "{err}");
    }

    #[test]
    fn deep_block_nesting_stops_at_the_depth_limit() {
        let text = format!("{}x\n", "- ".repeat(100_000));
        let err = expand(&text).err().unwrap_or_default();
        assert!(err.starts_with("Depth"), "{err}");
    }
}
