//! The human report: a tree from tenant and server to each connector, domain and
//! object, with a mark per check, what fired with its remediation, and a summary.
//! Plain text that reads without colour in an 80-column terminal.

use super::{summary_line, Report, ResultEntry};
use std::fmt::Write as _;

/// Options of the human and Markdown layouts.
#[derive(Debug, Clone, Copy, Default)]
pub struct Layout {
    /// Show passed checks too.
    pub verbose: bool,
}

/// One node of the tree: the facts a group of results is about.
struct Node<'a> {
    /// `connectors[0].domains[1]`, or "" for the server and tenant.
    path: String,
    title: String,
    results: Vec<&'a ResultEntry>,
}

/// Group results by the deepest fact they are bound to, in order of first use.
fn group(report: &Report) -> Vec<Node<'_>> {
    let mut nodes: Vec<Node> = vec![Node {
        path: String::new(),
        title: "Tenant and server".to_string(),
        results: Vec::new(),
    }];
    for r in &report.results {
        let mut parent_titles = Vec::new();
        for b in &r.binding {
            let Some(path) = &b.path else { continue };
            let title = format!("{} {}", b.kind.as_deref().unwrap_or(&b.name), b.label);
            parent_titles.push((path.clone(), title));
        }
        for (path, title) in &parent_titles {
            if !nodes.iter().any(|n| n.path == *path) {
                nodes.push(Node {
                    path: path.clone(),
                    title: title.clone(),
                    results: Vec::new(),
                });
            }
        }
        let key = parent_titles
            .last()
            .map(|(p, _)| p.clone())
            .unwrap_or_default();
        if let Some(node) = nodes.iter_mut().find(|n| n.path == key) {
            node.results.push(r);
        }
    }
    sort_tree(&mut nodes);
    nodes
}

/// Children directly after their parents; siblings in facts order.
fn sort_tree(nodes: &mut [Node]) {
    nodes.sort_by(|a, b| path_key(&a.path).cmp(&path_key(&b.path)));
}

/// `connectors[10].domains[2]` → [("connectors", 10), ("domains", 2)], so that
/// index 10 sorts after index 9.
fn path_key(path: &str) -> Vec<(String, usize)> {
    path.split('.')
        .filter(|s| !s.is_empty())
        .map(|seg| {
            let (name, index) = seg.split_once('[').unwrap_or((seg, ""));
            let index = index.trim_end_matches(']').parse().unwrap_or(0);
            (name.to_string(), index)
        })
        .collect()
}

fn depth(path: &str) -> usize {
    if path.is_empty() {
        0
    } else {
        path.matches('.').count() + 1
    }
}

pub fn mark(outcome: &str) -> &'static str {
    match outcome {
        "fired" => "[FAIL]",
        "passed" => "[ ok ]",
        "skipped" => "[skip]",
        _ => "[ ?? ]",
    }
}

/// Render one report.
pub fn render_human(report: &Report, layout: Layout) -> String {
    let mut out = String::new();
    let packs: Vec<String> = report
        .packs
        .iter()
        .map(|p| format!("{}@{}", p.name, p.version))
        .collect();
    let _ = writeln!(out, "{}", report.facts);
    let _ = writeln!(
        out,
        "  as of {}; rules from {}",
        report.now,
        packs.join(", ")
    );
    for node in group(report) {
        let shown: Vec<&&ResultEntry> = node
            .results
            .iter()
            .filter(|r| layout.verbose || r.outcome != "passed")
            .collect();
        let indent = "  ".repeat(depth(&node.path));
        let _ = writeln!(out, "\n{indent}{}", node.title);
        if shown.is_empty() {
            let passed = node.results.len();
            let _ = writeln!(
                out,
                "{indent}  {} all {passed} check{} passed",
                mark("passed"),
                if passed == 1 { "" } else { "s" }
            );
            continue;
        }
        for r in shown {
            write_result(&mut out, &indent, r);
        }
    }
    if !report.disabled.is_empty() {
        let _ = writeln!(out, "\nDisabled by policy");
        for d in &report.disabled {
            let _ = writeln!(out, "  {} {}: {} ({})", d.rule, d.title, d.reason, d.by);
        }
    }
    let _ = writeln!(out, "\nSummary: {}", summary_line(&report.summary));
    out
}

fn write_result(out: &mut String, indent: &str, r: &ResultEntry) {
    let _ = writeln!(
        out,
        "{indent}  {} {} {} ({})",
        mark(r.outcome),
        r.rule,
        r.title,
        r.severity.as_str()
    );
    let pad = format!("{indent}         ");
    if let Some(m) = &r.message {
        write_wrapped(out, &pad, m);
    }
    if !r.skipped_by.is_empty() {
        let _ = writeln!(out, "{pad}skipped: waits on {}", r.skipped_by.join(", "));
    }
    if !r.unknown.is_empty() {
        let _ = writeln!(out, "{pad}could not be determined; collect:");
    }
    for u in &r.unknown {
        match &u.collect {
            Some(hint) => {
                let _ = writeln!(out, "{pad}  {}: {hint}", u.path);
            }
            None => {
                let _ = writeln!(out, "{pad}  {}", u.path);
            }
        }
    }
    if let Some(rem) = &r.remediation {
        let _ = writeln!(out, "{pad}what to do:");
        for line in rem.lines() {
            if line.trim().is_empty() {
                out.push('\n');
            } else {
                let _ = writeln!(out, "{pad}  {line}");
            }
        }
    }
    for c in &r.changes {
        let _ = writeln!(out, "{pad}changed: {c}");
    }
}

/// Wrap prose at 80 columns under the given indent.
fn write_wrapped(out: &mut String, pad: &str, text: &str) {
    let width = 80usize.saturating_sub(pad.len()).max(30);
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty() && line.len() + 1 + word.len() > width {
                let _ = writeln!(out, "{pad}{line}");
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        let _ = writeln!(out, "{pad}{line}");
    }
}
