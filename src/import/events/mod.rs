//! Application-log events from the exports a server can write: a CSV of
//! `Get-WinEvent ... | Export-Csv` (`csv.rs`), the XML of `wevtutil qe ...
//! /f:RenderedXml` (`xml.rs`) and `.evtx` files (`evtx.rs`). The format is found
//! from the content. Every event of the file is read (so `events_since` can be the
//! start of what was read); only those of the sources the rules look at are
//! written to the facts.

mod csv;
mod evtx;
mod time;
mod xml;

pub use time::{parse_time, parse_utc_offset, TimeError};

use super::text;
use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};
use serde_yaml::{Mapping, Value};

/// One event, as the facts format has it.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub id: i64,
    pub source: String,
    pub level: Level,
    pub time: DateTime<FixedOffset>,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Information,
    Warning,
    Error,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Information => "information",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }

    /// The numeric `Level` of the event schema: 1 critical and 2 error are
    /// errors, 3 a warning, 0 (log always), 4 information and 5 verbose information.
    pub fn from_number(level: i64) -> Option<Level> {
        match level {
            1 | 2 => Some(Level::Error),
            3 => Some(Level::Warning),
            0 | 4 | 5 => Some(Level::Information),
            _ => None,
        }
    }

    /// The English names (`LevelDisplayName`, `EntryType`, `RenderingInfo/Level`).
    pub fn from_name(name: &str) -> Option<Level> {
        match name.trim().to_ascii_lowercase().as_str() {
            "critical" | "error" => Some(Level::Error),
            "warning" => Some(Level::Warning),
            "information" | "informational" | "verbose" | "logalways" => Some(Level::Information),
            _ => None,
        }
    }

    /// A level written as a number or as an English name.
    pub fn parse(text: &str) -> Option<Level> {
        match text.trim().parse::<i64>() {
            Ok(n) => Level::from_number(n),
            Err(_) => Level::from_name(text),
        }
    }
}

/// The kinds of event export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xml,
    Evtx,
    /// An empty file (`wevtutil` writes nothing when no event matches).
    Empty,
}

impl Format {
    pub fn describe(self) -> &'static str {
        match self {
            Format::Csv => "CSV (Export-Csv)",
            Format::Xml => "event XML",
            Format::Evtx => "EVTX",
            Format::Empty => "empty",
        }
    }
}

/// Every event of one export file.
#[derive(Debug, Clone, PartialEq)]
pub struct EventFile {
    /// The file's name as the user gave it.
    pub name: String,
    pub format: Format,
    pub events: Vec<Event>,
}

impl EventFile {
    /// The earliest event of the file, of any source.
    pub fn earliest(&self) -> Option<DateTime<FixedOffset>> {
        self.events.iter().map(|e| e.time).min()
    }

    /// The newest event of the file, of any source.
    pub fn newest(&self) -> Option<DateTime<FixedOffset>> {
        self.events.iter().map(|e| e.time).max()
    }
}

/// What stops reading an event export. Each names the file and where in it.
#[derive(Debug, Clone, PartialEq)]
pub enum EventsError {
    Encoding {
        file: String,
        encoding: &'static str,
        offset: usize,
    },
    /// Not a CSV, XML or EVTX event export.
    NotAnExport { file: String, why: String },
    /// A column the events need is missing from a CSV header.
    MissingColumn {
        file: String,
        column: &'static str,
        accepted: &'static [&'static str],
    },
    /// A field of one event is missing or malformed.
    Invalid {
        file: String,
        /// `line 4`, `the <Event> at line 10`, `record 12`.
        at: String,
        field: &'static str,
        value: String,
        expected: &'static str,
    },
    /// A local time, and no `--utc-offset`.
    NoOffset {
        file: String,
        at: String,
        value: String,
    },
    /// The file does not parse as its format.
    Malformed {
        file: String,
        at: String,
        message: String,
    },
}

/// How to read local times.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions {
    pub utc_offset: Option<FixedOffset>,
}

/// The first bytes of every `.evtx` file.
const EVTX_MAGIC: &[u8] = b"ElfFile\0";

/// Read an event export, whatever its format.
pub fn read_events(name: &str, bytes: &[u8], opts: ReadOptions) -> Result<EventFile, EventsError> {
    let has_evtx_name = name.to_ascii_lowercase().ends_with(".evtx");
    let (format, events) = if bytes.starts_with(EVTX_MAGIC) {
        (Format::Evtx, evtx::read(name, bytes, opts)?)
    } else if has_evtx_name {
        return Err(EventsError::NotAnExport {
            file: name.to_string(),
            why: "it is named `.evtx` but does not start with the EVTX header `ElfFile`".into(),
        });
    } else {
        let text = text::decode(bytes).map_err(|e| EventsError::Encoding {
            file: name.to_string(),
            encoding: e.encoding,
            offset: e.offset,
        })?;
        let start = text.trim_start();
        if start.is_empty() {
            (Format::Empty, Vec::new())
        } else if start.starts_with('<') {
            (Format::Xml, xml::read_stream(name, &text, opts)?)
        } else {
            (Format::Csv, csv::read(name, &text, opts)?)
        }
    };
    Ok(EventFile {
        name: name.to_string(),
        format,
        events,
    })
}

/// The events of `files` whose source is one of `sources` (ignoring case), in
/// time order, each once.
pub fn relevant<'a>(files: &'a [EventFile], sources: &[String]) -> Vec<&'a Event> {
    let mut out: Vec<&Event> = files
        .iter()
        .flat_map(|f| f.events.iter())
        .filter(|e| {
            sources
                .iter()
                .any(|s| s.eq_ignore_ascii_case(e.source.trim()))
        })
        .collect();
    out.sort_by_key(|e| e.time);
    out.dedup();
    out
}

/// An RFC 3339 time in UTC, as facts files are written.
pub fn utc_text(t: DateTime<FixedOffset>) -> String {
    t.with_timezone(&Utc)
        .to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// An event as a facts-file record.
pub fn to_value(e: &Event) -> Value {
    let mut map = Mapping::new();
    map.insert("id".into(), Value::Number(e.id.into()));
    map.insert("source".into(), Value::String(e.source.clone()));
    map.insert("level".into(), Value::String(e.level.as_str().into()));
    map.insert("time".into(), Value::String(utc_text(e.time)));
    map.insert("message".into(), Value::String(e.message.clone()));
    Value::Mapping(map)
}

/// Read a time field of an event, mapping failures to the file's errors.
fn time_field(
    file: &str,
    field: &'static str,
    at: &dyn Fn() -> String,
    value: &str,
    opts: ReadOptions,
) -> Result<DateTime<FixedOffset>, EventsError> {
    parse_time(value, opts.utc_offset).map_err(|e| match e {
        TimeError::NoOffset => EventsError::NoOffset {
            file: file.to_string(),
            at: at(),
            value: value.to_string(),
        },
        TimeError::Unreadable => EventsError::Invalid {
            file: file.to_string(),
            at: at(),
            field,
            value: value.to_string(),
            expected: "an ISO 8601 time (`2026-11-24T13:31:00Z`) or an en-US time (`11/24/2026 1:31:00 PM`)",
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn critical_is_an_error_and_verbose_information() {
        let by_number: Vec<Option<Level>> = (0..=6).map(Level::from_number).collect();
        use Level::{Error, Information, Warning};
        assert_eq!(
            by_number,
            [
                Some(Information),
                Some(Error),
                Some(Error),
                Some(Warning),
                Some(Information),
                Some(Information),
                None
            ]
        );
        assert_eq!(Level::parse("Critical"), Some(Error));
        assert_eq!(Level::parse(" warning "), Some(Warning));
        assert_eq!(Level::parse("Informationen"), None);
    }

    #[test]
    fn the_format_is_found_from_the_content() {
        let xml = b"<Event><System><Provider Name='Directory Synchronization'/><EventID>654</EventID><Level>4</Level><TimeCreated SystemTime='2026-11-24T13:31:00Z'/></System></Event>";
        let file = read_events("events.csv", xml, ReadOptions::default()).unwrap();
        assert_eq!((file.format, file.events.len()), (Format::Xml, 1));
        let csv = b"Id,ProviderName,Level,TimeCreated,Message\r\n654,Directory Synchronization,4,2026-11-24T13:31:00Z,a\r\n";
        let file = read_events("events.xml", csv, ReadOptions::default()).unwrap();
        assert_eq!((file.format, file.events.len()), (Format::Csv, 1));
        let file = read_events("events.xml", b"\xef\xbb\xbf\r\n", ReadOptions::default()).unwrap();
        assert_eq!((file.format, file.events.len()), (Format::Empty, 0));
        assert!(matches!(
            read_events("log.evtx", b"<Event/>", ReadOptions::default()),
            Err(EventsError::NotAnExport { .. })
        ));
    }
}
