//! Throughput of the whole check on generated facts files: load (YAML → typed
//! values), evaluate the builtin pack, build the report. Run with `cargo bench`;
//! numbers are recorded in docs/performance.md. Peak memory is read from
//! /proc/self/status (Linux).

use phsrule::check::{check_program, Input};
use phsrule::eval::evaluate;
use phsrule::facts::{load_facts, LoadOptions};
use phsrule::report::{build_report, Selection};
use phsrule::source::Sources;
use phsrule::syntax::parse_file;
use std::fmt::Write as _;
use std::time::Instant;

/// A facts file with `connectors` AD connectors, `events` heartbeat and error
/// events, and `objects` objects with a week of password sync log each.
fn generate(connectors: usize, events: usize, objects: usize) -> String {
    let mut s = String::with_capacity(events * 200 + objects * 900);
    s.push_str("format: phs-facts/1\ncollected_at: 2026-11-24T14:00:00Z\n");
    s.push_str("server: { name: AADC01, version: 2.3.20.0, staging_mode: false, password_hash_sync: true }\n");
    s.push_str(
        "tenant: { name: contoso.onmicrosoft.com, password_hash_sync: true }\nconnectors:\n",
    );
    for c in 0..connectors {
        let _ = write!(
            s,
            "  - name: forest{c}.contoso.com\n    id: 00000000-0000-4000-8000-{c:012x}\n    kind: ad\n    password_sync: true\n    password_sync_target: contoso.onmicrosoft.com - AAD\n    account: {{ name: MSOL_{c:012x}, domain: forest{c}.contoso.com }}\n    domains:\n      - {{ name: forest{c}.contoso.com, reachable: true, credentials_valid: true, permissions: [Replicate Directory Changes, Replicate Directory Changes All], only_use_preferred_dcs: false }}\n"
        );
    }
    s.push_str("  - { name: contoso.onmicrosoft.com - AAD, id: b891884f-051e-4a83-95af-2544101c9083, kind: aad, azure_ad_reachable: true }\nevents:\n");
    for e in 0..events {
        let c = e % connectors.max(1);
        let minute = 59 - (e % 60);
        let _ = writeln!(
            s,
            "  - {{ id: 654, source: Directory Synchronization, level: information, time: 2026-11-24T13:{minute:02}:00Z, message: \"Password synchronization heartbeat for connector 00000000-0000-4000-8000-{c:012x}.\" }}"
        );
    }
    s.push_str("objects:\n");
    for o in 0..objects {
        let c = o % connectors.max(1);
        let _ = write!(
            s,
            "  - dn: CN=User {o},OU=Staff,DC=forest{c},DC=contoso,DC=com\n    connector: forest{c}.contoso.com\n    ad: {{ user_must_change_password: false }}\n    cs: {{ present: true, lineage: [{{ rule: In from AD - User AccountEnabled, password_sync: true }}] }}\n    mv: {{ present: true, attributes: {{ domainFQDN: forest{c}.contoso.com, domainNetBios: FOREST{c} }}, connectors: [forest{c}.contoso.com, contoso.onmicrosoft.com - AAD] }}\n    aad: {{ present: true, exported: true, lineage: [{{ rule: Out to AAD - User Join, password_sync: true }}] }}\n    password_sync_log:\n"
        );
        for d in 0..7 {
            let _ = writeln!(
                s,
                "      - {{ time: 2026-11-{:02}T09:00:00Z, status: Success }}",
                23 - d
            );
        }
    }
    s
}

fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(str::to_string)
        })
        .and_then(|l| {
            l.split_whitespace()
                .nth(1)
                .and_then(|k| k.parse::<f64>().ok())
        })
        .map_or(0.0, |kib| kib / 1024.0)
}

fn main() {
    let mut sources = Sources::new();
    let mut parsed = Vec::new();
    for (name, text) in phsrule::builtin::FILES {
        let id = sources.add(*name, *text);
        match parse_file(id, text) {
            Ok(ast) => parsed.push((id, ast)),
            Err(d) => panic!("{name}: {}", d.message),
        }
    }
    let inputs: Vec<Input> = parsed
        .iter()
        .map(|(file, ast)| Input { file: *file, ast })
        .collect();
    let (program, _) = check_program(&inputs);
    let Some(program) = program else {
        panic!("builtin pack does not check")
    };
    println!("| facts | size | load | evaluate + report | total | MB/s | peak RSS |");
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    for (connectors, events, objects) in [
        (2, 10_000, 1_000),
        (10, 100_000, 10_000),
        (20, 400_000, 40_000),
    ] {
        let text = generate(connectors, events, objects);
        let file = sources.add("bench.yaml", text.as_str());
        let t0 = Instant::now();
        let facts = match load_facts(&program.schema, file, &text, &LoadOptions::default()) {
            Ok(f) => f,
            Err(d) => panic!(
                "generated facts do not load: {:?}",
                d.first().map(|d| &d.message)
            ),
        };
        let t1 = Instant::now();
        let now = facts
            .collected_at
            .unwrap_or_else(|| panic!("no collected_at"));
        let evaluation = match evaluate(&program, &facts.root, now) {
            Ok(e) => e,
            Err(e) => panic!("{}", e.message),
        };
        let report = build_report(&program, &evaluation, "bench.yaml", &Selection::default());
        let t2 = Instant::now();
        let mb = text.len() as f64 / 1_000_000.0;
        let total = (t2 - t0).as_secs_f64();
        println!(
            "| {connectors} AD connectors, {events} events, {objects} objects | {mb:.1} MB | {:.2} s | {:.2} s | {total:.2} s | {:.0} | {:.0} MiB |",
            (t1 - t0).as_secs_f64(),
            (t2 - t1).as_secs_f64(),
            mb / total,
            peak_rss_mib()
        );
        assert!(
            report.summary.fired.total() == 0,
            "the generated facts are healthy"
        );
    }
}
