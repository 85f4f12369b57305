//! Printing a syntax tree back as `.phs` text in the one canonical layout, with the
//! comments of the source kept: what `phsrule fmt` writes.
//!
//! The layout (described for users in `docs/fmt.md`): the pack header, then the
//! items in source order, one blank line apart; two-space indentation; rule clauses
//! in a fixed order; expressions compact, with parentheses only where the
//! precedences of `ops.rs` need them, broken over lines only where too long
//! ([`expr`]); strings re-escaped and blocks re-indented ([`strings`]).
//!
//! Comments are not in the tree. They are found by a lexical scan ([`comments`]) and
//! put back by source position ([`block`]): before the item, clause, field or line
//! they were written before, or at the end of the line they ended. A comment written
//! inside an expression that is printed on one line moves before its clause.
//!
//! The invariant: [`format_source`] returns text that parses to a tree equal to its
//! input's (the tree's equality ignores spans) and holds every comment of it. It
//! checks both before returning, so a bug here can refuse a file but never change
//! what it means.

mod block;
mod breaking;
mod comments;
mod expr;
mod items;
#[cfg(test)]
mod proptests;
mod strings;
#[cfg(test)]
mod tests;
mod walk;

use self::block::Emitter;
use self::comments::{distribute, Comment, Placed};
use self::expr::ExprPrinter;
use self::items::Printer;
use self::walk::plain_string_starts;
use super::ast::File;
use super::parse_file;
use crate::diag::Diagnostic;
use crate::source::{FileId, Span};

/// Why a file was not formatted.
#[derive(Debug)]
pub enum FormatError {
    /// The file does not parse; the diagnostic says where.
    Syntax(Diagnostic),
    /// The formatted text would not mean the same as the file (a bug in phsrule).
    Unsafe(Diagnostic),
}

/// The canonical text of a `.phs` file, comments kept.
pub fn format_source(file: FileId, text: &str) -> Result<String, FormatError> {
    let tree = parse_file(file, text).map_err(FormatError::Syntax)?;
    let comments = comments::scan(text, &plain_string_starts(&tree, text));
    let out = print(&tree, Some(text), comments.clone());
    check_unchanged(file, &tree, &comments, &out)?;
    Ok(out)
}

/// The canonical text of a syntax tree that has no source (and so no comments).
/// One expression on one line, as `fmt` writes it (for catalogues and messages).
pub fn print_expr(e: &crate::syntax::ast::Expr) -> String {
    expr::ExprPrinter { source: None }.flat(e, true, 0)
}

pub fn print_file(file: &File) -> String {
    print(file, None, Vec::new())
}

/// Make sure that `out` means what `tree` means and keeps every comment.
fn check_unchanged(
    file: FileId,
    tree: &File,
    comments: &[Comment],
    out: &str,
) -> Result<(), FormatError> {
    let problem = match parse_file(file, out) {
        Err(_) => Some("the formatted text does not parse"),
        Ok(again) if *tree != again => Some("the formatted text parses to a different syntax tree"),
        Ok(again) => {
            let mut before: Vec<&str> = comments.iter().map(|c| c.text.as_str()).collect();
            let found = comments::scan(out, &plain_string_starts(&again, out));
            let mut after: Vec<&str> = found.iter().map(|c| c.text.as_str()).collect();
            before.sort_unstable();
            after.sort_unstable();
            (before != after).then_some("the formatted text lost or added a comment")
        }
    };
    match problem {
        None => Ok(()),
        Some(what) => Err(FormatError::Unsafe(
            Diagnostic::error(
                "phs::fmt::unsafe",
                format!("cannot format this file safely: {what}"),
            )
            .label(Span::new(file, 0, 0), "this file was left as it is")
            .help("this is a bug in phsrule; please report it with the rule file"),
        )),
    }
}

fn print(file: &File, source: Option<&str>, comments: Vec<Comment>) -> String {
    let printer = Printer {
        ex: ExprPrinter { source },
        comments: &comments,
    };
    let blocks = printer.blocks(file);
    let text = source.unwrap_or("");
    let ranges: Vec<(usize, usize)> = blocks.iter().map(|b| b.range).collect();
    let (placed, footer) = distribute(text, comments.clone(), &ranges);
    let mut emitter = Emitter {
        source: text,
        out: String::new(),
    };
    for (i, (block, placed)) in blocks.iter().zip(placed).enumerate() {
        if i > 0 {
            emitter.out.push('\n');
        }
        top_level_comments(&mut emitter, &placed.before, true);
        let inner = Placed {
            before: Vec::new(),
            ..placed
        };
        emitter.block(block, inner);
    }
    if !footer.is_empty() && !blocks.is_empty() {
        emitter.out.push('\n');
    }
    top_level_comments(&mut emitter, &footer, false);
    emitter.out
}

/// Comments between items, each blank line after one kept (but not at the end).
fn top_level_comments(emitter: &mut Emitter, comments: &[Comment], before_item: bool) {
    for (i, c) in comments.iter().enumerate() {
        emitter.own_lines(std::slice::from_ref(c), 0);
        let last = i + 1 == comments.len();
        if c.blank_after && (before_item || !last) {
            emitter.out.push('\n');
        }
    }
}
