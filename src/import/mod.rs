//! Importing real exports into a `phs-facts/1` file: a
//! `Get-ADSyncServerConfiguration` folder (`export`, over the XML tree of `xml`),
//! Application-log event exports (`events`), and a base facts file, merged once
//! (`merge`) into one facts document (`facts` for its key order).
//!
//! This module reads no files: `cli::import` hands it the texts and bytes. Only
//! what a source said is written: a fact no source gives is left out, hence
//! unknown, never defaulted.

pub mod events;
mod export;
mod facts;
mod merge;
mod ou_filter;
pub mod sources;
pub mod text;
mod xml;

pub use events::{EventFile, EventsError};
pub use export::{ExportFile, ExportFiles};
pub use merge::Conflict;

use crate::diag::{clipped, Diagnostic};
use chrono::{DateTime, FixedOffset};
use merge::Layer;
use serde_yaml::Value;

/// A time with its offset, as facts files write them.
type Time = DateTime<FixedOffset>;

/// What stops an import. Every variant names the file it is about.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportError {
    /// The file is not well-formed XML, or is over a limit of the XML reader
    /// (nesting, attributes, a value's length).
    Xml { file: String, error: xml::XmlError },
    /// A required element or attribute is absent or empty.
    Missing { file: String, path: String },
    /// A value is not of the expected shape.
    Invalid {
        file: String,
        path: String,
        value: String,
        expected: &'static str,
    },
    /// No source names the tenant.
    NoTenant,
    /// An event export could not be read.
    Events(EventsError),
    /// Two sources give one fact different values.
    Conflict(Conflict),
    /// The base file is not a mapping of facts.
    BaseNotMapping { file: String },
    /// No source gives a time for `collected_at`.
    NoTime,
}

const EXPORT_HELP: &str =
    "import the folder written by `Get-ADSyncServerConfiguration -Path <folder>`, unchanged";

impl ImportError {
    pub fn to_diagnostic(&self) -> Diagnostic {
        match self {
            ImportError::Xml { file, error } if error.limit => Diagnostic::error(
                "phs::import::limit",
                format!("`{file}` at byte {}: {}", error.offset, clipped(&error.message)),
            )
            .help("check that this is the export you meant; a real export is far smaller"),
            ImportError::Xml { file, error } => Diagnostic::error(
                "phs::import::xml",
                format!(
                    "`{file}` is not well-formed XML at byte {}: {}",
                    error.offset,
                    clipped(&error.message)
                ),
            )
            .help(EXPORT_HELP),
            ImportError::Missing { file, path } => Diagnostic::error(
                "phs::import::missing",
                format!("`{file}` has no `{path}`"),
            )
            .help(EXPORT_HELP),
            ImportError::Invalid {
                file,
                path,
                value,
                expected,
            } => Diagnostic::error(
                "phs::import::invalid",
                format!(
                    "`{file}`: `{path}` is `{}`, expected {expected}",
                    clipped(&value.escape_debug().to_string())
                ),
            )
            .help(EXPORT_HELP),
            ImportError::NoTenant => Diagnostic::error(
                "phs::import::no-tenant",
                "no source names the tenant: no Azure AD connector with a `UserName` parameter, and no `tenant.name` in a base file",
            )
            .help("give it in a base file, `tenant: { name: contoso.onmicrosoft.com }`, with --base"),
            ImportError::Events(e) => events_diagnostic(e),
            ImportError::Conflict(c) => Diagnostic::error(
                "phs::import::conflict",
                format!(
                    "two sources disagree on `{}`: {} says {}, {} says {}",
                    c.path, c.first.0, c.first.1, c.second.0, c.second.1
                ),
            )
            .help("correct the source that is wrong (usually the base file, typed by hand), or leave the fact out of it"),
            ImportError::BaseNotMapping { file } => Diagnostic::error(
                "phs::import::base",
                format!("the base facts file `{file}` is not a mapping of facts"),
            )
            .help("a base file holds top-level keys of a facts file, e.g. `tenant: { name: contoso.onmicrosoft.com, password_hash_sync: true }`"),
            ImportError::NoTime => Diagnostic::error(
                "phs::import::no-time",
                "no source says when the facts were read: no configuration export, no event, no `collected_at` in the base file",
            )
            .help("give the time the facts were read with --collected-at, e.g. --collected-at 2026-11-24T14:00:00Z"),
        }
    }
}

fn events_diagnostic(e: &EventsError) -> Diagnostic {
    const HELP: &str = "export the events again as described in docs/collecting.md: `wevtutil qe Application /q:\"*[System[Provider[@Name='Directory Synchronization']]]\" /f:RenderedXml > events.xml`, or `Get-WinEvent ... | Export-Csv events.csv`";
    match e {
        EventsError::Encoding {
            file,
            encoding,
            offset,
        } => Diagnostic::error(
            "phs::encoding",
            format!("the event export `{file}` is not {encoding} text (invalid byte at offset {offset})"),
        )
        .help("save it as UTF-8, or as UTF-16 with a byte order mark (`Export-Csv -Encoding Unicode`)"),
        EventsError::NotAnExport { file, why } => Diagnostic::error(
            "phs::import::events",
            format!("`{file}` is not an event export: {why}"),
        )
        .help(HELP),
        EventsError::MissingColumn {
            file,
            column,
            accepted,
        } => Diagnostic::error(
            "phs::import::events",
            format!(
                "`{file}` has no `{column}` column (looked for {})",
                accepted.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", ")
            ),
        )
        .help("export whole events (`Get-WinEvent ... | Export-Csv events.csv`), or keep Id, ProviderName, Level, TimeCreated and Message in `Select-Object`"),
        EventsError::Invalid {
            file,
            at,
            field,
            value,
            expected,
        } => Diagnostic::error(
            "phs::import::events",
            format!("`{file}`, {at}: `{field}` is `{}`, expected {expected}", value.escape_debug()),
        )
        .help(HELP),
        EventsError::NoOffset { file, at, value } => Diagnostic::error(
            "phs::import::events-offset",
            format!("`{file}`, {at}: the time `{}` has no UTC offset", value.escape_debug()),
        )
        .help("give the server's offset with --utc-offset (what `Get-Date -Format zzz` prints on the server, e.g. --utc-offset +01:00)"),
        EventsError::Malformed { file, at, message } => Diagnostic::error(
            "phs::import::events",
            format!("`{file}`, {at}: {message}"),
        )
        .help(HELP),
    }
}

/// Everything one import reads.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The configuration export, and how messages name it.
    pub config: Option<(String, ExportFiles)>,
    pub events: Vec<EventFile>,
    /// The event sources whose events are written.
    pub event_sources: Vec<String>,
    /// The base facts files' names and documents, in the order given.
    pub bases: Vec<(String, Value)>,
    pub collected_at: Option<Time>,
    pub events_since: Option<Time>,
}

/// Where `collected_at` came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimeSource {
    Flag,
    Base,
    /// The newest time of the sources: which one.
    Newest(String),
}

/// The imported facts and what the summary says about them.
#[derive(Debug, Clone)]
pub struct Imported {
    pub facts: Value,
    pub collected_at: Option<Time>,
    pub collected_at_from: TimeSource,
    /// The events written (of the rules' sources).
    pub events_written: Option<usize>,
    /// Events later than `collected_at`.
    pub events_after_collection: usize,
}

/// Import and merge every source of `req`.
pub fn import(req: &Request) -> Result<Imported, Vec<ImportError>> {
    let (layers, export_date) = layers(req)?;
    let mut merged = merge::merge(&layers).map_err(|cs| {
        cs.into_iter()
            .map(ImportError::Conflict)
            .collect::<Vec<_>>()
    })?;
    let (collected_at, from) = decide_collected_at(req, export_date)?;
    if let Value::Mapping(top) = &mut merged {
        settle_top_level(req, top, collected_at, &from);
    }
    let merged = facts::in_facts_order(merged);
    if !facts::names_tenant(&merged) {
        return Err(vec![ImportError::NoTenant]);
    }
    let events = merged.get("events").and_then(Value::as_sequence);
    let events_after_collection = match (collected_at, events) {
        (Some(now), Some(list)) => list
            .iter()
            .filter(|e| time_of(e.get("time")).is_some_and(|t| t > now))
            .count(),
        _ => 0,
    };
    Ok(Imported {
        events_written: events.map(Vec::len),
        facts: merged,
        collected_at,
        collected_at_from: from,
        events_after_collection,
    })
}

/// Each source as a layer of the merge (export, events, base files, in this
/// order), and the export's date.
fn layers(req: &Request) -> Result<(Vec<Layer>, Option<Time>), Vec<ImportError>> {
    let mut layers = Vec::new();
    let mut export_date = None;
    if let Some((name, files)) = &req.config {
        let export = export::read_export(files)?;
        export_date = Some(export.server.exported_at.and_utc().fixed_offset());
        layers.push(Layer {
            source: format!("the configuration export `{name}`"),
            facts: facts::to_facts(&export),
        });
    }
    if !req.events.is_empty() {
        let list = events::relevant(&req.events, &req.event_sources)
            .into_iter()
            .map(events::to_value)
            .collect();
        let mut map = serde_yaml::Mapping::new();
        map.insert("events".into(), Value::Sequence(list));
        layers.push(Layer {
            source: "the event exports".to_string(),
            facts: Value::Mapping(map),
        });
    }
    for (name, base) in &req.bases {
        if !matches!(base, Value::Mapping(_)) {
            return Err(vec![ImportError::BaseNotMapping { file: name.clone() }]);
        }
        layers.push(Layer {
            source: format!("the base file `{name}`"),
            facts: base.clone(),
        });
    }
    Ok((layers, export_date))
}

/// `format`, `collected_at` and `events_since` as decided, events in time order.
fn settle_top_level(
    req: &Request,
    top: &mut serde_yaml::Mapping,
    collected_at: Option<Time>,
    from: &TimeSource,
) {
    // A base file's own `format` is kept, for the loader to judge.
    if !top.contains_key("format") {
        top.insert("format".into(), "phs-facts/1".into());
    }
    if let (TimeSource::Flag | TimeSource::Newest(_), Some(t)) = (from, collected_at) {
        top.insert("collected_at".into(), Value::String(events::utc_text(t)));
    }
    // `--events-since`, else the base files', else the earliest event read.
    let events_since = req
        .events_since
        .map(|t| Value::String(events::utc_text(t)))
        .or_else(|| given_by_bases(req, "events_since").cloned())
        .or_else(|| {
            let earliest = req.events.iter().filter_map(EventFile::earliest).min()?;
            Some(Value::String(events::utc_text(earliest)))
        });
    match events_since {
        Some(since) if top.contains_key("events") => {
            top.insert("events_since".into(), since);
        }
        _ => {
            top.remove("events_since");
        }
    }
    if let Some(Value::Sequence(list)) = top.get_mut("events") {
        list.sort_by_key(|e| time_of(e.get("time")));
    }
}

fn time_of(v: Option<&Value>) -> Option<Time> {
    DateTime::parse_from_rfc3339(v?.as_str()?).ok()
}

/// The value of a top-level key in the first base file that gives it.
fn given_by_bases<'a>(req: &'a Request, key: &str) -> Option<&'a Value> {
    req.bases
        .iter()
        .find_map(|(_, b)| b.get(key).filter(|v| !v.is_null()))
}

/// `--collected-at`, else the base files', else the newest time of the sources.
/// Base files that give different times are a conflict, as any other fact.
fn decide_collected_at(
    req: &Request,
    export_date: Option<Time>,
) -> Result<(Option<Time>, TimeSource), Vec<ImportError>> {
    if let Some(t) = req.collected_at {
        return Ok((Some(t), TimeSource::Flag));
    }
    let given: Vec<(&String, &Value)> = req
        .bases
        .iter()
        .filter_map(|(name, b)| Some((name, b.get("collected_at").filter(|v| !v.is_null())?)))
        .collect();
    if let Some((first_name, first)) = given.first() {
        let conflicts: Vec<ImportError> = given
            .iter()
            .skip(1)
            .filter(|(_, v)| time_of(Some(v)) != time_of(Some(first)) || time_of(Some(v)).is_none())
            .map(|(name, v)| {
                ImportError::Conflict(Conflict {
                    path: "collected_at".into(),
                    first: (format!("the base file `{first_name}`"), merge::show(first)),
                    second: (format!("the base file `{name}`"), merge::show(v)),
                })
            })
            .collect();
        if !conflicts.is_empty() {
            return Err(conflicts);
        }
        return Ok((time_of(Some(first)), TimeSource::Base));
    }
    let mut candidates: Vec<(Time, String)> = Vec::new();
    if let (Some(t), Some((name, _))) = (export_date, &req.config) {
        candidates.push((t, format!("the export-date of `{name}`, read as UTC")));
    }
    for f in &req.events {
        if let Some(t) = f.newest() {
            candidates.push((t, format!("the newest event of `{}`", f.name)));
        }
    }
    for (name, b) in &req.bases {
        let times = b
            .get("events")
            .and_then(Value::as_sequence)
            .into_iter()
            .flatten()
            .filter_map(|e| time_of(e.get("time")));
        let logs = b
            .get("objects")
            .and_then(Value::as_sequence)
            .into_iter()
            .flatten()
            .filter_map(|o| o.get("password_sync_log").and_then(Value::as_sequence))
            .flatten()
            .filter_map(|l| time_of(l.get("time")));
        if let Some(t) = times.chain(logs).max() {
            candidates.push((t, format!("the newest time in `{name}`")));
        }
    }
    match candidates.into_iter().max_by_key(|(t, _)| *t) {
        Some((t, what)) => Ok((Some(t), TimeSource::Newest(what))),
        None => Err(vec![ImportError::NoTime]),
    }
}

/// The facts as the text of the output file: JSON, or YAML with a comment on
/// top saying how it was made. The comment holds no value read from a source.
///
/// Serializing facts made of maps, lists and scalars cannot fail; if it ever
/// does, the error says so (an internal error), never an empty facts file.
pub fn render(imported: &Imported, json: bool, made_from: &str) -> Result<String, String> {
    if json {
        let mut text = serde_json::to_string_pretty(&imported.facts).map_err(|e| e.to_string())?;
        text.push('\n');
        return Ok(text);
    }
    let yaml = serde_yaml::to_string(&imported.facts).map_err(|e| e.to_string())?;
    let time_note = match &imported.collected_at_from {
        TimeSource::Flag => "collected_at is the time given with --collected-at.",
        TimeSource::Base => "collected_at is the base file's.",
        TimeSource::Newest(_) => {
            "collected_at is the newest time found in the sources (a configuration export's date is read as UTC)."
        }
    };
    Ok(format!(
        "# Written by `phsrule import` from {}.\n\
         # {time_note} Facts no source gave are left out (unknown).\n{yaml}",
        in_comment(made_from)
    ))
}

/// Text from the sources (file and folder names) as a YAML comment may hold it:
/// control characters and line breaks (also NEL and the Unicode line and
/// paragraph separators, which YAML readers may take as line ends) escaped, so
/// that no name can plant facts below the comment.
fn in_comment(value: &str) -> String {
    value.escape_debug().to_string()
}
