//! An [`Export`] as a facts document (a `serde_yaml` mapping whose keys follow
//! `docs/facts-format.md`), and the merge of it over a base facts file.

use super::export::{Connector, Export, Kind, SyncRule};
use chrono::{SecondsFormat, TimeZone, Utc};
use serde_yaml::{Mapping, Value};

const FORMAT: &str = "phs-facts/1";

/// Key order of each record, as in the facts format; keys not listed go last.
const TOP: &[&str] = &[
    "format",
    "collected_at",
    "server",
    "tenant",
    "connectors",
    "sync_rules",
    "events",
    "objects",
];
const SERVER: &[&str] = &["name", "version", "staging_mode", "password_hash_sync"];
const TENANT: &[&str] = &[
    "name",
    "password_hash_sync",
    "force_password_change_on_logon",
];
const CONNECTOR: &[&str] = &[
    "name",
    "id",
    "kind",
    "password_sync",
    "password_sync_target",
    "azure_ad_reachable",
    "account",
    "domains",
    "global_parameters",
];
const DOMAIN: &[&str] = &[
    "name",
    "reachable",
    "credentials_valid",
    "permissions",
    "only_use_preferred_dcs",
    "preferred_dcs",
];

/// A mapping from `(key, value)` pairs, leaving out unknown (`None`) values.
fn record<const N: usize>(fields: [(&str, Option<Value>); N]) -> Value {
    let mut map = Mapping::new();
    for (key, value) in fields {
        if let Some(value) = value {
            map.insert(key.into(), value);
        }
    }
    Value::Mapping(map)
}

fn text(s: &str) -> Option<Value> {
    Some(Value::String(s.to_string()))
}

/// The facts the export tells; what it cannot tell is left out.
pub fn to_facts(export: &Export) -> Value {
    let server = &export.server;
    let collected_at = Utc
        .from_utc_datetime(&server.exported_at)
        .to_rfc3339_opts(SecondsFormat::AutoSi, true);
    let tenant = export
        .connectors
        .iter()
        .filter(|c| c.kind == Kind::Aad)
        .find_map(|c| {
            c.aad_user
                .as_deref()?
                .split_once('@')
                .map(|(_, d)| d.to_string())
        });
    record([
        ("format", text(FORMAT)),
        ("collected_at", Some(Value::String(collected_at))),
        (
            "server",
            Some(record([
                ("name", text(&server.name)),
                ("version", server.version.as_deref().and_then(text)),
                ("staging_mode", server.staging_mode.map(Value::Bool)),
                (
                    "password_hash_sync",
                    server.password_hash_sync.map(Value::Bool),
                ),
            ])),
        ),
        (
            "tenant",
            tenant.map(|t| record([("name", Some(Value::String(t)))])),
        ),
        (
            "connectors",
            Some(Value::Sequence(
                export
                    .connectors
                    .iter()
                    .map(|c| connector(c, export))
                    .collect(),
            )),
        ),
        (
            "sync_rules",
            Some(Value::Sequence(
                export
                    .sync_rules
                    .iter()
                    .map(|r| sync_rule(r, export))
                    .collect(),
            )),
        ),
    ])
}

/// The name of the connector with id `id`, or the id itself if there is none.
fn connector_name(export: &Export, id: &str) -> String {
    export
        .connectors
        .iter()
        .find(|c| c.id == id)
        .map_or_else(|| id.to_string(), |c| c.name.clone())
}

fn connector(c: &Connector, export: &Export) -> Value {
    let kind = match c.kind {
        Kind::Ad => "ad",
        Kind::Aad => "aad",
        Kind::Other => "other",
    };
    let domains = c
        .domains
        .iter()
        .map(|d| {
            record([
                ("name", text(&d.name)),
                (
                    "only_use_preferred_dcs",
                    Some(Value::Bool(d.only_use_preferred_dcs)),
                ),
                (
                    "preferred_dcs",
                    Some(Value::Sequence(
                        d.preferred_dcs
                            .iter()
                            .map(|dc| Value::String(dc.clone()))
                            .collect(),
                    )),
                ),
            ])
        })
        .collect();
    let is_ad = c.kind == Kind::Ad;
    record([
        ("name", text(&c.name)),
        ("id", text(&c.id)),
        ("kind", text(kind)),
        ("password_sync", c.password_sync.map(Value::Bool)),
        (
            "password_sync_target",
            c.password_sync_target
                .as_deref()
                .filter(|_| is_ad)
                .map(|id| Value::String(connector_name(export, id))),
        ),
        (
            "account",
            c.account
                .as_ref()
                .map(|(name, domain)| record([("name", text(name)), ("domain", text(domain))])),
        ),
        ("domains", Some(Value::Sequence(domains))),
        ("global_parameters", Some(Value::Mapping(Mapping::new()))),
    ])
}

fn sync_rule(r: &SyncRule, export: &Export) -> Value {
    record([
        ("name", text(&r.name)),
        (
            "direction",
            text(if r.inbound { "inbound" } else { "outbound" }),
        ),
        (
            "connector",
            Some(Value::String(connector_name(export, &r.connector_id))),
        ),
        ("object_type", text(&r.object_type)),
        ("password_sync", Some(Value::Bool(r.password_sync))),
        ("disabled", Some(Value::Bool(r.disabled))),
        ("precedence", Some(Value::Number(r.precedence.into()))),
    ])
}

/// `imported` over `base`: mappings merge key by key, `connectors` and `domains`
/// item by item (matched by `name`; base-only items are kept after the imported
/// ones), and any other imported value replaces the base's.
pub fn merge(base: Value, imported: Value) -> Value {
    merge_at(None, base, imported)
}

fn merge_at(key: Option<&str>, base: Value, imported: Value) -> Value {
    match (base, imported) {
        (Value::Mapping(mut base), Value::Mapping(imported)) => {
            let mut out = Mapping::new();
            for (k, v) in imported {
                let merged = match base.remove(&k) {
                    Some(b) => merge_at(k.as_str(), b, v),
                    None => v,
                };
                out.insert(k, merged);
            }
            out.extend(base);
            Value::Mapping(out)
        }
        (Value::Sequence(base), Value::Sequence(imported))
            if matches!(key, Some("connectors" | "domains")) =>
        {
            merge_by_name(base, imported)
        }
        (_, imported) => imported,
    }
}

fn name_of(v: &Value) -> Option<&str> {
    v.get("name")?.as_str()
}

fn merge_by_name(mut base: Vec<Value>, imported: Vec<Value>) -> Value {
    let mut out = Vec::new();
    for item in imported {
        let found = name_of(&item).and_then(|n| base.iter().position(|b| name_of(b) == Some(n)));
        match found {
            Some(i) => {
                let b = base.remove(i);
                out.push(merge_at(None, b, item));
            }
            None => out.push(item),
        }
    }
    out.extend(base);
    Value::Sequence(out)
}

/// Keys of each known record in the facts format's order.
pub fn in_facts_order(facts: Value) -> Value {
    let Value::Mapping(mut top) = facts else {
        return facts;
    };
    for (key, order) in [("server", SERVER), ("tenant", TENANT)] {
        if let Some(v) = top.get_mut(key) {
            reorder(v, order);
        }
    }
    if let Some(Value::Sequence(connectors)) = top.get_mut("connectors") {
        for c in connectors.iter_mut() {
            reorder(c, CONNECTOR);
            if let Some(Value::Sequence(domains)) = c.get_mut("domains") {
                domains.iter_mut().for_each(|d| reorder(d, DOMAIN));
            }
        }
    }
    let mut top = Value::Mapping(top);
    reorder(&mut top, TOP);
    top
}

fn reorder(value: &mut Value, order: &[&str]) {
    if let Value::Mapping(map) = value {
        let rank = |k: &Value| {
            k.as_str()
                .and_then(|k| order.iter().position(|o| *o == k))
                .unwrap_or(order.len())
        };
        let mut entries: Vec<(Value, Value)> = std::mem::take(map).into_iter().collect();
        entries.sort_by_key(|(k, _)| rank(k));
        map.extend(entries);
    }
}

/// The merged facts name the tenant, which the facts format requires.
pub fn names_tenant(facts: &Value) -> bool {
    facts
        .get("tenant")
        .and_then(|t| t.get("name"))
        .and_then(Value::as_str)
        .is_some_and(|n| !n.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(text: &str) -> Value {
        serde_yaml::from_str(text).unwrap()
    }

    #[test]
    fn base_values_are_kept_where_the_export_is_silent() {
        let base = yaml(
            "tenant: { name: old, password_hash_sync: true }\n\
             connectors: [ { name: a, azure_ad_reachable: true }, { name: b } ]\n\
             events: []",
        );
        let imported =
            yaml("tenant: { name: new }\nconnectors: [ { name: c }, { name: a, kind: aad } ]");
        let merged = in_facts_order(merge(base, imported));
        let expected = yaml(
            "tenant: { name: new, password_hash_sync: true }\n\
             connectors: [ { name: c }, { name: a, kind: aad, azure_ad_reachable: true }, { name: b } ]\n\
             events: []",
        );
        assert_eq!(merged, expected);
        let keys: Vec<_> = merged["connectors"][1]
            .as_mapping()
            .unwrap()
            .keys()
            .map(|k| k.as_str().unwrap().to_string())
            .collect();
        assert_eq!(keys, ["name", "kind", "azure_ad_reachable"]);
    }
}
