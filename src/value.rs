//! Runtime values: the compact, typed form of facts and of everything rules compute.
//!
//! Facts are loaded straight into these (see `facts`), laid out by the schema: a
//! record is a slice of field values in schema order, an enum value is the index of
//! its variant. Nothing here holds a field name; the schema gives names back when a
//! value must be shown. An unknown fact is [`Value::Unknown`], carrying the paths of
//! the facts that were missing so a report can say what to collect.

use chrono::{DateTime, FixedOffset};
use indexmap::IndexMap;
use std::fmt::Write as _;
use std::sync::{Arc, LazyLock};

/// A path to a fact, as users read it: `connectors[0].domains[1].reachable`.
pub type FactPath = Arc<str>;

/// A value in a rule's evaluation. Equality is structural (the checked program's
/// literals); [`crate::eval`] compares values by their meaning.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Not determined; holds the facts whose absence made it so (sorted, no repeats).
    Unknown(Arc<[FactPath]>),
    Bool(bool),
    Int(i64),
    Str(Arc<str>),
    Time(DateTime<FixedOffset>),
    /// A duration in seconds.
    Duration(i64),
    Version(Arc<[u64]>),
    /// The index of a variant of the enum the checker knows this value to have.
    Enum(u32),
    List(Arc<List>),
    Map(Arc<Map>),
    Record(Arc<Record>),
}

/// A list, with the path it was read from (elements' paths derive from it).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct List {
    pub path: Option<FactPath>,
    pub items: Vec<Value>,
}

/// A map; keys keep their order from the facts file or the literal.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Map {
    pub path: Option<FactPath>,
    pub entries: IndexMap<Key, Value>,
}

/// A map key: strings in facts, enum values or strings in rule literals.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    Str(Arc<str>),
    Enum(u32),
}

impl Key {
    /// The key a string or an enum value looks up in a map.
    pub fn of(value: &Value) -> Option<Key> {
        match value {
            Value::Str(s) => Some(Key::Str(Arc::clone(s))),
            Value::Enum(i) => Some(Key::Enum(*i)),
            _ => None,
        }
    }
}

/// A record of the fact schema: field values in schema order.
///
/// An optional field the facts file left out or gave as `null` holds the one
/// shared [`Value::absent`] (a large file has one per log entry, and most of
/// them are never read); [`Record::read`] spells out its path when a rule
/// reads it. So read fields through [`Record::read`], not `fields`, wherever
/// an unknown's path may show.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// Where the record sits in the facts file: [`Record::path`] spells it out.
    pub at: RecordAt,
    pub fields: Box<[Value]>,
}

/// Where a record sits in the facts file. Most records are items of a list (an
/// object, its log entries, its lineage) whose path is read only when a rule
/// binds the record or reads an absent field of it: such a record shares its
/// list's path and keeps its index, and its own path is spelt out when read.
#[derive(Debug, Clone, PartialEq)]
pub enum RecordAt {
    /// Its whole path (`""` for the root, `tenant`, `objects[3].cs`).
    Path(FactPath),
    /// Item `index` of the list at the path (`objects`, index 3: `objects[3]`).
    Item(FactPath, u32),
}

impl RecordAt {
    /// The record at item `index` of the list at `list`.
    pub fn item(list: &FactPath, index: usize) -> RecordAt {
        match u32::try_from(index) {
            Ok(index) => RecordAt::Item(Arc::clone(list), index),
            Err(_) => RecordAt::Path(index_path(list, index)),
        }
    }

    /// The path, spelt out (a new string for an item of a list).
    pub fn path(&self) -> FactPath {
        match self {
            RecordAt::Path(path) => Arc::clone(path),
            RecordAt::Item(list, index) => index_path(list, *index as usize),
        }
    }
}

impl Record {
    /// Where the record sits in the facts file (`""` for the root), spelt out:
    /// a new string for an item of a list (see [`RecordAt`]).
    pub fn path(&self) -> FactPath {
        self.at.path()
    }

    /// Field `index`, named `name` in the schema, as rules see it: an absent
    /// field is unknown with its own path (`objects[3].details`).
    pub fn read(&self, index: usize, name: &str) -> Option<Value> {
        let value = self.fields.get(index)?;
        Some(if value.is_absent() {
            Value::unknown(child_path(&self.path(), name))
        } else {
            value.clone()
        })
    }
}

/// The paths of the one unknown every absent field shares: none (see [`Record`]).
static ABSENT: LazyLock<Arc<[FactPath]>> = LazyLock::new(|| Arc::from(Vec::new()));

impl Value {
    pub fn unknown(path: impl Into<FactPath>) -> Value {
        Value::Unknown(Arc::from(vec![path.into()]))
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self, Value::Unknown(_))
    }

    /// What a record holds for an optional field that is absent from its facts
    /// file: an unknown naming no fact, shared by all, whose path
    /// [`Record::read`] spells out from the record's and the field's.
    pub fn absent() -> Value {
        Value::Unknown(Arc::clone(&ABSENT))
    }

    /// Whether this is an unknown that names no fact: in a record's field, an
    /// absent field (see [`Value::absent`]).
    pub fn is_absent(&self) -> bool {
        matches!(self, Value::Unknown(paths) if paths.is_empty())
    }

    pub fn str(text: &str) -> Value {
        Value::Str(Arc::from(text))
    }

    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Arc::new(List { path: None, items }))
    }

    /// The fact paths an unknown value stands for (empty for a known value).
    pub fn unknown_paths(&self) -> &[FactPath] {
        match self {
            Value::Unknown(paths) => paths,
            _ => &[],
        }
    }
}

/// Union of the unknown paths of several values, sorted and without repeats.
pub fn merge_unknown<'a>(values: impl IntoIterator<Item = &'a Value>) -> Value {
    let mut paths: Vec<FactPath> = values
        .into_iter()
        .flat_map(|v| v.unknown_paths().iter().cloned())
        .collect();
    paths.sort();
    paths.dedup();
    Value::Unknown(Arc::from(paths))
}

/// Path of a child of a record: `parent.field` (or `field` at the root).
pub fn child_path(parent: &str, field: &str) -> FactPath {
    if parent.is_empty() {
        Arc::from(field)
    } else {
        let mut s = String::with_capacity(parent.len() + 1 + field.len());
        s.push_str(parent);
        s.push('.');
        s.push_str(field);
        Arc::from(s)
    }
}

/// Path of an element of a list: `parent[i]`.
pub fn index_path(parent: &str, index: usize) -> FactPath {
    let mut s = String::with_capacity(parent.len() + 8);
    s.push_str(parent);
    let _ = write!(s, "[{index}]");
    Arc::from(s)
}

/// Render a duration the way rules write it: `3h`, `90m`, `7d`, `45s` (weeks as
/// days, which reads better in messages).
pub fn format_duration(seconds: i64) -> String {
    const UNITS: [(u64, &str); 3] = [(86_400, "d"), (3_600, "h"), (60, "m")];
    if seconds == 0 {
        return "0s".to_string();
    }
    let sign = if seconds < 0 { "-" } else { "" };
    let abs = seconds.unsigned_abs();
    for (unit, suffix) in UNITS {
        // One day reads better as 24h; from two days on, days.
        let too_small = suffix == "d" && abs < 2 * unit;
        if abs % unit == 0 && !too_small {
            return format!("{sign}{}{suffix}", abs / unit);
        }
    }
    if abs < 60 {
        return format!("{sign}{abs}s");
    }
    // An age such as "29m 51s" or "2d 3h 5m": the largest units, down to seconds
    // below an hour and to minutes above.
    let mut parts = Vec::new();
    let mut rest = abs;
    for (unit, suffix) in [(86_400, "d"), (3_600, "h"), (60, "m"), (1, "s")] {
        if suffix == "s" && abs >= 3_600 {
            break;
        }
        if rest >= unit {
            parts.push(format!("{}{suffix}", rest / unit));
            rest %= unit;
        }
    }
    format!("{sign}{}", parts.join(" "))
}

/// Render a version as dotted numbers.
pub fn format_version(parts: &[u64]) -> String {
    parts
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

/// Parse a dotted version such as `1.1.614.0`.
pub fn parse_version(text: &str) -> Option<Arc<[u64]>> {
    let parts: Option<Vec<u64>> = text.split('.').map(|p| p.parse().ok()).collect();
    parts.filter(|p| !p.is_empty()).map(Arc::from)
}

/// Compare versions part by part, missing parts counting as zero (`1.1` == `1.1.0`).
pub fn compare_versions(a: &[u64], b: &[u64]) -> std::cmp::Ordering {
    let len = a.len().max(b.len());
    (0..len)
        .map(|i| {
            let x = a.get(i).copied().unwrap_or(0);
            let y = b.get(i).copied().unwrap_or(0);
            x.cmp(&y)
        })
        .find(|o| o.is_ne())
        .unwrap_or(std::cmp::Ordering::Equal)
}

/// Render a timestamp as RFC 3339, `Z` for UTC.
pub fn format_time(t: &DateTime<FixedOffset>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_render_in_their_largest_exact_unit() {
        assert_eq!(format_duration(3 * 3600), "3h");
        assert_eq!(format_duration(90 * 60), "90m");
        assert_eq!(format_duration(7 * 86_400), "7d");
        assert_eq!(format_duration(45), "45s");
        assert_eq!(format_duration(86_400), "24h");
        assert_eq!(format_duration(2 * 86_400), "2d");
        assert_eq!(format_duration(-120), "-2m");
        assert_eq!(format_duration(1_731), "28m 51s");
        assert_eq!(
            format_duration(2 * 86_400 + 3 * 3_600 + 5 * 60 + 7),
            "2d 3h 5m"
        );
    }

    #[test]
    fn versions_compare_numerically_with_missing_parts_as_zero() {
        let v = |s| parse_version(s).unwrap_or_else(|| Arc::from(vec![]));
        assert!(compare_versions(&v("1.1.614.0"), &v("1.1.524.0")).is_gt());
        assert!(compare_versions(&v("1.10.0"), &v("1.9.9")).is_gt());
        assert!(compare_versions(&v("2.0"), &v("2.0.0.0")).is_eq());
    }

    #[test]
    fn an_absent_field_reads_as_unknown_of_its_own_path() {
        let objects: FactPath = Arc::from("objects");
        let record = Record {
            at: RecordAt::item(&objects, 3),
            fields: vec![Value::absent(), Value::Int(1)].into_boxed_slice(),
        };
        let details = record.read(0, "details").unwrap_or(Value::Bool(false));
        let paths: Vec<&str> = details.unknown_paths().iter().map(|p| &**p).collect();
        assert_eq!(paths, ["objects[3].details"]);
        assert_eq!(record.read(1, "count"), Some(Value::Int(1)));
        assert_eq!(&*record.path(), "objects[3]");
    }

    #[test]
    fn unknown_paths_are_merged_sorted_and_unique() {
        let a = Value::unknown("b");
        let b = Value::unknown("a");
        let m = merge_unknown([&a, &b, &a]);
        let paths: Vec<&str> = m.unknown_paths().iter().map(|p| &**p).collect();
        assert_eq!(paths, ["a", "b"]);
    }
}
