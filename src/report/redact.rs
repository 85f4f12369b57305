//! `check --redact`: the names of a customer's systems replaced by stable
//! placeholders in a [`Report`], so that a report can go into a ticket or a forum
//! post in any format.
//!
//! The names are found in the loaded facts, not guessed from text: the fields that
//! hold them are listed by schema record and field name ([`NAME_FIELDS`],
//! [`NAME_KEYS`]), and every occurrence of such a value in the report's messages,
//! remediations, binding labels, titles and disable reasons is replaced, whatever
//! its ASCII case, where it stands as a whole word. Invariants:
//! - The same value (ignoring ASCII case) gets the same placeholder everywhere in a
//!   run, across all its facts files; placeholders of a kind are numbered in order
//!   of first appearance (`<domain-1>`, `<domain-2>`).
//! - A value found under several kinds gets one placeholder, of the first kind in
//!   [`Kind`]'s order (an AD connector named after its forest reads `<domain-1>`).
//! - Longer values win over values inside them (`DiegoS@contoso.com` becomes one
//!   `<account-1>`, not `DiegoS@<domain-1>`).
//! - The facts file's own name is kept: it is the user's label for the report.
//! - Free text is covered too: every DN written inside any string of the facts
//!   (log details, event messages, rule and lineage names) is a name; a domain is
//!   also found as `DC=contoso,DC=com` and as its first label (the usual NetBIOS
//!   name), with the same placeholder; and a host name ending in a known domain
//!   (`dc07.contoso.com`) loses its host part too (`<host>.<domain-1>`).

use super::{Report, RuleText};
use crate::check::schema::Schema;
use crate::check::types::{RecordId, Type};
use crate::value::{Key, Record, Value};
use indexmap::IndexMap;
use std::collections::HashMap;
use std::sync::Arc;

/// What a name names; the word in its placeholder. The order is the precedence
/// when one value is found under several kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Dn,
    Account,
    Tenant,
    Server,
    Domain,
    Connector,
}

impl Kind {
    fn word(self) -> &'static str {
        match self {
            Kind::Dn => "dn",
            Kind::Account => "account",
            Kind::Tenant => "tenant",
            Kind::Server => "server",
            Kind::Domain => "domain",
            Kind::Connector => "connector",
        }
    }
}

/// Fields of the schema that hold names (strings or lists of strings), by record
/// and field name.
pub const NAME_FIELDS: &[(&str, &str, Kind)] = &[
    ("Server", "name", Kind::Server),
    ("Tenant", "name", Kind::Tenant),
    ("Connector", "name", Kind::Connector),
    ("Connector", "password_sync_target", Kind::Connector),
    ("Account", "name", Kind::Account),
    ("Account", "domain", Kind::Domain),
    ("Domain", "name", Kind::Domain),
    ("Domain", "preferred_dcs", Kind::Server),
    ("SyncRule", "connector", Kind::Connector),
    ("Object", "dn", Kind::Dn),
    ("Object", "connector", Kind::Connector),
    ("MvState", "connectors", Kind::Connector),
];

/// Entries of map fields that hold names, by record, field and key.
pub const NAME_KEYS: &[(&str, &str, &str, Kind)] = &[
    ("MvState", "attributes", "displayName", Kind::Account),
    ("MvState", "attributes", "userPrincipalName", Kind::Account),
    ("MvState", "attributes", "sAMAccountName", Kind::Account),
    ("MvState", "attributes", "domainFQDN", Kind::Domain),
    ("MvState", "attributes", "domainNetBios", Kind::Domain),
];

/// The names found in one facts file, in order of appearance.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names {
    pub found: Vec<(Kind, String)>,
}

/// Walk the facts from the root record and gather every name.
pub fn collect_names(schema: &Schema, root: &Record) -> Names {
    let mut names = Names::default();
    walk_record(schema, schema.root(), root, &mut names);
    names
}

fn walk_record(schema: &Schema, id: RecordId, record: &Record, names: &mut Names) {
    let ty = schema.record(id);
    for (field, value) in ty.fields.iter().zip(record.fields.iter()) {
        let kind = NAME_FIELDS
            .iter()
            .find(|(r, f, _)| *r == ty.name && *f == field.name)
            .map(|(_, _, kind)| *kind);
        let keys = |key: &str| {
            NAME_KEYS
                .iter()
                .find(|(r, f, k, _)| *r == ty.name && *f == field.name && *k == key)
                .map(|(_, _, _, kind)| *kind)
        };
        walk_value(schema, &field.ty.ty, value, kind, &keys, names);
    }
}

fn walk_value(
    schema: &Schema,
    ty: &Type,
    value: &Value,
    kind: Option<Kind>,
    keys: &dyn Fn(&str) -> Option<Kind>,
    names: &mut Names,
) {
    match (ty, value) {
        (_, Value::Str(text)) => match kind {
            Some(kind) => add_name(names, kind, text),
            None => {
                for dn in dns_in(text) {
                    add_name(names, Kind::Dn, dn);
                }
            }
        },
        (Type::Record(id), Value::Record(record)) => walk_record(schema, *id, record, names),
        (Type::List(item), Value::List(list)) => {
            for value in &list.items {
                walk_value(schema, item, value, kind, keys, names);
            }
        }
        (Type::Map(_, item), Value::Map(map)) => {
            for (key, value) in &map.entries {
                let kind = match key {
                    Key::Str(key) => keys(key),
                    Key::Enum(_) => None,
                };
                walk_value(schema, item, value, kind, &|_| None, names);
            }
        }
        _ => {}
    }
}

/// Add a name; a DN also gives its first value (a person's or object's name) and
/// the domain its `DC=` parts spell.
fn add_name(names: &mut Names, kind: Kind, text: &str) {
    if text.trim().is_empty() {
        return;
    }
    names.found.push((kind, text.to_string()));
    if kind != Kind::Dn {
        return;
    }
    let parts: Vec<(&str, &str)> = text
        .split(',')
        .filter_map(|rdn| rdn.split_once('='))
        .map(|(attr, value)| (attr.trim(), value.trim()))
        .collect();
    if let Some((_, first)) = parts.first().filter(|(_, value)| !value.is_empty()) {
        names.found.push((Kind::Account, (*first).to_string()));
    }
    let domain: Vec<&str> = parts
        .iter()
        .filter(|(attr, _)| attr.eq_ignore_ascii_case("DC"))
        .map(|(_, value)| *value)
        .collect();
    if !domain.is_empty() {
        names.found.push((Kind::Domain, domain.join(".")));
    }
}

/// The attributes that start a DN written in free text.
const DN_STARTS: [&str; 3] = ["cn=", "ou=", "dc="];

/// The DNs written inside free text (`... for CN=Alex,OU=Sales,DC=contoso,DC=com.`):
/// two or more `attr=value` parts joined by commas, starting with `CN=`, `OU=`
/// or `DC=` at a word boundary.
fn dns_in(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let starts = starts_word(bytes, at)
            && DN_STARTS.iter().any(|s| {
                bytes
                    .get(at..at + s.len())
                    .is_some_and(|here| here.eq_ignore_ascii_case(s.as_bytes()))
            });
        match starts.then(|| dn_end(bytes, at)) {
            Some((end, parts)) if parts >= 2 => {
                found.extend(text.get(at..end));
                at = end.max(at + 1);
            }
            _ => at += 1,
        }
    }
    found
}

/// Where a DN starting at `start` ends, and how many `attr=value` parts it has.
fn dn_end(bytes: &[u8], start: usize) -> (usize, usize) {
    let mut parts = 0;
    let mut at = start;
    loop {
        // `attr=` then a value up to an unescaped comma or a character that ends it.
        let Some(attr_len) = attribute_at(bytes, at) else {
            return (at.saturating_sub(1).max(start), parts);
        };
        let mut end = at + attr_len + 1;
        while let Some(&b) = bytes.get(end) {
            match b {
                b'\\' => end += 2,
                b',' | b'"' | b'\'' | b';' | b')' | b']' | b'>' | b'\n' | b'\r' => break,
                // A sentence's period: `... DC=com. Retry`.
                b'.' if bytes.get(end + 1).map_or(true, |n| n.is_ascii_whitespace()) => break,
                _ => end += 1,
            }
        }
        let end = end.min(bytes.len());
        parts += 1;
        if bytes.get(end) != Some(&b',') {
            return (trim_end(bytes, at, end), parts);
        }
        let mut next = end + 1;
        while bytes.get(next) == Some(&b' ') {
            next += 1;
        }
        if attribute_at(bytes, next).is_none() {
            return (trim_end(bytes, at, end), parts);
        }
        at = next;
    }
}

/// The length of the attribute name of an `attr=` starting at `at`, if one does.
fn attribute_at(bytes: &[u8], at: usize) -> Option<usize> {
    let len = bytes
        .get(at..)
        .unwrap_or(&[])
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    (len > 0 && bytes.get(at + len) == Some(&b'=')).then_some(len)
}

/// The end of a value without trailing spaces and a sentence's final period.
fn trim_end(bytes: &[u8], from: usize, mut end: usize) -> usize {
    while end > from && bytes.get(end - 1).is_some_and(|b| *b == b' ' || *b == b'.') {
        end -= 1;
    }
    end
}

/// Other spellings of a domain name found in the facts: `DC=contoso,DC=com` and
/// the first label (`contoso`, the usual NetBIOS name).
fn domain_spellings(domain: &str) -> Vec<String> {
    let labels: Vec<&str> = domain.split('.').filter(|l| !l.is_empty()).collect();
    if labels.len() < 2 || domain.contains('=') {
        return Vec::new();
    }
    let dn: Vec<String> = labels.iter().map(|l| format!("dc={l}")).collect();
    let mut spellings = vec![dn.join(","), dn.join(", ")];
    if let Some(first) = labels.first().filter(|first| first.len() >= 3) {
        spellings.push((*first).to_string());
    }
    spellings
}

/// The placeholders of one run, ready to replace names in text.
#[derive(Debug, Clone, Default)]
pub struct Redaction {
    /// Lowercase name and its placeholder, longest names first.
    names: Vec<(Vec<u8>, String)>,
    /// Indexes into `names` by the name's first (lowercase) byte.
    by_first_byte: HashMap<u8, Vec<usize>>,
}

impl Redaction {
    /// Placeholders for the names of every facts file of a run, in file order.
    pub fn new<'a>(files: impl IntoIterator<Item = &'a Names>) -> Redaction {
        // Each value once, with the first kind by precedence and its first appearance.
        let mut values: IndexMap<String, Kind> = IndexMap::new();
        for names in files {
            for (kind, text) in &names.found {
                let best = values.entry(text.to_ascii_lowercase()).or_insert(*kind);
                *best = (*best).min(*kind);
            }
        }
        let mut counts: HashMap<Kind, usize> = HashMap::new();
        let mut names: Vec<(Vec<u8>, String)> = Vec::new();
        for (value, kind) in &values {
            let n = counts.entry(*kind).or_insert(0);
            *n += 1;
            let placeholder = format!("<{}-{n}>", kind.word());
            if *kind == Kind::Domain {
                // A spelling found as a value of its own keeps that value's placeholder.
                let spellings = domain_spellings(value).into_iter();
                let new = spellings.filter(|spelling| !values.contains_key(spelling));
                names.extend(new.map(|spelling| (spelling.into_bytes(), placeholder.clone())));
            }
            names.push((value.clone().into_bytes(), placeholder));
        }
        names.sort_by_key(|(value, _)| std::cmp::Reverse(value.len()));
        let mut by_first_byte: HashMap<u8, Vec<usize>> = HashMap::new();
        for (i, (value, _)) in names.iter().enumerate() {
            if let Some(first) = value.first() {
                by_first_byte.entry(*first).or_default().push(i);
            }
        }
        Redaction {
            names,
            by_first_byte,
        }
    }

    /// Replace the names in every text of a report that can hold them.
    pub fn apply(&self, report: &mut Report) {
        // A rule's text is shared by its entries, which come one after the
        // other: it is redacted once, and they share the redacted copy.
        let mut last: Option<(Arc<RuleText>, Arc<RuleText>)> = None;
        for result in &mut report.results {
            let copy = match &last {
                Some((original, copy)) if Arc::ptr_eq(original, &result.about) => Arc::clone(copy),
                _ => {
                    let copy = self.rule_text(&result.about);
                    last = Some((Arc::clone(&result.about), Arc::clone(&copy)));
                    copy
                }
            };
            result.about = copy;
            for text in result
                .message
                .iter_mut()
                .chain(result.remediation.iter_mut())
                .chain(result.evidence.iter_mut())
                .chain(result.crosscheck.iter_mut())
                .chain(result.unknown.iter_mut().filter_map(|u| u.collect.as_mut()))
            {
                *text = self.text(text);
            }
            for binding in &mut result.binding {
                binding.label = self.text(&binding.label).into();
            }
        }
        for disabled in &mut report.disabled {
            disabled.title = self.text(&disabled.title);
            disabled.reason = self.text(&disabled.reason);
        }
    }

    /// A rule's title, changes and links with their names replaced.
    fn rule_text(&self, about: &RuleText) -> Arc<RuleText> {
        let texts = |texts: &[String]| texts.iter().map(|t| self.text(t)).collect();
        Arc::new(RuleText {
            title: self.text(&about.title),
            changes: texts(&about.changes),
            see: texts(&about.see),
            ..about.clone()
        })
    }

    /// `text` with every name that stands as a whole word replaced.
    pub fn text(&self, text: &str) -> String {
        let bytes = text.as_bytes();
        let mut out = String::with_capacity(text.len());
        let mut copied = 0;
        let mut at = 0;
        while at < bytes.len() {
            let Some((len, placeholder)) = self.name_at(bytes, at) else {
                at += 1;
                continue;
            };
            // `dc07.contoso.com`: the host part goes with the domain.
            let host = host_start(bytes, copied, at, placeholder);
            out.push_str(text.get(copied..host).unwrap_or(""));
            if host < at {
                out.push_str("<host>.");
            }
            out.push_str(placeholder);
            at += len;
            copied = at;
        }
        out.push_str(text.get(copied..).unwrap_or(""));
        out
    }

    /// The longest name starting at byte `at` of `text` as a whole word: its length
    /// and placeholder.
    fn name_at(&self, text: &[u8], at: usize) -> Option<(usize, &str)> {
        if !starts_word(text, at) {
            return None;
        }
        let first = text.get(at)?.to_ascii_lowercase();
        let candidates = self.by_first_byte.get(&first)?;
        candidates.iter().find_map(|&i| {
            let (value, placeholder) = self.names.get(i)?;
            let end = at.checked_add(value.len())?;
            let here = text.get(at..end)?;
            let whole = !text.get(end).is_some_and(|b| is_word_byte(*b));
            (whole && here.eq_ignore_ascii_case(value))
                .then_some((value.len(), placeholder.as_str()))
        })
    }
}

/// Where the host labels before a domain at `at` start (`at` when there are none):
/// `dc07.` before `contoso.com`, not past `from`.
fn host_start(text: &[u8], from: usize, at: usize, placeholder: &str) -> usize {
    if !placeholder.starts_with("<domain-") || at == 0 || text.get(at - 1) != Some(&b'.') {
        return at;
    }
    let mut start = at - 1;
    while start > from
        && text
            .get(start - 1)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'.')
    {
        start -= 1;
    }
    if start == at - 1 {
        at
    } else {
        start
    }
}

/// Whether byte `at` starts a word: no byte of a word stands before it.
fn starts_word(bytes: &[u8], at: usize) -> bool {
    !at.checked_sub(1)
        .and_then(|i| bytes.get(i))
        .is_some_and(|b| is_word_byte(*b))
}

/// Bytes that continue a word: a name inside a longer word is not that name.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::OutcomeKind;

    fn names(found: &[(Kind, &str)]) -> Names {
        Names {
            found: found.iter().map(|(k, t)| (*k, (*t).to_string())).collect(),
        }
    }

    #[test]
    fn each_value_gets_one_placeholder_numbered_by_first_appearance() {
        let run = Redaction::new([&names(&[
            (Kind::Connector, "contoso.com"),
            (Kind::Domain, "fabrikam.com"),
            (Kind::Domain, "contoso.com"),
            (Kind::Server, "AADC01"),
        ])]);
        assert_eq!(
            run.text("AADC01 syncs Contoso.com and fabrikam.com; contoso.com again"),
            "<server-1> syncs <domain-1> and <domain-2>; <domain-1> again"
        );
    }

    #[test]
    fn longer_names_win_and_words_are_whole() {
        let run = Redaction::new([&names(&[
            (Kind::Domain, "contoso.com"),
            (Kind::Account, "DiegoS@contoso.com"),
            (Kind::Domain, "CONTOSO"),
        ])]);
        assert_eq!(
            run.text("DiegoS@contoso.com in contoso.com (CONTOSO), not contosos"),
            "<account-1> in <domain-1> (<domain-2>), not contosos"
        );
    }

    #[test]
    fn a_dn_also_redacts_its_name_and_domain() {
        let mut found = Names::default();
        add_name(
            &mut found,
            Kind::Dn,
            "CN=Megan Bowen,OU=Users,DC=fabrikam,DC=com",
        );
        let run = Redaction::new([&found]);
        assert_eq!(
            run.text("CN=Megan Bowen,OU=Users,DC=fabrikam,DC=com is Megan Bowen of fabrikam.com"),
            "<dn-1> is <account-1> of <domain-1>"
        );
    }

    #[test]
    fn dns_in_free_text_and_every_spelling_of_a_domain_are_redacted() {
        let mut found = Names::default();
        for dn in dns_in("Password sync failed for CN=Lee Gu,OU=Sales,DC=fabrikam,DC=com. Retry.") {
            add_name(&mut found, Kind::Dn, dn);
        }
        add_name(&mut found, Kind::Domain, "contoso.com");
        let run = Redaction::new([&found]);
        assert_eq!(
            run.text("for CN=Lee Gu,OU=Sales,DC=fabrikam,DC=com. Lee Gu of DC=contoso,DC=com on dc07.contoso.com as CONTOSO\\MSOL_1"),
            "for <dn-1>. <account-1> of <domain-2> on <host>.<domain-2> as <domain-2>\\MSOL_1"
        );
        assert!(dns_in("cn=only-one, and more").is_empty());
    }

    #[test]
    fn a_first_label_shared_by_two_domains_reads_as_the_first_domain() {
        let run = Redaction::new([&names(&[
            (Kind::Domain, "contoso.com"),
            (Kind::Domain, "contoso.org"),
        ])]);
        assert_eq!(
            run.text("CONTOSO\\MSOL_1 of contoso.org and DC=contoso,DC=org"),
            "<domain-1>\\MSOL_1 of <domain-2> and <domain-2>"
        );
    }

    #[test]
    fn text_without_names_is_unchanged_and_non_ascii_is_kept() {
        let run = Redaction::new([&names(&[(Kind::Server, "é-srv")])]);
        assert_eq!(run.text("héllo é-srv ü"), "héllo <server-1> ü");
        assert_eq!(Redaction::default().text("plain"), "plain");
    }

    #[test]
    fn a_rules_text_is_redacted_once_and_still_shared_by_its_entries() {
        use crate::report::fixtures::{report, result};
        let run = Redaction::new([&names(&[(Kind::Connector, "contoso.com")])]);
        let mut first = result("ORG001", OutcomeKind::Passed, vec![]);
        let about = Arc::make_mut(&mut first.about);
        about.title = "Heartbeats of contoso.com".into();
        about.changes = vec!["severity for contoso.com by the Contoso team".into()];
        about.see = vec!["https://wiki/contoso.com".into()];
        let second = first.clone();
        let other = result("ORG002", OutcomeKind::Passed, vec![]);
        let mut report = report(vec![first, second, other]);
        run.apply(&mut report);
        let [a, b, c] = &report.results[..] else {
            panic!("three entries: {:?}", report.results);
        };
        assert_eq!(a.about.title, "Heartbeats of <connector-1>");
        assert_eq!(
            a.about.changes,
            ["severity for <connector-1> by the Contoso team"]
        );
        assert_eq!(a.about.see, ["https://wiki/<connector-1>"]);
        assert!(
            Arc::ptr_eq(&a.about, &b.about),
            "one redacted copy per rule"
        );
        assert_eq!(
            (c.about.id.as_str(), c.about.title.as_str()),
            ("ORG002", "Title of ORG002")
        );
    }

    #[test]
    fn evidence_and_crosscheck_are_redacted_too() {
        let run = Redaction::new([&names(&[(Kind::Connector, "contoso.com")])]);
        let mut result = crate::report::fixtures::result("PHS011", OutcomeKind::Passed, vec![]);
        result.evidence = Some("newest heartbeat of contoso.com at 13:31".into());
        result.crosscheck =
            Some("Invoke-ADSyncDiagnostics -PasswordSync -ADConnectorName 'contoso.com'".into());
        let mut report = crate::report::fixtures::report(vec![result]);
        run.apply(&mut report);
        let redacted = report.results.first();
        assert_eq!(
            redacted.and_then(|r| r.evidence.as_deref()),
            Some("newest heartbeat of <connector-1> at 13:31")
        );
        assert_eq!(
            redacted.and_then(|r| r.crosscheck.as_deref()),
            Some("Invoke-ADSyncDiagnostics -PasswordSync -ADConnectorName '<connector-1>'")
        );
    }
}
