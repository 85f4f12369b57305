//! The types of the `.phs` language.

use super::schema::Schema;

/// A record type of a [`Schema`]. Only the schema makes one, when the record is
/// declared (or found by name), and a schema never loses a record: an id always
/// names a record of the schema it came from, so looking it up cannot fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RecordId(usize);

/// An enum type of a [`Schema`], made only by the schema, like [`RecordId`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EnumId(usize);

impl RecordId {
    /// Only `schema.rs` calls this, with the index of a record it holds.
    pub(super) fn at(index: usize) -> RecordId {
        RecordId(index)
    }

    pub fn index(self) -> usize {
        self.0
    }
}

impl EnumId {
    /// Only `schema.rs` calls this, with the index of an enum it holds.
    pub(super) fn at(index: usize) -> EnumId {
        EnumId(index)
    }

    pub fn index(self) -> usize {
        self.0
    }
}

/// A type. Whether a value may be *unknown* is tracked beside it ([`Typed`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Type {
    Bool,
    Int,
    Str,
    Time,
    Duration,
    Version,
    Enum(EnumId),
    List(Box<Type>),
    Map(Box<Type>, Box<Type>),
    Record(RecordId),
    /// The type of an expression that already had an error, or of `[]`'s
    /// elements: compatible with everything, so one mistake is reported once.
    Any,
}

/// A type and whether the value may be unknown (`T?`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Typed {
    pub ty: Type,
    pub optional: bool,
}

impl Typed {
    pub fn known(ty: Type) -> Typed {
        Typed {
            ty,
            optional: false,
        }
    }

    pub fn maybe(ty: Type, optional: bool) -> Typed {
        Typed { ty, optional }
    }
}

impl Type {
    /// Whether values of the two types can be compared or assigned.
    pub fn unifies(&self, other: &Type) -> bool {
        match (self, other) {
            (Type::Any, _) | (_, Type::Any) => true,
            (Type::List(a), Type::List(b)) => a.unifies(b),
            (Type::Map(ak, av), Type::Map(bk, bv)) => ak.unifies(bk) && av.unifies(bv),
            _ => self == other,
        }
    }

    /// The more precise of two unifying types (`list<Any>` and `list<int>` → `list<int>`).
    pub fn join(&self, other: &Type) -> Type {
        match (self, other) {
            (Type::Any, t) | (t, Type::Any) => t.clone(),
            (Type::List(a), Type::List(b)) => Type::List(Box::new(a.join(b))),
            (Type::Map(ak, av), Type::Map(bk, bv)) => {
                Type::Map(Box::new(ak.join(bk)), Box::new(av.join(bv)))
            }
            (t, _) => t.clone(),
        }
    }

    /// Values of this type have an order (`<`, `max_by`).
    pub fn is_ordered(&self) -> bool {
        matches!(
            self,
            Type::Int | Type::Str | Type::Time | Type::Duration | Type::Version | Type::Any
        )
    }

    /// Values of this type can be compared with `==`: those with an order, and
    /// booleans and enum values.
    pub fn is_scalar(&self) -> bool {
        self.is_ordered() || matches!(self, Type::Bool | Type::Enum(_))
    }

    /// The type written as in `.phs`.
    pub fn display(&self, schema: &Schema) -> String {
        match self {
            Type::Bool => "bool".into(),
            Type::Int => "int".into(),
            Type::Str => "string".into(),
            Type::Time => "timestamp".into(),
            Type::Duration => "duration".into(),
            Type::Version => "version".into(),
            Type::Enum(id) => schema.enum_name(*id).to_string(),
            Type::Record(id) => schema.record_name(*id).to_string(),
            Type::List(t) => format!("list<{}>", t.display(schema)),
            Type::Map(k, v) => format!("map<{}, {}>", k.display(schema), v.display(schema)),
            Type::Any => "any".into(),
        }
    }
}

impl Typed {
    pub fn display(&self, schema: &Schema) -> String {
        let q = if self.optional { "?" } else { "" };
        format!("{}{q}", self.ty.display(schema))
    }
}
