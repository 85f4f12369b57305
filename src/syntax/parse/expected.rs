//! pest's errors worded for people: grammar rule names in the words a support
//! engineer understands, "expected ..., found ...".

use super::errors;
use crate::diag::Diagnostic;
use crate::source::{FileId, Span};
use crate::syntax::Rule;
use pest::error::{Error, ErrorVariant, InputLocation};

/// The `phs::syntax` diagnostic for a text the grammar refused.
pub fn syntax_error(file: FileId, text: &str, err: &Error<Rule>) -> Diagnostic {
    let (start, end) = match err.location {
        InputLocation::Pos(p) => (p, p),
        InputLocation::Span((s, e)) => (s, e),
    };
    let found = describe_found(text, start);
    let end = if end > start {
        end
    } else {
        start + found_len(text, start)
    };
    let (message, label) = match &err.variant {
        ErrorVariant::ParsingError { positives, .. } => {
            let mut words: Vec<&str> = positives.iter().filter_map(|r| describe(*r)).collect();
            words.sort_unstable();
            words.dedup();
            if words.contains(&"an expression") {
                // What can start an expression is one thing to the reader.
                words.retain(|w| !matches!(*w, "`not`" | "a name" | "a string in double quotes"));
            }
            let expected = join_or(&words);
            if expected.is_empty() {
                (
                    format!("unexpected {found}"),
                    "not expected here".to_string(),
                )
            } else {
                (
                    format!("expected {expected}, found {found}"),
                    format!("expected {expected}"),
                )
            }
        }
        ErrorVariant::CustomError { message } => (message.clone(), String::new()),
    };
    errors::syntax(Span::new(file, start, end), message, label)
}

fn describe_found(text: &str, pos: usize) -> String {
    match text
        .get(pos..)
        .and_then(|rest| rest.split_whitespace().next())
    {
        None => "the end of the file".to_string(),
        Some(word) => {
            let word: String = word.chars().take(24).collect();
            format!("`{word}`")
        }
    }
}

fn found_len(text: &str, pos: usize) -> usize {
    text.get(pos..)
        .and_then(|rest| rest.chars().next())
        .map_or(0, char::len_utf8)
}

fn join_or(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// What to call a grammar rule in "expected ..." messages; `None` hides it.
fn describe(rule: Rule) -> Option<&'static str> {
    use Rule::*;
    Some(match rule {
        EOI => "the end of the file",
        pack_decl | kw_pack => "`pack`",
        kw_version => "`version`",
        extends_clause | kw_extends => "`extends`",
        pack_name => "a pack name such as `contoso.policy`",
        rule_decl | kw_rule | fn_decl | kw_fn | const_decl | kw_const | record_decl | kw_record
        | extend_marker | kw_extend | enum_decl | kw_enum | format_decl | kw_format
        | override_decl | kw_override | disable_decl | kw_disable | retire_decl | kw_retire => {
            "a new item (`rule`, `fn`, `const`, ...)"
        }
        rule_id => "a rule id such as `PHS011`",
        severity | kw_error | kw_warning | kw_info => "a severity (`error`, `warning` or `info`)",
        tag => "a tag name",
        need => "a rule id such as `PHS001`",
        need_at | kw_at => "`at` and the fact the rule's outcome must concern",
        binding => "a binding such as `c in connectors`",
        severity_clause | kw_severity | tags_clause | kw_tags | needs_clause | kw_needs
        | param_clause | param_set | kw_param | for_clause | kw_for | when_clause | kw_when
        | message_clause | kw_message | remediation_clause | kw_remediation | evidence_clause
        | kw_evidence | crosscheck_clause | kw_crosscheck | see_clause | kw_see => {
            "a clause (`when`, `message`, ...) or `}`"
        }
        kw_collect => "`collect`",
        field_decl | field_name => "a field name",
        enum_value => "an enum value",
        type_expr | list_type | map_type | type_name => "a type such as `string` or `list<Domain>`",
        optional_marker => "`?`",
        expr | prefix | primary | term | op_not | op_neg | quantifier | quant_kind | kw_any
        | kw_all | kw_none | kw_count | if_expr | kw_if | call | now | kw_now | list_lit
        | map_lit | boolean | kw_true | kw_false | version_lit | duration_lit | int_lit
        | lambda => "an expression",
        kw_not | negation => "`not`",
        infix | op_or | op_and | op_eq_ci | op_eq | op_ne | op_le | op_ge | op_lt | op_gt
        | op_not_in | op_in | op_sub | op_contains_ci | op_contains | op_starts_with
        | op_ends_with | op_add | op_mul | op_div | op_rem | kw_and | kw_or | kw_contains
        | kw_contains_ci | kw_starts_with | kw_ends_with => "an operator",
        postfix | method_call | field_access | index => "an operator",
        kw_in => "`in`",
        kw_where => "`where`",
        kw_then => "`then`",
        kw_else => "`else`",
        map_entry => "a map entry `key: value`",
        string | string_plain | block_string => "a string in double quotes",
        interpolation => "`{`",
        escape => "an escape such as `\\n`",
        text | block_text | plain_text => "text",
        ident | ident_any => "a name",
        doc_comment | doc_text => "a `///` doc comment",
        keyword => "a keyword",
        file | item | clause | override_clause | fn_param | arg | literal | WHITESPACE
        | COMMENT | name_start | name_char => return None,
    })
}
