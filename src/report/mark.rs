//! The mark of an outcome, as the human and Markdown reports print it: what fired
//! says its severity.

use super::ResultEntry;
use crate::check::severity::Severity;
use crate::eval::OutcomeKind;

/// The mark of a passed check (also on the "N checks passed" line).
pub const PASSED: &str = "[ ok ]";

/// `[FAIL]` error, `[WARN]` warning, `[INFO]` info for what fired; `[ ok ]`
/// passed, `[skip]` skipped, `[ ?? ]` undetermined.
pub fn mark(result: &ResultEntry) -> &'static str {
    match result.outcome {
        OutcomeKind::Fired => fired(result.about.severity),
        OutcomeKind::Passed => PASSED,
        OutcomeKind::Skipped => "[skip]",
        OutcomeKind::Undetermined => "[ ?? ]",
    }
}

fn fired(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "[FAIL]",
        Severity::Warning => "[WARN]",
        Severity::Info => "[INFO]",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixtures::result;

    #[test]
    fn what_fired_is_marked_by_its_severity() {
        let mut r = result("PHS001", OutcomeKind::Fired, vec![]);
        assert_eq!(mark(&r), "[FAIL]");
        std::sync::Arc::make_mut(&mut r.about).severity = Severity::Warning;
        assert_eq!(mark(&r), "[WARN]");
        std::sync::Arc::make_mut(&mut r.about).severity = Severity::Info;
        assert_eq!(mark(&r), "[INFO]");
        for (outcome, expected) in [
            (OutcomeKind::Passed, "[ ok ]"),
            (OutcomeKind::Skipped, "[skip]"),
            (OutcomeKind::Undetermined, "[ ?? ]"),
        ] {
            r.outcome = outcome;
            assert_eq!(mark(&r), expected);
        }
    }
}
