//! Showing values as text in messages and remediations.

use crate::check::schema::Schema;
use crate::check::types::Type;
use crate::value::{format_duration, format_time, format_version, FactPath, Key, Record, Value};
use std::sync::Arc;

/// How a value reads in a message: strings as they are, durations as `3h`, enum
/// values by name, lists joined with `, `, unknown values as `(unknown)`.
pub fn show(schema: &Schema, ty: &Type, value: &Value) -> String {
    match value {
        Value::Unknown(_) => "(unknown)".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Int(n) => n.to_string(),
        Value::Str(s) => s.to_string(),
        Value::Time(t) => format_time(t),
        Value::Duration(d) => format_duration(*d),
        Value::Version(v) => format_version(v),
        Value::Enum(i) => match ty {
            // The loader and the checker make enum values of their enum only;
            // the index is what is left to show of one that is not.
            Type::Enum(id) => schema
                .enum_value(*id, *i)
                .map_or_else(|| i.to_string(), str::to_string),
            _ => i.to_string(),
        },
        Value::List(list) => {
            let elem = match ty {
                Type::List(t) => &**t,
                _ => &Type::Any,
            };
            if list.items.is_empty() {
                return "(none)".to_string();
            }
            list.items
                .iter()
                .map(|v| show(schema, elem, v))
                .collect::<Vec<_>>()
                .join(", ")
        }
        Value::Map(map) => {
            let (kt, vt) = match ty {
                Type::Map(k, v) => (&**k, &**v),
                _ => (&Type::Any, &Type::Any),
            };
            map.entries
                .iter()
                .map(|(k, v)| {
                    let key = match k {
                        Key::Str(s) => s.to_string(),
                        Key::Enum(i) => show(schema, kt, &Value::Enum(*i)),
                    };
                    format!("{key}: {}", show(schema, vt, v))
                })
                .collect::<Vec<_>>()
                .join(", ")
        }
        Value::Record(r) => label_of(schema, ty, r).unwrap_or_else(|| r.path().to_string()),
    }
}

/// How a bound value reads in a report: a record's label, or its path when it
/// has none (`path`, when the caller has it spelt out); the value shown
/// otherwise. A string label is the record's own text, shared rather than
/// copied: every rule over the same record names it alike.
pub fn shared_label(
    schema: &Schema,
    ty: &Type,
    value: &Value,
    path: Option<&FactPath>,
) -> Arc<str> {
    let Value::Record(r) = value else {
        return show(schema, ty, value).into();
    };
    match (ty, r.fields.first()) {
        (Type::Record(id), Some(Value::Str(text))) if schema.field(*id, 0).is_some() => {
            Arc::clone(text)
        }
        _ => match label_of(schema, ty, r) {
            Some(label) => Arc::from(label),
            None => path.map_or_else(|| r.path(), Arc::clone),
        },
    }
}

/// A record's label: its first field when that is a string or a number (the
/// schema's convention: `name`, `dn`, `id` come first).
pub fn label_of(schema: &Schema, ty: &Type, record: &Record) -> Option<String> {
    let Type::Record(id) = ty else { return None };
    let field = schema.field(*id, 0)?;
    let value = record.fields.first()?;
    match value {
        Value::Str(_) | Value::Int(_) | Value::Version(_) => {
            Some(show(schema, &field.ty.ty, value))
        }
        _ => None,
    }
}
