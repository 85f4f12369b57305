//! The fact schema: record and enum types declared in `.phs` (`rules/schema.phs`).
//!
//! One schema drives both the type checker (what `c.password_sync` is) and the facts
//! loader (what a facts file may hold). Org packs may `extend record` to add fields.

use super::types::{EnumId, RecordId, Type, Typed};
use crate::source::Span;

#[derive(Debug, Clone, Default)]
pub struct Schema {
    /// The facts format this schema describes (`phs-facts/1`).
    pub format: String,
    pub records: Vec<RecordType>,
    pub enums: Vec<EnumType>,
    /// The record type of a whole facts file (`Facts`).
    pub root: RecordId,
}

#[derive(Debug, Clone)]
pub struct RecordType {
    pub name: String,
    pub doc: String,
    pub fields: Vec<Field>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    pub ty: Typed,
    pub doc: String,
    /// Where an engineer finds the value: a PowerShell command or a console place.
    pub collect: Option<String>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct EnumType {
    pub name: String,
    pub doc: String,
    pub values: Vec<String>,
    pub span: Span,
}

/// The name of the root record type.
pub const ROOT_RECORD: &str = "Facts";

impl Schema {
    pub fn record(&self, id: RecordId) -> Option<&RecordType> {
        self.records.get(id as usize)
    }

    pub fn record_name(&self, id: RecordId) -> &str {
        self.record(id).map_or("?", |r| r.name.as_str())
    }

    pub fn enum_type(&self, id: EnumId) -> Option<&EnumType> {
        self.enums.get(id as usize)
    }

    pub fn enum_name(&self, id: EnumId) -> &str {
        self.enum_type(id).map_or("?", |e| e.name.as_str())
    }

    /// The name of one value of an enum.
    pub fn enum_value(&self, id: EnumId, index: u32) -> &str {
        self.enum_type(id)
            .and_then(|e| e.values.get(index as usize))
            .map_or("?", String::as_str)
    }

    pub fn field(&self, record: RecordId, index: u32) -> Option<&Field> {
        self.record(record)?.fields.get(index as usize)
    }

    pub fn find_record(&self, name: &str) -> Option<RecordId> {
        self.records
            .iter()
            .position(|r| r.name == name)
            .and_then(|i| u32::try_from(i).ok())
    }

    pub fn find_enum(&self, name: &str) -> Option<EnumId> {
        self.enums
            .iter()
            .position(|e| e.name == name)
            .and_then(|i| u32::try_from(i).ok())
    }

    /// Index of a field by name.
    pub fn find_field(&self, record: RecordId, name: &str) -> Option<u32> {
        self.record(record)?
            .fields
            .iter()
            .position(|f| f.name == name)
            .and_then(|i| u32::try_from(i).ok())
    }

    /// The `collect` hint of the field a fact path ends in, if the schema has one.
    /// Walks the path from the root: `connectors[0].domains[1].reachable`.
    pub fn collect_hint(&self, path: &str) -> Option<&str> {
        let mut record = self.root;
        let mut hint = None;
        for segment in path.split('.') {
            let name = segment.split('[').next().unwrap_or(segment);
            let index = self.find_field(record, name)?;
            let field = self.field(record, index)?;
            hint = field.collect.as_deref();
            match innermost_record(&field.ty.ty) {
                Some(r) => record = r,
                None => break,
            }
        }
        hint
    }
}

/// The record type a field's values hold, looking through lists and maps.
fn innermost_record(ty: &Type) -> Option<RecordId> {
    match ty {
        Type::Record(r) => Some(*r),
        Type::List(t) | Type::Map(_, t) => innermost_record(t),
        _ => None,
    }
}
