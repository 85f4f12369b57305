//! A unified diff of a file and its formatted text, for `phsrule fmt --check`:
//! the first few changed regions, with context, as `diff -u` would show them.
//! `similar` finds the changes (Myers' algorithm) and groups them with their
//! context; this file only prints them.

use similar::{capture_diff_slices, group_diff_ops, Algorithm, ChangeTag, DiffOp, DiffTag};

/// Changed regions shown per file; the rest are counted.
const MAX_HUNKS: usize = 3;
/// Unchanged lines shown around a change.
const CONTEXT: usize = 2;
/// Beyond this many lines times lines, everything between the common start and
/// end is shown as one change: the search grows with the lines times the changes,
/// and a file whose every line changed (tabs made spaces) is not searched for long.
const MAX_SEARCH: usize = 4_000_000;

/// `--- name` / `+++ name (formatted)` and the first changed regions.
pub fn unified(name: &str, old: &str, new: &str) -> String {
    let old: Vec<&str> = old.lines().collect();
    let new: Vec<&str> = new.lines().collect();
    let mut hunks = group_diff_ops(changes(&old, &new), CONTEXT);
    hunks.retain(|ops| ops.iter().any(|op| op.tag() != DiffTag::Equal));
    let mut out = format!("--- {name}\n+++ {name} (formatted)\n");
    for ops in hunks.iter().take(MAX_HUNKS) {
        out.push_str(&header(ops));
        for op in ops {
            for change in op.iter_changes(&old, &new) {
                out.push(match change.tag() {
                    ChangeTag::Equal => ' ',
                    ChangeTag::Delete => '-',
                    ChangeTag::Insert => '+',
                });
                out.push_str(change.value());
                out.push('\n');
            }
        }
    }
    if hunks.len() > MAX_HUNKS {
        let more = hunks.len() - MAX_HUNKS;
        out.push_str(&format!(
            "... and {more} more changed region{}\n",
            crate::cli::plural(more)
        ));
    }
    out
}

/// The lines kept, removed and added; past `MAX_SEARCH`, everything between the
/// common start and end is one replacement.
fn changes(old: &[&str], new: &[&str]) -> Vec<DiffOp> {
    if old.len().saturating_mul(new.len()) <= MAX_SEARCH {
        return capture_diff_slices(Algorithm::Myers, old, new);
    }
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old
        .iter()
        .rev()
        .zip(new.iter().rev())
        .take(old.len().min(new.len()) - prefix)
        .take_while(|(a, b)| a == b)
        .count();
    let (old_end, new_end) = (old.len() - suffix, new.len() - suffix);
    let ops = [
        DiffOp::Equal {
            old_index: 0,
            new_index: 0,
            len: prefix,
        },
        DiffOp::Replace {
            old_index: prefix,
            old_len: old_end - prefix,
            new_index: prefix,
            new_len: new_end - prefix,
        },
        DiffOp::Equal {
            old_index: old_end,
            new_index: new_end,
            len: suffix,
        },
    ];
    ops.into_iter()
        .filter(|op| !op.old_range().is_empty() || !op.new_range().is_empty())
        .collect()
}

/// `@@ -a,b +c,d @@` for a hunk.
fn header(ops: &[DiffOp]) -> String {
    let (first, last) = match (ops.first(), ops.last()) {
        (Some(first), Some(last)) => (first, last),
        _ => return "@@ -0,0 +0,0 @@\n".to_string(),
    };
    let range = |start: usize, end: usize| match end - start {
        0 => "0,0".to_string(),
        len => format!("{},{len}", start + 1),
    };
    format!(
        "@@ -{} +{} @@\n",
        range(first.old_range().start, last.old_range().end),
        range(first.new_range().start, last.new_range().end)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_the_changed_lines_with_context() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\n";
        let new = "a\nb\nC\nd\ne\nf\ng\nh\ni\n";
        let want = "--- x.phs\n+++ x.phs (formatted)\n@@ -1,5 +1,5 @@\n a\n b\n-c\n+C\n d\n e\n@@ -7,2 +7,3 @@\n g\n h\n+i\n";
        assert_eq!(unified("x.phs", old, new), want);
    }

    #[test]
    fn counts_the_regions_it_does_not_show() {
        let old: String = (0..40).map(|i| format!("{i}\n")).collect();
        let new = old.replace("5\n", "five\n").replace("15\n", "x\n");
        let new = new.replace("25\n", "y\n").replace("35\n", "z\n");
        assert!(unified("x.phs", &old, &new).ends_with("... and 1 more changed region\n"));
    }
}
