//! Event XML: the stream `wevtutil qe Application /f:RenderedXml` writes (one
//! `<Event>` after another without a root, or inside one root when `/e:` is
//! given) and the XML of one `.evtx` record. Each `<Event>` is cut out of the
//! stream and parsed on its own, so an error names the event and its line.

use super::super::xml::{self, Element};
use super::{time_field, Event, EventsError, Level, ReadOptions};
use crate::source::line_col;
use quick_xml::events::Event as XmlEvent;
use quick_xml::Reader;

/// Every `<Event>` of a stream, at any depth.
pub fn read_stream(file: &str, text: &str, opts: ReadOptions) -> Result<Vec<Event>, EventsError> {
    let mut reader = Reader::from_str(text);
    let mut depth: usize = 0;
    // Where the `<Event>` being read starts, and its depth.
    let mut open: Option<(usize, usize)> = None;
    let mut events = Vec::new();
    loop {
        let before = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = reader.read_event().map_err(|e| {
            let offset = usize::try_from(reader.error_position()).unwrap_or(0);
            let inside = open.map_or(String::new(), |(start, _)| {
                format!(
                    " (in the `<Event>` that starts at line {})",
                    line_col(text, start).0
                )
            });
            malformed(file, text, offset, &format!("{e}{inside}"))
        })?;
        match event {
            XmlEvent::Start(start) => {
                if open.is_none() && start.local_name().as_ref() == b"Event" {
                    open = Some((before, depth));
                }
                depth += 1;
            }
            XmlEvent::Empty(start) if open.is_none() && start.local_name().as_ref() == b"Event" => {
                return Err(malformed(file, text, before, "an empty `<Event/>`"));
            }
            XmlEvent::End(_) => {
                depth = depth.saturating_sub(1);
                if let Some((start, d)) = open {
                    if d == depth {
                        let end = usize::try_from(reader.buffer_position()).unwrap_or(text.len());
                        let slice = text.get(start..end).unwrap_or("");
                        events.push(event_at(file, text, start, slice, opts)?);
                        open = None;
                    }
                }
            }
            XmlEvent::Eof => {
                let message = match open {
                    Some((start, _)) => {
                        let (line, _) = line_col(text, start);
                        format!("the file ends inside the `<Event>` that starts at line {line}: it is cut short")
                    }
                    None if depth > 0 => {
                        "the file ends before its root element is closed: it is cut short".into()
                    }
                    None => return Ok(events),
                };
                return Err(malformed(file, text, text.len(), &message));
            }
            _ => {}
        }
    }
}

fn malformed(file: &str, text: &str, offset: usize, message: &str) -> EventsError {
    let (line, col) = line_col(text, offset);
    EventsError::Malformed {
        file: file.to_string(),
        at: format!("line {line}, column {col}"),
        message: message.to_string(),
    }
}

/// The event cut out of `text` at byte `start`.
fn event_at(
    file: &str,
    text: &str,
    start: usize,
    slice: &str,
    opts: ReadOptions,
) -> Result<Event, EventsError> {
    let (line, _) = line_col(text, start);
    let at = format!("the `<Event>` at line {line}");
    let root = xml::parse(slice).map_err(|e| {
        let offset = start.saturating_add(usize::try_from(e.offset).unwrap_or(0));
        malformed(file, text, offset, &e.message)
    })?;
    from_element(file, &at, &root, opts)
}

/// An event from its `<Event>` element; `at` says where it is, for messages.
pub fn from_element(
    file: &str,
    at: &str,
    root: &Element,
    opts: ReadOptions,
) -> Result<Event, EventsError> {
    let where_ = || at.to_string();
    let invalid = |field: &'static str, value: &str, expected: &'static str| EventsError::Invalid {
        file: file.to_string(),
        at: where_(),
        field,
        value: value.to_string(),
        expected,
    };
    let system = root.child("System");
    let source = system
        .and_then(|s| s.child("Provider"))
        .and_then(|p| p.attr("Name"))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| invalid("System/Provider/@Name", "", "the event's source"))?;
    let id_text = system.and_then(|s| s.text_at(&["EventID"])).unwrap_or("");
    let id = id_text
        .parse::<i64>()
        .map_err(|_| invalid("System/EventID", id_text, "an event id, a whole number"))?;
    let level_text = system
        .and_then(|s| s.text_at(&["Level"]))
        .or_else(|| root.text_at(&["RenderingInfo", "Level"]))
        .unwrap_or("");
    let level = Level::parse(level_text)
        .ok_or_else(|| invalid("System/Level", level_text, "a level number, 0 to 5"))?;
    let time_text = system
        .and_then(|s| s.child("TimeCreated"))
        .and_then(|t| t.attr("SystemTime"))
        .unwrap_or("");
    let time = time_field(
        file,
        "System/TimeCreated/@SystemTime",
        &where_,
        time_text,
        opts,
    )?;
    Ok(Event {
        id,
        source: source.to_string(),
        level,
        time,
        message: message(root),
    })
}

/// The rendered message where there is one, otherwise the event's data strings,
/// one a line.
fn message(root: &Element) -> String {
    if let Some(m) = root.text_at(&["RenderingInfo", "Message"]) {
        return m.replace("\r\n", "\n");
    }
    let mut strings = Vec::new();
    for part in ["EventData", "UserData"] {
        if let Some(data) = root.child(part) {
            leaf_texts(data, &mut strings);
        }
    }
    strings.join("\n")
}

fn leaf_texts(e: &Element, out: &mut Vec<String>) {
    if e.children.is_empty() {
        let t = e.text.trim();
        if !t.is_empty() && e.name != "Binary" {
            out.push(t.replace("\r\n", "\n"));
        }
    }
    for c in &e.children {
        leaf_texts(c, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEARTBEAT: &str = "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Directory Synchronization'/><EventID Qualifiers='0'>654</EventID><Level>4</Level><TimeCreated SystemTime='2026-11-24T13:31:00.000000000Z'/></System><EventData><Data>heartbeat for {AE4DB4CC}</Data></EventData><RenderingInfo Culture='en-US'><Message>Password synchronization heartbeat for AE4DB4CC.</Message></RenderingInfo></Event>";

    #[test]
    fn a_rootless_stream_is_read_event_by_event() {
        let text = format!("{HEARTBEAT}\r\n{HEARTBEAT}");
        let events = read_stream("e.xml", &text, ReadOptions::default()).unwrap();
        assert_eq!(events.len(), 2);
        assert_eq!(
            events[0].message,
            "Password synchronization heartbeat for AE4DB4CC."
        );
        assert_eq!(events[0].id, 654);
    }

    #[test]
    fn data_strings_stand_in_for_a_missing_message() {
        let text = HEARTBEAT.replace(
            "<RenderingInfo Culture='en-US'><Message>Password synchronization heartbeat for AE4DB4CC.</Message></RenderingInfo>",
            "",
        );
        let events = read_stream(
            "e.xml",
            &format!("<Events>{text}</Events>"),
            ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(events[0].message, "heartbeat for {AE4DB4CC}");
    }

    #[test]
    fn a_cut_stream_names_the_event_it_ends_in() {
        let text = format!("{HEARTBEAT}\n{}", &HEARTBEAT[..100]);
        match read_stream("e.xml", &text, ReadOptions::default()).unwrap_err() {
            EventsError::Malformed { message, .. } => {
                assert!(message.contains("starts at line 2"), "{message}")
            }
            other => panic!("{other:?}"),
        }
    }
}
