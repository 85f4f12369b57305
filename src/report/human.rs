//! The human report: a tree from tenant and server to each connector, domain and
//! object, with a mark per check, what fired with its remediation, and a summary.
//! Plain text that reads without colour in an 80-column terminal.

use super::{summary_line, Report, ResultEntry};
use std::collections::HashMap;
use std::fmt::Write as _;

/// Options of the human and Markdown layouts.
#[derive(Debug, Clone, Copy, Default)]
pub struct Layout {
    /// Show passed checks too.
    pub verbose: bool,
    /// Name each rule's pack (set when rules come from several packs).
    pub show_pack: bool,
}

/// One node of the tree: the facts a group of results is about.
struct Node<'a> {
    /// `connectors[0].domains[1]`, or "" for the server and tenant.
    path: String,
    title: String,
    results: Vec<&'a ResultEntry>,
}

/// Group results by the deepest fact they are bound to, in order of first use.
/// Nodes are found by path through an index, so grouping is linear in the results.
fn group(report: &Report) -> Vec<Node<'_>> {
    let mut nodes: Vec<Node> = vec![Node {
        path: String::new(),
        title: "Tenant and server".to_string(),
        results: Vec::new(),
    }];
    let mut index: HashMap<String, usize> = HashMap::from([(String::new(), 0)]);
    for r in &report.results {
        let mut parent_titles = Vec::new();
        for b in &r.binding {
            let Some(path) = &b.path else { continue };
            let title = format!("{} {}", b.kind.as_deref().unwrap_or(&b.name), b.label);
            parent_titles.push((path.clone(), title));
        }
        for (path, title) in &parent_titles {
            if !index.contains_key(path) {
                index.insert(path.clone(), nodes.len());
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
        if let Some(node) = index.get(&key).and_then(|&i| nodes.get_mut(i)) {
            node.results.push(r);
        }
    }
    sort_tree(&mut nodes);
    nodes
}

/// Children directly after their parents; siblings in facts order.
fn sort_tree(nodes: &mut [Node]) {
    nodes.sort_by_key(|n| path_key(&n.path));
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

/// The stages an object goes through, in order, by the tag its rules carry.
const STAGES: [(&str, &str); 5] = [
    ("ad", "Active Directory"),
    ("cs", "AD connector space"),
    ("mv", "Metaverse"),
    ("aad", "Azure AD connector space"),
    ("log", "Password sync log"),
];

fn stage_of(r: &ResultEntry) -> Option<usize> {
    STAGES
        .iter()
        .position(|(tag, _)| r.tags.iter().any(|t| t == tag))
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
    let layout = Layout {
        show_pack: layout.show_pack || report.packs.len() > 1,
        ..layout
    };
    for node in group(report) {
        let indent = "  ".repeat(depth(&node.path));
        let _ = writeln!(out, "\n{indent}{}", node.title);
        write_node(&mut out, &indent, &node.results, layout);
    }
    write_undetermined(&mut out, report);
    if !report.disabled.is_empty() {
        let _ = writeln!(out, "\nDisabled by policy");
        for d in &report.disabled {
            let _ = writeln!(out, "  {} {}: {} ({})", d.rule, d.title, d.reason, d.by);
        }
    }
    let _ = writeln!(out, "\nSummary: {}", summary_line(&report.summary));
    out
}

/// The checks of one node; an object's checks under the stage they look at.
fn write_node(out: &mut String, indent: &str, results: &[&ResultEntry], layout: Layout) {
    let staged = results.iter().any(|r| stage_of(r).is_some());
    if !staged {
        write_checks(out, indent, results, layout);
        return;
    }
    let mut other: Vec<&ResultEntry> = Vec::new();
    for (i, (_, title)) in STAGES.iter().enumerate() {
        let in_stage: Vec<&ResultEntry> = results
            .iter()
            .copied()
            .filter(|r| stage_of(r) == Some(i))
            .collect();
        if in_stage.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{indent}  {title}");
        write_checks(out, &format!("{indent}  "), &in_stage, layout);
    }
    other.extend(results.iter().copied().filter(|r| stage_of(r).is_none()));
    if !other.is_empty() {
        let _ = writeln!(out, "{indent}  Other checks");
        write_checks(out, &format!("{indent}  "), &other, layout);
    }
}

fn write_checks(out: &mut String, indent: &str, results: &[&ResultEntry], layout: Layout) {
    let passed = results.iter().filter(|r| r.outcome == "passed").count();
    for r in results
        .iter()
        .filter(|r| layout.verbose || r.outcome != "passed")
    {
        write_result(out, indent, r, layout);
    }
    if !layout.verbose && passed > 0 {
        let _ = writeln!(
            out,
            "{indent}  {} {passed} check{} passed",
            mark("passed"),
            if passed == 1 { "" } else { "s" }
        );
    }
}

/// Undetermined checks are as visible as failures: one list of what to collect.
fn write_undetermined(out: &mut String, report: &Report) {
    let mut facts: Vec<(&str, Option<&str>, Vec<&str>)> = Vec::new();
    // Facts by path, so that the list is linear in the undetermined checks.
    let mut index: HashMap<&str, usize> = HashMap::new();
    for r in report
        .results
        .iter()
        .filter(|r| r.outcome == "undetermined")
    {
        for u in &r.unknown {
            match index.get(u.path.as_str()).and_then(|&i| facts.get_mut(i)) {
                Some((_, _, rules)) => {
                    if !rules.contains(&r.rule.as_str()) {
                        rules.push(&r.rule);
                    }
                }
                None => {
                    index.insert(&u.path, facts.len());
                    facts.push((&u.path, u.collect.as_deref(), vec![&r.rule]));
                }
            }
        }
    }
    if facts.is_empty() {
        return;
    }
    let count = report.summary.undetermined.total();
    let _ = writeln!(
        out,
        "\nUndetermined: {count} check{} could not be decided; collect these facts",
        if count == 1 { "" } else { "s" }
    );
    for (path, hint, rules) in facts {
        let _ = writeln!(out, "  {path} (for {})", rules.join(", "));
        if let Some(hint) = hint {
            write_wrapped(out, "      collect: ", hint);
        }
    }
}

fn write_result(out: &mut String, indent: &str, r: &ResultEntry, layout: Layout) {
    let origin = if layout.show_pack {
        format!(", {}@{}", r.pack, r.pack_version)
    } else {
        String::new()
    };
    let pad = format!("{indent}         ");
    let head = format!("{indent}  {} {} {}", mark(r.outcome), r.rule, r.title);
    let tail = format!("({}{origin})", r.severity.as_str());
    if head.chars().count() + 1 + tail.chars().count() <= 80 {
        let _ = writeln!(out, "{head} {tail}");
    } else {
        let first = format!("{indent}  {} {} ", mark(r.outcome), r.rule);
        wrap_hanging(out, &first, &pad, &format!("{} {tail}", r.title));
    }
    if let Some(m) = &r.message {
        write_wrapped(out, &pad, m);
    }
    if !r.skipped_by.is_empty() {
        let _ = writeln!(out, "{pad}skipped: waits on {}", r.skipped_by.join(", "));
    }
    if !r.unknown.is_empty() {
        let paths: Vec<&str> = r.unknown.iter().map(|u| u.path.as_str()).collect();
        write_wrapped(
            out,
            &pad,
            &format!("could not be determined: unknown {}", paths.join(", ")),
        );
    }
    if let Some(rem) = &r.remediation {
        let _ = writeln!(out, "{pad}what to do:");
        write_remediation(out, &format!("{pad}  "), rem);
    }
    for c in &r.changes {
        let _ = writeln!(out, "{pad}changed: {c}");
    }
}

/// A remediation: prose paragraphs re-wrapped at 80 columns; indented lines
/// (commands and scripts) copied as they are, so they can be pasted.
fn write_remediation(out: &mut String, pad: &str, text: &str) {
    let mut block: Option<Prose> = None;
    for line in text.lines() {
        let indent = line.chars().take_while(|c| c.is_whitespace()).count();
        let continues = match &block {
            Some(b) if b.item => {
                indent > b.indent && !line.trim().is_empty() && !is_list_item(line)
            }
            Some(_) => indent == 0 && !line.trim().is_empty(),
            None => false,
        };
        if continues {
            if let Some(b) = block.as_mut() {
                b.text.push(' ');
                b.text.push_str(line.trim());
            }
            continue;
        }
        if let Some(b) = block.take() {
            b.write(out);
        }
        if line.trim().is_empty() {
            out.push('\n');
        } else if indent == 0 || is_list_item(line) {
            let lead: String = line.chars().take(indent).collect();
            let marker = line.trim_start().find(' ').map_or(0, |i| i + 1);
            block = Some(Prose {
                first: format!("{pad}{lead}"),
                rest: format!(
                    "{pad}{lead}{}",
                    " ".repeat(if indent == 0 { 0 } else { marker })
                ),
                text: line.trim().to_string(),
                indent,
                item: indent > 0,
            });
        } else {
            // Indented lines are commands and scripts: copied as they are.
            let _ = writeln!(out, "{pad}{line}");
        }
    }
    if let Some(b) = block {
        b.write(out);
    }
}

/// A paragraph or list item of a remediation, re-wrapped as one.
struct Prose {
    first: String,
    rest: String,
    text: String,
    indent: usize,
    item: bool,
}

impl Prose {
    fn write(&self, out: &mut String) {
        wrap_hanging(out, &self.first, &self.rest, &self.text);
    }
}

/// An indented numbered or bulleted line of prose (`  2. check ...`, `  - ...`).
fn is_list_item(line: &str) -> bool {
    let text = line.trim_start();
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    (digits > 0
        && text
            .get(digits..)
            .is_some_and(|rest| rest.starts_with(". ")))
        || text.starts_with("- ")
}

/// Wrap prose at 80 columns under the given indent.
fn write_wrapped(out: &mut String, pad: &str, text: &str) {
    for paragraph in text.lines() {
        wrap_hanging(out, pad, pad, paragraph);
    }
}

/// Wrap one paragraph at 80 columns: the first line after `first`, the others
/// after `rest` (a hanging indent for list items).
fn wrap_hanging(out: &mut String, first: &str, rest: &str, text: &str) {
    let mut prefix = first;
    let mut line = String::new();
    for word in text.split_whitespace() {
        let width = 80usize.saturating_sub(prefix.chars().count()).max(30);
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            let _ = writeln!(out, "{prefix}{line}");
            line.clear();
            prefix = rest;
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    let _ = writeln!(out, "{prefix}{line}");
}
