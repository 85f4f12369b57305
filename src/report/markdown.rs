//! The Markdown report, for pasting into a support ticket.

use super::{summary_line, Report};
use std::fmt::Write as _;

pub fn render_markdown(report: &Report, verbose: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## phsrule report: `{}`\n", report.facts);
    let _ = writeln!(
        out,
        "As of {}. {}\n",
        report.now,
        summary_line(&report.summary)
    );
    let _ = writeln!(out, "| | rule | severity | about | result |");
    let _ = writeln!(out, "| --- | --- | --- | --- | --- |");
    for r in report
        .results
        .iter()
        .filter(|r| verbose || r.outcome != "passed")
    {
        let about: Vec<String> = r.binding.iter().map(|b| format!("`{}`", b.label)).collect();
        let text = r.message.clone().unwrap_or_else(|| r.title.clone());
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            r.outcome,
            r.rule,
            r.severity.as_str(),
            about.join(", "),
            text.replace('|', "\\|")
        );
    }
    for r in report.results.iter().filter(|r| r.outcome == "fired") {
        if let Some(rem) = &r.remediation {
            let _ = writeln!(out, "\n### {} {}\n", r.rule, r.title);
            let _ = writeln!(out, "```text\n{rem}\n```");
        }
    }
    out
}
