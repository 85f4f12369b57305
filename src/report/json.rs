//! The JSON report, `phsrule-report/1` (documented in `docs/report-format.md`).

use super::Report;

/// Several reports (one per facts file) as one JSON document.
pub fn render_json(reports: &[Report]) -> String {
    let doc = serde_json::json!({
        "format": super::REPORT_FORMAT,
        "reports": reports,
    });
    let mut out =
        serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}
