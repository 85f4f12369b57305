//! The Markdown report, for pasting into a support ticket: **Start here**,
//! **Collect next**, a table of the checks, the server commands that cross-check
//! them, then the remediation of each finding.
//!
//! Text from facts and rules is escaped for where it stands: names, fact paths,
//! hints and commands go in code spans ([`code`]), prose is escaped ([`text`]),
//! remediations are fenced ([`fenced`]); none of it can end a table row or cell,
//! open a heading, close a code span or fence, or become HTML.

use super::collect_next::collect_next;
use super::first_step::Block;
use super::mark::mark;
use super::start_here::{place_with, start_here};
use super::tree::headings;
use super::{summary_line, Report, ResultEntry};
use crate::eval::OutcomeKind;
use std::fmt::Write as _;

pub fn render_markdown(report: &Report, verbose: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## phsrule report: {}\n", code(&report.facts));
    let _ = writeln!(
        out,
        "As of {}. {}\n",
        report.now,
        summary_line(&report.summary)
    );
    write_start_here(&mut out, report);
    write_collect_next(&mut out, report);
    write_checks(&mut out, report, verbose);
    write_crosschecks(&mut out, report);
    for r in report.with_outcome(OutcomeKind::Fired) {
        if let Some(rem) = &r.remediation {
            let _ = writeln!(out, "\n### {} {}\n", r.about.id, text(&r.about.title));
            let _ = writeln!(out, "{}", fenced(rem));
        }
    }
    out
}

fn write_start_here(out: &mut String, report: &Report) {
    let findings = start_here(report);
    if findings.is_empty() {
        let _ = writeln!(out, "**Start here:** nothing fired.\n");
        return;
    }
    let _ = writeln!(out, "### Start here\n");
    for (i, f) in findings.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}. {} **{}** {}: {}",
            i + 1,
            code(mark(f.result)),
            f.result.about.id,
            place_with(f.result, code),
            text(&f.step.sentence)
        );
        match &f.step.block {
            Block::None => {}
            Block::Lines(lines) => {
                let block = fenced(&lines.join("\n"));
                for line in block.lines() {
                    let _ = writeln!(out, "   {line}");
                }
            }
            Block::Script(n) => {
                let _ = writeln!(out, "   ({n} lines: under {} below)", f.result.about.id);
            }
        }
    }
    out.push('\n');
}

fn write_collect_next(out: &mut String, report: &Report) {
    let wanted = collect_next(report);
    if wanted.is_empty() {
        return;
    }
    let _ = writeln!(out, "### Collect next\n");
    let _ = writeln!(out, "| fact | for | collect |");
    let _ = writeln!(out, "| --- | --- | --- |");
    for fact in &wanted {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            code(fact.path),
            text(&fact.describe_waiting()),
            fact.collect.map(code).unwrap_or_default()
        );
    }
    out.push('\n');
}

fn write_checks(out: &mut String, report: &Report, verbose: bool) {
    let shown: Vec<&ResultEntry> = report
        .results
        .iter()
        .filter(|r| verbose || r.outcome != OutcomeKind::Passed)
        .collect();
    if shown.is_empty() {
        return;
    }
    let _ = writeln!(out, "### Checks\n");
    let _ = writeln!(out, "| | rule | severity | about | result |");
    let _ = writeln!(out, "| --- | --- | --- | --- | --- |");
    for r in shown {
        let about: Vec<String> = r.binding.iter().map(|b| code(&b.label)).collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            code(mark(r)),
            r.about.id,
            r.about.severity.as_str(),
            about.join(", "),
            result_text(r)
        );
    }
}

/// What the result column says, escaped for a cell: the message of what fired,
/// the title and the missing facts (with their `collect` hints) of what is
/// undetermined, the rules a skipped check waited on, what a passed check saw.
fn result_text(r: &ResultEntry) -> String {
    match r.outcome {
        OutcomeKind::Undetermined => {
            let facts: Vec<String> = r
                .unknown
                .iter()
                .map(|u| match &u.collect {
                    Some(hint) => format!("{} (collect: {})", code(&u.path), code(hint)),
                    None => code(&u.path),
                })
                .collect();
            format!("{}: unknown {}", text(&r.about.title), facts.join("; "))
        }
        OutcomeKind::Skipped if !r.skipped_by.is_empty() => text(&format!(
            "{}; skipped: waits on {}",
            r.about.title,
            r.skipped_by.join(", ")
        )),
        OutcomeKind::Passed => match &r.evidence {
            Some(evidence) => text(&format!("{}; saw: {evidence}", r.about.title)),
            None => text(&r.about.title),
        },
        OutcomeKind::Fired | OutcomeKind::Skipped => text(r.message_or_title()),
    }
}

/// Each binding heading's distinct cross-check commands.
fn write_crosschecks(out: &mut String, report: &Report) {
    let lines: Vec<String> = headings(report)
        .iter()
        .flat_map(|h| {
            let title = if h.label.is_empty() {
                h.kind.to_string()
            } else {
                format!("{} {}", text(h.kind), code(h.label))
            };
            h.crosschecks()
                .into_iter()
                .map(move |command| format!("- {title}: {}", code(command)))
        })
        .collect();
    if lines.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n### Cross-check on the server\n");
    for line in lines {
        let _ = writeln!(out, "{line}");
    }
}

/// `text` as one code span on one line, fenced by more backticks than it holds
/// in a row; `|` escaped (GitHub reads `\|` inside a code span in a table as `|`).
fn code(text: &str) -> String {
    let one_line = text.replace(['\r', '\n'], " ").replace('|', "\\|");
    let fence = "`".repeat(longest_backtick_run(&one_line) + 1);
    if one_line.starts_with('`') || one_line.ends_with('`') {
        format!("{fence} {one_line} {fence}")
    } else {
        format!("{fence}{one_line}{fence}")
    }
}

/// Prose that may stand in a table cell or a list item: `|` and backticks
/// escaped, `<` as `&lt;`, a leading `#` escaped, line breaks as `<br>`.
fn text(prose: &str) -> String {
    let mut out = String::with_capacity(prose.len());
    for (i, c) in prose.chars().enumerate() {
        match c {
            '|' | '`' => {
                out.push('\\');
                out.push(c);
            }
            '#' if i == 0 => out.push_str("\\#"),
            '<' => out.push_str("&lt;"),
            '\r' => {}
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

/// A block of text (a remediation, a command) in a `text` fence that no line
/// inside can close.
fn fenced(block: &str) -> String {
    let fence = "`".repeat((longest_backtick_run(block) + 1).max(3));
    format!("{fence}text\n{}\n{fence}", block.trim_end())
}

fn longest_backtick_run(text: &str) -> usize {
    text.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixtures::{connector, fired, object, report, result, undetermined};

    #[test]
    fn start_here_collect_next_and_crosschecks_come_with_the_checks() {
        let c = connector(0, "contoso.com");
        let dn = "CN=Alex Wilber,OU=Sales,DC=contoso,DC=com";
        let mut heartbeat = result("PHS011", OutcomeKind::Passed, vec![c.clone()]);
        heartbeat.evidence = Some("newest heartbeat 2026-11-24T13:31:00Z, 29m ago".into());
        heartbeat.crosscheck =
            Some("Invoke-ADSyncDiagnostics -PasswordSync -ADConnectorName 'contoso.com'".into());
        let mut channel = fired(
            "PHS010",
            vec![c.clone()],
            "The channel of contoso.com is off.",
            "Turn the channel on:\n  Set-ADSyncAADPasswordSyncConfiguration -SourceConnector 'contoso.com' -Enable $true\n",
        );
        channel.crosscheck = heartbeat.crosscheck.clone();
        let r = report(vec![
            channel,
            heartbeat,
            undetermined(
                "PHS037",
                vec![object(0, dn)],
                &[(
                    "objects[0].aad.exported",
                    "Get-ADSyncCSObject | Select-Object -Property *",
                )],
            ),
        ]);
        assert_eq!(
            render_markdown(&r, true),
            "## phsrule report: `facts.yaml`

As of 2026-11-24T14:00:00Z. 1 fired (1 error), 1 passed, 0 skipped, 1 undetermined

### Start here

1. `[FAIL]` **PHS010** connector `contoso.com`: Turn the channel on:
   ```text
   Set-ADSyncAADPasswordSyncConfiguration -SourceConnector 'contoso.com' -Enable $true
   ```

### Collect next

| fact | for | collect |
| --- | --- | --- |
| `objects[0].aad.exported` | PHS037 | `Get-ADSyncCSObject \\| Select-Object -Property *` |

### Checks

| | rule | severity | about | result |
| --- | --- | --- | --- | --- |
| `[FAIL]` | PHS010 | error | `contoso.com` | The channel of contoso.com is off. |
| `[ ok ]` | PHS011 | error | `contoso.com` | Title of PHS011; saw: newest heartbeat 2026-11-24T13:31:00Z, 29m ago |
| `[ ?? ]` | PHS037 | error | `CN=Alex Wilber,OU=Sales,DC=contoso,DC=com` | Title of PHS037: unknown `objects[0].aad.exported` (collect: `Get-ADSyncCSObject \\| Select-Object -Property *`) |

### Cross-check on the server

- Connector `contoso.com`: `Invoke-ADSyncDiagnostics -PasswordSync -ADConnectorName 'contoso.com'`

### PHS010 Title of PHS010

```text
Turn the channel on:
  Set-ADSyncAADPasswordSyncConfiguration -SourceConnector 'contoso.com' -Enable $true
```
"
        );
    }

    #[test]
    fn a_report_where_nothing_fired_or_is_unknown_says_so_in_one_line() {
        let r = report(vec![result("PHS001", OutcomeKind::Passed, vec![])]);
        assert_eq!(
            render_markdown(&r, false),
            "## phsrule report: `facts.yaml`\n\nAs of 2026-11-24T14:00:00Z. 0 fired, 1 passed, 0 skipped, 0 undetermined\n\n**Start here:** nothing fired.\n\n"
        );
    }

    #[test]
    fn text_from_facts_cannot_break_the_markup() {
        assert_eq!(text("# a|b`c<d>\r\ne"), "\\# a\\|b\\`c&lt;d><br>e");
        assert_eq!(code("a`b|c\nd"), "``a`b\\|c d``");
        assert_eq!(code("`x"), "`` `x ``");
        assert_eq!(code("plain"), "`plain`");
        assert_eq!(fenced("```\nrm"), "````text\n```\nrm\n````");
    }
}
