//! `phsrule import`: a real `Get-ADSyncServerConfiguration` export becomes a facts
//! file that loads, and that `phsrule check` judges.

use crate::common::phsrule;
use serde_yaml::Value;
use std::path::{Path, PathBuf};

/// The real export beside the project (see `../shared/realdata/README.md`).
const REAL_EXPORT: &str = "../shared/realdata/adsync-config/contoso-pilot";
/// A trimmed copy of it kept in the repository (see `tests/import/README.md`).
const TRIMMED_EXPORT: &str = "tests/import/contoso-trimmed";

/// A scratch folder of this test binary, emptied.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("import")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Import `config` (with `extra` arguments) to stdout and parse the facts.
fn import(config: &str, extra: &[&str]) -> Value {
    let mut args = vec!["import", "--config", config, "-o", "-"];
    args.extend_from_slice(extra);
    let run = phsrule(&args);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    serde_yaml::from_str(&run.stdout).unwrap()
}

/// What both the real export and its trimmed copy say about server and connectors.
fn assert_contoso(facts: &Value) {
    assert_eq!(facts["format"], "phs-facts/1");
    assert_eq!(facts["collected_at"], "2016-05-03T14:28:09.784Z");
    let server = &facts["server"];
    assert_eq!(server["name"], "CONTOSO-SYNC01");
    assert_eq!(server["version"], "1.1.130.0");
    assert_eq!(server["staging_mode"], false);
    assert_eq!(server["password_hash_sync"], false);
    assert_eq!(facts["tenant"]["name"], "contoso.onmicrosoft.com");
    let ad = &facts["connectors"][0];
    assert_eq!(ad["name"], "contoso.com");
    assert_eq!(ad["id"], "ae4db4cc-b16b-4eb2-acf5-837ca84e4d7d");
    assert_eq!(ad["kind"], "ad");
    assert_eq!(ad["password_sync"], false);
    assert_eq!(ad["password_sync_target"], "contoso.onmicrosoft.com - AAD");
    assert_eq!(ad["account"]["name"], "MSOL_d1edb676ca03");
    assert_eq!(ad["account"]["domain"], "contoso.com");
    let domains = ad["domains"].as_sequence().unwrap();
    assert_eq!(domains.len(), 1);
    assert_eq!(domains[0]["name"], "contoso.com");
    assert_eq!(domains[0]["only_use_preferred_dcs"], false);
    let aad = &facts["connectors"][1];
    assert_eq!(aad["name"], "contoso.onmicrosoft.com - AAD");
    assert_eq!(aad["kind"], "aad");
    assert!(
        facts["tenant"].get("password_hash_sync").is_none(),
        "left unknown"
    );
}

fn rules_with_password_sync(facts: &Value) -> (usize, usize) {
    let rules = facts["sync_rules"].as_sequence().unwrap();
    let with = rules.iter().filter(|r| r["password_sync"] == true).count();
    (rules.len(), with)
}

#[test]
fn the_real_contoso_export_is_imported() {
    if !Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(REAL_EXPORT)
        .is_dir()
    {
        eprintln!("note: {REAL_EXPORT} is not beside the project; test skipped");
        return;
    }
    let facts = import(REAL_EXPORT, &[]);
    assert_contoso(&facts);
    assert_eq!(rules_with_password_sync(&facts), (62, 2));
    let out = scratch("real").join("facts.yaml");
    let out = out.to_str().unwrap();
    assert_eq!(
        phsrule(&["import", "--config", REAL_EXPORT, "-o", out]).code,
        0
    );
    let run = phsrule(&["check", "--only", "PHS010", "--format", "json", out]);
    assert_eq!(run.code, 1, "stderr: {}", run.stderr);
    assert!(run.stdout.contains("\"fired\""), "{}", run.stdout);
}

#[test]
fn the_trimmed_export_is_imported() {
    let facts = import(TRIMMED_EXPORT, &[]);
    assert_contoso(&facts);
    assert_eq!(rules_with_password_sync(&facts), (3, 2));
    assert_eq!(
        facts["sync_rules"][1]["name"],
        "In from AD - User AccountEnabled"
    );
    assert_eq!(facts["sync_rules"][1]["connector"], "contoso.com");
}

#[test]
fn check_reports_the_disabled_channel_of_an_imported_export() {
    let out = scratch("phs010").join("facts.yaml");
    let out = out.to_str().unwrap();
    let run = phsrule(&["import", "--config", TRIMMED_EXPORT, "-o", out]);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    let run = phsrule(&["check", "--only", "PHS010", "--format", "json", out]);
    assert_eq!(run.code, 1, "stderr: {}", run.stderr);
    assert!(run.stdout.contains("PHS010"), "{}", run.stdout);
    assert!(run.stdout.contains("\"fired\""), "{}", run.stdout);
}

#[test]
fn base_facts_fill_in_what_the_export_cannot_say() {
    let base = scratch("base").join("base.yaml");
    std::fs::write(
        &base,
        "tenant: { name: contoso.onmicrosoft.com, password_hash_sync: true }\n\
         connectors:\n\
         \x20 - name: contoso.com\n\
         \x20   password_sync: true\n\
         \x20   domains: [ { name: contoso.com, reachable: true } ]\n\
         events: []\n",
    )
    .unwrap();
    let facts = import(TRIMMED_EXPORT, &["--base", base.to_str().unwrap()]);
    assert_eq!(facts["tenant"]["password_hash_sync"], true);
    let ad = &facts["connectors"][0];
    assert_eq!(ad["password_sync"], false, "the export wins");
    assert_eq!(ad["domains"][0]["reachable"], true, "the base fills in");
    assert_eq!(ad["domains"][0]["only_use_preferred_dcs"], false);
}

#[test]
fn a_broken_export_is_refused_naming_the_file() {
    let dir = scratch("broken");
    std::fs::create_dir_all(dir.join("GlobalSettings")).unwrap();
    std::fs::write(
        dir.join("GlobalSettings/MV.xml"),
        "<saved-mv-configuration server='X' export-date='2016-05-03 14:28:09.784'><mv-data>",
    )
    .unwrap();
    let run = phsrule(&["import", "--config", dir.to_str().unwrap(), "-o", "-"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("MV.xml"), "{}", run.stderr);
    assert!(run.stderr.contains("not well-formed XML"), "{}", run.stderr);
}

#[test]
fn a_missing_export_folder_is_refused() {
    let run = phsrule(&[
        "import",
        "--config",
        "tests/import/no-such-folder",
        "-o",
        "-",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("tests/import/no-such-folder"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_export_without_global_settings_names_the_missing_file() {
    let dir = scratch("no-mv");
    let run = phsrule(&["import", "--config", dir.to_str().unwrap(), "-o", "-"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("MV.xml"), "{}", run.stderr);
}
