//! Lowering pest's pairs into the syntax tree, and the limits checked before it.

use super::ast::*;
use super::expected::describe;
use super::ops::{self, Prec, POSTFIX};
use super::{PhsParser, Rule};
use crate::diag::Diagnostic;
use crate::limits;
use crate::source::{FileId, Span};
use pest::iterators::{Pair, Pairs};
use pest::pratt_parser::{Assoc, Op, PrattParser};
use pest::Parser as _;
use std::sync::OnceLock;

type Result<T> = std::result::Result<T, Diagnostic>;

/// Parse one `.phs` file into its syntax tree.
pub fn parse_file(file: FileId, text: &str) -> Result<File> {
    check_text_limits(file, text)?;
    let mut pairs = PhsParser::parse(Rule::file, text).map_err(|e| parse_error(file, text, &e))?;
    let Some(root) = pairs.next() else {
        return Ok(File {
            pack: None,
            items: Vec::new(),
        });
    };
    Lowering { file }.file(root)
}

/// Reject what would make parsing or later recursion unsafe: NUL bytes and nesting
/// deeper than [`limits::MAX_NESTING`].
fn check_text_limits(file: FileId, text: &str) -> Result<()> {
    if text.len() > limits::MAX_RULE_FILE_BYTES {
        return Err(Diagnostic::error(
            "phs::limit::rule-file-size",
            format!(
                "the rule file is {} bytes, more than the limit of {} bytes",
                text.len(),
                limits::MAX_RULE_FILE_BYTES
            ),
        )
        .help("split the rules over several files in a folder and pass the folder"));
    }
    if let Some(pos) = text.find('\0') {
        return Err(
            Diagnostic::error("phs::syntax::nul", "the rule file contains a NUL byte")
                .label(Span::new(file, pos, pos + 1), "NUL byte here")
                .help("a `.phs` file is UTF-8 text; check that this is the file you meant"),
        );
    }
    if let Some(pos) = super::nesting::too_deep_at(text) {
        return Err(Diagnostic::error(
            "phs::limit::nesting",
            format!("brackets are nested more than {} deep", limits::MAX_NESTING),
        )
        .label(Span::new(file, pos, pos + 1), "too deep here")
        .help("split the expression into helpers (`fn`) or constants"));
    }
    Ok(())
}

fn parse_error(file: FileId, text: &str, err: &pest::error::Error<Rule>) -> Diagnostic {
    use pest::error::{ErrorVariant, InputLocation};
    let (start, end) = match err.location {
        InputLocation::Pos(p) => (p, p),
        InputLocation::Span((s, e)) => (s, e),
    };
    let found = describe_found(text, start);
    let end = if end > start {
        end
    } else {
        start + found_len(text, start)
    };
    let (message, label) = match &err.variant {
        ErrorVariant::ParsingError { positives, .. } => {
            let mut words: Vec<&str> = positives.iter().filter_map(|r| describe(*r)).collect();
            words.sort_unstable();
            words.dedup();
            if words.contains(&"an expression") {
                // What can start an expression is one thing to the reader.
                words.retain(|w| !matches!(*w, "`not`" | "a name" | "a string in double quotes"));
            }
            let expected = join_or(&words);
            if expected.is_empty() {
                (
                    format!("unexpected {found}"),
                    "not expected here".to_string(),
                )
            } else {
                (
                    format!("expected {expected}, found {found}"),
                    format!("expected {expected}"),
                )
            }
        }
        ErrorVariant::CustomError { message } => (message.clone(), String::new()),
    };
    Diagnostic::error("phs::syntax", message)
        .label(Span::new(file, start, end), label)
        .help("see docs/language.md for the syntax of rules, helpers and packs")
}

fn describe_found(text: &str, pos: usize) -> String {
    match text
        .get(pos..)
        .and_then(|rest| rest.split_whitespace().next())
    {
        None => "the end of the file".to_string(),
        Some(word) => {
            let word: String = word.chars().take(24).collect();
            format!("`{word}`")
        }
    }
}

fn found_len(text: &str, pos: usize) -> usize {
    text.get(pos..)
        .and_then(|rest| rest.chars().next())
        .map_or(0, char::len_utf8)
}

fn join_or(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// The Pratt table, built from the operator table of `ops.rs`: one level per
/// [`Prec`], loosest first, each holding the operators of that precedence.
fn pratt() -> &'static PrattParser<Rule> {
    static PRATT: OnceLock<PrattParser<Rule>> = OnceLock::new();
    PRATT.get_or_init(|| {
        Prec::LEVELS
            .into_iter()
            .filter_map(level)
            .fold(PrattParser::new(), PrattParser::op)
    })
}

/// The operators of one precedence level, as pest's Pratt parser takes them.
fn level(prec: Prec) -> Option<Op<Rule>> {
    let infix = BinaryOp::ALL
        .into_iter()
        .map(BinaryOp::syntax)
        .filter(|s| s.prec == prec)
        .map(|s| Op::infix(s.rule, assoc(s.assoc)));
    let prefix = UnaryOp::ALL
        .into_iter()
        .map(UnaryOp::syntax)
        .filter(|s| s.prec == prec)
        .map(|s| Op::prefix(s.rule));
    let postfix = POSTFIX
        .into_iter()
        .filter(|_| prec == Prec::Postfix)
        .map(Op::postfix);
    infix.chain(prefix).chain(postfix).reduce(|a, b| a | b)
}

fn assoc(assoc: ops::Assoc) -> Assoc {
    match assoc {
        ops::Assoc::Left => Assoc::Left,
    }
}

struct Lowering {
    file: FileId,
}

impl Lowering {
    fn span(&self, pair: &Pair<Rule>) -> Span {
        let s = pair.as_span();
        Span::new(self.file, s.start(), s.end())
    }

    fn name(&self, pair: &Pair<Rule>) -> Name {
        Name {
            text: pair.as_str().to_string(),
            span: self.span(pair),
        }
    }

    fn file(&self, root: Pair<Rule>) -> Result<File> {
        let mut file = File {
            pack: None,
            items: Vec::new(),
        };
        for pair in root.into_inner() {
            match pair.as_rule() {
                Rule::pack_decl => file.pack = Some(self.pack(pair)?),
                Rule::EOI => {}
                _ => file.items.push(self.item(pair)?),
            }
        }
        Ok(file)
    }

    fn docs(&self, pairs: &mut std::iter::Peekable<Pairs<Rule>>) -> Vec<String> {
        let mut docs = Vec::new();
        while let Some(pair) = pairs.next_if(|p| p.as_rule() == Rule::doc_comment) {
            let text = pair.into_inner().next().map_or("", |t| t.as_str());
            docs.push(
                text.strip_prefix(' ')
                    .unwrap_or(text)
                    .trim_end()
                    .to_string(),
            );
        }
        docs
    }

    fn pack(&self, pair: Pair<Rule>) -> Result<PackDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().peekable();
        let doc = self.docs(&mut inner);
        let mut pack = PackDecl {
            doc,
            name: Name {
                text: String::new(),
                span,
            },
            version: StrLit {
                parts: Vec::new(),
                block: false,
                span,
            },
            extends: Vec::new(),
            span,
        };
        for p in inner {
            match p.as_rule() {
                Rule::pack_name => pack.name = self.name(&p),
                Rule::string => pack.version = self.string(p)?,
                Rule::extends_clause => {
                    let mut it = p.into_inner().filter(|p| p.as_rule() != Rule::kw_extends);
                    let (Some(name), Some(req)) = (it.next(), it.next()) else {
                        continue;
                    };
                    pack.extends.push(Extends {
                        pack: self.name(&name),
                        requirement: self.string(req)?,
                    });
                }
                _ => {}
            }
        }
        Ok(pack)
    }

    fn item(&self, pair: Pair<Rule>) -> Result<Item> {
        Ok(match pair.as_rule() {
            Rule::rule_decl => Item::Rule(self.rule(pair)?),
            Rule::fn_decl => Item::Fn(self.function(pair)?),
            Rule::const_decl => Item::Const(self.constant(pair)?),
            Rule::record_decl => Item::Record(self.record(pair)?),
            Rule::enum_decl => Item::Enum(self.enumeration(pair)?),
            Rule::format_decl => {
                let s = pair.into_inner().find(|p| p.as_rule() == Rule::string);
                match s {
                    Some(s) => Item::Format(self.string(s)?),
                    None => return Err(self.internal("format without a string")),
                }
            }
            Rule::override_decl => Item::Override(self.override_decl(pair)?),
            Rule::disable_decl => Item::Disable(self.disable(pair)?),
            Rule::retire_decl => {
                let d = self.disable(pair)?;
                Item::Retire(RetireDecl {
                    doc: d.doc,
                    rule: d.rule,
                    reason: d.reason,
                    span: d.span,
                })
            }
            other => return Err(self.internal(&format!("unexpected item {other:?}"))),
        })
    }

    fn internal(&self, what: &str) -> Diagnostic {
        Diagnostic::error(
            "phs::internal",
            format!("internal error in the parser: {what}"),
        )
        .help("this is a bug in phsrule; please report it with the rule file")
    }

    fn rule(&self, pair: Pair<Rule>) -> Result<RuleDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().peekable();
        let doc = self.docs(&mut inner);
        inner.next(); // `rule`
        let id = inner
            .next()
            .map(|p| self.name(&p))
            .ok_or_else(|| self.internal("rule without id"))?;
        let title = match inner.next() {
            Some(p) => self.plain_string(p),
            None => return Err(self.internal("rule without title")),
        };
        let mut rule = RuleDecl {
            doc,
            id,
            title,
            severity: None,
            tags: Vec::new(),
            needs: Vec::new(),
            params: Vec::new(),
            bindings: Vec::new(),
            filter: None,
            when: None,
            message: None,
            remediation: None,
            evidence: None,
            crosscheck: None,
            see: Vec::new(),
            span,
        };
        let mut seen: Vec<(Rule, Span)> = Vec::new();
        for clause in inner {
            let kind = clause.as_rule();
            let clause_span = clause
                .clone()
                .into_inner()
                .next()
                .map_or_else(|| self.span(&clause), |kw| self.span(&kw));
            if kind != Rule::param_clause {
                if let Some((_, first)) = seen.iter().find(|(k, _)| *k == kind) {
                    let keyword = clause.as_str().split_whitespace().next().unwrap_or("");
                    return Err(Diagnostic::error(
                        "phs::syntax::duplicate-clause",
                        format!(
                            "rule `{}` has more than one `{keyword}` clause",
                            rule.id.text
                        ),
                    )
                    .label(clause_span, "second clause here")
                    .label(*first, "first clause here")
                    .help("merge the two clauses into one"));
                }
                seen.push((kind, clause_span));
            }
            self.clause(&mut rule, clause)?;
        }
        Ok(rule)
    }

    fn clause(&self, rule: &mut RuleDecl, clause: Pair<Rule>) -> Result<()> {
        let kind = clause.as_rule();
        let mut inner = clause.into_inner();
        inner.next(); // the clause keyword
        match kind {
            Rule::severity_clause => rule.severity = inner.next().map(|p| self.severity(&p)),
            Rule::tags_clause => rule.tags = inner.map(|p| self.name(&p)).collect(),
            Rule::needs_clause => {
                for need in inner {
                    let mut parts = need.into_inner();
                    let (negated, id) = match parts.next() {
                        Some(p) if p.as_rule() == Rule::negation => (true, parts.next()),
                        other => (false, other),
                    };
                    let at = match parts.next() {
                        Some(at) => {
                            let expr = at.into_inner().find(|p| p.as_rule() == Rule::expr);
                            Some(self.expr(
                                expr.ok_or_else(|| self.internal("`at` without expression"))?,
                            )?)
                        }
                        None => None,
                    };
                    if let Some(id) = id {
                        rule.needs.push(Need {
                            negated,
                            rule: self.name(&id),
                            at,
                        });
                    }
                }
            }
            Rule::param_clause => {
                let (Some(name), Some(ty), Some(value)) =
                    (inner.next(), inner.next(), inner.next())
                else {
                    return Err(self.internal("incomplete param"));
                };
                rule.params.push(ParamDecl {
                    name: self.name(&name),
                    ty: self.type_expr(ty)?,
                    value: self.expr(value)?,
                });
            }
            Rule::for_clause => {
                for p in inner {
                    match p.as_rule() {
                        Rule::binding => {
                            let mut b = p.into_inner().filter(|p| p.as_rule() != Rule::kw_in);
                            let (Some(name), Some(source)) = (b.next(), b.next()) else {
                                return Err(self.internal("incomplete binding"));
                            };
                            rule.bindings.push(Binding {
                                name: self.name(&name),
                                source: self.expr(source)?,
                            });
                        }
                        Rule::expr => rule.filter = Some(self.expr(p)?),
                        _ => {}
                    }
                }
            }
            Rule::when_clause => {
                if let Some(p) = inner.next() {
                    rule.when = Some(self.expr(p)?);
                }
            }
            Rule::message_clause
            | Rule::remediation_clause
            | Rule::evidence_clause
            | Rule::crosscheck_clause => {
                let text = match kind {
                    Rule::message_clause => &mut rule.message,
                    Rule::remediation_clause => &mut rule.remediation,
                    Rule::evidence_clause => &mut rule.evidence,
                    _ => &mut rule.crosscheck,
                };
                if let Some(p) = inner.next() {
                    *text = Some(self.string(p)?);
                }
            }
            Rule::see_clause => {
                for p in inner {
                    rule.see.push(self.string(p)?);
                }
            }
            other => return Err(self.internal(&format!("unexpected clause {other:?}"))),
        }
        Ok(())
    }

    /// A string without interpolation (`string_plain`).
    fn plain_string(&self, pair: Pair<Rule>) -> StrLit {
        let span = self.span(&pair);
        let text = pair
            .into_inner()
            .next()
            .map_or("", |t| t.as_str())
            .to_string();
        StrLit {
            parts: vec![StrPart::Text(text)],
            block: false,
            span,
        }
    }

    fn severity(&self, pair: &Pair<Rule>) -> (Severity, Span) {
        let sev = match pair.as_str() {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            _ => Severity::Info,
        };
        (sev, self.span(pair))
    }

    fn function(&self, pair: Pair<Rule>) -> Result<FnDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().peekable();
        let doc = self.docs(&mut inner);
        inner.next(); // `fn`
        let name = inner
            .next()
            .map(|p| self.name(&p))
            .ok_or_else(|| self.internal("fn without name"))?;
        let mut params = Vec::new();
        let mut rest = Vec::new();
        for p in inner {
            if p.as_rule() == Rule::fn_param {
                let mut it = p.into_inner();
                let (Some(n), Some(t)) = (it.next(), it.next()) else {
                    return Err(self.internal("incomplete fn parameter"));
                };
                params.push((self.name(&n), self.type_expr(t)?));
            } else {
                rest.push(p);
            }
        }
        let mut rest = rest.into_iter();
        let (Some(ret), Some(body)) = (rest.next(), rest.next()) else {
            return Err(self.internal("fn without type or body"));
        };
        Ok(FnDecl {
            doc,
            name,
            params,
            ret: self.type_expr(ret)?,
            body: self.expr(body)?,
            span,
        })
    }

    fn constant(&self, pair: Pair<Rule>) -> Result<ConstDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().peekable();
        let doc = self.docs(&mut inner);
        inner.next(); // `const`
        let (Some(name), Some(ty), Some(value)) = (inner.next(), inner.next(), inner.next()) else {
            return Err(self.internal("incomplete const"));
        };
        Ok(ConstDecl {
            doc,
            name: self.name(&name),
            ty: self.type_expr(ty)?,
            value: self.expr(value)?,
            span,
        })
    }

    fn record(&self, pair: Pair<Rule>) -> Result<RecordDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().peekable();
        let doc = self.docs(&mut inner);
        let extend = inner
            .next_if(|p| p.as_rule() == Rule::extend_marker)
            .is_some();
        inner.next(); // `record`
        let name = inner
            .next()
            .map(|p| self.name(&p))
            .ok_or_else(|| self.internal("record without name"))?;
        let mut fields = Vec::new();
        for field in inner {
            let mut parts = field.into_inner().peekable();
            let doc = self.docs(&mut parts);
            let (Some(fname), Some(ty)) = (parts.next(), parts.next()) else {
                return Err(self.internal("incomplete field"));
            };
            let collect = match parts.find(|p| p.as_rule() == Rule::string) {
                Some(s) => Some(self.string(s)?),
                None => None,
            };
            fields.push(FieldDecl {
                doc,
                name: self.name(&fname),
                ty: self.type_expr(ty)?,
                collect,
            });
        }
        Ok(RecordDecl {
            doc,
            extend,
            name,
            fields,
            span,
        })
    }

    fn enumeration(&self, pair: Pair<Rule>) -> Result<EnumDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().peekable();
        let doc = self.docs(&mut inner);
        inner.next(); // `enum`
        let name = inner
            .next()
            .map(|p| self.name(&p))
            .ok_or_else(|| self.internal("enum without name"))?;
        let mut values = Vec::new();
        for v in inner {
            let Some(p) = v.into_inner().next() else {
                continue;
            };
            if p.as_rule() == Rule::string_plain {
                let span = self.span(&p);
                let text = p.into_inner().next().map_or("", |t| t.as_str()).to_string();
                values.push((Name { text, span }, true));
            } else {
                values.push((self.name(&p), false));
            }
        }
        Ok(EnumDecl {
            doc,
            name,
            values,
            span,
        })
    }

    fn override_decl(&self, pair: Pair<Rule>) -> Result<OverrideDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().peekable();
        let doc = self.docs(&mut inner);
        inner.next(); // `override`
        let rule = inner
            .next()
            .map(|p| self.name(&p))
            .ok_or_else(|| self.internal("override without rule"))?;
        let mut decl = OverrideDecl {
            doc,
            rule,
            severity: None,
            tags: None,
            params: Vec::new(),
            span,
        };
        for clause in inner {
            let kind = clause.as_rule();
            let mut parts = clause.into_inner();
            parts.next(); // keyword
            match kind {
                Rule::severity_clause => decl.severity = parts.next().map(|p| self.severity(&p)),
                Rule::tags_clause => decl.tags = Some(parts.map(|p| self.name(&p)).collect()),
                Rule::param_set => {
                    let (Some(n), Some(v)) = (parts.next(), parts.next()) else {
                        return Err(self.internal("incomplete param override"));
                    };
                    decl.params.push((self.name(&n), self.expr(v)?));
                }
                _ => {}
            }
        }
        Ok(decl)
    }

    fn disable(&self, pair: Pair<Rule>) -> Result<DisableDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().peekable();
        let doc = self.docs(&mut inner);
        inner.next(); // `disable` or `retire`
        let (Some(rule), Some(reason)) = (inner.next(), inner.next()) else {
            return Err(self.internal("incomplete disable"));
        };
        Ok(DisableDecl {
            doc,
            rule: self.name(&rule),
            reason: self.string(reason)?,
            span,
        })
    }

    fn type_expr(&self, pair: Pair<Rule>) -> Result<TypeExpr> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let Some(head) = inner.next() else {
            return Err(self.internal("empty type"));
        };
        let optional = inner.next().is_some();
        let kind = match head.as_rule() {
            Rule::list_type => {
                let elem = head
                    .into_inner()
                    .next()
                    .ok_or_else(|| self.internal("list without element type"))?;
                TypeExprKind::List(Box::new(self.type_expr(elem)?))
            }
            Rule::map_type => {
                let mut it = head.into_inner();
                let (Some(k), Some(v)) = (it.next(), it.next()) else {
                    return Err(self.internal("map without types"));
                };
                TypeExprKind::Map(Box::new(self.type_expr(k)?), Box::new(self.type_expr(v)?))
            }
            _ => TypeExprKind::Named(self.name(&head)),
        };
        Ok(TypeExpr {
            kind,
            optional,
            span,
        })
    }

    fn string(&self, pair: Pair<Rule>) -> Result<StrLit> {
        let span = self.span(&pair);
        let block = pair.as_rule() == Rule::block_string;
        let mut parts: Vec<StrPart> = Vec::new();
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::interpolation => {
                    let e = p
                        .into_inner()
                        .next()
                        .ok_or_else(|| self.internal("empty interpolation"))?;
                    parts.push(StrPart::Interp(self.expr(e)?));
                }
                Rule::escape => push_text(&mut parts, unescape(p.as_str())),
                _ => push_text(&mut parts, p.as_str()),
            }
        }
        if block {
            dedent(&mut parts);
        }
        Ok(StrLit { parts, block, span })
    }

    fn expr(&self, pair: Pair<Rule>) -> Result<Expr> {
        let ops = pair
            .clone()
            .into_inner()
            .flatten()
            .filter(|p| is_operator(p.as_rule()))
            .count();
        if ops > limits::MAX_EXPR_OPERATORS {
            return Err(Diagnostic::error(
                "phs::limit::expression",
                format!(
                    "the expression has {ops} operators, more than the limit of {}",
                    limits::MAX_EXPR_OPERATORS
                ),
            )
            .label(self.span(&pair), "this expression")
            .help("split it into helpers (`fn`) or several rules"));
        }
        self.pratt_expr(pair.into_inner())
    }

    fn pratt_expr(&self, pairs: Pairs<Rule>) -> Result<Expr> {
        pratt()
            .map_primary(|p| self.primary(p))
            .map_prefix(|op, rhs| {
                let rhs = rhs?;
                let span = self.span(&op).to(rhs.span);
                let op = UnaryOp::from_rule(op.as_rule())
                    .ok_or_else(|| self.internal("unknown prefix operator"))?;
                Ok(Expr {
                    kind: ExprKind::Unary(op, Box::new(rhs)),
                    span,
                })
            })
            .map_postfix(|lhs, op| self.postfix(lhs?, op))
            .map_infix(|lhs, op, rhs| {
                let (lhs, rhs) = (lhs?, rhs?);
                let span = lhs.span.to(rhs.span);
                let op = BinaryOp::from_rule(op.as_rule())
                    .ok_or_else(|| self.internal("unknown infix operator"))?;
                Ok(Expr {
                    kind: ExprKind::Binary(op, Box::new(lhs), Box::new(rhs)),
                    span,
                })
            })
            .parse(pairs)
    }

    fn postfix(&self, lhs: Expr, op: Pair<Rule>) -> Result<Expr> {
        let span = lhs.span.to(self.span(&op));
        let kind = match op.as_rule() {
            Rule::field_access => {
                let name = op
                    .into_inner()
                    .next()
                    .map(|p| self.name(&p))
                    .ok_or_else(|| self.internal("field without name"))?;
                ExprKind::Field(Box::new(lhs), name)
            }
            Rule::method_call => {
                let mut it = op.into_inner();
                let name = it
                    .next()
                    .map(|p| self.name(&p))
                    .ok_or_else(|| self.internal("method without name"))?;
                let mut args = Vec::new();
                for a in it {
                    if a.as_rule() == Rule::lambda {
                        let mut l = a.into_inner();
                        let (Some(param), Some(body)) = (l.next(), l.next()) else {
                            return Err(self.internal("incomplete lambda"));
                        };
                        args.push(Arg::Lambda(self.name(&param), self.expr(body)?));
                    } else {
                        args.push(Arg::Expr(self.expr(a)?));
                    }
                }
                ExprKind::Method(Box::new(lhs), name, args)
            }
            Rule::index => {
                let key = op
                    .into_inner()
                    .next()
                    .ok_or_else(|| self.internal("empty index"))?;
                ExprKind::Index(Box::new(lhs), Box::new(self.expr(key)?))
            }
            other => return Err(self.internal(&format!("unexpected postfix {other:?}"))),
        };
        Ok(Expr { kind, span })
    }

    fn primary(&self, pair: Pair<Rule>) -> Result<Expr> {
        let span = self.span(&pair);
        let kind = match pair.as_rule() {
            Rule::expr => return self.expr(pair),
            Rule::boolean => ExprKind::Bool(pair.as_str() == "true"),
            Rule::int_lit => ExprKind::Int(self.int(&pair)?),
            Rule::duration_lit => ExprKind::Duration(self.duration(&pair)?),
            Rule::version_lit => {
                let parts: Option<Vec<u64>> =
                    pair.as_str().split('.').map(|p| p.parse().ok()).collect();
                ExprKind::Version(parts.ok_or_else(|| self.number_too_big(span))?)
            }
            Rule::string | Rule::block_string => ExprKind::Str(self.string(pair)?),
            Rule::now => ExprKind::Now,
            Rule::ident => ExprKind::Name(self.name(&pair)),
            Rule::call => {
                let mut it = pair.into_inner();
                let name = it
                    .next()
                    .map(|p| self.name(&p))
                    .ok_or_else(|| self.internal("call without name"))?;
                let args = it.map(|a| self.expr(a)).collect::<Result<Vec<_>>>()?;
                ExprKind::Call(name, args)
            }
            Rule::list_lit => ExprKind::List(
                pair.into_inner()
                    .map(|p| self.expr(p))
                    .collect::<Result<Vec<_>>>()?,
            ),
            Rule::map_lit => {
                let mut entries = Vec::new();
                for entry in pair.into_inner() {
                    let mut it = entry.into_inner();
                    let (Some(k), Some(v)) = (it.next(), it.next()) else {
                        return Err(self.internal("incomplete map entry"));
                    };
                    let key = if k.as_rule() == Rule::string_plain {
                        let span = self.span(&k);
                        let text = k.into_inner().next().map_or("", |t| t.as_str()).to_string();
                        Name { text, span }
                    } else {
                        self.name(&k)
                    };
                    entries.push((key, self.expr(v)?));
                }
                ExprKind::Map(entries)
            }
            Rule::quantifier => {
                let mut it = pair
                    .into_inner()
                    .filter(|p| !matches!(p.as_rule(), Rule::kw_in | Rule::kw_where));
                let (Some(kind), Some(var), Some(source), Some(cond)) =
                    (it.next(), it.next(), it.next(), it.next())
                else {
                    return Err(self.internal("incomplete quantifier"));
                };
                let kind = match kind.as_str() {
                    "any" => QuantKind::Any,
                    "all" => QuantKind::All,
                    "none" => QuantKind::None,
                    _ => QuantKind::Count,
                };
                ExprKind::Quant(
                    kind,
                    self.name(&var),
                    Box::new(self.expr(source)?),
                    Box::new(self.expr(cond)?),
                )
            }
            Rule::if_expr => {
                let mut it = pair.into_inner().filter(|p| p.as_rule() == Rule::expr);
                let (Some(c), Some(t), Some(e)) = (it.next(), it.next(), it.next()) else {
                    return Err(self.internal("incomplete if"));
                };
                ExprKind::If(
                    Box::new(self.expr(c)?),
                    Box::new(self.expr(t)?),
                    Box::new(self.expr(e)?),
                )
            }
            other => return Err(self.internal(&format!("unexpected operand {other:?}"))),
        };
        Ok(Expr { kind, span })
    }

    fn number_too_big(&self, span: Span) -> Diagnostic {
        Diagnostic::error("phs::syntax::number", "this number is too large")
            .label(span, "does not fit in 64 bits")
            .help("numbers in rules must lie between -9223372036854775808 and 9223372036854775807")
    }

    fn int(&self, pair: &Pair<Rule>) -> Result<i64> {
        pair.as_str()
            .parse()
            .map_err(|_| self.number_too_big(self.span(pair)))
    }

    fn duration(&self, pair: &Pair<Rule>) -> Result<i64> {
        let text = pair.as_str();
        let split = text.len().saturating_sub(1);
        let (digits, unit) = (
            text.get(..split).unwrap_or(""),
            text.get(split..).unwrap_or(""),
        );
        let scale = match unit {
            "s" => 1,
            "m" => 60,
            "h" => 3_600,
            "d" => 86_400,
            _ => 604_800,
        };
        digits
            .parse::<i64>()
            .ok()
            .and_then(|n| n.checked_mul(scale))
            .ok_or_else(|| self.number_too_big(self.span(pair)))
    }
}

/// Whether `rule` counts towards [`limits::MAX_EXPR_OPERATORS`]: operators, postfix
/// steps, and the operands that hold expressions of their own.
fn is_operator(rule: Rule) -> bool {
    BinaryOp::from_rule(rule).is_some()
        || UnaryOp::from_rule(rule).is_some()
        || POSTFIX.contains(&rule)
        || matches!(rule, Rule::quantifier | Rule::call | Rule::if_expr)
}

fn unescape(escape: &str) -> &str {
    match escape {
        "\\n" => "\n",
        "\\t" => "\t",
        "\\\"" => "\"",
        "\\{" => "{",
        "\\}" => "}",
        _ => "\\",
    }
}

fn push_text(parts: &mut Vec<StrPart>, text: &str) {
    if let Some(StrPart::Text(last)) = parts.last_mut() {
        last.push_str(text);
    } else {
        parts.push(StrPart::Text(text.to_string()));
    }
}

/// Remove a block string's common indentation, its first line break and the
/// whitespace before the closing `"""`.
fn dedent(parts: &mut [StrPart]) {
    let lines_after_breaks = parts.iter().flat_map(|p| match p {
        StrPart::Text(t) => t.split('\n').skip(1).collect::<Vec<_>>(),
        StrPart::Interp(_) => Vec::new(),
    });
    let indent = lines_after_breaks
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    for part in parts.iter_mut() {
        if let StrPart::Text(t) = part {
            let mut out = String::with_capacity(t.len());
            for (i, line) in t.split('\n').enumerate() {
                if i > 0 {
                    out.push('\n');
                    let ws = line.len() - line.trim_start_matches([' ', '\t']).len();
                    out.push_str(line.get(ws.min(indent)..).unwrap_or(""));
                } else {
                    out.push_str(line);
                }
            }
            *t = out;
        }
    }
    if let Some(StrPart::Text(first)) = parts.first_mut() {
        if let Some(rest) = first.strip_prefix('\n') {
            *first = rest.to_string();
        }
    }
    if let Some(StrPart::Text(last)) = parts.last_mut() {
        let trimmed = last.trim_end_matches([' ', '\t']);
        let trimmed = trimmed.strip_suffix('\n').unwrap_or(trimmed);
        *last = trimmed.to_string();
    }
}
