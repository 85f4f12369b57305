//! `phsrule schema`: print the fact schema in force (builtin plus org extensions),
//! as `.phs` declarations or as a facts-file template to fill in (`template`).

mod template;

use super::load::load_rules;
use super::{exit, print_diags, print_out, RuleArgs};
use crate::check::schema::Schema;
use crate::source::Sources;
use std::fmt::Write as _;

#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    #[command(flatten)]
    pub rules: RuleArgs,
    /// `phs`: the schema as `.phs` declarations; `facts`: a commented facts-file
    /// template (every key with its type, meaning and `collect` hint) to fill in.
    #[arg(long, value_enum, default_value_t = SchemaFormat::Phs)]
    pub format: SchemaFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SchemaFormat {
    Phs,
    Facts,
}

pub fn run(args: &SchemaArgs) -> u8 {
    let mut sources = Sources::new();
    match load_rules(&mut sources, &args.rules.sources()) {
        Ok(loaded) => {
            let schema = &loaded.program.schema;
            print_out(&match args.format {
                SchemaFormat::Phs => render_schema(schema),
                SchemaFormat::Facts => template::render_facts_template(schema),
            });
            exit::OK
        }
        Err(failure) => {
            print_diags(&sources, &failure.diags);
            exit::BAD_INPUT
        }
    }
}

fn doc_lines(out: &mut String, indent: &str, doc: &str) {
    for line in doc.lines() {
        let _ = writeln!(out, "{indent}/// {line}");
    }
}

/// The schema as `.phs` declarations, in declaration order, with docs and hints.
pub fn render_schema(schema: &Schema) -> String {
    let mut out = String::new();
    if !schema.format.is_empty() {
        let _ = writeln!(out, "format \"{}\"\n", schema.format);
    }
    for e in &schema.enums {
        doc_lines(&mut out, "", &e.doc);
        let values: Vec<String> = e
            .values
            .iter()
            .map(|v| {
                if v.contains(' ') {
                    format!("\"{v}\"")
                } else {
                    v.clone()
                }
            })
            .collect();
        let _ = writeln!(out, "enum {} {{ {} }}\n", e.name, values.join(", "));
    }
    for r in &schema.records {
        doc_lines(&mut out, "", &r.doc);
        let _ = writeln!(out, "record {} {{", r.name);
        for f in &r.fields {
            doc_lines(&mut out, "  ", &f.doc);
            let _ = writeln!(out, "  {}: {}", f.name, f.ty.display(schema));
            if let Some(hint) = &f.collect {
                let _ = writeln!(out, "    collect \"{}\"", hint.replace('"', "\\\""));
            }
        }
        out.push_str("}\n\n");
    }
    out
}
