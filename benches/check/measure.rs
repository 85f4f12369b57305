//! One measurement, in a fresh process so that its peak memory (`VmHWM`) is its
//! own: phsrule through the library calls `check --format json` makes, the same
//! through the `phsrule` executable, or the baseline.

use super::baseline;
use phsrule::cli::load::{load_facts_file, load_rules, RuleSources};
use phsrule::eval::evaluate_some;
use phsrule::facts::LoadOptions;
use phsrule::report::{build_report, json::write_json, Selection};
use phsrule::source::Sources;
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

/// The five rules the baseline does.
pub const FIVE: [&str; 5] = ["PHS011", "PHS022", "PHS031", "PHS039", "PHS040"];

/// What is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `check --format json`, the whole builtin pack, phase by phase.
    Pack,
    /// `check --only` the five rules `--format json`.
    Only,
    /// The `phsrule` executable, `check --format json` to /dev/null.
    Cli,
    /// The hand-written pass.
    Baseline,
    /// The same five checks in Python (`baseline.py`), when `python3` is on PATH.
    Python,
    /// phsrule's facts load alone (the builtin pack's schema, then the file): for
    /// files whose whole check does not fit the machine.
    Load,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Pack => "phsrule (pack)",
            Kind::Only => "phsrule --only 5",
            Kind::Cli => "phsrule exe (pack)",
            Kind::Baseline => "baseline",
            Kind::Python => "Python (json, datetime)",
            Kind::Load => "phsrule load only",
        }
    }
}

/// The figures of one measurement, seconds and MiB. Phases the baseline does not
/// have (rules) are zero; `load` includes reading the file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Figures {
    pub load: f64,
    pub rules: f64,
    pub eval: f64,
    pub report: f64,
    pub total: f64,
    pub peak_mib: f64,
    /// The peak after loading and after evaluating (phsrule's phases only).
    pub peak_after_load: f64,
    pub peak_after_eval: f64,
    /// Why the run did not finish, if it did not.
    pub refused: Option<String>,
}

/// Run one measurement in this process and print its figures as one JSON line.
pub fn run(kind: Kind, path: &Path) {
    let start = Instant::now();
    let figures = match kind {
        Kind::Pack => phsrule(path, &[]),
        Kind::Only => phsrule(path, &FIVE),
        Kind::Cli => executable(path),
        Kind::Baseline => baseline(path),
        Kind::Python => python(path),
        Kind::Load => load_only(path),
    };
    let figures = figures.unwrap_or_else(|why| Figures {
        refused: Some(why),
        total: seconds(start),
        ..Figures::default()
    });
    let peak_mib = match kind {
        Kind::Cli | Kind::Python => figures.peak_mib,
        _ => peak_mib(),
    };
    let line = serde_json::to_string(&Figures {
        peak_mib,
        ..figures
    })
    .unwrap_or_default();
    println!("{line}");
}

fn seconds(from: Instant) -> f64 {
    from.elapsed().as_secs_f64()
}

/// The calls `phsrule check --format json` makes for one facts file, in its order.
fn phsrule(path: &Path, only: &[&str]) -> Result<Figures, String> {
    let start = Instant::now();
    let mut sources = Sources::new();
    let from = RuleSources::builtin_only();
    let loaded = load_rules(&mut sources, &from).map_err(|_| "rules do not load".to_string())?;
    let program = &loaded.program;
    let rules = seconds(start);

    let at = Instant::now();
    let opts = LoadOptions {
        allow_extra_keys: false,
        json: path.extension().is_some_and(|e| e == "json"),
    };
    let facts = load_facts_file(&program.schema, &mut sources, path, &opts)
        .map_err(|d| first_message(&d))?;
    let load = seconds(at);
    let peak_after_load = peak_mib();

    let at = Instant::now();
    let now = facts.collected_at.ok_or("no collected_at")?;
    let selection = Selection {
        only: only.iter().map(|s| (*s).to_string()).collect(),
        skip: Vec::new(),
    };
    let wanted = selection.rules_to_evaluate(program);
    let evaluation =
        evaluate_some(program, &facts.root, now, &wanted).map_err(|e| e.message.clone())?;
    let eval = seconds(at);
    let peak_after_eval = peak_mib();

    let at = Instant::now();
    let report = build_report(program, evaluation, &path.display().to_string(), &selection);
    // As `check` does: written out as it is serialized, never held as text.
    let mut written = Counted(0);
    write_json(&mut written, std::slice::from_ref(&report)).map_err(|e| e.to_string())?;
    std::hint::black_box(written.0);
    let report = seconds(at);
    Ok(Figures {
        load,
        rules,
        eval,
        report,
        total: seconds(start),
        peak_after_load,
        peak_after_eval,
        ..Figures::default()
    })
}

/// Only the first two phases of [`phsrule`]: the rules (for the schema) and the
/// facts.
fn load_only(path: &Path) -> Result<Figures, String> {
    let start = Instant::now();
    let mut sources = Sources::new();
    let from = RuleSources::builtin_only();
    let loaded = load_rules(&mut sources, &from).map_err(|_| "rules do not load".to_string())?;
    let rules = seconds(start);
    let at = Instant::now();
    let opts = LoadOptions {
        allow_extra_keys: false,
        json: path.extension().is_some_and(|e| e == "json"),
    };
    let facts = load_facts_file(&loaded.program.schema, &mut sources, path, &opts)
        .map_err(|d| first_message(&d))?;
    std::hint::black_box(&facts);
    let load = seconds(at);
    Ok(Figures {
        load,
        rules,
        total: seconds(start),
        peak_after_load: peak_mib(),
        ..Figures::default()
    })
}

/// The message of a Python row that could not be measured.
pub const NO_PYTHON: &str = "not measured: `python3` is not on PATH";

/// The message of a Python row on a YAML file.
pub const NO_PYTHON_YAML: &str =
    "not measured: the Python pass reads JSON only (the stdlib has no YAML reader)";

/// `python3 benches/check/baseline.py FILE`: its own figures (it times its
/// phases; the interpreter's start is not counted, as no other row counts a
/// process start) and its peak memory as this process's child.
fn python(path: &Path) -> Result<Figures, String> {
    // The stdlib has no YAML reader; the Python pass reads the JSON twin only.
    if path.extension().is_some_and(|x| x != "json") {
        return Err(NO_PYTHON_YAML.to_string());
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/check/baseline.py");
    let out = match Command::new("python3").arg(&script).arg(path).output() {
        Ok(out) => out,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(NO_PYTHON.to_string()),
        Err(e) => return Err(e.to_string()),
    };
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        return Err(stderr
            .lines()
            .last()
            .unwrap_or("python3 failed")
            .to_string());
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout.lines().last().unwrap_or("");
    let own: Figures = serde_json::from_str(line).map_err(|e| format!("{e}: {line}"))?;
    Ok(Figures {
        peak_mib: children_peak_mib(),
        ..own
    })
}

fn first_message(diags: &[phsrule::diag::Diagnostic]) -> String {
    diags
        .first()
        .map_or_else(String::new, |d| d.message.clone())
}

/// The `phsrule` executable (or the one `PHS_BENCH_EXE` names, to compare
/// builds); its peak memory is the largest of this process's
/// waited-for children (it is the only one).
fn executable(path: &Path) -> Result<Figures, String> {
    let start = Instant::now();
    let exe = std::env::var_os("PHS_BENCH_EXE").map_or_else(
        || env!("CARGO_BIN_EXE_phsrule").into(),
        std::path::PathBuf::from,
    );
    let status = Command::new(exe)
        .args(["check", "--format", "json"])
        .arg(path)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| e.to_string())?;
    let total = seconds(start);
    if !matches!(status.status.code(), Some(0 | 1)) {
        return Err(String::from_utf8_lossy(&status.stderr)
            .lines()
            .next()
            .unwrap_or("")
            .to_string());
    }
    Ok(Figures {
        total,
        peak_mib: children_peak_mib(),
        ..Figures::default()
    })
}

fn baseline(path: &Path) -> Result<Figures, String> {
    let start = Instant::now();
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let facts = if path.extension().is_some_and(|e| e == "json") {
        baseline::from_json(&text)?
    } else {
        baseline::from_yaml(&text)?
    };
    drop(text);
    let load = seconds(start);
    let at = Instant::now();
    let findings = baseline::check(&facts);
    let eval = seconds(at);
    let at = Instant::now();
    let rendered = serde_json::to_string(&findings).map_err(|e| e.to_string())?;
    std::hint::black_box(rendered.len());
    let report = seconds(at);
    Ok(Figures {
        load,
        eval,
        report,
        total: seconds(start),
        ..Figures::default()
    })
}

/// This process's peak resident memory (Linux; 0 elsewhere).
fn peak_mib() -> f64 {
    status_kib("VmHWM:") / 1024.0
}

fn status_kib(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|k| k.parse::<f64>().ok())
        })
        .unwrap_or(0.0)
}

/// The peak resident memory of the largest waited-for child (Unix).
#[cfg(unix)]
fn children_peak_mib() -> f64 {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage writes a whole `rusage` into the pointer it is given.
    let usage = unsafe {
        if libc::getrusage(libc::RUSAGE_CHILDREN, usage.as_mut_ptr()) != 0 {
            return 0.0;
        }
        usage.assume_init()
    };
    usage.ru_maxrss as f64 / 1024.0
}

#[cfg(not(unix))]
fn children_peak_mib() -> f64 {
    0.0
}

/// A writer that keeps only how many bytes it was given: the report's stdout.
struct Counted(usize);

impl std::io::Write for Counted {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
