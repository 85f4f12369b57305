//! The documentation's examples run: every ```phs block of docs/*.md validates on
//! top of the builtin pack, and every ```phs-error block is rejected.

use crate::common::phsrule;
use std::path::PathBuf;

/// Code blocks of one language tag in a Markdown file.
pub fn blocks(markdown: &str, tag: &str) -> Vec<String> {
    let fence = format!("```{tag}");
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match &mut current {
            None if line.trim_end() == fence => current = Some(String::new()),
            Some(block) if line.trim_end() == "```" => {
                out.push(std::mem::take(block));
                current = None;
            }
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
            None => {}
        }
    }
    out
}

/// The ```` ```phs-error CODE ```` blocks of a Markdown text: each with the code of
/// the diagnostic it must fail with, written on its fence.
fn error_blocks(markdown: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in markdown.lines() {
        match &mut current {
            None => {
                if let Some(info) = line.trim_end().strip_prefix("```phs-error") {
                    let code = info.trim();
                    assert!(
                        code.starts_with("phs::"),
                        "a phs-error block must name the code it expects: {line}"
                    );
                    current = Some((code.to_string(), String::new()));
                }
            }
            Some(_) if line.trim_end() == "```" => out.extend(current.take()),
            Some((_, block)) => {
                block.push_str(line);
                block.push('\n');
            }
        }
    }
    out
}

fn scratch(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("phsrule-docs-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    path
}

fn doc_files() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "md"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

#[test]
fn documented_examples_validate() {
    let mut checked = 0;
    for doc in doc_files() {
        let text = std::fs::read_to_string(&doc).unwrap_or_default();
        let name = doc
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        for (i, block) in blocks(&text, "phs").iter().enumerate() {
            // A block that starts with `pack` is a header only, or a whole file of a pack.
            let path = scratch(&format!("{name}-{i}.phs"), block);
            let run = phsrule(&["validate", &path.display().to_string()]);
            let header_only = block.trim_start().starts_with("pack ")
                && block.lines().filter(|l| !l.trim().is_empty()).count() == 1;
            if header_only {
                continue;
            }
            assert_eq!(
                run.code,
                0,
                "example {i} of {} does not validate:\n{block}\n{}",
                doc.display(),
                run.stderr
            );
            checked += 1;
        }
        for (i, (code, block)) in error_blocks(&text).iter().enumerate() {
            let path = scratch(&format!("{name}-err-{i}.phs"), block);
            let run = phsrule(&["validate", &path.display().to_string()]);
            assert_eq!(
                run.code,
                2,
                "error example {i} of {} was accepted:\n{block}",
                doc.display()
            );
            let first = run.stderr.lines().next().unwrap_or_default();
            assert_eq!(
                first,
                code,
                "error example {i} of {} fails with another code:\n{}",
                doc.display(),
                run.stderr
            );
            checked += 1;
        }
    }
    assert!(checked >= 5, "expected the docs to hold examples");
}
