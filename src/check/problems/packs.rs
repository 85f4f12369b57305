//! The `phs::pack::*` diagnostics: retired ids, `override` and `disable`
//! (`check/rules.rs`), and pack headers with their versions and `extends`
//! requirements (`check/packs.rs`).

use super::label_if;
use crate::check::program::Retired;
use crate::diag::{suggestion, Diagnostic};
use crate::source::Span;
use crate::syntax::ast::Name;

// Retired ids, overrides and disables (`check/rules.rs`).

/// A new rule takes an id a pack retired.
pub fn retired_id(retired: &Retired, rule: Span, retired_at: Span) -> Diagnostic {
    Diagnostic::error(
        "phs::pack::retired-id",
        format!("{}; its id cannot name a new rule", retired.message()),
    )
    .label(rule, "declared here")
    .label(retired_at, "retired here")
    .help("give the rule an id of its own")
}

/// An `override`, `disable` or `needs` that names a retired rule.
pub fn retired_rule(retired: &Retired, span: Span) -> Diagnostic {
    Diagnostic::error("phs::pack::retired-rule", retired.message())
        .label(span, "names a retired rule")
        .help("remove this reference; the rules that took over its checks are named above")
}

/// A rule changed by two `override`s or `disable`s.
pub fn override_conflict(id: &str, span: Span, first: Span) -> Diagnostic {
    Diagnostic::error(
        "phs::pack::override-conflict",
        format!("rule `{id}` is changed in two places"),
    )
    .label(span, "changed here")
    .label(first, "and here")
    .help("keep one `override` or `disable` per rule, in the pack that owns the policy")
}

/// An `override` or `disable` of a rule that is not loaded; `ids` are the loaded ones.
pub fn override_missing<'a>(
    id: &str,
    span: Span,
    ids: impl IntoIterator<Item = &'a str>,
) -> Diagnostic {
    let help =
        suggestion(id, ids).unwrap_or_else(|| "`phsrule rules` lists the loaded rules".to_string());
    Diagnostic::error(
        "phs::pack::override-missing",
        format!("there is no rule `{id}` to change"),
    )
    .label(span, "names a missing rule")
    .help(help)
}

/// An `override` or `disable` of a rule of pack `owner`, from a pack that does not
/// extend it (`own_pack`: from the rule's own pack).
pub fn override_owner(
    id: &str,
    owner: &str,
    span: Span,
    own_pack: bool,
    rule: Option<Span>,
) -> Diagnostic {
    let d = Diagnostic::error(
        "phs::pack::override-owner",
        format!("rule `{id}` belongs to pack `{owner}`, which this pack does not extend"),
    )
    .label(span, "changed here")
    .help(if own_pack {
        "edit the rule itself instead of overriding it in its own pack".to_string()
    } else {
        format!("add `extends {owner} \"...\"` to this pack's header")
    });
    label_if(d, rule, "rule declared here")
}

/// An `override` sets a parameter rule `rule` does not have; `params` are its own.
pub fn unknown_param(rule: &str, name: &Name, params: &[&str]) -> Diagnostic {
    let help = suggestion(&name.text, params.iter().copied()).unwrap_or_else(|| {
        if params.is_empty() {
            format!("rule `{rule}` has no parameters")
        } else {
            format!("the parameters of `{rule}` are: {}", params.join(", "))
        }
    });
    Diagnostic::error(
        "phs::pack::unknown-param",
        format!("rule `{rule}` has no parameter `{}`", name.text),
    )
    .label(name.span, "unknown parameter")
    .help(help)
}

// Pack headers (`check/packs.rs`).

/// A pack version that is not `MAJOR.MINOR.PATCH`.
pub fn pack_version(text: &str, span: Span) -> Diagnostic {
    Diagnostic::error(
        "phs::pack::version",
        format!("`{text}` is not a semantic version"),
    )
    .label(span, "not MAJOR.MINOR.PATCH")
    .help("write the version as three numbers, e.g. `\"1.2.0\"`")
}

/// Two files of pack `pack` declare different versions.
pub fn version_conflict(
    pack: &str,
    (version, span): (&str, Span),
    (first, first_span): (&str, Option<Span>),
) -> Diagnostic {
    let d = Diagnostic::error(
        "phs::pack::version-conflict",
        format!("pack `{pack}` is declared with versions `{first}` and `{version}`"),
    )
    .label(span, format!("version `{version}` here"))
    .help("all files of one pack declare the same version");
    label_if(d, first_span, format!("version `{first}` here"))
}

/// An `extends` requirement that is not a semver requirement.
pub fn requirement(text: &str, span: Span) -> Diagnostic {
    Diagnostic::error(
        "phs::pack::requirement",
        format!("`{text}` is not a version requirement"),
    )
    .label(span, "cannot be read")
    .help("write a semver requirement such as `\">=1.0, <2\"`")
}

/// `extends` names a pack that is not loaded; `loaded` are the loaded packs.
pub fn pack_missing<'a>(pack: &Name, loaded: impl IntoIterator<Item = &'a str>) -> Diagnostic {
    let help = suggestion(&pack.text, loaded).unwrap_or_else(|| {
        "load the pack it builds on too (the builtin pack is loaded unless `--no-builtin`)"
            .to_string()
    });
    Diagnostic::error(
        "phs::pack::missing",
        format!("pack `{}` is not loaded", pack.text),
    )
    .label(pack.span, "required here")
    .help(help)
}

/// The loaded version of `pack` does not satisfy an `extends` requirement.
pub fn unsatisfied(
    pack: &str,
    (version, declared): (&str, Option<Span>),
    (requirement, span): (&str, Span),
) -> Diagnostic {
    let d = Diagnostic::error(
        "phs::pack::unsatisfied",
        format!("pack `{pack}` is version `{version}`, which does not satisfy `{requirement}`"),
    )
    .label(span, "required here")
    .help("update the requirement after reviewing what changed in that pack");
    label_if(d, declared, format!("`{version}` declared here"))
}
