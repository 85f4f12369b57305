//! The JSON report, `phsrule-report/1` (documented in `docs/report-format.md`).

use super::Report;
use serde::Serialize;
use std::io::Write;

/// The document around the reports: serialized straight from the [`Report`]
/// values, field by field, without building a JSON tree of the whole report.
#[derive(Serialize)]
struct Document<'a> {
    format: &'static str,
    reports: &'a [Report],
}

/// Several reports (one per facts file) as one JSON document. Serialization fails
/// only on a bug (a map with non-string keys): the caller reports it as internal.
pub fn render_json(reports: &[Report]) -> Result<String, serde_json::Error> {
    let mut out = Vec::new();
    write_json(&mut out, reports)?;
    // serde_json writes only UTF-8; the lossy path never copies here.
    Ok(String::from_utf8(out)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// [`render_json`] written as it is serialized, so that a report of a million
/// outcomes is never held as text. Besides the writer's own errors
/// ([`serde_json::Error::is_io`]), serialization cannot fail: the report holds
/// only structs, lists, strings, integers and enums, no map and no float.
pub fn write_json(mut out: impl Write, reports: &[Report]) -> Result<(), serde_json::Error> {
    let doc = Document {
        format: super::REPORT_FORMAT,
        reports,
    };
    serde_json::to_writer_pretty(&mut out, &doc)?;
    out.write_all(b"\n").map_err(serde_json::Error::io)
}
