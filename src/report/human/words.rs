//! Cutting prose into the words that wrapping may put on separate lines. A
//! distinguished name (`CN=Alex Wilber,OU=Sales,DC=contoso,DC=com`, spaces and
//! all) and a code span (`` `Test-NetConnection DC01 -Port 389` ``) are one word
//! each: they must paste as they are.

/// The attribute types that start a relative distinguished name in AD.
const RDN_TYPES: [&str; 9] = ["CN", "OU", "DC", "O", "L", "ST", "C", "STREET", "UID"];

/// The longest value of one RDN that is looked for (AD allows 64 characters for
/// a CN; the rest is margin). Bounds the work per candidate.
const MAX_RDN_VALUE: usize = 256;

/// The words of one line of prose, separated by whitespace outside DNs and code
/// spans.
pub fn words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let rest = text.get(at..).unwrap_or("");
        at += rest.len() - rest.trim_start().len();
        if at >= text.len() {
            break;
        }
        let start = at;
        while let Some(c) = text.get(at..).and_then(|r| r.chars().next()) {
            if c.is_whitespace() {
                break;
            }
            at += unbreakable_len(text, at, start).unwrap_or(c.len_utf8());
        }
        out.extend(text.get(start..at));
    }
    out
}

/// The length of a code span or a DN that starts at byte `at`, if one does. A DN
/// starts a word or follows punctuation (`"CN=...`, `(CN=...`).
fn unbreakable_len(text: &str, at: usize, word_start: usize) -> Option<usize> {
    let rest = text.get(at..)?;
    if let Some(code) = rest.strip_prefix('`') {
        return code.find('`').map(|end| end + 2);
    }
    let before = text.get(word_start..at)?.chars().next_back();
    if before.is_some_and(char::is_alphanumeric) {
        return None;
    }
    dn_len(rest)
}

/// The length of a DN of at least two RDNs at the start of `text`. Each RDN but
/// the last runs to a `,` that another RDN follows, so a value may hold spaces
/// (`CN=Alex Wilber,OU=...`); the last value ends at whitespace.
pub fn dn_len(text: &str) -> Option<usize> {
    let mut at = 0;
    let mut rdns = 0;
    loop {
        let value = at + rdn_type_len(text.get(at..)?)?;
        match next_rdn(text, value) {
            Some(comma) => {
                rdns += 1;
                at = comma + 1;
            }
            None if rdns == 0 => return None,
            None => {
                let last = text.get(value..)?;
                let end = last.find(char::is_whitespace).unwrap_or(last.len());
                return (end > 0).then_some(value + end);
            }
        }
    }
}

/// `CN=` and the like, in any case: the length through the `=`.
fn rdn_type_len(text: &str) -> Option<usize> {
    let (eq, _) = text.char_indices().take(8).find(|(_, c)| *c == '=')?;
    let name = text.get(..eq)?;
    RDN_TYPES
        .iter()
        .any(|t| t.eq_ignore_ascii_case(name))
        .then_some(eq + 1)
}

/// The `,` ending the RDN value that starts at `value`, if another RDN follows it
/// directly; escaped commas (`\,`) belong to the value.
fn next_rdn(text: &str, value: usize) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in text.get(value..)?.char_indices().take(MAX_RDN_VALUE) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            ',' => {
                let after = text.get(value + i + 1..)?;
                return rdn_type_len(after).map(|_| value + i);
            }
            '\n' | '"' | '(' | ')' | ';' | '<' | '>' | '`' => return None,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dn_with_spaces_is_one_word() {
        assert_eq!(
            words(
                "The result for CN=Pradeep Gupta,OU=Users,DC=apac,DC=contoso,DC=com (at 10:00) is"
            ),
            [
                "The",
                "result",
                "for",
                "CN=Pradeep Gupta,OU=Users,DC=apac,DC=contoso,DC=com",
                "(at",
                "10:00)",
                "is"
            ]
        );
    }

    #[test]
    fn punctuation_around_a_dn_stays_with_it() {
        assert_eq!(
            words("(\"CN=Conor O'Brien,OU=Sales,DC=contoso,DC=com\"), then"),
            ["(\"CN=Conor O'Brien,OU=Sales,DC=contoso,DC=com\"),", "then"]
        );
        assert_eq!(
            words("root DC=apac,DC=contoso,DC=com itself:"),
            ["root", "DC=apac,DC=contoso,DC=com", "itself:"]
        );
    }

    #[test]
    fn a_comma_and_a_space_end_a_dn() {
        assert_eq!(
            words("CN=Alex Wilber has a value, OU=Sales later"),
            ["CN=Alex", "Wilber", "has", "a", "value,", "OU=Sales", "later"]
        );
    }

    #[test]
    fn escaped_commas_belong_to_the_value() {
        assert_eq!(
            words("see CN=Wilber\\, Alex,OU=Sales,DC=contoso,DC=com now"),
            ["see", "CN=Wilber\\, Alex,OU=Sales,DC=contoso,DC=com", "now"]
        );
    }

    #[test]
    fn a_code_span_is_one_word() {
        assert_eq!(
            words("test it (`Test-NetConnection DC01 -Port 389`) now"),
            ["test", "it", "(`Test-NetConnection DC01 -Port 389`)", "now"]
        );
        assert_eq!(words("an ` unclosed tick"), ["an", "`", "unclosed", "tick"]);
    }

    #[test]
    fn things_that_look_a_little_like_dns_are_plain_words() {
        assert_eq!(
            words("x=1,y=2 and ABCN=a,DC=b"),
            ["x=1,y=2", "and", "ABCN=a,DC=b"]
        );
        assert_eq!(dn_len("CN=Alex Wilber"), None);
        assert_eq!(dn_len("OU=Sales,DC=contoso,DC=com"), Some(26));
    }

    #[test]
    fn many_rdn_types_without_values_end_quickly() {
        let text = "CN=".repeat(10_000);
        assert_eq!(words(&text).len(), 1);
    }
}
