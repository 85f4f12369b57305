//! Hostile inputs meet the limits of `src/limits.rs`: each is refused with exit
//! code 2, nothing on stdout, and a message on stderr that names the limit, fast
//! and in bounded memory. The inputs are generated into a temporary folder by each
//! test; none is committed.

use crate::common::{phsrule, Run, Scratch};
use phsrule::limits;
use std::time::{Duration, Instant};

/// The longest any of these runs may take, even in a debug build.
const FAST: Duration = Duration::from_secs(30);

/// The head of a facts file, up to where the test's hostile part goes.
const FACTS_HEAD: &str = "format: phs-facts/1\ncollected_at: 2026-11-24T14:00:00Z\n";

/// Run phsrule and check that it refused the input as a limit says: exit code 2,
/// nothing on stdout, the limit's code on stderr, in good time.
fn refused(args: &[&str], code: &str) -> Run {
    assert_refused(args, code, || phsrule(args))
}

/// [`refused`], run in the scratch folder.
pub(crate) fn refused_in(tmp: &Scratch, args: &[&str], code: &str) -> Run {
    assert_refused(args, code, || tmp.phsrule(args))
}

pub(crate) fn assert_refused(args: &[&str], code: &str, run: impl FnOnce() -> Run) -> Run {
    let start = Instant::now();
    let run = run();
    let took = start.elapsed();
    assert_eq!(
        run.code,
        2,
        "exit code for {args:?}; stderr:\n{}",
        head(&run.stderr)
    );
    assert!(
        run.stdout.is_empty(),
        "stdout for {args:?}: {}",
        head(&run.stdout)
    );
    assert!(
        run.stderr.contains(code),
        "stderr for {args:?} does not name `{code}`:\n{}",
        head(&run.stderr)
    );
    assert!(took < FAST, "{args:?} took {took:?}");
    run
}

/// The start of a long text, for failure messages.
fn head(text: &str) -> String {
    text.chars().take(2_000).collect()
}

#[test]
fn facts_nested_200000_deep_in_flow_style_are_refused() {
    let tmp = Scratch::new("deep-flow");
    let depth = 200_000;
    let text = format!(
        "{FACTS_HEAD}server: {}{}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let facts = tmp.write("deep.yaml", text);
    let run = refused(&["check", &facts], "phs::facts::limit::depth");
    let expected = format!(
        "nests lists and mappings more than {} deep",
        limits::MAX_FACTS_DEPTH
    );
    assert!(run.stderr.contains(&expected), "{}", head(&run.stderr));
}

#[test]
fn facts_nested_deep_in_block_style_are_refused() {
    let tmp = Scratch::new("deep-block");
    let dashes = format!("{FACTS_HEAD}server:\n  {}x\n", "- ".repeat(100_000));
    let indented: String = (0..1_000)
        .map(|i| format!("{}a:\n", "  ".repeat(i)))
        .collect();
    let indented = format!("{FACTS_HEAD}server:\n{indented}");
    for (name, text) in [("dashes.yaml", dashes), ("indented.yaml", indented)] {
        let facts = tmp.write(name, text);
        refused(&["check", &facts], "phs::facts::limit::depth");
    }
}

#[test]
fn a_billion_laughs_alias_bomb_is_refused() {
    // A thousand connectors, each with a thousand domains, each with a thousand
    // preferred DCs: a billion strings from a file of 13 kB.
    let tmp = Scratch::new("laughs");
    let wide = |anchor: &str| format!(", *{anchor}").repeat(999);
    let dcs = format!("[&dc dc01.contoso.com{}]", wide("dc"));
    let domains = format!(
        "[&d {{name: contoso.com, only_use_preferred_dcs: true, preferred_dcs: {dcs}}}{}]",
        wide("d")
    );
    let connectors = format!(
        "[&c {{name: contoso.com, id: x, kind: ad, domains: {domains}}}{}]",
        wide("c")
    );
    let text = format!(
        "{FACTS_HEAD}server: {{name: AADC01, version: 1.1.614.0}}\n\
         tenant: {{name: contoso.onmicrosoft.com}}\nconnectors: {connectors}\n"
    );
    let facts = tmp.write("laughs.yaml", text);
    let run = refused(&["check", &facts], "phs::facts::limit::aliases");
    let expected = format!(
        "expand to more than {} YAML events",
        limits::MAX_ALIAS_EXPANSION
    );
    assert!(run.stderr.contains(&expected), "{}", head(&run.stderr));
}

#[test]
fn a_facts_file_over_the_size_limit_is_refused_before_it_is_read() {
    let tmp = Scratch::new("size");
    let path = tmp.dir.join("huge.yaml");
    let file = std::fs::File::create(&path).unwrap_or_else(|e| panic!("create: {e}"));
    // Sparse: no disk space is used, and phsrule reads the size from metadata.
    if let Err(e) = file.set_len(limits::MAX_FACTS_BYTES + 1) {
        panic!("set_len: {e}");
    }
    let run = refused_in(&tmp, &["check", "huge.yaml"], "phs::limit::file-size");
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn a_rule_file_over_the_size_limit_is_refused() {
    let tmp = Scratch::new("rule-size");
    let path = tmp.dir.join("huge.phs");
    let file = std::fs::File::create(&path).unwrap_or_else(|e| panic!("create: {e}"));
    if let Err(e) = file.set_len(limits::MAX_RULE_FILE_BYTES as u64 + 1) {
        panic!("set_len: {e}");
    }
    let rules = path.display().to_string();
    refused(&["validate", &rules], "phs::limit::file-size");
}

#[test]
fn facts_that_are_not_utf8_are_refused() {
    let tmp = Scratch::new("utf8-facts");
    let mut bytes = FACTS_HEAD.as_bytes().to_vec();
    bytes.extend_from_slice(b"server: {name: AADC\xff01}\n");
    tmp.write("latin1.yaml", bytes);
    let run = refused_in(&tmp, &["check", "latin1.yaml"], "phs::encoding");
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn a_rule_file_in_utf32_is_refused() {
    let tmp = Scratch::new("utf32-rules");
    // UTF-32 with a byte order mark (`-Encoding UTF32` in PowerShell); UTF-16,
    // what PowerShell 5.1 writes by default, is read (tests/it/windows_files.rs).
    let text = "rule ORG001 \"t\" { when true message \"m\" }\n";
    let mut bytes = vec![0xff, 0xfe, 0, 0];
    bytes.extend(text.chars().flat_map(|c| u32::from(c).to_le_bytes()));
    tmp.write("utf32.phs", bytes);
    let run = refused_in(&tmp, &["validate", "utf32.phs"], "phs::encoding");
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn a_nul_byte_in_a_rule_file_is_refused() {
    let tmp = Scratch::new("nul");
    tmp.write(
        "nul.phs",
        "rule ORG001 \"t\" {\n  when true\0\n  message \"m\"\n}\n",
    );
    let run = refused_in(&tmp, &["validate", "nul.phs"], "phs::syntax::nul");
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn a_rule_file_of_one_100000_character_line_is_refused() {
    let tmp = Scratch::new("long-line");
    let ors = " or true".repeat(12_500);
    let text = format!("rule ORG001 \"t\" {{ message \"m\" when true{ors} }}");
    assert!(text.len() > 100_000);
    let rules = tmp.write("long.phs", text);
    let run = refused(&["validate", &rules], "phs::limit::expression");
    let expected = format!("more than the limit of {}", limits::MAX_EXPR_OPERATORS);
    assert!(run.stderr.contains(&expected), "{}", head(&run.stderr));
    assert!(
        run.stderr.len() < 10_000,
        "the long line is not printed whole"
    );
}

#[test]
fn a_rule_file_of_100000_open_brackets_is_refused() {
    let tmp = Scratch::new("brackets");
    let rules = tmp.write("brackets.phs", "(".repeat(100_000));
    let run = refused(&["validate", &rules], "phs::limit::nesting");
    let expected = format!("nested more than {} deep", limits::MAX_NESTING);
    assert!(run.stderr.contains(&expected), "{}", head(&run.stderr));
    assert!(
        run.stderr.len() < 10_000,
        "the long line is not printed whole"
    );
}

#[test]
fn brackets_inside_string_interpolations_count_towards_the_nesting_limit() {
    let tmp = Scratch::new("interpolation");
    let deep = format!("{}1{}", "(".repeat(100_000), ")".repeat(100_000));
    let text = format!("rule ORG001 \"t\" {{ severity error when true message \"{{{deep}}}\" }}\n");
    let rules = tmp.write("deep.phs", text);
    let run = refused(&["validate", &rules], "phs::limit::nesting");
    assert!(
        run.stderr.len() < 10_000,
        "the long line is not printed whole"
    );
}

#[test]
fn control_characters_in_quoted_input_do_not_reach_the_terminal() {
    let tmp = Scratch::new("escapes");
    let text =
        format!("{FACTS_HEAD}server: {{name: AADC01, version: \"\x1b]0;owned\x07\x1b[31m1.x\"}}\n");
    let facts = tmp.write("escapes.yaml", text);
    let run = phsrule(&["check", &facts]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("server.version"), "{}", run.stderr);
    assert!(
        !run.stderr.contains('\x1b') && !run.stderr.contains('\x07'),
        "{:?}",
        run.stderr
    );
}

#[test]
fn a_string_over_the_limit_in_facts_is_refused() {
    let tmp = Scratch::new("long-string");
    let long = "x".repeat(limits::MAX_STRING_BYTES + 1);
    let text = format!("{FACTS_HEAD}server: {{name: {long}, version: 1.1.614.0}}\n");
    let facts = tmp.write("long.yaml", text);
    let run = refused(&["check", &facts], "phs::facts::limit::string");
    let expected = format!(
        "`server.name` is {} bytes long, more than the limit of {}",
        limits::MAX_STRING_BYTES + 1,
        limits::MAX_STRING_BYTES
    );
    assert!(run.stderr.contains(&expected), "{}", head(&run.stderr));
    assert!(
        run.stderr.len() < 10_000,
        "the long value is not printed whole"
    );
}

#[test]
fn too_many_rules_are_refused() {
    let tmp = Scratch::new("many-rules");
    let per_file = 1_000;
    let files = limits::MAX_RULES / per_file + 1;
    for f in 0..files {
        let text: String = (0..per_file)
            .map(|i| {
                let id = f * per_file + i;
                format!("rule ORG{id:05} \"rule {id}\" {{ when true message \"m\" }}\n")
            })
            .collect();
        tmp.write(&format!("pack/part{f:02}.phs"), text);
    }
    let folder = tmp.dir.join("pack").display().to_string();
    let run = refused(&["validate", &folder], "phs::limit::rules");
    let expected = format!(
        "rules are loaded, more than the limit of {}",
        limits::MAX_RULES
    );
    assert!(run.stderr.contains(&expected), "{}", head(&run.stderr));
}

#[test]
fn an_expression_over_the_operator_limit_is_refused() {
    let tmp = Scratch::new("operators");
    let terms = "\n    or e.id == 654".repeat(limits::MAX_EXPR_OPERATORS / 2);
    let text = format!(
        "rule ORG001 \"Too many operators\" {{\n  message \"m\"\n  when any e in events where e.id == 0{terms}\n}}\n"
    );
    let rules = tmp.write("ops.phs", text);
    let run = refused(&["validate", &rules], "phs::limit::expression");
    let expected = format!("more than the limit of {}", limits::MAX_EXPR_OPERATORS);
    assert!(run.stderr.contains(&expected), "{}", head(&run.stderr));
}

/// A facts file of the seed's healthy server with `events` heartbeat events.
pub fn facts_with_events(events: usize) -> String {
    let mut text = String::from(FACTS_HEAD);
    text.push_str(
        "server: {name: AADC01, version: 2.3.20.0, staging_mode: false, password_hash_sync: true}\n\
         tenant: {name: contoso.onmicrosoft.com, password_hash_sync: true}\n\
         connectors:\n  - {name: contoso.com, id: 3f6b2a9e-8c41-4d7e-9b25-6a0c1e7d4f82, kind: ad}\n\
         events:\n",
    );
    for i in 0..events {
        text.push_str(&format!(
            "  - {{id: {}, source: Directory Synchronization, level: information, \
             time: 2026-11-24T13:31:00Z, message: heartbeat}}\n",
            650 + i % 10
        ));
    }
    text.push_str("objects: []\n");
    text
}

#[test]
fn a_runaway_evaluation_stops_at_the_evaluation_limit() {
    let tmp = Scratch::new("runaway");
    // Three nested quantifiers over 2,000 events: eight billion comparisons.
    let facts = tmp.write("events.yaml", facts_with_events(2_000));
    let rules = tmp.write(
        "runaway.phs",
        "rule ORG001 \"Cubic\" {\n  severity error\n  message \"m\"\n  when any a in events where any b in events where\n    any c in events where a.id + b.id + c.id < 0\n}\n",
    );
    let run = refused(&only_schema_and(&rules, &facts), "phs::limit::evaluation");
    assert!(
        run.stderr.contains("rule `ORG001` could not be evaluated"),
        "{}",
        run.stderr
    );
}

#[test]
fn linear_work_over_many_facts_stays_within_the_evaluation_limit() {
    let tmp = Scratch::new("linear");
    let facts = tmp.write("events.yaml", facts_with_events(20_000));
    let rules = tmp.write(
        "scan.phs",
        "rule ORG001 \"Scan\" {\n  severity error\n  message \"m\"\n  when (count e in events where e.id == 654 and e.message contains \"x\") > 0\n}\n",
    );
    let mut args = only_schema_and(&rules, &facts);
    args.splice(1..1, ["--format", "json"]);
    let run = phsrule(&args);
    assert!(run.code == 0 || run.code == 1, "{}", head(&run.stderr));
    assert!(run.stdout.contains("\"ORG001\""), "{}", head(&run.stdout));
}

#[test]
fn a_runaway_helper_stops_at_the_evaluation_limit_though_its_calls_are_kept() {
    let tmp = Scratch::new("kept");
    let facts = tmp.write("events.yaml", facts_with_events(2_000));
    // Called from two places outside loops, so its results are kept by event;
    // each call still costs four million comparisons.
    let rules = tmp.write(
        "kept.phs",
        "fn pairs(a: Event) -> int = count b in events where any c in events where a.id + b.id + c.id < 0\n\
         rule ORG001 \"Kept\" {\n  severity error\n  for a in events\n  message \"{pairs(a)}\"\n  when pairs(a) > 0\n}\n",
    );
    refused(&only_schema_and(&rules, &facts), "phs::limit::evaluation");
}

#[test]
fn many_nested_bindings_stop_at_the_evaluation_limit() {
    let tmp = Scratch::new("bindings");
    let facts = tmp.write("events.yaml", facts_with_events(2_000));
    let rules = tmp.write(
        "pairs.phs",
        "rule ORG001 \"Triples\" {\n  severity error\n  for a in events, b in events, c in events where a.id < 0\n  message \"m\"\n  when a.id == b.id\n}\n",
    );
    refused(&only_schema_and(&rules, &facts), "phs::limit::evaluation");
}

/// `check` with the builtin schema but none of the builtin rules, then `rules`:
/// the evaluation budget grows with the number of rules, so tests of it stay quick.
fn only_schema_and<'a>(rules: &'a str, facts: &'a str) -> Vec<&'a str> {
    let schema = "rules/schema.phs";
    vec![
        "check",
        "--no-builtin",
        "--rules",
        schema,
        "--rules",
        rules,
        facts,
    ]
}

#[test]
fn a_panic_is_reported_as_a_bug_with_exit_code_3() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_phsrule"))
        .args(["validate"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env("PHSRULE_TEST_PANIC", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run phsrule: {e}"));
    assert_eq!(output.status.code(), Some(3));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("phsrule: internal error"), "{stderr}");
    assert!(stderr.contains("This is a bug in phsrule"), "{stderr}");
    assert!(stderr.contains("PHSRULE_TEST_PANIC is set"), "{stderr}");
}
