//! `phsrule import` in memory on arbitrary export XML: the input is split at NUL
//! bytes into `GlobalSettings/MV.xml` (the trimmed real export's when there is no
//! NUL), one connector file and any sync rule files. The facts text (YAML) or
//! `ImportError`s, never a panic, and bounded time and memory.
#![no_main]

use libfuzzer_sys::fuzz_target;
use phsrule::import::{import, render, ExportFile, ExportFiles, Request};

const MV: &str = include_str!("../../tests/import/contoso-trimmed/GlobalSettings/MV.xml");

fn file(name: &str, text: &str) -> ExportFile {
    ExportFile {
        name: name.to_string(),
        text: text.to_string(),
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut parts = text.split('\0');
    let first = parts.next().unwrap_or("");
    let (mv, connector) = match parts.next() {
        Some(connector) => (first, connector),
        None => (MV, first),
    };
    let files = ExportFiles {
        global_settings: file("GlobalSettings/MV.xml", mv),
        connectors: vec![file("Connectors/fuzz.xml", connector)],
        sync_rules: parts
            .map(|rule| file("SynchronizationRules/fuzz.xml", rule))
            .collect(),
    };
    let request = Request {
        config: Some(("fuzz".to_string(), files)),
        events: Vec::new(),
        event_sources: Vec::new(),
        bases: Vec::new(),
        collected_at: None,
        events_since: None,
    };
    if let Ok(imported) = import(&request) {
        let _ = render(&imported, false, "fuzz");
    }
});
