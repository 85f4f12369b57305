//! `phsrule rules`: list the loaded rules, as a table or as the Markdown rule
//! catalogue (both rendered in `report::catalogue`).

use super::load::load_rules;
use super::{exit, print_out, RuleArgs};
use crate::report::catalogue::{catalogue, list_text};
use crate::source::Sources;

#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    #[command(flatten)]
    pub rules: RuleArgs,
    /// `text` for a table, `markdown` for the rule catalogue (docs/rules.md).
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    Text,
    Markdown,
}

pub fn run(args: &RulesArgs) -> u8 {
    let mut sources = Sources::new();
    match load_rules(&mut sources, &args.rules.sources()) {
        Ok(loaded) => {
            print_out(&match args.format {
                ListFormat::Text => crate::diag::visible(&list_text(&loaded.program)).into_owned(),
                ListFormat::Markdown => catalogue(&loaded.program),
            });
            exit::OK
        }
        Err(failure) => super::bad_input(&sources, &failure),
    }
}
