//! `*.test.yaml` files on arbitrary text: the bounded YAML reader and the test
//! file format, then each patched case's patch applied to the first example facts
//! file. Cases or problems, never a panic, and bounded time and memory.
#![no_main]

use libfuzzer_sys::fuzz_target;
use phsrule::testing::format::parse_test_file;
use phsrule::testing::patch::apply_patch;
use phsrule::testing::FactsSource;
use std::sync::OnceLock;

fn base() -> &'static serde_yaml::Value {
    static BASE: OnceLock<serde_yaml::Value> = OnceLock::new();
    BASE.get_or_init(|| {
        let text = include_str!("../../examples/facts/healthy.yaml");
        phsrule::facts::read_yaml_tree(text).unwrap_or(serde_yaml::Value::Null)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (cases, _problems) = parse_test_file(text);
    for case in cases {
        if let FactsSource::Patched { patch, .. } = &case.facts {
            let mut facts = base().clone();
            if apply_patch(&mut facts, patch).is_ok() {
                let _ = serde_yaml::to_string(&facts);
            }
        }
    }
});
