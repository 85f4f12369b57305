//! The `phs::schema::*` diagnostics: the fact schema's records, enums and
//! fields as `check/schema_build.rs` reads them.

use crate::diag::{suggestion, Diagnostic};
use crate::source::Span;
use crate::syntax::ast::Name;

/// A second `format` declaration.
pub fn format_twice(second: Span, first: Span) -> Diagnostic {
    Diagnostic::error("phs::schema::format", "the facts format is declared twice")
        .label(second, "second declaration")
        .label(first, "first declaration")
}

/// Rules are loaded but no file declares the root record `root`.
pub fn no_root(root: &str) -> Diagnostic {
    Diagnostic::error(
        "phs::schema::no-root",
        format!("no fact schema is loaded: there is no `record {root}`"),
    )
    .help("the schema is part of the builtin pack; drop `--no-builtin`, or load a schema file that declares `record Facts`")
}

/// A record or enum whose name is taken.
pub fn duplicate_type(name: &Name) -> Diagnostic {
    Diagnostic::error(
        "phs::schema::duplicate-type",
        format!("the type `{}` is declared twice", name.text),
    )
    .label(name.span, "declared again here")
    .help("to add fields to an existing record, write `extend record`")
}

/// An enum value listed twice in enum `enum_name`.
pub fn duplicate_value(value: &Name, enum_name: &str) -> Diagnostic {
    Diagnostic::error(
        "phs::schema::duplicate-value",
        format!("`{}` appears twice in `{enum_name}`", value.text),
    )
    .label(value.span, "repeated")
}

/// `extend record` of a record that is not declared; `records` are the declared ones.
pub fn extend_unknown<'a>(name: &Name, records: impl IntoIterator<Item = &'a str>) -> Diagnostic {
    Diagnostic::error(
        "phs::schema::unknown-type",
        format!("cannot extend unknown record `{}`", name.text),
    )
    .label(name.span, "no such record")
    .with_help(suggestion(&name.text, records))
}

/// A type name that is neither builtin nor declared; `types` are the known ones.
pub fn unknown_type<'a>(name: &Name, types: impl IntoIterator<Item = &'a str>) -> Diagnostic {
    Diagnostic::error(
        "phs::schema::unknown-type",
        format!("unknown type `{}`", name.text),
    )
    .label(name.span, "not a type")
    .with_help(suggestion(&name.text, types))
}

/// A field declared twice in record `record` (or again by `extend record`).
pub fn duplicate_field(record: &str, field: &Name) -> Diagnostic {
    Diagnostic::error(
        "phs::schema::duplicate-field",
        format!("`{record}` already has a field `{}`", field.text),
    )
    .label(field.span, "declared again here")
}

/// A map whose key type is not a string or an enum.
pub fn map_key(span: Span) -> Diagnostic {
    Diagnostic::error(
        "phs::schema::map-key",
        "map keys must be strings or enum values",
    )
    .label(span, "not a string or enum")
}

/// `list<string?>` and the like.
pub fn optional_element(span: Span) -> Diagnostic {
    Diagnostic::error(
        "phs::schema::optional-element",
        "items of lists and maps cannot be optional",
    )
    .label(span, "remove this `?`")
    .help("mark the whole list or map optional instead: `list<string>?`")
}
