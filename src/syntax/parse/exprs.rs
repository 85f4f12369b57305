//! Expressions: the flat sequence of operands and operators the grammar gives is
//! shaped by the Pratt table (`pratt.rs`); operands are lowered one by one.

use super::pratt::{is_operator, pratt};
use super::{errors, Lowering, Result};
use crate::limits;
use crate::syntax::ast::*;
use crate::syntax::Rule;
use pest::iterators::{Pair, Pairs};

impl Lowering {
    /// An `expr` pair, refused when it holds more operators than the limit.
    pub(super) fn expr(&self, pair: Pair<Rule>) -> Result<Expr> {
        let ops = pair
            .clone()
            .into_inner()
            .flatten()
            .filter(|p| is_operator(p.as_rule()))
            .count();
        if ops > limits::MAX_EXPR_OPERATORS {
            return Err(errors::expression_size(ops, self.span(&pair)));
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
                    .ok_or_else(|| self.unexpected(&op, "prefix position"))?;
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
                    .ok_or_else(|| self.unexpected(&op, "infix position"))?;
                Ok(Expr {
                    kind: ExprKind::Binary(op, Box::new(lhs), Box::new(rhs)),
                    span,
                })
            })
            .parse(pairs)
    }

    /// `.field`, `.method(args)` or `[key]` applied to `lhs`.
    fn postfix(&self, lhs: Expr, op: Pair<Rule>) -> Result<Expr> {
        let span = lhs.span.to(self.span(&op));
        let kind = match op.as_rule() {
            Rule::field_access => {
                let name = self.name(&self.inner(op)?);
                ExprKind::Field(Box::new(lhs), name)
            }
            Rule::method_call => {
                let mut inner = op.into_inner();
                let name = self.take_name(&mut inner, Rule::field_name)?;
                let args = inner.map(|a| self.arg(a)).collect::<Result<_>>()?;
                ExprKind::Method(Box::new(lhs), name, args)
            }
            Rule::index => {
                let key = self.expr(self.inner(op)?)?;
                ExprKind::Index(Box::new(lhs), Box::new(key))
            }
            _ => return Err(self.unexpected(&op, "postfix position")),
        };
        Ok(Expr { kind, span })
    }

    /// A method argument: a lambda `x => expr` or an expression.
    fn arg(&self, pair: Pair<Rule>) -> Result<Arg> {
        if pair.as_rule() != Rule::lambda {
            return Ok(Arg::Expr(self.expr(pair)?));
        }
        let mut inner = pair.into_inner();
        let param = self.take_name(&mut inner, Rule::ident)?;
        Ok(Arg::Lambda(
            param,
            self.expr(self.take(&mut inner, Rule::expr)?)?,
        ))
    }

    fn primary(&self, pair: Pair<Rule>) -> Result<Expr> {
        let span = self.span(&pair);
        let kind = match pair.as_rule() {
            Rule::expr => return self.expr(pair),
            Rule::boolean => ExprKind::Bool(self.boolean(pair)?),
            Rule::int_lit => ExprKind::Int(self.int(&pair)?),
            Rule::duration_lit => ExprKind::Duration(self.duration(&pair)?),
            Rule::version_lit => ExprKind::Version(self.version(&pair)?),
            Rule::string | Rule::block_string => ExprKind::Str(self.string(pair)?),
            Rule::now => ExprKind::Now,
            Rule::ident => ExprKind::Name(self.name(&pair)),
            Rule::call => {
                let mut inner = pair.into_inner();
                let name = self.take_name(&mut inner, Rule::ident)?;
                let args = inner.map(|a| self.expr(a)).collect::<Result<_>>()?;
                ExprKind::Call(name, args)
            }
            Rule::list_lit => ExprKind::List(self.list(pair)?),
            Rule::map_lit => ExprKind::Map(self.map(pair)?),
            Rule::quantifier => self.quantifier(pair)?,
            Rule::if_expr => {
                let mut inner = pair.into_inner();
                self.take(&mut inner, Rule::kw_if)?;
                let cond = self.expr(self.take(&mut inner, Rule::expr)?)?;
                self.take(&mut inner, Rule::kw_then)?;
                let then = self.expr(self.take(&mut inner, Rule::expr)?)?;
                self.take(&mut inner, Rule::kw_else)?;
                let other = self.expr(self.take(&mut inner, Rule::expr)?)?;
                ExprKind::If(Box::new(cond), Box::new(then), Box::new(other))
            }
            _ => return Err(self.unexpected(&pair, "an operand")),
        };
        Ok(Expr { kind, span })
    }

    /// `any|all|none|count x in xs where cond`.
    fn quantifier(&self, pair: Pair<Rule>) -> Result<ExprKind> {
        let mut inner = pair.into_inner();
        let word = self.inner(self.take(&mut inner, Rule::quant_kind)?)?;
        let kind = match word.as_rule() {
            Rule::kw_any => QuantKind::Any,
            Rule::kw_all => QuantKind::All,
            Rule::kw_none => QuantKind::None,
            Rule::kw_count => QuantKind::Count,
            _ => return Err(self.unexpected(&word, "a quantifier")),
        };
        let var = self.take_name(&mut inner, Rule::ident)?;
        self.take(&mut inner, Rule::kw_in)?;
        let source = self.expr(self.take(&mut inner, Rule::expr)?)?;
        self.take(&mut inner, Rule::kw_where)?;
        let cond = self.expr(self.take(&mut inner, Rule::expr)?)?;
        Ok(ExprKind::Quant(kind, var, Box::new(source), Box::new(cond)))
    }
}
