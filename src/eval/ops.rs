//! Operations on known values: equality, order, arithmetic, string tests.
//!
//! The checker has excluded ill-typed operations; a mismatch that still reaches here
//! (only through `Type::Any`) compares as unequal rather than failing.

use super::EvalError;
use crate::check::program::{Arith, Compare, StrTest};
use crate::value::{compare_versions, Value};
use chrono::TimeDelta;
use std::cmp::Ordering;
use std::sync::Arc;

/// Equality of two known scalar values.
pub fn equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Int(x), Value::Int(y)) | (Value::Duration(x), Value::Duration(y)) => x == y,
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::Time(x), Value::Time(y)) => x == y,
        (Value::Version(x), Value::Version(y)) => compare_versions(x, y).is_eq(),
        (Value::Enum(x), Value::Enum(y)) => x == y,
        _ => false,
    }
}

/// Order of two known values of an ordered type.
pub fn order(a: &Value, b: &Value) -> Option<Ordering> {
    Some(match (a, b) {
        (Value::Int(x), Value::Int(y)) | (Value::Duration(x), Value::Duration(y)) => x.cmp(y),
        (Value::Str(x), Value::Str(y)) => x.cmp(y),
        (Value::Time(x), Value::Time(y)) => x.cmp(y),
        (Value::Version(x), Value::Version(y)) => compare_versions(x, y),
        _ => return None,
    })
}

pub fn compare(op: Compare, a: &Value, b: &Value) -> bool {
    let ordered = |holds: fn(Ordering) -> bool| order(a, b).is_some_and(holds);
    match op {
        Compare::Eq => equal(a, b),
        Compare::Ne => !equal(a, b),
        Compare::Lt => ordered(Ordering::is_lt),
        Compare::Le => ordered(Ordering::is_le),
        Compare::Gt => ordered(Ordering::is_gt),
        Compare::Ge => ordered(Ordering::is_ge),
    }
}

pub fn string_test(test: StrTest, a: &str, b: &str) -> bool {
    match test {
        StrTest::Contains => a.contains(b),
        StrTest::ContainsCi => contains_ignore_case(a, b),
        StrTest::StartsWith => a.starts_with(b),
        StrTest::EndsWith => a.ends_with(b),
        StrTest::EqCi => {
            if a.is_ascii() && b.is_ascii() {
                a.eq_ignore_ascii_case(b)
            } else {
                a.to_lowercase() == b.to_lowercase()
            }
        }
    }
}

/// `haystack` contains `needle`, ignoring case; without allocating for ASCII text
/// (event messages and GUIDs), which is the hot path of the heartbeat rules.
fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    if haystack.is_ascii() && needle.is_ascii() {
        let (h, n) = (haystack.as_bytes(), needle.as_bytes());
        return n.is_empty() || h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n));
    }
    haystack.to_lowercase().contains(&needle.to_lowercase())
}

/// The result of a checked operation, or the error naming `what` overflowed.
pub(super) fn in_range<T>(result: Option<T>, what: &str) -> Result<T, EvalError> {
    result.ok_or_else(|| EvalError::new(format!("{what} is out of range")))
}

fn delta(seconds: i64) -> Result<TimeDelta, EvalError> {
    in_range(TimeDelta::try_seconds(seconds), "the duration")
}

pub fn arithmetic(op: Arith, a: &Value, b: &Value) -> Result<Value, EvalError> {
    use Value::*;
    let v = match (op, a, b) {
        (Arith::Add, Int(x), Int(y)) => Int(in_range(x.checked_add(*y), "the sum")?),
        (Arith::Sub, Int(x), Int(y)) => Int(in_range(x.checked_sub(*y), "the difference")?),
        (Arith::Mul, Int(x), Int(y)) => Int(in_range(x.checked_mul(*y), "the product")?),
        (Arith::Div, Int(_), Int(0))
        | (Arith::Rem, Int(_), Int(0))
        | (Arith::Div, Duration(_), Int(0)) => {
            return Err(EvalError::new("division by zero".to_string()))
        }
        (Arith::Div, Int(x), Int(y)) => Int(in_range(x.checked_div(*y), "the quotient")?),
        (Arith::Rem, Int(x), Int(y)) => Int(in_range(x.checked_rem(*y), "the remainder")?),
        (Arith::Add, Str(x), Str(y)) => Str(Arc::from(format!("{x}{y}"))),
        (Arith::Add, Time(t), Duration(d)) | (Arith::Add, Duration(d), Time(t)) => {
            Time(in_range(t.checked_add_signed(delta(*d)?), "the timestamp")?)
        }
        (Arith::Sub, Time(t), Duration(d)) => {
            Time(in_range(t.checked_sub_signed(delta(*d)?), "the timestamp")?)
        }
        (Arith::Sub, Time(x), Time(y)) => Duration(x.signed_duration_since(*y).num_seconds()),
        (Arith::Add, Duration(x), Duration(y)) => {
            Duration(in_range(x.checked_add(*y), "the duration")?)
        }
        (Arith::Sub, Duration(x), Duration(y)) => {
            Duration(in_range(x.checked_sub(*y), "the duration")?)
        }
        (Arith::Mul, Duration(d), Int(n)) | (Arith::Mul, Int(n), Duration(d)) => {
            Duration(in_range(d.checked_mul(*n), "the duration")?)
        }
        (Arith::Div, Duration(d), Int(n)) => Duration(in_range(d.checked_div(*n), "the duration")?),
        _ => {
            return Err(EvalError::new(
                "an operation on values of the wrong kinds".to_string(),
            ))
        }
    };
    Ok(v)
}

/// `text` as a PowerShell single-quoted literal, in which nothing is expanded: the
/// quote characters PowerShell accepts as `'` (also U+2018–U+201B) are doubled.
pub fn ps_quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('\'');
    for ch in text.chars() {
        if matches!(ch, '\'' | '\u{2018}'..='\u{201B}') {
            out.push(ch);
        }
        out.push(ch);
    }
    out.push('\'');
    out
}

/// `dn` is `container` or an object below it (`CN=a,OU=Sales,DC=contoso,DC=com`
/// is under `OU=Sales,DC=contoso,DC=com`), compared RDN by RDN, ignoring case and
/// the spaces around `=` and `,`.
pub fn dn_under(dn: &str, container: &str) -> bool {
    let norm = |s: &str| -> Vec<String> {
        split_dn(s)
            .map(|rdn| match rdn.split_once('=') {
                Some((a, v)) => format!("{}={}", a.trim(), v.trim()).to_lowercase(),
                None => rdn.trim().to_lowercase(),
            })
            .collect()
    };
    let (dn, container) = (norm(dn), norm(container));
    !container.is_empty() && dn.len() >= container.len() && dn.ends_with(&container)
}

/// The domain a distinguished name names: `CN=x,OU=y,DC=contoso,DC=com` → `contoso.com`.
pub fn dn_domain(dn: &str) -> String {
    split_dn(dn)
        .filter_map(|rdn| {
            let (attr, value) = rdn.split_once('=')?;
            attr.trim()
                .eq_ignore_ascii_case("DC")
                .then(|| value.trim().to_string())
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// Split a DN at unescaped commas.
fn split_dn(dn: &str) -> impl Iterator<Item = &str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (i, ch) in dn.char_indices() {
        match ch {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            ',' => {
                parts.push(dn.get(start..i).unwrap_or(""));
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(dn.get(start..).unwrap_or(""));
    parts.into_iter()
}

#[cfg(test)]
mod tests {
    #[test]
    fn ps_quote_doubles_every_quote_powershell_accepts() {
        assert_eq!(super::ps_quote("contoso.com"), "'contoso.com'");
        assert_eq!(super::ps_quote("it's $(rm)"), "'it''s $(rm)'");
        assert_eq!(super::ps_quote("a\u{2019}b"), "'a\u{2019}\u{2019}b'");
    }

    use super::*;

    #[test]
    fn case_insensitive_containment_handles_ascii_and_unicode() {
        assert!(contains_ignore_case(
            "Heartbeat for 9D2C1C57-AB",
            "9d2c1c57-ab"
        ));
        assert!(!contains_ignore_case("abc", "abcd"));
        assert!(contains_ignore_case("anything", ""));
        assert!(contains_ignore_case("Connecteur ÉCOLE", "école"));
    }

    #[test]
    fn dn_domain_reads_the_dc_components() {
        assert_eq!(
            dn_domain("CN=Alex Wilber,OU=Sales,DC=contoso,DC=com"),
            "contoso.com"
        );
        assert_eq!(
            dn_domain("CN=Smith\\, John,OU=EMEA,DC=emea,DC=contoso,DC=com"),
            "emea.contoso.com"
        );
        assert_eq!(dn_domain("cn=x,dc=Fabrikam,dc=local"), "Fabrikam.local");
        assert_eq!(dn_domain("CN=NoDomain"), "");
    }

    #[test]
    fn timestamp_overflow_is_an_error_not_a_panic() {
        let t = chrono::DateTime::parse_from_rfc3339("2026-11-24T14:00:00Z").map(Value::Time);
        let Ok(t) = t else { return };
        let big = Value::Duration(i64::MAX / 1000);
        assert!(arithmetic(Arith::Sub, &t, &big).is_err());
        assert!(arithmetic(Arith::Div, &Value::Int(1), &Value::Int(0)).is_err());
        assert!(arithmetic(Arith::Mul, &Value::Int(i64::MAX), &Value::Int(2)).is_err());
    }
}
