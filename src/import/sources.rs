//! The event sources the loaded rules look at, read from the checked program:
//! every string that an `Event`'s `source` is compared with (`==`, `==~`, `!=`,
//! `in [...]`, also through a constant). Events of other sources are not written.

use crate::check::program::{Compare, Expr, ExprKind, StrTest};
use crate::check::Program;
use crate::value::Value;

/// The source every builtin event rule reads; always included, so that a pack
/// that names none still gets the password sync channel's events.
pub const DIRECTORY_SYNCHRONIZATION: &str = "Directory Synchronization";

/// The event sources the program's rules, helpers and constants name, sorted,
/// each once (ignoring case), `Directory Synchronization` among them.
pub fn event_sources(program: &Program) -> Vec<String> {
    let schema = &program.schema;
    let Some(source_field) = schema
        .find_record("Event")
        .and_then(|r| schema.find_field(r, "source").map(|f| (r, f)))
    else {
        return vec![DIRECTORY_SYNCHRONIZATION.to_string()];
    };
    let is_source = |e: &Expr| matches!(e.kind, ExprKind::Field { record, field, .. } if (record, field) == source_field);
    let mut found = vec![DIRECTORY_SYNCHRONIZATION.to_string()];
    let mut visit = |e: &Expr| {
        let (a, b) = match &e.kind {
            ExprKind::Compare(Compare::Eq | Compare::Ne, a, b)
            | ExprKind::StrTest(StrTest::EqCi, a, b)
            | ExprKind::In {
                elem: a, coll: b, ..
            } => (a.as_ref(), b.as_ref()),
            _ => return,
        };
        for (field, other) in [(a, b), (b, a)] {
            if is_source(field) {
                strings_of(other, &program.consts, &mut found);
            }
        }
    };
    for rule in &program.rules {
        rule.when.walk(&mut visit);
        if let Some(f) = &rule.filter {
            f.walk(&mut visit);
        }
        for b in &rule.bindings {
            b.source.walk(&mut visit);
        }
    }
    for f in &program.functions {
        f.body.walk(&mut visit);
    }
    for c in &program.consts {
        c.walk(&mut visit);
    }
    found.sort_by_key(|s| s.to_lowercase());
    found.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
    found
}

/// The string literals of an expression that is a literal, a list of them, or a
/// constant holding either.
fn strings_of(e: &Expr, consts: &[Expr], out: &mut Vec<String>) {
    match &e.kind {
        ExprKind::Lit(Value::Str(s)) => out.push(s.to_string()),
        ExprKind::Lit(Value::List(list)) => {
            for item in list.items.iter() {
                if let Value::Str(s) = item {
                    out.push(s.to_string());
                }
            }
        }
        ExprKind::List(items) => items.iter().for_each(|i| strings_of(i, consts, out)),
        ExprKind::Const(i) => {
            if let Some(c) = consts.get(i.0) {
                strings_of(c, consts, out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::load::{load_rules, RuleSources};
    use crate::source::Sources;

    #[test]
    fn the_builtin_rules_read_directory_synchronization_only() {
        let mut sources = Sources::new();
        let loaded = load_rules(&mut sources, &RuleSources::builtin_only())
            .map_err(|f| f.diags)
            .unwrap();
        assert_eq!(event_sources(&loaded.program), [DIRECTORY_SYNCHRONIZATION]);
    }
}
