//! Importing real exports into a `phs-facts/1` file: a
//! `Get-ADSyncServerConfiguration` folder (`export`, over the XML tree of `xml`),
//! turned into YAML and merged over an optional base facts file (`facts`).
//!
//! This module reads no files: `cli::import` hands it the texts. What the export
//! cannot say (the tenant's feature switch, reachability, credentials, rights,
//! events, objects) is left out, hence unknown, unless the base file gives it.

mod export;
mod facts;
mod xml;

pub use export::{ExportFile, ExportFiles};

use crate::diag::{clipped, Diagnostic};

/// What stops an import. Every variant names the export file it is about.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportError {
    /// The file is not well-formed XML.
    Xml {
        file: String,
        offset: u64,
        message: String,
    },
    /// The file is over a limit (nesting, attributes, a value's length).
    Limit {
        file: String,
        offset: u64,
        message: String,
    },
    /// A required element or attribute is absent or empty.
    Missing { file: String, path: String },
    /// A value is not of the expected shape.
    Invalid {
        file: String,
        path: String,
        value: String,
        expected: &'static str,
    },
    /// Neither the export nor the base file names the tenant.
    NoTenant,
}

impl ImportError {
    pub fn to_diagnostic(&self) -> Diagnostic {
        const HELP: &str = "import the folder written by `Get-ADSyncServerConfiguration -Path <folder>`, unchanged";
        match self {
            ImportError::Xml {
                file,
                offset,
                message,
            } => Diagnostic::error(
                "phs::import::xml",
                format!(
                    "`{file}` is not well-formed XML at byte {offset}: {}",
                    clipped(message)
                ),
            )
            .help(HELP),
            ImportError::Limit {
                file,
                offset,
                message,
            } => Diagnostic::error(
                "phs::import::limit",
                format!("`{file}` at byte {offset}: {}", clipped(message)),
            )
            .help("check that this is the export you meant; a real export is far smaller"),
            ImportError::Missing { file, path } => Diagnostic::error(
                "phs::import::missing",
                format!("`{file}` has no `{path}`"),
            )
            .help(HELP),
            ImportError::Invalid {
                file,
                path,
                value,
                expected,
            } => Diagnostic::error(
                "phs::import::invalid",
                format!(
                    "`{file}`: `{path}` is `{}`, expected {expected}",
                    clipped(value)
                ),
            )
            .help(HELP),
            ImportError::NoTenant => Diagnostic::error(
                "phs::import::no-tenant",
                "the export does not name the tenant: no Azure AD connector with a `UserName` parameter",
            )
            .help("give it in a base file, `tenant: { name: contoso.onmicrosoft.com }`, with --base"),
        }
    }
}

/// A value from the export as a YAML comment may hold it: control characters and
/// line breaks (also NEL and the Unicode line and paragraph separators, which
/// YAML readers may take as line ends) escaped, so that a server named
/// `X\nheartbeats: ...` cannot plant facts below the comment.
fn in_comment(value: &str) -> String {
    value.escape_debug().to_string()
}

/// Import an export: the facts file's text, YAML with a leading comment saying
/// where it came from. `base` is a facts file's YAML whose values are kept where
/// the export says nothing.
pub fn import(
    files: &ExportFiles,
    base: Option<serde_yaml::Value>,
) -> Result<String, Vec<ImportError>> {
    let export = export::read_export(files)?;
    let imported = facts::to_facts(&export);
    let merged = match base {
        Some(base) => facts::merge(base, imported),
        None => imported,
    };
    let merged = facts::in_facts_order(merged);
    if !facts::names_tenant(&merged) {
        return Err(vec![ImportError::NoTenant]);
    }
    let yaml = serde_yaml::to_string(&merged).unwrap_or_default();
    Ok(format!(
        "# Imported by `phsrule import` from the Get-ADSyncServerConfiguration export of {}.\n\
         # collected_at is MV.xml's export-date, which has no offset: it is read as UTC.\n{yaml}",
        in_comment(&export.server.name)
    ))
}
