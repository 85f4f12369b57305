//! Reading test files and loading each case's facts (patched where asked) through
//! the normal facts loader, collecting every problem before anything runs.

use super::discover::normalize;
use super::Prepared;
use crate::check::Program;
use crate::cli::load::{load_facts_text, read_text};
use crate::cli::walk::has_extension;
use crate::diag::{suggestion, Diagnostic};
use crate::facts::LoadOptions;
use crate::limits;
use crate::source::{FileId, Sources, Span};
use crate::testing::format::{parse_test_file, Problem};
use crate::testing::patch::apply_patch;
use crate::testing::{Case, FactsSource};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Reads test files and loads each case's facts, collecting every problem.
pub(super) struct CaseLoader<'a> {
    pub(super) program: &'a Program,
    pub(super) sources: &'a mut Sources,
    /// Base facts files already read, by path.
    pub(super) bases: HashMap<PathBuf, serde_yaml::Value>,
    pub(super) diags: Vec<Diagnostic>,
}

impl CaseLoader<'_> {
    pub(super) fn test_file(&mut self, path: &Path) -> Vec<Prepared> {
        let name = path.display().to_string();
        let text = match read_text(path, limits::MAX_FACTS_BYTES, "test file") {
            Ok(t) => t,
            Err(f) => {
                self.diags.extend(f.diags);
                return Vec::new();
            }
        };
        let file = self.sources.add(name.clone(), text.as_str());
        let (cases, problems) = parse_test_file(&text);
        for p in problems {
            self.diags.push(problem_diag(&name, file, &p));
        }
        let dir = path.parent().unwrap_or(Path::new(""));
        cases
            .into_iter()
            .filter_map(|case| self.case(&name, dir, case))
            .collect()
    }

    fn error(&mut self, file: &str, case: &str, message: String, help: Option<String>) {
        let d = Diagnostic::error("phs::test::case", message).with_help(help);
        self.diags.push(in_case(file, case, d));
    }

    fn case(&mut self, file: &str, dir: &Path, case: Case) -> Option<Prepared> {
        let before = self.diags.len();
        let ids: Vec<&str> = self.program.rules.iter().map(|r| r.id.as_str()).collect();
        for (id, _) in &case.expect {
            if ids.contains(&id.as_str()) {
                continue;
            }
            // A retired id is reserved: say what took it over, not "did you mean".
            let (message, help) = match self.program.retired(id) {
                Some(retired) => (
                    retired.message(),
                    "expect the rules that took over its checks instead".to_string(),
                ),
                None => (
                    format!("`{id}` is not a loaded rule"),
                    suggestion(id, ids.iter().copied())
                        .unwrap_or_else(|| "`phsrule rules` lists the loaded rules".to_string()),
                ),
            };
            self.error(file, &case.name, message, Some(help));
        }
        let mut opts = LoadOptions::default();
        let (text, name) = match &case.facts {
            FactsSource::File(rel) => {
                opts.json = has_extension(Path::new(rel), &["json"]);
                let path = normalize(&dir.join(rel));
                let text = read_text(&path, limits::MAX_FACTS_BYTES, "facts file");
                (text.map_err(|f| f.diags), path.display().to_string())
            }
            FactsSource::Patched { base, patch } => {
                let base_path = normalize(&dir.join(base));
                let name = format!(
                    "{file}: case `{}` ({} patched)",
                    case.name,
                    base_path.display()
                );
                (self.patched(&base_path, patch), name)
            }
        };
        let text = match text {
            Ok(t) => t,
            Err(diags) => {
                let named = diags.into_iter().map(|d| in_case(file, &case.name, d));
                self.diags.extend(named);
                return None;
            }
        };
        let id = self.sources.add(name.clone(), text.as_str());
        match load_facts_text(&self.program.schema, id, &name, &text, case.now, &opts) {
            Ok((facts, now)) if self.diags.len() == before => Some(Prepared {
                file: file.to_string(),
                case,
                facts,
                now,
            }),
            Ok(_) => None,
            Err(f) => {
                self.error(file, &case.name, "its facts do not load".to_string(), None);
                self.diags.extend(f.diags);
                None
            }
        }
    }

    /// The text of a base facts file with a patch applied, ready for the loader.
    fn patched(
        &mut self,
        base: &Path,
        patch: &serde_yaml::Mapping,
    ) -> Result<String, Vec<Diagnostic>> {
        let mut facts = match self.bases.get(base) {
            Some(v) => v.clone(),
            None => {
                let text = read_text(base, limits::MAX_FACTS_BYTES, "base facts file")
                    .map_err(|f| f.diags)?;
                let value = crate::facts::read_yaml_tree(&text).map_err(|e| {
                    vec![Diagnostic::error(
                        "phs::test::base",
                        format!(
                            "the base facts file `{}` cannot be read: {e}",
                            base.display()
                        ),
                    )
                    .help("`phsrule check` on the base file shows what is wrong with it")]
                })?;
                self.bases.insert(base.to_path_buf(), value.clone());
                value
            }
        };
        apply_patch(&mut facts, patch).map_err(|why| {
            vec![Diagnostic::error("phs::test::patch", format!("the patch cannot be applied: {why}"))
                .help("paths are field names joined by `.`, list items `[N]`, `[+]` to append; see docs/testing.md")]
        })?;
        serde_yaml::to_string(&facts).map_err(|e| {
            vec![Diagnostic::error(
                "phs::test::patch",
                format!("the patched facts cannot be written: {e}"),
            )]
        })
    }
}

/// A diagnostic about one case, its message led by the test file and the case.
pub(super) fn in_case(file: &str, case: &str, mut d: Diagnostic) -> Diagnostic {
    d.message = format!("{file}: case `{case}`: {}", d.message);
    d
}

fn problem_diag(file: &str, id: FileId, p: &Problem) -> Diagnostic {
    let at = p
        .case
        .as_deref()
        .map(|c| format!(": {c}"))
        .unwrap_or_default();
    let mut d = Diagnostic::error("phs::test::file", format!("{file}{at}: {}", p.message))
        .with_help(p.help.clone());
    if let Some(offset) = p.offset {
        d = d.label(Span::new(id, offset, offset + 1), "here");
    }
    d
}
