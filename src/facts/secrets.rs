//! Keys that would carry secrets, which a facts file must never hold.
//!
//! phsrule needs only yes/no facts about credentials ("the password was accepted",
//! "password hash sync is on"), never a password, a hash or a token. A key that is
//! named like one is refused wherever it appears, even where extra keys are allowed,
//! so a collector that dumps too much fails loudly instead of spreading secrets into
//! reports and tickets. Fields the schema declares are never checked here.

/// Endings (and whole names) of keys that hold secrets, lowercase.
pub(crate) const SECRET_SUFFIXES: [&str; 10] = [
    "password",
    "hash",
    "password_hash",
    "nt_hash",
    "nthash",
    "secret",
    "credential",
    "credentials",
    "token",
    "key_material",
];

/// Whether a key not declared by the schema is named like a secret.
pub(crate) fn is_secret_key(key: &str) -> bool {
    if key.is_ascii() {
        SECRET_SUFFIXES
            .iter()
            .any(|suffix| ends_with_ignore_ascii_case(key, suffix))
    } else {
        let lower = key.to_lowercase();
        SECRET_SUFFIXES.iter().any(|suffix| lower.ends_with(suffix))
    }
}

fn ends_with_ignore_ascii_case(text: &str, suffix: &str) -> bool {
    text.len()
        .checked_sub(suffix.len())
        .and_then(|start| text.as_bytes().get(start..))
        .is_some_and(|tail| tail.eq_ignore_ascii_case(suffix.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_names_and_endings_are_caught_in_any_case() {
        for key in [
            "password",
            "Password",
            "admin_password",
            "NTHash",
            "nt_hash",
            "client_secret",
            "Credentials",
            "refresh_token",
            "key_material",
            "ÜBER_PASSWORD",
        ] {
            assert!(is_secret_key(key), "{key}");
        }
    }

    #[test]
    fn names_that_only_mention_a_secret_pass() {
        for key in [
            "password_sync",
            "credentials_valid",
            "password_hash_sync",
            "tokens_issued",
            "hash_algorithm",
            "",
            "é",
        ] {
            assert!(!is_secret_key(key), "{key}");
        }
    }
}
