//! `phsrule schema`: print the fact schema in force (builtin plus org extensions),
//! as `.phs` declarations or as a facts-file template to fill in; both are
//! rendered in `report::schema`.

use super::load::load_rules;
use super::{exit, print_out, RuleArgs};
use crate::report::schema::{render_schema, template::render_facts_template};
use crate::source::Sources;

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
                SchemaFormat::Facts => render_facts_template(schema),
            });
            exit::OK
        }
        Err(failure) => super::bad_input(&sources, &failure),
    }
}
