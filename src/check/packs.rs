//! Packs: names, versions and the packs each builds on.

use super::problems;
use super::program::PackInfo;
use crate::diag::Diagnostic;
use crate::source::Span;
use crate::syntax::ast::{File, PackDecl};

/// Name of the pack of a file that declares none.
pub const LOCAL_PACK: &str = "local";

/// The packs of the loaded files, and which pack each file belongs to.
#[derive(Debug, Default)]
pub struct Packs {
    pub infos: Vec<PackInfo>,
    /// Where each pack was first declared.
    pub spans: Vec<Span>,
    /// For each file, its pack index.
    pub of_file: Vec<usize>,
}

impl Packs {
    pub fn find(&self, name: &str) -> Option<usize> {
        self.infos.iter().position(|p| p.name == name)
    }

    /// Whether pack `a` builds on pack `b`, directly or through others.
    pub fn extends(&self, a: usize, b: usize) -> bool {
        let mut stack = vec![a];
        let mut seen = vec![false; self.infos.len()];
        while let Some(p) = stack.pop() {
            let Some(info) = self.infos.get(p) else {
                continue;
            };
            for (name, _) in &info.extends {
                if let Some(q) = self.find(name) {
                    if q == b {
                        return true;
                    }
                    if let Some(flag) = seen.get_mut(q) {
                        if !*flag {
                            *flag = true;
                            stack.push(q);
                        }
                    }
                }
            }
        }
        false
    }
}

/// Collect pack headers; files of one pack must agree on its version.
pub fn collect_packs(files: &[&File], diags: &mut Vec<Diagnostic>) -> Packs {
    let mut packs = Packs::default();
    for file in files {
        let (name, version, span) = match &file.pack {
            Some(p) => (
                p.name.text.clone(),
                p.version.as_plain().unwrap_or_default(),
                p.name.span,
            ),
            None => (LOCAL_PACK.to_string(), "0.0.0".to_string(), Span::default()),
        };
        if let Some(p) = &file.pack {
            if semver::Version::parse(&version).is_err() {
                diags.push(problems::pack_version(&version, p.version.span));
            }
        }
        let index = match packs.find(&name) {
            Some(i) => {
                let first = packs
                    .infos
                    .get(i)
                    .map(|p| p.version.clone())
                    .unwrap_or_default();
                if first != version {
                    diags.push(problems::version_conflict(
                        &name,
                        (&version, span),
                        (&first, packs.spans.get(i).copied()),
                    ));
                }
                if let (Some(p), Some(info)) = (&file.pack, packs.infos.get_mut(i)) {
                    if info.doc.is_empty() {
                        info.doc = pack_doc(p);
                    }
                    for e in &p.extends {
                        let req = e.requirement.as_plain().unwrap_or_default();
                        if !info.extends.iter().any(|(n, _)| *n == e.pack.text) {
                            info.extends.push((e.pack.text.clone(), req));
                        }
                    }
                }
                i
            }
            None => {
                let extends = file
                    .pack
                    .iter()
                    .flat_map(|p| &p.extends)
                    .map(|e| {
                        (
                            e.pack.text.clone(),
                            e.requirement.as_plain().unwrap_or_default(),
                        )
                    })
                    .collect();
                packs.infos.push(PackInfo {
                    name,
                    version,
                    extends,
                    doc: file.pack.as_ref().map(pack_doc).unwrap_or_default(),
                });
                packs.spans.push(span);
                packs.infos.len() - 1
            }
        };
        packs.of_file.push(index);
    }
    check_requirements(files, &packs, diags);
    packs
}

/// The doc comment of a pack header as one text; empty when it has none.
fn pack_doc(header: &PackDecl) -> String {
    header.doc.join("\n").trim().to_string()
}

/// Every `extends` names a loaded pack whose version satisfies the requirement.
fn check_requirements(files: &[&File], packs: &Packs, diags: &mut Vec<Diagnostic>) {
    for file in files {
        let Some(header) = &file.pack else { continue };
        for e in &header.extends {
            let text = e.requirement.as_plain().unwrap_or_default();
            let Ok(req) = semver::VersionReq::parse(&text) else {
                diags.push(problems::requirement(&text, e.requirement.span));
                continue;
            };
            let Some(target) = packs.find(&e.pack.text) else {
                let names = packs.infos.iter().map(|p| p.name.as_str());
                diags.push(problems::pack_missing(&e.pack, names));
                continue;
            };
            let version = packs
                .infos
                .get(target)
                .map(|p| p.version.clone())
                .unwrap_or_default();
            let satisfied = semver::Version::parse(&version).is_ok_and(|v| req.matches(&v));
            if !satisfied {
                diags.push(problems::unsatisfied(
                    &e.pack.text,
                    (&version, packs.spans.get(target).copied()),
                    (&text, e.requirement.span),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;
    use crate::syntax::parse::parse_file;

    fn packs_of(texts: &[&str]) -> Packs {
        let files: Vec<File> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let id = FileId(u32::try_from(i).unwrap_or(u32::MAX));
                parse_file(id, t).unwrap_or_else(|d| panic!("{d:?}"))
            })
            .collect();
        let refs: Vec<&File> = files.iter().collect();
        let mut diags = Vec::new();
        let packs = collect_packs(&refs, &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        packs
    }

    #[test]
    fn pack_doc_comes_from_the_first_file_that_has_one() {
        let packs = packs_of(&[
            "pack a.b version \"1.0.0\"\n",
            "/// First line.\n///\n/// | a | b |\npack a.b version \"1.0.0\"\n",
            "/// Ignored: the pack is already documented.\npack a.b version \"1.0.0\"\n",
        ]);
        let doc = packs.infos.first().map(|p| p.doc.as_str());
        assert_eq!(doc, Some("First line.\n\n| a | b |"));
    }

    #[test]
    fn undocumented_pack_has_an_empty_doc() {
        let packs = packs_of(&["pack a.b version \"1.0.0\"\n"]);
        assert_eq!(packs.infos.first().map(|p| p.doc.as_str()), Some(""));
    }
}
