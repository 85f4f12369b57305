//! A remediation laid out for the terminal. Prose paragraphs and list items are
//! re-wrapped at 80 columns (a list item with a hanging indent); commands and
//! scripts are copied exactly, so they paste: a line indented deeper than the
//! prose it follows, and a line that looks like a command wherever it stands.

use super::wrap::wrap_hanging;
use crate::report::line_kind::{
    continues_prose, indent_of, is_list_item, list_marker_len, looks_like_command,
};
use std::fmt::Write as _;

/// Write `text` under `pad`.
pub fn write_remediation(out: &mut String, pad: &str, text: &str) {
    let mut block: Option<Prose> = None;
    for line in text.lines() {
        let indent = indent_of(line);
        if let Some(b) = block.as_mut().filter(|b| b.continues_with(line, indent)) {
            b.text.push(' ');
            b.text.push_str(line.trim());
            continue;
        }
        if let Some(b) = block.take() {
            b.write(out);
        }
        if line.trim().is_empty() {
            out.push('\n');
        } else if looks_like_command(line) || (indent > 0 && !is_list_item(line)) {
            let _ = writeln!(out, "{pad}{}", line.trim_end());
        } else {
            block = Some(Prose::start(pad, line, indent));
        }
    }
    if let Some(b) = block {
        b.write(out);
    }
}

/// A paragraph or list item of a remediation, re-wrapped as one.
struct Prose {
    first: String,
    rest: String,
    text: String,
    /// Where the line starts.
    indent: usize,
    /// The length of a list item's marker (`2. `); 0 for a paragraph.
    marker: usize,
}

impl Prose {
    fn start(pad: &str, line: &str, indent: usize) -> Prose {
        let marker = list_marker_len(line.trim_start());
        let lead = " ".repeat(indent);
        Prose {
            first: format!("{pad}{lead}"),
            rest: format!("{pad}{lead}{}", " ".repeat(marker)),
            text: line.trim().to_string(),
            indent,
            marker,
        }
    }

    /// Whether `line` goes on with this prose: a paragraph's next line at the
    /// same indent, or a list item's next line indented up to its text; never a
    /// blank line, a new list item or a command.
    fn continues_with(&self, line: &str, indent: usize) -> bool {
        !(line.trim().is_empty() || is_list_item(line) || looks_like_command(line))
            && continues_prose(indent, self.indent, self.marker)
    }

    fn write(&self, out: &mut String) {
        wrap_hanging(out, &self.first, &self.rest, &self.text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn laid_out(text: &str) -> String {
        let mut out = String::new();
        write_remediation(&mut out, "  ", text);
        out
    }

    #[test]
    fn prose_lines_are_joined_and_rewrapped() {
        assert_eq!(
            laid_out("Run the wizard\nagain, then wait."),
            "  Run the wizard again, then wait.\n"
        );
    }

    #[test]
    fn indented_command_lines_are_copied_exactly_however_long() {
        let script = "    $parameter = New-Object Microsoft.IdentityManagement.PowerShell.ObjectModel.ConfigurationParameter \"Microsoft.Synchronize.ForceFullPasswordSync\", String, ConnectorGlobal, $null, $null, $null";
        let text =
            format!("In PowerShell, as administrator:\n\n{script}\n    $parameter.Value = 1\n");
        assert_eq!(
            laid_out(&text),
            format!(
                "  In PowerShell, as administrator:\n\n  {script}\n      $parameter.Value = 1\n"
            )
        );
    }

    #[test]
    fn a_command_at_the_paragraph_indent_is_not_joined_to_the_prose() {
        assert_eq!(
            laid_out(
                "Then run an export:\nStart-ADSyncSyncCycle -PolicyType Delta\nand look again."
            ),
            "  Then run an export:\n  Start-ADSyncSyncCycle -PolicyType Delta\n  and look again.\n"
        );
    }

    #[test]
    fn list_items_wrap_with_a_hanging_indent_and_keep_their_commands() {
        let text = "Check, for the connector contoso.com:\n  1. that its account holds both replication rights at the root of\n     each domain: contoso.com (see PHS022);\n       Get-Acl 'AD:\\DC=contoso,DC=com'\n  2. that the domain answers.";
        assert_eq!(
            laid_out(text),
            "  Check, for the connector contoso.com:\n    1. that its account holds both replication rights at the root of each\n       domain: contoso.com (see PHS022);\n         Get-Acl 'AD:\\DC=contoso,DC=com'\n    2. that the domain answers.\n"
        );
    }

    #[test]
    fn a_numbered_item_at_the_margin_starts_a_new_item() {
        assert_eq!(
            laid_out("1. Run the wizard.\n2. Wait."),
            "  1. Run the wizard.\n  2. Wait.\n"
        );
    }

    #[test]
    fn a_dn_in_prose_is_not_broken() {
        let text = "Grant the account MSOL_1f3a7c9e2b4d (contoso.com) exactly what is missing, on the domain root DC=apac,DC=contoso,DC=com itself, then wait.";
        let out = laid_out(text);
        assert!(out.contains("DC=apac,DC=contoso,DC=com"), "{out}");
    }
}
