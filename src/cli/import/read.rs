//! Reading the sources of `phsrule import` from disk: the configuration export
//! folder, event exports, the base file, and the collector's folder (`--from`).

use super::super::load::{read_bytes, read_text, Failure};
use super::super::walk::{files_under, has_extension, Depth};
use crate::diag::Diagnostic;
use crate::import::events::{read_events, ReadOptions};
use crate::import::{EventFile, ExportFile, ExportFiles, ImportError};
use crate::limits;
use std::path::{Path, PathBuf};

/// The largest export file read; a real AD connector file is a few megabytes.
const MAX_EXPORT_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// The largest event export read; the Application log's default size is 20 MB.
const MAX_EVENT_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// What the collector writes into its folder (`collect/Collect-PhsFacts.ps1`).
pub const FROM_CONFIG: &str = "config";
pub const FROM_BASE: &str = "base.json";

/// The files of a collector's folder.
#[derive(Default)]
pub struct Collected {
    pub config: Option<PathBuf>,
    pub events: Vec<PathBuf>,
    pub base: Option<PathBuf>,
}

/// The parts of a collector's folder that are there: `config/`, `events*.xml`
/// (or `.csv`, `.evtx`) and `base.json`.
pub fn collected(dir: &Path) -> Result<Collected, Failure> {
    if !dir.is_dir() {
        return Err(Diagnostic::error(
            "phs::import::no-folder",
            format!("`{}` is not a folder", dir.display()),
        )
        .help("give --from the folder that `Collect-PhsFacts.ps1` wrote")
        .into());
    }
    let config = Some(dir.join(FROM_CONFIG)).filter(|p| p.is_dir());
    let base = Some(dir.join(FROM_BASE)).filter(|p| p.is_file());
    // The tool's one walker: a FIFO or device named like an event file is refused.
    let events = files_under(dir, Depth::Flat, is_event_file_name)?;
    if config.is_none() && base.is_none() && events.is_empty() {
        return Err(Diagnostic::error(
            "phs::import::not-collected",
            format!(
                "`{}` holds nothing `phsrule import` reads: no `{FROM_CONFIG}` folder, no `events*.xml` and no `{FROM_BASE}`",
                dir.display()
            ),
        )
        .help("give --from the folder that `Collect-PhsFacts.ps1` wrote, or name the exports with --config, --events and --base")
        .into());
    }
    Ok(Collected {
        config,
        events,
        base,
    })
}

fn is_event_file_name(p: &Path) -> bool {
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    name.starts_with("events") && [".xml", ".csv", ".evtx"].iter().any(|x| name.ends_with(x))
}

/// The files of a `Get-ADSyncServerConfiguration` folder.
pub fn export_files(dir: &Path) -> Result<ExportFiles, Failure> {
    if !dir.is_dir() {
        return Err(Diagnostic::error(
            "phs::import::no-folder",
            format!("`{}` is not a folder", dir.display()),
        )
        .help("give --config the folder written by `Get-ADSyncServerConfiguration -Path <folder>`")
        .into());
    }
    let mv = dir.join("GlobalSettings").join("MV.xml");
    if !mv.is_file() {
        return Err(Diagnostic::error(
            "phs::import::not-an-export",
            format!(
                "`{}` is not a configuration export: it has no `GlobalSettings/MV.xml`",
                dir.display()
            ),
        )
        .help("give --config the folder written by `Get-ADSyncServerConfiguration -Path <folder>` (it holds `GlobalSettings`, `Connectors` and `SynchronizationRules`)")
        .into());
    }
    let read = |path: PathBuf| -> Result<ExportFile, Failure> {
        let text = read_text(&path, MAX_EXPORT_FILE_BYTES, "export file")?;
        Ok(ExportFile {
            name: path.display().to_string(),
            text,
        })
    };
    let xml_under = |sub: &str| -> Result<Vec<ExportFile>, Failure> {
        let folder = dir.join(sub);
        if !folder.is_dir() {
            return Ok(Vec::new());
        }
        files_under(&folder, Depth::Recursive, |p| has_extension(p, &["xml"]))?
            .into_iter()
            .map(read)
            .collect()
    };
    Ok(ExportFiles {
        global_settings: read(mv)?,
        connectors: xml_under("Connectors")?,
        sync_rules: xml_under("SynchronizationRules")?,
    })
}

/// Every event of one export file.
pub fn event_file(path: &Path, opts: ReadOptions) -> Result<EventFile, Failure> {
    let bytes = read_bytes(path, MAX_EVENT_FILE_BYTES, "event export")?;
    read_events(&path.display().to_string(), &bytes, opts)
        .map_err(|e| ImportError::Events(e).to_diagnostic().into())
}

/// The base facts file, YAML or JSON.
pub fn base_file(path: &Path) -> Result<serde_yaml::Value, Failure> {
    let text = read_text(path, limits::MAX_FACTS_BYTES, "base facts file")?;
    crate::facts::read_yaml_tree(&text).map_err(|e| {
        Diagnostic::error(
            "phs::import::base",
            format!(
                "the base facts file `{}` cannot be read as YAML or JSON: {e}",
                path.display()
            ),
        )
        .help("`phsrule check` on the base file shows what is wrong with it")
        .into()
    })
}
