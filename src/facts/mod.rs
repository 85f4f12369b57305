//! Facts files (YAML or JSON) → typed fact values, laid out and validated by the schema.
//!
//! [`load_facts`] reads a file in one pass over yaml-rust2's event stream, building
//! [`Value`](crate::value::Value)s as the schema dictates at each place (`build`,
//! `record`); there is no generic YAML tree. A `.json` file is first read by
//! serde_json, driven by the schema (`json_values`); only a file that reader finds
//! anything wrong with goes through the event-stream builder (YAML being a
//! superset of JSON for facts files, after a check by the JSON grammar, `json`),
//! which reports every problem with its span.
//!
//! What this module guarantees:
//! - Every independent problem is reported (up to `MAX_FACTS_ERRORS`), each with a
//!   stable `phs::facts::...` code, the fact path, a byte span and a help.
//! - A value left out or `null` is unknown when the schema marks it optional, an empty
//!   list or map when it is one, and a problem otherwise.
//! - Keys named like secrets are refused anywhere (`secrets`).
//! - Hostile input is bounded: nesting depth, alias expansion, string length
//!   (`crate::limits`); recursion never exceeds the depth limit; nothing panics.
//! - Loading a valid file costs no position bookkeeping (`spans`).
//!
//! - A file whose `format` is not the schema's stops loading at that key: the rest
//!   would be judged by the wrong contract.
//!
//! Layout: `json_values` (clean JSON files), `events` (parser, anchors and
//! aliases, depth), `build` (values),
//! `record` (records and maps), `skip` (values not built), `scalars` (scalar
//! conversions), `secrets`, `problems` (diagnostics), `spans` (character positions
//! to byte spans).

mod build;
mod events;
mod json;
#[cfg(test)]
mod json_tests;
mod json_values;
mod problems;
mod record;
mod scalars;
mod secrets;
mod skip;
mod spans;
#[cfg(test)]
mod tests;
mod tree;

pub use events::{check_yaml_budget, YamlBudgetError};
pub use tree::{read_yaml_tree, TreeError};

use crate::check::schema::Schema;
use crate::diag::Diagnostic;
use crate::source::FileId;
use crate::value::{Record, RecordAt, Value};
use build::{Builder, Step};
use chrono::{DateTime, FixedOffset};
use problems::Found;
use spans::SpanMap;
use std::sync::Arc;
use yaml_rust2::parser::Event;
use yaml_rust2::scanner::TScalarStyle;

/// How strictly a facts file is read.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Skip keys the schema does not declare instead of reporting them (for
    /// org-specific facts). Keys named like secrets are refused all the same.
    pub allow_extra_keys: bool,
    /// The file is JSON (`.json`): it must be JSON by the JSON grammar (no trailing
    /// comma, no YAML-only syntax), and strings must be JSON strings where the
    /// schema wants text (a number is not a version).
    pub json: bool,
}

/// The facts of one file.
#[derive(Debug, Clone)]
pub struct Facts {
    /// The root record (`Facts` in the schema), fields in schema order.
    pub root: Arc<Record>,
    /// The root's `collected_at`, when the file gives it: "now" for time windows.
    pub collected_at: Option<DateTime<FixedOffset>>,
}

/// The name of the root field that says when the facts were read.
const COLLECTED_AT_FIELD: &str = "collected_at";

/// Parse a facts file's text (YAML or JSON) into typed values laid out by `schema`.
///
/// # Errors
/// Every problem found, when there is any: at most `MAX_FACTS_ERRORS`, then a note
/// that more were left out. Syntax errors and exceeded limits end loading at once.
pub fn load_facts(
    schema: &Schema,
    file: FileId,
    text: &str,
    opts: &LoadOptions,
) -> Result<Facts, Vec<Diagnostic>> {
    let (body, skipped) = match text.strip_prefix('\u{feff}') {
        Some(body) => (body, '\u{feff}'.len_utf8()),
        None => (text, 0),
    };
    if opts.json {
        if let Some(root) = json_values::read_clean(schema, opts.allow_extra_keys, body) {
            return Ok(Facts::of(schema, root));
        }
        json::check_syntax(file, body, skipped)?;
    }
    let spans = SpanMap::new(file, body, skipped);
    let mut builder = Builder::new(schema, opts, body, spans);
    let root = builder.document();
    match root {
        Ok(root) if !builder.has_problems() => Ok(Facts::of(schema, root)),
        _ => Err(builder.into_problems()),
    }
}

/// The facts of a clean `.json` facts file read from `reader`, a buffered reader
/// over the file after any UTF-8 byte order mark: its text is never held whole.
/// `None` when the file has any problem (or reading it failed): then its text
/// goes to [`load_facts`], which reports every problem with its span.
pub fn load_clean_json(
    schema: &Schema,
    opts: &LoadOptions,
    reader: impl std::io::Read,
) -> Option<Facts> {
    let root = json_values::read_clean_from(schema, opts.allow_extra_keys, reader)?;
    Some(Facts::of(schema, root))
}

impl Facts {
    /// The facts whose root record is `root`, with its `collected_at` if that
    /// is a known timestamp.
    fn of(schema: &Schema, root: Arc<Record>) -> Facts {
        let index = schema.find_field(schema.root(), COLLECTED_AT_FIELD);
        let collected_at = match index.and_then(|i| root.fields.get(i as usize)) {
            Some(Value::Time(time)) => Some(*time),
            _ => None,
        };
        Facts { root, collected_at }
    }
}

impl Builder<'_, '_> {
    /// Read the one YAML document of a facts file: a mapping of the root record.
    fn document(&mut self) -> Step<Arc<Record>> {
        let mut marked = self.next()?;
        if matches!(marked.0, Event::StreamStart) {
            marked = self.next()?;
        }
        if matches!(marked.0, Event::DocumentStart) {
            marked = self.next()?;
        }
        let (event, pos) = marked;
        if let Some(found) = root_found(&event) {
            let span = match found {
                Found::Nothing if matches!(event, Event::StreamEnd) => self.spans.file_start(),
                _ => self.spans.line_rest(pos),
            };
            let problem = problems::not_a_mapping(span, found, &self.schema.format);
            return Err(self.fatal(problem));
        }
        let depth = self.enter(0, pos)?;
        let root = self.record(
            self.schema.root(),
            RecordAt::Path(Arc::from("")),
            pos,
            depth,
        )?;
        self.end_of_stream()?;
        Ok(root)
    }

    /// After the root mapping: the end of the document, and nothing more.
    fn end_of_stream(&mut self) -> Step<()> {
        let mut marked = self.next()?;
        if matches!(marked.0, Event::DocumentEnd) {
            marked = self.next()?;
        }
        match marked {
            (Event::StreamEnd, _) => Ok(()),
            (_, pos) => {
                let span = self.spans.line_rest(pos);
                self.report(problems::extra_document(span))
            }
        }
    }
}

/// Whether the root of a file holds a mapping, and what it holds instead.
fn root_found(event: &Event) -> Option<Found<'_>> {
    match event {
        Event::MappingStart(..) => None,
        Event::SequenceStart(..) => Some(Found::List),
        Event::Scalar(text, style, ..) => {
            let plain = matches!(style, TScalarStyle::Plain);
            if scalars::is_null(text, plain) {
                Some(Found::Nothing)
            } else {
                Some(Found::Scalar(text))
            }
        }
        _ => Some(Found::Nothing),
    }
}
