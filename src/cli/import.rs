//! `phsrule import --config DIR [--base FACTS] -o FACTS`: build a facts file
//! from a `Get-ADSyncServerConfiguration` export folder.

use super::load::{load_rules, read_text, Failure, RuleSources};
use super::walk::{files_under, has_extension, Depth};
use super::{exit, print_diags, print_out};
use crate::diag::Diagnostic;
use crate::facts::{load_facts, LoadOptions};
use crate::import::{import, ExportFile, ExportFiles};
use crate::limits;
use crate::source::Sources;
use std::path::{Path, PathBuf};

/// The largest export file read; a real AD connector file is a few megabytes.
const MAX_EXPORT_FILE_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The folder written by `Get-ADSyncServerConfiguration -Path`.
    #[arg(long, value_name = "DIR")]
    pub config: PathBuf,
    /// A facts file whose values are kept where the export says nothing
    /// (tenant feature, reachability, credentials, permissions, events, objects).
    #[arg(long, value_name = "FACTS")]
    pub base: Option<PathBuf>,
    /// Where to write the facts file; `-` for stdout.
    #[arg(short = 'o', long = "output", value_name = "FACTS")]
    pub output: PathBuf,
}

pub fn run(args: &ImportArgs) -> u8 {
    let mut sources = Sources::new();
    if let Err(f) = check_output(args) {
        print_diags(&sources, &f.diags);
        return exit::BAD_INPUT;
    }
    match build(args).and_then(|text| check_loads(&mut sources, &text).map(|()| text)) {
        Ok(text) => match write(&args.output, &text) {
            Ok(()) => exit::OK,
            Err(f) => {
                print_diags(&sources, &f.diags);
                exit::BAD_INPUT
            }
        },
        Err(f) => {
            print_diags(&sources, &f.diags);
            exit::BAD_INPUT
        }
    }
}

/// Read the export and the base file, and import them.
fn build(args: &ImportArgs) -> Result<String, Failure> {
    let files = read_export(&args.config)?;
    let base = args.base.as_deref().map(read_base).transpose()?;
    import(&files, base).map_err(|errors| {
        errors
            .iter()
            .map(|e| e.to_diagnostic())
            .collect::<Vec<_>>()
            .into()
    })
}

fn read_export(dir: &Path) -> Result<ExportFiles, Failure> {
    if !dir.is_dir() {
        return Err(Diagnostic::error(
            "phs::import::no-folder",
            format!("`{}` is not a folder", dir.display()),
        )
        .help("give --config the folder written by `Get-ADSyncServerConfiguration -Path <folder>`")
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
        global_settings: read(dir.join("GlobalSettings").join("MV.xml"))?,
        connectors: xml_under("Connectors")?,
        sync_rules: xml_under("SynchronizationRules")?,
    })
}

fn read_base(path: &Path) -> Result<serde_yaml::Value, Failure> {
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

/// The imported text must load as a facts file under the builtin schema; if it
/// does not, that is a bug here (or a base file that breaks it).
fn check_loads(sources: &mut Sources, text: &str) -> Result<(), Failure> {
    let program = load_rules(
        sources,
        &RuleSources {
            builtin: true,
            paths: Vec::new(),
        },
    )?
    .program;
    let file = sources.add("<imported facts>", text);
    load_facts(&program.schema, file, text, &LoadOptions::default()).map(|_| ()).map_err(|mut diags| {
        diags.push(
            Diagnostic::error("phs::import::unloadable", "the imported facts do not load as `phs-facts/1`")
                .help("this is a bug in `phsrule import`, unless the --base file holds the values named above; please report it with the export"),
        );
        diags.into()
    })
}

fn write(output: &Path, text: &str) -> Result<(), Failure> {
    if output == Path::new("-") {
        print_out(text);
        return Ok(());
    }
    super::write::write_atomically(output, text).map_err(|e| {
        Diagnostic::error(
            "phs::io",
            format!("cannot write the facts file `{}`: {e}", output.display()),
        )
        .help("check that the folder exists and is writable, and the free disk space; an existing file is left as it was")
        .into()
    })
}

/// `-o` must not write into the export folder being read: the export would no
/// longer be the server's, and the next import would read the facts as an export.
fn check_output(args: &ImportArgs) -> Result<(), Failure> {
    if args.output == Path::new("-") {
        return Ok(());
    }
    let folder = match args.output.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let (Ok(folder), Ok(export)) = (folder.canonicalize(), args.config.canonicalize()) else {
        return Ok(());
    };
    if folder.starts_with(&export) {
        return Err(Diagnostic::error(
            "phs::import::output-in-export",
            format!(
                "`{}` is inside the export folder `{}`, which import reads",
                args.output.display(),
                args.config.display()
            ),
        )
        .help("write the facts file outside the export folder, e.g. `-o facts.yaml` next to it")
        .into());
    }
    Ok(())
}
