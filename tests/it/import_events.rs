//! `phsrule import --events`: Windows PowerShell's CSV, wevtutil's XML and `.evtx`
//! files become the same `events`, and bad exports are refused with the file, the
//! place in it and what was expected.

use crate::common::Scratch;
use crate::import::{import, import_and_check_with, EVENTS_IN_WINDOW, TRIMMED_EXPORT};
use serde_yaml::Value;
use std::path::Path;

const EVENTS: &str = "tests/import/events";
const EVTX: &str = "tests/import/evtx/Application.evtx";

/// The Directory Synchronization events of every Contoso fixture, in time order:
/// the `ADSync` event among them is not written.
const CONTOSO_EVENTS: &str = r#"
- { id: 654, source: Directory Synchronization, level: information, time: 2016-05-03T11:58:40Z,
    message: "Password synchronization heartbeat: connector AE4DB4CC-B16B-4EB2-ACF5-837CA84E4D7D has no password change waiting." }
- { id: 654, source: Directory Synchronization, level: information, time: 2016-05-03T12:28:41Z,
    message: "Password synchronization heartbeat: connector AE4DB4CC-B16B-4EB2-ACF5-837CA84E4D7D has no password change waiting." }
- { id: 611, source: Directory Synchronization, level: error, time: 2016-05-03T13:05:12Z,
    message: "Password synchronization could not read from the domain contoso.com:\nthe domain controller CONTOSO-DC01.contoso.com did not answer (RPC server unavailable)." }
- { id: 654, source: Directory Synchronization, level: information, time: 2016-05-03T13:58:42Z,
    message: "Password synchronization heartbeat: connector AE4DB4CC-B16B-4EB2-ACF5-837CA84E4D7D has no password change waiting." }
"#;

fn events_of(file: &str, extra: &[&str]) -> (Value, Value) {
    let path = format!("{EVENTS}/{file}");
    let mut args = vec!["--config", TRIMMED_EXPORT, "--events", &path];
    args.extend_from_slice(extra);
    let facts = import(&args);
    (facts["events"].clone(), facts["events_since"].clone())
}

#[test]
fn every_export_format_gives_the_same_events() {
    let expected: Value = serde_yaml::from_str(CONTOSO_EVENTS).unwrap();
    for (file, extra) in [
        // Windows PowerShell 5.1: #TYPE line, every field quoted, CRLF, en-US
        // local times of a server at UTC+2.
        ("contoso-ps51.csv", &["--utc-offset", "+02:00"][..]),
        // The same file as `Export-Csv -Encoding Unicode` writes it.
        ("contoso-ps51-unicode.csv", &["--utc-offset", "+02:00"][..]),
        // Select-Object with ISO times, UTF-8 with a byte order mark.
        ("contoso-select.csv", &[][..]),
        // wevtutil qe /f:RenderedXml: no root, UTC times, rendered messages.
        ("contoso-wevtutil.xml", &[][..]),
    ] {
        let (events, since) = events_of(file, extra);
        assert_eq!(events, expected, "{file}");
        // The start of the read is the earliest event of any source.
        assert_eq!(since, "2016-05-03T11:58:40Z", "{file}");
    }
}

#[test]
fn events_since_is_the_flag_where_given() {
    let (_, since) = events_of(
        "contoso-wevtutil.xml",
        &["--events-since", "2016-04-30T14:00:00Z"],
    );
    assert_eq!(since, "2016-04-30T14:00:00Z");
}

#[test]
fn check_reports_the_connectivity_error_read_from_the_events() {
    let scratch = Scratch::new("events-check");
    let events = format!("{EVENTS}/contoso-wevtutil.xml");
    let got = import_and_check_with(
        &scratch,
        &["--config", TRIMMED_EXPORT, "--events", &events],
        &["PHS008", "PHS010", "PHS011", "PHS012", "TEST012"],
        &["--rules", EVENTS_IN_WINDOW],
    );
    // The export's server switch is off (PHS008): the channel checks are skipped
    // as consequences; the test pack shows the imported error is in the window.
    assert_eq!(
        got,
        [
            "PHS008 fired",
            "PHS010 skipped",
            "PHS011 skipped",
            "PHS012 skipped",
            "TEST012 fired"
        ]
    );
}

#[test]
fn an_evtx_file_is_read_and_only_the_rules_sources_are_written() {
    let facts = import(&["--config", TRIMMED_EXPORT, "--events", EVTX]);
    assert_eq!(
        facts["events"],
        Value::Sequence(Vec::new()),
        "read, none relevant"
    );
    assert_eq!(facts["events_since"], "2021-03-31T23:51:45.018767Z");
    // The export of 2016 is older than the log: collected_at is its newest event.
    assert_eq!(facts["collected_at"], "2021-03-31T23:54:34.704884Z");
    let facts = import(&[
        "--config",
        TRIMMED_EXPORT,
        "--events",
        EVTX,
        "--rules",
        "tests/import/evtx/security-center.phs",
    ]);
    let expected: Value = serde_yaml::from_str(
        r#"
- { id: 1, source: SecurityCenter, level: information, time: 2021-03-31T23:51:45.018767Z, message: "" }
- { id: 15, source: SecurityCenter, level: information, time: 2021-03-31T23:51:47.112518Z,
    message: "Windows Defender,SECURITY_PRODUCT_STATE_ON" }
"#,
    )
    .unwrap();
    assert_eq!(facts["events"], expected);
}

/// Run an import of one bad event file (written into a scratch folder as
/// `name`) and return stderr; the run must exit 2 with nothing on stdout.
fn refused(name: &str, bytes: &[u8], extra: &[&str]) -> String {
    let scratch = Scratch::new("events-bad");
    scratch.write(name, bytes);
    let export = Path::new(env!("CARGO_MANIFEST_DIR")).join(TRIMMED_EXPORT);
    let mut args = vec![
        "import",
        "--config",
        export.to_str().unwrap(),
        "--events",
        name,
    ];
    args.extend_from_slice(extra);
    args.extend_from_slice(&["-o", "-"]);
    let run = scratch.phsrule(&args);
    assert_eq!(run.code, 2, "stderr: {}", run.stderr);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains(name), "{}", run.stderr);
    run.stderr
}

#[test]
fn a_csv_without_an_id_column_is_refused() {
    insta::assert_snapshot!(refused(
        "events.csv",
        b"\"TimeCreated\",\"ProviderName\",\"Level\",\"Message\"\r\n\"2016-05-03T13:05:12Z\",\"Directory Synchronization\",\"2\",\"x\"\r\n",
        &[]
    ));
}

#[test]
fn an_unreadable_time_names_its_line() {
    insta::assert_snapshot!(refused(
        "events.csv",
        b"Id,ProviderName,Level,TimeCreated,Message\r\n654,Directory Synchronization,4,2016-05-03T13:05:12Z,a\r\n654,Directory Synchronization,4,03.05.2016 15:05:12,b\r\n",
        &[]
    ));
}

#[test]
fn a_local_time_without_utc_offset_asks_for_it() {
    let text = std::fs::read(format!(
        "{}/{EVENTS}/contoso-ps51.csv",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    insta::assert_snapshot!(refused("events.csv", &text, &[]));
}

#[test]
fn truncated_xml_names_the_event_it_ends_in() {
    let text = std::fs::read_to_string(format!(
        "{}/{EVENTS}/contoso-wevtutil.xml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let cut = text.len() - 300;
    insta::assert_snapshot!(refused("events.xml", &text.as_bytes()[..cut], &[]));
}

#[test]
fn an_evtx_with_a_bad_header_is_refused() {
    let mut bytes = std::fs::read(format!("{}/{EVTX}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    bytes[..8].copy_from_slice(b"NotAnEv\0");
    insta::assert_snapshot!(refused("Application.evtx", &bytes, &[]));
}

#[test]
fn a_cut_evtx_is_refused_not_half_read() {
    let bytes = std::fs::read(format!("{}/{EVTX}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let stderr = refused("Application.evtx", &bytes[..5000], &[]);
    assert!(stderr.contains("`Application.evtx`"), "{stderr}");
}

#[test]
fn an_evtx_header_with_broken_chunks_is_refused() {
    let mut bytes = std::fs::read(format!("{}/{EVTX}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    for b in bytes.iter_mut().skip(4096).take(600) {
        *b = 0xAB;
    }
    let _ = refused("Application.evtx", &bytes, &[]);
}
