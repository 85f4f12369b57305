//! A CSV of `Get-WinEvent ... | Export-Csv` (or of `Get-EventLog`), with or
//! without `Select-Object` before it: columns are found by their header name, in
//! any order and case; Windows PowerShell's `#TYPE` line is skipped.

use super::{time_field, Event, EventsError, Level, ReadOptions};
use crate::source::line_col;

/// The header names accepted for each field, in order of preference.
const ID: &[&str] = &["Id", "EventID", "EventId"];
const SOURCE: &[&str] = &["ProviderName", "Source"];
const TIME: &[&str] = &["TimeCreated", "TimeGenerated", "TimeWritten"];
/// `Level` is the number (1 critical ... 5 verbose), the others English names.
const LEVEL: &[&str] = &["Level", "LevelDisplayName", "EntryType"];
const MESSAGE: &[&str] = &["Message"];

/// Where each field is in a record.
struct Columns {
    id: usize,
    source: usize,
    time: usize,
    level: Vec<usize>,
    message: usize,
}

pub fn read(file: &str, text: &str, opts: ReadOptions) -> Result<Vec<Event>, EventsError> {
    let mut reader = ::csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .has_headers(true)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| malformed(file, text, &e))?
        .clone();
    let columns = columns(file, &header)?;
    let mut events = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| malformed(file, text, &e))?;
        let line = line_of(text, record.position());
        events.push(event(file, line, &record, &columns, opts)?);
    }
    Ok(events)
}

fn line_of(text: &str, at: Option<&::csv::Position>) -> usize {
    let byte = at.and_then(|p| usize::try_from(p.byte()).ok()).unwrap_or(0);
    // A record's position may be just before the line end of the one before it.
    let skipped = text.get(byte..).map_or(0, |rest| {
        rest.len() - rest.trim_start_matches(['\r', '\n']).len()
    });
    line_col(text, byte + skipped).0
}

fn malformed(file: &str, text: &str, e: &::csv::Error) -> EventsError {
    let line = line_of(text, e.position());
    EventsError::Malformed {
        file: file.to_string(),
        at: format!("line {line}"),
        message: match e.kind() {
            ::csv::ErrorKind::UnequalLengths {
                expected_len, len, ..
            } => format!("a row has {len} fields where the header has {expected_len}: the file may be cut short"),
            _ => e.to_string(),
        },
    }
}

fn find(header: &::csv::StringRecord, names: &[&str]) -> Vec<usize> {
    names
        .iter()
        .filter_map(|n| header.iter().position(|h| h.trim().eq_ignore_ascii_case(n)))
        .collect()
}

fn columns(file: &str, header: &::csv::StringRecord) -> Result<Columns, EventsError> {
    let missing = |column, accepted| EventsError::MissingColumn {
        file: file.to_string(),
        column,
        accepted,
    };
    let one = |column, accepted| {
        let found = find(header, accepted).first().copied();
        found.ok_or_else(|| missing(column, accepted))
    };
    let level = find(header, LEVEL);
    if level.is_empty() {
        return Err(missing("Level", LEVEL));
    }
    Ok(Columns {
        id: one("Id", ID)?,
        source: one("ProviderName", SOURCE)?,
        time: one("TimeCreated", TIME)?,
        level,
        message: one("Message", MESSAGE)?,
    })
}

fn event(
    file: &str,
    line: usize,
    record: &::csv::StringRecord,
    columns: &Columns,
    opts: ReadOptions,
) -> Result<Event, EventsError> {
    let at = || format!("line {line}");
    let field = |i: usize| record.get(i).unwrap_or("").trim();
    let invalid = |field: &'static str, value: &str, expected: &'static str| EventsError::Invalid {
        file: file.to_string(),
        at: at(),
        field,
        value: value.to_string(),
        expected,
    };
    let id_text = field(columns.id);
    let id = id_text
        .parse::<i64>()
        .map_err(|_| invalid("Id", id_text, "an event id, a whole number"))?;
    // The first level column with a value: `Level` is empty for some classic events.
    let level_text = columns
        .level
        .iter()
        .map(|i| field(*i))
        .find(|v| !v.is_empty())
        .unwrap_or("");
    let level = Level::parse(level_text).ok_or_else(|| {
        invalid(
            "Level",
            level_text,
            "a level number (1 to 5) or name (Critical, Error, Warning, Information, Verbose)",
        )
    })?;
    let source = field(columns.source);
    if source.is_empty() {
        return Err(invalid("ProviderName", source, "the event's source"));
    }
    Ok(Event {
        id,
        source: source.to_string(),
        level,
        time: time_field(file, "TimeCreated", &at, field(columns.time), opts)?,
        // Trimmed first: no line end is left at either end to replace.
        message: field(columns.message).replace("\r\n", "\n"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;

    fn opts() -> ReadOptions {
        ReadOptions {
            utc_offset: FixedOffset::east_opt(0),
        }
    }

    #[test]
    fn windows_powershell_export_is_read_by_header_name() {
        let text = "#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord\r\n\
            \"Message\",\"Id\",\"Level\",\"ProviderName\",\"TimeCreated\",\"LevelDisplayName\"\r\n\
            \"Heartbeat\r\nfor AE4DB4CC\",\"654\",\"4\",\"Directory Synchronization\",\"11/24/2026 1:31:00 PM\",\"Information\"\r\n";
        let events = read("e.csv", text, opts()).unwrap();
        assert_eq!(events.len(), 1);
        let e = &events[0];
        assert_eq!((e.id, e.level), (654, Level::Information));
        assert_eq!(e.message, "Heartbeat\nfor AE4DB4CC");
        assert_eq!(e.time.to_rfc3339(), "2026-11-24T13:31:00+00:00");
    }

    #[test]
    fn a_csv_without_an_id_column_is_refused() {
        let err = read("e.csv", "Message,Level\nx,4\n", opts()).unwrap_err();
        assert!(matches!(
            err,
            EventsError::MissingColumn { column: "Id", .. }
        ));
    }

    #[test]
    fn bad_values_name_their_line() {
        let text = "Id,Level,ProviderName,TimeCreated,Message\n654,4,DS,2026-11-24T13:31:00Z,a\nx,4,DS,2026-11-24T13:31:00Z,b\n";
        match read("e.csv", text, opts()).unwrap_err() {
            EventsError::Invalid { at, field, .. } => {
                assert_eq!((at.as_str(), field), ("line 3", "Id"))
            }
            other => panic!("{other:?}"),
        }
    }
}
