//! The Markdown report, for pasting into a support ticket.
//!
//! Text from facts (names, messages, labels) is escaped for where it stands
//! ([`cell`], [`code`], [`fenced`]): it cannot end a table row or cell, open a
//! heading, close a code span or fence, or become HTML.

use super::{summary_line, Report};
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
    let _ = writeln!(out, "| | rule | severity | about | result |");
    let _ = writeln!(out, "| --- | --- | --- | --- | --- |");
    for r in report
        .results
        .iter()
        .filter(|r| verbose || r.outcome != "passed")
    {
        let about: Vec<String> = r.binding.iter().map(|b| code(&b.label)).collect();
        let text = r.message.clone().unwrap_or_else(|| r.title.clone());
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            r.outcome,
            r.rule,
            r.severity.as_str(),
            about.join(", "),
            cell(&text)
        );
    }
    for r in report.results.iter().filter(|r| r.outcome == "fired") {
        if let Some(rem) = &r.remediation {
            let _ = writeln!(out, "\n### {} {}\n", r.rule, cell(&r.title));
            let _ = writeln!(out, "{}", fenced(rem));
        }
    }
    out
}

/// Text in a table cell: `|`, backticks, `<` and a leading `#` escaped, line
/// breaks as `<br>`.
fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
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

/// Text as a code span: a fence longer than any run of backticks inside, `|`
/// escaped (GitHub reads `\|` inside a code span in a table as `|`), one line.
fn code(text: &str) -> String {
    let one_line: String = text
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect::<String>()
        .replace('|', "\\|");
    let ticks = "`".repeat(longest_backtick_run(&one_line) + 1);
    let pad = if one_line.starts_with('`') || one_line.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{ticks}{pad}{one_line}{pad}{ticks}")
}

/// A block of text (a remediation script) in a fence no line inside can close.
fn fenced(text: &str) -> String {
    let ticks = "`".repeat((longest_backtick_run(text) + 1).max(3));
    format!("{ticks}text\n{text}\n{ticks}")
}

fn longest_backtick_run(text: &str) -> usize {
    text.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_text_cannot_break_the_table() {
        assert_eq!(cell("# a|b`c<d>\r\ne"), "\\# a\\|b\\`c&lt;d><br>e");
        assert_eq!(code("a`b|c\nd"), "``a`b\\|c d``");
        assert_eq!(code("`x"), "`` `x ``");
        assert_eq!(fenced("```\nrm"), "````text\n```\nrm\n````");
    }
}
