//! JUnit XML: one test suite per facts file, one test case per rule and binding, so
//! CI systems that read test results can show checks.

use super::{Report, ResultEntry};
use crate::eval::OutcomeKind;
use std::fmt::Write as _;

/// Escape text for XML attributes and content.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids (C0 controls, U+FFFE, U+FFFF): a
            // replacement character keeps the document well-formed and shows
            // that something was there.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => out.push('\u{fffd}'),
            '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

fn case_name(r: &ResultEntry) -> String {
    let about: Vec<&str> = r.binding.iter().map(|b| b.label.as_str()).collect();
    if about.is_empty() {
        format!("{} {}", r.rule, r.title)
    } else {
        format!("{} {} [{}]", r.rule, r.title, about.join(", "))
    }
}

pub fn render_junit(reports: &[Report]) -> String {
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"phsrule\">\n");
    for report in reports {
        let failures = report
            .results
            .iter()
            .filter(|r| r.outcome == OutcomeKind::Fired)
            .count();
        let skipped = report
            .results
            .iter()
            .filter(|r| r.outcome != OutcomeKind::Fired && r.outcome != OutcomeKind::Passed)
            .count();
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\" timestamp=\"{}\">",
            xml_escape(&report.facts),
            report.results.len(),
            xml_escape(&report.now)
        );
        for r in &report.results {
            let _ = write!(
                out,
                "    <testcase classname=\"{}\" name=\"{}\"",
                xml_escape(&r.pack),
                xml_escape(&case_name(r))
            );
            match r.outcome {
                OutcomeKind::Fired => {
                    let message = r.message.as_deref().unwrap_or(&r.title);
                    let _ = writeln!(
                        out,
                        ">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>",
                        r.severity.as_str(),
                        xml_escape(message),
                        xml_escape(r.remediation.as_deref().unwrap_or(""))
                    );
                }
                OutcomeKind::Skipped => {
                    let _ = writeln!(
                        out,
                        ">\n      <skipped message=\"waits on {}\"/>\n    </testcase>",
                        xml_escape(&r.skipped_by.join(", "))
                    );
                }
                OutcomeKind::Undetermined => {
                    let paths: Vec<&str> = r.unknown.iter().map(|u| u.path.as_str()).collect();
                    let _ = writeln!(
                        out,
                        ">\n      <skipped message=\"undetermined: {} unknown\"/>\n    </testcase>",
                        xml_escape(&paths.join(", "))
                    );
                }
                OutcomeKind::Passed => match &r.evidence {
                    // What the check saw, for a CI system's test details.
                    Some(evidence) => {
                        let _ = writeln!(
                            out,
                            ">\n      <system-out>{}</system-out>\n    </testcase>",
                            xml_escape(evidence)
                        );
                    }
                    None => out.push_str("/>\n"),
                },
            }
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixtures::{connector, report, result};

    #[test]
    fn a_passed_case_shows_what_it_saw() {
        let mut seen = result(
            "PHS011",
            OutcomeKind::Passed,
            vec![connector(0, "contoso.com")],
        );
        seen.evidence = Some("newest heartbeat 13:31 & on time".into());
        let quiet = result(
            "PHS012",
            OutcomeKind::Passed,
            vec![connector(0, "contoso.com")],
        );
        let xml = render_junit(&[report(vec![seen, quiet])]);
        assert!(
            xml.contains("name=\"PHS011 Title of PHS011 [contoso.com]\">\n      <system-out>newest heartbeat 13:31 &amp; on time</system-out>\n    </testcase>"),
            "{xml}"
        );
        assert!(
            xml.contains("name=\"PHS012 Title of PHS012 [contoso.com]\"/>"),
            "{xml}"
        );
    }
}
