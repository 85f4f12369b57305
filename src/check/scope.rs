//! Names visible inside a rule, helper or constant while it is checked.

use super::program::Slot;
use super::types::Typed;
use crate::source::Span;

/// What a local name stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocalKind {
    Binding,
    Param,
    Variable,
}

#[derive(Debug, Clone)]
pub struct Local {
    pub name: String,
    pub slot: Slot,
    pub ty: Typed,
    pub kind: LocalKind,
    pub span: Span,
    pub used: bool,
}

/// A stack of locals with slot allocation for one frame.
#[derive(Debug, Default)]
pub struct Scope {
    locals: Vec<Local>,
    next_slot: Slot,
    /// Whether facts may be read here (`false` in constants and parameters).
    pub facts_allowed: bool,
}

impl Scope {
    pub fn new(facts_allowed: bool) -> Scope {
        Scope {
            facts_allowed,
            ..Scope::default()
        }
    }

    pub fn push(&mut self, name: &str, ty: Typed, kind: LocalKind, span: Span) -> Slot {
        let slot = self.next_slot;
        self.next_slot = Slot(slot.0.saturating_add(1));
        self.locals.push(Local {
            name: name.to_string(),
            slot,
            ty,
            kind,
            span,
            used: false,
        });
        slot
    }

    /// Remove the innermost local, returning it (to report it unused).
    pub fn pop(&mut self) -> Option<Local> {
        self.locals.pop()
    }

    pub fn lookup(&mut self, name: &str) -> Option<&mut Local> {
        self.locals.iter_mut().rev().find(|l| l.name == name)
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.locals.iter().map(|l| l.name.as_str())
    }

    pub fn slots(&self) -> u32 {
        self.next_slot.0
    }

    /// Locals of the given kind still in scope.
    pub fn locals(&self) -> &[Local] {
        &self.locals
    }
}
