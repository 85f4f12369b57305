//! The diagnostics of the facts loader: one constructor per kind of problem.
//!
//! Every message starts lowercase, names the fact path in backticks and carries a
//! label on the exact place in the file and a `help` saying what to do. Codes are
//! stable (`phs::facts::...`) so docs and tests can refer to them.

use super::scalars::Expected;
use crate::check::schema::Schema;
use crate::check::types::{EnumId, Type};
use crate::diag::{suggestion, Diagnostic};
use crate::limits::{
    MAX_ALIAS_EXPANSION, MAX_ALIAS_EXPANSION_BYTES, MAX_FACTS_DEPTH, MAX_STRING_BYTES,
};
use crate::source::Span;

pub(crate) const SYNTAX: &str = "phs::facts::syntax";
pub(crate) const ROOT: &str = "phs::facts::root";
pub(crate) const FORMAT: &str = "phs::facts::format";
pub(crate) const TYPE: &str = "phs::facts::type";
pub(crate) const MISSING: &str = "phs::facts::missing";
pub(crate) const UNKNOWN_FIELD: &str = "phs::facts::unknown-field";
pub(crate) const DUPLICATE_KEY: &str = "phs::facts::duplicate-key";
pub(crate) const SECRET: &str = "phs::facts::secret";
pub(crate) const ALIAS: &str = "phs::facts::alias";
pub(crate) const LIMIT_DEPTH: &str = "phs::facts::limit::depth";
pub(crate) const LIMIT_ALIASES: &str = "phs::facts::limit::aliases";
pub(crate) const LIMIT_STRING: &str = "phs::facts::limit::string";
pub(crate) const LIMIT_ERRORS: &str = "phs::facts::limit::errors";

/// Longest piece of a wrong value quoted back in a message, in characters.
const MAX_QUOTED_CHARS: usize = 40;

/// What was found where something else was expected.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Found<'a> {
    Mapping,
    List,
    Scalar(&'a str),
    Nothing,
}

impl Found<'_> {
    fn describe(self) -> String {
        match self {
            Found::Mapping => "a mapping".into(),
            Found::List => "a list".into(),
            Found::Scalar(text) => format!("`{}`", quote(text)),
            Found::Nothing => "nothing".into(),
        }
    }
}

/// A wrong value as quoted in a message: one line, cut short when long.
pub(crate) fn quote(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().take(MAX_QUOTED_CHARS) {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    if text.chars().nth(MAX_QUOTED_CHARS).is_some() {
        out.push('…');
    }
    out
}

/// The path as shown in a message: the root is "the facts file".
fn shown(path: &str) -> String {
    if path.is_empty() {
        "the facts file".into()
    } else {
        format!("`{path}`")
    }
}

pub(crate) fn syntax(span: Span, line: usize, column: usize, info: &str) -> Diagnostic {
    let mut help = format!("fix the YAML (or JSON) at line {line}, column {column}");
    if info.contains("Unicode character escape") {
        help.push_str(
            "; escaped surrogate pairs such as `\\ud83d\\ude00` are not supported: write \
             the character itself (in Python, `json.dumps(..., ensure_ascii=False)`)",
        );
    }
    Diagnostic::error(
        SYNTAX,
        format!("the facts file is not valid YAML at line {line}, column {column}: {info}"),
    )
    .label(span, "here")
    .help(help)
}

pub(crate) fn not_a_mapping(span: Span, found: Found, format: &str) -> Diagnostic {
    let message = match found {
        Found::Nothing => "the facts file is empty".to_string(),
        other => format!("a facts file must be a mapping, found {}", other.describe()),
    };
    Diagnostic::error(ROOT, message)
        .label(span, "expected a mapping of fields here")
        .help(format!(
            "a facts file is a mapping that starts with `format: {}`",
            shown_format(format)
        ))
}

pub(crate) fn extra_document(span: Span) -> Diagnostic {
    Diagnostic::error(ROOT, "the facts file holds more than one YAML document")
        .label(span, "a second document starts here")
        .help("put the facts of one server in one document, and other servers in their own files")
}

pub(crate) fn unsupported_format(span: Span, found: &str, supported: &str) -> Diagnostic {
    Diagnostic::error(
        FORMAT,
        format!("unsupported facts format `{}`", quote(found)),
    )
    .label(span, "this format")
    .help(format!(
        "this version of phsrule reads `format: {}`; produce the file with a collector of that \
         format, or upgrade phsrule",
        shown_format(supported)
    ))
}

fn shown_format(format: &str) -> &str {
    if format.is_empty() {
        "phs-facts/1"
    } else {
        format
    }
}

pub(crate) fn missing(span: Span, path: &str, record: &str, field: &str, ty: &str) -> Diagnostic {
    let help = if path == "format" {
        "start the file with `format: phs-facts/1`".to_string()
    } else {
        format!(
            "add `{field}` (a {ty}) to this {record}; only fields marked optional may be left out"
        )
    };
    Diagnostic::error(MISSING, format!("missing required field `{path}`"))
        .label(span, format!("this {record} has no `{field}`"))
        .help(help)
}

pub(crate) fn null_required(span: Span, path: &str, ty: &str) -> Diagnostic {
    Diagnostic::error(MISSING, format!("`{path}` is required but has no value"))
        .label(span, "no value here")
        .help(format!(
            "write the {ty}; only fields marked optional may be null or left empty"
        ))
}

pub(crate) fn unknown_field(
    span: Span,
    key: &str,
    record: &str,
    path: &str,
    fields: &[&str],
) -> Diagnostic {
    let at = if path.is_empty() {
        String::new()
    } else {
        format!(" at `{path}`")
    };
    let help = suggestion(key, fields.iter().copied()).unwrap_or_else(|| {
        let names: Vec<String> = fields.iter().map(|f| format!("`{f}`")).collect();
        format!(
            "the fields of {record} are {}; extra keys can be allowed for org-specific facts",
            names.join(", ")
        )
    });
    Diagnostic::error(
        UNKNOWN_FIELD,
        format!("unknown field `{}` in {record}{at}", quote(key)),
    )
    .label(span, "not a field of this record")
    .help(help)
}

pub(crate) fn secret(span: Span, path: &str) -> Diagnostic {
    Diagnostic::error(
        SECRET,
        format!(
            "{} looks like a secret, which a facts file must never hold",
            shown(path)
        ),
    )
    .label(
        span,
        "refused: named like a password, hash, token or credential",
    )
    .help(
        "remove this key and its value: facts files must never hold passwords, password \
         hashes or other secrets, and phsrule needs only yes/no facts about them (such as \
         `credentials_valid`)",
    )
}

pub(crate) fn duplicate_key(first: (Span, usize), again: (Span, usize), path: &str) -> Diagnostic {
    Diagnostic::error(
        DUPLICATE_KEY,
        format!(
            "`{path}` is given twice, on line {} and line {}",
            first.1, again.1
        ),
    )
    .label(again.0, "given again here")
    .label(first.0, "first given here")
    .help("keep one of them: a key may appear once in a mapping")
}

pub(crate) fn bad_key(span: Span, path: &str) -> Diagnostic {
    Diagnostic::error(
        TYPE,
        format!("a key in {} is a list or mapping", shown(path)),
    )
    .label(span, "this key")
    .help("keys of facts are plain names such as `name` or `password_sync`")
}

/// A value of the wrong shape: a list or mapping where it does not belong, or a
/// scalar where a list or mapping does.
pub(crate) fn mismatch(
    schema: &Schema,
    span: Span,
    path: &str,
    ty: &Type,
    found: Found,
) -> Diagnostic {
    let expected = describe_type(schema, ty);
    Diagnostic::error(
        TYPE,
        format!(
            "{} must be {expected}, found {}",
            shown(path),
            found.describe()
        ),
    )
    .label(span, format!("expected {expected}"))
    .help(format!("write {expected} here"))
}

/// A type as a message names what was expected: "a list of Domain".
fn describe_type(schema: &Schema, ty: &Type) -> String {
    match ty {
        Type::Record(id) => format!("a mapping of {} fields", schema.record_name(*id)),
        Type::List(item) => format!("a list of {}", item.display(schema)),
        Type::Map(key, value) => format!(
            "a mapping of {} to {}",
            key.display(schema),
            value.display(schema)
        ),
        Type::Bool => "true or false".into(),
        Type::Int => "a whole number".into(),
        Type::Enum(id) => format!("a {} value", schema.enum_name(*id)),
        other => format!("a {}", other.display(schema)),
    }
}

/// A scalar that does not convert to the expected type.
pub(crate) fn bad_scalar(
    schema: &Schema,
    span: Span,
    path: &str,
    expected: &Expected,
    text: &str,
) -> Diagnostic {
    let (what, help) = scalar_expectation(schema, expected, text);
    Diagnostic::error(
        TYPE,
        format!("{} must be {what}, found `{}`", shown(path), quote(text)),
    )
    .label(span, format!("expected {what}"))
    .help(help)
}

/// What a scalar should be, and how to write it.
fn scalar_expectation(schema: &Schema, expected: &Expected, text: &str) -> (String, String) {
    match expected {
        Expected::Bool { quoted: true } => (
            "true or false".into(),
            "write `true` or `false` without quotes".into(),
        ),
        Expected::Bool { quoted: false } => (
            "true or false".into(),
            "write `true` or `false`; leave the field out if it is not known".into(),
        ),
        Expected::Int { quoted } => (
            "a whole number".into(),
            if *quoted {
                "write the number without quotes".into()
            } else {
                "write a whole number such as `654`".into()
            },
        ),
        Expected::Time => (
            "an RFC 3339 timestamp with an offset".into(),
            "write it like `2026-11-24T13:31:00Z` (UTC) or `2026-11-24T14:31:00+01:00`".into(),
        ),
        Expected::Version => (
            "a dotted version".into(),
            "write it like `1.1.614.0`".into(),
        ),
        Expected::Duration => (
            "a duration".into(),
            "write it like `45s`, `30m`, `3h` or `7d`".into(),
        ),
        Expected::Enum(id) => enum_expectation(schema, *id, text),
        Expected::Structure => ("a list or mapping".into(), "write a list or mapping".into()),
    }
}

fn enum_expectation(schema: &Schema, id: EnumId, text: &str) -> (String, String) {
    let values = &schema.enum_type(id).values;
    let listed: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
    let what = format!("one of {}", listed.join(", "));
    let help = suggestion(text, values.iter().map(String::as_str))
        .unwrap_or_else(|| format!("use one of the values of {}", schema.enum_name(id)));
    (what, help)
}

pub(crate) fn bad_alias(span: Span, path: &str, recursive: bool) -> Diagnostic {
    let (message, help) = if recursive {
        (
            format!(
                "the alias at {} refers to a node that contains it",
                shown(path)
            ),
            "an alias may only repeat a node that is complete before it",
        )
    } else {
        (
            format!("the alias at {} refers to an unknown anchor", shown(path)),
            "define the anchor (`&name`) before using the alias (`*name`)",
        )
    };
    Diagnostic::error(ALIAS, message)
        .label(span, "this alias")
        .help(help)
}

pub(crate) fn too_deep(span: Span) -> Diagnostic {
    Diagnostic::error(
        LIMIT_DEPTH,
        format!("the facts file nests lists and mappings more than {MAX_FACTS_DEPTH} deep"),
    )
    .label(span, "too deep here")
    .help("facts are never nested this deeply; check the collector that wrote the file")
}

pub(crate) fn too_many_aliases(span: Span) -> Diagnostic {
    Diagnostic::error(
        LIMIT_ALIASES,
        format!(
            "aliases in the facts file expand to more than {MAX_ALIAS_EXPANSION} YAML events \
             or {MAX_ALIAS_EXPANSION_BYTES} bytes"
        ),
    )
    .label(span, "expansion stopped here")
    .help("write the facts out instead of repeating them through anchors and aliases (`&a`, `*a`)")
}

pub(crate) fn long_string(span: Span, path: &str, len: usize) -> Diagnostic {
    Diagnostic::error(
        LIMIT_STRING,
        format!(
            "{} is {len} bytes long, more than the limit of {MAX_STRING_BYTES}",
            shown(path)
        ),
    )
    .label(span, "this value")
    .help("shorten the value; an event message or attribute this long is never needed")
}

pub(crate) fn long_key(span: Span, path: &str, len: usize) -> Diagnostic {
    Diagnostic::error(
        LIMIT_STRING,
        format!(
            "a key in {} is {len} bytes long, more than the limit of {MAX_STRING_BYTES}",
            shown(path)
        ),
    )
    .label(span, "this key")
    .help("keys of facts are short names such as `name` or `password_sync`")
}

pub(crate) fn too_many_problems(shown: usize) -> Diagnostic {
    Diagnostic::error(
        LIMIT_ERRORS,
        format!("too many problems; showing the first {shown}"),
    )
    .help("fix these and load the file again to see the rest")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_values_are_one_line_and_short() {
        assert_eq!(quote("a\nb"), "a\\nb");
        assert_eq!(quote("é"), "é");
        let long = "x".repeat(100);
        assert_eq!(quote(&long).chars().count(), MAX_QUOTED_CHARS + 1);
    }
}
