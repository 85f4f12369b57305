//! Parse then check arbitrary text together with the builtin pack: the checker
//! must accept or reject it with diagnostics, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use phsrule::check::{check_program, Input};
use phsrule::source::FileId;
use phsrule::syntax::parse_file;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut files = Vec::new();
    for (i, (_, builtin)) in phsrule::builtin::FILES.iter().enumerate() {
        let Ok(ast) = parse_file(FileId(i as u32), builtin) else {
            panic!("a builtin file does not parse");
        };
        files.push((FileId(i as u32), ast));
    }
    let own = FileId(files.len() as u32);
    let Ok(ast) = parse_file(own, text) else {
        return;
    };
    files.push((own, ast));
    let inputs: Vec<Input> = files
        .iter()
        .map(|(file, ast)| Input { file: *file, ast })
        .collect();
    let _ = check_program(&inputs);
});
