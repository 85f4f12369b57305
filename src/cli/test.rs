//! `phsrule test [PATH]...`: run the `*.test.yaml` rule tests of rule packs.
//!
//! Each PATH is a pack folder (its `.phs` files are the pack under test, its
//! `*.test.yaml` files anywhere below are the tests) or one test file (the pack is
//! the nearest folder above it holding `.phs` files). Rules are loaded as `check`
//! loads them: the builtin pack plus the pack under test, except that a folder
//! holding the builtin pack itself (`rules/`) replaces the embedded copy. Every
//! test file and every case's facts are read and checked before any case runs, so
//! a bad test file prints only diagnostics (exit 2).

mod cases;
mod discover;

use super::load::{load_rules, rule_files, Failure};
use super::{exit, plural, print_diags, RuleArgs};
use crate::check::program::{Program, Rule};
use crate::diag::Diagnostic;
use crate::eval::evaluate;
use crate::facts::Facts;
use crate::source::{FileId, Sources};
use crate::testing::verdict::{expected_to_fire, judge};
use crate::testing::Case;
use cases::{in_case, CaseLoader};
use chrono::{DateTime, FixedOffset};
use discover::discover;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct TestArgs {
    /// Rule pack folders whose tests to run, or single `*.test.yaml` files.
    /// Without a PATH: every pack under the current folder that has tests (each
    /// `*.test.yaml` file runs with the nearest folder above it holding `.phs`
    /// files; `target` and hidden folders are not searched).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Packs the tested packs build on, loaded with them (besides the builtin pack).
    #[command(flatten)]
    pub rules: RuleArgs,
}

/// The tests of one PATH, ready to run.
struct Suite {
    label: String,
    program: Program,
    /// The files of the packs under test, whose rules the coverage counts.
    tested: Vec<FileId>,
    cases: Vec<Prepared>,
}

/// A case whose facts are loaded.
struct Prepared {
    file: String,
    case: Case,
    facts: Facts,
    now: DateTime<FixedOffset>,
}

pub fn run(args: &TestArgs) -> u8 {
    let paths = if args.paths.is_empty() {
        match default_paths() {
            Ok(paths) => paths,
            Err(f) => return super::bad_input(&Sources::new(), &f),
        }
    } else {
        args.paths.clone()
    };
    let mut suites = Vec::new();
    let mut bad = false;
    for path in &paths {
        let mut sources = Sources::new();
        match prepare(&mut sources, path, &args.rules) {
            Ok(suite) => suites.push((suite, sources)),
            Err(f) => {
                print_diags(&sources, &f.diags);
                bad = true;
            }
        }
    }
    if bad {
        errln!("error: the tests could not be run");
        return exit::BAD_INPUT;
    }
    let mut out = String::new();
    let (mut passed, mut failed) = (0, 0);
    for (suite, sources) in &suites {
        match run_suite(suite, &mut out) {
            Ok((p, f)) => {
                passed += p;
                failed += f;
            }
            Err(diag) => return super::bad_input(sources, &diag.into()),
        }
    }
    let verdict = if failed == 0 { "ok" } else { "FAILED" };
    out.push_str(&format!(
        "test result: {verdict}. {passed} passed, {failed} failed\n"
    ));
    super::print_human(&out);
    if failed == 0 {
        exit::OK
    } else {
        exit::FINDINGS
    }
}

/// The packs with tests under the current folder, for a `phsrule test` without
/// a PATH; test files that belong to no pack are named on stderr.
fn default_paths() -> Result<Vec<PathBuf>, Failure> {
    let (packs, orphans) = discover::packs_under(Path::new("."))?;
    for test in &orphans {
        errln!(
            "note: `{}` is not run: no folder above it holds `.phs` files; run `phsrule test {}` with `--rules` to test it",
            crate::diag::visible(&test.display().to_string()),
            crate::diag::visible(&test.display().to_string())
        );
    }
    if packs.is_empty() {
        return Err(Diagnostic::error(
            "phs::test::none",
            "there are no rule packs with tests (`*.test.yaml`) under the current folder",
        )
        .help("give a pack's folder, e.g. `phsrule test rules`; see docs/testing.md")
        .into());
    }
    Ok(packs)
}

/// Find, read and check everything one PATH needs.
fn prepare(sources: &mut Sources, path: &Path, deps: &RuleArgs) -> Result<Suite, Failure> {
    let (pack_dir, test_files) = discover(path)?;
    let pack_files = match &pack_dir {
        Some(dir) => rule_files(dir)?,
        None => Vec::new(),
    };
    let mut from = deps.sources();
    from.paths.extend(pack_dir.clone());
    let loaded = load_rules(sources, &from)?;
    print_diags(sources, &loaded.warnings);
    let tested = loaded
        .user_files
        .iter()
        .rev()
        .take(pack_files.len())
        .copied()
        .collect();
    let mut reader = CaseLoader {
        program: &loaded.program,
        sources,
        bases: HashMap::new(),
        diags: Vec::new(),
    };
    let mut cases = Vec::new();
    for file in &test_files {
        cases.extend(reader.test_file(file));
    }
    if !reader.diags.is_empty() {
        return Err(reader.diags.into());
    }
    Ok(Suite {
        label: path.display().to_string(),
        program: loaded.program,
        tested,
        cases,
    })
}

/// Run one suite's cases, appending what to print; returns (passed, failed).
fn run_suite(suite: &Suite, out: &mut String) -> Result<(usize, usize), Diagnostic> {
    let packs: Vec<String> = suite.program.packs.iter().map(|p| p.label()).collect();
    out.push_str(&format!(
        "running {} case{} of {} with {}\n",
        suite.cases.len(),
        plural(suite.cases.len()),
        suite.label,
        packs.join(", ")
    ));
    let (mut passed, mut failed) = (0, 0);
    let mut covered: BTreeSet<&str> = BTreeSet::new();
    for p in &suite.cases {
        let evaluation = evaluate(&suite.program, &p.facts.root, p.now)
            .map_err(|e| in_case(&p.file, &p.case.name, e.to_diagnostic()))?;
        let mismatches = judge(&p.case, &suite.program, &evaluation);
        if mismatches.is_empty() {
            passed += 1;
            covered.extend(expected_to_fire(&p.case));
            out.push_str(&format!("  ok      {}: {}\n", p.file, p.case.name));
        } else {
            failed += 1;
            out.push_str(&format!("  FAILED  {}: {}\n", p.file, p.case.name));
            for m in &mismatches {
                out.push_str(&m.render("          "));
            }
        }
    }
    out.push_str(&coverage(suite, &covered));
    out.push('\n');
    Ok((passed, failed))
}

/// Which rules under test fire in at least one passing case, and which do not.
fn coverage(suite: &Suite, covered: &BTreeSet<&str>) -> String {
    let rules: Vec<&Rule> = suite
        .program
        .rules
        .iter()
        .filter(|r| suite.tested.contains(&r.span.file))
        .collect();
    if rules.is_empty() {
        return String::new();
    }
    let mut ids: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
    ids.sort_unstable();
    let missing: Vec<&str> = ids
        .iter()
        .copied()
        .filter(|id| !covered.contains(id))
        .collect();
    let tested: BTreeSet<String> = rules
        .iter()
        .filter_map(|r| suite.program.packs.get(r.pack).map(|p| p.label()))
        .collect();
    let mut text = format!(
        "coverage of {}: {} of {} rule{} fire in a passing case\n",
        tested.into_iter().collect::<Vec<_>>().join(", "),
        ids.len() - missing.len(),
        ids.len(),
        plural(ids.len())
    );
    if !missing.is_empty() {
        text.push_str("  no case makes these fire:\n");
        for row in missing.chunks(8) {
            text.push_str(&format!("    {}\n", row.join(", ")));
        }
    }
    text
}
