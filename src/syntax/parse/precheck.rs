//! What is checked of a file's text before the grammar runs: its size, NUL bytes,
//! and nesting deep enough to exhaust the stack of the parser or of the recursions
//! over its tree.

use super::errors;
use super::Result;
use crate::limits;
use crate::source::{FileId, Span};

/// Reject a file larger than [`limits::MAX_RULE_FILE_BYTES`], one with a NUL byte,
/// or one nested deeper than [`limits::MAX_NESTING`].
pub fn check_text(file: FileId, text: &str) -> Result<()> {
    if text.len() > limits::MAX_RULE_FILE_BYTES {
        return Err(errors::rule_file_size(text.len()));
    }
    if let Some(pos) = text.find('\0') {
        return Err(errors::nul(Span::new(file, pos, pos + 1)));
    }
    if let Some(pos) = crate::syntax::nesting::too_deep_at(text) {
        return Err(errors::nesting(Span::new(file, pos, pos + 1)));
    }
    Ok(())
}
