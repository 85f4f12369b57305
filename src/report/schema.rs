//! The fact schema in force, printed for `phsrule schema`: as `.phs`
//! declarations ([`render_schema`]) or as a facts file to fill in
//! ([`template`]).
//!
//! The declarations are a syntax tree printed by the formatter's printer, so they
//! are laid out as `phsrule fmt` lays them out and every string (a `collect` hint
//! holding `\`, `{` or `"`) is escaped as the parser reads it back.

pub mod template;

use crate::check::schema::{EnumType, Field, RecordType, Schema};
use crate::check::types::Type;
use crate::source::Span;
use crate::syntax::ast::{
    EnumDecl, FieldDecl, File, Item, Name, RecordDecl, StrLit, StrPart, TypeExpr, TypeExprKind,
};
use crate::syntax::lex::is_name;
use crate::syntax::print::print_file;

/// The schema as `.phs` declarations, in declaration order, with docs and hints.
pub fn render_schema(schema: &Schema) -> String {
    let format = (!schema.format.is_empty()).then(|| Item::Format(plain(&schema.format)));
    let enums = schema.enums().iter().map(|e| Item::Enum(enum_decl(e)));
    let records = schema.records().iter().map(|r| record_decl(schema, r));
    let items = format.into_iter().chain(enums);
    let items = items.chain(records.map(Item::Record)).collect();
    print_file(&File { pack: None, items })
}

fn enum_decl(e: &EnumType) -> EnumDecl {
    EnumDecl {
        doc: doc_lines(&e.doc),
        name: name(&e.name),
        // A value is written bare when it is a name, else as a string
        // (`"Replicate Directory Changes"`).
        values: e.values.iter().map(|v| (name(v), !is_name(v))).collect(),
        span: Span::default(),
    }
}

fn record_decl(schema: &Schema, r: &RecordType) -> RecordDecl {
    RecordDecl {
        doc: doc_lines(&r.doc),
        extend: false,
        name: name(&r.name),
        fields: r.fields.iter().map(|f| field_decl(schema, f)).collect(),
        span: Span::default(),
    }
}

fn field_decl(schema: &Schema, f: &Field) -> FieldDecl {
    FieldDecl {
        doc: doc_lines(&f.doc),
        name: name(&f.name),
        ty: type_expr(schema, &f.ty.ty, f.ty.optional),
        collect: f.collect.as_deref().map(plain),
    }
}

/// A type as written; only a field's own type can be optional.
fn type_expr(schema: &Schema, ty: &Type, optional: bool) -> TypeExpr {
    let kind = match ty {
        Type::List(item) => TypeExprKind::List(Box::new(type_expr(schema, item, false))),
        Type::Map(key, value) => TypeExprKind::Map(
            Box::new(type_expr(schema, key, false)),
            Box::new(type_expr(schema, value, false)),
        ),
        // A named type (`string`, `Connector`) is written as the checker shows it.
        named => TypeExprKind::Named(name(&named.display(schema))),
    };
    TypeExpr {
        kind,
        optional,
        span: Span::default(),
    }
}

fn doc_lines(doc: &str) -> Vec<String> {
    doc.lines().map(str::to_string).collect()
}

fn name(text: &str) -> Name {
    Name {
        text: text.to_string(),
        span: Span::default(),
    }
}

fn plain(text: &str) -> StrLit {
    StrLit {
        parts: vec![StrPart::Text(text.to_string())],
        block: false,
        span: Span::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check_program;
    use crate::cli::load::{load_rules, RuleSources};
    use crate::source::{FileId, Sources};

    /// A schema whose hints hold what a string must escape: `\`, `{` and `"`.
    const AWKWARD: &str = r#"format "phs-facts/1"

/// Where a password change was seen.
enum Stage { ad, "Replicate Directory Changes", cs }

record Facts {
  /// The server's name.
  ///
  /// From the registry.
  server: string?
    collect "Get-ItemProperty 'HKLM:\\SOFTWARE\\Microsoft' | % \{ $_.\"Server Name\" \}"
  stages: list<Stage>
    collect "C:\\Program Files\\Microsoft Azure AD Sync\\Bin\\ \{ \}"
  counts: map<string, int>?
}
"#;

    /// The schema of a `.phs` text that must check.
    pub(super) fn checked(text: &str) -> Schema {
        let ast = match crate::syntax::parse_file(FileId::default(), text) {
            Ok(ast) => ast,
            Err(d) => panic!("{}\n{text}", d.message),
        };
        match check_program(&[&ast]) {
            (Some(program), _) => program.schema,
            (None, diags) => panic!("{diags:#?}\n{text}"),
        }
    }

    /// The builtin program, as `phsrule check` loads it.
    pub(super) fn builtin() -> crate::check::Program {
        let from = RuleSources::builtin_only();
        match load_rules(&mut Sources::new(), &from) {
            Ok(loaded) => loaded.program,
            Err(_) => panic!("the builtin pack does not load"),
        }
    }

    fn hints(schema: &Schema) -> Vec<Option<String>> {
        let fields = schema.records().iter().flat_map(|r| &r.fields);
        fields.map(|f| f.collect.clone()).collect()
    }

    #[test]
    fn the_printout_parses_back_to_the_same_schema() {
        let awkward = checked(AWKWARD);
        let hint = hints(&awkward).into_iter().flatten().collect::<String>();
        assert!(["\\", "{", "\""].iter().all(|c| hint.contains(c)), "{hint}");
        for schema in [awkward, builtin().schema] {
            let printed = render_schema(&schema);
            let again = checked(&printed);
            assert_eq!(render_schema(&again), printed);
            assert_eq!(hints(&again), hints(&schema));
            let values = |s: &Schema| -> Vec<Vec<String>> {
                s.enums().iter().map(|e| e.values.clone()).collect()
            };
            assert_eq!(values(&again), values(&schema));
        }
    }
}
