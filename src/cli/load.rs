//! Reading rule files and facts files from disk, with the checks that must happen
//! before their text is parsed (size, encoding).

use crate::check::{check_program, Input, Program};
use crate::diag::Diagnostic;
use crate::encoding::{decode, Decoded, EncodingError};
use crate::limits;
use crate::source::{FileId, Sources};
use crate::syntax::{ast, parse_file};
use std::path::{Path, PathBuf};

/// What went wrong while loading: diagnostics about the inputs (exit code 2).
pub struct Failure {
    pub diags: Vec<Diagnostic>,
}

impl From<Diagnostic> for Failure {
    fn from(d: Diagnostic) -> Failure {
        Failure { diags: vec![d] }
    }
}

impl From<Vec<Diagnostic>> for Failure {
    fn from(diags: Vec<Diagnostic>) -> Failure {
        Failure { diags }
    }
}

/// Where rules come from.
#[derive(Debug, Clone, Default)]
pub struct RuleSources {
    pub builtin: bool,
    pub paths: Vec<PathBuf>,
}

/// A checked program with its sources and warnings.
pub struct Loaded {
    pub program: Program,
    pub warnings: Vec<Diagnostic>,
    /// Which files were the user's (not builtin), by id.
    pub user_files: Vec<FileId>,
}

/// Every `.phs` file under a path (the file itself, or a folder's, recursively,
/// sorted by path so runs are reproducible).
pub fn rule_files(path: &Path) -> Result<Vec<PathBuf>, Failure> {
    let meta = std::fs::metadata(path).map_err(|e| io_error(path, &e, "rule file or folder"))?;
    if meta.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    files_under(path, |p| p.extension().is_some_and(|x| x == "phs"))
}

/// The files under a folder, recursively, that `keep` accepts, sorted by path.
pub fn files_under(dir: &Path, keep: impl Fn(&Path) -> bool) -> Result<Vec<PathBuf>, Failure> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| io_error(&dir, &e, "folder"))?;
        for entry in entries.flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if keep(&p) {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

pub fn io_error(path: &Path, err: &std::io::Error, what: &str) -> Diagnostic {
    Diagnostic::error(
        "phs::io",
        format!(
            "cannot read the {what} `{}`: {}",
            path.display(),
            io_reason(err)
        ),
    )
    .help("check the path and its permissions")
}

/// An I/O error in the same words on every system: the system's own text differs
/// ("No such file or directory" on Linux, "The system cannot find the file
/// specified." on Windows), and the same input must give the same message.
pub fn io_reason(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "there is no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => err.to_string(),
    }
}

/// Read a text file, refusing files over `limit` bytes and text that is not
/// UTF-8 or marked UTF-16 (see [`crate::encoding`]); CRLF line ends become LF.
pub fn read_text(path: &Path, limit: u64, what: &str) -> Result<String, Failure> {
    read_decoded(path, limit, what).map(|decoded| decoded.text)
}

/// [`read_text`], and how the file was stored (for a command that rewrites it).
pub fn read_decoded(path: &Path, limit: u64, what: &str) -> Result<Decoded, Failure> {
    let meta = std::fs::metadata(path).map_err(|e| io_error(path, &e, what))?;
    if meta.len() > limit {
        return Err(Diagnostic::error(
            "phs::limit::file-size",
            format!(
                "the {what} `{}` is {} bytes, more than the limit of {limit} bytes",
                path.display(),
                meta.len()
            ),
        )
        .help(
            "check that this is the file you meant; facts files of a single server are far smaller",
        )
        .into());
    }
    let bytes = std::fs::read(path).map_err(|e| io_error(path, &e, what))?;
    decode(&bytes).map_err(|e| encoding_error(path, what, &e).into())
}

fn encoding_error(path: &Path, what: &str, err: &EncodingError) -> Diagnostic {
    Diagnostic::error(
        "phs::encoding",
        format!(
            "the {what} `{}` cannot be read as text: {err}",
            path.display()
        ),
    )
    .help(err.help(&path.display().to_string()))
}

/// Load, parse and check the builtin pack and the user's rule files.
pub fn load_rules(sources: &mut Sources, from: &RuleSources) -> Result<Loaded, Failure> {
    let mut files: Vec<(FileId, String)> = Vec::new();
    if from.builtin {
        for (name, text) in crate::builtin::FILES {
            files.push((sources.add(*name, *text), (*text).to_string()));
        }
    }
    let mut user_files = Vec::new();
    for path in &from.paths {
        for file in rule_files(path)? {
            let text = read_text(&file, limits::MAX_RULE_FILE_BYTES as u64, "rule file")?;
            let id = sources.add(file.display().to_string(), text.as_str());
            user_files.push(id);
            files.push((id, text));
        }
    }
    let mut diags = Vec::new();
    let mut asts: Vec<(FileId, ast::File)> = Vec::new();
    for (id, text) in &files {
        match parse_file(*id, text) {
            Ok(f) => asts.push((*id, f)),
            Err(d) => diags.push(d),
        }
    }
    if !diags.is_empty() {
        return Err(diags.into());
    }
    let inputs: Vec<Input> = asts
        .iter()
        .map(|(file, ast)| Input { file: *file, ast })
        .collect();
    let (program, diags) = check_program(&inputs);
    match program {
        Some(program) => Ok(Loaded {
            program,
            warnings: diags,
            user_files,
        }),
        None => Err(diags.into()),
    }
}

/// Load a facts file's text, added to the run's sources as `file` and named `name`,
/// and decide the time its windows are evaluated at: `now` if given, otherwise the
/// file's `collected_at`.
pub fn load_facts_text(
    schema: &crate::check::schema::Schema,
    file: FileId,
    name: &str,
    text: &str,
    now: Option<chrono::DateTime<chrono::FixedOffset>>,
    opts: &crate::facts::LoadOptions,
) -> Result<(crate::facts::Facts, chrono::DateTime<chrono::FixedOffset>), Failure> {
    let facts = crate::facts::load_facts(schema, file, text, opts)?;
    let Some(now) = now.or(facts.collected_at) else {
        return Err(Diagnostic::error(
            "phs::facts::no-time",
            format!("`{name}` has no `collected_at` and no `--now` was given"),
        )
        .help("add `collected_at:` with the time the facts were read, or pass --now")
        .into());
    };
    Ok((facts, now))
}

/// The error for a command-line rule id that names no loaded rule: retired in a
/// pack, or mistyped.
pub fn unknown_rule(program: &Program, id: &str) -> Diagnostic {
    if let Some(r) = program.retired(id) {
        return Diagnostic::error("phs::cli::retired-rule", r.message())
            .help("`phsrule rules` lists the loaded rules; docs/rules.md lists the retired ones");
    }
    let help = crate::diag::suggestion(id, program.rules.iter().map(|r| r.id.as_str()))
        .unwrap_or_else(|| "`phsrule rules` lists the loaded rules".to_string());
    Diagnostic::error("phs::cli::unknown-rule", format!("there is no rule `{id}`")).help(help)
}
