//! `--only` and `--skip` evaluate only the selected rules and those they need;
//! the report must be the one the whole evaluation gives, filtered the same way.

use phsrule::check::Program;
use phsrule::cli::load::{load_rules, RuleSources};
use phsrule::eval::{evaluate, evaluate_some};
use phsrule::facts::{load_facts, LoadOptions};
use phsrule::report::{build_report, Report, Selection};
use phsrule::source::Sources;

/// Example files with outcomes of every kind, and selections that cut through
/// `needs` chains (PHS040 waits on PHS030, PHS033, PHS034, PHS036, …).
const FILES: [&str; 6] = [
    "healthy.yaml",
    "multi-forest.yaml",
    "phs011-no-heartbeat.yaml",
    "phs022-missing-replicate-all.yaml",
    "phs031-temporary-password.yaml",
    "phs030-not-in-connector-space.yaml",
];

fn selections() -> Vec<Selection> {
    let ids = |list: &[&str]| list.iter().map(|s| (*s).to_string()).collect();
    vec![
        Selection {
            only: ids(&["PHS011", "PHS022", "PHS031", "PHS039", "PHS040"]),
            skip: Vec::new(),
        },
        Selection {
            only: ids(&["PHS040"]),
            skip: Vec::new(),
        },
        Selection {
            only: ids(&["PHS020", "PHS023"]),
            skip: ids(&["PHS020"]),
        },
        Selection {
            only: Vec::new(),
            skip: ids(&["PHS030", "PHS039", "PHS040"]),
        },
    ]
}

/// The report of `file` under `selection`: evaluating only what it needs, and
/// evaluating everything.
fn both_reports(program: &Program, file: &str, selection: &Selection) -> (Report, Report) {
    let path = format!("examples/facts/{file}");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut sources = Sources::new();
    let id = sources.add(path.clone(), text.as_str());
    let facts = load_facts(&program.schema, id, &text, &LoadOptions::default())
        .unwrap_or_else(|_| panic!("{path} does not load"));
    let now = facts
        .collected_at
        .unwrap_or_else(|| panic!("{path} has no collected_at"));
    let wanted = selection.rules_to_evaluate(program);
    let some = evaluate_some(program, &facts.root, now, &wanted)
        .unwrap_or_else(|e| panic!("{}", e.message));
    let all = evaluate(program, &facts.root, now).unwrap_or_else(|e| panic!("{}", e.message));
    (
        build_report(program, some, file, selection),
        build_report(program, all, file, selection),
    )
}

#[test]
fn a_selection_reports_what_the_whole_evaluation_reports_filtered() {
    let mut sources = Sources::new();
    let from = RuleSources::builtin_only();
    let Ok(loaded) = load_rules(&mut sources, &from) else {
        panic!("the builtin pack does not load");
    };
    let program = &loaded.program;
    for selection in selections() {
        let wanted = selection.rules_to_evaluate(program);
        assert!(
            wanted.iter().any(|w| !w),
            "{selection:?} evaluates every rule"
        );
        for file in FILES {
            let (some, all) = both_reports(program, file, &selection);
            assert!(!all.results.is_empty() || !selection.only.is_empty());
            assert_eq!(some, all, "{file} with {selection:?}");
        }
    }
}
