//! JUnit XML: one test suite per facts file, one test case per rule and binding, so
//! CI systems that read test results can show checks. quick-xml writes the
//! elements and escapes their text.

use super::{Report, ResultEntry};
use crate::eval::OutcomeKind;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use std::borrow::Cow;
use std::io;

type XmlWriter = Writer<Vec<u8>>;

pub fn render_junit(reports: &[Report]) -> String {
    let mut xml = Writer::new_with_indent(Vec::new(), b' ', 2);
    // Writing to a `Vec` cannot fail.
    let _ = write_document(&mut xml, reports);
    let mut out = String::from_utf8_lossy(&xml.into_inner()).into_owned();
    out.push('\n');
    out
}

fn write_document(xml: &mut XmlWriter, reports: &[Report]) -> io::Result<()> {
    xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    xml.write_event(Event::Start(
        BytesStart::new("testsuites").with_attributes([("name", "phsrule")]),
    ))?;
    for report in reports {
        write_suite(xml, report)?;
    }
    xml.write_event(Event::End(BytesEnd::new("testsuites")))
}

fn write_suite(xml: &mut XmlWriter, report: &Report) -> io::Result<()> {
    let count = |keep: fn(OutcomeKind) -> bool| {
        let n = report.results.iter().filter(|r| keep(r.outcome)).count();
        n.to_string()
    };
    let failures = count(|o| o == OutcomeKind::Fired);
    let skipped = count(|o| matches!(o, OutcomeKind::Skipped | OutcomeKind::Undetermined));
    let tests = report.results.len().to_string();
    let suite = BytesStart::new("testsuite").with_attributes([
        ("name", xml_chars(&report.facts).as_ref()),
        ("tests", &tests),
        ("failures", &failures),
        ("errors", "0"),
        ("skipped", &skipped),
        ("timestamp", &xml_chars(&report.now)),
    ]);
    xml.write_event(Event::Start(suite))?;
    for r in &report.results {
        write_case(xml, r)?;
    }
    xml.write_event(Event::End(BytesEnd::new("testsuite")))
}

/// The element inside a test case.
struct Detail {
    element: &'static str,
    message: Option<String>,
    text: Option<String>,
}

/// One test case, with the detail of its outcome where it has one.
fn write_case(xml: &mut XmlWriter, r: &ResultEntry) -> io::Result<()> {
    let case = BytesStart::new("testcase").with_attributes([
        ("classname", xml_chars(&r.about.pack).as_ref()),
        ("name", &xml_chars(&case_name(r))),
    ]);
    let Some(detail) = detail(r) else {
        return xml.write_event(Event::Empty(case));
    };
    xml.write_event(Event::Start(case))?;
    let mut element = BytesStart::new(detail.element);
    if r.outcome == OutcomeKind::Fired {
        element.push_attribute(("type", r.about.severity.as_str()));
    }
    if let Some(message) = &detail.message {
        element.push_attribute(("message", xml_chars(message).as_ref()));
    }
    match &detail.text {
        Some(text) => {
            xml.write_event(Event::Start(element))?;
            xml.write_event(Event::Text(BytesText::new(&xml_chars(text))))?;
            xml.write_event(Event::End(BytesEnd::new(detail.element)))?;
        }
        None => xml.write_event(Event::Empty(element))?,
    }
    xml.write_event(Event::End(BytesEnd::new("testcase")))
}

/// What fired is a failure (its message, its remediation as text); what did not
/// run or could not be decided is skipped; a passed check shows what it saw.
fn detail(r: &ResultEntry) -> Option<Detail> {
    match r.outcome {
        OutcomeKind::Fired => Some(Detail {
            element: "failure",
            message: Some(r.message_or_title().to_string()),
            text: Some(r.remediation.clone().unwrap_or_default()),
        }),
        OutcomeKind::Skipped => Some(Detail {
            element: "skipped",
            message: Some(format!("waits on {}", r.skipped_by.join(", "))),
            text: None,
        }),
        OutcomeKind::Undetermined => Some(Detail {
            element: "skipped",
            message: Some(format!("undetermined: {} unknown", r.unknown_paths())),
            text: None,
        }),
        OutcomeKind::Passed => r.evidence.as_ref().map(|evidence| Detail {
            element: "system-out",
            message: None,
            text: Some(evidence.clone()),
        }),
    }
}

fn case_name(r: &ResultEntry) -> String {
    let about: Vec<&str> = r.binding.iter().map(|b| &*b.label).collect();
    if about.is_empty() {
        format!("{} {}", r.about.id, r.about.title)
    } else {
        format!("{} {} [{}]", r.about.id, r.about.title, about.join(", "))
    }
}

/// Text without the characters XML 1.0 forbids (C0 controls other than tab and
/// line ends, U+FFFE, U+FFFF): a replacement character keeps the document
/// well-formed and shows that something was there. quick-xml escapes the rest.
fn xml_chars(text: &str) -> Cow<'_, str> {
    let forbidden = |c: char| {
        (c < ' ' && !matches!(c, '\n' | '\t' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}')
    };
    if text.contains(forbidden) {
        Cow::Owned(text.replace(forbidden, "\u{fffd}"))
    } else {
        Cow::Borrowed(text)
    }
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
