//! The diagnostics of the checker: one constructor per diagnostic code.
//!
//! Every code `check` emits (`phs::check::*`, `phs::type::*`, `phs::schema::*`,
//! `phs::pack::*`, `phs::lint::*`, `phs::limit::rules`, `phs::internal`) is built here and nowhere
//! else, so its wording is read and changed in one place. Each constructor takes
//! the spans and names it needs, already shown (a type as `Connector`, a name as
//! written); it never looks at the program. Messages start lowercase and quote
//! names in backticks; a label says what is wrong at its span; a `help` says what
//! to do. Every code has a corpus file named after it in `tests/corpus/check/`.

use super::program::Retired;
use super::types::Type;
use crate::diag::{suggestion, Diagnostic};
use crate::limits;
use crate::source::Span;
use crate::syntax::ast::Name;

/// A shape the checker's own invariants rule out (a pack index with no pack, a
/// rule lost while ordering): a bug in phsrule, never the input's fault. The
/// command line exits with code 3 when it prints one.
pub fn internal(what: &str, at: Option<Span>) -> Diagnostic {
    let d = Diagnostic::error(
        "phs::internal",
        format!("internal error in the checker: {what}"),
    )
    .help("this is a bug in phsrule; please report it with the rule files");
    match at {
        Some(span) => d.label(span, "while checking this"),
        None => d,
    }
}

// Rules, helpers and constants (`check/rules.rs`).

/// More rules are loaded than [`limits::MAX_RULES`].
pub fn too_many_rules(count: usize) -> Diagnostic {
    Diagnostic::error(
        "phs::limit::rules",
        format!(
            "{count} rules are loaded, more than the limit of {}",
            limits::MAX_RULES
        ),
    )
}

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

/// A rule's `for` over something that is not a list.
pub fn binding_not_a_list(span: Span, shown: &str) -> Diagnostic {
    Diagnostic::error(
        "phs::type::not-a-list",
        format!("`for` goes through a list, but this is a `{shown}`"),
    )
    .label(span, format!("this is a `{shown}`"))
    .help("bind to a list such as `connectors` or `c.domains`")
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
    match span {
        Some(s) => d.label(s, "part of the cycle"),
        None => d,
    }
}

/// A helper no rule, helper or constant calls.
pub fn unused_fn(name: &Name) -> Diagnostic {
    Diagnostic::warning(
        "phs::lint::unused-fn",
        format!("the helper `{}` is never used", name.text),
    )
    .label(name.span, "declared here")
    .help("remove it, or use it in a rule")
}

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
    match rule {
        Some(s) => d.label(s, "rule declared here"),
        None => d,
    }
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
    match first_span {
        Some(s) => d.label(s, format!("version `{first}` here")),
        None => d,
    }
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
    match declared {
        Some(s) => d.label(s, format!("`{version}` declared here")),
        None => d,
    }
}

// The fact schema (`check/schema_build.rs`).

/// A second `format` declaration.
pub fn format_twice(second: Span, first: Span) -> Diagnostic {
    Diagnostic::error("phs::schema::format", "the facts format is declared twice")
        .label(second, "second declaration")
        .label(first, "first declaration")
}

/// Rules are loaded but no file declares the root record `root`.
pub fn no_root(root: &str) -> Diagnostic {
    Diagnostic::error(
        "phs::schema::no-root",
        format!("no fact schema is loaded: there is no `record {root}`"),
    )
    .help("the schema is part of the builtin pack; drop `--no-builtin`, or load a schema file that declares `record Facts`")
}

/// A record or enum whose name is taken.
pub fn duplicate_type(name: &Name) -> Diagnostic {
    Diagnostic::error(
        "phs::schema::duplicate-type",
        format!("the type `{}` is declared twice", name.text),
    )
    .label(name.span, "declared again here")
    .help("to add fields to an existing record, write `extend record`")
}

/// An enum value listed twice in enum `enum_name`.
pub fn duplicate_value(value: &Name, enum_name: &str) -> Diagnostic {
    Diagnostic::error(
        "phs::schema::duplicate-value",
        format!("`{}` appears twice in `{enum_name}`", value.text),
    )
    .label(value.span, "repeated")
}

/// `extend record` of a record that is not declared; `records` are the declared ones.
pub fn extend_unknown<'a>(name: &Name, records: impl IntoIterator<Item = &'a str>) -> Diagnostic {
    Diagnostic::error(
        "phs::schema::unknown-type",
        format!("cannot extend unknown record `{}`", name.text),
    )
    .label(name.span, "no such record")
    .with_help(suggestion(&name.text, records))
}

/// A type name that is neither builtin nor declared; `types` are the known ones.
pub fn unknown_type<'a>(name: &Name, types: impl IntoIterator<Item = &'a str>) -> Diagnostic {
    Diagnostic::error(
        "phs::schema::unknown-type",
        format!("unknown type `{}`", name.text),
    )
    .label(name.span, "not a type")
    .with_help(suggestion(&name.text, types))
}

/// A field declared twice in record `record` (or again by `extend record`).
pub fn duplicate_field(record: &str, field: &Name) -> Diagnostic {
    Diagnostic::error(
        "phs::schema::duplicate-field",
        format!("`{record}` already has a field `{}`", field.text),
    )
    .label(field.span, "declared again here")
}

/// A map whose key type is not a string or an enum.
pub fn map_key(span: Span) -> Diagnostic {
    Diagnostic::error(
        "phs::schema::map-key",
        "map keys must be strings or enum values",
    )
    .label(span, "not a string or enum")
}

/// `list<string?>` and the like.
pub fn optional_element(span: Span) -> Diagnostic {
    Diagnostic::error(
        "phs::schema::optional-element",
        "items of lists and maps cannot be optional",
    )
    .label(span, "remove this `?`")
    .help("mark the whole list or map optional instead: `list<string>?`")
}

// Expressions (`check/expr.rs`). Types come already shown, e.g. `list<Domain>`.

/// An expression whose type is not the one its place needs; `what` names the
/// place ("the `when` condition").
pub fn mismatch(span: Span, what: &str, want: &str, found: &str) -> Diagnostic {
    Diagnostic::error(
        "phs::type::mismatch",
        format!("{what} must be a `{want}`, but this is a `{found}`"),
    )
    .label(span, format!("this is a `{found}`"))
}

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

/// A whole record interpolated into text.
pub fn show_record(span: Span, shown: &str) -> Diagnostic {
    Diagnostic::error(
        "phs::type::show-record",
        format!("a `{shown}` record cannot be shown in text"),
    )
    .label(span, "a whole record")
    .help("show one of its fields, such as `.name`")
}

/// `text` is not one of `values`, the values of enum `enum_name`.
pub fn enum_value(span: Span, text: &str, enum_name: &str, values: &[String]) -> Diagnostic {
    let help = suggestion(text, values.iter().map(String::as_str))
        .unwrap_or_else(|| format!("the values of `{enum_name}` are: {}", list_names(values)));
    Diagnostic::error(
        "phs::type::enum-value",
        format!("`{text}` is not a value of `{enum_name}`"),
    )
    .label(span, format!("not a `{enum_name}`"))
    .help(help)
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

/// `.field` on a value that is not a record.
pub fn no_fields(field: &Name, shown: &str) -> Diagnostic {
    Diagnostic::error(
        "phs::type::no-fields",
        format!(
            "a `{shown}` has no fields, so `.{}` is not defined",
            field.text
        ),
    )
    .label(field.span, "not a field of this value")
    .help(
        "fields belong to records such as `Connector`; methods are called with `()`, e.g. `.len()`",
    )
}

/// `[...]` on a value that is not a list or a map.
pub fn index(span: Span, shown: &str) -> Diagnostic {
    Diagnostic::error(
        "phs::type::index",
        format!("a `{shown}` cannot be indexed with `[...]`"),
    )
    .label(span, format!("this is a `{shown}`"))
    .help("only lists and maps have entries")
}

/// `-x` on a value that is not a number or a duration.
pub fn negate(span: Span, shown: &str) -> Diagnostic {
    Diagnostic::error(
        "phs::type::negate",
        format!("a `{shown}` cannot be negated"),
    )
    .label(span, format!("this is a `{shown}`"))
}

/// A comparison `symbol` between two types it does not apply to; `ordered` for
/// `<`, `<=`, `>`, `>=`.
pub fn compare(
    symbol: &str,
    (left, left_span, left_ty): (&str, Span, &Type),
    (right, right_span, right_ty): (&str, Span, &Type),
    ordered: bool,
) -> Diagnostic {
    Diagnostic::error(
        "phs::type::compare",
        format!("cannot compare a `{left}` with a `{right}` using `{symbol}`"),
    )
    .label(left_span, format!("`{left}`"))
    .label(right_span, format!("`{right}`"))
    .help(comparison_help(left_ty, right_ty, ordered))
}

fn comparison_help(a: &Type, b: &Type, ordered: bool) -> String {
    match (a, b) {
        (Type::Time, Type::Duration) | (Type::Duration, Type::Time) => {
            "a timestamp compares with a timestamp: write `e.time >= now - 3h`, not `e.time >= 3h`".to_string()
        }
        (Type::Str, Type::Version) | (Type::Version, Type::Str) => {
            "write versions without quotes: `server.version < 1.1.524.0`".to_string()
        }
        _ if ordered => "`<`, `<=`, `>`, `>=` compare numbers, strings, timestamps, durations and versions of one kind".to_string(),
        _ => "`==` and `!=` compare two values of the same type".to_string(),
    }
}

/// `x in y` where `y` is not a list or a map (`is_string`: it is a string).
pub fn in_not_a_collection(span: Span, shown: &str, is_string: bool) -> Diagnostic {
    let help = if is_string {
        "to look for text inside a string, use `contains`"
    } else {
        "`in` looks for an item in a list or a key in a map"
    };
    Diagnostic::error(
        "phs::type::in",
        format!("`in` needs a list or a map on its right, found a `{shown}`"),
    )
    .label(span, format!("this is a `{shown}`"))
    .help(help)
}

/// `x in y` where `x` cannot be an item of `y`.
pub fn in_wrong_item(span: Span, want: &str, found: &str) -> Diagnostic {
    Diagnostic::error(
        "phs::type::in",
        format!("looking for a `{found}` among `{want}` values"),
    )
    .label(span, format!("this is a `{found}`"))
    .help(format!("the item must be a `{want}`"))
}

/// A text test (`contains`, `starts_with`, ...) on a value that is not a string.
pub fn string_op(span: Span, symbol: &str, shown: &str) -> Diagnostic {
    Diagnostic::error(
        "phs::type::string-op",
        format!("`{symbol}` works on strings, but this is a `{shown}`"),
    )
    .label(span, format!("this is a `{shown}`"))
    .help("compare other values with `==`; look for items in a list with `in`")
}

/// `left symbol right` is no arithmetic operation.
pub fn arithmetic(span: Span, left: &str, symbol: &str, right: &str) -> Diagnostic {
    Diagnostic::error(
        "phs::type::arithmetic",
        format!("`{left} {symbol} {right}` is not defined"),
    )
    .label(span, "no such operation")
    .help("arithmetic works on numbers, on durations, and on a timestamp plus or minus a duration (`now - 3h`)")
}

/// A quantifier over something that is not a list.
pub fn quantifier_not_a_list(span: Span, shown: &str) -> Diagnostic {
    Diagnostic::error(
        "phs::type::not-a-list",
        format!("expected a list to go through, found a `{shown}`"),
    )
    .label(span, format!("this is a `{shown}`"))
    .help("bindings and quantifiers go through lists such as `connectors` or `c.domains`")
}

/// A binding, parameter or variable that nothing reads.
pub fn unused_binding(name: &str, span: Span) -> Diagnostic {
    Diagnostic::warning(
        "phs::lint::unused-binding",
        format!("`{name}` is never used"),
    )
    .label(span, "bound here")
    .help(format!(
        "use it, or name it `_{name}` to say it is unused on purpose"
    ))
}

/// `if` whose branches have different types.
pub fn if_branches(
    (then, then_span): (&str, Span),
    (other, else_span): (&str, Span),
) -> Diagnostic {
    Diagnostic::error(
        "phs::type::if",
        format!("the branches of `if` differ: `{then}` and `{other}`"),
    )
    .label(then_span, format!("`{then}`"))
    .label(else_span, format!("`{other}`"))
    .help("both branches must have the same type")
}

/// A list item of another type than the items before it.
pub fn list_item(span: Span, want: &str, found: &str) -> Diagnostic {
    Diagnostic::error(
        "phs::type::list",
        format!("a list of `{want}` cannot hold a `{found}`"),
    )
    .label(span, format!("this is a `{found}`"))
    .help("all items of a list have one type")
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

/// A map value of another type than the values before it.
pub fn map_value(span: Span, want: &str, found: &str) -> Diagnostic {
    Diagnostic::error(
        "phs::type::map",
        format!("a map of `{want}` values cannot hold a `{found}`"),
    )
    .label(span, format!("this is a `{found}`"))
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

/// A call of no helper or builtin; `functions` are the helpers and builtins.
pub fn unknown_function<'a>(
    name: &Name,
    functions: impl IntoIterator<Item = &'a str>,
) -> Diagnostic {
    let help = suggestion(&name.text, functions).unwrap_or_else(|| {
        "functions are helpers declared with `fn` and the builtins `known`, `or_else`, `dn_domain`, `dn_under`, `unknown_unless`".to_string()
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

/// `max_by`/`min_by` with a key that has no order.
pub fn order(span: Span, method: &str, shown: &str) -> Diagnostic {
    Diagnostic::error(
        "phs::type::order",
        format!("`{method}` needs a key with an order, found a `{shown}`"),
    )
    .label(span, format!("this is a `{shown}`"))
    .help("order by a number, string, timestamp, duration or version, e.g. `e => e.time`")
}

/// `a`, `b`, `c` for help texts (at most 12 names).
fn list_names(names: &[String]) -> String {
    let mut shown: Vec<String> = names.iter().take(12).map(|n| format!("`{n}`")).collect();
    if names.len() > 12 {
        shown.push("...".to_string());
    }
    shown.join(", ")
}

// Warnings about conditions (`check/lint.rs`).

/// The `when` of rule `rule` reads no fact.
pub fn constant_condition(rule: &Name, span: Span) -> Diagnostic {
    Diagnostic::warning(
        "phs::lint::constant-condition",
        format!("the `when` of `{}` reads no fact", rule.text),
    )
    .label(span, "the same for every facts file")
    .help(
        "a rule's condition should depend on the facts, e.g. `tenant.password_hash_sync == false`",
    )
}

/// A `when` or `where` (`clause`) whose comparisons contradict each other.
pub fn never_true(span: Span, clause: &str) -> Diagnostic {
    Diagnostic::warning(
        "phs::lint::never-true",
        format!("this `{clause}` condition can never be true"),
    )
    .label(span, "its comparisons contradict each other")
    .help("check the bounds: no value satisfies all of them")
}

/// A `when` or `where` (`clause`) whose comparisons cover every value.
pub fn never_false(span: Span, clause: &str) -> Diagnostic {
    Diagnostic::warning(
        "phs::lint::never-false",
        format!("this `{clause}` condition can never be false"),
    )
    .label(span, "every value satisfies one of its comparisons")
    .help("check the bounds: together they cover every value")
}
