//! Parse then check arbitrary text together with the builtin pack: the checker
//! must accept or reject it with diagnostics, never panic.
#![no_main]

#[path = "builtin.rs"]
mod builtin;

use libfuzzer_sys::fuzz_target;
use phsrule::syntax::parse_file;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(ast) = parse_file(builtin::next_file_id(), text) {
        let _ = builtin::check_with(Some(&ast));
    }
});
