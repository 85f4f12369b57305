//! The syntax tree of a `.phs` file: what was written, with a span on every node.
//!
//! Names are still strings here; the checker resolves them. Plain data with public
//! fields; `fmt` prints it back, the checker lowers it into a `Program`. Equality
//! ignores spans (as cedar-policy-core's `Expr` does): two trees are equal when they
//! say the same, wherever they were written, which is what the formatter must keep.

use crate::source::Span;
use educe::Educe;

/// A name as written, with where it was written.
#[derive(Debug, Clone, Educe)]
#[educe(PartialEq, Eq)]
pub struct Name {
    pub text: String,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// A whole file.
#[derive(Debug, Clone, PartialEq)]
pub struct File {
    pub pack: Option<PackDecl>,
    pub items: Vec<Item>,
}

/// `pack NAME version "X" extends OTHER "REQ"`.
#[derive(Debug, Clone, Educe)]
#[educe(PartialEq)]
pub struct PackDecl {
    pub doc: Vec<String>,
    pub name: Name,
    pub version: StrLit,
    pub extends: Vec<Extends>,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Extends {
    pub pack: Name,
    pub requirement: StrLit,
}

// A file holds a handful of items, built once: boxing rules would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Rule(RuleDecl),
    Fn(FnDecl),
    Const(ConstDecl),
    Record(RecordDecl),
    Enum(EnumDecl),
    Format(StrLit),
    Override(OverrideDecl),
    Disable(RuleWithReason),
    Retire(RuleWithReason),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// The severities of two `severity` clauses are the same, wherever they were written.
fn same_severity(a: &Option<(Severity, Span)>, b: &Option<(Severity, Span)>) -> bool {
    a.map(|(severity, _)| severity) == b.map(|(severity, _)| severity)
}

/// A rule and its clauses (each optional here; the checker says which are required).
#[derive(Debug, Clone, Educe)]
#[educe(PartialEq)]
pub struct RuleDecl {
    pub doc: Vec<String>,
    pub id: Name,
    pub title: StrLit,
    #[educe(PartialEq(method(same_severity)))]
    pub severity: Option<(Severity, Span)>,
    pub tags: Vec<Name>,
    pub needs: Vec<Need>,
    pub params: Vec<ParamDecl>,
    pub bindings: Vec<Binding>,
    pub filter: Option<Expr>,
    pub when: Option<Expr>,
    pub message: Option<StrLit>,
    pub remediation: Option<StrLit>,
    pub evidence: Option<StrLit>,
    pub crosscheck: Option<StrLit>,
    pub see: Vec<StrLit>,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// `needs [not] ID [at EXPR]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Need {
    pub negated: bool,
    pub rule: Name,
    /// The fact the other rule's outcome must concern, instead of the bindings.
    pub at: Option<Expr>,
}

/// `param NAME: TYPE = EXPR`.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamDecl {
    pub name: Name,
    pub ty: TypeExpr,
    pub value: Expr,
}

/// `NAME in EXPR` of a `for` clause.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    pub name: Name,
    pub source: Expr,
}

#[derive(Debug, Clone, Educe)]
#[educe(PartialEq)]
pub struct FnDecl {
    pub doc: Vec<String>,
    pub name: Name,
    pub params: Vec<(Name, TypeExpr)>,
    pub ret: TypeExpr,
    pub body: Expr,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

#[derive(Debug, Clone, Educe)]
#[educe(PartialEq)]
pub struct ConstDecl {
    pub doc: Vec<String>,
    pub name: Name,
    pub ty: TypeExpr,
    pub value: Expr,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// `record Name { fields }` or `extend record Name { fields }`.
#[derive(Debug, Clone, Educe)]
#[educe(PartialEq)]
pub struct RecordDecl {
    pub doc: Vec<String>,
    pub extend: bool,
    pub name: Name,
    pub fields: Vec<FieldDecl>,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FieldDecl {
    pub doc: Vec<String>,
    pub name: Name,
    pub ty: TypeExpr,
    pub collect: Option<StrLit>,
}

#[derive(Debug, Clone, Educe)]
#[educe(PartialEq)]
pub struct EnumDecl {
    pub doc: Vec<String>,
    pub name: Name,
    /// Values; `quoted` where written as a string (`"Replicate Directory Changes"`).
    pub values: Vec<(Name, bool)>,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// `override ID { severity .. tags .. param x = .. }`.
#[derive(Debug, Clone, Educe)]
#[educe(PartialEq)]
pub struct OverrideDecl {
    pub doc: Vec<String>,
    pub rule: Name,
    #[educe(PartialEq(method(same_severity)))]
    pub severity: Option<(Severity, Span)>,
    pub tags: Option<Vec<Name>>,
    pub params: Vec<(Name, Expr)>,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// `disable ID "reason"` or `retire ID "reason"`.
#[derive(Debug, Clone, Educe)]
#[educe(PartialEq)]
pub struct RuleWithReason {
    pub doc: Vec<String>,
    pub rule: Name,
    pub reason: StrLit,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// A type as written: `list<Domain>?`.
#[derive(Debug, Clone, Educe)]
#[educe(PartialEq)]
pub struct TypeExpr {
    pub kind: TypeExprKind,
    pub optional: bool,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeExprKind {
    Named(Name),
    List(Box<TypeExpr>),
    Map(Box<TypeExpr>, Box<TypeExpr>),
}

/// A string literal, possibly with `{expr}` interpolations.
#[derive(Debug, Clone, Educe)]
#[educe(PartialEq)]
pub struct StrLit {
    pub parts: Vec<StrPart>,
    /// Written as a `"""` block.
    pub block: bool,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum StrPart {
    Text(String),
    Interp(Expr),
}

impl StrLit {
    /// The text when the literal has no interpolation.
    pub fn as_plain(&self) -> Option<String> {
        let texts = self.parts.iter().map(|part| match part {
            StrPart::Text(t) => Some(t.as_str()),
            StrPart::Interp(_) => None,
        });
        texts.collect()
    }
}

#[derive(Debug, Clone, Educe)]
#[educe(PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    Bool(bool),
    Int(i64),
    /// Seconds.
    Duration(i64),
    Version(Vec<u64>),
    Str(StrLit),
    Now,
    Name(Name),
    Field(Box<Expr>, Name),
    Method(Box<Expr>, Name, Vec<Arg>),
    Index(Box<Expr>, Box<Expr>),
    Call(Name, Vec<Expr>),
    Unary(UnaryOp, Box<Expr>),
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    Quant(QuantKind, Name, Box<Expr>, Box<Expr>),
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    List(Vec<Expr>),
    Map(Vec<(Name, Expr)>),
}

/// A method argument.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Expr(Expr),
    Lambda(Name, Expr),
}

/// A prefix operator; its symbol, precedence and family are in `syntax/ops.rs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    Not,
    Neg,
}

/// A binary operator; its symbol, precedence and family are in `syntax/ops.rs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    Or,
    And,
    Eq,
    EqCi,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
    NotIn,
    Contains,
    ContainsCi,
    StartsWith,
    EndsWith,
    Add,
    Sub,
    Mul,
    Div,
    Rem,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuantKind {
    Any,
    All,
    None,
    Count,
}

impl QuantKind {
    pub fn keyword(self) -> &'static str {
        match self {
            QuantKind::Any => "any",
            QuantKind::All => "all",
            QuantKind::None => "none",
            QuantKind::Count => "count",
        }
    }
}
