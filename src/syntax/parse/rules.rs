//! Rules and their clauses, and the `override` of a rule in an org pack.

use super::{errors, Lowering, Result};
use crate::source::Span;
use crate::syntax::ast::*;
use crate::syntax::Rule;
use pest::iterators::{Pair, Pairs};

impl Lowering {
    pub(super) fn rule(&self, pair: Pair<Rule>) -> Result<RuleDecl> {
        let (span, doc, mut inner) = self.declaration(pair, Rule::kw_rule)?;
        let id = self.take_name(&mut inner, Rule::rule_id)?;
        let title = self.plain_string(self.take(&mut inner, Rule::string_plain)?)?;
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
                    return Err(errors::duplicate_clause(
                        &rule.id.text,
                        keyword,
                        clause_span,
                        *first,
                    ));
                }
                seen.push((kind, clause_span));
            }
            self.clause(&mut rule, clause)?;
        }
        Ok(rule)
    }

    fn clause(&self, rule: &mut RuleDecl, clause: Pair<Rule>) -> Result<()> {
        let kind = clause.as_rule();
        let mut inner = clause.clone().into_inner();
        inner.next(); // the clause keyword
        match kind {
            Rule::severity_clause => rule.severity = Some(self.severity(inner)?),
            Rule::tags_clause => rule.tags = inner.map(|p| self.name(&p)).collect(),
            Rule::needs_clause => {
                rule.needs = inner.map(|need| self.need(need)).collect::<Result<_>>()?;
            }
            Rule::param_clause => rule.params.push(ParamDecl {
                name: self.take_name(&mut inner, Rule::ident)?,
                ty: self.type_expr(self.take(&mut inner, Rule::type_expr)?)?,
                value: self.expr(self.take(&mut inner, Rule::expr)?)?,
            }),
            Rule::for_clause => {
                for p in inner {
                    match p.as_rule() {
                        Rule::binding => rule.bindings.push(self.binding(p)?),
                        Rule::kw_where => {}
                        Rule::expr => rule.filter = Some(self.expr(p)?),
                        _ => return Err(self.unexpected(&p, "a `for` clause")),
                    }
                }
            }
            Rule::when_clause => rule.when = Some(self.expr(self.take(&mut inner, Rule::expr)?)?),
            Rule::message_clause => rule.message = Some(self.clause_text(inner)?),
            Rule::remediation_clause => rule.remediation = Some(self.clause_text(inner)?),
            Rule::evidence_clause => rule.evidence = Some(self.clause_text(inner)?),
            Rule::crosscheck_clause => rule.crosscheck = Some(self.clause_text(inner)?),
            Rule::see_clause => {
                rule.see = inner.map(|p| self.string(p)).collect::<Result<_>>()?;
            }
            _ => return Err(self.unexpected(&clause, "a rule")),
        }
        Ok(())
    }

    /// The text of `message`, `remediation`, `evidence` or `crosscheck`: a string or
    /// a block.
    fn clause_text(&self, mut inner: Pairs<Rule>) -> Result<StrLit> {
        match inner.next() {
            Some(text) => self.string(text),
            None => Err(errors::internal("a text clause without its text")),
        }
    }

    /// `severity error|warning|info`, from the pairs after the keyword.
    fn severity(&self, mut inner: Pairs<Rule>) -> Result<(Severity, Span)> {
        let pair = self.take(&mut inner, Rule::severity)?;
        let span = self.span(&pair);
        let word = self.inner(pair)?;
        let severity = match word.as_rule() {
            Rule::kw_error => Severity::Error,
            Rule::kw_warning => Severity::Warning,
            Rule::kw_info => Severity::Info,
            _ => return Err(self.unexpected(&word, "a severity")),
        };
        Ok((severity, span))
    }

    /// `[not] ID [at fact]` in `needs`.
    fn need(&self, pair: Pair<Rule>) -> Result<Need> {
        let mut parts = pair.into_inner().peekable();
        let negated = parts.next_if(|p| p.as_rule() == Rule::negation).is_some();
        let rule = self.take_name(&mut parts, Rule::rule_id)?;
        let at = match parts.next() {
            Some(at) => {
                let mut at = at.into_inner();
                self.take(&mut at, Rule::kw_at)?;
                Some(self.expr(self.take(&mut at, Rule::expr)?)?)
            }
            None => None,
        };
        Ok(Need { negated, rule, at })
    }

    /// `x in xs` in `for`.
    fn binding(&self, pair: Pair<Rule>) -> Result<Binding> {
        let mut inner = pair.into_inner();
        let name = self.take_name(&mut inner, Rule::ident)?;
        self.take(&mut inner, Rule::kw_in)?;
        Ok(Binding {
            name,
            source: self.expr(self.take(&mut inner, Rule::expr)?)?,
        })
    }

    pub(super) fn override_decl(&self, pair: Pair<Rule>) -> Result<OverrideDecl> {
        let (span, doc, mut inner) = self.declaration(pair, Rule::kw_override)?;
        let mut decl = OverrideDecl {
            doc,
            rule: self.take_name(&mut inner, Rule::rule_id)?,
            severity: None,
            tags: None,
            params: Vec::new(),
            span,
        };
        for clause in inner {
            let kind = clause.as_rule();
            let mut parts = clause.clone().into_inner();
            parts.next(); // keyword
            match kind {
                Rule::severity_clause => decl.severity = Some(self.severity(parts)?),
                Rule::tags_clause => decl.tags = Some(parts.map(|p| self.name(&p)).collect()),
                Rule::param_set => {
                    let name = self.take_name(&mut parts, Rule::ident)?;
                    decl.params
                        .push((name, self.expr(self.take(&mut parts, Rule::expr)?)?));
                }
                _ => return Err(self.unexpected(&clause, "an override")),
            }
        }
        Ok(decl)
    }
}
