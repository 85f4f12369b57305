//! Reading rule files and facts files from disk, with the checks that must happen
//! before their text is parsed (size, encoding).

use super::walk::{files_under, has_extension, not_a_file, Depth};
use crate::check::schema::Schema;
use crate::check::{check_program, Program};
use crate::diag::visible;
use crate::diag::Diagnostic;
use crate::encoding::{decode, Decoded, EncodingError};
use crate::facts::{load_clean_json, load_facts, Facts, LoadOptions};
use crate::limits;
use crate::source::{FileId, Sources};
use crate::syntax::{ast, parse_file};
use chrono::{DateTime, FixedOffset};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

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

impl RuleSources {
    /// The builtin pack alone, as `phsrule check` loads it without `--rules`.
    pub fn builtin_only() -> RuleSources {
        RuleSources {
            builtin: true,
            paths: Vec::new(),
        }
    }
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
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    files_under(path, Depth::Recursive, |p| has_extension(p, &["phs"]))
}

pub fn io_error(path: &Path, err: &std::io::Error, what: &str) -> Diagnostic {
    Diagnostic::error(
        "phs::io",
        format!(
            "cannot read the {what} `{}`: {}",
            visible(&path.display().to_string()),
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

/// A file's bytes, refusing files over `limit` bytes.
///
/// The size is checked twice: from the metadata before reading (a regular file
/// too large is refused unread), and while reading, which stops after `limit`
/// bytes whatever the metadata said (a pipe, or a file growing as it is read).
/// Devices (`/dev/zero`) are refused: they never end.
pub fn read_bytes(path: &Path, limit: u64, what: &str) -> Result<Vec<u8>, Failure> {
    let file = std::fs::File::open(path).map_err(|e| io_error(path, &e, what))?;
    let meta = file.metadata().map_err(|e| io_error(path, &e, what))?;
    if is_device(&meta) || meta.is_dir() {
        return Err(not_a_file(path).into());
    }
    if meta.len() > limit {
        return Err(too_large(path, what, Some(meta.len()), limit).into());
    }
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(path, &e, what))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(path, what, None, limit).into());
    }
    Ok(bytes)
}

/// Read a text file, refusing files over `limit` bytes (see [`read_bytes`]) and
/// text that is not UTF-8 or marked UTF-16 (see [`crate::encoding`]); CRLF line
/// ends become LF.
pub fn read_text(path: &Path, limit: u64, what: &str) -> Result<String, Failure> {
    read_decoded(path, limit, what).map(|decoded| decoded.text)
}

/// [`read_text`], and how the file was stored (for a command that rewrites it).
pub fn read_decoded(path: &Path, limit: u64, what: &str) -> Result<Decoded, Failure> {
    let bytes = read_bytes(path, limit, what)?;
    decode(&bytes).map_err(|e| encoding_error(path, what, &e).into())
}

fn encoding_error(path: &Path, what: &str, err: &EncodingError) -> Diagnostic {
    let name = visible(&path.display().to_string()).into_owned();
    Diagnostic::error(
        "phs::encoding",
        format!("the {what} `{name}` cannot be read as text: {err}"),
    )
    .help(err.help(&name))
}

/// A file over `limit` bytes: `size` from its metadata, or `None` when only
/// reading it found out (a pipe).
fn too_large(path: &Path, what: &str, size: Option<u64>, limit: u64) -> Diagnostic {
    let size = match size {
        Some(size) => format!("{size} bytes, more than the limit of {limit} bytes"),
        None => format!("more than {limit} bytes long, the limit"),
    };
    Diagnostic::error(
        "phs::limit::file-size",
        format!(
            "the {what} `{}` is {size}",
            visible(&path.display().to_string())
        ),
    )
    .help(size_help(what, limit))
}

/// What to do about a file over its limit. The facts files' limit is not a
/// guess at a sane size but the reach of a position in a text, which a streamed
/// JSON file does not need.
fn size_help(what: &str, limit: u64) -> String {
    if limit == limits::MAX_FACTS_BYTES {
        "`phsrule check` reads a clean UTF-8 `.json` facts file of any size as a stream, but a \
         file read as text (YAML, UTF-16, or a `.json` file with a problem, read again to \
         point at it) cannot pass 4 GiB: write the facts as UTF-8 JSON, or check that this \
         is the file you meant"
            .to_string()
    } else {
        format!("check that this is the file you meant: a {what} is normally far smaller")
    }
}

/// Character and block devices: reading them may never end.
#[cfg(unix)]
fn is_device(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    kind.is_char_device() || kind.is_block_device() || kind.is_socket()
}

#[cfg(not(unix))]
fn is_device(_meta: &std::fs::Metadata) -> bool {
    false
}

/// The name of the pack that `rules/` holds and the binary embeds.
pub const BUILTIN_PACK: &str = "phs.builtin";

/// Load, parse and check the builtin pack and the user's rule files.
///
/// A user folder that declares `pack phs.builtin` (the repository's `rules/`, or
/// a changed copy of it) replaces the embedded copy in every command, instead of
/// loading the same rules twice.
pub fn load_rules(sources: &mut Sources, from: &RuleSources) -> Result<Loaded, Failure> {
    let mut user_texts: Vec<(PathBuf, String)> = Vec::new();
    for path in &from.paths {
        for file in rule_files(path)? {
            let text = read_text(&file, limits::MAX_RULE_FILE_BYTES as u64, "rule file")?;
            user_texts.push((file, text));
        }
    }
    let replaces_builtin = user_texts
        .iter()
        .any(|(_, text)| declares_pack(text, BUILTIN_PACK));
    let mut files: Vec<(FileId, String)> = Vec::new();
    if from.builtin && !replaces_builtin {
        for (name, text) in crate::builtin::FILES {
            files.push((sources.add(*name, *text), (*text).to_string()));
        }
    }
    let mut user_files = Vec::new();
    for (file, text) in user_texts {
        // A byte order mark (PowerShell 5 writes one) is not part of the rules.
        let text = match text.strip_prefix('\u{feff}') {
            Some(body) => body.to_string(),
            None => text,
        };
        let id = sources.add(file.display().to_string(), text.as_str());
        user_files.push(id);
        files.push((id, text));
    }
    // Every file's syntax errors at once, before any is checked.
    let mut diags = Vec::new();
    let asts: Vec<ast::File> = files
        .iter()
        .filter_map(|(id, text)| parse_file(*id, text).map_err(|d| diags.push(d)).ok())
        .collect();
    if !diags.is_empty() {
        return Err(diags.into());
    }
    let (program, diags) = check_program(&asts.iter().collect::<Vec<_>>());
    match program {
        Some(program) => Ok(Loaded {
            program,
            warnings: diags,
            user_files,
        }),
        None => Err(diags.into()),
    }
}

/// Whether a rule file's header names `pack` (a file that does not parse says
/// no; loading it reports why).
pub fn declares_pack(text: &str, pack: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    parse_file(FileId::default(), text)
        .is_ok_and(|ast| ast.pack.is_some_and(|p| p.name.text == pack))
}

/// Load a facts file as `check` does. A UTF-8 `.json` file (with or without a
/// byte order mark) that is a regular file is read by the JSON reader through a
/// buffer, its text never held whole; only when that reader finds a problem
/// (or the file changed while it was read) is the file read again as text, for
/// the event builder to report every problem with its span. Anything else (YAML,
/// UTF-16, a pipe, which cannot be read twice) is read as text. The text, when
/// there is one, is added to `sources`, where the diagnostics point.
pub fn load_facts_file(
    schema: &Schema,
    sources: &mut Sources,
    path: &Path,
    opts: &LoadOptions,
) -> Result<Facts, Vec<Diagnostic>> {
    load_facts_streaming_from(schema, sources, path, opts, STREAM_FROM_BYTES)
}

/// [`load_facts_file`], streaming a clean JSON file from `stream_from` bytes on
/// (tests stream small files with 0).
fn load_facts_streaming_from(
    schema: &Schema,
    sources: &mut Sources,
    path: &Path,
    opts: &LoadOptions,
    stream_from: u64,
) -> Result<Facts, Vec<Diagnostic>> {
    let name = path.display().to_string();
    if opts.json {
        if let Some(facts) = stream_clean_json(schema, path, opts, stream_from) {
            sources.add(name, "");
            return Ok(facts);
        }
    }
    let text: Arc<str> = read_text(path, limits::MAX_FACTS_BYTES, "facts file")
        .map_err(|f| f.diags)?
        .into();
    let file = sources.add(name, Arc::clone(&text));
    let facts = load_facts(schema, file, &text, opts).map_err(|mut diags| {
        crate::diag::sort(&mut diags);
        diags
    })?;
    // No diagnostic points into a file that loaded: its text need not outlive
    // its values' making (a streamed file never had it).
    sources.release_text(file);
    Ok(facts)
}

/// The facts of a clean UTF-8 JSON regular file, read through a buffer; `None`
/// for anything [`load_facts_file`] reads as text instead.
fn stream_clean_json(
    schema: &Schema,
    path: &Path,
    opts: &LoadOptions,
    stream_from: u64,
) -> Option<Facts> {
    // Asked of the path, before opening: opening a FIFO would take its writer's
    // one stream away from the text path.
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() < stream_from {
        return None;
    }
    let file = std::fs::File::open(path).ok()?;
    let before = file.metadata().ok()?;
    if !before.is_file() {
        return None;
    }
    let mut reader = BufReader::with_capacity(STREAM_BUFFER_BYTES, file);
    if !skip_utf8_mark(&mut reader).ok()? {
        return None;
    }
    let facts = load_clean_json(schema, opts, &mut reader)?;
    let after = reader.get_ref().metadata().ok()?;
    let unchanged = before.len() == after.len() && before.modified().ok() == after.modified().ok();
    unchanged.then_some(facts)
}

/// The size from which a JSON facts file is streamed. Below it the text is read
/// whole and parsed from memory, about twice as fast as through a reader
/// (serde_json reads a reader byte by byte), and it is dropped once the values
/// are built: its values take four to seven times its size, so the text never
/// raises the run's peak, which comes later, in evaluation and the report.
/// From it on, never holding the text and the values at once matters more.
const STREAM_FROM_BYTES: u64 = 256 << 20;

/// The buffer a streamed facts file is read through.
const STREAM_BUFFER_BYTES: usize = 1 << 20;

/// Skip a UTF-8 byte order mark; `false` when the file starts with another
/// encoding's mark (UTF-16 or UTF-32: read as text, which decodes or refuses it).
fn skip_utf8_mark(reader: &mut impl BufRead) -> std::io::Result<bool> {
    let head = reader.fill_buf()?;
    if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
        reader.consume(3);
        return Ok(true);
    }
    let other = head.starts_with(&[0xFF, 0xFE])
        || head.starts_with(&[0xFE, 0xFF])
        || head.starts_with(&[0x00, 0x00, 0xFE, 0xFF]);
    Ok(!other)
}

/// Load a facts file's text, added to the run's sources as `file` and named `name`,
/// and decide the time its windows are evaluated at: `now` if given, otherwise the
/// file's `collected_at`.
pub fn load_facts_text(
    schema: &Schema,
    file: FileId,
    name: &str,
    text: &str,
    now: Option<DateTime<FixedOffset>>,
    opts: &LoadOptions,
) -> Result<(Facts, DateTime<FixedOffset>), Failure> {
    let facts = load_facts(schema, file, text, opts)?;
    let Some(now) = now.or(facts.collected_at) else {
        return Err(no_time(name).into());
    };
    Ok((facts, now))
}

/// A facts file that gives no time to evaluate its windows at.
pub fn no_time(name: &str) -> Diagnostic {
    Diagnostic::error(
        "phs::facts::no-time",
        format!("`{name}` has no `collected_at` and no `--now` was given"),
    )
    .help("add `collected_at:` with the time the facts were read, or pass --now")
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::line_col;

    /// The builtin pack's schema, and a healthy example as JSON.
    fn schema_and_json() -> (Schema, String) {
        let mut sources = Sources::new();
        let loaded = load_rules(&mut sources, &RuleSources::builtin_only())
            .unwrap_or_else(|_| panic!("the builtin pack loads"));
        let yaml = std::fs::read_to_string("examples/facts/healthy.yaml")
            .unwrap_or_else(|e| panic!("examples/facts/healthy.yaml: {e}"));
        let value: serde_json::Value =
            serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("healthy.yaml: {e}"));
        let json = serde_json::to_string_pretty(&value).unwrap_or_else(|e| panic!("{e}"));
        (loaded.program.schema, json)
    }

    /// Load `bytes` as a `.json` facts file, streamed (`stream_from` 0) or as
    /// text (`u64::MAX`): the facts' values, or the diagnostics' messages and
    /// where they point.
    fn load(schema: &Schema, name: &str, bytes: &[u8], stream_from: u64) -> String {
        let dir = std::env::temp_dir().join(format!("phsrule-load-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{e}"));
        let opts = LoadOptions {
            allow_extra_keys: false,
            json: true,
        };
        let mut sources = Sources::new();
        let loaded = load_facts_streaming_from(schema, &mut sources, &path, &opts, stream_from);
        let _ = std::fs::remove_file(&path);
        match loaded {
            Ok(facts) => format!("{:?} {:?}", facts.collected_at, facts.root),
            Err(diags) => diags
                .iter()
                .map(|d| {
                    let at = d.labels.first().and_then(|l| {
                        let file = sources.get(l.span.file)?;
                        Some(line_col(&file.text, l.span.start as usize))
                    });
                    format!("{} {at:?}: {}", d.code, d.message)
                })
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }

    #[test]
    fn a_streamed_json_file_gives_the_facts_its_text_gives() {
        let (schema, json) = schema_and_json();
        let text = load(&schema, "text.json", json.as_bytes(), u64::MAX);
        assert!(text.starts_with("Some("), "{text}");
        let mut marked = vec![0xEF, 0xBB, 0xBF];
        marked.extend(json.replace('\n', "\r\n").bytes());
        for (name, bytes) in [("plain.json", json.as_bytes()), ("marked.json", &marked)] {
            assert_eq!(load(&schema, name, bytes, 0), text, "{name}");
        }
    }

    #[test]
    fn a_streamed_json_file_with_a_problem_is_read_again_for_its_diagnostics() {
        let (schema, json) = schema_and_json();
        let broken = json.replacen("{", "{\n  \"surprise\": 1,", 1);
        let streamed = load(&schema, "broken.json", broken.as_bytes(), 0);
        assert_eq!(
            streamed,
            load(&schema, "broken.json", broken.as_bytes(), u64::MAX)
        );
        assert!(
            streamed.starts_with("phs::facts::unknown-field Some((2, 3))"),
            "{streamed}"
        );
    }
}
