//! Expressions, strings and types as text: compact on one line, with parentheses
//! exactly where the Pratt table of `parse.rs` needs them, and the few ways a line
//! that is too long breaks (before `and`/`or`, inside a quantifier in tail position,
//! before method calls, one list or map entry per line).

use super::strings::{block_string, inline_string, map_key};
use crate::source::Span;
use crate::syntax::ast::*;

/// Lines longer than this are broken where the layout allows it.
pub const MAX_WIDTH: usize = 100;

/// How tightly an expression holds together, loosest first; mirrors the Pratt table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Prec {
    Or,
    And,
    Not,
    Compare,
    Sum,
    Product,
    Neg,
    Postfix,
    Atom,
}

fn binary_prec(op: BinaryOp) -> Prec {
    use BinaryOp::*;
    match op {
        Or => Prec::Or,
        And => Prec::And,
        Eq | EqCi | Ne | Lt | Le | Gt | Ge | In | NotIn | Contains | ContainsCi | StartsWith
        | EndsWith => Prec::Compare,
        Add | Sub => Prec::Sum,
        Mul | Div | Rem => Prec::Product,
    }
}

fn prec(e: &Expr) -> Prec {
    match &e.kind {
        ExprKind::Binary(op, ..) => binary_prec(*op),
        ExprKind::Unary(UnaryOp::Not, _) => Prec::Not,
        ExprKind::Unary(UnaryOp::Neg, _) => Prec::Neg,
        ExprKind::Field(..) | ExprKind::Method(..) | ExprKind::Index(..) => Prec::Postfix,
        _ => Prec::Atom,
    }
}

/// Whether an operand of an operator binding as tightly as `own` needs parentheses
/// (`right`: it is the right-hand operand). Beyond what the parser needs, an `if`
/// used as an operand is parenthesised for the reader, as in `docs/language.md`.
fn needs_parens(operand: &Expr, own: Prec, right: bool) -> bool {
    let p = prec(operand);
    p < own || (right && p == own) || matches!(operand.kind, ExprKind::If(..))
}

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

pub fn spaces(n: usize) -> String {
    " ".repeat(n)
}

/// Prints expressions; holds the source text, when there is one, to keep the unit a
/// duration literal was written in (`7d` stays `7d`, not `1w`).
#[derive(Clone, Copy)]
pub struct ExprPrinter<'s> {
    pub source: Option<&'s str>,
}

impl ExprPrinter<'_> {
    /// `e` on one line. `tail`: nothing follows it in the enclosing expression, so a
    /// quantifier or `if` there (whose last part extends as far as it can) needs no
    /// parentheses. `indent`: of the line it starts on, for block strings.
    pub fn flat(&self, e: &Expr, tail: bool, indent: usize) -> String {
        let mut out = String::new();
        self.write(e, tail, indent, &mut out);
        out
    }

    fn write(&self, e: &Expr, tail: bool, indent: usize, out: &mut String) {
        match &e.kind {
            ExprKind::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            ExprKind::Int(n) => out.push_str(&n.to_string()),
            ExprKind::Duration(secs) => out.push_str(&self.duration(*secs, e.span)),
            ExprKind::Version(parts) => {
                let parts: Vec<String> = parts.iter().map(u64::to_string).collect();
                out.push_str(&parts.join("."));
            }
            ExprKind::Str(s) => self.string(s, indent, out),
            ExprKind::Now => out.push_str("now"),
            ExprKind::Name(n) => out.push_str(&n.text),
            ExprKind::Field(base, name) => {
                self.postfix_base(base, indent, out);
                out.push('.');
                out.push_str(&name.text);
            }
            ExprKind::Method(base, name, args) => {
                self.postfix_base(base, indent, out);
                self.method(name, args, indent, out);
            }
            ExprKind::Index(base, key) => {
                self.postfix_base(base, indent, out);
                out.push('[');
                self.write(key, true, indent, out);
                out.push(']');
            }
            ExprKind::Call(name, args) => {
                out.push_str(&name.text);
                self.args(args.iter(), indent, out);
            }
            ExprKind::Unary(UnaryOp::Not, operand) => {
                // `not (a in b)`, not `not a in b`: the parser needs no parentheses
                // there, but a reader does (and docs/language.md writes them).
                let paren =
                    prec(operand) < Prec::Not || matches!(operand.kind, ExprKind::Binary(..));
                out.push_str("not ");
                self.operand(operand, paren, tail, indent, out);
            }
            ExprKind::Unary(UnaryOp::Neg, operand) => {
                out.push('-');
                self.operand(operand, prec(operand) < Prec::Neg, tail, indent, out);
            }
            ExprKind::Binary(op, lhs, rhs) => {
                let own = binary_prec(*op);
                self.operand(lhs, needs_parens(lhs, own, false), false, indent, out);
                out.push(' ');
                out.push_str(op.symbol());
                out.push(' ');
                self.operand(rhs, needs_parens(rhs, own, true), tail, indent, out);
            }
            ExprKind::Quant(..) | ExprKind::If(..) if !tail => {
                out.push('(');
                self.write(e, true, indent, out);
                out.push(')');
            }
            ExprKind::Quant(kind, var, source, cond) => {
                out.push_str(&self.quant_head(*kind, var, source, indent));
                self.write(cond, true, indent, out);
            }
            ExprKind::If(cond, then, other) => {
                out.push_str("if ");
                self.write(cond, false, indent, out);
                out.push_str(" then ");
                self.write(then, false, indent, out);
                out.push_str(" else ");
                self.write(other, true, indent, out);
            }
            ExprKind::List(items) => {
                out.push('[');
                self.comma_separated(items.iter(), indent, out);
                out.push(']');
            }
            ExprKind::Map(entries) => {
                out.push('{');
                for (i, (key, value)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(&map_key(&key.text));
                    out.push_str(": ");
                    self.write(value, true, indent, out);
                }
                out.push('}');
            }
        }
    }

    /// An operand, in parentheses when `paren` says so.
    fn operand(&self, e: &Expr, paren: bool, tail: bool, indent: usize, out: &mut String) {
        if paren {
            out.push('(');
            self.write(e, true, indent, out);
            out.push(')');
        } else {
            self.write(e, tail, indent, out);
        }
    }

    fn postfix_base(&self, base: &Expr, indent: usize, out: &mut String) {
        self.operand(base, prec(base) < Prec::Postfix, false, indent, out);
    }

    /// `any x in SOURCE where `: a quantifier up to its condition. A quantifier or
    /// `if` as the source is parenthesised for the reader, not for the parser.
    fn quant_head(&self, kind: QuantKind, var: &Name, source: &Expr, indent: usize) -> String {
        let mut out = format!("{} {} in ", kind.keyword(), var.text);
        self.write(source, false, indent, &mut out);
        out.push_str(" where ");
        out
    }

    fn method(&self, name: &Name, args: &[Arg], indent: usize, out: &mut String) {
        out.push('.');
        out.push_str(&name.text);
        out.push('(');
        for (i, arg) in args.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            let (param, body) = split_arg(arg);
            out.push_str(&param);
            self.write(body, true, indent, out);
        }
        out.push(')');
    }

    /// `.name(args)` starting at `col` on a line indented by `line`; when too long,
    /// the last argument (a lambda's body, typically) is broken, its continuation
    /// lines four spaces deeper than the line.
    fn method_call(&self, name: &Name, args: &[Arg], line: usize, col: usize) -> String {
        let mut flat = String::new();
        self.method(name, args, line, &mut flat);
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

    fn args<'e>(&self, args: impl Iterator<Item = &'e Expr>, indent: usize, out: &mut String) {
        out.push('(');
        self.comma_separated(args, indent, out);
        out.push(')');
    }

    fn comma_separated<'e>(
        &self,
        items: impl Iterator<Item = &'e Expr>,
        indent: usize,
        out: &mut String,
    ) {
        for (i, item) in items.enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            self.write(item, true, indent, out);
        }
    }

    pub fn string(&self, s: &StrLit, indent: usize, out: &mut String) {
        let interp = |e: &Expr, out: &mut String| self.write(e, true, indent, out);
        if s.block {
            block_string(&s.parts, indent, &interp, out);
        } else {
            inline_string(&s.parts, &interp, out);
        }
    }

    /// A duration as written in the source when it says the same, else in the
    /// largest unit that divides it.
    fn duration(&self, secs: i64, span: Span) -> String {
        let written = self
            .source
            .and_then(|src| src.get(span.start as usize..span.end as usize));
        if let Some(text) = written {
            if duration_value(text) == Some(secs) {
                return text.to_string();
            }
        }
        let units = [("w", 604_800), ("d", 86_400), ("h", 3_600), ("m", 60)];
        let unit = units
            .iter()
            .find(|(_, scale)| secs != 0 && secs % scale == 0);
        match unit {
            Some((name, scale)) => format!("{}{name}", secs / scale),
            None => format!("{secs}s"),
        }
    }

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
        let own = binary_prec(op);
        let mut lines = Vec::new();
        for (i, operand) in operands.iter().enumerate() {
            let (paren, col, prefix) = if i == 0 {
                (needs_parens(operand, own, false), col, String::new())
            } else {
                let prefix = format!("{}{} ", spaces(cont), op.symbol());
                (
                    needs_parens(operand, own, true),
                    prefix.chars().count(),
                    prefix,
                )
            };
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
            match &step.kind {
                ExprKind::Method(_, name, args) => {
                    out.push('\n');
                    out.push_str(&spaces(cont));
                    out.push_str(&self.method_call(name, args, cont, cont));
                }
                _ => self.step(step, line, &mut out),
            }
        }
        out
    }

    /// `text` followed by the postfix `steps` on its last line.
    fn with_steps(&self, mut text: String, steps: &[&Expr], line: usize, col: usize) -> String {
        for step in steps {
            match &step.kind {
                ExprKind::Method(_, name, args) => {
                    let call = self.method_call(name, args, line, end_col(col, &text));
                    text.push_str(&call);
                }
                _ => self.step(step, line, &mut text),
            }
        }
        text
    }

    /// One `.field`, `.method(...)` or `[index]` on one line.
    fn step(&self, step: &Expr, indent: usize, out: &mut String) {
        match &step.kind {
            ExprKind::Field(_, name) => {
                out.push('.');
                out.push_str(&name.text);
            }
            ExprKind::Method(_, name, args) => self.method(name, args, indent, out),
            ExprKind::Index(_, key) => {
                out.push('[');
                self.write(key, true, indent, out);
                out.push(']');
            }
            _ => {}
        }
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
}

/// The innermost operand of a postfix chain and the steps applied to it, in order.
fn postfix_steps(e: &Expr) -> (&Expr, Vec<&Expr>) {
    let mut steps = Vec::new();
    let mut base = e;
    while let ExprKind::Field(inner, _) | ExprKind::Method(inner, ..) | ExprKind::Index(inner, _) =
        &base.kind
    {
        steps.push(base);
        base = inner;
    }
    steps.reverse();
    (base, steps)
}

/// A method argument as the text before its expression (`x => ` for a lambda) and
/// the expression.
fn split_arg(arg: &Arg) -> (String, &Expr) {
    match arg {
        Arg::Expr(e) => (String::new(), e),
        Arg::Lambda(param, body) => (format!("{} => ", param.text), body),
    }
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

/// The seconds a duration literal such as `3h` stands for.
fn duration_value(text: &str) -> Option<i64> {
    let split = text.len().checked_sub(1)?;
    let (digits, unit) = (text.get(..split)?, text.get(split..)?);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let scale = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3_600,
        "d" => 86_400,
        "w" => 604_800,
        _ => return None,
    };
    digits.parse::<i64>().ok()?.checked_mul(scale)
}

/// A type as written: `list<Domain>?`, `map<LogStatus, string>`.
pub fn type_expr(t: &TypeExpr) -> String {
    let base = match &t.kind {
        TypeExprKind::Named(name) => name.text.clone(),
        TypeExprKind::List(elem) => format!("list<{}>", type_expr(elem)),
        TypeExprKind::Map(key, value) => format!("map<{}, {}>", type_expr(key), type_expr(value)),
    };
    if t.optional {
        format!("{base}?")
    } else {
        base
    }
}
