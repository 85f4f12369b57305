//! How a line that is too long breaks: before `and`/`or`, inside a quantifier or a
//! lambda that ends the line, around `then` and `else`, before method calls, and one
//! list or map entry per line. Anything else stays on one line, however long.
//!
//! Positions are in characters: `col` is where the expression starts on its line,
//! `cont` the indentation of the lines it continues on.

use super::expr::{needs_parens, postfix_steps, spaces, split_arg, ExprPrinter, Step};
use super::strings::map_key;
use crate::syntax::ast::*;

/// Lines longer than this are broken where the layout allows it.
pub const MAX_WIDTH: usize = 100;

/// The operands of a left-nested chain of one `and` or `or` operator, or `None`.
pub fn chain(e: &Expr) -> Option<(BinaryOp, Vec<&Expr>)> {
    let ExprKind::Binary(op @ (BinaryOp::And | BinaryOp::Or), ..) = &e.kind else {
        return None;
    };
    let mut operands = Vec::new();
    let mut node = e;
    while let ExprKind::Binary(o, lhs, rhs) = &node.kind {
        if o != op {
            break;
        }
        operands.push(&**rhs);
        node = lhs;
    }
    operands.push(node);
    operands.reverse();
    Some((*op, operands))
}

/// Whether `text` fits on a line that already holds `col` characters.
pub fn fits(col: usize, text: &str) -> bool {
    !text.contains('\n') && col + text.chars().count() <= MAX_WIDTH
}

/// The column after writing `text` from `col`.
fn end_col(col: usize, text: &str) -> usize {
    match text.rsplit_once('\n') {
        Some((_, last)) => last.chars().count(),
        None => col + text.chars().count(),
    }
}

/// Whether every line of `text`, the first starting at `col`, fits.
fn all_fit(col: usize, text: &str) -> bool {
    text.split('\n')
        .enumerate()
        .all(|(i, line)| (if i == 0 { col } else { 0 }) + line.chars().count() <= MAX_WIDTH)
}

fn is_quant(e: &Expr) -> bool {
    matches!(e.kind, ExprKind::Quant(..))
}

/// `open`, the entry lines at `indent`, and `close` one level out.
pub fn entry_lines(open: &str, lines: &[String], close: &str, indent: usize) -> String {
    let mut out = open.to_string();
    for line in lines {
        out.push('\n');
        out.push_str(&spaces(indent));
        out.push_str(line);
    }
    out.push('\n');
    out.push_str(&spaces(indent.saturating_sub(2)));
    out.push_str(close);
    out
}

impl ExprPrinter<'_> {
    /// `e`, broken over several lines if it does not fit after `col` characters.
    /// Continuation lines are indented by `cont`; `tail` as in [`Self::flat`].
    pub fn broken(&self, e: &Expr, cont: usize, col: usize, tail: bool) -> String {
        let flat = self.flat(e, tail, cont.saturating_sub(2));
        if fits(col, &flat) {
            return flat;
        }
        if let Some((op, operands)) = chain(e) {
            return self.chain_lines(op, &operands, cont, col, tail).join("\n");
        }
        match &e.kind {
            ExprKind::Unary(UnaryOp::Not, inner) if tail && is_quant(inner) => {
                format!("not {}", self.broken(inner, cont, col + 4, tail))
            }
            ExprKind::Quant(kind, var, source, cond) if tail && chain(cond).is_some() => {
                let head = self.quant_head(*kind, var, source, cont.saturating_sub(2));
                let col = col + head.chars().count();
                format!("{head}{}", self.broken(cond, cont + 2, col, true))
            }
            ExprKind::If(..) if tail => self.if_lines(e, cont, col),
            ExprKind::Method(..) => self.broken_chain_of_calls(e, cont, col),
            ExprKind::List(items) if !items.is_empty() => {
                let lines: Vec<String> = items
                    .iter()
                    .map(|item| format!("{},", self.broken(item, cont + 2, cont, true)))
                    .collect();
                entry_lines("[", &lines, "]", cont)
            }
            ExprKind::Map(entries) if !entries.is_empty() => {
                entry_lines("{", &self.map_entries(entries, cont), "}", cont)
            }
            _ => flat,
        }
    }

    /// A map's entries, one per line at `indent`, each with its comma.
    pub fn map_entries(&self, entries: &[(Name, Expr)], indent: usize) -> Vec<String> {
        entries
            .iter()
            .map(|(key, value)| {
                let key = format!("{}: ", map_key(&key.text));
                let col = indent + key.chars().count();
                format!("{key}{},", self.broken(value, indent + 2, col, true))
            })
            .collect()
    }

    /// The lines of an `and`/`or` chain broken before each operator: the first
    /// operand continues the current line, the others start at `cont`.
    pub fn chain_lines(
        &self,
        op: BinaryOp,
        operands: &[&Expr],
        cont: usize,
        col: usize,
        tail: bool,
    ) -> Vec<String> {
        let own = op.prec();
        let mut lines = Vec::new();
        for (i, operand) in operands.iter().enumerate() {
            let prefix = if i == 0 {
                String::new()
            } else {
                format!("{}{} ", spaces(cont), op.symbol())
            };
            let col = if i == 0 { col } else { prefix.chars().count() };
            let paren = needs_parens(operand, own, i > 0);
            let tail = tail && i + 1 == operands.len();
            let text = if paren {
                format!("({})", self.broken(operand, cont + 2, col + 1, true))
            } else {
                self.broken(operand, cont + 2, col, tail)
            };
            lines.push(format!("{prefix}{text}"));
        }
        lines
    }

    /// A postfix chain with method calls that is too long, in the first of these
    /// layouts whose lines all fit (else the last): on one line, with the last
    /// call's last argument broken; with a list or map it starts from broken one
    /// entry per line (`[ ... ].filter(...)`); one method call per line.
    fn broken_chain_of_calls(&self, e: &Expr, cont: usize, col: usize) -> String {
        let (base, steps) = postfix_steps(e);
        let line = cont.saturating_sub(2);
        let mut base_flat = String::new();
        self.postfix_base(base, line, &mut base_flat);
        let inline = self.with_steps(base_flat.clone(), &steps, line, col);
        if all_fit(col, &inline) {
            return inline;
        }
        if matches!(&base.kind, ExprKind::List(v) if !v.is_empty())
            || matches!(&base.kind, ExprKind::Map(v) if !v.is_empty())
        {
            let literal = self.broken(base, cont, col, false);
            let attached = self.with_steps(literal, &steps, line, col);
            if all_fit(col, &attached) {
                return attached;
            }
        }
        let mut out = base_flat;
        for step in steps {
            match step {
                Step::Method(name, args) => {
                    out.push('\n');
                    out.push_str(&spaces(cont));
                    out.push_str(&self.method_call(name, args, cont, cont));
                }
                Step::Field(_) | Step::Index(_) => self.step(step, line, &mut out),
            }
        }
        out
    }

    /// `text` followed by the postfix `steps` on its last line.
    fn with_steps(&self, mut text: String, steps: &[Step], line: usize, col: usize) -> String {
        for &step in steps {
            match step {
                Step::Method(name, args) => {
                    let call = self.method_call(name, args, line, end_col(col, &text));
                    text.push_str(&call);
                }
                Step::Field(_) | Step::Index(_) => self.step(step, line, &mut text),
            }
        }
        text
    }

    /// `if c` with `then a` and `else b` on lines of their own at `cont`; an `if` in
    /// the `else` branch continues the ladder (`else if ...`).
    fn if_lines(&self, e: &Expr, cont: usize, col: usize) -> String {
        let mut out = String::new();
        let (mut node, mut col) = (e, col);
        while let ExprKind::If(cond, then, other) = &node.kind {
            out.push_str("if ");
            out.push_str(&self.broken(cond, cont + 2, col + 3, false));
            out.push_str(&format!("\n{}then ", spaces(cont)));
            out.push_str(&self.broken(then, cont + 2, cont + 5, false));
            out.push_str(&format!("\n{}else ", spaces(cont)));
            (node, col) = (other, cont + 5);
        }
        out.push_str(&self.broken(node, cont + 2, col, true));
        out
    }

    /// `.name(args)` starting at `col` on a line indented by `line`; when too long,
    /// the last argument (a lambda's body, typically) is broken, its continuation
    /// lines four spaces deeper than the line.
    pub(super) fn method_call(&self, name: &Name, args: &[Arg], line: usize, col: usize) -> String {
        let mut flat = String::new();
        self.step(Step::Method(name, args), line, &mut flat);
        let Some((last, init)) = args.split_last() else {
            return flat;
        };
        if fits(col, &flat) {
            return flat;
        }
        let mut out = format!(".{}(", name.text);
        for arg in init {
            let (param, body) = split_arg(arg);
            out.push_str(&param);
            self.write(body, true, line, &mut out);
            out.push_str(", ");
        }
        let (param, body) = split_arg(last);
        out.push_str(&param);
        let body = self.broken(body, line + 4, end_col(col, &out), true);
        out.push_str(&body);
        out.push(')');
        out
    }
}
