//! Properties of evaluation, checked on generated inputs (proptest): the laws of
//! three-valued logic, determinism, and independence from the order of keys.

use crate::common::phsrule;
use phsrule::check::{check_program, Program};
use phsrule::eval::{evaluate, Outcome};
use phsrule::facts::{load_facts, LoadOptions};
use phsrule::report::{build_report, json, Selection};
use phsrule::source::{FileId, Sources};
use phsrule::syntax::parse_file;
use proptest::prelude::*;

/// A truth value of Kleene's three-valued logic, as the engine decides rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Truth {
    True,
    False,
    Unknown,
}

impl Truth {
    fn not(self) -> Truth {
        match self {
            Truth::True => Truth::False,
            Truth::False => Truth::True,
            Truth::Unknown => Truth::Unknown,
        }
    }

    fn and(self, other: Truth) -> Truth {
        match (self, other) {
            (Truth::False, _) | (_, Truth::False) => Truth::False,
            (Truth::True, Truth::True) => Truth::True,
            _ => Truth::Unknown,
        }
    }

    fn or(self, other: Truth) -> Truth {
        self.not().and(other.not()).not()
    }

    /// The facts file spelling of an optional boolean with this value.
    fn yaml(self) -> &'static str {
        match self {
            Truth::True => "true",
            Truth::False => "false",
            Truth::Unknown => "null",
        }
    }
}

/// The optional booleans of the builtin schema that the conditions read.
const ATOMS: [&str; 4] = [
    "server.staging_mode",
    "server.password_hash_sync",
    "tenant.password_hash_sync",
    "tenant.force_password_change_on_logon",
];

/// A condition over the atoms.
#[derive(Debug, Clone)]
enum Cond {
    Atom(usize),
    Lit(bool),
    Not(Box<Cond>),
    And(Box<Cond>, Box<Cond>),
    Or(Box<Cond>, Box<Cond>),
}

impl Cond {
    fn phs(&self) -> String {
        match self {
            Cond::Atom(i) => ATOMS.get(*i).copied().unwrap_or("true").to_string(),
            Cond::Lit(b) => b.to_string(),
            Cond::Not(a) => format!("not ({})", a.phs()),
            Cond::And(a, b) => format!("({}) and ({})", a.phs(), b.phs()),
            Cond::Or(a, b) => format!("({}) or ({})", a.phs(), b.phs()),
        }
    }

    fn truth(&self, atoms: &[Truth; 4]) -> Truth {
        match self {
            Cond::Atom(i) => atoms.get(*i).copied().unwrap_or(Truth::True),
            Cond::Lit(true) => Truth::True,
            Cond::Lit(false) => Truth::False,
            Cond::Not(a) => a.truth(atoms).not(),
            Cond::And(a, b) => a.truth(atoms).and(b.truth(atoms)),
            Cond::Or(a, b) => a.truth(atoms).or(b.truth(atoms)),
        }
    }
}

fn not(a: &Cond) -> Cond {
    Cond::Not(Box::new(a.clone()))
}

fn and(a: &Cond, b: &Cond) -> Cond {
    Cond::And(Box::new(a.clone()), Box::new(b.clone()))
}

fn or(a: &Cond, b: &Cond) -> Cond {
    Cond::Or(Box::new(a.clone()), Box::new(b.clone()))
}

fn truth() -> impl Strategy<Value = Truth> {
    prop_oneof![Just(Truth::True), Just(Truth::False), Just(Truth::Unknown)]
}

fn cond() -> impl Strategy<Value = Cond> {
    let leaf = prop_oneof![
        4 => (0..ATOMS.len()).prop_map(Cond::Atom),
        1 => any::<bool>().prop_map(Cond::Lit),
    ];
    leaf.prop_recursive(4, 24, 2, |inner| {
        prop_oneof![
            inner.clone().prop_map(|a| Cond::Not(Box::new(a))),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| Cond::And(Box::new(a), Box::new(b))),
            (inner.clone(), inner).prop_map(|(a, b)| Cond::Or(Box::new(a), Box::new(b))),
        ]
    })
}

/// A facts file whose atoms have these values.
fn facts_with(atoms: &[Truth; 4]) -> String {
    let [staging, server_phs, tenant_phs, force] = atoms.map(Truth::yaml);
    format!(
        "format: phs-facts/1\ncollected_at: 2026-11-24T14:00:00Z\n\
         server: {{name: AADC01, version: 2.3.20.0, staging_mode: {staging}, password_hash_sync: {server_phs}}}\n\
         tenant: {{name: contoso.onmicrosoft.com, password_hash_sync: {tenant_phs}, force_password_change_on_logon: {force}}}\n\
         connectors: []\nevents: []\nobjects: []\n"
    )
}

/// The builtin pack plus `rules`, checked.
fn program_with(sources: &mut Sources, rules: &str) -> Program {
    let mut parsed = Vec::new();
    for (name, text) in phsrule::builtin::FILES
        .iter()
        .copied()
        .chain([("props.phs", rules)])
    {
        let id = sources.add(name, text);
        match parse_file(id, text) {
            Ok(ast) => parsed.push((id, ast)),
            Err(d) => panic!("{name} does not parse: {}\n{rules}", d.message),
        }
    }
    let asts: Vec<_> = parsed.iter().map(|(_, ast)| ast).collect();
    match check_program(&asts) {
        (Some(program), _) => program,
        (None, diags) => panic!(
            "rules do not check: {:?}\n{rules}",
            diags.first().map(|d| &d.message)
        ),
    }
}

/// The truth the engine gives each condition, as the outcome of a rule on it.
fn engine_truths(conds: &[Cond], atoms: &[Truth; 4]) -> Vec<Truth> {
    let rules: String = conds
        .iter()
        .enumerate()
        .map(|(i, c)| {
            format!(
                "rule LAW{i:03} \"law\" {{\n  severity info\n  when {}\n  message \"m\"\n}}\n",
                c.phs()
            )
        })
        .collect();
    let mut sources = Sources::new();
    let program = program_with(&mut sources, &rules);
    let text = facts_with(atoms);
    let file = sources.add("facts.yaml", text.as_str());
    let Ok(facts) = load_facts(&program.schema, file, &text, &LoadOptions::default()) else {
        panic!("the facts do not load:\n{text}");
    };
    let now = facts
        .collected_at
        .unwrap_or_else(|| panic!("no collected_at"));
    let evaluation =
        evaluate(&program, &facts.root, now).unwrap_or_else(|e| panic!("{}", e.message));
    (0..conds.len())
        .map(|i| {
            let id = format!("LAW{i:03}");
            let result = evaluation
                .results
                .iter()
                .find(|r| program.rules.get(r.rule).is_some_and(|rule| rule.id == id));
            let outcome = result.and_then(|r| r.instances.first()).map(|i| &i.outcome);
            match outcome {
                Some(Outcome::Fired) => Truth::True,
                Some(Outcome::Passed) => Truth::False,
                Some(Outcome::Undetermined { .. }) => Truth::Unknown,
                other => panic!("{id}: unexpected outcome {other:?}"),
            }
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// The engine agrees with Kleene's logic, and so with its laws: De Morgan,
    /// double negation, absorption, `unknown and false` is false, `unknown or
    /// true` is true.
    #[test]
    fn conditions_follow_three_valued_logic(
        atoms in [truth(), truth(), truth(), truth()],
        p in cond(),
        q in cond(),
    ) {
        let unknown = Cond::Atom(0);
        let laws: Vec<(Cond, Cond)> = vec![
            (not(&and(&p, &q)), or(&not(&p), &not(&q))),
            (not(&or(&p, &q)), and(&not(&p), &not(&q))),
            (not(&not(&p)), p.clone()),
            (and(&p, &or(&p, &q)), p.clone()),
            (or(&p, &and(&p, &q)), p.clone()),
            (and(&unknown, &Cond::Lit(false)), Cond::Lit(false)),
            (or(&unknown, &Cond::Lit(true)), Cond::Lit(true)),
        ];
        let conds: Vec<Cond> = laws.iter().flat_map(|(a, b)| [a.clone(), b.clone()]).collect();
        let truths = engine_truths(&conds, &atoms);
        for (i, cond) in conds.iter().enumerate() {
            prop_assert_eq!(truths.get(i).copied(), Some(cond.truth(&atoms)), "{}", cond.phs());
        }
        for (i, (a, b)) in laws.iter().enumerate() {
            let (x, y) = (truths.get(2 * i), truths.get(2 * i + 1));
            prop_assert_eq!(x, y, "law {} fails: {} vs {}", i, a.phs(), b.phs());
        }
    }
}

#[test]
fn an_unknown_fact_makes_and_false_and_or_true() {
    let atoms = [Truth::Unknown; 4];
    let u = Cond::Atom(2);
    let conds = [
        and(&u, &Cond::Lit(false)),
        or(&u, &Cond::Lit(true)),
        and(&u, &Cond::Lit(true)),
        or(&u, &Cond::Lit(false)),
        not(&u),
    ];
    let got = engine_truths(&conds, &atoms);
    let expected = [
        Truth::False,
        Truth::True,
        Truth::Unknown,
        Truth::Unknown,
        Truth::Unknown,
    ];
    assert_eq!(got, expected);
}

/// The example facts files, relative to the crate's root.
fn example_facts() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/facts");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .filter_map(|p| {
            p.file_name()
                .map(|n| format!("examples/facts/{}", n.to_string_lossy()))
        })
        .collect();
    files.sort();
    files
}

#[test]
fn the_same_facts_give_byte_identical_reports() {
    for format in ["json", "human", "markdown"] {
        let first = phsrule(&["check", "--format", format, "--verbose", "examples/facts"]);
        let again = phsrule(&["check", "--format", format, "--verbose", "examples/facts"]);
        assert!(!first.stdout.is_empty(), "{}", first.stderr);
        assert_eq!(first.code, again.code);
        assert_eq!(
            first.stdout, again.stdout,
            "{format} reports differ between runs"
        );
    }
}

/// The JSON report of facts text, checked by the builtin pack.
fn json_report(program: &Program, sources: &mut Sources, text: &str) -> String {
    let file: FileId = sources.add("facts.yaml", text);
    let facts = match load_facts(&program.schema, file, text, &LoadOptions::default()) {
        Ok(f) => f,
        Err(d) => panic!(
            "facts do not load: {:?}\n{text}",
            d.first().map(|d| &d.message)
        ),
    };
    let now = facts
        .collected_at
        .unwrap_or_else(|| panic!("no collected_at"));
    let evaluation =
        evaluate(program, &facts.root, now).unwrap_or_else(|e| panic!("{}", e.message));
    let report = build_report(program, evaluation, "facts.yaml", &Selection::default());
    json::render_json(std::slice::from_ref(&report)).unwrap_or_else(|e| panic!("not JSON: {e}"))
}

/// Fields whose mappings are maps (their order is kept and may show in reports),
/// not records.
const MAP_FIELDS: [&str; 2] = ["global_parameters", "attributes"];

/// Shuffle the keys of every record mapping, leaving lists and maps in order.
fn shuffle_records(value: &mut serde_json::Value, rng: &mut u64) {
    match value {
        serde_json::Value::Object(map) => {
            let mut entries: Vec<(String, serde_json::Value)> =
                std::mem::take(map).into_iter().collect();
            for (key, value) in &mut entries {
                if !MAP_FIELDS.contains(&key.as_str()) {
                    shuffle_records(value, rng);
                }
            }
            for i in (1..entries.len()).rev() {
                *rng ^= *rng << 13;
                *rng ^= *rng >> 7;
                *rng ^= *rng << 17;
                let j = usize::try_from(*rng % (i as u64 + 1)).unwrap_or(0);
                entries.swap(i, j);
            }
            map.extend(entries);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| shuffle_records(v, rng)),
        _ => {}
    }
}

/// A YAML facts file as JSON with the same key order, or shuffled record keys.
fn as_json(yaml: &str, shuffle: Option<u64>) -> String {
    let value: serde_yaml::Value = serde_yaml::from_str(yaml).unwrap_or_else(|e| panic!("{e}"));
    let mut json = serde_json::to_value(&value).unwrap_or_else(|e| panic!("{e}"));
    if let Some(seed) = shuffle {
        let mut rng = seed | 1;
        shuffle_records(&mut json, &mut rng);
    }
    serde_json::to_string_pretty(&json).unwrap_or_else(|e| panic!("{e}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Records are read by field name: the order of their keys changes nothing.
    #[test]
    fn reports_do_not_depend_on_the_order_of_record_keys(
        index in 0usize..64,
        seed in any::<u64>(),
    ) {
        let files = example_facts();
        let name = files.get(index % files.len().max(1)).cloned().unwrap_or_default();
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(&name);
        let yaml = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut sources = Sources::new();
        let program = program_with(&mut sources, "");
        let original = json_report(&program, &mut sources, &yaml);
        let in_order = json_report(&program, &mut sources, &as_json(&yaml, None));
        let shuffled = json_report(&program, &mut sources, &as_json(&yaml, Some(seed)));
        prop_assert_eq!(&original, &in_order, "{} read as JSON", name);
        prop_assert_eq!(&original, &shuffled, "{} with shuffled keys", name);
    }
}
