//! The fact schema: record and enum types declared in `.phs` (`rules/schema.phs`).
//!
//! One schema drives both the type checker (what `c.password_sync` is) and the facts
//! loader (what a facts file may hold). Org packs may `extend record` to add fields.

use super::types::{EnumId, RecordId, Type, Typed};
use crate::source::Span;

#[derive(Debug, Clone)]
pub struct Schema {
    /// The facts format this schema describes (`phs-facts/1`).
    pub format: String,
    /// The records by [`RecordId`]; the first is the stand-in root (see [`Schema::new`]).
    records: Vec<RecordType>,
    enums: Vec<EnumType>,
    /// The record type of a whole facts file (`Facts`).
    root: RecordId,
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
}

#[derive(Debug, Clone)]
pub struct EnumType {
    pub name: String,
    pub doc: String,
    pub values: Vec<String>,
}

/// The name of the root record type.
pub const ROOT_RECORD: &str = "Facts";

impl Default for Schema {
    fn default() -> Schema {
        Schema::new()
    }
}

impl Schema {
    /// A schema with no declared types. Its root is a stand-in `Facts` record
    /// without fields, hidden from [`Schema::records`] and from lookups by name,
    /// until [`Schema::set_root`] names a declared one: so the root is always a
    /// record of the schema, even when the rule files declare none.
    pub fn new() -> Schema {
        Schema {
            format: String::new(),
            records: vec![RecordType {
                name: ROOT_RECORD.to_string(),
                doc: String::new(),
                fields: Vec::new(),
                span: Span::default(),
            }],
            enums: Vec::new(),
            root: RecordId::at(0),
        }
    }

    /// Add a record type; its fields may be added later ([`Schema::record_mut`]).
    pub fn declare_record(&mut self, record: RecordType) -> RecordId {
        self.records.push(record);
        RecordId::at(self.records.len() - 1)
    }

    pub fn declare_enum(&mut self, declared: EnumType) -> EnumId {
        self.enums.push(declared);
        EnumId::at(self.enums.len() - 1)
    }

    pub fn set_root(&mut self, root: RecordId) {
        self.root = root;
    }

    /// The record type of a whole facts file.
    pub fn root(&self) -> RecordId {
        self.root
    }

    /// The declared record types, in the order of their declarations.
    pub fn records(&self) -> &[RecordType] {
        self.records.get(1..).unwrap_or_default()
    }

    /// The declared enum types, in the order of their declarations.
    pub fn enums(&self) -> &[EnumType] {
        &self.enums
    }

    pub fn record_name(&self, id: RecordId) -> &str {
        &self.record(id).name
    }

    pub fn enum_name(&self, id: EnumId) -> &str {
        &self.enum_type(id).name
    }

    /// The name of one value of an enum; none for an index the enum does not
    /// have (a value is checked against its enum where it is read or written).
    pub fn enum_value(&self, id: EnumId, index: u32) -> Option<&str> {
        let values = &self.enum_type(id).values;
        values.get(index as usize).map(String::as_str)
    }

    pub fn field(&self, record: RecordId, index: u32) -> Option<&Field> {
        self.record(record).fields.get(index as usize)
    }

    pub fn find_record(&self, name: &str) -> Option<RecordId> {
        // The stand-in root (index 0) is found only once it is the declared one.
        let found = self.records.iter().skip(1).position(|r| r.name == name)?;
        Some(RecordId::at(found + 1))
    }

    pub fn find_enum(&self, name: &str) -> Option<EnumId> {
        self.enums
            .iter()
            .position(|e| e.name == name)
            .map(EnumId::at)
    }

    /// Index of a field by name.
    pub fn find_field(&self, record: RecordId, name: &str) -> Option<u32> {
        self.field_named(record, name).map(|(index, _)| index)
    }

    /// The field of `record` called `name`, with its index.
    pub fn field_named(&self, record: RecordId, name: &str) -> Option<(u32, &Field)> {
        let (i, field) = self
            .record(record)
            .fields
            .iter()
            .enumerate()
            .find(|(_, f)| f.name == name)?;
        Some((u32::try_from(i).ok()?, field))
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

// The lookups by id index directly: an id is made only by this schema, for a
// record or enum it holds, and nothing is ever removed (`types.rs`).
#[allow(
    clippy::indexing_slicing,
    reason = "ids are only made for what the schema holds"
)]
impl Schema {
    pub fn record(&self, id: RecordId) -> &RecordType {
        &self.records[id.index()]
    }

    pub fn record_mut(&mut self, id: RecordId) -> &mut RecordType {
        &mut self.records[id.index()]
    }

    pub fn enum_type(&self, id: EnumId) -> &EnumType {
        &self.enums[id.index()]
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
