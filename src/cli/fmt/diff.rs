//! A unified diff of a file and its formatted text, for `phsrule fmt --check`:
//! the first few changed regions, with context, as `diff -u` would show them.

/// Changed regions shown per file; the rest are counted.
const MAX_HUNKS: usize = 3;
/// Unchanged lines shown around a change.
const CONTEXT: usize = 2;
/// Beyond this many lines times lines, the middle is shown as one change.
const MAX_TABLE: usize = 4_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line {
    Same(usize, usize),
    Removed(usize),
    Added(usize),
}

/// `--- name` / `+++ name (formatted)` and the first changed regions.
pub fn unified(name: &str, old: &str, new: &str) -> String {
    let old: Vec<&str> = old.lines().collect();
    let new: Vec<&str> = new.lines().collect();
    let script = edit_script(&old, &new);
    let hunks = hunks(&script);
    let mut out = format!("--- {name}\n+++ {name} (formatted)\n");
    for &(from, to) in hunks.iter().take(MAX_HUNKS) {
        let lines = script.get(from..to).unwrap_or(&[]);
        out.push_str(&header(lines));
        for line in lines {
            let (mark, text) = match *line {
                Line::Same(i, _) => (' ', old.get(i)),
                Line::Removed(i) => ('-', old.get(i)),
                Line::Added(j) => ('+', new.get(j)),
            };
            out.push(mark);
            out.push_str(text.copied().unwrap_or(""));
            out.push('\n');
        }
    }
    if hunks.len() > MAX_HUNKS {
        let more = hunks.len() - MAX_HUNKS;
        out.push_str(&format!(
            "... and {more} more changed region{}\n",
            if more == 1 { "" } else { "s" }
        ));
    }
    out
}

/// `@@ -a,b +c,d @@` for a hunk.
fn header(lines: &[Line]) -> String {
    let olds: Vec<usize> = lines
        .iter()
        .filter_map(|l| match *l {
            Line::Same(i, _) | Line::Removed(i) => Some(i),
            Line::Added(_) => None,
        })
        .collect();
    let news: Vec<usize> = lines
        .iter()
        .filter_map(|l| match *l {
            Line::Same(_, j) | Line::Added(j) => Some(j),
            Line::Removed(_) => None,
        })
        .collect();
    let range = |v: &[usize]| match v.first() {
        Some(first) => format!("{},{}", first + 1, v.len()),
        None => "0,0".to_string(),
    };
    format!("@@ -{} +{} @@\n", range(&olds), range(&news))
}

/// The `(start, end)` indices into `script` of each changed region with context.
fn hunks(script: &[Line]) -> Vec<(usize, usize)> {
    let mut hunks: Vec<(usize, usize)> = Vec::new();
    for (i, line) in script.iter().enumerate() {
        if matches!(line, Line::Same(..)) {
            continue;
        }
        let from = i.saturating_sub(CONTEXT);
        let to = (i + 1 + CONTEXT).min(script.len());
        match hunks.last_mut() {
            Some(last) if from <= last.1 => last.1 = to,
            _ => hunks.push((from, to)),
        }
    }
    hunks
}

/// The lines of `old` and `new` as kept, removed and added: the longest common
/// subsequence of the lines between the common start and end.
fn edit_script(old: &[&str], new: &[&str]) -> Vec<Line> {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let (old_rest, new_rest) = (
        old.get(prefix..).unwrap_or(&[]),
        new.get(prefix..).unwrap_or(&[]),
    );
    let suffix = old_rest
        .iter()
        .rev()
        .zip(new_rest.iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let a = old_rest.get(..old_rest.len() - suffix).unwrap_or(&[]);
    let b = new_rest.get(..new_rest.len() - suffix).unwrap_or(&[]);
    let mut script: Vec<Line> = (0..prefix).map(|i| Line::Same(i, i)).collect();
    if a.len().saturating_mul(b.len()) <= MAX_TABLE {
        script.extend(common_subsequence(a, b, prefix));
    } else {
        script.extend((0..a.len()).map(|i| Line::Removed(prefix + i)));
        script.extend((0..b.len()).map(|j| Line::Added(prefix + j)));
    }
    let (old_end, new_end) = (prefix + a.len(), prefix + b.len());
    script.extend((0..suffix).map(|k| Line::Same(old_end + k, new_end + k)));
    script
}

fn common_subsequence(a: &[&str], b: &[&str], offset: usize) -> Vec<Line> {
    let width = b.len() + 1;
    // table[i * width + j]: the length of the longest common subsequence of a[i..]
    // and b[j..].
    let mut table = vec![0u32; (a.len() + 1) * width];
    let at = |table: &[u32], i: usize, j: usize| table.get(i * width + j).copied().unwrap_or(0);
    for (i, x) in a.iter().enumerate().rev() {
        for (j, y) in b.iter().enumerate().rev() {
            let len = if x == y {
                at(&table, i + 1, j + 1) + 1
            } else {
                at(&table, i + 1, j).max(at(&table, i, j + 1))
            };
            if let Some(cell) = table.get_mut(i * width + j) {
                *cell = len;
            }
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < a.len() || j < b.len() {
        let same = i < a.len() && a.get(i) == b.get(j);
        if same {
            out.push(Line::Same(offset + i, offset + j));
            (i, j) = (i + 1, j + 1);
        } else if i < a.len() && (j == b.len() || at(&table, i + 1, j) >= at(&table, i, j + 1)) {
            out.push(Line::Removed(offset + i));
            i += 1;
        } else {
            out.push(Line::Added(offset + j));
            j += 1;
        }
    }
    out
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
