//! The collector `collect/Collect-PhsFacts.ps1`. PowerShell cannot run here, so
//! the script is parsed with a PowerShell grammar (tree-sitter-powershell): it
//! must parse without an error, call only allowed commands, name no password or
//! hash, and write the folder layout `phsrule import --from` reads; a folder of
//! exactly that shape imports and is judged by `phsrule check`.

use crate::common::{phsrule, Scratch};
use crate::import::{copy_dir, outcomes, outcomes_of, TRIMMED_EXPORT};
use serde_yaml::Value;
use std::path::Path;
use tree_sitter::{Node, Parser, Tree};

const SCRIPT: &str = "collect/Collect-PhsFacts.ps1";

/// The commands the collector may call: documented cmdlets of PowerShell, the
/// ADSync module (read-only `Get-` cmdlets only) and Windows' DnsClient and
/// NetTCPIP modules. Its own functions are allowed besides.
const ALLOWED_COMMANDS: &[&str] = &[
    "ConvertTo-Json",
    "ForEach-Object",
    "Get-ADSyncAADCompanyFeature",
    "Get-ADSyncAADPasswordSyncConfiguration",
    "Get-ADSyncConnector",
    "Get-ADSyncCSObject",
    "Get-ADSyncCSObjectLog",
    "Get-ADSyncMVObject",
    "Get-ADSyncRule",
    "Get-ADSyncServerConfiguration",
    "Get-Command",
    "Get-Date",
    "Get-WinEvent",
    "Import-Module",
    "Join-Path",
    "New-Item",
    "New-Object",
    "Out-Null",
    "Resolve-DnsName",
    "Set-StrictMode",
    "Test-NetConnection",
    "Where-Object",
    "Write-Host",
];

/// Identifiers that contain `password` or `hash` and name a switch or a facts
/// key, never a secret.
const PASSWORD_WORDS: &[&str] = &[
    "Get-ADSyncAADPasswordSyncConfiguration",
    "PasswordHashSync",
    "ForcePasswordChangeOnLogOn",
    "EnablePasswordSync",
    "FilterHashtable",
    "password_hash_sync",
    "force_password_change_on_logon",
    "password_sync",
    "password_sync_target",
    "password_sync_log",
];

fn script() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SCRIPT)).unwrap()
}

fn parse(text: &str) -> Tree {
    let mut parser = Parser::new();
    parser
        .set_language(&tree_sitter_powershell::LANGUAGE.into())
        .unwrap();
    parser.parse(text, None).unwrap()
}

/// Every node of the tree, depth first.
fn nodes(tree: &Tree) -> Vec<Node<'_>> {
    let mut out = Vec::new();
    let mut stack = vec![tree.root_node()];
    while let Some(node) = stack.pop() {
        out.push(node);
        let mut cursor = node.walk();
        let children: Vec<Node> = node.children(&mut cursor).collect();
        stack.extend(children.into_iter().rev());
    }
    out
}

fn text<'a>(node: Node, source: &'a str) -> &'a str {
    node.utf8_text(source.as_bytes()).unwrap()
}

#[test]
fn the_collector_is_valid_powershell() {
    let source = script();
    let tree = parse(&source);
    let errors: Vec<String> = nodes(&tree)
        .into_iter()
        .filter(|n| n.is_error() || n.is_missing())
        .map(|n| {
            let at = n.start_position();
            format!(
                "{} at line {}, column {}: {:?}",
                n.kind(),
                at.row + 1,
                at.column + 1,
                text(n, &source)
            )
        })
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    // The grammar does find the script's structure (a test that cannot fail would not).
    assert!(nodes(&tree)
        .iter()
        .any(|n| n.kind() == "function_statement"));
    let broken = parse("function f { if ($x -eq 1) { Write-Host 'a' ");
    assert!(
        broken.root_node().has_error(),
        "the grammar reports an unclosed block"
    );
}

/// The names of the script's own functions.
fn own_functions<'a>(tree: &'a Tree, source: &'a str) -> Vec<&'a str> {
    nodes(tree)
        .into_iter()
        .filter(|n| n.kind() == "function_name")
        .map(|n| text(n, source))
        .collect()
}

#[test]
fn the_collector_calls_only_allowed_commands() {
    let source = script();
    let tree = parse(&source);
    let own = own_functions(&tree, &source);
    let mut called: Vec<&str> = nodes(&tree)
        .into_iter()
        .filter(|n| n.kind() == "command")
        .filter_map(|n| n.child_by_field_name("command_name"))
        .map(|n| text(n, &source))
        .collect();
    called.sort_unstable();
    called.dedup();
    let unexpected: Vec<&&str> = called
        .iter()
        .filter(|c| !ALLOWED_COMMANDS.iter().any(|a| a.eq_ignore_ascii_case(c)))
        .filter(|c| !own.iter().any(|f| f.eq_ignore_ascii_case(c)))
        .collect();
    assert!(
        unexpected.is_empty(),
        "commands outside the allow-list: {unexpected:?}"
    );
    for needed in [
        "Get-ADSyncServerConfiguration",
        "Get-WinEvent",
        "Get-ADSyncAADCompanyFeature",
        "Get-ADSyncAADPasswordSyncConfiguration",
        "Get-ADSyncConnector",
        "Get-ADSyncRule",
        "Get-ADSyncCSObject",
        "Get-ADSyncMVObject",
        "Test-NetConnection",
        "Resolve-DnsName",
    ] {
        assert!(
            called.contains(&needed),
            "{needed} is not called: {called:?}"
        );
    }
    assert!(!called
        .iter()
        .any(|c| c.starts_with("Set-") && *c != "Set-StrictMode"));
}

#[test]
fn the_collector_names_no_password_or_hash() {
    let source = script();
    let tree = parse(&source);
    let suspicious: Vec<String> = nodes(&tree)
        .into_iter()
        .filter(|n| {
            matches!(
                n.kind(),
                "member_name" | "variable" | "command_parameter" | "command_name"
            ) || (n.kind().contains("string") && !text(*n, &source).contains(' '))
        })
        .map(|n| {
            text(n, &source)
                .trim_matches(['\'', '"', '$', '-'])
                .to_string()
        })
        .filter(|t| {
            let lower = t.to_lowercase();
            (lower.contains("password") || lower.contains("hash") || lower.contains("secret"))
                && !PASSWORD_WORDS.iter().any(|w| w.eq_ignore_ascii_case(t))
        })
        .collect();
    assert!(suspicious.is_empty(), "{suspicious:?}");
}

#[test]
fn the_collector_writes_the_layout_import_reads() {
    let source = script();
    let tree = parse(&source);
    let joined: Vec<&str> = nodes(&tree)
        .into_iter()
        .filter(|n| n.kind() == "command")
        .filter(|n| {
            n.child_by_field_name("command_name")
                .map(|c| text(c, &source))
                == Some("Join-Path")
        })
        .map(|n| text(n, &source))
        .collect();
    for name in ["'config'", "'events.xml'", "'base.json'", "'collect.log'"] {
        assert!(
            joined.iter().any(|j| j.ends_with(name)),
            "the script writes no {name}: {joined:?}"
        );
    }
}

/// The collector's folder for the Contoso server: `config/` (the trimmed
/// export), `events.xml`, `base.json` and `collect.log`.
fn collected_folder() -> Scratch {
    let scratch = Scratch::new("collected");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(
        &root.join("tests/import/collected"),
        &scratch.dir.join("PhsFacts"),
    );
    std::fs::remove_file(scratch.dir.join("PhsFacts/README.md")).unwrap();
    copy_dir(
        &root.join(TRIMMED_EXPORT),
        &scratch.dir.join("PhsFacts/config"),
    );
    scratch
}

#[test]
fn the_collectors_folder_imports_in_one_command() {
    let scratch = collected_folder();
    let run = scratch.phsrule(&["import", "--from", "PhsFacts", "-o", "facts.yaml"]);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    insta::assert_snapshot!(run.stderr);
    let facts: Value =
        serde_yaml::from_str(&std::fs::read_to_string(scratch.dir.join("facts.yaml")).unwrap())
            .unwrap();
    assert_eq!(facts["collected_at"], "2016-05-03T14:31:02.5170000Z");
    assert_eq!(facts["events_since"], "2016-04-30T14:31:02.5170000Z");
    assert_eq!(facts["events"].as_sequence().unwrap().len(), 4);
    let expected_tenant: Value = serde_yaml::from_str(
        "{ name: contoso.onmicrosoft.com, password_hash_sync: true, force_password_change_on_logon: false }",
    )
    .unwrap();
    assert_eq!(facts["tenant"], expected_tenant);
    let expected_domain: Value = serde_yaml::from_str(
        r#"
name: contoso.com
reachable: true
permissions: [Replicate Directory Changes, Replicate Directory Changes All]
only_use_preferred_dcs: false
preferred_dcs: []
netbios: CONTOSO
domain_controllers: [ { name: CONTOSO-DC01.contoso.com, reachable: true } ]
included_ous: [ "OU=CORP,DC=contoso,DC=com" ]
excluded_ous: []
"#,
    )
    .unwrap();
    assert_eq!(facts["connectors"][0]["domains"][0], expected_domain);
    assert_eq!(facts["connectors"][1]["azure_ad_reachable"], true);
    let facts_file = scratch.dir.join("facts.yaml");
    let got = outcomes_of(
        &outcomes(
            facts_file.to_str().unwrap(),
            &["--rules", "tests/import/events-in-window.phs"],
        ),
        &[
            "PHS001", "PHS008", "PHS010", "PHS012", "TEST012", "PHS020", "PHS021", "PHS022",
            "PHS025",
        ],
    );
    assert_eq!(
        got,
        [
            "PHS001 skipped",
            "PHS008 fired",
            "PHS010 skipped",
            "PHS012 skipped",
            "TEST012 fired",
            "PHS020 passed",
            "PHS021 undetermined",
            "PHS022 passed",
            "PHS025 passed",
        ]
    );
}

#[test]
fn a_folder_without_collected_files_is_refused() {
    let scratch = Scratch::new("collected-empty");
    scratch.write("PhsFacts/notes.txt", "nothing here");
    let run = scratch.phsrule(&["import", "--from", "PhsFacts", "-o", "-"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn from_cannot_be_combined_with_config() {
    let run = phsrule(&["import", "--from", "x", "--config", "y", "-o", "-"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
}

#[test]
fn the_engineers_base_file_in_the_docs_adds_to_the_collected_folder() {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/collecting.md"))
            .unwrap();
    let blocks = crate::docs::blocks(&doc, "yaml");
    let engineer = blocks
        .first()
        .expect("docs/collecting.md shows a base file");
    let scratch = collected_folder();
    scratch.write("engineer.yaml", engineer);
    let run = scratch.phsrule(&[
        "import",
        "--from",
        "PhsFacts",
        "--base",
        "engineer.yaml",
        "-o",
        "facts.yaml",
    ]);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert!(
        run.stderr.contains("every check can be decided"),
        "{}",
        run.stderr
    );
    let facts_file = scratch.dir.join("facts.yaml");
    let got = outcomes_of(&outcomes(facts_file.to_str().unwrap(), &[]), &["PHS021"]);
    assert_eq!(got, ["PHS021 passed"]);
}
