//! The baseline: what a hand-written Rust pass costs. The facts are deserialized
//! into typed structs (`#[derive(Deserialize)]`, only the fields the checks read,
//! timestamps parsed once while deserializing), then one straight pass does the
//! `when` of five builtin rules, with the helper functions they call written out:
//!
//! - PHS011: an AD connector with password sync on and no channel activity (a
//!   heartbeat 654 naming its bare id, or a password change event 656/657 naming
//!   the root DN of one of its domains) in the 3 hours before now, where the events
//!   cover that window;
//! - PHS022: a domain of an AD connector lacking a replication right;
//! - PHS031: `user_must_change_password` where temporary passwords do not sync
//!   (server older than 2.0.3.0, or the tenant feature off);
//! - PHS039: no log entry in the 7 days before now, and the password not known to
//!   be unchanged in them;
//! - PHS040: the newest log entry (up to now) has a failed status.
//!
//! What the baseline leaves out: `needs` (which the rules use to stay quiet where
//! another rule explains the problem), undetermined outcomes (an unknown fact makes
//! a check not fire here), messages beyond the binding's name, and the 23 other
//! rules of the pack. It is the floor a rule engine is compared with.

use chrono::{DateTime, Duration, FixedOffset};
use serde::{Deserialize, Deserializer, Serialize};

type Time = DateTime<FixedOffset>;

fn time<'de, D: Deserializer<'de>>(d: D) -> Result<Time, D::Error> {
    let text: std::borrow::Cow<'de, str> = Deserialize::deserialize(d)?;
    DateTime::parse_from_rfc3339(&text).map_err(serde::de::Error::custom)
}

fn optional_time<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Time>, D::Error> {
    let text: Option<std::borrow::Cow<'de, str>> = Deserialize::deserialize(d)?;
    text.map(|t| DateTime::parse_from_rfc3339(&t).map_err(serde::de::Error::custom))
        .transpose()
}

#[derive(Deserialize)]
pub struct Facts {
    #[serde(deserialize_with = "time")]
    collected_at: Time,
    server: Server,
    tenant: Tenant,
    connectors: Vec<Connector>,
    events: Option<Vec<Event>>,
    #[serde(default, deserialize_with = "optional_time")]
    events_since: Option<Time>,
    objects: Vec<Object>,
}

#[derive(Deserialize)]
struct Server {
    version: String,
}

#[derive(Deserialize)]
struct Tenant {
    force_password_change_on_logon: Option<bool>,
}

#[derive(Deserialize)]
struct Connector {
    name: String,
    id: String,
    kind: String,
    password_sync: Option<bool>,
    domains: Vec<Domain>,
}

#[derive(Deserialize)]
struct Domain {
    name: String,
    permissions: Option<Vec<String>>,
}

#[derive(Deserialize)]
struct Event {
    id: i64,
    source: String,
    #[serde(deserialize_with = "time")]
    time: Time,
    message: String,
}

#[derive(Deserialize)]
struct Object {
    dn: String,
    ad: Option<AdState>,
    password_sync_log: Vec<LogEntry>,
}

#[derive(Deserialize)]
struct AdState {
    user_must_change_password: Option<bool>,
    #[serde(default, deserialize_with = "optional_time")]
    password_last_set: Option<Time>,
}

#[derive(Deserialize)]
struct LogEntry {
    #[serde(deserialize_with = "time")]
    time: Time,
    status: String,
}

/// One check that fired, at the binding it names.
#[derive(Serialize)]
pub struct Finding {
    rule: &'static str,
    at: String,
}

const REPLICATION_RIGHTS: [&str; 2] = [
    "Replicate Directory Changes",
    "Replicate Directory Changes All",
];
const FAILED_STATUSES: [&str; 7] = [
    "FilteredByTarget",
    "NoTargetConnection",
    "SourceConnectorNotPresent",
    "TargetNotExportedToDirectory",
    "Error",
    "MissingAttribute",
    "Unknown",
];

pub fn from_yaml(text: &str) -> Result<Facts, String> {
    serde_yaml::from_str(text).map_err(|e| e.to_string())
}

pub fn from_json(text: &str) -> Result<Facts, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

/// The five checks over the facts.
pub fn check(facts: &Facts) -> Vec<Finding> {
    let mut found = Vec::new();
    let now = facts.collected_at;
    for c in facts.connectors.iter().filter(|c| c.kind == "ad") {
        if c.password_sync == Some(true)
            && events_cover(facts, Duration::hours(3))
            && !is_active(facts, c)
        {
            found.push(Finding {
                rule: "PHS011",
                at: c.name.clone(),
            });
        }
        for d in &c.domains {
            let lacking = d
                .permissions
                .as_ref()
                .is_some_and(|p| REPLICATION_RIGHTS.iter().any(|r| !p.iter().any(|x| x == r)));
            if lacking {
                found.push(Finding {
                    rule: "PHS022",
                    at: d.name.clone(),
                });
            }
        }
    }
    // `not (server.version >= 2.0.3.0 and force == true)` is true only when one
    // side is known to be false.
    let temporary_refused = is_older(&facts.server.version, "2.0.3.0")
        || facts.tenant.force_password_change_on_logon == Some(false);
    let week_ago = now - Duration::days(7);
    for o in &facts.objects {
        let temporary = o.ad.as_ref().and_then(|a| a.user_must_change_password) == Some(true);
        if temporary && temporary_refused {
            found.push(Finding {
                rule: "PHS031",
                at: o.dn.clone(),
            });
        }
        let recent = o
            .password_sync_log
            .iter()
            .any(|l| l.time >= week_ago && l.time <= now);
        let unchanged =
            o.ad.as_ref()
                .and_then(|a| a.password_last_set)
                .is_some_and(|t| t < week_ago);
        if !recent && !unchanged {
            found.push(Finding {
                rule: "PHS039",
                at: o.dn.clone(),
            });
        }
        let newest = o
            .password_sync_log
            .iter()
            .filter(|l| l.time <= now)
            .max_by_key(|l| l.time);
        if newest.is_some_and(|l| FAILED_STATUSES.contains(&l.status.as_str())) {
            found.push(Finding {
                rule: "PHS040",
                at: o.dn.clone(),
            });
        }
    }
    found
}

fn events_cover(facts: &Facts, window: Duration) -> bool {
    facts.events.is_some()
        && facts
            .events_since
            .map_or(true, |since| since <= facts.collected_at - window)
}

/// A heartbeat naming the connector's id, or a password change event naming the
/// root of one of its domains, in the 3 hours before now.
fn is_active(facts: &Facts, c: &Connector) -> bool {
    let now = facts.collected_at;
    let from = now - Duration::hours(3);
    let id = c.id.to_lowercase().replace(['{', '}'], "");
    let id = id.trim();
    let roots: Vec<String> = c
        .domains
        .iter()
        .map(|d| {
            format!("DC={}", d.name.split('.').collect::<Vec<_>>().join(",DC=")).to_lowercase()
        })
        .collect();
    facts.events.iter().flatten().any(|e| {
        if !e.source.eq_ignore_ascii_case("Directory Synchronization")
            || e.time < from
            || e.time > now
        {
            return false;
        }
        let message = e.message.to_lowercase();
        (e.id == 654 && message.contains(id))
            || ((e.id == 656 || e.id == 657) && roots.iter().any(|r| message.contains(r.as_str())))
    })
}

/// Whether dotted version `a` is older than `b`.
fn is_older(a: &str, b: &str) -> bool {
    let parts = |v: &str| {
        v.split('.')
            .map(|p| p.parse::<u64>().unwrap_or(0))
            .collect::<Vec<_>>()
    };
    parts(a) < parts(b)
}
