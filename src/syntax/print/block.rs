//! Printed blocks of lines and the comments placed around them.
//!
//! The printer first lays each item out as a tree of [`Block`]s (a rule, its
//! clauses, the lines of a broken `when`), each remembering the source range it was
//! printed from. [`Emitter`] then writes the blocks and puts every comment back by
//! position: before the block it was written in or before, or at the end of the line
//! it ended. A block without children takes the comments written inside it (in the
//! middle of an expression, say) on lines of their own before it.

use super::comments::{distribute, Comment, Placed};

/// Lines printed for one node of the tree.
#[derive(Debug, Clone)]
pub struct Block {
    /// The source range the block was printed from.
    pub range: (usize, usize),
    /// The source range of what `head` prints.
    pub head_range: (usize, usize),
    /// Indentation of the block's first line, and of comments put before it.
    pub indent: usize,
    /// Its first lines, indented, without the last line break.
    pub head: String,
    /// Its nested blocks, in print order.
    pub children: Vec<Block>,
    /// A closing line (`}`), indented, if it has one.
    pub tail: Option<String>,
}

impl Block {
    /// A block of lines with nothing nested.
    pub fn leaf(range: (usize, usize), indent: usize, head: String) -> Block {
        Block {
            range,
            head_range: range,
            indent,
            head,
            children: Vec::new(),
            tail: None,
        }
    }
}

/// Writes blocks and their comments.
pub struct Emitter<'s> {
    pub source: &'s str,
    pub out: String,
}

impl Emitter<'_> {
    /// Write `block` with the comments `placed` beside it.
    pub fn block(&mut self, block: &Block, placed: Placed) {
        let Placed {
            before,
            inside,
            mut after,
        } = placed;
        let ranges: Vec<(usize, usize)> = std::iter::once(block.head_range)
            .chain(block.children.iter().map(|c| c.range))
            .collect();
        let (parts, footer) = distribute(self.source, inside, &ranges);
        let mut parts = parts.into_iter();
        let head = parts.next().unwrap_or_default();
        let inner = block.indent + 2;
        self.own_lines(&before, block.indent);
        self.own_lines(&head.before, block.indent);
        self.own_lines(&head.inside, block.indent);
        self.out.push_str(&block.head);
        let is_leaf = block.children.is_empty() && block.tail.is_none();
        let mut head_after = head.after;
        if is_leaf {
            head_after.append(&mut after);
        }
        self.end_line(&head_after, inner);
        let last = block.children.len().saturating_sub(1);
        for (i, (child, mut placed)) in block.children.iter().zip(parts).enumerate() {
            if i == last && block.tail.is_none() && footer.is_empty() {
                placed.after.append(&mut after);
            }
            self.block(child, placed);
        }
        self.own_lines(&footer, inner);
        if let Some(tail) = &block.tail {
            self.out.push_str(tail);
            self.end_line(&after, block.indent);
        } else {
            self.own_lines(&after, block.indent);
        }
    }

    /// Comments on lines of their own.
    pub fn own_lines(&mut self, comments: &[Comment], indent: usize) {
        for c in comments {
            self.out.push_str(&" ".repeat(indent));
            self.out.push_str(&c.text);
            self.out.push('\n');
        }
    }

    /// End the current line, with the first comment after it and the others below.
    fn end_line(&mut self, comments: &[Comment], indent: usize) {
        if let Some((first, rest)) = comments.split_first() {
            self.out.push_str("  ");
            self.out.push_str(&first.text);
            self.out.push('\n');
            self.own_lines(rest, indent);
        } else {
            self.out.push('\n');
        }
    }
}
