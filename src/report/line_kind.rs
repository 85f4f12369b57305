//! What a line of remediation text is: a command, copied as it is (never joined
//! to the prose around it, never wrapped, never cut into a sentence), or a list
//! item, which starts a new item instead of going on with the line before; and
//! which lines go on with the prose before them.

/// Programs that remediations run by name, besides PowerShell cmdlets.
const PROGRAMS: [&str; 6] = [
    "phsrule", "wevtutil", "nltest", "repadmin", "dcdiag", "netdom",
];

/// Whether a line of remediation text is a command rather than prose: a PowerShell
/// variable or call (`$connector = ...`, `& .\script.ps1`), a cmdlet with
/// parameters or alone (`Start-ADSyncSyncCycle -PolicyType Delta`,
/// `(Get-ADSyncScheduler).StagingModeEnabled`), or a known program with arguments.
/// A sentence that starts with a cmdlet's name (`Get-ADSyncScheduler shows it`)
/// is prose.
pub fn looks_like_command(line: &str) -> bool {
    let text = line.trim();
    if text.starts_with("& ") || text.starts_with(".\\") {
        return true;
    }
    if let Some(rest) = text.strip_prefix('$') {
        return rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '{' || c == '_');
    }
    let first = text.split_whitespace().next().unwrap_or("");
    if PROGRAMS.contains(&first) {
        return text.len() > first.len();
    }
    let call = text.trim_start_matches('(');
    let name_len = cmdlet_len(call);
    if name_len == 0 {
        return false;
    }
    let after = call.get(name_len..).unwrap_or("");
    match after.chars().next() {
        None | Some(')' | '.' | '|' | ';') => true,
        Some(' ') => {
            let next = after.trim_start();
            after.contains(" -")
                || after.contains(" | ")
                || next.starts_with(|c: char| !c.is_lowercase() && !c.is_ascii_punctuation())
                || next.starts_with(['\'', '"', '$', '@', '(', '{'])
        }
        Some(_) => false,
    }
}

/// A numbered or bulleted line of prose (`2. check ...`, `- ...`).
pub fn is_list_item(line: &str) -> bool {
    list_marker_len(line.trim_start()) > 0
}

/// The length of the list marker and its space at the start of `text` (`2. `,
/// `- `); 0 when there is none.
pub fn list_marker_len(text: &str) -> usize {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits > 0
        && text
            .get(digits..)
            .is_some_and(|rest| rest.starts_with(". "))
    {
        digits + 2
    } else if text.starts_with("- ") {
        2
    } else {
        0
    }
}

/// How many whitespace characters a line starts with.
pub fn indent_of(line: &str) -> usize {
    line.chars().take_while(|c| c.is_whitespace()).count()
}

/// Whether a line indented by `at` goes on with the prose of a line indented by
/// `indent` that starts with a list marker of `marker` bytes (0 for none): a
/// paragraph goes on at its indent, a list item up to its text's column.
pub fn continues_prose(at: usize, indent: usize, marker: usize) -> bool {
    if marker > 0 {
        at > indent && at <= indent + marker
    } else {
        at == indent
    }
}

/// The length of a cmdlet name at the start of `text` (`Get-ADSyncConnector`):
/// a capitalised verb, a hyphen, a capitalised noun; 0 when there is none.
fn cmdlet_len(text: &str) -> usize {
    let verb = capitalised_len(text);
    if verb < 2 || !text.get(verb..).is_some_and(|t| t.starts_with('-')) {
        return 0;
    }
    let noun = capitalised_len(text.get(verb + 1..).unwrap_or(""));
    if noun < 2 {
        return 0;
    }
    verb + 1 + noun
}

/// The length of a word that starts with an ASCII capital and goes on with ASCII
/// letters and digits.
fn capitalised_len(text: &str) -> usize {
    if !text.starts_with(|c: char| c.is_ascii_uppercase()) {
        return 0;
    }
    text.find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(text.len())
}

#[cfg(test)]
mod tests {
    use super::{is_list_item, list_marker_len, looks_like_command};

    #[test]
    fn numbered_and_bulleted_lines_are_list_items() {
        assert!(is_list_item("  2. check the domain"));
        assert!(is_list_item("- the first"));
        assert_eq!(list_marker_len("12. twelfth"), 4);
        assert!(!is_list_item("2.0.3.0 or later"));
        assert!(!is_list_item("-Port 389"));
    }

    #[test]
    fn cmdlets_with_parameters_variables_and_programs_are_commands() {
        for line in [
            "Start-ADSyncSyncCycle -PolicyType Delta",
            "  Set-ADSyncAADCompanyFeature -ForcePasswordChangeOnLogOn $true",
            "(Get-ADSyncScheduler).StagingModeEnabled",
            "Get-ADSyncScheduler",
            "Test-NetConnection DC01.contoso.com -Port 389",
            "Get-ADSyncRule | Select-Object Name",
            "$adConnector  = \"contoso.com\"",
            "Invoke-ADSyncDiagnostics -PasswordSync",
            "Import-Module ADSync",
            "phsrule check facts.yaml",
            "& .\\collect.ps1",
        ] {
            assert!(looks_like_command(line), "{line}");
        }
    }

    #[test]
    fn sentences_are_prose_even_when_they_start_with_a_cmdlet_name() {
        for line in [
            "Get-ADSyncScheduler shows whether staging mode is on.",
            "Grant the account exactly what is missing:",
            "Re-run the wizard and select Password hash synchronization.",
            "Run-time errors are listed in the event log.",
            "$ is not a command",
            "phsrule",
            "In PowerShell, as administrator, on the server:",
        ] {
            assert!(!looks_like_command(line), "{line}");
        }
    }
}
