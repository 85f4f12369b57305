//! Records and maps: the two kinds of YAML mapping a facts file holds.
//!
//! A record's keys must be its schema fields (in any order; values are laid out in
//! schema order), a map's keys are data. Both refuse duplicate keys and keys named
//! like secrets; a record also refuses keys it does not declare unless extra keys
//! are allowed, and fills in the fields left out (unknown, empty, or a problem).

use super::build::{placeholder, scalar_width, Absence, Builder, Expect, Place, Step};
use super::events::Marked;
use super::problems;
use super::scalars::{self, Expected};
use super::secrets::is_secret_key;
use super::spans::Pos;
use crate::check::schema::RecordType;
use crate::check::types::{RecordId, Type};
use crate::limits::MAX_STRING_BYTES;
use crate::source::Span;
use crate::value::{child_path, FactPath, Key, Map, Record, RecordAt, Value};
use indexmap::IndexMap;
use std::sync::Arc;
use yaml_rust2::parser::Event;

/// The name of the root field that says which facts format a file is in.
pub(crate) const FORMAT_FIELD: &str = "format";

/// A key as read, with where it is for problems.
struct KeyAt {
    name: String,
    pos: Pos,
    width: usize,
}

/// A record being read.
struct Fields<'r> {
    ty: &'r RecordType,
    at: RecordAt,
    /// The path spelt out, for the fields' paths while the record is read.
    path: FactPath,
    depth: usize,
    /// Values in schema order; only those in `seen` are real yet.
    values: Vec<Value>,
    /// Where each field's key was read, if it was.
    seen: Vec<Option<Pos>>,
}

impl Builder<'_, '_> {
    /// Read a record's fields up to the end of its mapping (whose start was read).
    pub(crate) fn record(
        &mut self,
        id: RecordId,
        at: RecordAt,
        start: Pos,
        depth: usize,
    ) -> Step<Arc<Record>> {
        let schema = self.schema;
        let ty = schema.record(id);
        let count = ty.fields.len();
        let mut fields = Fields {
            ty,
            path: at.path(),
            at,
            depth,
            values: vec![placeholder(); count],
            seen: vec![None; count],
        };
        let mut first_key: Option<Pos> = None;
        while let Some(marked) = self.next_in(&Event::MappingEnd)? {
            first_key.get_or_insert(marked.1);
            match self.key(marked, &fields.path)? {
                Some(key) => self.field(&mut fields, &key)?,
                None => self.skip_value()?,
            }
        }
        let at = first_key.map_or(start, |key| key.min(start));
        self.finish_record(fields, at)
    }

    /// Read the value of one key of a record.
    fn field(&mut self, fields: &mut Fields, key: &KeyAt) -> Step<()> {
        let ty = fields.ty;
        let mut declared = ty.fields.iter().enumerate();
        let Some((index, field)) = declared.find(|(_, f)| f.name == key.name) else {
            self.extra_key(ty, &fields.path, key)?;
            return self.skip_extra(&child_path(&fields.path, &key.name));
        };
        if let Some(first) = fields.seen.get(index).copied().flatten() {
            self.duplicate(first, key, &fields.path)?;
            return self.skip_value();
        }
        let place = Place::Child(&fields.path, &field.name);
        let value = self.value(Expect::field(&field.ty), place, fields.depth)?;
        if fields.path.is_empty() && field.name == FORMAT_FIELD {
            self.check_format(&value, key.pos)?;
        }
        if let (Some(slot), Some(seen)) = (fields.values.get_mut(index), fields.seen.get_mut(index))
        {
            *slot = value;
            *seen = Some(key.pos);
        }
        Ok(())
    }

    /// Fill in the fields left out and seal the record.
    fn finish_record(&mut self, mut fields: Fields, at: Pos) -> Step<Arc<Record>> {
        let ty = fields.ty;
        for ((field, slot), seen) in ty.fields.iter().zip(&mut fields.values).zip(&fields.seen) {
            if seen.is_none() {
                let place = Place::Child(&fields.path, &field.name);
                let absence = Absence::LeftOut(&ty.name, &field.name);
                *slot = self.absent(Expect::field(&field.ty), place, at, absence)?;
            }
        }
        Ok(Arc::new(Record {
            at: fields.at,
            fields: fields.values.into_boxed_slice(),
        }))
    }

    /// A key the record does not declare: a secret, an error, or allowed.
    fn extra_key(&mut self, ty: &RecordType, path: &str, key: &KeyAt) -> Step<()> {
        let span = self.key_span(key);
        if is_secret_key(&key.name) {
            self.report(problems::secret(span, &child_path(path, &key.name)))
        } else if self.opts.allow_extra_keys {
            Ok(())
        } else {
            let names: Vec<&str> = ty.fields.iter().map(|f| f.name.as_str()).collect();
            self.report(problems::unknown_field(
                span, &key.name, &ty.name, path, &names,
            ))
        }
    }

    fn duplicate(&mut self, first: Pos, again: &KeyAt, path: &str) -> Step<()> {
        let first_span = self.spans.token(first, again.name.len());
        let again_span = self.key_span(again);
        let path = child_path(path, &again.name);
        self.report(problems::duplicate_key(
            (first_span, first.line),
            (again_span, again.pos.line),
            &path,
        ))
    }

    /// Stop when the file is in another facts format than the schema's.
    fn check_format(&mut self, value: &Value, pos: Pos) -> Step<()> {
        let supported = self.schema.format.as_str();
        match value {
            Value::Str(found) if !supported.is_empty() && **found != *supported => {
                let span = self.spans.line_rest(pos);
                Err(self.fatal(problems::unsupported_format(span, found, supported)))
            }
            _ => Ok(()),
        }
    }

    /// Read a map's entries up to the end of its mapping (whose start was read).
    pub(crate) fn map(
        &mut self,
        key_ty: &Type,
        value_ty: &Type,
        path: FactPath,
        depth: usize,
    ) -> Step<Value> {
        let expect = Expect::required(value_ty);
        let mut entries = IndexMap::new();
        let mut key_positions = Vec::new();
        while let Some(marked) = self.next_in(&Event::MappingEnd)? {
            let Some(key) = self.key(marked, &path)? else {
                self.skip_value()?;
                continue;
            };
            let Some(map_key) = self.map_key(key_ty, &key, &path)? else {
                self.skip_value()?;
                continue;
            };
            if let Some(first) = entries.get_index_of(&map_key) {
                let first = key_positions.get(first).copied().unwrap_or(key.pos);
                self.duplicate(first, &key, &path)?;
                self.skip_value()?;
                continue;
            }
            let value = self.value(expect, Place::Child(&path, &key.name), depth)?;
            entries.insert(map_key, value);
            key_positions.push(key.pos);
        }
        let path = Some(path);
        Ok(Value::Map(Arc::new(Map { path, entries })))
    }

    /// A key of a map as a [`Key`], or `None` when it is refused (reported).
    fn map_key(&mut self, key_ty: &Type, key: &KeyAt, path: &str) -> Step<Option<Key>> {
        if is_secret_key(&key.name) {
            let span = self.key_span(key);
            self.report(problems::secret(span, &child_path(path, &key.name)))?;
            return Ok(None);
        }
        let Type::Enum(id) = key_ty else {
            return Ok(Some(Key::Str(Arc::from(key.name.as_str()))));
        };
        if let Some(index) = scalars::enum_index(self.schema, *id, &key.name) {
            return Ok(Some(Key::Enum(index)));
        }
        let span = self.key_span(key);
        let path = child_path(path, &key.name);
        let problem =
            problems::bad_scalar(self.schema, span, &path, &Expected::Enum(*id), &key.name);
        self.report(problem)?;
        Ok(None)
    }

    /// Read a key of the mapping at `path`; `None` when it is not a usable name
    /// (reported, and its own events skipped).
    fn key(&mut self, marked: Marked, path: &str) -> Step<Option<KeyAt>> {
        let Some((event, pos)) = self.resolve(marked, Place::At(path))? else {
            return Ok(None);
        };
        match event {
            Event::Scalar(name, style, ..) => {
                let width = scalar_width(&name, style);
                let key = KeyAt { name, pos, width };
                if key.name.len() > MAX_STRING_BYTES {
                    let span = self.spans.token(pos, 1);
                    self.report(problems::long_key(span, path, key.name.len()))?;
                    return Ok(None);
                }
                Ok(Some(key))
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                self.skip_rest()?;
                let span = self.spans.line_rest(pos);
                self.report(problems::bad_key(span, path))?;
                Ok(None)
            }
            other => Err(self.unexpected(&other, pos)),
        }
    }

    fn key_span(&self, key: &KeyAt) -> Span {
        self.spans.token(key.pos, key.width)
    }
}
