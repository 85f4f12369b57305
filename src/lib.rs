//! phsrule: declarative rules that troubleshoot Azure AD Connect password hash sync.
//!
//! The pipeline, one module per stage: `syntax` (text → AST), `check` (AST →
//! checked `Program`, with the fact schema), `facts` (facts file → typed values),
//! `eval` (program × facts → outcomes), `report` (outcomes → human, JSON, ...).
//! Only `cli` touches files, the terminal and exit codes.
//!
//! No panics by construction: library code may not unwrap, expect, panic or index
//! out of bounds (tests may); a panic that slips through is a bug, reported by
//! the binary with exit code 3 (see `docs/reliability.md`).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod builtin;
pub mod check;
pub mod cli;
pub mod diag;
pub mod encoding;
pub mod eval;
pub mod facts;
pub mod import;
pub mod limits;
pub mod report;
pub mod source;
pub mod syntax;
pub mod testing;
pub mod value;
