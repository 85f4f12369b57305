//! `phsrule validate [PATH]...`: parse and type-check rules without facts.

use super::load::load_rules;
use super::{exit, plural, print_diags, RuleArgs};
use crate::source::Sources;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Rule files or folders to validate on top of the builtin pack.
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Treat warnings as errors.
    #[arg(long)]
    pub deny_warnings: bool,
}

pub fn run(args: &ValidateArgs) -> u8 {
    let mut sources = Sources::new();
    let mut from = args.rules.sources();
    from.paths.extend(args.paths.iter().cloned());
    match load_rules(&mut sources, &from) {
        Ok(loaded) => {
            print_diags(&sources, &loaded.warnings);
            let rules = loaded.program.rules.len();
            let warnings = loaded.warnings.len();
            let packs = loaded.program.packs.len();
            errln!(
                "ok: {rules} rule{} in {packs} pack{}, {warnings} warning{}",
                plural(rules),
                plural(packs),
                plural(warnings)
            );
            if args.deny_warnings && warnings > 0 {
                exit::BAD_INPUT
            } else {
                exit::OK
            }
        }
        Err(failure) => {
            print_diags(&sources, &failure.diags);
            let errors = failure.diags.iter().filter(|d| d.is_error()).count();
            errln!("error: {errors} problem{} found", plural(errors));
            exit::BAD_INPUT
        }
    }
}
