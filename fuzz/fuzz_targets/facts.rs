//! The facts loader on arbitrary text (YAML or JSON) with the builtin schema, in
//! strict and `--allow-extra-keys` modes and as a `.json` file: facts or
//! diagnostics, never a panic, and bounded time and memory.
#![no_main]

use libfuzzer_sys::fuzz_target;
use phsrule::check::Program;
use phsrule::cli::load::{load_rules, RuleSources};
use phsrule::facts::{load_facts, LoadOptions};
use phsrule::source::{FileId, Sources};
use std::sync::OnceLock;

fn builtin() -> &'static Program {
    static PROGRAM: OnceLock<Program> = OnceLock::new();
    PROGRAM.get_or_init(|| {
        let from = RuleSources::builtin_only();
        match load_rules(&mut Sources::new(), &from) {
            Ok(loaded) => loaded.program,
            Err(_) => panic!("the builtin pack does not load"),
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let schema = &builtin().schema;
    // Strict, with extra keys allowed, and as a `.json` file.
    for (allow_extra_keys, json) in [(false, false), (true, false), (false, true)] {
        let opts = LoadOptions {
            allow_extra_keys,
            json,
        };
        let _ = load_facts(schema, FileId(0), text, &opts);
    }
});
