//! Items laid out as blocks of lines: the pack header, rules and their clauses,
//! helpers, constants, records, enums, overrides. Expressions inside them are
//! printed by [`super::expr`] and broken by [`super::breaking`].

use super::block::Block;
use super::breaking::{chain, fits};
use super::comments::{trim, Comment};
use super::expr::{spaces, type_expr, ExprPrinter};
use super::strings::plain_string;
use crate::source::Span;
use crate::syntax::ast::*;

/// `/// text` lines at `indent`.
fn docs(doc: &[String], indent: usize) -> String {
    doc.iter()
        .map(|line| {
            let sep = if line.is_empty() { "" } else { " " };
            format!("{}///{sep}{line}\n", spaces(indent))
        })
        .collect()
}

/// `  keyword a, b` when it fits on one line, else one item per line.
fn listed(keyword: &str, items: &[String]) -> String {
    let one_line = format!("  {keyword} {}", items.join(", "));
    if fits(0, &one_line) {
        one_line
    } else {
        format!("  {keyword} {}", items.join(",\n    "))
    }
}

/// Lays the items out as blocks.
pub struct Printer<'s> {
    pub ex: ExprPrinter<'s>,
    pub comments: &'s [Comment],
}

impl Printer<'_> {
    /// The pack header and each item, in order.
    pub fn blocks(&self, file: &File) -> Vec<Block> {
        let pack = file.pack.as_ref().map(|p| self.pack(p));
        pack.into_iter()
            .chain(file.items.iter().map(|item| self.item(item)))
            .collect()
    }

    /// The source range of `span`, without the spaces and comments at its ends.
    fn range(&self, span: Span) -> (usize, usize) {
        let range = (span.start as usize, span.end as usize);
        match self.ex.source {
            Some(text) => trim(text, self.comments, range),
            None => range,
        }
    }

    fn has_comments_in(&self, (start, end): (usize, usize)) -> bool {
        self.comments
            .iter()
            .any(|c| start <= c.start && c.start < end)
    }

    fn string(&self, s: &StrLit, indent: usize) -> String {
        let mut out = String::new();
        self.ex.string(s, indent, &mut out);
        out
    }

    fn pack(&self, pack: &PackDecl) -> Block {
        let mut line = format!(
            "{}pack {} version {}",
            docs(&pack.doc, 0),
            pack.name.text,
            self.string(&pack.version, 0)
        );
        for ext in &pack.extends {
            line.push_str(&format!(
                " extends {} {}",
                ext.pack.text,
                self.string(&ext.requirement, 0)
            ));
        }
        Block::leaf(self.range(pack.span), 0, line)
    }

    fn item(&self, item: &Item) -> Block {
        match item {
            Item::Rule(rule) => self.rule(rule),
            Item::Fn(decl) => self.function(decl),
            Item::Const(decl) => self.constant(decl),
            Item::Record(decl) => self.record(decl),
            Item::Enum(decl) => self.enumeration(decl),
            Item::Format(s) => Block::leaf(
                self.range(s.span),
                0,
                format!("format {}", self.string(s, 0)),
            ),
            Item::Override(decl) => self.override_decl(decl),
            Item::Disable(decl) => self.rule_with_reason("disable", decl),
            Item::Retire(decl) => self.rule_with_reason("retire", decl),
        }
    }

    /// `head {`, the children, `}`; or `head {}` when there is nothing inside.
    fn braced(&self, span: Span, head_end: usize, head: String, children: Vec<Block>) -> Block {
        let range = self.range(span);
        if children.is_empty() && !self.has_comments_in((head_end, range.1)) {
            return Block::leaf(range, 0, format!("{head} {{}}"));
        }
        Block {
            range,
            head_range: (range.0, head_end),
            indent: 0,
            head: format!("{head} {{"),
            children,
            tail: Some("}".to_string()),
        }
    }

    fn rule(&self, rule: &RuleDecl) -> Block {
        let title = rule.title.as_plain().unwrap_or_default();
        let head = format!(
            "{}rule {} {}",
            docs(&rule.doc, 0),
            rule.id.text,
            plain_string(&title)
        );
        let clauses = self.clauses(rule);
        self.braced(rule.span, rule.title.span.end as usize, head, clauses)
    }

    /// `disable ID "reason"` or `retire ID "reason"`, with its doc comment.
    fn rule_with_reason(&self, keyword: &str, decl: &RuleWithReason) -> Block {
        let line = format!(
            "{}{keyword} {} {}",
            docs(&decl.doc, 0),
            decl.rule.text,
            self.string(&decl.reason, 0)
        );
        Block::leaf(self.range(decl.span), 0, line)
    }

    /// A rule's clauses in the fixed order, two spaces in.
    fn clauses(&self, rule: &RuleDecl) -> Vec<Block> {
        let mut out = Vec::new();
        out.extend(self.severity_clause(rule.severity));
        out.extend(self.tags_clause(&rule.tags));
        if let (Some(first), Some(last)) = (rule.needs.first(), rule.needs.last()) {
            let needs: Vec<String> = rule
                .needs
                .iter()
                .map(|n| {
                    let at = match &n.at {
                        Some(at) => format!(" at {}", self.ex.flat(at, false, 2)),
                        None => String::new(),
                    };
                    format!("{}{}{at}", if n.negated { "not " } else { "" }, n.rule.text)
                })
                .collect();
            let line = listed("needs", &needs);
            let end = last.at.as_ref().map_or(last.rule.span, |at| at.span);
            out.push(Block::leaf(self.range(first.rule.span.to(end)), 2, line));
        }
        for param in &rule.params {
            let head = format!("  param {}: {} = ", param.name.text, type_expr(&param.ty));
            out.push(self.param_clause(head, &param.name, &param.value));
        }
        if let Some(block) = self.for_clause(rule) {
            out.push(block);
        }
        if let Some(when) = &rule.when {
            out.push(self.when_clause(when));
        }
        let strings = [
            ("message", &rule.message),
            ("remediation", &rule.remediation),
            ("evidence", &rule.evidence),
            ("crosscheck", &rule.crosscheck),
        ];
        for (keyword, s) in strings {
            if let Some(s) = s {
                let line = format!("  {keyword} {}", self.string(s, 2));
                out.push(Block::leaf(self.range(s.span), 2, line));
            }
        }
        if let (Some(first), Some(last)) = (rule.see.first(), rule.see.last()) {
            let refs: Vec<String> = rule.see.iter().map(|s| self.string(s, 2)).collect();
            let line = listed("see", &refs);
            out.push(Block::leaf(self.range(first.span.to(last.span)), 2, line));
        }
        out
    }

    /// `  severity warning`.
    fn severity_clause(&self, severity: Option<(Severity, Span)>) -> Option<Block> {
        let (severity, span) = severity?;
        let line = format!("  severity {}", severity.as_str());
        Some(Block::leaf(self.range(span), 2, line))
    }

    /// `  tags a, b`, unless there are none.
    fn tags_clause(&self, tags: &[Name]) -> Option<Block> {
        let (first, last) = (tags.first()?, tags.last()?);
        let names: Vec<&str> = tags.iter().map(|t| t.text.as_str()).collect();
        let line = format!("  tags {}", names.join(", "));
        Some(Block::leaf(self.range(first.span.to(last.span)), 2, line))
    }

    /// A rule's `param` or an override's: `head` (up to the `=`), then the value,
    /// broken after it when too long.
    fn param_clause(&self, head: String, name: &Name, value: &Expr) -> Block {
        let line = format!("{head}{}", self.ex.broken(value, 4, head.len(), true));
        Block::leaf(self.range(name.span.to(value.span)), 2, line)
    }

    fn for_clause(&self, rule: &RuleDecl) -> Option<Block> {
        let (first, last) = (rule.bindings.first()?, rule.bindings.last()?);
        let bindings: Vec<String> = rule
            .bindings
            .iter()
            .map(|b| format!("{} in {}", b.name.text, self.ex.flat(&b.source, false, 2)))
            .collect();
        let mut line = format!("  for {}", bindings.join(", "));
        let mut span = first.name.span.to(last.source.span);
        if let Some(filter) = &rule.filter {
            line.push_str(" where ");
            line.push_str(&self.ex.broken(filter, 4, line.chars().count(), true));
            span = span.to(filter.span);
        }
        Some(Block::leaf(self.range(span), 2, line))
    }

    /// `when`: a long `and`/`or` chain, or one with comments inside, is broken
    /// before each operator, each line its own block so comments stay beside it.
    fn when_clause(&self, when: &Expr) -> Block {
        let head = "  when ";
        let flat = self.ex.flat(when, true, 2);
        let whole = self.range(when.span);
        match chain(when) {
            Some((op, operands)) if !fits(head.len(), &flat) || self.has_comments_in(whole) => {
                let lines = self.ex.chain_lines(op, &operands, 4, head.len(), true);
                let mut blocks = operands
                    .iter()
                    .zip(lines)
                    .map(|(operand, line)| Block::leaf(self.range(operand.span), 4, line));
                let Some(first) = blocks.next() else {
                    return Block::leaf(whole, 2, format!("{head}{flat}"));
                };
                Block {
                    range: whole,
                    head_range: first.range,
                    indent: 2,
                    head: format!("{head}{}", first.head),
                    children: blocks.collect(),
                    tail: None,
                }
            }
            _ => {
                let line = format!("{head}{}", self.ex.broken(when, 4, head.len(), true));
                Block::leaf(whole, 2, line)
            }
        }
    }

    fn function(&self, decl: &FnDecl) -> Block {
        let params: Vec<String> = decl
            .params
            .iter()
            .map(|(name, ty)| format!("{}: {}", name.text, type_expr(ty)))
            .collect();
        let sig = format!(
            "fn {}({}) -> {} =",
            decl.name.text,
            params.join(", "),
            type_expr(&decl.ret)
        );
        let body = self.value_after(&sig, &decl.body);
        Block::leaf(
            self.range(decl.span),
            0,
            format!("{}{sig}{body}", docs(&decl.doc, 0)),
        )
    }

    /// ` value` on the line of `sig` when it fits, else broken on the next lines.
    fn value_after(&self, sig: &str, value: &Expr) -> String {
        let flat = self.ex.flat(value, true, 0);
        if fits(sig.chars().count() + 1, &flat) {
            format!(" {flat}")
        } else {
            format!("\n  {}", self.ex.broken(value, 4, 2, true))
        }
    }

    /// A constant; a map of two entries or more, or a list or map that is long or
    /// has comments inside, is written one entry per line.
    fn constant(&self, decl: &ConstDecl) -> Block {
        let sig = format!("const {}: {} =", decl.name.text, type_expr(&decl.ty));
        let doc = docs(&decl.doc, 0);
        let flat = self.ex.flat(&decl.value, true, 0);
        let tall = !fits(sig.chars().count() + 1, &flat)
            || self.has_comments_in(self.range(decl.value.span));
        let entries: Option<(Vec<Block>, &str, &str)> = match &decl.value.kind {
            ExprKind::Map(entries) if !entries.is_empty() && (tall || entries.len() >= 2) => {
                let lines = self.ex.map_entries(entries, 2);
                let blocks = entries
                    .iter()
                    .zip(lines)
                    .map(|((key, value), line)| {
                        Block::leaf(self.range(key.span.to(value.span)), 2, format!("  {line}"))
                    })
                    .collect();
                Some((blocks, "{", "}"))
            }
            ExprKind::List(items) if !items.is_empty() && tall => {
                let blocks = items
                    .iter()
                    .map(|item| {
                        let line = format!("  {},", self.ex.broken(item, 4, 2, true));
                        Block::leaf(self.range(item.span), 2, line)
                    })
                    .collect();
                Some((blocks, "[", "]"))
            }
            _ => None,
        };
        let Some((children, open, close)) = entries else {
            let value = self.value_after(&sig, &decl.value);
            return Block::leaf(self.range(decl.span), 0, format!("{doc}{sig}{value}"));
        };
        Block {
            range: self.range(decl.span),
            head_range: self.range(decl.name.span.to(decl.ty.span)),
            indent: 0,
            head: format!("{doc}{sig} {open}"),
            children,
            tail: Some(close.to_string()),
        }
    }

    fn record(&self, decl: &RecordDecl) -> Block {
        let head = format!(
            "{}{}record {}",
            docs(&decl.doc, 0),
            if decl.extend { "extend " } else { "" },
            decl.name.text
        );
        let fields = decl.fields.iter().map(|f| self.field(f)).collect();
        self.braced(decl.span, decl.name.span.end as usize, head, fields)
    }

    /// `name: type`, and `collect "..."` on a line of its own below.
    fn field(&self, field: &FieldDecl) -> Block {
        let mut text = format!(
            "{}  {}: {}",
            docs(&field.doc, 2),
            field.name.text,
            type_expr(&field.ty)
        );
        let mut span = field.name.span.to(field.ty.span);
        if let Some(collect) = &field.collect {
            text.push_str(&format!("\n    collect {}", self.string(collect, 4)));
            span = span.to(collect.span);
        }
        Block::leaf(self.range(span), 2, text)
    }

    /// `enum Name { a, b }` on one line when it fits, else one value per line.
    fn enumeration(&self, decl: &EnumDecl) -> Block {
        let values: Vec<String> = decl
            .values
            .iter()
            .map(|(name, quoted)| {
                if *quoted {
                    plain_string(&name.text)
                } else {
                    name.text.clone()
                }
            })
            .collect();
        let doc = docs(&decl.doc, 0);
        let one_line = format!("enum {} {{ {} }}", decl.name.text, values.join(", "));
        let name_end = decl.name.span.end as usize;
        let whole = self.range(decl.span);
        if fits(0, &one_line) && !self.has_comments_in((name_end, whole.1)) {
            return Block::leaf(whole, 0, format!("{doc}{one_line}"));
        }
        let children = decl
            .values
            .iter()
            .zip(values)
            .map(|((name, _), value)| Block::leaf(self.range(name.span), 2, format!("  {value},")))
            .collect();
        // The grammar gives an enum one value or more, so `braced` keeps the braces.
        let head = format!("{doc}enum {}", decl.name.text);
        self.braced(decl.span, name_end, head, children)
    }

    fn override_decl(&self, decl: &OverrideDecl) -> Block {
        let head = format!("{}override {}", docs(&decl.doc, 0), decl.rule.text);
        let mut clauses = Vec::new();
        clauses.extend(self.severity_clause(decl.severity));
        clauses.extend(decl.tags.as_deref().and_then(|tags| self.tags_clause(tags)));
        for (name, value) in &decl.params {
            clauses.push(self.param_clause(format!("  param {} = ", name.text), name, value));
        }
        self.braced(decl.span, decl.rule.span.end as usize, head, clauses)
    }
}
