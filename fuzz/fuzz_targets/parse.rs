//! The `.phs` parser on arbitrary text: it must return a syntax tree or a
//! diagnostic, never panic, overflow the stack or run away.
#![no_main]

use libfuzzer_sys::fuzz_target;
use phsrule::source::FileId;
use phsrule::syntax::parse_file;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = parse_file(FileId(0), text);
    }
});
