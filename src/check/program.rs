//! The checked program: what the evaluator runs.
//!
//! Every name is resolved: facts fields and record fields are slot indexes, enum
//! literals are variant indexes, helpers are function indexes, local variables are
//! frame slots. A `Program` cannot hold an unresolved name or an ill-typed operation;
//! each node also keeps the type the evaluator needs to show a value.

use super::schema::Schema;
use super::severity::Severity;
use super::types::{RecordId, Type};
use crate::source::Span;
use crate::value::{Key, Value};
use educe::Educe;
use std::sync::Arc;

/// A frame slot holding a rule parameter, binding, quantifier or lambda variable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Slot(pub u32);

impl Slot {
    /// The slot's place in a frame.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// The index of a helper in [`Program::functions`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FnIdx(pub usize);

/// The index of a constant in [`Program::consts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ConstIdx(pub usize);

/// The index of a binding-invariant sub-expression's value in one evaluation's
/// cache of them; [`Program::hoisted`] such values in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct HoistIdx(pub u32);

/// The index of a rule in [`Program::rules`] (rules are in evaluation order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RuleIdx(pub usize);

#[derive(Debug, Clone, Default)]
pub struct Program {
    pub schema: Schema,
    pub packs: Vec<PackInfo>,
    /// Rules in evaluation order: every rule after the rules it `needs`.
    pub rules: Vec<Rule>,
    pub functions: Vec<Function>,
    /// Constants, each reading only earlier ones; evaluated once per run.
    pub consts: Vec<Expr>,
    /// Rule ids that packs retired: no rule may take them again.
    pub retired: Vec<Retired>,
    /// How many sub-expressions are computed once per evaluation
    /// ([`Reuse::Once`], numbered by `check::hoist`).
    pub hoisted: u32,
}

/// `retire PHS007 "..."`: an id a pack no longer has, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retired {
    pub id: String,
    /// `phs.builtin@1.1.0`.
    pub by: String,
    pub reason: String,
}

impl Program {
    /// The retirement of rule `id`, if a loaded pack retired it.
    pub fn retired(&self, id: &str) -> Option<&Retired> {
        self.retired.iter().find(|r| r.id == id)
    }
}

impl Retired {
    /// The error for a pack or command that still names the id.
    pub fn message(&self) -> String {
        format!(
            "rule `{}` was retired in {}: {}",
            self.id, self.by, self.reason
        )
    }
}

/// A loaded pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackInfo {
    pub name: String,
    pub version: semver::Version,
    /// Packs it builds on, with the requirement each satisfied.
    pub extends: Vec<(String, semver::VersionReq)>,
    /// The `///` comment on its `pack` line (Markdown), from the first of its files
    /// that has one; empty when none has.
    pub doc: String,
}

impl PackInfo {
    /// `phs.builtin@1.0.0`.
    pub fn label(&self) -> String {
        format!("{}@{}", self.name, self.version)
    }
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub title: String,
    pub doc: String,
    pub severity: Severity,
    pub tags: Vec<String>,
    pub see: Vec<String>,
    /// Index into `Program::packs`.
    pub pack: usize,
    pub needs: Vec<Need>,
    /// Parameters, evaluated first, in order, into their slots.
    pub params: Vec<Param>,
    pub bindings: Vec<Binding>,
    pub filter: Option<Expr>,
    pub when: Expr,
    pub message: Template,
    pub remediation: Option<Template>,
    /// What a passed binding saw.
    pub evidence: Option<Template>,
    /// A command that checks the same on the server, for every outcome.
    pub crosscheck: Option<Template>,
    /// Size of the frame the rule's expressions use.
    pub slots: u32,
    /// What org packs changed about the rule, in load order.
    pub changes: Vec<Change>,
    pub disabled: Option<Disabled>,
    pub span: Span,
}

impl Rule {
    /// The expressions evaluated for its bindings: binding sources, the facts
    /// `needs` name, the filter, the condition and the values in its message,
    /// remediation, evidence and cross-check (not its parameters, evaluated
    /// once before).
    pub fn expressions_mut(&mut self) -> Vec<&mut Expr> {
        let mut out: Vec<&mut Expr> = self.bindings.iter_mut().map(|b| &mut b.source).collect();
        let ats = self.needs.iter_mut().filter_map(|n| n.at.as_mut());
        out.extend(ats.map(|(at, _)| at));
        out.extend(self.filter.as_mut());
        out.push(&mut self.when);
        let templates = [
            Some(&mut self.message),
            self.remediation.as_mut(),
            self.evidence.as_mut(),
            self.crosscheck.as_mut(),
        ];
        for template in templates.into_iter().flatten() {
            out.extend(template.values_mut());
        }
        out
    }
}

#[derive(Debug, Clone)]
pub struct Param {
    pub name: String,
    pub slot: Slot,
    pub ty: Type,
    pub value: Expr,
}

/// `needs [not] ID [at EXPR]`, resolved to the index of the rule in `Program::rules`.
#[derive(Debug, Clone)]
pub struct Need {
    pub rule: RuleIdx,
    pub negated: bool,
    /// The fact (a record, possibly unknown) whose outcomes of the other rule
    /// count, instead of the rule's own bindings; and the expression as written.
    pub at: Option<(Expr, String)>,
}

#[derive(Debug, Clone)]
pub struct Binding {
    pub name: String,
    pub slot: Slot,
    /// The type of the values bound.
    pub ty: Type,
    pub source: Expr,
}

/// A change an org pack made to a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// `contoso.policy@1.2.0`.
    pub by: String,
    pub what: ChangeKind,
}

/// What an `override` changed; shown as `severity warning -> info`,
/// `tags a, b`, `param window = 1h`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeKind {
    Severity {
        from: Severity,
        to: Severity,
    },
    Tags(Vec<String>),
    /// A parameter's new value, shown as written (`1h`, `"text"`) or as
    /// `an expression`.
    Param {
        name: String,
        value: String,
    },
}

impl std::fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChangeKind::Severity { from, to } => {
                write!(f, "severity {} -> {}", from.as_str(), to.as_str())
            }
            ChangeKind::Tags(tags) => write!(f, "tags {}", tags.join(", ")),
            ChangeKind::Param { name, value } => write!(f, "param {name} = {value}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disabled {
    pub by: String,
    pub reason: String,
}

#[derive(Debug, Clone)]
pub struct Function {
    pub name: String,
    pub params: Vec<Slot>,
    pub slots: u32,
    pub body: Expr,
}

/// A string with interpolations; each part knows its type so it can be shown.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Template {
    pub parts: Vec<Part>,
}

impl Template {
    /// The interpolated expressions, in order.
    pub fn values(&self) -> impl Iterator<Item = &Expr> {
        self.parts.iter().filter_map(|p| match p {
            Part::Value(e) => Some(e),
            Part::Text(_) => None,
        })
    }

    /// The interpolated expressions, in order, to change them.
    pub fn values_mut(&mut self) -> Vec<&mut Expr> {
        self.parts
            .iter_mut()
            .filter_map(|p| match p {
                Part::Value(e) => Some(e),
                Part::Text(_) => None,
            })
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    Text(Arc<str>),
    Value(Expr),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compare {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arith {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StrTest {
    Contains,
    ContainsCi,
    StartsWith,
    EndsWith,
    EqCi,
}

/// `any`, `all`, `none`, `count`: what a quantifier asks of a list's items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantifier {
    Any,
    All,
    None,
    Count,
}

impl Quantifier {
    pub fn keyword(self) -> &'static str {
        match self {
            Quantifier::Any => "any",
            Quantifier::All => "all",
            Quantifier::None => "none",
            Quantifier::Count => "count",
        }
    }
}

/// Builtin functions and methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Builtin {
    Known,
    OrElse,
    DnDomain,
    /// `dn_under(dn, container)`: the DN is the container or below it.
    DnUnder,
    /// `unknown_unless(cond, fact)`: true where `cond` holds, else unknown for want
    /// of `fact` (a list, map or record of the facts).
    UnknownUnless,
    Len,
    IsEmpty,
    First,
    Last,
    Join,
    Lower,
    Upper,
    Trim,
    Split,
    /// A PowerShell single-quoted literal: `'it''s'`.
    PsQuote,
    Keys,
    Values,
}

/// Methods that take a lambda `x => ...`, bound to a slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LambdaMethod {
    Filter,
    Map,
    MaxBy,
    MinBy,
}

/// A checked expression: what it does, where it stands in the source, its type,
/// and whether evaluation may reuse its value. Equality ignores the span and the
/// reuse, so two readings of the same fact are equal.
#[derive(Debug, Clone, Educe)]
#[educe(PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    #[educe(PartialEq(ignore))]
    pub span: Span,
    pub ty: Type,
    #[educe(PartialEq(ignore))]
    pub reuse: Reuse,
}

/// Whether evaluation may reuse a node's value instead of computing it again;
/// decided after checking by `check::hoist`. Sound because evaluation is pure:
/// a value depends only on the frame's slots, the facts and `now`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Reuse {
    /// Computed each time it is reached.
    #[default]
    Never,
    /// Reads no slot that changes while its rule runs (only the rule's parameters,
    /// or no slot at all): computed the first time it is reached, then reused for
    /// the rest of the evaluation.
    Once(HoistIdx),
    /// A call of a helper that loops over lists: its result is kept by the
    /// helper and the argument values, and reused for the same arguments.
    ByArguments,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    Lit(Value),
    Now,
    /// A field of the facts root, by index.
    Root(u32),
    Local(Slot),
    Const(ConstIdx),
    Field {
        base: Box<Expr>,
        record: RecordId,
        field: u32,
    },
    /// `list[i]` or `map[key]`; a missing entry is unknown.
    Index(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Neg(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Compare(Compare, Box<Expr>, Box<Expr>),
    Arith(Arith, Box<Expr>, Box<Expr>),
    StrTest(StrTest, Box<Expr>, Box<Expr>),
    /// `elem in collection` (a list's items or a map's keys), or `not in`.
    In {
        negated: bool,
        elem: Box<Expr>,
        coll: Box<Expr>,
    },
    Quant {
        kind: Quantifier,
        /// The variable's name, to show it (`explain`); it is read by `slot`.
        var: Arc<str>,
        slot: Slot,
        source: Box<Expr>,
        cond: Box<Expr>,
    },
    Lambda {
        method: LambdaMethod,
        slot: Slot,
        source: Box<Expr>,
        body: Box<Expr>,
    },
    Builtin(Builtin, Vec<Expr>),
    Call(FnIdx, Vec<Expr>),
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    List(Vec<Expr>),
    Map(Vec<(Key, Expr)>),
    Template(Box<Template>),
    /// An enum value (or a list of them) as its name, to compare with strings.
    EnumName(Box<Expr>, super::types::EnumId),
}

impl Expr {
    pub fn new(kind: ExprKind, span: Span, ty: Type) -> Expr {
        Expr {
            kind,
            span,
            ty,
            reuse: Reuse::Never,
        }
    }

    /// The sub-expressions of this node, in evaluation order.
    pub fn children(&self) -> Vec<&Expr> {
        match &self.kind {
            ExprKind::Lit(_)
            | ExprKind::Now
            | ExprKind::Root(_)
            | ExprKind::Local(_)
            | ExprKind::Const(_) => vec![],
            ExprKind::Field { base, .. } | ExprKind::EnumName(base, _) => vec![base],
            ExprKind::Not(e) | ExprKind::Neg(e) => vec![e],
            ExprKind::Index(a, b)
            | ExprKind::And(a, b)
            | ExprKind::Or(a, b)
            | ExprKind::Compare(_, a, b)
            | ExprKind::Arith(_, a, b)
            | ExprKind::StrTest(_, a, b)
            | ExprKind::In {
                elem: a, coll: b, ..
            }
            | ExprKind::Quant {
                source: a, cond: b, ..
            }
            | ExprKind::Lambda {
                source: a, body: b, ..
            } => vec![a, b],
            ExprKind::Builtin(_, args) | ExprKind::Call(_, args) | ExprKind::List(args) => {
                args.iter().collect()
            }
            ExprKind::If(a, b, c) => vec![a, b, c],
            ExprKind::Map(entries) => entries.iter().map(|(_, e)| e).collect(),
            ExprKind::Template(t) => t.values().collect(),
        }
    }

    /// The sub-expressions of this node, in evaluation order, to change them
    /// (`check::hoist` marks what evaluation may reuse).
    pub fn children_mut(&mut self) -> Vec<&mut Expr> {
        match &mut self.kind {
            ExprKind::Lit(_)
            | ExprKind::Now
            | ExprKind::Root(_)
            | ExprKind::Local(_)
            | ExprKind::Const(_) => vec![],
            ExprKind::Field { base, .. } | ExprKind::EnumName(base, _) => vec![base],
            ExprKind::Not(e) | ExprKind::Neg(e) => vec![e],
            ExprKind::Index(a, b)
            | ExprKind::And(a, b)
            | ExprKind::Or(a, b)
            | ExprKind::Compare(_, a, b)
            | ExprKind::Arith(_, a, b)
            | ExprKind::StrTest(_, a, b)
            | ExprKind::In {
                elem: a, coll: b, ..
            }
            | ExprKind::Quant {
                source: a, cond: b, ..
            }
            | ExprKind::Lambda {
                source: a, body: b, ..
            } => vec![a, b],
            ExprKind::Builtin(_, args) | ExprKind::Call(_, args) | ExprKind::List(args) => {
                args.iter_mut().collect()
            }
            ExprKind::If(a, b, c) => vec![a, b, c],
            ExprKind::Map(entries) => entries.iter_mut().map(|(_, e)| e).collect(),
            ExprKind::Template(t) => t.values_mut(),
        }
    }

    /// The operands of a chain of `and` (or of `or`): `a and b and c` → `a`, `b`,
    /// `c`; any other node is a chain of one.
    pub fn chain(&self, and: bool) -> Vec<&Expr> {
        match &self.kind {
            ExprKind::And(a, b) if and => [a.chain(and), b.chain(and)].concat(),
            ExprKind::Or(a, b) if !and => [a.chain(and), b.chain(and)].concat(),
            _ => vec![self],
        }
    }

    /// Whether this node or any node below it passes `test`.
    pub fn any(&self, test: &dyn Fn(&Expr) -> bool) -> bool {
        test(self) || self.children().into_iter().any(|child| child.any(test))
    }

    /// Visit this node and every node below it.
    pub fn walk(&self, visit: &mut dyn FnMut(&Expr)) {
        visit(self);
        for child in self.children() {
            child.walk(visit);
        }
    }
}
