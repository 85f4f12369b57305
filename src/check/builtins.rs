//! The builtin functions and methods of the language, in one table: each one's
//! name, what it is called on, its parameters, its result and the IR node that
//! runs it. The checker looks names up here, "did you mean" offers these names,
//! the evaluator runs the [`Builtin`] or [`LambdaMethod`] named here, and a test
//! compares the table with `docs/language.md`.

use super::program::{Builtin, LambdaMethod};
use super::types::Type;

/// One builtin function or method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuiltinDef {
    pub name: &'static str,
    pub form: Form,
    /// The parameters after the receiver, as the docs name them.
    pub params: &'static [&'static str],
    pub callee: Callee,
}

/// How a builtin is called.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// `name(args)`; its typing is the checker's, one rule per builtin.
    Function,
    /// `receiver.name(args)`, returning `result`.
    Method(Receiver, Returns),
}

/// What a method is called on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Receiver {
    List,
    /// A list of strings.
    StrList,
    Str,
    Map,
    /// A list, a string or a map.
    Sized,
}

/// What a method returns, given its receiver's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Returns {
    Int,
    Bool,
    Str,
    StrList,
    /// An item of the list, unknown when the list is empty.
    Item,
    Keys,
    Values,
    /// What the lambda method makes of the list and its body (the checker's rule).
    Lambda,
}

/// What runs a builtin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Callee {
    Builtin(Builtin),
    Lambda(LambdaMethod),
}

const fn function(name: &'static str, params: &'static [&'static str], b: Builtin) -> BuiltinDef {
    BuiltinDef {
        name,
        form: Form::Function,
        params,
        callee: Callee::Builtin(b),
    }
}

const fn method(
    receiver: Receiver,
    name: &'static str,
    returns: Returns,
    b: Builtin,
) -> BuiltinDef {
    BuiltinDef {
        name,
        form: Form::Method(receiver, returns),
        params: &[],
        callee: Callee::Builtin(b),
    }
}

impl BuiltinDef {
    /// The same method, taking `params` after its receiver.
    const fn taking(self, params: &'static [&'static str]) -> BuiltinDef {
        BuiltinDef { params, ..self }
    }
}

const fn lambda(name: &'static str, m: LambdaMethod) -> BuiltinDef {
    BuiltinDef {
        name,
        form: Form::Method(Receiver::List, Returns::Lambda),
        params: &["x => e"],
        callee: Callee::Lambda(m),
    }
}

/// Every builtin function and method.
pub const BUILTINS: &[BuiltinDef] = &[
    function("known", &["x"], Builtin::Known),
    function("or_else", &["x", "default"], Builtin::OrElse),
    function("dn_domain", &["dn"], Builtin::DnDomain),
    function("dn_under", &["dn", "container"], Builtin::DnUnder),
    function("unknown_unless", &["cond", "fact"], Builtin::UnknownUnless),
    method(Receiver::Sized, "len", Returns::Int, Builtin::Len),
    method(Receiver::Sized, "is_empty", Returns::Bool, Builtin::IsEmpty),
    method(Receiver::List, "first", Returns::Item, Builtin::First),
    method(Receiver::List, "last", Returns::Item, Builtin::Last),
    method(Receiver::StrList, "join", Returns::Str, Builtin::Join).taking(&["sep"]),
    method(Receiver::Str, "lower", Returns::Str, Builtin::Lower),
    method(Receiver::Str, "upper", Returns::Str, Builtin::Upper),
    method(Receiver::Str, "trim", Returns::Str, Builtin::Trim),
    method(Receiver::Str, "split", Returns::StrList, Builtin::Split).taking(&["sep"]),
    method(Receiver::Str, "ps_quote", Returns::Str, Builtin::PsQuote),
    method(Receiver::Map, "keys", Returns::Keys, Builtin::Keys),
    method(Receiver::Map, "values", Returns::Values, Builtin::Values),
    lambda("filter", LambdaMethod::Filter),
    lambda("map", LambdaMethod::Map),
    lambda("max_by", LambdaMethod::MaxBy),
    lambda("min_by", LambdaMethod::MinBy),
];

impl Receiver {
    /// Whether a value of type `ty` can receive the method.
    pub fn accepts(self, ty: &Type) -> bool {
        match (self, ty) {
            (Receiver::List, Type::List(_)) | (Receiver::Str, Type::Str) => true,
            (Receiver::StrList, Type::List(t)) => **t == Type::Str,
            (Receiver::Map, Type::Map(..)) => true,
            (Receiver::Sized, Type::List(_) | Type::Str | Type::Map(..)) => true,
            _ => false,
        }
    }
}

impl Returns {
    /// The result type for a receiver of type `recv`, and whether it may be unknown.
    pub fn of(self, recv: &Type) -> (Type, bool) {
        match (self, recv) {
            (Returns::Int, _) => (Type::Int, false),
            (Returns::Bool, _) => (Type::Bool, false),
            (Returns::Str, _) => (Type::Str, false),
            (Returns::StrList, _) => (Type::List(Box::new(Type::Str)), false),
            (Returns::Item, Type::List(t)) => ((**t).clone(), true),
            (Returns::Keys, Type::Map(k, _)) => (Type::List(k.clone()), false),
            (Returns::Values, Type::Map(_, v)) => (Type::List(v.clone()), false),
            // The receiver was accepted, so these cannot happen; `Any` reports nothing more.
            (Returns::Item | Returns::Keys | Returns::Values | Returns::Lambda, _) => {
                (Type::Any, false)
            }
        }
    }
}

/// The builtin function `name`.
pub fn function_named(name: &str) -> Option<&'static BuiltinDef> {
    BUILTINS
        .iter()
        .find(|b| b.name == name && b.form == Form::Function)
}

/// The method `name` of a value of type `ty`.
pub fn method_of(ty: &Type, name: &str) -> Option<&'static BuiltinDef> {
    BUILTINS.iter().find(|b| match b.form {
        Form::Method(receiver, _) => b.name == name && receiver.accepts(ty),
        Form::Function => false,
    })
}

/// The names of the builtin functions, in table order.
pub fn function_names() -> impl Iterator<Item = &'static str> {
    BUILTINS
        .iter()
        .filter(|b| b.form == Form::Function)
        .map(|b| b.name)
}

/// The names of the methods of a value of type `ty`, sorted.
pub fn method_names(ty: &Type) -> Vec<&'static str> {
    let mut names: Vec<&str> = BUILTINS
        .iter()
        .filter(|b| matches!(b.form, Form::Method(r, _) if r.accepts(ty)))
        .map(|b| b.name)
        .collect();
    names.sort_unstable();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    const LANGUAGE: &str = include_str!("../../docs/language.md");

    /// The `name(` of each call in a piece of the docs' table of builtins.
    fn called(text: &str) -> Vec<&str> {
        let mut names: Vec<&str> = text
            .split('`')
            .skip(1)
            .step_by(2)
            .filter_map(|code| code.split_once('(').map(|(name, _)| name))
            .filter(|name| name.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    }

    fn row(start: &str) -> &'static str {
        LANGUAGE
            .lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("docs/language.md has no row `{start}`"))
    }

    #[test]
    fn the_docs_list_every_builtin_method_by_receiver() {
        let methods = row("| methods |");
        let part = |from: &str, to: &str| -> &str {
            let start = methods.find(from).unwrap_or(0);
            let end = methods[start..]
                .find(to)
                .map_or(methods.len(), |e| start + e);
            &methods[start..end]
        };
        let str_list = Type::List(Box::new(Type::Str));
        let map = Type::Map(Box::new(Type::Str), Box::new(Type::Int));
        assert_eq!(called(part("lists:", "strings:")), method_names(&str_list));
        assert_eq!(called(part("strings:", "maps:")), method_names(&Type::Str));
        assert_eq!(called(part("maps:", "\n")), method_names(&map));
    }

    #[test]
    fn the_docs_list_every_builtin_function() {
        let mut names: Vec<&str> = function_names().collect();
        names.sort_unstable();
        assert_eq!(called(row("| functions |")), names);
    }
}
