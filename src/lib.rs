//! phsrule: declarative rules that troubleshoot Azure AD Connect password hash sync.
//!
//! The pipeline, one module per stage: `syntax` (text → AST), `check` (AST →
//! checked `Program`, with the fact schema), `facts` (facts file → typed values),
//! `eval` (program × facts → outcomes), `report` (outcomes → human, JSON, ...).
//! Only `cli` touches files, the terminal and exit codes.

pub mod builtin;
pub mod check;
pub mod cli;
pub mod diag;
pub mod eval;
pub mod facts;
pub mod limits;
pub mod report;
pub mod source;
pub mod syntax;
pub mod value;
