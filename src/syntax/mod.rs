//! Syntax: `.phs` text to a syntax tree with spans.
//!
//! The grammar lives in `grammar/phs.pest`; [`parse::parse_file`] runs it, checks the
//! limits that keep hostile input from exhausting the stack, and lowers pest's pairs
//! into [`ast`] nodes. Parse errors come back as diagnostics worded for people.

pub mod ast;
pub mod lex;
mod nesting;
pub mod ops;
pub mod parse;
pub mod print;

pub use parse::parse_file;

/// The pest parser generated from `grammar/phs.pest`.
#[derive(pest_derive::Parser)]
#[grammar = "../grammar/phs.pest"]
pub struct PhsParser;
