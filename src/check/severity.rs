//! How serious a rule's finding is: the checked program's own copy of the
//! `severity` clause, so no stage after `check` depends on the syntax tree.

use crate::syntax::ast;
use serde::Serialize;

/// Ordered from least to most serious, so `Reverse` sorts errors first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    /// The word the `.phs` language and every report spell it with.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl From<ast::Severity> for Severity {
    fn from(severity: ast::Severity) -> Severity {
        match severity {
            ast::Severity::Info => Severity::Info,
            ast::Severity::Warning => Severity::Warning,
            ast::Severity::Error => Severity::Error,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Severity;

    #[test]
    fn severities_serialize_as_the_language_spells_them() {
        for severity in [Severity::Info, Severity::Warning, Severity::Error] {
            let json = serde_json::to_string(&severity).ok();
            assert_eq!(json, Some(format!("\"{}\"", severity.as_str())));
        }
    }
}
