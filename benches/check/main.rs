//! `cargo bench --bench check`: phsrule against a hand-written baseline on
//! generated facts files. For each size and format it measures, each in a fresh
//! process (this executable again, told what to do by `PHS_BENCH_CASE`), the
//! whole builtin pack phase by phase, `--only` the five baseline rules, the
//! `phsrule` executable end to end, and the baseline (`baseline.rs`); it prints
//! one Markdown table per file, every figure with its ratio to the baseline's
//! (the report phase has none: the baseline renders only a list of findings).
//! docs/performance.md records the numbers and how to read them.
//!
//! Settings (environment):
//! - `PHS_BENCH_SIZES`: object counts, default `1k,10k,100k`; `1m` writes a 1.5 GB file.
//! - `PHS_BENCH_FORMATS`: default `yaml,json`.
//! - `PHS_BENCH_KINDS`: any of `pack,only,cli,baseline,python,load`, default all
//!   but `load` (phsrule's facts load alone). `python` runs `baseline.py` with
//!   `python3` from PATH; without one its row says it was not measured.
//! - `PHS_BENCH_RUNS`: runs per measurement (the median is shown, with the range);
//!   default 3 up to 10k objects, 1 above.
//!
//! The facts files are written once into Cargo's temporary target directory
//! (`target/tmp/phs-bench/`) and reused; they are never committed.

mod baseline;
mod generate;
mod measure;

use generate::Format;
use measure::{Figures, Kind};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Tells a child process which measurement to make: `kind:path`.
const CASE_VAR: &str = "PHS_BENCH_CASE";
/// Bumped when the generator changes, so that old files are not reused.
const GENERATOR_VERSION: u32 = 1;

fn main() {
    if let Ok(case) = std::env::var(CASE_VAR) {
        let (kind, path) = case
            .split_once(':')
            .unwrap_or_else(|| panic!("bad case {case}"));
        measure::run(kind_of(kind), Path::new(path));
        return;
    }
    let sizes = setting("PHS_BENCH_SIZES", "1k,10k,100k");
    let formats = setting("PHS_BENCH_FORMATS", "yaml,json");
    let kinds = setting("PHS_BENCH_KINDS", "pack,only,cli,baseline,python");
    let nproc = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("phsrule bench: {nproc} cores; times in seconds, memory in MiB; (×N) is the ratio to the baseline\n");
    for size in &sizes {
        let objects = parse_size(size);
        for format in &formats {
            let format = match format.as_str() {
                "yaml" => Format::Yaml,
                "json" => Format::Json,
                other => panic!("unknown format {other}"),
            };
            let path = facts_file(objects, format);
            let runs = std::env::var("PHS_BENCH_RUNS")
                .ok()
                .and_then(|r| r.parse().ok())
                .unwrap_or(if objects <= 10_000 { 3 } else { 1 });
            table(&path, objects, format, &kinds, runs);
        }
    }
}

fn setting(name: &str, default: &str) -> Vec<String> {
    std::env::var(name)
        .unwrap_or_else(|_| default.to_string())
        .split(',')
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty())
        .collect()
}

fn parse_size(size: &str) -> usize {
    let (digits, scale) = match size.strip_suffix('k') {
        Some(d) => (d, 1_000),
        None => match size.strip_suffix('m') {
            Some(d) => (d, 1_000_000),
            None => (size, 1),
        },
    };
    digits
        .parse::<usize>()
        .unwrap_or_else(|_| panic!("bad size {size}"))
        * scale
}

/// The facts file of `objects` objects, written if it is not there yet.
fn facts_file(objects: usize, format: Format) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("phs-bench");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let name = format!(
        "facts-{objects}-v{GENERATOR_VERSION}.{}",
        format.extension()
    );
    let path = dir.join(name);
    if !path.exists() {
        let partial = path.with_extension("partial");
        let file = std::fs::File::create(&partial)
            .unwrap_or_else(|e| panic!("{}: {e}", partial.display()));
        let out = std::io::BufWriter::with_capacity(1 << 20, file);
        generate::write_facts(objects, format, out)
            .unwrap_or_else(|e| panic!("{}: {e}", partial.display()));
        std::fs::rename(&partial, &path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
    path
}

/// Measure `kind` on `path` `runs` times, each in a fresh process.
fn measure(kind: &str, path: &Path, runs: usize) -> Vec<Figures> {
    (0..runs)
        .map(|_| {
            let exe = std::env::current_exe().unwrap_or_else(|e| panic!("{e}"));
            let out = Command::new(exe)
                .env(CASE_VAR, format!("{kind}:{}", path.display()))
                .output()
                .unwrap_or_else(|e| panic!("{e}"));
            let text = String::from_utf8_lossy(&out.stdout);
            let line = text.lines().last().unwrap_or("");
            serde_json::from_str(line).unwrap_or_else(|_| Figures {
                refused: Some(format!(
                    "crashed: {}",
                    String::from_utf8_lossy(&out.stderr)
                        .lines()
                        .last()
                        .unwrap_or("")
                )),
                ..Figures::default()
            })
        })
        .collect()
}

fn kind_of(name: &str) -> Kind {
    match name {
        "pack" => Kind::Pack,
        "only" => Kind::Only,
        "cli" => Kind::Cli,
        "baseline" => Kind::Baseline,
        "python" => Kind::Python,
        "load" => Kind::Load,
        other => panic!("unknown kind {other}"),
    }
}

/// The run whose total is the median.
fn median(runs: &[Figures]) -> Figures {
    let mut sorted = runs.to_vec();
    sorted.sort_by(|a, b| a.total.total_cmp(&b.total));
    sorted.get(sorted.len() / 2).cloned().unwrap_or_default()
}

fn table(path: &Path, objects: usize, format: Format, kinds: &[String], runs: usize) {
    let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
    println!(
        "### {objects} objects, {objects} events, {} ({:.1} MB, {runs} run(s) each)\n",
        format.extension().to_uppercase(),
        bytes as f64 / 1e6
    );
    // The baseline first: every other figure is divided by it.
    let mut order: Vec<&String> = kinds.iter().filter(|k| *k == "baseline").collect();
    order.extend(kinds.iter().filter(|k| *k != "baseline"));
    let mut base: Option<Figures> = None;
    let mut rows = Vec::new();
    for name in order {
        let all = measure(name, path, runs);
        let m = median(&all);
        if name == "baseline" {
            base = Some(m.clone());
        }
        rows.push((kind_of(name), m, all));
    }
    println!("| measured | load | rules | evaluate | report | total (range) | MB/s | peak MiB | peak after load / evaluate |");
    println!("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    rows.sort_by_key(|(k, ..)| *k as u8);
    for (kind, m, all) in rows {
        let not_measured = [measure::NO_PYTHON, measure::NO_PYTHON_YAML];
        if let Some(why) = m
            .refused
            .as_ref()
            .filter(|w| not_measured.contains(&w.as_str()))
        {
            println!("| {} | {why} | | | | | | | |", kind.label());
            continue;
        }
        if let Some(why) = &m.refused {
            println!(
                "| {} | refused after {:.2} s, {:.0} MiB: {why} | | | | | | | |",
                kind.label(),
                m.total,
                m.peak_mib
            );
            continue;
        }
        let b = base.clone().unwrap_or_default();
        let low = all.iter().map(|f| f.total).fold(f64::INFINITY, f64::min);
        let high = all.iter().map(|f| f.total).fold(0.0, f64::max);
        let phase = |v: f64, bv: f64| match kind {
            Kind::Cli => "–".to_string(),
            _ => with_ratio(v, bv, 2),
        };
        let phases = if m.peak_after_load > 0.0 {
            format!("{:.0} / {:.0}", m.peak_after_load, m.peak_after_eval)
        } else {
            "–".to_string()
        };
        println!(
            "| {} | {} | {} | {} | {} | {} ({low:.2}–{high:.2}) | {:.0} | {} | {phases} |",
            kind.label(),
            phase(m.load, b.load),
            phase(m.rules, 0.0),
            phase(m.eval, b.eval),
            phase(m.report, 0.0),
            with_ratio(m.total, b.total, 2),
            bytes as f64 / 1e6 / m.total.max(1e-9),
            with_ratio(m.peak_mib, b.peak_mib, 0),
        );
    }
    println!();
}

/// `v` with its ratio to the baseline's `base`, when there is one.
fn with_ratio(v: f64, base: f64, decimals: usize) -> String {
    if base > 0.0 {
        format!("{v:.decimals$} ({:.1}×)", v / base)
    } else {
        format!("{v:.decimals$}")
    }
}
