//! Every reader is bounded: YAML by one budget of expanded bytes and events,
//! devices and FIFOs by a hard cap or a refusal, JSON read as JSON, test patch
//! paths by their length.

use super::{copy_export, FACTS_HEAD, ORG_RULE, TRIMMED_EXPORT};
use crate::common::{phsrule, Scratch};
use crate::limits::refused_in;
use phsrule::limits;

/// A YAML mapping entry `key:` whose megabyte string is aliased `times` times:
/// about a megabyte of text standing for `times` megabytes.
fn megabyte_aliased(key: &str, times: usize) -> String {
    let big = "x".repeat(1024 * 1024 - 16);
    format!(
        "big_value: &big {big}\n{key}: [{}]\n",
        ["*big"; 1].repeat(times).join(", ")
    )
}

#[test]
fn a_megabyte_string_aliased_many_times_in_facts_stops_at_the_byte_budget() {
    // The string is a real fact (a DC's name), aliased into a real list.
    let tmp = Scratch::new("byte-bomb-facts");
    let big = "x".repeat(1024 * 1024 - 16);
    let dcs = ["*dc"; 1].repeat(90_000).join(", ");
    let text = format!(
        "{FACTS_HEAD}server:\n  name: &dc {big}\n  version: 1.1.614.0\n\
         connectors: [{{name: contoso.com, id: x, kind: ad, domains: [{{name: contoso.com, \
         only_use_preferred_dcs: true, preferred_dcs: [{dcs}]}}]}}]\n"
    );
    tmp.write("bomb.yaml", text);
    let run = refused_in(&tmp, &["check", "bomb.yaml"], "phs::facts::limit::aliases");
    let expected = format!("{} bytes", limits::MAX_ALIAS_EXPANSION_BYTES);
    assert!(run.stderr.contains(&expected), "{}", run.stderr);
}

#[test]
fn an_alias_bomb_in_an_import_base_file_is_refused() {
    let tmp = Scratch::new("byte-bomb-base");
    tmp.write("base.yaml", megabyte_aliased("padding", 400));
    let export = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(TRIMMED_EXPORT);
    let export = export.display().to_string();
    let run = refused_in(
        &tmp,
        &[
            "import",
            "--config",
            &export,
            "--base",
            "base.yaml",
            "-o",
            "out.yaml",
        ],
        "phs::import::base",
    );
    assert!(run.stderr.contains("base.yaml"), "{}", run.stderr);
    assert!(run.stderr.contains("bytes, the limit"), "{}", run.stderr);
    assert!(!tmp.dir.join("out.yaml").exists());
}

#[test]
fn an_alias_bomb_in_a_test_file_or_its_base_is_refused() {
    let tmp = Scratch::new("byte-bomb-test");
    tmp.write("pack.phs", ORG_RULE);
    // The test file itself.
    let laughs = megabyte_aliased("x", 400);
    tmp.write("tests/bomb.test.yaml", &laughs);
    let run = refused_in(&tmp, &["test", "."], "phs::test::file");
    assert!(run.stderr.contains("bomb.test.yaml"), "{}", run.stderr);
    assert!(run.stderr.contains("the limit"), "{}", run.stderr);
    // A `base:` file of a patched case.
    std::fs::remove_file(tmp.dir.join("tests/bomb.test.yaml")).unwrap();
    tmp.write("tests/base.yaml", format!("{FACTS_HEAD}{laughs}"));
    tmp.write(
        "tests/patched.test.yaml",
        "- name: patched\n  base: base.yaml\n  patch: { server.name: X }\n  expect: { ORG001: passed }\n",
    );
    let run = refused_in(&tmp, &["test", "."], "phs::test::base");
    assert!(run.stderr.contains("base.yaml"), "{}", run.stderr);
}

#[test]
fn check_of_a_device_is_refused_at_once() {
    let tmp = Scratch::new("dev-zero");
    let run = refused_in(&tmp, &["check", "/dev/zero"], "phs::io::not-a-file");
    assert!(run.stderr.contains("/dev/zero"), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn a_link_to_a_device_or_a_fifo_in_an_export_folder_is_refused() {
    let tmp = Scratch::new("export-devices");
    let export = copy_export(&tmp);
    let zero = export.join("Connectors/zero.xml");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let run = refused_in(
        &tmp,
        &["import", "--config", "export", "-o", "-"],
        "phs::io::not-a-file",
    );
    assert!(run.stderr.contains("zero.xml"), "{}", run.stderr);
    std::fs::remove_file(&zero).unwrap();
    // A FIFO that nobody writes: reading it would block forever.
    let fifo = export.join("SynchronizationRules/fifo.xml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let run = refused_in(
        &tmp,
        &["import", "--config", "export", "-o", "-"],
        "phs::io::not-a-file",
    );
    assert!(run.stderr.contains("fifo.xml"), "{}", run.stderr);
}

#[test]
fn a_json_facts_file_with_a_trailing_comma_is_refused_with_its_line() {
    let tmp = Scratch::new("json-comma");
    tmp.write(
        "facts.json",
        "{\n  \"format\": \"phs-facts/1\",\n  \"collected_at\": \"2026-11-24T14:00:00Z\",\n}\n",
    );
    let run = refused_in(&tmp, &["check", "facts.json"], "phs::facts::json");
    assert!(run.stderr.contains("line 4, column 1"), "{}", run.stderr);
}

#[test]
fn a_json_number_where_a_string_belongs_is_refused_with_its_line() {
    let tmp = Scratch::new("json-number");
    tmp.write(
        "facts.json",
        "{\"format\": \"phs-facts/1\", \"collected_at\": \"2026-11-24T14:00:00Z\",\n \
         \"server\": {\"name\": \"AADC01\", \"version\": 1.1}}\n",
    );
    let run = refused_in(&tmp, &["check", "facts.json"], "phs::facts::json");
    assert!(run.stderr.contains("server.version"), "{}", run.stderr);
    assert!(run.stderr.contains("facts.json:2:"), "{}", run.stderr);
}

/// An example facts file as JSON, with `server.version` set to `version`.
fn healthy_json(version: serde_json::Value) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/facts/healthy.yaml");
    let yaml: serde_json::Value =
        serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut facts = yaml;
    facts["server"]["version"] = version;
    serde_json::to_string_pretty(&facts).unwrap()
}

#[test]
fn a_json_version_must_be_a_json_string() {
    let tmp = Scratch::new("json-version");
    tmp.write("number.json", healthy_json(serde_json::json!(1.1)));
    let run = refused_in(&tmp, &["check", "number.json"], "phs::facts::json");
    assert!(run.stderr.contains("server.version"), "{}", run.stderr);
    tmp.write("string.json", healthy_json(serde_json::json!("1.1.614.0")));
    let run = tmp.phsrule(&["check", "string.json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// A `.json` facts file (streamed from 256 MiB on; `cli::load`'s unit tests
/// stream small ones); a byte order mark, CRLF
/// line ends or UTF-16 (read as text) give the report of the plain file.
#[test]
fn a_json_facts_file_gives_the_same_report_however_it_is_stored() {
    let tmp = Scratch::new("json-stored");
    let plain = healthy_json(serde_json::json!("1.1.614.0"));
    let report = |name: &str| {
        let run = tmp.phsrule(&["check", "--format", "json", name]);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        run.stdout.replace(name, "plain.json")
    };
    tmp.write("plain.json", &plain);
    let expected = report("plain.json");
    let mut marked = vec![0xEF, 0xBB, 0xBF];
    marked.extend(plain.replace('\n', "\r\n").bytes());
    tmp.write("marked.json", marked);
    assert_eq!(report("marked.json"), expected);
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(plain.encode_utf16().flat_map(u16::to_le_bytes));
    tmp.write("utf16.json", utf16);
    assert_eq!(report("utf16.json"), expected);
}

/// A pipe cannot be read twice: a `.json` FIFO is read as text, as before the
/// JSON reader streamed, and its problems are reported with their lines.
#[cfg(unix)]
#[test]
fn a_json_facts_fifo_is_read_once_as_text() {
    let tmp = Scratch::new("json-fifo");
    let plain = healthy_json(serde_json::json!("1.1.614.0"));
    tmp.write("plain.json", &plain);
    let expected = tmp.phsrule(&["check", "--format", "json", "plain.json"]);
    let fifo = tmp.dir.join("fifo.json");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let through_fifo = |text: String| {
        let fifo = fifo.clone();
        let writer = std::thread::spawn(move || std::fs::write(fifo, text));
        let run = tmp.phsrule(&["check", "--format", "json", "fifo.json"]);
        writer.join().unwrap().unwrap();
        run
    };
    let run = through_fifo(plain.clone());
    assert_eq!(run.code, expected.code, "{}", run.stderr);
    assert_eq!(
        run.stdout.replace("fifo.json", "plain.json"),
        expected.stdout
    );
    let broken = plain.replacen("\"server\"", "\"server\",", 1);
    let run = through_fifo(broken);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("phs::facts::json"), "{}", run.stderr);
    assert!(
        run.stderr.contains("not valid JSON at line"),
        "{}",
        run.stderr
    );
}

/// The JSON reader gives up on anything the builder would report, so the limits
/// hold for `.json` files with the builder's messages.
#[test]
fn json_facts_keep_the_string_depth_and_secret_limits() {
    let tmp = Scratch::new("json-limits");
    let long = healthy_json(serde_json::json!("x".repeat(limits::MAX_STRING_BYTES + 1)));
    tmp.write("long.json", long);
    let run = refused_in(&tmp, &["check", "long.json"], "phs::facts::limit::string");
    assert!(run.stderr.contains("server.version"), "{}", run.stderr);

    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    tmp.write(
        "deep.json",
        healthy_json(serde_json::json!("1.1.614.0")).replacen(
            "{",
            &format!("{{\"deep\": {deep},"),
            1,
        ),
    );
    refused_in(
        &tmp,
        &["check", "--allow-extra-keys", "deep.json"],
        "phs::facts::limit::depth",
    );

    let secret = healthy_json(serde_json::json!("1.1.614.0")).replacen(
        "{",
        "{\"site\": {\"racks\": [{\"admin_password\": \"x\"}]},",
        1,
    );
    tmp.write("secret.json", secret);
    refused_in(
        &tmp,
        &["check", "--allow-extra-keys", "secret.json"],
        "phs::facts::secret",
    );
}

#[test]
fn a_patch_path_of_100000_segments_is_refused() {
    let tmp = Scratch::new("patch-path");
    tmp.write("pack.phs", ORG_RULE);
    tmp.write("tests/base.yaml", FACTS_HEAD);
    let path = ["a"; 100_000].join(".");
    tmp.write(
        "tests/long.test.yaml",
        // An explicit key (`? `): YAML allows simple keys of 1024 characters only.
        format!("- name: long\n  base: base.yaml\n  patch:\n    ? {path}\n    : 1\n  expect: {{ ORG001: passed }}\n"),
    );
    let run = refused_in(&tmp, &["test", "."], "phs::test::patch");
    assert!(run.stderr.contains("100000 segments"), "{}", run.stderr);
    assert!(
        run.stderr.len() < 10_000,
        "the message quotes the path whole"
    );
}

#[test]
fn no_facts_files_in_a_folder_is_an_error_not_a_clean_run() {
    let tmp = Scratch::new("no-facts");
    tmp.write("empty/README.md", "nothing here\n");
    let run = refused_in(&tmp, &["check", "empty"], "phs::cli::no-facts");
    assert!(
        run.stderr.contains("no facts files in `empty`"),
        "{}",
        run.stderr
    );
}

#[test]
fn facts_extensions_match_in_any_case() {
    let tmp = Scratch::new("upper-ext");
    let healthy = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/facts/healthy.yaml"),
    )
    .unwrap();
    tmp.write("facts/HEALTHY.YAML", healthy);
    let run = tmp.phsrule(&["check", "facts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("HEALTHY.YAML"), "{}", run.stdout);
}

#[test]
fn a_check_of_the_builtin_pack_folder_replaces_the_embedded_copy() {
    for args in [
        &["validate", "rules"][..],
        &["check", "--rules", "rules", "examples/facts/healthy.yaml"][..],
        &["rules", "--rules", "rules"][..],
    ] {
        let run = phsrule(args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert!(
            !run.stderr.contains("duplicate"),
            "{args:?}: {}",
            run.stderr
        );
    }
}
