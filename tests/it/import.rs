//! `phsrule import` of a real `Get-ADSyncServerConfiguration` export, alone and
//! with a base file: the facts written, the merge, and what `phsrule check` says.
//! Event exports are in `import_events.rs`, the collector in `collect.rs`.

use crate::common::{phsrule, Scratch};
use serde_yaml::Value;
use std::path::Path;

/// The real export beside the project (see `../shared/realdata/README.md`).
const REAL_EXPORT: &str = "../shared/realdata/adsync-config/contoso-pilot";
/// A trimmed copy of it kept in the repository (see `tests/import/README.md`).
pub const TRIMMED_EXPORT: &str = "tests/import/contoso-trimmed";

/// Run `phsrule import` with `args` (plus `-o -`), expecting success; the facts.
pub fn import(args: &[&str]) -> Value {
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["-o", "-"]);
    let run = phsrule(&all);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    serde_yaml::from_str(&run.stdout).unwrap()
}

fn yaml(text: &str) -> Value {
    serde_yaml::from_str(text).unwrap()
}

/// Everything the Contoso export says except its sync rules, exactly: no key
/// that the export does not hold (`reachable`, `permissions`, `events`, the AAD
/// connector's `global_parameters` ...).
const CONTOSO_FACTS: &str = r#"
format: phs-facts/1
collected_at: 2016-05-03T14:28:09.784Z
server: { name: CONTOSO-SYNC01, version: 1.1.130.0, staging_mode: false, password_hash_sync: false }
tenant: { name: contoso.onmicrosoft.com }
connectors:
  - name: contoso.com
    id: ae4db4cc-b16b-4eb2-acf5-837ca84e4d7d
    kind: ad
    password_sync: false
    password_sync_target: contoso.onmicrosoft.com - AAD
    account: { name: MSOL_d1edb676ca03, domain: contoso.com }
    domains:
      - name: contoso.com
        only_use_preferred_dcs: false
        preferred_dcs: []
        netbios: CONTOSO
        included_ous: [ "OU=CORP,DC=contoso,DC=com" ]
        excluded_ous: []
    global_parameters:
      ADS_UF_ACCOUNTDISABLE: "0x2"
      ADS_GROUP_TYPE_GLOBAL_GROUP: "0x00000002"
      ADS_GROUP_TYPE_DOMAIN_LOCAL_GROUP: "0x00000004"
      ADS_GROUP_TYPE_LOCAL_GROUP: "0x00000004"
      ADS_GROUP_TYPE_UNIVERSAL_GROUP: "0x00000008"
      ADS_GROUP_TYPE_SECURITY_ENABLED: "0x80000000"
      Forest.FQDN: contoso.com
      Forest.LDAP: DC=contoso,DC=com
      Forest.Netbios: CONTOSO
  - name: contoso.onmicrosoft.com - AAD
    id: b891884f-051e-4a83-95af-2544101c9083
    kind: aad
    domains: []
"#;

/// The three sync rules of the trimmed copy (the real export has 62).
const TRIMMED_RULES: &str = r#"
- { name: In from AD - User Join, direction: inbound, connector: contoso.com, object_type: user, password_sync: false, disabled: false, precedence: 100 }
- { name: In from AD - User AccountEnabled, direction: inbound, connector: contoso.com, object_type: user, password_sync: true, disabled: false, precedence: 102 }
- { name: Out to AAD - User Join, direction: outbound, connector: contoso.onmicrosoft.com - AAD, object_type: person, password_sync: true, disabled: false, precedence: 123 }
"#;

/// The facts without `sync_rules`, and the sync rules.
fn split_rules(mut facts: Value) -> (Value, Vec<Value>) {
    let rules = facts
        .as_mapping_mut()
        .unwrap()
        .remove("sync_rules")
        .unwrap();
    (facts, rules.as_sequence().unwrap().clone())
}

#[test]
fn the_trimmed_export_gives_exactly_the_contoso_facts() {
    let (facts, rules) = split_rules(import(&["--config", TRIMMED_EXPORT]));
    assert_eq!(facts, yaml(CONTOSO_FACTS));
    assert_eq!(Value::Sequence(rules), yaml(TRIMMED_RULES));
}

/// The real sample where it is beside the project (as in CI); elsewhere the
/// trimmed copy stands in, so the test never passes without importing one.
#[test]
fn the_real_export_gives_the_same_facts_and_all_its_rules() {
    let real = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(REAL_EXPORT)
        .is_dir();
    let (export, rule_count) = if real {
        (REAL_EXPORT, 62)
    } else {
        eprintln!("note: {REAL_EXPORT} is absent: importing the trimmed copy instead");
        (TRIMMED_EXPORT, 3)
    };
    let (facts, rules) = split_rules(import(&["--config", export]));
    assert_eq!(facts, yaml(CONTOSO_FACTS));
    assert_eq!(rules.len(), rule_count);
    let with_password_sync: Vec<&str> = rules
        .iter()
        .filter(|r| r["password_sync"] == true)
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        with_password_sync,
        ["In from AD - User AccountEnabled", "Out to AAD - User Join"]
    );
    let precedences: Vec<i64> = rules
        .iter()
        .map(|r| r["precedence"].as_i64().unwrap())
        .collect();
    assert!(
        precedences.windows(2).all(|w| w[0] < w[1]),
        "ordered by precedence"
    );
}

/// The outcome of each rule (or of its only binding) in `check --format json`.
pub fn outcomes(facts_file: &str, extra: &[&str]) -> Vec<(String, String)> {
    let mut args = vec!["check", "--format", "json", facts_file];
    args.extend_from_slice(extra);
    let run = phsrule(&args);
    assert!(run.code == 0 || run.code == 1, "stderr: {}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    report["reports"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["rule"].as_str().unwrap().to_string(),
                r["outcome"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The outcomes of `rules`, in that order.
pub fn outcomes_of(all: &[(String, String)], rules: &[&str]) -> Vec<String> {
    rules
        .iter()
        .map(|id| {
            let found: Vec<&str> = all
                .iter()
                .filter(|(r, _)| r == id)
                .map(|(_, o)| o.as_str())
                .collect();
            format!("{id} {}", found.join(","))
        })
        .collect()
}

/// The test pack whose TEST012 fires where a connectivity event lies in the window.
pub const EVENTS_IN_WINDOW: &str = "tests/import/events-in-window.phs";

/// Import to a file in `scratch` and check it.
pub fn import_and_check(scratch: &Scratch, args: &[&str], rules: &[&str]) -> Vec<String> {
    import_and_check_with(scratch, args, rules, &[])
}

/// Import to a file in `scratch` and check it with `check_args` added.
pub fn import_and_check_with(
    scratch: &Scratch,
    args: &[&str],
    rules: &[&str],
    check_args: &[&str],
) -> Vec<String> {
    let out = scratch.dir.join("facts.yaml");
    let out = out.to_str().unwrap();
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["-o", out]);
    let run = phsrule(&all);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert!(run.stdout.is_empty(), "nothing on stdout with -o FILE");
    outcomes_of(&outcomes(out, check_args), rules)
}

#[test]
fn check_judges_the_imported_export_and_leaves_the_unread_facts_undetermined() {
    let scratch = Scratch::new("import-check");
    let got = import_and_check(
        &scratch,
        &["--config", TRIMMED_EXPORT],
        &[
            "PHS001", "PHS002", "PHS008", "PHS010", "PHS011", "PHS012", "PHS013", "PHS020",
            "PHS025",
        ],
    );
    assert_eq!(
        got,
        // The export's server switch is off: PHS008 is the cause, and the tenant
        // and channel checks that would only repeat it are skipped.
        [
            "PHS001 skipped",
            "PHS002 passed",
            "PHS008 fired",
            "PHS010 skipped",
            "PHS011 skipped",
            "PHS012 skipped",
            "PHS013 skipped",
            "PHS020 undetermined",
            "PHS025 undetermined",
        ]
    );
}

/// What a support engineer learned by other means, as a partial facts file.
const BASE: &str = "\
tenant: { name: contoso.onmicrosoft.com, password_hash_sync: true }
connectors:
  - name: contoso.com
    domains:
      - name: CONTOSO.COM
        reachable: true
        credentials_valid: true
        permissions: [Replicate Directory Changes All, Replicate Directory Changes]
  - name: contoso.onmicrosoft.com - AAD
    azure_ad_reachable: true
";

#[test]
fn a_base_file_fills_in_what_the_export_cannot_say() {
    let scratch = Scratch::new("import-base");
    let base = scratch.write("base.yaml", BASE);
    let facts = import(&["--config", TRIMMED_EXPORT, "--base", &base]);
    let (facts, _) = split_rules(facts);
    let mut expected = yaml(CONTOSO_FACTS);
    expected["tenant"]["password_hash_sync"] = true.into();
    let domain = &mut expected["connectors"][0]["domains"][0];
    domain["reachable"] = true.into();
    domain["credentials_valid"] = true.into();
    domain["permissions"] = yaml("[Replicate Directory Changes All, Replicate Directory Changes]");
    expected["connectors"][1]["azure_ad_reachable"] = true.into();
    assert_eq!(facts, expected);
    let got = import_and_check(
        &scratch,
        &["--config", TRIMMED_EXPORT, "--base", &base],
        &[
            "PHS001", "PHS008", "PHS010", "PHS020", "PHS021", "PHS022", "PHS025",
        ],
    );
    assert_eq!(
        got,
        [
            "PHS001 skipped",
            "PHS008 fired",
            "PHS010 skipped",
            "PHS020 passed",
            "PHS021 passed",
            "PHS022 passed",
            "PHS025 passed",
        ]
    );
}

#[test]
fn two_sources_that_disagree_stop_the_import_naming_both() {
    let scratch = Scratch::new("import-conflict");
    scratch.write(
        "base.yaml",
        "connectors:\n  - { name: contoso.com, password_sync: true }\nserver: { name: contoso-sync01, version: 1.1.614.0 }\n",
    );
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join(TRIMMED_EXPORT),
        &scratch.dir.join("export"),
    );
    let run = scratch.phsrule(&[
        "import",
        "--config",
        "export",
        "--base",
        "base.yaml",
        "-o",
        "facts.yaml",
    ]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert!(!scratch.dir.join("facts.yaml").exists(), "nothing written");
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn collected_at_is_the_flag_else_the_base_else_the_newest_time() {
    let scratch = Scratch::new("import-time");
    let heartbeat = "events:\n  - { id: 611, source: Directory Synchronization, level: error, time: 2026-11-24T13:00:00Z, message: contoso.com could not be read }\n  - { id: 654, source: Directory Synchronization, level: information, time: 2026-11-24T13:31:00Z, message: heartbeat ae4db4cc-b16b-4eb2-acf5-837ca84e4d7d }\n";
    let base = scratch.write("base.yaml", heartbeat);
    // The base's events are newer than the 2016 export: the newest is "now", so
    // they stay inside every window (with the export's date they would all lie
    // in the future, and PHS012 would not see the connectivity error).
    let facts = import(&["--config", TRIMMED_EXPORT, "--base", &base]);
    assert_eq!(facts["collected_at"], "2026-11-24T13:31:00Z");
    assert_eq!(facts["events"].as_sequence().unwrap().len(), 2);
    assert!(
        facts.get("events_since").is_none(),
        "no event export was read"
    );
    let got = import_and_check_with(
        &scratch,
        &["--config", TRIMMED_EXPORT, "--base", &base],
        &["PHS012", "TEST012"],
        &["--rules", EVENTS_IN_WINDOW],
    );
    // PHS012 is skipped (the export's server switch is off, PHS008); the test
    // pack's rule shows that the base's event lies inside the 24-hour window.
    assert_eq!(got, ["PHS012 skipped", "TEST012 fired"]);
    let with_time = scratch.write(
        "with-time.yaml",
        format!("collected_at: 2026-11-24T14:00:00+01:00\n{heartbeat}"),
    );
    let facts = import(&["--config", TRIMMED_EXPORT, "--base", &with_time]);
    assert_eq!(facts["collected_at"], "2026-11-24T14:00:00+01:00");
    let facts = import(&[
        "--config",
        TRIMMED_EXPORT,
        "--base",
        &with_time,
        "--collected-at",
        "2026-11-24T15:00:00Z",
    ]);
    assert_eq!(facts["collected_at"], "2026-11-24T15:00:00Z");
}

#[test]
fn json_is_written_when_the_output_ends_in_json() {
    let scratch = Scratch::new("import-json");
    let out = scratch.dir.join("facts.json");
    let run = phsrule(&[
        "import",
        "--config",
        TRIMMED_EXPORT,
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let as_yaml: Value = serde_yaml::from_str(&serde_json::to_string(&json).unwrap()).unwrap();
    assert_eq!(as_yaml, import(&["--config", TRIMMED_EXPORT]));
}

#[test]
fn the_summary_says_what_was_read_and_what_stays_unknown() {
    let run = phsrule(&["import", "--config", TRIMMED_EXPORT, "-o", "-"]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn a_broken_export_is_refused_naming_the_file() {
    let scratch = Scratch::new("import-broken");
    scratch.write(
        "export/GlobalSettings/MV.xml",
        "<saved-mv-configuration server='X' export-date='2016-05-03 14:28:09.784'><mv-data>",
    );
    let run = scratch.phsrule(&["import", "--config", "export", "-o", "-"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn a_folder_that_is_not_an_export_is_refused() {
    let scratch = Scratch::new("import-not-export");
    scratch.write("export/notes.txt", "not an export");
    let run = scratch.phsrule(&["import", "--config", "export", "-o", "-"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    insta::assert_snapshot!(run.stderr);
    let run = scratch.phsrule(&["import", "--config", "no-such-folder", "-o", "-"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("`no-such-folder` is not a folder"),
        "{}",
        run.stderr
    );
}

#[test]
fn nothing_to_import_is_an_error() {
    let run = phsrule(&["import", "-o", "-"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("nothing to import"), "{}", run.stderr);
}

/// Copy a folder and everything under it.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn an_export_saved_as_utf16_with_crlf_reads_the_same() {
    let scratch = Scratch::new("import-utf16");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&root.join(TRIMMED_EXPORT), &scratch.dir.join("export"));
    let mv = scratch.dir.join("export/GlobalSettings/MV.xml");
    let text = std::fs::read_to_string(&mv).unwrap().replace('\n', "\r\n");
    let mut bytes = vec![0xff, 0xfe];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(&mv, bytes).unwrap();
    let run = scratch.phsrule(&["import", "--config", "export", "-o", "-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let facts: Value = serde_yaml::from_str(&run.stdout).unwrap();
    assert_eq!(facts, import(&["--config", TRIMMED_EXPORT]));
}
