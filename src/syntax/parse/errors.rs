//! The parser's diagnostics: one constructor per code, so every message the parser
//! can give is read in one place (as `facts/problems.rs` is for the loader).
//!
//! Codes are stable (`phs::syntax...`, `phs::limit...`) so docs and the corpus in
//! `tests/corpus/parse/err/` can name them. `phs::internal` is a shape the grammar
//! rules out: a bug in phsrule, never a problem with the file.

use crate::diag::Diagnostic;
use crate::limits;
use crate::source::Span;

/// The help of every grammar error.
const SYNTAX_HELP: &str = "see docs/language.md for the syntax of rules, helpers and packs";

/// `phs::syntax`: the text does not match the grammar.
pub fn syntax(span: Span, message: String, label: String) -> Diagnostic {
    Diagnostic::error("phs::syntax", message)
        .label(span, label)
        .help(SYNTAX_HELP)
}

/// `phs::limit::rule-file-size`: a file larger than [`limits::MAX_RULE_FILE_BYTES`].
pub fn rule_file_size(len: usize) -> Diagnostic {
    Diagnostic::error(
        "phs::limit::rule-file-size",
        format!(
            "the rule file is {len} bytes, more than the limit of {} bytes",
            limits::MAX_RULE_FILE_BYTES
        ),
    )
    .help("split the rules over several files in a folder and pass the folder")
}

/// `phs::syntax::nul`: a NUL byte, which no text file holds.
pub fn nul(at: Span) -> Diagnostic {
    Diagnostic::error("phs::syntax::nul", "the rule file contains a NUL byte")
        .label(at, "NUL byte here")
        .help("a `.phs` file is UTF-8 text; check that this is the file you meant")
}

/// `phs::limit::nesting`: brackets nested deeper than [`limits::MAX_NESTING`].
pub fn nesting(at: Span) -> Diagnostic {
    Diagnostic::error(
        "phs::limit::nesting",
        format!("brackets are nested more than {} deep", limits::MAX_NESTING),
    )
    .label(at, "too deep here")
    .help("split the expression into helpers (`fn`) or constants")
}

/// `phs::limit::expression`: more operators than [`limits::MAX_EXPR_OPERATORS`].
pub fn expression_size(operators: usize, expr: Span) -> Diagnostic {
    Diagnostic::error(
        "phs::limit::expression",
        format!(
            "the expression has {operators} operators, more than the limit of {}",
            limits::MAX_EXPR_OPERATORS
        ),
    )
    .label(expr, "this expression")
    .help("split it into helpers (`fn`) or several rules")
}

/// `phs::syntax::duplicate-clause`: a rule clause written twice.
pub fn duplicate_clause(rule: &str, keyword: &str, second: Span, first: Span) -> Diagnostic {
    Diagnostic::error(
        "phs::syntax::duplicate-clause",
        format!("rule `{rule}` has more than one `{keyword}` clause"),
    )
    .label(second, "second clause here")
    .label(first, "first clause here")
    .help("merge the two clauses into one")
}

/// `phs::syntax::number`: a number, duration or version part beyond 64 bits.
pub fn number_too_big(at: Span) -> Diagnostic {
    Diagnostic::error("phs::syntax::number", "this number is too large")
        .label(at, "does not fit in 64 bits")
        .help("numbers in rules must lie between -9223372036854775808 and 9223372036854775807")
}

/// `phs::internal`: a shape the grammar rules out, met anyway (a bug in phsrule).
pub fn internal(what: &str) -> Diagnostic {
    Diagnostic::internal(
        format!("internal error in the parser: {what}"),
        "the rule file",
    )
}
