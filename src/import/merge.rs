//! The one merge of every source of an import: the configuration export, the
//! event exports and a base facts file, each a partial facts document (a layer).
//!
//! A fact that only one layer gives is taken from it. A fact that two layers give
//! must agree (times as instants, GUIDs in any form, host, domain and enum names in
//! any case, rights and OUs in any order); where they differ the merge fails and
//! names both layers, the path and both values. Lists of named records
//! (`connectors`, `domains`, `domain_controllers`, `sync_rules`, `objects`) merge
//! item by item; `events` are the union of what every layer read. `collected_at`
//! and `events_since` are not merged here: `import` decides them.

use super::export::normalize_guid;
use chrono::DateTime;
use serde_yaml::{Mapping, Value};

/// One source of facts.
#[derive(Debug, Clone)]
pub struct Layer {
    /// How messages name it: ``the configuration export `export/` ``.
    pub source: String,
    pub facts: Value,
}

/// Two layers that give one fact different values.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// `connectors[contoso.com].password_sync`.
    pub path: String,
    pub first: (String, String),
    pub second: (String, String),
}

/// Keys decided outside the merge.
const DECIDED_LATER: &[&str] = &["collected_at", "events_since"];

/// Merge the layers, earlier ones first in the result's order.
pub fn merge(layers: &[Layer]) -> Result<Value, Vec<Conflict>> {
    let mut conflicts = Vec::new();
    let top = Context::default();
    for (i, a) in layers.iter().enumerate() {
        for b in layers.iter().skip(i + 1) {
            compare(&a.facts, &b.facts, &top, &mut |path, va, vb| {
                conflicts.push(Conflict {
                    path,
                    first: (a.source.clone(), show(va)),
                    second: (b.source.clone(), show(vb)),
                })
            });
        }
    }
    if !conflicts.is_empty() {
        return Err(conflicts);
    }
    let mut merged = Value::Mapping(Mapping::new());
    for layer in layers {
        merged = union(merged, layer.facts.clone(), None);
    }
    Ok(merged)
}

/// Where a value sits: its path for messages, its key and its parent's key. The
/// default is the top of the document.
#[derive(Clone, Default)]
struct Context {
    path: String,
    key: Option<String>,
    parent: Option<String>,
}

impl Context {
    fn field(&self, key: &str) -> Context {
        let path = if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        };
        Context {
            path,
            key: Some(key.to_string()),
            parent: self.key.clone(),
        }
    }

    fn item(&self, name: &str) -> Context {
        Context {
            path: format!("{}[{}]", self.path, name.escape_debug()),
            key: self.key.clone(),
            parent: self.parent.clone(),
        }
    }
}

/// The key that names the items of a list of records, and whether it ignores case.
fn item_key(list: Option<&str>) -> Option<(&'static str, bool)> {
    match list? {
        "connectors" | "sync_rules" => Some(("name", false)),
        "domains" | "domain_controllers" => Some(("name", true)),
        "objects" => Some(("dn", true)),
        _ => None,
    }
}

fn item_name<'v>(item: &'v Value, key: &str) -> Option<&'v str> {
    item.get(key)?.as_str()
}

fn same_name(a: &str, b: &str, ignore_case: bool) -> bool {
    if ignore_case {
        a.eq_ignore_ascii_case(b)
    } else {
        a == b
    }
}

fn compare(a: &Value, b: &Value, at: &Context, conflict: &mut dyn FnMut(String, &Value, &Value)) {
    match (a, b, item_key(at.key.as_deref())) {
        (Value::Null, _, _) | (_, Value::Null, _) => {}
        (Value::Mapping(ma), Value::Mapping(mb), _) => {
            for (k, va) in ma {
                let Some(key) = k.as_str() else { continue };
                if at.path.is_empty() && (DECIDED_LATER.contains(&key) || key == "events") {
                    continue;
                }
                if let Some(vb) = mb.get(k) {
                    compare(va, vb, &at.field(key), conflict);
                }
            }
        }
        (Value::Sequence(la), Value::Sequence(lb), Some((key, ignore_case))) => {
            for ia in la {
                let Some(name) = item_name(ia, key) else {
                    continue;
                };
                let found = lb
                    .iter()
                    .find(|ib| item_name(ib, key).is_some_and(|n| same_name(n, name, ignore_case)));
                if let Some(ib) = found {
                    compare(ia, ib, &at.item(name), conflict);
                }
            }
        }
        _ if !same_value(a, b, at) => conflict(at.path.clone(), a, b),
        _ => {}
    }
}

/// Keys whose string values are compared ignoring case.
fn ignores_case(at: &Context) -> bool {
    match at.key.as_deref() {
        Some("kind" | "direction" | "level" | "status" | "netbios" | "domain") => true,
        Some("name") => matches!(
            at.parent.as_deref(),
            Some("server" | "domains" | "domain_controllers" | "tenant")
        ),
        Some("permissions" | "included_ous" | "excluded_ous" | "preferred_dcs" | "dn") => true,
        _ => false,
    }
}

/// Lists compared as sets.
fn is_set(at: &Context) -> bool {
    matches!(
        at.key.as_deref(),
        Some("permissions" | "included_ous" | "excluded_ous")
    )
}

fn same_value(a: &Value, b: &Value, at: &Context) -> bool {
    match (a, b) {
        (Value::String(x), Value::String(y)) => same_text(x, y, at),
        (Value::Sequence(x), Value::Sequence(y)) => {
            let texts = |l: &[Value]| -> Option<Vec<String>> {
                l.iter()
                    .map(|v| v.as_str().map(|s| s.trim().to_lowercase()))
                    .collect()
            };
            match (texts(x), texts(y)) {
                (Some(mut tx), Some(mut ty)) if ignores_case(at) => {
                    if is_set(at) {
                        tx.sort();
                        tx.dedup();
                        ty.sort();
                        ty.dedup();
                    }
                    tx == ty
                }
                _ => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_value(p, q, at)),
            }
        }
        _ => a == b,
    }
}

fn same_text(x: &str, y: &str, at: &Context) -> bool {
    if x == y {
        return true;
    }
    if let (Ok(tx), Ok(ty)) = (
        DateTime::parse_from_rfc3339(x),
        DateTime::parse_from_rfc3339(y),
    ) {
        return tx == ty;
    }
    match at.key.as_deref() {
        Some("id") => normalize_guid(x).is_some_and(|g| Some(g) == normalize_guid(y)),
        // A sync rule's connector may be written as its name or its id.
        Some("connector") if at.parent.as_deref() == Some("sync_rules") => {
            normalize_guid(x).is_some() != normalize_guid(y).is_some()
                || normalize_guid(x).is_some_and(|g| Some(g) == normalize_guid(y))
        }
        _ if ignores_case(at) => x.trim().eq_ignore_ascii_case(y.trim()),
        _ => false,
    }
}

/// A value as a message shows it: JSON, control characters escaped, clipped.
pub fn show(v: &Value) -> String {
    let text = serde_json::to_string(v).unwrap_or_else(|_| "?".to_string());
    match text.char_indices().nth(120) {
        Some((cut, _)) => format!("{}...", text.get(..cut).unwrap_or("")),
        None => text,
    }
}

/// `b` added to `a`: `a`'s values and order kept, what only `b` gives added.
fn union(a: Value, b: Value, key: Option<&str>) -> Value {
    match (a, b, item_key(key)) {
        (Value::Null, b, _) => b,
        (a, Value::Null, _) => a,
        (Value::Mapping(mut ma), Value::Mapping(mb), _) => {
            for (k, vb) in mb {
                let merged = match ma.remove(&k) {
                    Some(va) => union(va, vb, k.as_str()),
                    None => vb,
                };
                ma.insert(k, merged);
            }
            Value::Mapping(ma)
        }
        (Value::Sequence(mut la), Value::Sequence(lb), _) if key == Some("events") => {
            for e in lb {
                if !la.contains(&e) {
                    la.push(e);
                }
            }
            Value::Sequence(la)
        }
        (Value::Sequence(mut out), Value::Sequence(lb), Some((name_key, ignore_case))) => {
            for ib in lb {
                let same = item_name(&ib, name_key).and_then(|n| {
                    out.iter_mut().find(|ia| {
                        item_name(ia, name_key).is_some_and(|m| same_name(m, n, ignore_case))
                    })
                });
                match same {
                    Some(slot) => {
                        let ia = std::mem::replace(slot, Value::Null);
                        *slot = union(ia, ib, None);
                    }
                    None => out.push(ib),
                }
            }
            Value::Sequence(out)
        }
        (a, _, _) => a,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer(source: &str, yaml: &str) -> Layer {
        Layer {
            source: source.to_string(),
            facts: serde_yaml::from_str(yaml).unwrap(),
        }
    }

    #[test]
    fn each_layer_fills_what_the_others_do_not_say() {
        let merged = merge(&[
            layer("export", "tenant: { name: contoso.onmicrosoft.com }\nconnectors: [ { name: a, kind: ad, domains: [ { name: contoso.com, only_use_preferred_dcs: false } ] } ]"),
            layer("base", "tenant: { name: CONTOSO.onmicrosoft.com, password_hash_sync: true }\nconnectors: [ { name: b }, { name: a, kind: AD, domains: [ { name: Contoso.com, reachable: true } ] } ]"),
        ])
        .unwrap();
        let expected: Value = serde_yaml::from_str(
            "tenant: { name: contoso.onmicrosoft.com, password_hash_sync: true }\n\
             connectors: [ { name: a, kind: ad, domains: [ { name: contoso.com, only_use_preferred_dcs: false, reachable: true } ] }, { name: b } ]",
        )
        .unwrap();
        assert_eq!(merged, expected);
    }

    #[test]
    fn two_values_for_one_fact_name_both_sources() {
        let conflicts = merge(&[
            layer(
                "the export",
                "connectors: [ { name: a, password_sync: false } ]",
            ),
            layer(
                "the base file",
                "connectors: [ { name: a, password_sync: true } ]",
            ),
        ])
        .unwrap_err();
        assert_eq!(
            conflicts,
            vec![Conflict {
                path: "connectors[a].password_sync".into(),
                first: ("the export".into(), "false".into()),
                second: ("the base file".into(), "true".into()),
            }]
        );
    }

    #[test]
    fn equal_facts_in_other_spellings_agree() {
        let merged = merge(&[
            layer("x", "connectors: [ { name: a, id: ae4db4cc-b16b-4eb2-acf5-837ca84e4d7d, domains: [ { name: c.com, permissions: [Replicate Directory Changes, Replicate Directory Changes All] } ] } ]"),
            layer("y", "connectors: [ { name: a, id: '{AE4DB4CC-B16B-4EB2-ACF5-837CA84E4D7D}', domains: [ { name: c.com, permissions: [replicate directory changes all, Replicate Directory Changes] } ] } ]"),
        ]);
        assert!(merged.is_ok(), "{merged:?}");
    }

    #[test]
    fn events_are_the_union_of_every_layer() {
        let e1 = "{ id: 654, source: Directory Synchronization, level: information, time: '2026-11-24T13:31:00Z', message: a }";
        let e2 = "{ id: 611, source: Directory Synchronization, level: error, time: '2026-11-24T13:00:00Z', message: b }";
        let merged = merge(&[
            layer("events", &format!("events: [ {e1} ]")),
            layer("base", &format!("events: [ {e2}, {e1} ]")),
        ])
        .unwrap();
        assert_eq!(merged["events"].as_sequence().unwrap().len(), 2);
    }
}
