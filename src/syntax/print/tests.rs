//! Examples of the canonical layout, and the guarantees on real files: formatting
//! is stable, keeps the tree and keeps every comment.

use super::*;

fn fmt(text: &str) -> String {
    match format_source(FileId(0), text) {
        Ok(out) => out,
        Err(FormatError::Syntax(d) | FormatError::Unsafe(d)) => panic!("{d:?}\n{text}"),
    }
}

/// The formatted body of `fn f() -> int = <expr>`.
fn fmt_expr(expr: &str) -> String {
    let out = fmt(&format!("fn f() -> int = {expr}\n"));
    out.trim_end()
        .strip_prefix("fn f() -> int = ")
        .unwrap_or(&out)
        .to_string()
}

#[test]
fn clauses_come_in_the_fixed_order_two_spaces_in() {
    let text = r#"rule ORG1 "t" { see "u"  message "m" when x  for c in cs
    remediation "r" param w: duration = 3h needs not PHS001 tags a, b severity info }"#;
    let want = r#"rule ORG1 "t" {
  severity info
  tags a, b
  needs not PHS001
  param w: duration = 3h
  for c in cs
  when x
  message "m"
  remediation "r"
  see "u"
}
"#;
    assert_eq!(fmt(text), want);
}

#[test]
fn items_are_one_blank_line_apart_after_the_pack() {
    let text = "pack a.b version \"1.0.0\"\nformat \"phs-facts/1\"\n\n\n\ndisable X \"why\"\nenum E {a,\"b c\",}";
    let want = "pack a.b version \"1.0.0\"\n\nformat \"phs-facts/1\"\n\ndisable X \"why\"\n\nenum E { a, \"b c\" }\n";
    assert_eq!(fmt(text), want);
}

#[test]
fn parentheses_appear_only_where_the_parser_or_a_reader_needs_them() {
    let cases = [
        ("(a or b) and c", "(a or b) and c"),
        ("a or (b and c)", "a or b and c"),
        ("(a and b) and c", "a and b and c"),
        ("a and (b and c)", "a and (b and c)"),
        ("a - (b - c)", "a - (b - c)"),
        ("(a - b) - c", "a - b - c"),
        ("(a + b) * c", "(a + b) * c"),
        ("a + (b * c)", "a + b * c"),
        ("-(a.b)", "-a.b"),
        ("(-a).b", "(-a).b"),
        ("(not a) == b", "(not a) == b"),
        ("not (a == b)", "not (a == b)"),
        ("not (a.b)", "not a.b"),
        ("a == (not b)", "a == (not b)"),
        ("-(-a)", "--a"),
        ("(a + b).len()", "(a + b).len()"),
        ("(any x in xs where p) and q", "(any x in xs where p) and q"),
        ("q and (any x in xs where p)", "q and any x in xs where p"),
        ("(count x in xs where p) > 2", "(count x in xs where p) > 2"),
        ("not (any x in xs where p)", "not any x in xs where p"),
        ("(any x in xs where p).len()", "(any x in xs where p).len()"),
        ("a and (if p then q else r)", "a and (if p then q else r)"),
        (
            "any x in (any y in ys where p) where q",
            "any x in (any y in ys where p) where q",
        ),
        ("f(any x in xs where p, b)", "f(any x in xs where p, b)"),
        ("xs.filter(x => x.a and x.b)", "xs.filter(x => x.a and x.b)"),
        ("{\"a b\": 1, c: [1, 2,]}", "{\"a b\": 1, c: [1, 2]}"),
        ("m[\"k\"]", "m[\"k\"]"),
        ("a not in b", "a not in b"),
    ];
    for (input, want) in cases {
        assert_eq!(fmt_expr(input), want, "{input}");
    }
}

#[test]
fn literals_keep_their_meaning_and_durations_their_unit() {
    assert_eq!(
        fmt_expr("[7d, 168h, 90m, 1.01.5, 007]"),
        "[7d, 168h, 90m, 1.1.5, 7]"
    );
}

#[test]
fn strings_are_escaped_again() {
    let text = r#"const X: string = "q\" b\\ \{x\} \n t\t {a.b} ok""#;
    assert_eq!(fmt(text), format!("{text}\n"));
}

#[test]
fn block_strings_are_indented_under_their_clause() {
    let text = "rule R \"t\" {\nremediation \"\"\"\n        Run:\n          Start-ADSyncSyncCycle {c.name}\n\n        Done \\{ ok \\}.\n\"\"\"\n}";
    let want = "rule R \"t\" {\n  remediation \"\"\"\n    Run:\n      Start-ADSyncSyncCycle {c.name}\n\n    Done \\{ ok \\}.\n  \"\"\"\n}\n";
    assert_eq!(fmt(text), want);
}

#[test]
fn block_strings_that_cannot_move_keep_their_parts() {
    let texts = [
        // Starts with an interpolation: it must stay on the opening line.
        "const X: string = \"\"\"{a} and\n  b\"\"\"",
        // A first line with spaces no other line has.
        "const X: string = \"\"\"   first\nsecond\n\"\"\"",
        // Every measured line starts with an interpolation: nothing is removed.
        "const X: string = \"\"\"\n   {a} one\n   {b} two\n\"\"\"",
        // Quotes that would close the block, and one right before the end.
        "const X: string = \"\"\"say \\\"\\\"\\\" and \\\"\"\"\"",
        "const X: string = \"\"\"\"\"\"",
        "const X: string = \"\"\"\n\"\"\"",
        "const X: string = \"\"\"  \n   \"\"\"",
        "const X: string = \"\"\"a{b}\"\"\"",
    ];
    for text in texts {
        let out = fmt(text);
        assert_eq!(fmt(&out), out, "{text}");
    }
}

#[test]
fn long_when_conditions_break_before_and_or() {
    let text = r#"rule R "t" { when server.password_hash_sync != tenant.password_hash_sync and known(server.password_hash_sync) or c.kind == ad and c.password_sync == true and c.name starts_with "CONTOSO" }"#;
    let want = r#"rule R "t" {
  when server.password_hash_sync != tenant.password_hash_sync and known(server.password_hash_sync)
    or c.kind == ad and c.password_sync == true and c.name starts_with "CONTOSO"
}
"#;
    assert_eq!(fmt(text), want);
}

#[test]
fn a_long_quantifier_at_the_end_breaks_its_condition_deeper() {
    let text = r#"rule R "t" { when c.password_sync == true and none e in events where e.source ==~ "Directory Synchronization" and e.id == 654 and e.time >= now - 3h }"#;
    let want = r#"rule R "t" {
  when c.password_sync == true
    and none e in events where e.source ==~ "Directory Synchronization"
        and e.id == 654
        and e.time >= now - 3h
}
"#;
    assert_eq!(fmt(text), want);
}

#[test]
fn long_helpers_go_below_their_signature() {
    let text = r#"fn f(d: Domain) -> list<string> = ["Replicate Directory Changes", "Replicate Directory Changes All"].filter(r => not (r in or_else(d.permissions, [])))"#;
    let want = r#"fn f(d: Domain) -> list<string> =
  ["Replicate Directory Changes", "Replicate Directory Changes All"]
    .filter(r => not (r in or_else(d.permissions, [])))
"#;
    assert_eq!(fmt(text), want);
}

#[test]
fn tables_are_one_entry_per_line() {
    let text = "const T: map<LogStatus, string> = {Success: \"ok\", \"Filtered By\": \"no\"}\nconst L: list<int> = [1, 2]";
    let want = "const T: map<LogStatus, string> = {\n  Success: \"ok\",\n  \"Filtered By\": \"no\",\n}\n\nconst L: list<int> = [1, 2]\n";
    assert_eq!(fmt(text), want);
}

#[test]
fn records_keep_field_docs_and_put_collect_below() {
    let text = "/// A server.\nrecord Server { /// Host name.\n name: string collect \"hostname\" version: version? }\nextend record Server {}";
    let want = "/// A server.\nrecord Server {\n  /// Host name.\n  name: string\n    collect \"hostname\"\n  version: version?\n}\n\nextend record Server {}\n";
    assert_eq!(fmt(text), want);
}

#[test]
fn comments_stay_beside_what_they_were_written_at() {
    let text = r#"// The file's header.

pack a.b version "1.0.0" // trailing the pack

// Before the rule, after a blank line.
/// Doc.
rule R "t" { // on the rule's line
  when a // after the first operand
    // before the second operand
    or b
  // before message
  message "m {x // inside an interpolation
  }" // after message
  severity error
  // at the end of the rule
} // after the rule

enum E { a, // after a
  b }
const T: map<string, int> = {
  // first entry
  a: 1, b: 2 // second entry
}
// at the end of the file
"#;
    let want = r#"// The file's header.

pack a.b version "1.0.0"  // trailing the pack

// Before the rule, after a blank line.
/// Doc.
rule R "t" {  // on the rule's line
  severity error
  when a  // after the first operand
    // before the second operand
    or b
  // before message
  // inside an interpolation
  message "m {x}"  // after message
  // at the end of the rule
}  // after the rule

enum E {
  a,  // after a
  b,
}

const T: map<string, int> = {
  // first entry
  a: 1,
  b: 2,  // second entry
}

// at the end of the file
"#;
    assert_eq!(fmt(text), want);
}

#[test]
fn comments_inside_a_one_line_expression_move_before_its_clause() {
    let text = "rule R \"t\" {\n  for c in connectors // which ones\n    where c.kind == ad\n}\n";
    let want = "rule R \"t\" {\n  // which ones\n  for c in connectors where c.kind == ad\n}\n";
    assert_eq!(fmt(text), want);
}

#[test]
fn strings_that_look_like_comments_are_not_comments() {
    let text = "rule R \"a // b {\" {\n  message \"see https://x // y {\"\\{\"}\"\n  remediation \"\"\"\n    // in a block\n  \"\"\"\n}\n\nenum E { \"c // d }\" }\n";
    assert_eq!(fmt(text), text);
}

/// Every `.phs` file of the repository that must parse.
fn real_files() -> Vec<std::path::PathBuf> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in [
        "rules",
        "examples",
        "tests/corpus/parse/ok",
        "tests/corpus/check/ok",
    ] {
        let mut stack = vec![root.join(dir)];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|x| x == "phs") {
                    files.push(path);
                }
            }
        }
    }
    files
}

#[test]
fn formatting_real_files_is_stable() {
    let files = real_files();
    assert!(files.len() >= 4, "found {files:?}");
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let once = fmt(&text);
        assert_eq!(fmt(&once), once, "{} is not stable", path.display());
    }
}

/// A comment added at the end of a line, or on a line of its own before it, is in
/// the output (or was inside a string, and then the tree keeps it), and stays put
/// when formatted again. Every line of the corpus is tried, every tenth of the rules
/// (each try parses four times, slow in debug builds).
#[test]
fn no_comment_is_ever_lost() {
    for path in real_files() {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        let step = if path.starts_with(env!("CARGO_MANIFEST_DIR").to_string() + "/tests") {
            1
        } else {
            10
        };
        for i in (0..lines.len()).step_by(step) {
            for own_line in [false, true] {
                let mut probed = lines.clone();
                let probe = format!("// probe {i}");
                let line = if own_line {
                    format!("{probe}\n{}", lines[i])
                } else {
                    format!("{} {probe}", lines[i])
                };
                probed[i] = &line;
                let probed = probed.join("\n");
                let out = match format_source(FileId(0), &probed) {
                    Ok(out) => out,
                    Err(FormatError::Syntax(_)) => continue,
                    Err(FormatError::Unsafe(d)) => panic!("{}: {d:?}", path.display()),
                };
                assert!(out.contains(&probe), "{}: {probe} lost", path.display());
                assert_eq!(fmt(&out), out, "{}: {probe} not stable", path.display());
            }
        }
    }
}

#[test]
fn trees_are_equal_wherever_they_were_written_but_not_whatever_they_say() {
    let tree = |text: &str| parse_file(FileId(0), text).map_err(|d| d.message);
    let rule = "/// d\nrule ORG1 \"t\" {\n  severity info\n  message \"m\"\n  when a.b == 1\n}\n";
    let moved = "\n\n/// d\nrule ORG1   \"t\" { severity   info message \"m\" when (a.b == 1) }";
    assert_eq!(tree(rule), tree(moved));
    assert_ne!(tree(rule), tree(&rule.replace("info", "warning")));
    assert_ne!(tree(rule), tree(&rule.replace("a.b", "a.c")));
    assert_ne!(tree(rule), tree(&rule.replace("/// d", "/// e")));
}
