//! The file, its pack header, and the items that are not rules or schema: helpers,
//! constants, `disable` and `retire`.

use super::{Lowering, Result};
use crate::source::Span;
use crate::syntax::ast::*;
use crate::syntax::Rule;
use pest::iterators::{Pair, Pairs};
use std::iter::Peekable;

impl Lowering {
    pub(super) fn file(&self, root: Pair<Rule>) -> Result<File> {
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

    /// The `///` lines that open a declaration, each without its first space.
    pub(super) fn docs(&self, pairs: &mut Peekable<Pairs<Rule>>) -> Result<Vec<String>> {
        let mut docs = Vec::new();
        while let Some(pair) = pairs.next_if(|p| p.as_rule() == Rule::doc_comment) {
            let text = self.inner(pair)?.as_str();
            docs.push(
                text.strip_prefix(' ')
                    .unwrap_or(text)
                    .trim_end()
                    .to_string(),
            );
        }
        Ok(docs)
    }

    /// A declaration's span and doc comment, and its pairs after its keyword `word`.
    pub(super) fn declaration<'i>(
        &self,
        pair: Pair<'i, Rule>,
        word: Rule,
    ) -> Result<(Span, Vec<String>, Peekable<Pairs<'i, Rule>>)> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().peekable();
        let doc = self.docs(&mut inner)?;
        self.take(&mut inner, word)?;
        Ok((span, doc, inner))
    }

    fn pack(&self, pair: Pair<Rule>) -> Result<PackDecl> {
        let (span, doc, mut inner) = self.declaration(pair, Rule::kw_pack)?;
        let name = self.take_name(&mut inner, Rule::pack_name)?;
        self.take(&mut inner, Rule::kw_version)?;
        Ok(PackDecl {
            doc,
            name,
            version: self.string(self.take(&mut inner, Rule::string)?)?,
            extends: inner
                .map(|clause| self.extends(clause))
                .collect::<Result<_>>()?,
            span,
        })
    }

    fn extends(&self, clause: Pair<Rule>) -> Result<Extends> {
        if clause.as_rule() != Rule::extends_clause {
            return Err(self.unexpected(&clause, "the pack header"));
        }
        let mut inner = clause.into_inner();
        self.take(&mut inner, Rule::kw_extends)?;
        Ok(Extends {
            pack: self.take_name(&mut inner, Rule::pack_name)?,
            requirement: self.string(self.take(&mut inner, Rule::string)?)?,
        })
    }

    fn item(&self, pair: Pair<Rule>) -> Result<Item> {
        Ok(match pair.as_rule() {
            Rule::rule_decl => Item::Rule(self.rule(pair)?),
            Rule::fn_decl => Item::Fn(self.function(pair)?),
            Rule::const_decl => Item::Const(self.constant(pair)?),
            Rule::record_decl => Item::Record(self.record(pair)?),
            Rule::enum_decl => Item::Enum(self.enumeration(pair)?),
            Rule::format_decl => Item::Format(self.format(pair)?),
            Rule::override_decl => Item::Override(self.override_decl(pair)?),
            Rule::disable_decl => Item::Disable(self.rule_with_reason(pair, Rule::kw_disable)?),
            Rule::retire_decl => Item::Retire(self.rule_with_reason(pair, Rule::kw_retire)?),
            _ => return Err(self.unexpected(&pair, "the items of a file")),
        })
    }

    fn function(&self, pair: Pair<Rule>) -> Result<FnDecl> {
        let (span, doc, mut inner) = self.declaration(pair, Rule::kw_fn)?;
        let name = self.take_name(&mut inner, Rule::ident)?;
        let mut params = Vec::new();
        while let Some(param) = inner.next_if(|p| p.as_rule() == Rule::fn_param) {
            let mut it = param.into_inner();
            let name = self.take_name(&mut it, Rule::ident)?;
            params.push((name, self.type_expr(self.take(&mut it, Rule::type_expr)?)?));
        }
        Ok(FnDecl {
            doc,
            name,
            params,
            ret: self.type_expr(self.take(&mut inner, Rule::type_expr)?)?,
            body: self.expr(self.take(&mut inner, Rule::expr)?)?,
            span,
        })
    }

    fn constant(&self, pair: Pair<Rule>) -> Result<ConstDecl> {
        let (span, doc, mut inner) = self.declaration(pair, Rule::kw_const)?;
        Ok(ConstDecl {
            doc,
            name: self.take_name(&mut inner, Rule::ident)?,
            ty: self.type_expr(self.take(&mut inner, Rule::type_expr)?)?,
            value: self.expr(self.take(&mut inner, Rule::expr)?)?,
            span,
        })
    }

    /// `disable ID "why"`, or `retire ID "why"` when `word` is `kw_retire`.
    fn rule_with_reason(&self, pair: Pair<Rule>, word: Rule) -> Result<RuleWithReason> {
        let (span, doc, mut inner) = self.declaration(pair, word)?;
        Ok(RuleWithReason {
            doc,
            rule: self.take_name(&mut inner, Rule::rule_id)?,
            reason: self.string(self.take(&mut inner, Rule::string)?)?,
            span,
        })
    }
}
