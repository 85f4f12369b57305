//! `.evtx` files through the `evtx` crate: each record is rendered as event XML
//! and read like `wevtutil`'s. A record carries no rendered message; its data
//! strings stand in for it.

use super::super::xml;
use super::{xml::from_element, Event, EventsError, ReadOptions};
use evtx::EvtxParser;

/// The file header's size, and each chunk's.
const HEADER_BYTES: u64 = 4096;
const CHUNK_BYTES: u64 = 65536;

pub fn read(file: &str, bytes: &[u8], opts: ReadOptions) -> Result<Vec<Event>, EventsError> {
    check_length(file, bytes)?;
    let malformed = |at: String, e: &dyn std::error::Error| EventsError::Malformed {
        file: file.to_string(),
        at,
        message: chain(e),
    };
    let mut parser = EvtxParser::from_buffer(bytes.to_vec())
        .map_err(|e| malformed("the file header".into(), &e))?;
    let mut events = Vec::new();
    for (index, record) in parser.records().enumerate() {
        let at = format!("record {}", index + 1);
        let record =
            record.map_err(|e| malformed(format!("{at} (after {index} records read)"), &e))?;
        let at = format!(
            "record {} (event record id {})",
            index + 1,
            record.event_record_id
        );
        let root = xml::parse(&record.data).map_err(|e| EventsError::Malformed {
            file: file.to_string(),
            at: at.clone(),
            message: e.message,
        })?;
        events.push(from_element(file, &at, &root, opts)?);
    }
    Ok(events)
}

/// The parser stops quietly at the end of the data; a file shorter than the
/// chunks its header announces was cut short, and its missing events would read
/// as events that never happened.
fn check_length(file: &str, bytes: &[u8]) -> Result<(), EventsError> {
    let chunks = match bytes.get(42..44) {
        Some([a, b]) => u64::from(u16::from_le_bytes([*a, *b])),
        _ => 0,
    };
    let needed = HEADER_BYTES + chunks * CHUNK_BYTES;
    let len = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if len < needed {
        return Err(EventsError::Malformed {
            file: file.to_string(),
            at: "the file header".into(),
            message: format!(
                "the header announces {chunks} chunk(s), {needed} bytes in all, but the file has {len} bytes: it is cut short"
            ),
        });
    }
    Ok(())
}

/// An error and its causes, as one line: the crate's top-level messages are generic.
fn chain(e: &dyn std::error::Error) -> String {
    let parts: Vec<String> = std::iter::successors(Some(e), |e| e.source())
        .map(ToString::to_string)
        .collect();
    parts.join(": ")
}
