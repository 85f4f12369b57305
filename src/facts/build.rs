//! Schema-driven construction of fact values straight from the YAML event stream.
//!
//! The [`Builder`] pulls events and, knowing from the schema which type belongs at
//! each place, turns them into [`Value`]s at once: there is no generic YAML tree in
//! between. Invariants:
//! - A problem in a value is reported and that value's remaining events are skipped,
//!   so loading goes on and every independent problem is found (up to
//!   [`MAX_FACTS_ERRORS`]). A [`Stop`] ends loading: syntax errors, limits, too many
//!   problems, an unsupported format.
//! - Recursion follows the nesting of the values built, which is checked against
//!   [`MAX_FACTS_DEPTH`](crate::limits::MAX_FACTS_DEPTH) before each level
//!   ([`Builder::enter`]); skipping never recurses.
//! - Fact paths are built only for records, lists, maps and unknown values; scalars
//!   carry a [`Place`] that becomes a path only when a problem is reported.
//! - Byte spans are computed only for problems (see `spans`).

use super::events::{deeper, AliasError, EventSource, Fault, Marked};
use super::problems::{self, Found};
use super::scalars::{self, Expected};
use super::spans::{Pos, SpanMap};
use super::LoadOptions;
use crate::check::schema::Schema;
use crate::check::types::{Type, Typed};
use crate::diag::Diagnostic;
use crate::limits::{MAX_FACTS_ERRORS, MAX_STRING_BYTES};
use crate::value::{child_path, index_path, FactPath, List, Map, RecordAt, Value};
use indexmap::IndexMap;
use std::sync::Arc;
use yaml_rust2::parser::Event;
use yaml_rust2::scanner::TScalarStyle;

/// yaml-rust2's message when flow collections nest deeper than it can count.
const SCANNER_NESTING_LIMIT: &str = "recursion limit exceeded";

/// Loading ended early; the reason is the last problem reported.
#[derive(Debug)]
pub(crate) struct Stop;

pub(crate) type Step<T> = Result<T, Stop>;

/// Where a value sits, cheap to pass down; [`Place::path`] spells it out.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Place<'p> {
    /// A path already built (`""` for the root).
    At(&'p str),
    /// A field of a record or an entry of a map: `parent.name`.
    Child(&'p str, &'p str),
    /// An element of a list: `parent[index]`.
    Index(&'p FactPath, usize),
}

impl Place<'_> {
    pub(crate) fn path(self) -> FactPath {
        match self {
            Place::At(path) => Arc::from(path),
            Place::Child(parent, name) => child_path(parent, name),
            Place::Index(parent, index) => index_path(parent, index),
        }
    }

    /// Where a record at this place sits: an element of a list shares the
    /// list's path (see [`RecordAt`]).
    pub(crate) fn record_at(self) -> RecordAt {
        match self {
            Place::Index(list, index) => RecordAt::item(list, index),
            other => RecordAt::Path(other.path()),
        }
    }
}

/// The type a value must have, and whether it may be unknown.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Expect<'a> {
    pub(crate) ty: &'a Type,
    pub(crate) optional: bool,
}

impl<'a> Expect<'a> {
    /// What a record's field holds: unknown only if the field is optional.
    pub(crate) fn field(typed: &'a Typed) -> Expect<'a> {
        Expect {
            ty: &typed.ty,
            optional: typed.optional,
        }
    }

    /// What a list's item or a map's value holds: never unknown.
    pub(crate) fn required(ty: &'a Type) -> Expect<'a> {
        Expect {
            ty,
            optional: false,
        }
    }
}

/// How a value came to be absent.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Absence<'a> {
    /// Its key is not in the record (named by record and field).
    LeftOut(&'a str, &'a str),
    /// It is written as `null`, `~` or nothing.
    Null,
}

/// Builds the values of one facts file.
pub(crate) struct Builder<'a, 't> {
    pub(crate) schema: &'a Schema,
    pub(crate) opts: &'a LoadOptions,
    events: EventSource<'t>,
    pub(crate) spans: SpanMap<'t>,
    problems: Vec<Diagnostic>,
}

/// Stands in for a value that had a problem. A problem means the facts are never
/// returned, so it is never read.
pub(crate) fn placeholder() -> Value {
    Value::Bool(false)
}

/// The value of something absent that needs no problem: unknown if optional (the
/// shared [`Value::absent`]: only a record's fields are optional, and reading one
/// gives its path), empty (with its path) if a list or map. `None` for a required
/// value of another type.
pub(crate) fn absent_value(expect: Expect, place: Place) -> Option<Value> {
    if expect.optional {
        return Some(Value::absent());
    }
    match expect.ty {
        Type::List(_) => Some(Value::List(Arc::new(List {
            path: Some(place.path()),
            items: Vec::new(),
        }))),
        Type::Map(..) => Some(Value::Map(Arc::new(Map {
            path: Some(place.path()),
            entries: IndexMap::new(),
        }))),
        _ => None,
    }
}

/// Bytes a scalar takes in the text, about: its value and its quotes.
pub(crate) fn scalar_width(text: &str, style: TScalarStyle) -> usize {
    match style {
        TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted => text.len().saturating_add(2),
        _ => text.len(),
    }
}

/// The types a JSON file must write as strings, and how a message names them.
fn text_type(ty: &Type) -> Option<&'static str> {
    match ty {
        Type::Str => Some("text"),
        Type::Time => Some("a timestamp"),
        Type::Version => Some("a version"),
        Type::Duration => Some("a duration"),
        Type::Enum(_) => Some("an enum value"),
        _ => None,
    }
}

impl<'a, 't> Builder<'a, 't> {
    pub(crate) fn new(
        schema: &'a Schema,
        opts: &'a LoadOptions,
        text: &'t str,
        spans: SpanMap<'t>,
    ) -> Builder<'a, 't> {
        Builder {
            schema,
            opts,
            events: EventSource::new(text),
            spans,
            problems: Vec::new(),
        }
    }

    /// Every problem reported, in the order found.
    pub(crate) fn into_problems(self) -> Vec<Diagnostic> {
        self.problems
    }

    pub(crate) fn has_problems(&self) -> bool {
        !self.problems.is_empty()
    }

    /// Record a problem and go on, unless there are too many.
    pub(crate) fn report(&mut self, problem: Diagnostic) -> Step<()> {
        self.problems.push(problem);
        if self.problems.len() >= MAX_FACTS_ERRORS {
            self.problems
                .push(problems::too_many_problems(MAX_FACTS_ERRORS));
            return Err(Stop);
        }
        Ok(())
    }

    /// Record a problem that ends loading.
    pub(crate) fn fatal(&mut self, problem: Diagnostic) -> Stop {
        self.problems.push(problem);
        Stop
    }

    pub(crate) fn next(&mut self) -> Step<Marked> {
        match self.events.next() {
            Ok(marked) => Ok(marked),
            Err(fault) => Err(self.fault(fault)),
        }
    }

    /// The next event inside a collection; `None` at its `end` (`MappingEnd` or
    /// `SequenceEnd`).
    pub(crate) fn next_in(&mut self, end: &Event) -> Step<Option<Marked>> {
        let marked = self.next()?;
        Ok((marked.0 != *end).then_some(marked))
    }

    fn fault(&mut self, fault: Fault) -> Stop {
        let problem = match fault {
            // The scanner's own limit on flow nesting (`[[[[...`), far above ours.
            Fault::Syntax(error) if error.info() == SCANNER_NESTING_LIMIT => {
                problems::too_deep(self.spans.token(Pos::from(error.marker()), 1))
            }
            Fault::Syntax(error) => {
                let pos = Pos::from(error.marker());
                let span = self.spans.token(pos, 1);
                problems::syntax(span, pos.line, pos.column, error.info())
            }
            Fault::Depth(pos) => problems::too_deep(self.spans.line_rest(pos)),
            Fault::Aliases(pos) => problems::too_many_aliases(self.spans.line_rest(pos)),
        };
        self.fatal(problem)
    }

    /// The nesting depth inside a collection starting at `pos`, if within the limit.
    pub(crate) fn enter(&mut self, depth: usize, pos: Pos) -> Step<usize> {
        deeper(depth).ok_or_else(|| self.fatal(problems::too_deep(self.spans.line_rest(pos))))
    }

    /// An event that a well-formed YAML stream never has at this point.
    pub(crate) fn unexpected(&mut self, event: &Event, pos: Pos) -> Stop {
        let span = self.spans.token(pos, 1);
        let info = format!("unexpected {event:?}");
        self.fatal(problems::syntax(span, pos.line, pos.column, &info))
    }

    /// The event itself, or for an alias the first event of what it stands for.
    /// `None` when the alias cannot be expanded (reported).
    pub(crate) fn resolve(&mut self, marked: Marked, place: Place) -> Step<Option<Marked>> {
        let (Event::Alias(anchor), pos) = marked else {
            return Ok(Some(marked));
        };
        match self.events.replay(anchor) {
            Ok(()) => self.next().map(Some),
            Err(error) => {
                let span = self.spans.line_rest(pos);
                let recursive = error == AliasError::Recursive;
                self.report(problems::bad_alias(span, &place.path(), recursive))?;
                Ok(None)
            }
        }
    }

    /// Read the next value, of type `expect`.
    pub(crate) fn value(&mut self, expect: Expect, place: Place, depth: usize) -> Step<Value> {
        let marked = self.next()?;
        self.value_of(marked, expect, place, depth)
    }

    /// Build a value from its first event.
    pub(crate) fn value_of(
        &mut self,
        marked: Marked,
        expect: Expect,
        place: Place,
        depth: usize,
    ) -> Step<Value> {
        let Some((event, pos)) = self.resolve(marked, place)? else {
            return Ok(placeholder());
        };
        match event {
            Event::Scalar(text, style, ..) => self.scalar(&text, style, pos, expect, place),
            Event::MappingStart(..) => self.mapping(pos, expect, place, depth),
            Event::SequenceStart(..) => self.sequence(pos, expect, place, depth),
            other => Err(self.unexpected(&other, pos)),
        }
    }

    fn scalar(
        &mut self,
        text: &str,
        style: TScalarStyle,
        pos: Pos,
        expect: Expect,
        place: Place,
    ) -> Step<Value> {
        let plain = style == TScalarStyle::Plain;
        if text.len() > MAX_STRING_BYTES {
            let span = self.spans.token(pos, 1);
            self.report(problems::long_string(span, &place.path(), text.len()))?;
            return Ok(placeholder());
        }
        if scalars::is_null(text, plain) {
            return self.absent(expect, place, pos, Absence::Null);
        }
        if self.opts.json && plain {
            if let Some(what) = text_type(expect.ty) {
                let span = self.spans.token(pos, scalar_width(text, style));
                self.report(super::json::not_a_string(span, &place.path(), text, what))?;
                return Ok(placeholder());
            }
        }
        match scalars::to_value(self.schema, expect.ty, text, plain) {
            Ok(value) => Ok(value),
            Err(expected) => {
                let span = self.spans.token(pos, scalar_width(text, style));
                let problem = match expected {
                    Expected::Structure => problems::mismatch(
                        self.schema,
                        span,
                        &place.path(),
                        expect.ty,
                        Found::Scalar(text),
                    ),
                    other => problems::bad_scalar(self.schema, span, &place.path(), &other, text),
                };
                self.report(problem)?;
                Ok(placeholder())
            }
        }
    }

    fn mapping(&mut self, start: Pos, expect: Expect, place: Place, depth: usize) -> Step<Value> {
        match expect.ty {
            Type::Record(id) => {
                let depth = self.enter(depth, start)?;
                let record = self.record(*id, place.record_at(), start, depth)?;
                Ok(Value::Record(record))
            }
            Type::Map(key, value) => {
                let depth = self.enter(depth, start)?;
                self.map(key, value, place.path(), depth)
            }
            _ => self.wrong_collection(start, expect, place, Found::Mapping),
        }
    }

    fn sequence(&mut self, start: Pos, expect: Expect, place: Place, depth: usize) -> Step<Value> {
        match expect.ty {
            Type::List(item) => {
                let depth = self.enter(depth, start)?;
                self.list(item, place.path(), depth)
            }
            _ => self.wrong_collection(start, expect, place, Found::List),
        }
    }

    /// Report a list or mapping where something else belongs, and skip it.
    fn wrong_collection(
        &mut self,
        start: Pos,
        expect: Expect,
        place: Place,
        found: Found,
    ) -> Step<Value> {
        let first = self.skip_rest()?;
        let at = first.map_or(start, |inner| inner.min(start));
        let span = self.spans.line_rest(at);
        let problem = problems::mismatch(self.schema, span, &place.path(), expect.ty, found);
        self.report(problem)?;
        Ok(placeholder())
    }

    fn list(&mut self, item: &Type, path: FactPath, depth: usize) -> Step<Value> {
        let expect = Expect::required(item);
        let mut items = Vec::new();
        while let Some(marked) = self.next_in(&Event::SequenceEnd)? {
            let place = Place::Index(&path, items.len());
            let value = self.value_of(marked, expect, place, depth)?;
            items.push(value);
        }
        let path = Some(path);
        Ok(Value::List(Arc::new(List { path, items })))
    }

    /// The value of something absent: unknown if optional, empty if a list or map,
    /// else a problem.
    pub(crate) fn absent(
        &mut self,
        expect: Expect,
        place: Place,
        pos: Pos,
        absence: Absence,
    ) -> Step<Value> {
        if let Some(value) = absent_value(expect, place) {
            return Ok(value);
        }
        let ty = expect.ty.display(self.schema);
        let path = place.path();
        let problem = match absence {
            Absence::LeftOut(record, field) => {
                let span = self.spans.line_rest(pos);
                problems::missing(span, &path, record, field, &ty)
            }
            Absence::Null => problems::null_required(self.spans.token(pos, 1), &path, &ty),
        };
        self.report(problem)?;
        Ok(placeholder())
    }
}
