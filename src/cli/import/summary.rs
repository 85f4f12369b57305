//! What `phsrule import` says on stderr: what it read, where `collected_at` came
//! from, and which facts stay unknown with the checks they leave undetermined
//! (found by running the rules over the imported facts).

use crate::check::Program;
use crate::eval::{evaluate, Outcome};
use crate::facts::Facts;
use crate::import::events::utc_text;
use crate::import::{Imported, Request, TimeSource};
use chrono::{DateTime, FixedOffset};
use std::collections::BTreeMap;

/// The most unknown facts listed one a line; the rest are counted.
const MAX_UNKNOWN_LINES: usize = 12;

pub fn summary(req: &Request, imported: &Imported, program: &Program, facts: &Facts) -> String {
    let mut out = Vec::new();
    if let Some((name, files)) = &req.config {
        out.push(format!(
            "read the configuration export `{name}`: {} connector file(s), {} sync rule file(s)",
            files.connectors.len(),
            files.sync_rules.len()
        ));
    }
    for f in &req.events {
        out.push(format!(
            "read `{}` ({}): {} event(s){}",
            f.name,
            f.format.describe(),
            f.events.len(),
            match (f.earliest(), f.newest()) {
                (Some(a), Some(b)) => format!(", {} to {}", utc_text(a), utc_text(b)),
                _ => String::new(),
            }
        ));
    }
    for (name, _) in &req.bases {
        out.push(format!("read the base file `{name}`"));
    }
    match imported.events_written {
        Some(n) => {
            out.push(format!(
                "events: {n} of the sources the rules read ({}) written",
                req.event_sources.join(", ")
            ));
            out.push(match imported.facts.get("events_since").and_then(|v| v.as_str()) {
                Some(since) => format!("events_since: {since} (the start of the event-log read)"),
                None => "events_since: unknown (no event was read); give --events-since with the start of the read".to_string(),
            });
        }
        None => out.push(
            "events: not read, so every check that looks for an event is undetermined (give --events)"
                .to_string(),
        ),
    }
    let from = match &imported.collected_at_from {
        TimeSource::Flag => "--collected-at".to_string(),
        TimeSource::Base => "the base file".to_string(),
        TimeSource::Newest(what) => what.clone(),
    };
    if let Some(t) = imported.collected_at {
        out.push(format!("collected_at: {} (from {from})", utc_text(t)));
    }
    if imported.events_after_collection > 0 {
        out.push(format!(
            "warning: {} event(s) are later than collected_at, so checks count them as in the future; give --collected-at",
            imported.events_after_collection
        ));
    }
    out.extend(unknowns(program, facts, imported.collected_at));
    out.iter()
        .map(|l| format!("phsrule import: {l}\n"))
        .collect()
}

/// `unknown: tenant.password_hash_sync (undetermined: PHS001)` lines.
fn unknowns(program: &Program, facts: &Facts, now: Option<DateTime<FixedOffset>>) -> Vec<String> {
    let Some(now) = now.or(facts.collected_at) else {
        return Vec::new();
    };
    let Ok(evaluation) = evaluate(program, &facts.root, now) else {
        return Vec::new();
    };
    let mut by_fact: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut undetermined = 0;
    for result in &evaluation.results {
        let Some(rule) = program.rules.get(result.rule) else {
            continue;
        };
        for instance in &result.instances {
            if let Outcome::Undetermined { unknown } = &instance.outcome {
                undetermined += 1;
                for path in unknown {
                    let ids = by_fact.entry(without_indexes(path)).or_default();
                    if !ids.contains(&rule.id) {
                        ids.push(rule.id.clone());
                    }
                }
            }
        }
    }
    if undetermined == 0 {
        return vec!["every check can be decided from these facts".to_string()];
    }
    let mut lines = vec![format!(
        "{undetermined} check(s) will be undetermined; the facts they wait on:"
    )];
    for (fact, ids) in by_fact.iter().take(MAX_UNKNOWN_LINES) {
        lines.push(format!("  unknown `{fact}` ({})", ids.join(", ")));
    }
    if by_fact.len() > MAX_UNKNOWN_LINES {
        lines.push(format!(
            "  ... and {} more (`phsrule check` lists them under \"Collect next\")",
            by_fact.len() - MAX_UNKNOWN_LINES
        ));
    }
    lines
}

/// `connectors[0].domains[1].reachable` → `connectors[].domains[].reachable`.
fn without_indexes(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' | ']' => {
                in_index = c == '[';
                out.push(c);
            }
            _ if in_index => {}
            _ => out.push(c),
        }
    }
    out
}
