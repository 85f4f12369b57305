//! `.json` facts files read straight by serde_json, driven by the schema.
//!
//! A [`DeserializeSeed`] per kind of value (record, list, map, scalar) knows from
//! the schema which type belongs at each place and builds the [`Value`] at once:
//! the same values, paths and unknowns as the event-stream builder (`build`,
//! `record`) gives for the same file, at the speed of serde_json. It reads only
//! *clean* files: the first thing the builder would report (a syntax error, a type
//! mismatch, a key the schema does not declare, a secret, a duplicate key, a
//! string over [`MAX_STRING_BYTES`], nesting over
//! [`MAX_FACTS_DEPTH`](crate::limits::MAX_FACTS_DEPTH), another facts format)
//! makes [`read_clean`] give up, and `load_facts` reads the file again with the
//! builder, which finds and reports every problem with its span. So a file's
//! diagnostics do not depend on which reader saw it first, and the fast reader
//! needs no position bookkeeping.
//!
//! Strings that repeat (sources, connector and rule names) are stored once per
//! file: short strings go through an intern table.

use super::build::{absent_value, Expect, Place};
use super::events::deeper;
use super::record::FORMAT_FIELD;
use super::scalars::{self, Expected};
use super::secrets::is_secret_key;
use crate::check::schema::{Field, Schema};
use crate::check::types::{RecordId, Type};
use crate::limits::MAX_STRING_BYTES;
use crate::value::{Key, List, Map, Record, RecordAt, Value};
use indexmap::IndexMap;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;
use std::sync::Arc;

/// Strings up to this many bytes are interned.
const INTERN_MAX_BYTES: usize = 64;

/// What every seed of one file shares.
struct Reader<'a> {
    schema: &'a Schema,
    allow_extra_keys: bool,
    /// The strings of the file up to [`INTERN_MAX_BYTES`], each stored once.
    interned: RefCell<HashSet<Arc<str>>>,
}

/// Not clean: the builder must read this file and say why.
fn unclean<E: de::Error>() -> E {
    E::custom("not clean")
}

/// The root record of a clean JSON facts file, or `None` when the file has
/// anything the builder would report.
pub(crate) fn read_clean(
    schema: &Schema,
    allow_extra_keys: bool,
    text: &str,
) -> Option<Arc<Record>> {
    read_root(
        schema,
        allow_extra_keys,
        serde_json::Deserializer::from_str(text),
    )
}

/// [`read_clean`] over a reader (a file, never held whole): `None` also when
/// reading fails, which reading the text again then reports.
pub(crate) fn read_clean_from(
    schema: &Schema,
    allow_extra_keys: bool,
    reader: impl std::io::Read,
) -> Option<Arc<Record>> {
    read_root(
        schema,
        allow_extra_keys,
        serde_json::Deserializer::from_reader(reader),
    )
}

fn read_root<'de, R: serde_json::de::Read<'de>>(
    schema: &Schema,
    allow_extra_keys: bool,
    mut de: serde_json::Deserializer<R>,
) -> Option<Arc<Record>> {
    let reader = Reader {
        schema,
        allow_extra_keys,
        interned: RefCell::new(HashSet::new()),
    };
    let root = RecordSeed {
        reader: &reader,
        id: schema.root(),
        at: RecordAt::Path(Arc::from("")),
        depth: 1,
    };
    let record = root.deserialize(&mut de).ok()?;
    de.end().ok()?;
    Some(record)
}

impl Reader<'_> {
    fn string(&self, text: &str) -> Arc<str> {
        if text.len() > INTERN_MAX_BYTES {
            return Arc::from(text);
        }
        let mut table = self.interned.borrow_mut();
        if let Some(found) = table.get(text) {
            return Arc::clone(found);
        }
        let stored: Arc<str> = Arc::from(text);
        table.insert(Arc::clone(&stored));
        stored
    }
}

/// The value of something absent (left out or `null`), as the builder has it;
/// anything else the builder reports.
fn absent<E: de::Error>(expect: Expect, place: Place) -> Result<Value, E> {
    absent_value(expect, place).ok_or_else(unclean)
}

/// A key of a value not built (under an extra key): refused if named like a
/// secret, otherwise dropped as read.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        if is_secret_key(checked_len(v)?) {
            return Err(unclean());
        }
        Ok(())
    }
}

/// A key of a map of the schema: the [`Key`] and its name (interned).
struct MapKeySeed<'r> {
    reader: &'r Reader<'r>,
    key_ty: &'r Type,
}

impl<'de> DeserializeSeed<'de> for MapKeySeed<'_> {
    type Value = (Key, Arc<str>);

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for MapKeySeed<'_> {
    type Value = (Key, Arc<str>);

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        let v = checked_len(v)?;
        if is_secret_key(v) {
            return Err(unclean());
        }
        let name = self.reader.string(v);
        let key = match self.key_ty {
            Type::Enum(id) => {
                Key::Enum(scalars::enum_index(self.reader.schema, *id, v).ok_or_else(unclean)?)
            }
            _ => Key::Str(Arc::clone(&name)),
        };
        Ok((key, name))
    }
}

fn checked_len<E: de::Error>(text: &str) -> Result<&str, E> {
    if text.len() > MAX_STRING_BYTES {
        return Err(unclean());
    }
    Ok(text)
}

/// A key of a record, found among its fields as it is read (no copy of the key
/// is made): `Some(index)` of the field, `None` for a key the schema does not
/// declare where extra keys are allowed (its value is only scanned for secrets).
#[derive(Clone, Copy)]
struct FieldSeed<'r> {
    fields: &'r [Field],
    allow_extra_keys: bool,
}

impl<'de> DeserializeSeed<'de> for FieldSeed<'_> {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for FieldSeed<'_> {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        let v = checked_len(v)?;
        match self.fields.iter().position(|f| f.name == v) {
            Some(index) => Ok(Some(index)),
            None if is_secret_key(v) || !self.allow_extra_keys => Err(unclean()),
            None => Ok(None),
        }
    }
}

/// A record of the schema, read from a JSON object.
struct RecordSeed<'r> {
    reader: &'r Reader<'r>,
    id: RecordId,
    at: RecordAt,
    depth: usize,
}

impl<'de> DeserializeSeed<'de> for RecordSeed<'_> {
    type Value = Arc<Record>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RecordSeed<'_> {
    type Value = Arc<Record>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a record")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let reader = self.reader;
        let ty = reader.schema.record(self.id);
        // The record's own path, for its fields' paths while it is read.
        let path = self.at.path();
        let mut values: Vec<Option<Value>> = vec![None; ty.fields.len()];
        let names = FieldSeed {
            fields: &ty.fields,
            allow_extra_keys: reader.allow_extra_keys,
        };
        while let Some(key) = map.next_key_seed(names)? {
            let Some(index) = key else {
                map.next_value_seed(SecretScan)?;
                continue;
            };
            let (Some(field), Some(slot)) = (ty.fields.get(index), values.get_mut(index)) else {
                return Err(unclean());
            };
            if slot.is_some() {
                return Err(unclean());
            }
            let value = map.next_value_seed(ValueSeed {
                reader,
                expect: Expect::field(&field.ty),
                place: Place::Child(&path, &field.name),
                depth: self.depth,
            })?;
            if path.is_empty() && field.name == FORMAT_FIELD && !is_supported(reader.schema, &value)
            {
                return Err(unclean());
            }
            *slot = Some(value);
        }
        let mut fields = Vec::with_capacity(values.len());
        for (field, value) in ty.fields.iter().zip(values) {
            let value = match value {
                Some(value) => value,
                None => absent(Expect::field(&field.ty), Place::Child(&path, &field.name))?,
            };
            fields.push(value);
        }
        Ok(Arc::new(Record {
            at: self.at,
            fields: fields.into_boxed_slice(),
        }))
    }
}

/// Whether a `format` value is the schema's (the builder stops loading otherwise).
fn is_supported(schema: &Schema, value: &Value) -> bool {
    match value {
        Value::Str(found) => schema.format.is_empty() || **found == *schema.format,
        _ => true,
    }
}

/// Any value of the schema type `ty` at `place`.
struct ValueSeed<'r, 'p> {
    reader: &'r Reader<'r>,
    expect: Expect<'r>,
    place: Place<'p>,
    depth: usize,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_, '_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_, '_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a fact value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        match self.expect.ty {
            Type::Bool => Ok(Value::Bool(v)),
            _ => Err(unclean()),
        }
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        match self.expect.ty {
            Type::Int => Ok(Value::Int(v)),
            _ => Err(unclean()),
        }
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        match (self.expect.ty, i64::try_from(v)) {
            (Type::Int, Ok(v)) => Ok(Value::Int(v)),
            _ => Err(unclean()),
        }
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Value, E> {
        Err(unclean())
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        let v = checked_len(v)?;
        match self.expect.ty {
            Type::Str | Type::Any => Ok(Value::Str(self.reader.string(v))),
            ty => {
                scalars::to_value(self.reader.schema, ty, v, false).map_err(|_: Expected| unclean())
            }
        }
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        absent(self.expect, self.place)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Value, A::Error> {
        let depth = deeper(self.depth).ok_or_else(unclean)?;
        match self.expect.ty {
            Type::Record(id) => RecordSeed {
                reader: self.reader,
                id: *id,
                at: self.place.record_at(),
                depth,
            }
            .visit_map(map)
            .map(Value::Record),
            Type::Map(key, value) => self.map(key, value, depth, map),
            _ => Err(unclean()),
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let depth = deeper(self.depth).ok_or_else(unclean)?;
        let Type::List(item) = self.expect.ty else {
            return Err(unclean());
        };
        let path = self.place.path();
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        let seed = |index| ValueSeed {
            reader: self.reader,
            expect: Expect::required(item),
            place: Place::Index(&path, index),
            depth,
        };
        while let Some(value) = seq.next_element_seed(seed(items.len()))? {
            items.push(value);
        }
        // JSON gives no length ahead: the list grew by doubling, and is kept
        // for the whole run (a 7-entry log would keep room for 8).
        items.shrink_to_fit();
        Ok(Value::List(Arc::new(List {
            path: Some(path),
            items,
        })))
    }
}

impl ValueSeed<'_, '_> {
    fn map<'de, A: MapAccess<'de>>(
        self,
        key_ty: &Type,
        value_ty: &Type,
        depth: usize,
        mut map: A,
    ) -> Result<Value, A::Error> {
        let path = self.place.path();
        let mut entries = IndexMap::new();
        let keys = || MapKeySeed {
            reader: self.reader,
            key_ty,
        };
        while let Some((key, name)) = map.next_key_seed(keys())? {
            if entries.contains_key(&key) {
                return Err(unclean());
            }
            let value = map.next_value_seed(ValueSeed {
                reader: self.reader,
                expect: Expect::required(value_ty),
                place: Place::Child(&path, &name),
                depth,
            })?;
            entries.insert(key, value);
        }
        // As a list's: kept for the whole run, so no room to grow.
        entries.shrink_to_fit();
        Ok(Value::Map(Arc::new(Map {
            path: Some(path),
            entries,
        })))
    }
}

/// A value under a key the schema does not declare (extra keys allowed): not
/// built, but searched for keys named like secrets. serde_json bounds its nesting.
struct SecretScan;

impl<'de> DeserializeSeed<'de> for SecretScan {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for SecretScan {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        checked_len(v).map(|_| ())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(SecretScan)?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_key_seed(KeySeed)?.is_some() {
            map.next_value_seed(SecretScan)?;
        }
        Ok(())
    }
}
