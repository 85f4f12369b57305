//! The JSON report, `phsrule-report/1` (documented in `docs/report-format.md`).

use super::Report;
use serde::Serialize;

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
    let doc = Document {
        format: super::REPORT_FORMAT,
        reports,
    };
    let mut out = Vec::new();
    serde_json::to_writer_pretty(&mut out, &doc)?;
    out.push(b'\n');
    // serde_json writes only UTF-8; the lossy path never copies here.
    Ok(String::from_utf8(out)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}
