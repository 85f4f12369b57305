//! The two sections that open the human report: **Start here** (what fired, in
//! the order to take it, with the first step) and **Collect next** (the unknown
//! facts, each once, with how to collect it and what waits on it).

use super::wrap::wrap_hanging;
use crate::report::collect_next::collect_next;
use crate::report::first_step::Block;
use crate::report::mark::mark;
use crate::report::start_here::start_here;
use crate::report::{plural, Report};
use std::fmt::Write as _;

/// The indent of a finding's first step, under its mark.
const STEP_PAD: &str = "         ";

/// Start here, or one line saying that nothing fired.
pub fn write_start_here(out: &mut String, report: &Report) {
    let findings = start_here(report);
    if findings.is_empty() {
        let _ = writeln!(out, "\nStart here: nothing fired.");
        return;
    }
    let _ = writeln!(out, "\nStart here");
    for f in findings {
        let head = format!("  {} {} ", mark(f.result), f.result.about.id);
        wrap_hanging(out, &head, STEP_PAD, &f.place);
        wrap_hanging(out, STEP_PAD, STEP_PAD, &f.step.sentence);
        match &f.step.block {
            Block::None => {}
            Block::Lines(lines) => {
                for line in lines {
                    let _ = writeln!(out, "{STEP_PAD}  {line}");
                }
            }
            Block::Script(n) => {
                let _ = writeln!(
                    out,
                    "{STEP_PAD}  ({n} lines: under {} below)",
                    f.result.about.id
                );
            }
        }
    }
}

/// Collect next, left out when no fact is wanted. Hints are commands or console
/// places: never wrapped. Facts in a row with the same hint (one fact of many
/// objects) share one hint line, after the last of them.
pub fn write_collect_next(out: &mut String, report: &Report) {
    let wanted = collect_next(report);
    if wanted.is_empty() {
        return;
    }
    let count = report.summary.undetermined.total();
    let _ = writeln!(
        out,
        "\nCollect next: {count} check{} could not be decided without these facts",
        plural(count)
    );
    for run in wanted.chunk_by(|a, b| a.collect == b.collect) {
        for fact in run {
            let line = format!("{} (for {})", fact.path, fact.describe_waiting());
            wrap_hanging(out, "  ", "      ", &line);
        }
        match (run.len(), run.first().and_then(|fact| fact.collect)) {
            (_, None) => {}
            (1, Some(hint)) => {
                let _ = writeln!(out, "      collect: {hint}");
            }
            (n, Some(hint)) => {
                let _ = writeln!(out, "      collect, for each of these {n}: {hint}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::severity::Severity;
    use crate::eval::OutcomeKind;
    use crate::report::fixtures::{connector, fired, object, report, result, undetermined};

    #[test]
    fn start_here_lists_each_finding_with_its_place_and_first_step() {
        let dn = "CN=Pradeep Gupta,OU=Users,DC=apac,DC=contoso,DC=com";
        let mut warning = fired(
            "PHS039",
            vec![object(0, dn)],
            "m",
            "Make sure the user's password was really changed in that time (pwdLastSet in Active Directory). If it was, look further.",
        );
        std::sync::Arc::make_mut(&mut warning.about).severity = Severity::Warning;
        let r = report(vec![
            warning,
            fired(
                "PHS031",
                vec![object(0, dn)],
                "m",
                "On the server, let temporary passwords through:\n  Set-ADSyncAADCompanyFeature -ForcePasswordChangeOnLogOn $true\n",
            ),
            fired(
                "PHS011",
                vec![connector(0, "contoso.com")],
                "m",
                "Trigger one full password sync:\n\n  $a = 1\n  $b = 2\n  $c = 3\n  $d = 4\n",
            ),
        ]);
        let mut out = String::new();
        write_start_here(&mut out, &r);
        assert_eq!(
            out,
            "
Start here
  [FAIL] PHS011 connector contoso.com
         Trigger one full password sync:
           (4 lines: under PHS011 below)
  [FAIL] PHS031 object CN=Pradeep Gupta,OU=Users,DC=apac,DC=contoso,DC=com
         On the server, let temporary passwords through:
           Set-ADSyncAADCompanyFeature -ForcePasswordChangeOnLogOn $true
  [WARN] PHS039 object CN=Pradeep Gupta,OU=Users,DC=apac,DC=contoso,DC=com
         Make sure the user's password was really changed in that time
         (pwdLastSet in Active Directory).
"
        );
    }

    #[test]
    fn nothing_fired_is_one_short_line() {
        let mut out = String::new();
        write_start_here(
            &mut out,
            &report(vec![result("PHS001", OutcomeKind::Passed, vec![])]),
        );
        assert_eq!(out, "\nStart here: nothing fired.\n");
    }

    /// Collect next of a report of these results.
    fn collected(results: Vec<crate::report::ResultEntry>) -> String {
        let mut out = String::new();
        write_collect_next(&mut out, &report(results));
        out
    }

    #[test]
    fn collect_next_names_each_fact_once_with_its_unwrapped_hint() {
        let hint = "Get-WinEvent -FilterHashtable @{LogName='Application'; ProviderName='Directory Synchronization'} | Export-Csv events.csv";
        let events = [("events", hint)];
        let out = collected(vec![
            undetermined("PHS011", vec![connector(0, "contoso.com")], &events),
            undetermined("PHS011", vec![connector(1, "fabrikam.com")], &events),
            undetermined("PHS001", vec![], &[("tenant.password_hash_sync", "")]),
        ]);
        assert_eq!(
            out,
            format!(
                "
Collect next: 3 checks could not be decided without these facts
  events (for PHS011 on 2 connectors)
      collect: {hint}
  tenant.password_hash_sync (for PHS001)
"
            )
        );
    }

    #[test]
    fn facts_in_a_row_with_the_same_hint_share_one_hint_line() {
        let hint = "Synchronization Service Manager > the object";
        let exported = |i: usize| {
            let path = format!("objects[{i}].aad.exported");
            undetermined("PHS037", vec![object(i, "CN=A,DC=x")], &[(&path, hint)])
        };
        let out = collected(vec![
            exported(0),
            exported(1),
            undetermined("PHS001", vec![], &[("tenant.password_hash_sync", "")]),
        ]);
        assert_eq!(
            out,
            format!(
                "
Collect next: 3 checks could not be decided without these facts
  objects[0].aad.exported (for PHS037)
  objects[1].aad.exported (for PHS037)
      collect, for each of these 2: {hint}
  tenant.password_hash_sync (for PHS001)
"
            )
        );
    }

    #[test]
    fn collect_next_is_left_out_when_nothing_is_unknown() {
        assert_eq!(
            collected(vec![result("PHS001", OutcomeKind::Passed, vec![])]),
            ""
        );
    }
}
