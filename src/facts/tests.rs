//! Loading whole facts files against a small hand-built schema.

use super::*;
use crate::check::schema::{EnumType, Field, RecordType};
use crate::check::types::{Type, Typed};
use crate::source::{line_col, Span};
use crate::value::{Key, List, Map, RecordAt};

fn field(name: &str, ty: Type, optional: bool) -> Field {
    Field {
        name: name.into(),
        ty: Typed::maybe(ty, optional),
        doc: String::new(),
        collect: None,
    }
}

fn record(name: &str) -> RecordType {
    RecordType {
        name: name.into(),
        doc: String::new(),
        fields: Vec::new(),
        span: Span::default(),
    }
}

fn list(ty: Type) -> Type {
    Type::List(Box::new(ty))
}

/// `Facts{format, collected_at, tenant, items, groups, server_version?}`,
/// `Tenant{name, flag?}`, `Item{name, kind, count?, user_must_change_password?, tags}`,
/// `Group{name?, groups}` (recursive, for deep and aliased nesting).
fn schema() -> Schema {
    let mut schema = Schema::new();
    schema.format = "phs-facts/1".into();
    let kind = schema.declare_enum(EnumType {
        name: "Kind".into(),
        doc: String::new(),
        values: vec!["ad".into(), "aad".into(), "other".into()],
    });
    let [facts, tenant, item, group] =
        ["Facts", "Tenant", "Item", "Group"].map(|name| schema.declare_record(record(name)));
    schema.set_root(facts);
    let string_map = Type::Map(Box::new(Type::Str), Box::new(Type::Str));
    schema.record_mut(facts).fields = vec![
        field("format", Type::Str, false),
        field("collected_at", Type::Time, false),
        field("tenant", Type::Record(tenant), false),
        field("items", list(Type::Record(item)), false),
        field("groups", list(Type::Record(group)), false),
        field("server_version", Type::Version, true),
    ];
    schema.record_mut(tenant).fields = vec![
        field("name", Type::Str, false),
        field("flag", Type::Bool, true),
    ];
    schema.record_mut(item).fields = vec![
        field("name", Type::Str, false),
        field("kind", Type::Enum(kind), false),
        field("count", Type::Int, true),
        field("user_must_change_password", Type::Bool, true),
        field("tags", string_map, false),
    ];
    schema.record_mut(group).fields = vec![
        field("name", Type::Str, true),
        field("groups", list(Type::Record(group)), false),
    ];
    schema
}

const HEADER: &str = "format: phs-facts/1\ncollected_at: 2026-11-24T14:00:00Z\n";

const HEALTHY: &str = "\
format: phs-facts/1
collected_at: 2026-11-24T14:00:00Z
tenant: { name: contoso.onmicrosoft.com, flag: true }
items:
  - name: contoso.com
    kind: ad
    count: 3
    user_must_change_password: false
    tags: { Microsoft.Synchronize.ForceFullPasswordSync: '1' }
  - name: contoso.onmicrosoft.com - AAD
    kind: aad
    tags: {}
";

const HEALTHY_JSON: &str = "{\n\t\"format\": \"phs-facts/1\",\n\t\"collected_at\": \"2026-11-24T14:00:00Z\",\n\t\"tenant\": {\"name\": \"contoso.onmicrosoft.com\", \"flag\": true},\n\t\"items\": [\n\t\t{\"name\": \"contoso.com\", \"kind\": \"ad\", \"count\": 3, \"user_must_change_password\": false,\n\t\t \"tags\": {\"Microsoft.Synchronize.ForceFullPasswordSync\": \"1\"}},\n\t\t{\"name\": \"contoso.onmicrosoft.com - AAD\", \"kind\": \"aad\", \"count\": null, \"tags\": {}}\n\t],\n\t\"groups\": []\n}\n";

fn load_with(text: &str, allow_extra_keys: bool) -> Result<Facts, Vec<Diagnostic>> {
    let opts = LoadOptions {
        allow_extra_keys,
        ..LoadOptions::default()
    };
    load_facts(&schema(), FileId(0), text, &opts)
}

fn load(text: &str) -> Facts {
    match load_with(text, false) {
        Ok(facts) => facts,
        Err(problems) => panic!("unexpected problems: {problems:#?}"),
    }
}

fn problems(text: &str) -> Vec<Diagnostic> {
    match load_with(text, false) {
        Ok(_) => panic!("expected problems loading:\n{text}"),
        Err(problems) => problems,
    }
}

/// The only problem loading `text`.
fn problem(text: &str) -> Diagnostic {
    let mut all = problems(text);
    assert_eq!(all.len(), 1, "{all:#?}");
    all.remove(0)
}

/// 1-based line and column of a problem's first label.
fn where_(text: &str, problem: &Diagnostic) -> (usize, usize) {
    let start = problem.labels.first().map_or(0, |l| l.span.start as usize);
    line_col(text, start)
}

fn field_of(record: &Record, index: usize) -> &Value {
    record
        .fields
        .get(index)
        .unwrap_or_else(|| panic!("no field {index}"))
}

fn record_of(value: &Value) -> &Record {
    match value {
        Value::Record(r) => r,
        other => panic!("not a record: {other:?}"),
    }
}

fn list_of(value: &Value) -> &List {
    match value {
        Value::List(l) => l,
        other => panic!("not a list: {other:?}"),
    }
}

fn map_of(value: &Value) -> &Map {
    match value {
        Value::Map(m) => m,
        other => panic!("not a map: {other:?}"),
    }
}

/// The path of field `index` (named `name`) of `record`, which must be unknown.
fn unknown_path(record: &Record, index: usize, name: &str) -> String {
    let value = record.read(index, name);
    match value.as_ref().map(Value::unknown_paths) {
        Some([path]) => path.to_string(),
        other => panic!("not unknown with one path: {other:?} in {value:?}"),
    }
}

fn text_of(value: &Value) -> &str {
    match value {
        Value::Str(s) => s,
        other => panic!("not a string: {other:?}"),
    }
}

fn assert_healthy(facts: &Facts) {
    let root = &facts.root;
    assert_eq!(&*root.path(), "");
    assert_eq!(text_of(field_of(root, 0)), "phs-facts/1");
    assert!(facts.collected_at.is_some());
    let tenant = record_of(field_of(root, 2));
    assert_eq!(&*tenant.path(), "tenant");
    assert!(matches!(field_of(tenant, 1), Value::Bool(true)));
    let items = list_of(field_of(root, 3));
    assert_eq!(items.path.as_deref(), Some("items"));
    assert_eq!(items.items.len(), 2);
    let first = record_of(items.items.first().unwrap_or(&Value::Bool(false)));
    assert_eq!(&*first.path(), "items[0]");
    // An item of a list keeps its list's path, not a copy with its index.
    let shares_list_path = match (&first.at, &items.path) {
        (RecordAt::Item(list, 0), Some(path)) => Arc::ptr_eq(list, path),
        _ => false,
    };
    assert!(shares_list_path, "{:?}", first.at);
    assert!(matches!(field_of(first, 1), Value::Enum(0)));
    assert!(matches!(field_of(first, 2), Value::Int(3)));
    let tags = map_of(field_of(first, 4));
    assert_eq!(tags.path.as_deref(), Some("items[0].tags"));
    let key = Key::Str("Microsoft.Synchronize.ForceFullPasswordSync".into());
    assert_eq!(tags.entries.get(&key).map(text_of), Some("1"));
    let second = record_of(items.items.get(1).unwrap_or(&Value::Bool(false)));
    assert!(matches!(field_of(second, 1), Value::Enum(1)));
    assert_eq!(unknown_path(second, 2, "count"), "items[1].count");
    let groups = list_of(field_of(root, 4));
    assert_eq!(groups.path.as_deref(), Some("groups"));
    assert!(groups.items.is_empty());
    assert_eq!(unknown_path(root, 5, "server_version"), "server_version");
}

#[test]
fn a_healthy_yaml_file_loads_in_schema_order() {
    assert_healthy(&load(HEALTHY));
}

#[test]
fn a_healthy_json_file_loads_the_same() {
    assert_healthy(&load(HEALTHY_JSON));
}

#[test]
fn a_byte_order_mark_is_skipped_and_counted_in_spans() {
    assert_healthy(&load(&format!("\u{feff}{HEALTHY}")));
    let text = format!("\u{feff}{HEADER}tenant: {{name: x, flg: true}}\n");
    let found = problem(&text);
    let start = found.labels.first().map(|l| l.span.start as usize);
    assert_eq!(start, text.find("flg"));
}

#[test]
fn fields_left_out_or_null_are_unknown_with_their_path() {
    for flag in ["", "flag: ~", "flag: null", "flag:"] {
        let facts = load(&format!("{HEADER}tenant:\n  name: x\n  {flag}\n"));
        let tenant = record_of(field_of(&facts.root, 2));
        assert_eq!(unknown_path(tenant, 1, "flag"), "tenant.flag", "{flag}");
    }
}

#[test]
fn a_plain_number_is_text_for_a_string_field() {
    let facts = load(&format!("{HEADER}tenant: {{name: 1}}\n"));
    let tenant = record_of(field_of(&facts.root, 2));
    assert_eq!(text_of(field_of(tenant, 0)), "1");
}

#[test]
fn an_unknown_key_is_reported_where_it_is_with_a_suggestion() {
    let text = format!("{HEADER}tenant:\n  name: x\n  flg: true\n");
    let found = problem(&text);
    assert_eq!(found.code, "phs::facts::unknown-field");
    assert_eq!(found.message, "unknown field `flg` in Tenant at `tenant`");
    assert_eq!(found.help.as_deref(), Some("did you mean `flag`?"));
    assert_eq!(where_(&text, &found), (5, 3));
    let span = found.labels.first().map(|l| l.span.end - l.span.start);
    assert_eq!(span, Some(3));
}

#[test]
fn an_unknown_key_far_from_any_field_lists_the_fields() {
    let found = problem(&format!("{HEADER}tenant: {{name: x, region: eu}}\n"));
    let help = found.help.unwrap_or_default();
    assert!(help.contains("`name`, `flag`"), "{help}");
}

#[test]
fn extra_keys_are_skipped_when_allowed() {
    let text =
        format!("{HEADER}site: {{rack: [1, 2], room: 3}}\ntenant: {{name: x, region: eu}}\n");
    assert!(load_with(&text, true).is_ok());
}

#[test]
fn a_missing_required_field_names_its_path_and_record() {
    let text =
        format!("{HEADER}tenant: {{name: x}}\nitems:\n  - name: contoso.com\n    tags: {{}}\n");
    let found = problem(&text);
    assert_eq!(found.code, "phs::facts::missing");
    assert_eq!(found.message, "missing required field `items[0].kind`");
    assert_eq!(where_(&text, &found), (5, 5));
    assert!(found
        .labels
        .iter()
        .any(|l| l.text == "this Item has no `kind`"));
}

#[test]
fn a_missing_format_says_how_a_file_starts() {
    let found = problem("collected_at: 2026-11-24T14:00:00Z\ntenant: {name: x}\n");
    assert_eq!(found.message, "missing required field `format`");
    assert!(found
        .help
        .unwrap_or_default()
        .contains("format: phs-facts/1"));
}

#[test]
fn null_for_a_required_value_is_a_problem_but_an_empty_list() {
    let found = problem(&format!("{HEADER}tenant: {{name: ~}}\n"));
    assert_eq!(found.message, "`tenant.name` is required but has no value");
    let facts = load(&format!("{HEADER}tenant: {{name: x}}\nitems:\n"));
    assert!(list_of(field_of(&facts.root, 3)).items.is_empty());
}

#[test]
fn a_wrong_scalar_names_the_path_and_what_was_found() {
    let text = format!("{HEADER}tenant: {{name: x, flag: yes please}}\n");
    let found = problem(&text);
    assert_eq!(found.code, "phs::facts::type");
    assert_eq!(
        found.message,
        "`tenant.flag` must be true or false, found `yes please`"
    );
    assert_eq!(where_(&text, &found), (3, 25));
    let quoted = problem(&format!("{HEADER}tenant: {{name: x, flag: \"true\"}}\n"));
    assert_eq!(
        quoted.help.as_deref(),
        Some("write `true` or `false` without quotes")
    );
}

#[test]
fn a_mapping_where_a_scalar_belongs_is_a_type_problem() {
    let text = format!("{HEADER}tenant:\n  name:\n    first: x\n");
    let found = problem(&text);
    assert_eq!(
        found.message,
        "`tenant.name` must be a string, found a mapping"
    );
    assert_eq!(where_(&text, &found), (5, 5));
    let found = problem(&format!("{HEADER}tenant: [x]\n"));
    assert_eq!(
        found.message,
        "`tenant` must be a mapping of Tenant fields, found a list"
    );
}

#[test]
fn a_wrong_enum_value_lists_the_values_and_suggests_one() {
    let found = problem(&format!(
        "{HEADER}tenant: {{name: x}}\nitems: [{{name: a, kind: aab, tags: {{}}}}]\n"
    ));
    assert_eq!(
        found.message,
        "`items[0].kind` must be one of `ad`, `aad`, `other`, found `aab`"
    );
    assert_eq!(found.help.as_deref(), Some("did you mean `aad`?"));
}

#[test]
fn enum_values_are_matched_ignoring_case() {
    let facts = load_with(
        &format!("{HEADER}tenant: {{name: x}}\nitems: [{{name: a, kind: AAD, tags: {{}}}}]\n"),
        false,
    );
    assert!(facts.is_ok(), "`AAD` is the value `aad`: {:?}", facts.err());
}

#[test]
fn a_timestamp_without_an_offset_is_refused_with_an_example() {
    let found =
        problem("format: phs-facts/1\ncollected_at: 2026-11-24T14:00:00\ntenant: {name: x}\n");
    assert_eq!(
        found.message,
        "`collected_at` must be an RFC 3339 timestamp with an offset, found `2026-11-24T14:00:00`"
    );
    assert!(found
        .help
        .unwrap_or_default()
        .contains("2026-11-24T13:31:00Z"));
}

#[test]
fn an_unsupported_format_names_the_supported_one() {
    let found = problem("format: phs-facts/2\ncollected_at: nonsense\n");
    assert_eq!(found.code, "phs::facts::format");
    assert_eq!(found.message, "unsupported facts format `phs-facts/2`");
    assert!(found
        .help
        .unwrap_or_default()
        .contains("`format: phs-facts/1`"));
}

#[test]
fn a_file_that_is_not_a_mapping_says_what_a_facts_file_is() {
    for text in ["", "# nothing\n", "- a\n- b\n", "hello\n", "---\n"] {
        let found = problem(text);
        assert_eq!(found.code, "phs::facts::root", "{text}");
        assert!(found
            .help
            .unwrap_or_default()
            .contains("format: phs-facts/1"));
    }
}

#[test]
fn a_second_document_is_refused() {
    let found = problem(&format!("{HEADER}tenant: {{name: x}}\n---\nformat: x\n"));
    assert_eq!(found.code, "phs::facts::root");
    assert!(found.message.contains("more than one YAML document"));
}

#[test]
fn a_syntax_error_is_one_problem_at_its_line() {
    let text = format!("{HEADER}tenant: {{name: x\nitems: []\n");
    let found = problem(&text);
    assert_eq!(found.code, "phs::facts::syntax");
    assert!(found
        .message
        .starts_with("the facts file is not valid YAML at line 4, column 6: "));
    assert_eq!(
        found.help.as_deref(),
        Some("fix the YAML (or JSON) at line 4, column 6")
    );
    assert_eq!(where_(&text, &found), (4, 6));
}

#[test]
fn small_aliases_are_expanded_with_the_paths_of_their_use() {
    let text = format!(
        "{HEADER}tenant: {{name: x}}\nitems:\n  - {{name: a, kind: ad, tags: &t {{site: hq}}}}\n  - {{name: b, kind: ad, tags: *t}}\n"
    );
    let facts = load(&text);
    let items = list_of(field_of(&facts.root, 3));
    let second = record_of(items.items.get(1).unwrap_or(&Value::Bool(false)));
    let tags = map_of(field_of(second, 4));
    assert_eq!(tags.path.as_deref(), Some("items[1].tags"));
    assert_eq!(
        tags.entries.get(&Key::Str("site".into())).map(text_of),
        Some("hq")
    );
}

#[test]
fn a_billion_laughs_fails_fast_at_the_alias_limit() {
    let mut text = format!("{HEADER}tenant: {{name: x}}\ngroups:\n  - &g0 {{name: lol}}\n");
    for level in 1..10 {
        let uses = vec![format!("*g{}", level - 1); 10].join(", ");
        text.push_str(&format!("  - &g{level} {{groups: [{uses}]}}\n"));
    }
    let found = problem(&text);
    assert_eq!(found.code, "phs::facts::limit::aliases");
}

#[test]
fn an_alias_inside_its_own_node_is_refused() {
    let found = problem(&format!(
        "{HEADER}tenant: {{name: x}}\ngroups: &g [{{groups: *g}}]\n"
    ));
    assert_eq!(found.code, "phs::facts::alias");
}

#[test]
fn deep_flow_nesting_fails_with_the_depth_limit() {
    let text = format!("{HEADER}groups: {}\n", "[".repeat(200_000));
    assert_eq!(problem(&text).code, "phs::facts::limit::depth");
}

#[test]
fn deep_block_nesting_fails_with_the_depth_limit() {
    let mut text = format!("{HEADER}groups:\n");
    for level in 0..100 {
        let indent = "  ".repeat(level);
        text.push_str(&format!("{indent}- groups:\n"));
    }
    assert_eq!(problem(&text).code, "phs::facts::limit::depth");
    let sequences = format!("{HEADER}groups: \n{}x\n", "- ".repeat(100_000));
    assert_eq!(problem(&sequences).code, "phs::facts::limit::depth");
}

#[test]
fn nesting_through_aliases_fails_with_the_depth_limit() {
    let mut text = format!("{HEADER}tenant: {{name: x}}\ngroups:\n  - &g0 {{name: deep}}\n");
    for level in 1..40 {
        text.push_str(&format!("  - &g{level} {{groups: [*g{}]}}\n", level - 1));
    }
    assert_eq!(problem(&text).code, "phs::facts::limit::depth");
}

#[test]
fn keys_named_like_secrets_are_refused_even_when_extra_keys_are_allowed() {
    let text = format!("{HEADER}tenant: {{name: x, admin_password: hunter2}}\n");
    for allow in [false, true] {
        let found = load_with(&text, allow).err().unwrap_or_default();
        let first = found.first().map(|d| (d.code, d.message.clone()));
        assert_eq!(
            first,
            Some((
                "phs::facts::secret",
                "`tenant.admin_password` looks like a secret, which a facts file must never hold"
                    .to_string()
            ))
        );
        assert!(found.iter().all(|d| !format!("{d:?}").contains("hunter2")));
    }
    let in_map = format!("{HEADER}tenant: {{name: x}}\nitems: [{{name: a, kind: ad, tags: {{Sync.NTHash: 00ff}}}}]\n");
    assert_eq!(problem(&in_map).code, "phs::facts::secret");
}

#[test]
fn secrets_nested_under_allowed_extra_keys_are_refused() {
    let text = format!(
        "{HEADER}tenant: {{name: x}}\nsite:\n  racks: [1, {{a: b}}]\n  admin:\n    - {{user: x, Api_Token: y}}\n"
    );
    let found = load_with(&text, true).err().unwrap_or_default();
    let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        ["`site.admin[0].Api_Token` looks like a secret, which a facts file must never hold"]
    );
    let span = found
        .first()
        .and_then(|d| d.labels.first())
        .map(|l| l.span.start as usize);
    assert_eq!(span, text.find("Api_Token"));
}

#[test]
fn declared_fields_are_never_taken_for_secrets() {
    let text = format!("{HEADER}tenant: {{name: x}}\nitems: [{{name: a, kind: ad, user_must_change_password: true, tags: {{}}}}]\n");
    load(&text);
}

#[test]
fn a_duplicate_key_names_both_lines() {
    let found = problem(&format!(
        "{HEADER}tenant:\n  name: x\n  flag: true\n  name: y\n"
    ));
    assert_eq!(found.code, "phs::facts::duplicate-key");
    assert_eq!(
        found.message,
        "`tenant.name` is given twice, on line 4 and line 6"
    );
    assert_eq!(found.labels.len(), 2);
    let in_map = problem(&format!(
        "{HEADER}tenant: {{name: x}}\nitems: [{{name: a, kind: ad, tags: {{k: 1, k: 2}}}}]\n"
    ));
    assert_eq!(
        in_map.message,
        "`items[0].tags.k` is given twice, on line 4 and line 4"
    );
}

#[test]
fn independent_problems_are_all_reported() {
    let text = format!(
        "{HEADER}tenant: {{name: x, flag: maybe, colour: red}}\nitems:\n  - {{name: a, kind: b, tags: {{}}}}\n  - {{name: c, tags: []}}\n"
    );
    let codes: Vec<&str> = problems(&text).iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        [
            "phs::facts::type",
            "phs::facts::unknown-field",
            "phs::facts::type",
            "phs::facts::type",
            "phs::facts::missing"
        ]
    );
}

#[test]
fn too_many_problems_end_with_a_note() {
    let mut text = format!("{HEADER}tenant: {{name: x}}\nitems:\n");
    for _ in 0..200 {
        text.push_str("  - {name: a, kind: nope, tags: {}}\n");
    }
    let found = problems(&text);
    assert_eq!(found.len(), crate::limits::MAX_FACTS_ERRORS + 1);
    let last = found.last().map(|d| (d.code, d.message.clone()));
    assert_eq!(
        last,
        Some((
            "phs::facts::limit::errors",
            format!(
                "too many problems; showing the first {}",
                crate::limits::MAX_FACTS_ERRORS
            )
        ))
    );
}

#[test]
fn a_string_over_the_limit_is_refused() {
    let long = "x".repeat(crate::limits::MAX_STRING_BYTES + 1);
    let found = problem(&format!("{HEADER}tenant: {{name: {long}}}\n"));
    assert_eq!(found.code, "phs::facts::limit::string");
}

#[test]
fn spans_after_non_ascii_text_are_byte_offsets() {
    let text =
        format!("{HEADER}# Zoë Müller — ✓ 日本\ntenant:\n  name: \"Zoë — 日本\"\n  flg: true\n");
    let found = problem(&text);
    let span = found
        .labels
        .first()
        .map(|l| (l.span.start as usize, l.span.end as usize));
    let at = text.find("flg").unwrap_or(0);
    assert_eq!(span, Some((at, at + 3)));
    assert_eq!(where_(&text, &found), (6, 3));
    let bad = format!("{HEADER}tenant: {{name: \"日本\", flag: ünsure}}\n");
    let found = problem(&bad);
    let span = found.labels.first().map(|l| l.span);
    let at = bad.find("ünsure").unwrap_or(0);
    assert_eq!(
        span.map(|s| (s.start as usize, s.end as usize)),
        Some((at, at + "ünsure".len()))
    );
}

/// A tiny deterministic fuzzer: random edits of the healthy files never panic, never
/// hang, and every label stays inside the text on character boundaries.
#[test]
fn random_edits_never_panic_and_spans_stay_in_the_text() {
    let alphabet: Vec<char> = "-:[]{},?&*!|>'\"#%@`~ \n\tab1.\\é".chars().collect();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut random = move |below: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        usize::try_from(state % below.max(1) as u64).unwrap_or(0)
    };
    for round in 0..3_000 {
        let seed = if round % 2 == 0 {
            HEALTHY
        } else {
            HEALTHY_JSON
        };
        let mut chars: Vec<char> = seed.chars().collect();
        for _ in 0..=random(5) {
            let at = random(chars.len() + 1);
            let c = alphabet.get(random(alphabet.len())).copied().unwrap_or('x');
            match random(3) {
                0 => chars.insert(at, c),
                1 if at < chars.len() => {
                    chars.remove(at);
                }
                _ => {
                    if let Some(slot) = chars.get_mut(at) {
                        *slot = c;
                    }
                }
            }
        }
        let text: String = chars.into_iter().collect();
        let Err(found) = load_with(&text, random(2) == 0) else {
            continue;
        };
        assert!(!found.is_empty());
        for label in found.iter().flat_map(|d| &d.labels) {
            let (start, end) = (label.span.start as usize, label.span.end as usize);
            assert!(start <= end && end <= text.len(), "{label:?} in {text:?}");
            assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
        }
    }
}

#[test]
fn spans_in_a_crlf_file_are_byte_offsets() {
    let text = format!("{HEADER}tenant:\r\n  name: Zoë\r\n  flg: true\r\n");
    let found = problem(&text);
    let start = found.labels.first().map(|l| l.span.start as usize);
    assert_eq!(start, text.find("flg"));
}
