//! A whole `phsrule check` in memory: arbitrary rule text (checked on top of the
//! builtin pack) and arbitrary facts, separated by the first NUL byte (which no
//! rule file may hold), through loading, evaluation, the report in every format
//! and `--redact`. Rule text that does not parse or check leaves the builtin pack
//! alone (checked once), so most runs spend their time on facts and evaluation.
#![no_main]

#[path = "builtin.rs"]
mod builtin;

use libfuzzer_sys::fuzz_target;
use phsrule::check::Program;
use phsrule::eval::evaluate;
use phsrule::facts::{load_facts, LoadOptions};
use phsrule::report::redact::{collect_names, Redaction};
use phsrule::report::{build_report, human, json, junit, markdown, sarif, Selection};
use phsrule::source::FileId;
use phsrule::syntax::parse_file;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (rules, facts) = text.split_once('\0').unwrap_or(("", text));
    let own = builtin::next_file_id();
    let checked = parse_file(own, rules)
        .ok()
        .and_then(|ast| builtin::check_with(Some(&ast)));
    let program: &Program = checked
        .as_ref()
        .unwrap_or_else(|| builtin::builtin_program());
    run(program, FileId(own.0 + 1), facts);
});

fn run(program: &Program, file: FileId, facts: &str) {
    let Ok(loaded) = load_facts(&program.schema, file, facts, &LoadOptions::default()) else {
        return;
    };
    let Some(now) = loaded
        .collected_at
        .or_else(|| chrono::DateTime::parse_from_rfc3339("2026-11-24T14:00:00Z").ok())
    else {
        return;
    };
    let Ok(evaluation) = evaluate(program, &loaded.root, now) else {
        return;
    };
    let report = build_report(program, evaluation, "facts.yaml", &Selection::default());
    let mut redacted = report.clone();
    Redaction::new([&collect_names(&program.schema, &loaded.root)]).apply(&mut redacted);
    for r in [report, redacted] {
        let both = std::slice::from_ref(&r);
        let _ = json::render_json(both);
        let _ = junit::render_junit(both);
        let _ = sarif::render_sarif(both);
        let _ = human::render_human(
            &r,
            human::Layout {
                verbose: true,
                ..human::Layout::default()
            },
        );
        let _ = markdown::render_markdown(&r, true);
    }
}
