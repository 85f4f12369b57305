//! Building the [`Schema`] from `record`, `enum` and `format` declarations.

use super::problems;
use super::schema::{EnumType, Field, RecordType, Schema, ROOT_RECORD};
use super::types::{Type, Typed};
use crate::diag::Diagnostic;
use crate::syntax::ast::File;
use crate::syntax::ast::{EnumDecl, Item, RecordDecl, StrLit, TypeExpr, TypeExprKind};

/// Collect the schema declared across all files.
pub fn build_schema(files: &[&File], diags: &mut Vec<Diagnostic>) -> Schema {
    let mut schema = Schema::default();
    let items = || files.iter().flat_map(|f| f.items.iter());
    let mut format: Option<&StrLit> = None;
    for item in items() {
        match item {
            Item::Enum(e) => declare_enum(&mut schema, e, diags),
            Item::Record(r) if !r.extend => declare_record(&mut schema, r, diags),
            Item::Format(f) => {
                if let Some(first) = format {
                    diags.push(problems::format_twice(f.span, first.span));
                }
                format = Some(f);
                schema.format = f.as_plain().unwrap_or_default();
            }
            _ => {}
        }
    }
    for item in items() {
        if let Item::Record(r) = item {
            add_fields(&mut schema, r, diags);
        }
    }
    match schema.find_record(ROOT_RECORD) {
        Some(root) => schema.set_root(root),
        None if !schema.records().is_empty() || files.iter().any(|f| has_rules(f)) => {
            diags.push(problems::no_root(ROOT_RECORD));
        }
        None => {}
    }
    schema
}

fn has_rules(file: &File) -> bool {
    file.items.iter().any(|i| matches!(i, Item::Rule(_)))
}

fn is_taken(schema: &Schema, name: &str) -> bool {
    schema.find_record(name).is_some()
        || schema.find_enum(name).is_some()
        || builtin_type(name).is_some()
}

fn declare_enum(schema: &mut Schema, decl: &EnumDecl, diags: &mut Vec<Diagnostic>) {
    if is_taken(schema, &decl.name.text) {
        diags.push(problems::duplicate_type(&decl.name));
        return;
    }
    let mut values: Vec<String> = Vec::new();
    for (value, _) in &decl.values {
        if values.contains(&value.text) {
            diags.push(problems::duplicate_value(value, &decl.name.text));
        } else {
            values.push(value.text.clone());
        }
    }
    schema.declare_enum(EnumType {
        name: decl.name.text.clone(),
        doc: decl.doc.join("\n"),
        values,
    });
}

fn declare_record(schema: &mut Schema, decl: &RecordDecl, diags: &mut Vec<Diagnostic>) {
    if is_taken(schema, &decl.name.text) {
        diags.push(problems::duplicate_type(&decl.name));
        return;
    }
    schema.declare_record(RecordType {
        name: decl.name.text.clone(),
        doc: decl.doc.join("\n"),
        fields: Vec::new(),
        span: decl.span,
    });
}

fn add_fields(schema: &mut Schema, decl: &RecordDecl, diags: &mut Vec<Diagnostic>) {
    let Some(id) = schema.find_record(&decl.name.text) else {
        if decl.extend {
            let names = schema.records().iter().map(|r| r.name.as_str());
            diags.push(problems::extend_unknown(&decl.name, names));
        }
        return;
    };
    // A record declared twice was reported already; only its first declaration counts.
    if !decl.extend && schema.record(id).span != decl.span {
        return;
    }
    for field in &decl.fields {
        if schema.find_field(id, &field.name.text).is_some() {
            diags.push(problems::duplicate_field(&decl.name.text, &field.name));
            continue;
        }
        let Some(ty) = resolve_type(schema, &field.ty, diags) else {
            continue;
        };
        let new = Field {
            name: field.name.text.clone(),
            ty,
            doc: field.doc.join("\n"),
            collect: field.collect.as_ref().and_then(StrLit::as_plain),
        };
        schema.record_mut(id).fields.push(new);
    }
}

/// The types every schema has, by the names rules write them with.
const BUILTIN_TYPES: [(&str, Type); 6] = [
    ("bool", Type::Bool),
    ("int", Type::Int),
    ("string", Type::Str),
    ("timestamp", Type::Time),
    ("duration", Type::Duration),
    ("version", Type::Version),
];

fn builtin_type(name: &str) -> Option<Type> {
    let (_, ty) = BUILTIN_TYPES.iter().find(|(builtin, _)| *builtin == name)?;
    Some(ty.clone())
}

/// Resolve a written type against the schema's types.
pub fn resolve_type(schema: &Schema, ty: &TypeExpr, diags: &mut Vec<Diagnostic>) -> Option<Typed> {
    let inner = match &ty.kind {
        TypeExprKind::Named(name) => {
            let found = builtin_type(&name.text)
                .or_else(|| schema.find_record(&name.text).map(Type::Record))
                .or_else(|| schema.find_enum(&name.text).map(Type::Enum));
            let Some(ty) = found else {
                let mut names: Vec<&str> = BUILTIN_TYPES.iter().map(|(name, _)| *name).collect();
                names.extend(schema.records().iter().map(|r| r.name.as_str()));
                names.extend(schema.enums().iter().map(|e| e.name.as_str()));
                diags.push(problems::unknown_type(name, names));
                return None;
            };
            ty
        }
        TypeExprKind::List(elem) => Type::List(Box::new(element(schema, elem, diags)?)),
        TypeExprKind::Map(k, v) => {
            let key = element(schema, k, diags)?;
            if !matches!(key, Type::Str | Type::Enum(_)) {
                diags.push(problems::map_key(k.span));
                return None;
            }
            Type::Map(Box::new(key), Box::new(element(schema, v, diags)?))
        }
    };
    Some(Typed::maybe(inner, ty.optional))
}

fn element(schema: &Schema, ty: &TypeExpr, diags: &mut Vec<Diagnostic>) -> Option<Type> {
    let t = resolve_type(schema, ty, diags)?;
    if t.optional {
        diags.push(problems::optional_element(ty.span));
    }
    Some(t.ty)
}
