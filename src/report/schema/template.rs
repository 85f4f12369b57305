//! `phsrule schema --format facts`: a facts file to fill in by hand, written from
//! the schema in force. Above each key, as YAML comments: its meaning (the
//! field's doc comment), its type and its `collect` hint. Records are nested
//! mappings and lists show one example item.
//!
//! The template is valid YAML and loads as a facts file once its placeholders are
//! filled: every required value is left empty with a `# FILL IN` comment (the
//! loader names each one still empty: "`server.name` is required but has no
//! value"), and every optional fact is commented out, so that what nobody
//! collected stays unknown instead of being guessed.

use crate::check::schema::{Field, Schema};
use crate::check::types::{EnumId, RecordId, Type, Typed};
use std::fmt::Write as _;

/// How a template is filled. People get empty values and optional facts
/// commented out; the tests also fill in examples and uncomment, to check that
/// the shape is one the loader accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fill {
    /// Example values instead of empty ones with `# FILL IN`.
    examples: bool,
    /// Optional facts written like required ones instead of commented out.
    optional_present: bool,
}

/// The template for people.
const PLACEHOLDERS: Fill = Fill {
    examples: false,
    optional_present: false,
};

const HEADER: &str = "\
# A facts file to fill in by hand, from `phsrule schema --format facts`.
# Above each key: what it means, its type, and where to find the value (collect).
# - Replace every FILL IN with the value: `phsrule check` names each one left empty.
# - Optional facts are commented out: uncomment and fill in those you collected.
#   A fact left out is unknown, never false: the checks that need it are reported
#   as undetermined, with what to collect.
# - A list shows one example item: repeat it for each item, or write [] for none.
";

/// The commented template of a facts file for `schema`.
pub fn render_facts_template(schema: &Schema) -> String {
    render(schema, PLACEHOLDERS)
}

fn render(schema: &Schema, fill: Fill) -> String {
    let mut template = Template {
        schema,
        fill,
        open: vec![schema.root()],
    };
    let mut out = String::from(HEADER);
    for field in &schema.record(schema.root()).fields {
        out.push('\n');
        // The format tag is the one value a template knows.
        let format = field.name == "format" && !schema.format.is_empty();
        out.push_str(&template.field(field, 0, format.then_some(schema.format.as_str())));
    }
    out
}

struct Template<'a> {
    schema: &'a Schema,
    fill: Fill,
    /// The records being written, outermost first: a record that holds itself is
    /// written once.
    open: Vec<RecordId>,
}

impl Template<'_> {
    /// One field: its comments, then its key and value, commented out if optional.
    fn field(&mut self, field: &Field, indent: usize, fixed: Option<&str>) -> String {
        let pad = " ".repeat(indent);
        let mut out = String::new();
        for line in field.doc.lines() {
            let _ = writeln!(out, "{}", format!("{pad}# {line}").trim_end());
        }
        let _ = writeln!(out, "{pad}# type: {}", self.describe(&field.ty));
        if field.ty.optional {
            let _ = writeln!(
                out,
                "{pad}# optional: uncomment it if you collected it; left out, it is unknown"
            );
        }
        if let Some(hint) = &field.collect {
            let _ = writeln!(out, "{pad}# collect: {}", hint.replace('\n', " "));
        }
        let body = match fixed {
            Some(value) => format!("{pad}{}: {value}\n", field.name),
            None => self.value(&field.name, &field.ty.ty, indent),
        };
        if field.ty.optional && !self.fill.optional_present {
            out.push_str(&comment_out(&body, indent));
        } else {
            out.push_str(&body);
        }
        out
    }

    /// `key: value` and what is nested under it.
    fn value(&mut self, key: &str, ty: &Type, indent: usize) -> String {
        let pad = " ".repeat(indent);
        match ty {
            Type::Record(id) => match self.fields(*id, indent + 2) {
                Some(fields) => format!("{pad}{key}:\n{fields}"),
                None => format!("{pad}{key}:  # FILL IN: a {}, as above\n", self.record(*id)),
            },
            Type::List(item) => match item.as_ref() {
                Type::Record(id) if self.open.contains(id) => {
                    format!("{pad}{key}: []  # {} items, as above\n", self.record(*id))
                }
                _ => format!("{pad}{key}:\n{}", self.item(item, indent + 2)),
            },
            Type::Map(..) => format!("{pad}{key}: {{}}  # or one \"key: value\" line each\n"),
            scalar => format!("{pad}{key}:{}\n", self.scalar(scalar)),
        }
    }

    /// One example item of a list: a record's fields after `- `, or one value.
    fn item(&mut self, ty: &Type, indent: usize) -> String {
        let pad = " ".repeat(indent);
        match ty {
            Type::Record(id) => match self.fields(*id, indent + 2) {
                Some(fields) => dash_first_key(&fields, indent),
                None => format!("{pad}-  # FILL IN: a {}, as above\n", self.record(*id)),
            },
            Type::List(_) | Type::Map(..) => format!("{pad}- []\n"),
            scalar => format!("{pad}-{}\n", self.scalar(scalar)),
        }
    }

    /// The fields of a record, each at `indent`; `None` for a record already open.
    fn fields(&mut self, id: RecordId, indent: usize) -> Option<String> {
        if self.open.contains(&id) {
            return None;
        }
        let schema = self.schema;
        let record = schema.record(id);
        self.open.push(id);
        let text = record
            .fields
            .iter()
            .map(|f| self.field(f, indent, None))
            .collect();
        self.open.pop();
        Some(text)
    }

    /// What follows `key:` for a scalar (or `-` for a list item).
    fn scalar(&self, ty: &Type) -> String {
        if self.fill.examples {
            format!(" {}", self.example(ty))
        } else {
            "  # FILL IN".to_string()
        }
    }

    fn example(&self, ty: &Type) -> String {
        match ty {
            Type::Bool => "false".into(),
            Type::Int => "1".into(),
            Type::Time => "2026-11-24T14:00:00Z".into(),
            Type::Duration => "1h".into(),
            Type::Version => "1.1.614.0".into(),
            // An enum declares at least one value (the grammar says so).
            Type::Enum(id) => format!("\"{}\"", self.schema.enum_value(*id, 0).unwrap_or_default()),
            _ => "\"example\"".into(),
        }
    }

    fn record(&self, id: RecordId) -> &str {
        self.schema.record_name(id)
    }

    /// The type as `.phs` writes it, with how to write a value of it.
    fn describe(&self, ty: &Typed) -> String {
        let how = match &ty.ty {
            Type::Bool => " (true or false)".to_string(),
            Type::Time => " (RFC 3339 with an offset, e.g. 2026-11-24T14:00:00Z)".to_string(),
            Type::Version => " (dotted numbers, e.g. 1.1.614.0)".to_string(),
            Type::Duration => " (e.g. 3h, 7d)".to_string(),
            Type::Enum(id) => format!(" (one of: {})", self.enum_values(*id)),
            Type::List(item) => match item.as_ref() {
                Type::Enum(id) => format!(
                    " (each one of: {}; one example item: repeat it, or write [] for none)",
                    self.enum_values(*id)
                ),
                _ => " (one example item: repeat it for each, or write [] for none)".to_string(),
            },
            Type::Map(..) => " (one `key: value` line each, or {} for none)".to_string(),
            _ => String::new(),
        };
        format!("{}{how}", ty.display(self.schema))
    }

    fn enum_values(&self, id: EnumId) -> String {
        self.schema.enum_type(id).values.join(", ")
    }
}

/// Put `- ` before the first key of an item's fields (indented two deeper than
/// the dash), leaving the comments above it where they are.
fn dash_first_key(fields: &str, indent: usize) -> String {
    let key_pad = " ".repeat(indent + 2);
    let mut out = String::with_capacity(fields.len() + 2);
    let mut dashed = false;
    for line in fields.lines() {
        let is_key = line
            .strip_prefix(&key_pad)
            .is_some_and(|rest| !rest.starts_with(['#', ' ']));
        if !dashed && is_key {
            let _ = writeln!(out, "{}- {}", " ".repeat(indent), line.trim_start());
            dashed = true;
        } else {
            let _ = writeln!(out, "{line}");
        }
    }
    if !dashed {
        out.insert_str(0, &format!("{}- {{}}\n", " ".repeat(indent)));
    }
    out
}

/// Comment out every line of `body` at column `indent`.
fn comment_out(body: &str, indent: usize) -> String {
    let pad = " ".repeat(indent);
    body.lines()
        .map(|line| {
            let rest = line.strip_prefix(&pad).unwrap_or(line.trim_start());
            format!("{pad}# {rest}\n")
        })
        .collect()
}

#[cfg(test)]
mod tests;
