//! The `phs::check::*` diagnostics: declarations that clash or are missing,
//! names that resolve to nothing, calls of the wrong shape.

use super::{label_if, list_names};
use crate::diag::{suggestion, Diagnostic};
use crate::source::Span;
use crate::syntax::ast::Name;

// Rules, helpers and constants (`check/rules.rs`).

/// A helper declared a second time.
pub fn duplicate_fn(name: &Name, first: Span) -> Diagnostic {
    declared_twice("phs::check::duplicate-fn", "helper", name, first)
}

/// A constant declared a second time.
pub fn duplicate_const(name: &Name, first: Span) -> Diagnostic {
    declared_twice("phs::check::duplicate-const", "constant", name, first)
}

/// Helpers and constants share one namespace across packs, so both places are named.
fn declared_twice(code: &'static str, what: &str, name: &Name, first: Span) -> Diagnostic {
    Diagnostic::error(
        code,
        format!("the {what} `{}` is declared twice", name.text),
    )
    .label(name.span, "declared again here")
    .label(first, "first declared here")
    .help(format!(
        "rename one of them: {what} names are shared by every loaded pack"
    ))
}

/// Helpers that call each other: `cycle` are the helpers on the way, in call
/// order, and `back_to` the one called again.
pub fn recursion<'a>(cycle: impl IntoIterator<Item = &'a str>, back_to: &Name) -> Diagnostic {
    let cycle: Vec<String> = cycle.into_iter().map(|n| format!("`{n}`")).collect();
    Diagnostic::error(
        "phs::check::recursion",
        format!(
            "helpers call each other in a cycle: {} → `{}`",
            cycle.join(" → "),
            back_to.text
        ),
    )
    .label(back_to.span, "part of the cycle")
    .help("rules must always finish, so helpers cannot be recursive; use quantifiers over lists instead")
}

/// Two rules with one id.
pub fn duplicate_rule(id: &Name, first: Span) -> Diagnostic {
    Diagnostic::error(
        "phs::check::duplicate-rule",
        format!("two rules have the id `{}`", id.text),
    )
    .label(id.span, "second rule")
    .label(first, "first rule")
    .help("rule ids are public names; give the new rule its own id, or `override` the existing one")
}

/// A rule without one of the clauses every rule has; `example` shows one.
pub fn missing_clause(rule: &Name, clause: &str, example: &str) -> Diagnostic {
    Diagnostic::error(
        "phs::check::missing-clause",
        format!("rule `{}` has no `{clause}` clause", rule.text),
    )
    .label(rule.span, format!("needs `{clause}`"))
    .help(format!("add e.g. `{example}`"))
}

/// `needs ... at X` where `X` is not a record of the facts.
pub fn need_at(span: Span, shown: &str) -> Diagnostic {
    Diagnostic::error(
        "phs::check::need-at",
        format!("`at` needs a fact such as a connector or a domain, found a `{shown}`"),
    )
    .label(span, format!("this is a `{shown}`"))
    .help("write a record of the facts, e.g. `needs not PHS010 at connector_of(o)`")
}

/// `needs` names no loaded rule; `ids` are the loaded ones.
pub fn unknown_rule<'a>(rule: &Name, ids: impl IntoIterator<Item = &'a str>) -> Diagnostic {
    Diagnostic::error(
        "phs::check::unknown-rule",
        format!("`needs` names `{}`, which is not a loaded rule", rule.text),
    )
    .label(rule.span, "no such rule")
    .with_help(suggestion(&rule.text, ids))
}

/// Rules that need each other; `span` is the first `needs` entry on the cycle.
pub fn needs_cycle(stuck: &[&str], span: Option<Span>) -> Diagnostic {
    let names: Vec<String> = stuck.iter().map(|s| format!("`{s}`")).collect();
    let d = Diagnostic::error(
        "phs::check::needs-cycle",
        format!("rules need each other in a cycle: {}", names.join(", ")),
    )
    .help("a rule can only wait on rules that do not, in turn, wait on it");
    label_if(d, span, "part of the cycle")
}

// Expressions (`check/expr.rs`).

/// Facts (or `now`) read where only fixed values may be: constants, parameters.
pub fn facts_in_constant(span: Span, what: &str) -> Diagnostic {
    Diagnostic::error(
        "phs::check::facts-in-constant",
        format!("{what} reads facts, which constants and parameters cannot"),
    )
    .label(span, "reads facts")
    .help(
        "constants and rule parameters are fixed values; read facts in the rule's `for` or `when`",
    )
}

/// A name that is no local, constant or top-level fact; `names` are those in scope.
pub fn unknown_name<'a>(name: &Name, names: impl IntoIterator<Item = &'a str>) -> Diagnostic {
    let help = suggestion(&name.text, names).unwrap_or_else(|| {
        "names are bindings (`for x in ...`), parameters, constants and the facts' top-level sections".to_string()
    });
    Diagnostic::error(
        "phs::check::unknown-name",
        format!("unknown name `{}`", name.text),
    )
    .label(name.span, "not defined")
    .help(help)
}

/// `.field` that record `record` does not have; `fields` are its own.
pub fn unknown_field(field: &Name, record: &str, fields: &[String]) -> Diagnostic {
    let help = suggestion(&field.text, fields.iter().map(String::as_str))
        .unwrap_or_else(|| format!("the fields of `{record}` are: {}", list_names(fields)));
    Diagnostic::error(
        "phs::check::unknown-field",
        format!("`{record}` has no field `{}`", field.text),
    )
    .label(field.span, "unknown field")
    .help(help)
}

/// A map literal with a key twice.
pub fn duplicate_key(key: &Name, map: Span) -> Diagnostic {
    Diagnostic::error(
        "phs::check::duplicate-key",
        format!("the key `{}` appears twice", key.text),
    )
    .label(key.span, "repeated key")
    .label(map, "in this map")
    .help("each key of a map appears once")
}

/// `unknown_unless(c, x)` where `x` is not a list, map or record of the facts.
pub fn unknown_unless(span: Span, shown: &str) -> Diagnostic {
    Diagnostic::error(
        "phs::check::unknown-unless",
        format!("`unknown_unless` names a fact to collect, found a `{shown}`"),
    )
    .label(span, format!("this is a `{shown}`"))
    .help("name a list, map or record of the facts, e.g. `unknown_unless(covered, events)`")
}

/// A call of no helper or builtin; `helpers` are the declared helpers and
/// `builtins` the builtin functions.
pub fn unknown_function<'a>(
    name: &Name,
    helpers: impl IntoIterator<Item = &'a str>,
    builtins: &[&'a str],
) -> Diagnostic {
    let functions = helpers.into_iter().chain(builtins.iter().copied());
    let help = suggestion(&name.text, functions).unwrap_or_else(|| {
        let builtins: Vec<String> = builtins.iter().map(|n| format!("`{n}`")).collect();
        format!(
            "functions are helpers declared with `fn` and the builtins {}",
            builtins.join(", ")
        )
    });
    Diagnostic::error(
        "phs::check::unknown-function",
        format!("unknown function `{}`", name.text),
    )
    .label(name.span, "not defined")
    .help(help)
}

/// A function or method called with `got` arguments instead of `want`.
pub fn arity(span: Span, name: &str, want: usize, got: usize) -> Diagnostic {
    let plural = if want == 1 { "" } else { "s" };
    let was = if got == 1 { "was" } else { "were" };
    Diagnostic::error(
        "phs::check::arity",
        format!("`{name}` takes {want} argument{plural}, but {got} {was} given"),
    )
    .label(span, "here")
}

/// A method a value of type `shown` does not have; `methods` are the ones it has.
pub fn unknown_method(name: &Name, shown: &str, methods: &[&str]) -> Diagnostic {
    let help = suggestion(&name.text, methods.iter().copied()).unwrap_or_else(|| {
        if methods.is_empty() {
            format!("a `{shown}` has no methods")
        } else {
            format!("the methods of a `{shown}` are: {}", methods.join(", "))
        }
    });
    Diagnostic::error(
        "phs::check::unknown-method",
        format!("a `{shown}` has no method `{}`", name.text),
    )
    .label(name.span, "unknown method")
    .help(help)
}

/// A `x => ...` argument given to a method that takes none (`.join(x => x)`).
pub fn unexpected_lambda(span: Span, method: &str) -> Diagnostic {
    Diagnostic::error(
        "phs::check::lambda",
        format!("`{method}` does not take a `x => ...` argument"),
    )
    .label(span, "unexpected lambda")
}

/// A method that takes one `x => ...` argument (`filter`, `map`, ...) given
/// something else.
pub fn lambda_expected(span: Span, method: &str) -> Diagnostic {
    Diagnostic::error(
        "phs::check::lambda",
        format!("`{method}` takes one argument of the form `x => ...`"),
    )
    .label(span, "here")
    .help(format!("for example `.{method}(e => e.time)`"))
}
