//! An [`Export`] as a facts document (a `serde_yaml` mapping whose keys follow
//! `docs/facts-format.md`), and the facts format's key order.

use super::export::{Connector, Domain, Export, Kind, SyncRule};
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
    "events_since",
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
    "netbios",
    "domain_controllers",
    "included_ous",
    "excluded_ous",
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

fn strings(list: &[String]) -> Value {
    Value::Sequence(list.iter().map(|s| Value::String(s.clone())).collect())
}

/// The facts the export tells; what it cannot tell is left out. `collected_at`
/// is not among them: the merge decides it.
pub fn to_facts(export: &Export) -> Value {
    let s = &export.server;
    let server = record([
        ("name", text(&s.name)),
        ("version", s.version.as_deref().and_then(text)),
        ("staging_mode", s.staging_mode.map(Value::Bool)),
        ("password_hash_sync", s.password_hash_sync.map(Value::Bool)),
    ]);
    // The domain of the Azure AD connector's account names the tenant.
    let tenant = export
        .connectors
        .iter()
        .filter(|c| c.kind == Kind::Aad)
        .find_map(|c| {
            let (_, domain) = c.aad_user.as_deref()?.split_once('@')?;
            Some(record([("name", text(domain))]))
        });
    let connectors = export.connectors.iter().map(|c| connector(c, export));
    let sync_rules = export.sync_rules.iter().map(|r| sync_rule(r, export));
    record([
        ("format", text(FORMAT)),
        ("server", Some(server)),
        ("tenant", tenant),
        ("connectors", Some(Value::Sequence(connectors.collect()))),
        ("sync_rules", Some(Value::Sequence(sync_rules.collect()))),
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
    let domains = c.domains.iter().map(domain).collect();
    let is_ad = c.kind == Kind::Ad;
    let target = c.password_sync_target.as_deref().filter(|_| is_ad);
    let target = target.map(|id| Value::String(connector_name(export, id)));
    let account = c
        .account
        .as_ref()
        .map(|(name, domain)| record([("name", text(name)), ("domain", text(domain))]));
    let globals = c.global_parameters.as_ref().map(|params| {
        params
            .iter()
            .map(|(k, v)| (Value::from(k.as_str()), Value::from(v.as_str())))
            .collect()
    });
    record([
        ("name", text(&c.name)),
        ("id", text(&c.id)),
        ("kind", text(kind)),
        ("password_sync", c.password_sync.map(Value::Bool)),
        ("password_sync_target", target),
        ("account", account),
        ("domains", Some(Value::Sequence(domains))),
        ("global_parameters", globals.map(Value::Mapping)),
    ])
}

fn domain(d: &Domain) -> Value {
    record([
        ("name", text(&d.name)),
        (
            "only_use_preferred_dcs",
            Some(Value::Bool(d.only_use_preferred_dcs)),
        ),
        ("preferred_dcs", Some(strings(&d.preferred_dcs))),
        ("netbios", d.netbios.as_deref().and_then(text)),
        (
            "included_ous",
            d.ou_filter.as_ref().map(|f| strings(&f.included)),
        ),
        (
            "excluded_ous",
            d.ou_filter.as_ref().map(|f| strings(&f.excluded)),
        ),
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
