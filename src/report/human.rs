//! The human report: **Start here** and **Collect next** (`lead`), then a tree
//! from tenant and server to each connector, domain and object, with a mark per
//! check, what fired with its remediation, and a summary. Plain text that reads
//! without colour in an 80-column terminal; DNs, commands and scripts are never
//! wrapped (`words`, `wrap`, `remediation`).

mod lead;
mod remediation;
mod words;
mod wrap;

use super::mark::{mark, PASSED};
use super::tree::headings;
use super::{plural, summary_line, Report, ResultEntry};
use crate::eval::OutcomeKind;
use remediation::write_remediation;
use std::fmt::Write as _;
use wrap::{display_width, wrap_hanging, write_wrapped, WIDTH};

/// Options of the human and Markdown layouts.
#[derive(Debug, Clone, Copy, Default)]
pub struct Layout {
    /// Show passed checks too.
    pub verbose: bool,
    /// Name each rule's pack (set when rules come from several packs).
    pub show_pack: bool,
}

/// The stages an object goes through, in order, by the tag its rules carry.
const STAGES: [(&str, &str); 5] = [
    ("ad", "Active Directory"),
    ("cs", "AD connector space"),
    ("mv", "Metaverse"),
    ("aad", "Azure AD connector space"),
    ("log", "Password sync log"),
];

fn stage_of(r: &ResultEntry) -> Option<usize> {
    STAGES
        .iter()
        .position(|(tag, _)| r.about.tags.iter().any(|t| t == tag))
}

/// Render one report.
pub fn render_human(report: &Report, layout: Layout) -> String {
    let mut out = String::new();
    let packs: Vec<String> = report
        .packs
        .iter()
        .map(|p| format!("{}@{}", p.name, p.version))
        .collect();
    let _ = writeln!(out, "{}", report.facts);
    let _ = writeln!(
        out,
        "  as of {}; rules from {}",
        report.now,
        packs.join(", ")
    );
    let layout = Layout {
        show_pack: layout.show_pack || report.packs.len() > 1,
        ..layout
    };
    lead::write_start_here(&mut out, report);
    lead::write_collect_next(&mut out, report);
    for heading in headings(report) {
        let indent = "  ".repeat(heading.depth());
        let _ = writeln!(out, "\n{indent}{}", heading.title());
        for command in heading.crosschecks() {
            let _ = writeln!(out, "{indent}  cross-check on the server: {command}");
        }
        write_node(&mut out, &indent, &heading.results, layout);
    }
    if !report.disabled.is_empty() {
        let _ = writeln!(out, "\nDisabled by policy");
        for d in &report.disabled {
            let _ = writeln!(out, "  {} {}: {} ({})", d.rule, d.title, d.reason, d.by);
        }
    }
    let _ = writeln!(out, "\nSummary: {}", summary_line(&report.summary));
    out
}

/// The checks of one node; an object's checks under the stage they look at,
/// then those of no stage under "Other checks".
fn write_node(out: &mut String, indent: &str, results: &[&ResultEntry], layout: Layout) {
    if results.iter().all(|r| stage_of(r).is_none()) {
        write_checks(out, indent, results, layout);
        return;
    }
    let stages = STAGES
        .iter()
        .enumerate()
        .map(|(i, (_, title))| (Some(i), *title));
    for (stage, title) in stages.chain([(None, "Other checks")]) {
        let in_stage: Vec<&ResultEntry> = results
            .iter()
            .copied()
            .filter(|r| stage_of(r) == stage)
            .collect();
        if in_stage.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{indent}  {title}");
        write_checks(out, &format!("{indent}  "), &in_stage, layout);
    }
}

fn write_checks(out: &mut String, indent: &str, results: &[&ResultEntry], layout: Layout) {
    let passed = results
        .iter()
        .filter(|r| r.outcome == OutcomeKind::Passed)
        .count();
    for r in results
        .iter()
        .filter(|r| layout.verbose || r.outcome != OutcomeKind::Passed)
    {
        write_result(out, indent, r, layout);
    }
    if !layout.verbose && passed > 0 {
        let _ = writeln!(
            out,
            "{indent}  {PASSED} {passed} check{} passed",
            plural(passed)
        );
    }
}

fn write_result(out: &mut String, indent: &str, r: &ResultEntry, layout: Layout) {
    let origin = if layout.show_pack {
        format!(", {}@{}", r.about.pack, r.about.pack_version)
    } else {
        String::new()
    };
    let pad = format!("{indent}         ");
    let head = format!("{indent}  {} {} {}", mark(r), r.about.id, r.about.title);
    let tail = format!("({}{origin})", r.about.severity.as_str());
    if display_width(&head) + 1 + display_width(&tail) <= WIDTH {
        let _ = writeln!(out, "{head} {tail}");
    } else {
        let first = format!("{indent}  {} {} ", mark(r), r.about.id);
        wrap_hanging(out, &first, &pad, &format!("{} {tail}", r.about.title));
    }
    if let Some(m) = &r.message {
        write_wrapped(out, &pad, m);
    }
    if let Some(evidence) = r.evidence.as_deref().filter(|_| layout.verbose) {
        for line in evidence.lines() {
            wrap_hanging(out, &format!("{pad}saw: "), &format!("{pad}     "), line);
        }
    }
    if !r.skipped_by.is_empty() {
        let _ = writeln!(out, "{pad}skipped: waits on {}", r.skipped_by.join(", "));
    }
    if !r.unknown.is_empty() {
        let unknown = format!("could not be determined: unknown {}", r.unknown_paths());
        write_wrapped(out, &pad, &unknown);
    }
    if let Some(rem) = &r.remediation {
        let _ = writeln!(out, "{pad}what to do:");
        write_remediation(out, &format!("{pad}  "), rem);
    }
    for c in r.about.changes.iter() {
        let _ = writeln!(out, "{pad}changed: {c}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixtures::{connector, domain, report, result};

    /// A connector whose two checks name one cross-check command, one of them with
    /// evidence, and a domain with its own command.
    fn checked() -> Report {
        let c = connector(0, "contoso.com");
        let command = "Invoke-ADSyncDiagnostics -PasswordSync -ADConnectorName 'contoso.com'";
        let mut heartbeat = result("PHS011", OutcomeKind::Passed, vec![c.clone()]);
        heartbeat.evidence = Some("newest heartbeat 2026-11-24T13:31:00Z, 29m ago".into());
        heartbeat.crosscheck = Some(command.into());
        let mut errors = result("PHS012", OutcomeKind::Passed, vec![c.clone()]);
        errors.crosscheck = Some(command.into());
        let mut reachable = result(
            "PHS020",
            OutcomeKind::Passed,
            vec![c, domain(0, 0, "contoso.com")],
        );
        reachable.crosscheck = Some("Test-NetConnection DC01.contoso.com -Port 389".into());
        report(vec![heartbeat, errors, reachable])
    }

    fn rendered(verbose: bool) -> String {
        let layout = Layout {
            verbose,
            ..Layout::default()
        };
        render_human(&checked(), layout)
    }

    #[test]
    fn each_heading_names_its_distinct_crosschecks_once() {
        let out = rendered(false);
        assert!(
            out.contains("  Connector contoso.com\n    cross-check on the server: Invoke-ADSyncDiagnostics -PasswordSync -ADConnectorName 'contoso.com'\n    [ ok ] 2 checks passed\n"),
            "{out}"
        );
        assert!(
            out.contains("    Domain contoso.com\n      cross-check on the server: Test-NetConnection DC01.contoso.com -Port 389\n"),
            "{out}"
        );
        assert_eq!(out.matches("-ADConnectorName").count(), 1, "{out}");
    }

    #[test]
    fn evidence_is_shown_under_passed_checks_with_verbose_only() {
        let saw = "saw: newest heartbeat 2026-11-24T13:31:00Z, 29m ago";
        assert!(!rendered(false).contains(saw));
        let out = rendered(true);
        assert!(
            out.contains(&format!(
                "    [ ok ] PHS011 Title of PHS011 (error)\n           {saw}\n    [ ok ] PHS012"
            )),
            "{out}"
        );
    }
}

#[cfg(test)]
mod scale {
    use super::*;
    use crate::report::fixtures::{object, report, undetermined};

    /// Grouping and Collect next index results by fact path (the old grouping
    /// searched every heading for each result): each of 20,000 objects gets its
    /// heading and its fact line once, and their one shared hint is said once.
    #[test]
    fn twenty_thousand_objects_each_get_one_heading_and_one_fact_line() {
        let results = (0..20_000)
            .map(|i| {
                let path = format!("objects[{i}].aad.exported");
                let dn = format!("CN=User {i},OU=Sales,DC=contoso,DC=com");
                undetermined("PHS037", vec![object(i, &dn)], &[(&path, "the export")])
            })
            .collect();
        let out = render_human(&report(results), Layout::default());
        assert_eq!(out.matches("(for PHS037)").count(), 20_000);
        assert_eq!(out.matches("\n  Object CN=User ").count(), 20_000);
        assert!(out.contains("\n      collect, for each of these 20000: the export\n"));
        let at = |dn: &str| out.find(&format!("Object CN=User {dn},"));
        assert!(at("9999") < at("10000"), "objects keep facts order");
    }
}
