//! The declarations of the fact schema (`format`, `record`, `enum`) and types.

use super::{errors, Lowering, Result};
use crate::syntax::ast::*;
use crate::syntax::Rule;
use pest::iterators::Pair;

impl Lowering {
    /// `format "phs-facts/1"`.
    pub(super) fn format(&self, pair: Pair<Rule>) -> Result<StrLit> {
        let mut inner = pair.into_inner();
        self.take(&mut inner, Rule::kw_format)?;
        self.string(self.take(&mut inner, Rule::string)?)
    }

    pub(super) fn record(&self, pair: Pair<Rule>) -> Result<RecordDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().peekable();
        let doc = self.docs(&mut inner)?;
        let extend = inner
            .next_if(|p| p.as_rule() == Rule::extend_marker)
            .is_some();
        self.take(&mut inner, Rule::kw_record)?;
        Ok(RecordDecl {
            doc,
            extend,
            name: self.take_name(&mut inner, Rule::type_name)?,
            fields: inner
                .map(|field| self.field(field))
                .collect::<Result<_>>()?,
            span,
        })
    }

    /// `name: type collect "hint"` in a record.
    fn field(&self, pair: Pair<Rule>) -> Result<FieldDecl> {
        let mut parts = pair.into_inner().peekable();
        let doc = self.docs(&mut parts)?;
        let name = self.take_name(&mut parts, Rule::field_name)?;
        let ty = self.type_expr(self.take(&mut parts, Rule::type_expr)?)?;
        let collect = match parts.next() {
            Some(kw) if kw.as_rule() == Rule::kw_collect => {
                Some(self.string(self.take(&mut parts, Rule::string)?)?)
            }
            Some(other) => return Err(self.unexpected(&other, "a field")),
            None => None,
        };
        Ok(FieldDecl {
            doc,
            name,
            ty,
            collect,
        })
    }

    pub(super) fn enumeration(&self, pair: Pair<Rule>) -> Result<EnumDecl> {
        let (span, doc, mut inner) = self.declaration(pair, Rule::kw_enum)?;
        let name = self.take_name(&mut inner, Rule::type_name)?;
        let mut values = Vec::new();
        for value in inner {
            let value = self.inner(value)?;
            match value.as_rule() {
                Rule::string_plain => values.push((self.plain_name(value)?, true)),
                Rule::ident_any => values.push((self.name(&value), false)),
                _ => return Err(self.unexpected(&value, "an enum")),
            }
        }
        Ok(EnumDecl {
            doc,
            name,
            values,
            span,
        })
    }

    pub(super) fn type_expr(&self, pair: Pair<Rule>) -> Result<TypeExpr> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let Some(head) = inner.next() else {
            return Err(errors::internal("empty type"));
        };
        let optional = inner.next().is_some();
        let kind = match head.as_rule() {
            Rule::list_type => {
                let elem = self.inner(head)?;
                TypeExprKind::List(Box::new(self.type_expr(elem)?))
            }
            Rule::map_type => {
                let mut it = head.into_inner();
                let key = self.type_expr(self.take(&mut it, Rule::type_expr)?)?;
                let value = self.type_expr(self.take(&mut it, Rule::type_expr)?)?;
                TypeExprKind::Map(Box::new(key), Box::new(value))
            }
            Rule::type_name => TypeExprKind::Named(self.name(&head)),
            _ => return Err(self.unexpected(&head, "a type")),
        };
        Ok(TypeExpr {
            kind,
            optional,
            span,
        })
    }
}
