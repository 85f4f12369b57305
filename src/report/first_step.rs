//! The first step of a remediation, which **Start here** shows for each finding.
//!
//! By convention (docs/report-format.md, docs/authoring.md) a remediation's first
//! sentence is a self-contained first step. The first sentence is read from the
//! first paragraph, its wrapped lines joined: it ends at `.`, `!` or `?` followed
//! by a space and a word that does not start in lower case (not after `e.g.` and
//! the like, not inside parentheses, quotes or backticks), or at the end of the
//! paragraph's prose. Where that prose ends with `:` before an indented block (a
//! command, a short list), the block belongs to the step: up to
//! [`MAX_BLOCK_LINES`] lines are kept, copied as they are; a longer script is
//! only announced.

use super::line_kind::{
    continues_prose, indent_of, is_list_item, list_marker_len, looks_like_command,
};

/// The longest command block that Start here copies under a first step.
pub const MAX_BLOCK_LINES: usize = 3;

/// What to do first about one finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstStep {
    /// One sentence of prose, on one line.
    pub sentence: String,
    /// What the sentence introduces with its final `:`.
    pub block: Block,
}

/// The indented lines that a first step introduces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    None,
    /// Short enough to show: the lines without their common indent.
    Lines(Vec<String>),
    /// Too long to repeat: how many lines the finding's remediation holds.
    Script(usize),
}

/// The first step of a remediation; `None` when it holds no prose at all.
pub fn first_step(remediation: &str) -> Option<FirstStep> {
    let lines: Vec<&str> = remediation
        .lines()
        .skip_while(|l| l.trim().is_empty())
        .collect();
    let first = lines.first()?;
    if looks_like_command(first) {
        return None;
    }
    let indent = indent_of(first);
    let marker = list_marker_len(first.trim_start());
    let continues = |line: &str| continues_prose(indent_of(line), indent, marker);
    let prose: Vec<&str> = lines
        .iter()
        .copied()
        .enumerate()
        .take_while(|(i, l)| {
            !l.trim().is_empty()
                && !looks_like_command(l)
                && (*i == 0 || (continues(l) && !is_list_item(l)))
        })
        .map(|(_, l)| l)
        .collect();
    let joined = prose.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
    // A step that is the first item of a list is said without its marker.
    let joined = joined
        .get(list_marker_len(&joined)..)
        .unwrap_or(&joined)
        .to_string();
    let end = sentence_end(&joined).unwrap_or(joined.len());
    let sentence = joined.get(..end).unwrap_or(&joined).trim_end().to_string();
    let block = if end == joined.len() && sentence.ends_with(':') {
        block_after(lines.get(prose.len()..).unwrap_or(&[]), indent)
    } else {
        Block::None
    };
    Some(FirstStep { sentence, block })
}

/// The first step of a finding without remediation: its message, on one line.
pub fn from_message(message: &str) -> FirstStep {
    let sentence = message.split_whitespace().collect::<Vec<_>>().join(" ");
    FirstStep {
        sentence,
        block: Block::None,
    }
}

/// The block indented deeper than the prose that follows it (after at most one
/// blank line), up to the next blank line or the prose's indent.
fn block_after(rest: &[&str], indent: usize) -> Block {
    let start = usize::from(rest.first().is_some_and(|l| l.trim().is_empty()));
    let block: Vec<&str> = rest
        .iter()
        .skip(start)
        .copied()
        .take_while(|l| !l.trim().is_empty() && indent_of(l) > indent)
        .collect();
    if block.is_empty() {
        return Block::None;
    }
    if block.len() > MAX_BLOCK_LINES {
        return Block::Script(block.len());
    }
    let common = block.iter().map(|l| indent_of(l)).min().unwrap_or(0);
    let unindented = block
        .iter()
        .map(|l| String::from_iter(l.chars().skip(common)));
    Block::Lines(unindented.map(|l| l.trim_end().to_string()).collect())
}

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: [&str; 6] = ["e.g.", "i.e.", "cf.", "vs.", "approx.", "incl."];

/// The byte index just after the first sentence's final mark, if a sentence ends
/// before the text does.
fn sentence_end(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quoted = false;
    let mut code = false;
    for (i, c) in text.char_indices() {
        match c {
            '`' => code = !code,
            '"' if !code => quoted = !quoted,
            '(' | '[' if !code && !quoted => depth += 1,
            ')' | ']' if !code && !quoted => depth = depth.saturating_sub(1),
            '.' | '!' | '?' if !code && !quoted && depth == 0 => {
                let end = i + c.len_utf8();
                if ends_sentence(text, i, end) {
                    return Some(end);
                }
            }
            _ => {}
        }
    }
    None
}

/// Whether the mark at `at..end` ends a sentence: a space follows, then a word
/// that does not start in lower case, and the word before is no abbreviation.
fn ends_sentence(text: &str, at: usize, end: usize) -> bool {
    let after = text.get(end..).unwrap_or("");
    if !after.starts_with(' ') {
        return false;
    }
    if after.trim_start().starts_with(|c: char| c.is_lowercase()) {
        return false;
    }
    let before = text.get(..end).unwrap_or("");
    let word = before.rsplit(' ').next().unwrap_or(before);
    let word = word.trim_start_matches(['(', '"', '\'']);
    !(at > 0 && ABBREVIATIONS.iter().any(|a| word.eq_ignore_ascii_case(a)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(remediation: &str) -> String {
        first_step(remediation)
            .map(|s| s.sentence)
            .unwrap_or_default()
    }

    #[test]
    fn the_first_sentence_joins_the_wrapped_lines_of_the_first_paragraph() {
        let text = "Ask the user to sign in on premises and choose a new\npassword; it is synchronized within minutes. Then look again.\n\nMore later.";
        assert_eq!(
            sentence(text),
            "Ask the user to sign in on premises and choose a new password; it is synchronized within minutes."
        );
    }

    #[test]
    fn a_paragraph_without_a_sentence_end_is_one_step() {
        assert_eq!(
            sentence("Switch the active server\nto the other one\n\nSecond."),
            "Switch the active server to the other one"
        );
    }

    #[test]
    fn a_full_stop_at_the_end_of_the_paragraph_ends_it() {
        assert_eq!(
            sentence("Run the wizard again.\n\nThen wait."),
            "Run the wizard again."
        );
    }

    #[test]
    fn abbreviations_versions_and_dns_do_not_end_a_sentence() {
        let text = "Check the OU filter, e.g. OU=Sales,DC=contoso,DC=com on server 2.0.3.0 or later. Next.";
        assert_eq!(
            sentence(text),
            "Check the OU filter, e.g. OU=Sales,DC=contoso,DC=com on server 2.0.3.0 or later."
        );
    }

    #[test]
    fn parentheses_quotes_and_code_do_not_end_a_sentence() {
        let text = "Read the event (it names the forest. Always.) and \"the text. Here\" with `a. B` first. Then more.";
        assert_eq!(
            sentence(text),
            "Read the event (it names the forest. Always.) and \"the text. Here\" with `a. B` first."
        );
    }

    #[test]
    fn a_lower_case_word_after_a_full_stop_continues_the_sentence() {
        assert_eq!(
            sentence("Use the status script. from the seed. Then."),
            "Use the status script. from the seed."
        );
    }

    #[test]
    fn a_colon_before_a_short_command_block_keeps_the_block() {
        let text = "On the server, turn the feature on:\n  Set-ADSyncAADCompanyFeature -ForcePasswordChangeOnLogOn $true\nThen wait.";
        assert_eq!(
            first_step(text),
            Some(FirstStep {
                sentence: "On the server, turn the feature on:".into(),
                block: Block::Lines(vec![
                    "Set-ADSyncAADCompanyFeature -ForcePasswordChangeOnLogOn $true".into()
                ]),
            })
        );
    }

    #[test]
    fn a_colon_before_a_blank_line_and_a_long_script_announces_the_script() {
        let text = "In PowerShell, as administrator:\n\n  $a = 1\n  $b = 2\n    Import-Module ADSync\n  $c = 3\n";
        assert_eq!(first_step(text).map(|s| s.block), Some(Block::Script(4)));
    }

    #[test]
    fn a_colon_inside_the_sentence_is_not_an_end() {
        let text = "Grant what is missing: the right named below. Then wait.";
        assert_eq!(
            sentence(text),
            "Grant what is missing: the right named below."
        );
        assert_eq!(first_step(text).map(|s| s.block), Some(Block::None));
    }

    #[test]
    fn a_command_line_ends_the_prose_of_the_first_paragraph() {
        let text = "Run an export\nStart-ADSyncSyncCycle -PolicyType Delta\n";
        assert_eq!(sentence(text), "Run an export");
    }

    #[test]
    fn a_remediation_that_starts_with_a_command_has_no_first_sentence() {
        assert_eq!(first_step("Start-ADSyncSyncCycle -PolicyType Delta"), None);
        assert_eq!(first_step("\n  \n"), None);
    }

    #[test]
    fn a_list_gives_its_first_item_without_the_marker() {
        assert_eq!(
            sentence("1. Run the wizard\n   again.\n2. Wait for the next cycle."),
            "Run the wizard again."
        );
        assert_eq!(
            sentence("- Check the channel. Then more.\n- Other."),
            "Check the channel."
        );
    }

    #[test]
    fn a_message_is_a_step_on_one_line() {
        assert_eq!(
            from_message("The server is\nin staging mode.").sentence,
            "The server is in staging mode."
        );
    }
}
