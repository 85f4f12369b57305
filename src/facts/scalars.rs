//! YAML scalars to typed values: the conversions and what each one expects.
//!
//! A scalar's text and whether it was written plain (unquoted) are all that matter;
//! YAML tags are ignored. `true` and numbers must be plain (quoted, they are
//! strings); timestamps, versions and enum values may be quoted, since JSON
//! collectors write them as strings. Nothing here allocates unless the value itself
//! needs it.

use crate::check::schema::Schema;
use crate::check::types::{EnumId, Type};
use crate::value::{parse_version, Value};
use chrono::DateTime;
use std::sync::Arc;

/// What a scalar should have looked like, when it did not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Expected {
    /// `true` or `false`; `quoted` when it was, which is the likely mistake.
    Bool { quoted: bool },
    /// A whole number that fits in 64 bits.
    Int { quoted: bool },
    /// RFC 3339 with an offset.
    Time,
    /// Dotted numbers.
    Version,
    /// A number and a unit: `30m`.
    Duration,
    /// One of an enum's values.
    Enum(EnumId),
    /// Not a scalar at all: a record, list or map.
    Structure,
}

/// Whether a scalar stands for "no value": plain `null`, `~` or nothing at all.
pub(crate) fn is_null(text: &str, plain: bool) -> bool {
    plain && matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

/// The value of type `ty` that a scalar writes.
pub(crate) fn to_value(
    schema: &Schema,
    ty: &Type,
    text: &str,
    plain: bool,
) -> Result<Value, Expected> {
    match ty {
        Type::Bool => to_bool(text, plain).map(Value::Bool),
        Type::Int => to_int(text, plain).map(Value::Int),
        Type::Str | Type::Any => Ok(Value::Str(Arc::from(text))),
        Type::Time => DateTime::parse_from_rfc3339(text)
            .map(Value::Time)
            .map_err(|_| Expected::Time),
        Type::Version => parse_version(text)
            .map(Value::Version)
            .ok_or(Expected::Version),
        Type::Duration => to_seconds(text)
            .map(Value::Duration)
            .ok_or(Expected::Duration),
        Type::Enum(id) => enum_index(schema, *id, text)
            .map(Value::Enum)
            .ok_or(Expected::Enum(*id)),
        Type::List(_) | Type::Map(..) | Type::Record(_) => Err(Expected::Structure),
    }
}

fn to_bool(text: &str, plain: bool) -> Result<bool, Expected> {
    let expected = Expected::Bool { quoted: !plain };
    if !plain {
        return Err(expected);
    }
    match text {
        "true" | "True" | "TRUE" => Ok(true),
        "false" | "False" | "FALSE" => Ok(false),
        _ => Err(expected),
    }
}

fn to_int(text: &str, plain: bool) -> Result<i64, Expected> {
    if !plain {
        return Err(Expected::Int { quoted: true });
    }
    text.parse().map_err(|_| Expected::Int { quoted: false })
}

/// The index of the value of enum `id` spelled `text`, ignoring case (PowerShell
/// writes `Inbound` where the schema says `inbound`); an exact spelling wins.
pub(crate) fn enum_index(schema: &Schema, id: EnumId, text: &str) -> Option<u32> {
    let values = &schema.enum_type(id).values;
    values
        .iter()
        .position(|v| v == text)
        .or_else(|| values.iter().position(|v| v.eq_ignore_ascii_case(text)))
        .and_then(|i| u32::try_from(i).ok())
}

/// Seconds in a duration written as a number and a unit (`45s`, `30m`, `3h`, `7d`, `1w`).
fn to_seconds(text: &str) -> Option<i64> {
    let unit_at = text.find(|c: char| !c.is_ascii_digit())?;
    let count: i64 = text.get(..unit_at)?.parse().ok()?;
    let unit = match text.get(unit_at..)? {
        "s" => 1,
        "m" => 60,
        "h" => 3_600,
        "d" => 86_400,
        "w" => 604_800,
        _ => return None,
    };
    count.checked_mul(unit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::schema::EnumType;

    /// A schema with one enum, `Kind { ad, aad }`, and that enum's id.
    fn schema() -> (Schema, EnumId) {
        let mut schema = Schema::new();
        let kind = schema.declare_enum(EnumType {
            name: "Kind".into(),
            doc: String::new(),
            values: vec!["ad".into(), "aad".into()],
        });
        (schema, kind)
    }

    fn convert(ty: Type, text: &str, plain: bool) -> Result<Value, Expected> {
        to_value(&schema().0, &ty, text, plain)
    }

    #[test]
    fn booleans_are_plain_words_in_three_cases() {
        assert!(matches!(
            convert(Type::Bool, "True", true),
            Ok(Value::Bool(true))
        ));
        assert!(matches!(
            convert(Type::Bool, "FALSE", true),
            Ok(Value::Bool(false))
        ));
        assert_eq!(
            convert(Type::Bool, "yes", true).err(),
            Some(Expected::Bool { quoted: false })
        );
        assert_eq!(
            convert(Type::Bool, "true", false).err(),
            Some(Expected::Bool { quoted: true })
        );
    }

    #[test]
    fn a_plain_number_is_text_where_a_string_is_expected() {
        assert!(matches!(convert(Type::Str, "1", true), Ok(Value::Str(s)) if &*s == "1"));
    }

    #[test]
    fn integers_overflowing_64_bits_are_refused() {
        assert!(matches!(
            convert(Type::Int, "-654", true),
            Ok(Value::Int(-654))
        ));
        assert!(convert(Type::Int, "99999999999999999999", true).is_err());
    }

    #[test]
    fn timestamps_need_an_offset() {
        assert!(convert(Type::Time, "2026-11-24T13:31:00Z", true).is_ok());
        assert!(convert(Type::Time, "2026-11-24T14:31:00+01:00", false).is_ok());
        assert_eq!(
            convert(Type::Time, "2026-11-24T13:31:00", true).err(),
            Some(Expected::Time)
        );
    }

    #[test]
    fn enum_values_match_ignoring_case() {
        let kind = schema().1;
        assert!(matches!(
            convert(Type::Enum(kind), "aad", true),
            Ok(Value::Enum(1))
        ));
        assert!(matches!(
            convert(Type::Enum(kind), "AAD", true),
            Ok(Value::Enum(1))
        ));
        assert_eq!(
            convert(Type::Enum(kind), "azure", true).err(),
            Some(Expected::Enum(kind))
        );
    }

    #[test]
    fn durations_have_one_unit() {
        assert_eq!(to_seconds("3h"), Some(10_800));
        assert_eq!(to_seconds("h"), None);
        assert_eq!(to_seconds("3"), None);
        assert_eq!(to_seconds("99999999999999999w"), None);
    }

    #[test]
    fn null_is_only_plain() {
        assert!(is_null("~", true));
        assert!(is_null("", true));
        assert!(!is_null("null", false));
    }
}
