//! Packs: names, versions and the packs each builds on.

use super::problems;
use super::program::PackInfo;
use crate::diag::Diagnostic;
use crate::source::Span;
use crate::syntax::ast::{File, Name, PackDecl};
use semver::{Version, VersionReq};
use std::collections::HashSet;

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

    /// `phs.builtin@1.1.0`, for what a pack changed or retired; `None` only for an
    /// index that is no pack (a bug).
    pub fn label(&self, pack: usize) -> Option<String> {
        self.infos.get(pack).map(PackInfo::label)
    }

    /// Whether pack `a` builds on pack `b`, directly or through others.
    pub fn extends(&self, a: usize, b: usize) -> bool {
        let mut stack = vec![a];
        let mut seen = HashSet::new();
        while let Some(p) = stack.pop() {
            let Some(info) = self.infos.get(p) else {
                continue;
            };
            for q in info.extends.iter().filter_map(|(name, _)| self.find(name)) {
                if q == b {
                    return true;
                }
                if seen.insert(q) {
                    stack.push(q);
                }
            }
        }
        false
    }
}

/// A pack's version as its first file wrote it.
#[derive(Debug, Clone)]
enum Declared {
    Version(Version),
    /// Not a semantic version; reported where it was read.
    NotSemver(String),
}

impl Declared {
    fn read(header: Option<&PackDecl>, diags: &mut Vec<Diagnostic>) -> Declared {
        let Some(header) = header else {
            return Declared::Version(Version::new(0, 0, 0));
        };
        let text = header.version.as_plain().unwrap_or_default();
        match Version::parse(&text) {
            Ok(v) => Declared::Version(v),
            Err(_) => {
                diags.push(problems::pack_version(&text, header.version.span));
                Declared::NotSemver(text)
            }
        }
    }

    fn version(&self) -> Option<&Version> {
        match self {
            Declared::Version(v) => Some(v),
            Declared::NotSemver(_) => None,
        }
    }

    fn text(&self) -> String {
        match self {
            Declared::Version(v) => v.to_string(),
            Declared::NotSemver(text) => text.clone(),
        }
    }
}

/// One `extends` of one file, its requirement parsed.
struct Requirement<'a> {
    pack: &'a Name,
    /// `None` when it is not a semver requirement (reported where it was read).
    req: Option<VersionReq>,
    /// As written, for messages.
    text: String,
    span: Span,
}

/// Collect pack headers; files of one pack must agree on its version.
pub fn collect_packs(files: &[&File], diags: &mut Vec<Diagnostic>) -> Packs {
    let mut packs = Packs::default();
    let mut declared: Vec<Declared> = Vec::new();
    let mut requirements = Vec::new();
    for file in files {
        let header = file.pack.as_ref();
        let (name, span) = match header {
            Some(p) => (p.name.text.clone(), p.name.span),
            None => (LOCAL_PACK.to_string(), Span::default()),
        };
        let version = Declared::read(header, diags);
        let extends = read_requirements(header, diags);
        let index = match packs.find(&name) {
            Some(i) => {
                if let Some(first) = declared.get(i) {
                    let (first, this) = (first.text(), version.text());
                    if first != this {
                        diags.push(problems::version_conflict(
                            &name,
                            (&this, span),
                            (&first, packs.spans.get(i).copied()),
                        ));
                    }
                }
                if let (Some(p), Some(info)) = (header, packs.infos.get_mut(i)) {
                    if info.doc.is_empty() {
                        info.doc = pack_doc(p);
                    }
                    for r in &extends {
                        if !info.extends.iter().any(|(n, _)| *n == r.pack.text) {
                            info.extends.push(extended(r));
                        }
                    }
                }
                i
            }
            None => {
                packs.infos.push(PackInfo {
                    name,
                    // A version that is not semver was reported: no program is built.
                    version: version.version().cloned().unwrap_or(Version::new(0, 0, 0)),
                    extends: extends.iter().map(extended).collect(),
                    doc: header.map(pack_doc).unwrap_or_default(),
                });
                declared.push(version);
                packs.spans.push(span);
                packs.infos.len() - 1
            }
        };
        packs.of_file.push(index);
        requirements.extend(extends);
    }
    check_requirements(&requirements, &packs, &declared, diags);
    packs
}

/// A pack an `extends` builds on, with its requirement. One that is not a semver
/// requirement was reported (no program is built) but still names the pack, so
/// that overrides of its rules are not reported as well.
fn extended(r: &Requirement) -> (String, VersionReq) {
    let req = r.req.clone().unwrap_or(VersionReq::STAR);
    (r.pack.text.clone(), req)
}

/// The doc comment of a pack header as one text; empty when it has none.
fn pack_doc(header: &PackDecl) -> String {
    header.doc.join("\n").trim().to_string()
}

/// The `extends` of a header; requirements that are not semver requirements are
/// reported.
fn read_requirements<'a>(
    header: Option<&'a PackDecl>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Requirement<'a>> {
    let mut out = Vec::new();
    for e in header.iter().flat_map(|h| &h.extends) {
        let text = e.requirement.as_plain().unwrap_or_default();
        let req = VersionReq::parse(&text).ok();
        if req.is_none() {
            diags.push(problems::requirement(&text, e.requirement.span));
        }
        out.push(Requirement {
            pack: &e.pack,
            req,
            text,
            span: e.requirement.span,
        });
    }
    out
}

/// Every `extends` names a loaded pack whose version satisfies the requirement.
fn check_requirements(
    requirements: &[Requirement],
    packs: &Packs,
    declared: &[Declared],
    diags: &mut Vec<Diagnostic>,
) {
    for r in requirements {
        let Some(req) = &r.req else { continue };
        let Some(target) = packs.find(&r.pack.text) else {
            let names = packs.infos.iter().map(|p| p.name.as_str());
            diags.push(problems::pack_missing(r.pack, names));
            continue;
        };
        let Some(version) = declared.get(target) else {
            diags.push(problems::internal(
                "a loaded pack has no version",
                Some(r.span),
            ));
            continue;
        };
        if !version.version().is_some_and(|v| req.matches(v)) {
            diags.push(problems::unsatisfied(
                &r.pack.text,
                (&version.text(), packs.spans.get(target).copied()),
                (&r.text, r.span),
            ));
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
            .zip(0..)
            .map(|(t, i)| {
                let id = FileId(i);
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
