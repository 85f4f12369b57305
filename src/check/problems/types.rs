//! The `phs::type::*` diagnostics: an expression whose type does not fit its
//! place (`check/expr.rs`, and a rule's `for` in `check/rules.rs`). Types come
//! already shown, e.g. `list<Domain>`; only `compare` looks at the `Type` itself,
//! to give a help fitted to the two sides.

use super::list_names;
use crate::check::types::Type;
use crate::diag::{suggestion, Diagnostic};
use crate::source::Span;
use crate::syntax::ast::Name;

/// A rule's `for` over something that is not a list.
pub fn binding_not_a_list(span: Span, shown: &str) -> Diagnostic {
    Diagnostic::error(
        "phs::type::not-a-list",
        format!("`for` goes through a list, but this is a `{shown}`"),
    )
    .label(span, format!("this is a `{shown}`"))
    .help("bind to a list such as `connectors` or `c.domains`")
}

/// An expression whose type is not the one its place needs; `what` names the
/// place ("the `when` condition").
pub fn mismatch(span: Span, what: &str, want: &str, found: &str) -> Diagnostic {
    Diagnostic::error(
        "phs::type::mismatch",
        format!("{what} must be a `{want}`, but this is a `{found}`"),
    )
    .label(span, format!("this is a `{found}`"))
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

/// A map value of another type than the values before it.
pub fn map_value(span: Span, want: &str, found: &str) -> Diagnostic {
    Diagnostic::error(
        "phs::type::map",
        format!("a map of `{want}` values cannot hold a `{found}`"),
    )
    .label(span, format!("this is a `{found}`"))
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
