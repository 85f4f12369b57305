//! Rule tests (`phsrule test`): `*.test.yaml` files next to the rules they test.
//!
//! A test file is a list of cases. Each case names its facts (a facts file, or a
//! base facts file and a patch merged onto it), optionally the time to evaluate
//! at, and the outcome each rule must have. This module owns the format
//! ([`format`]), applying patches ([`patch`]) and judging an evaluation against a
//! case's expectations ([`verdict`]); it reads no file. The command line reads the
//! files and loads the (patched) facts through the normal facts loader, so a test
//! exercises real loading. `docs/testing.md` documents the format for authors.

pub mod format;
pub mod patch;
pub mod verdict;

/// The four outcomes, as test files spell them.
pub use crate::eval::OutcomeKind;

use chrono::{DateTime, FixedOffset};

/// One test case of a test file.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    pub name: String,
    pub facts: FactsSource,
    /// Evaluate time windows as of this time instead of `collected_at`.
    pub now: Option<DateTime<FixedOffset>>,
    /// Rule id → what it must do, in the order written.
    pub expect: Vec<(String, Expectation)>,
    /// What every instance of every rule not named in `expect` must do.
    pub others: Option<OutcomeKind>,
}

/// Where a case's facts come from; paths are relative to the test file's folder.
#[derive(Debug, Clone, PartialEq)]
pub enum FactsSource {
    File(String),
    Patched {
        base: String,
        patch: serde_yaml::Mapping,
    },
}

/// What one rule must do in a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expectation {
    /// Every instance (at least one) is like this.
    All(Want),
    /// The instances, in binding order, are exactly these (none for `[]`).
    Each(Vec<Want>),
    /// The rule is disabled by an org pack.
    Disabled,
}

/// The outcome one instance must have, and optionally more about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Want {
    pub outcome: OutcomeKind,
    /// The message must contain this text.
    pub message: Option<String>,
    /// For `skipped`: exactly these rules kept it from running.
    pub by: Option<Vec<String>>,
    /// For `undetermined`: exactly these facts were unknown.
    pub unknown: Option<Vec<String>>,
}

impl Want {
    pub fn outcome(outcome: OutcomeKind) -> Want {
        Want {
            outcome,
            message: None,
            by: None,
            unknown: None,
        }
    }
}
