//! The builtin pack `phs.builtin`, embedded in the binary so that `phsrule check`
//! needs nothing else installed.

/// The builtin rule files: their names (as shown in diagnostics) and text.
pub const FILES: &[(&str, &str)] = &[
    ("<builtin>/schema.phs", include_str!("../rules/schema.phs")),
    ("<builtin>/tenant.phs", include_str!("../rules/tenant.phs")),
    (
        "<builtin>/connector.phs",
        include_str!("../rules/connector.phs"),
    ),
    ("<builtin>/domain.phs", include_str!("../rules/domain.phs")),
    ("<builtin>/object.phs", include_str!("../rules/object.phs")),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_file_in_rules_is_embedded() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/rules");
        let Ok(entries) = std::fs::read_dir(dir) else {
            panic!("rules/ is missing");
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if name.ends_with(".phs") {
                let embedded = format!("<builtin>/{name}");
                assert!(
                    FILES.iter().any(|(n, _)| *n == embedded),
                    "{name} is not embedded in src/builtin.rs"
                );
            }
        }
    }
}
