//! The benchmark's facts: deterministic (one fixed seed), shaped like a tenant
//! under diagnosis. `objects` objects and as many events; 5 AD connectors with 2-4
//! domains each and one Azure AD connector; a heartbeat per AD connector every 30
//! minutes over the 3 days the events cover, the rest password change events naming
//! objects; 7 password sync log entries per object. A few percent of objects and
//! domains have each problem the five baseline checks look for: a connector whose
//! heartbeats stopped (PHS011), a domain lacking a replication right (PHS022),
//! temporary passwords (PHS031), logs older than the window (PHS039), a failed
//! newest result (PHS040).
//!
//! Written item by item (YAML block style or compact JSON) so that the 1M-object
//! file never sits in memory.

use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};
use std::io::{self, Write};

/// The seed of every generated file.
const SEED: u64 = 0x5eed_2026_1124;
const AD_CONNECTORS: usize = 5;
const LOG_ENTRIES: usize = 7;
const HEARTBEAT_MINUTES: i64 = 30;
const EVENT_DAYS: i64 = 3;
/// Per cent of objects with each object problem.
const PROBLEM_PERCENT: u64 = 3;
/// The AD connector whose heartbeats stopped 6 hours before collection.
const SILENT_CONNECTOR: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Json,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Yaml => "yaml",
            Format::Json => "json",
        }
    }
}

/// splitmix64: small, fast, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn percent(&mut self, p: u64) -> bool {
        self.below(100) < p
    }
}

struct Domain {
    name: String,
    netbios: String,
    root: String,
}

struct Connector {
    name: String,
    id: String,
    domains: Vec<Domain>,
}

fn collected_at() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-24T14:00:00Z")
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
}

fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn connectors(rng: &mut Rng) -> Vec<Connector> {
    const CHILDREN: [&str; 3] = ["emea", "amer", "apac"];
    (0..AD_CONNECTORS)
        .map(|c| {
            let forest = format!("forest{c}.contoso.com");
            let count = 2 + rng.below(3) as usize;
            let domains = (0..count)
                .map(|d| {
                    let name = match d.checked_sub(1).and_then(|i| CHILDREN.get(i)) {
                        Some(child) => format!("{child}.{forest}"),
                        None => forest.clone(),
                    };
                    let netbios = name.split('.').next().unwrap_or("X").to_uppercase();
                    let netbios = format!("{netbios}{c}");
                    let root = format!("DC={}", name.split('.').collect::<Vec<_>>().join(",DC="));
                    Domain {
                        name,
                        netbios,
                        root,
                    }
                })
                .collect();
            Connector {
                name: forest,
                id: format!(
                    "{:08x}-8c41-4d7e-9b25-{:012x}",
                    rng.next() as u32,
                    rng.next() >> 16
                ),
                domains,
            }
        })
        .collect()
}

fn connector_value(c: &Connector, lacking: Option<&str>) -> Value {
    let domains: Vec<Value> = c
        .domains
        .iter()
        .map(|d| {
            let mut rights = vec![
                "Replicate Directory Changes",
                "Replicate Directory Changes All",
            ];
            if lacking == Some(d.name.as_str()) {
                rights.pop();
            }
            json!({
                "name": d.name, "reachable": true, "credentials_valid": true,
                "permissions": rights, "only_use_preferred_dcs": false, "preferred_dcs": [],
                "netbios": d.netbios,
                "domain_controllers": [
                    {"name": format!("DC01.{}", d.name), "reachable": true},
                    {"name": format!("DC02.{}", d.name), "reachable": true},
                ],
            })
        })
        .collect();
    json!({
        "name": c.name, "id": c.id, "kind": "ad", "password_sync": true,
        "password_sync_target": "contoso.onmicrosoft.com - AAD",
        "account": {"name": format!("MSOL_{}", &c.id[..8]), "domain": c.name},
        "domains": domains, "global_parameters": {},
    })
}

fn sync_rules(connectors: &[Connector]) -> Value {
    let mut rules = Vec::new();
    for c in connectors {
        for (name, sync, precedence) in [
            ("In from AD - User Join", false, 100),
            ("In from AD - User AccountEnabled", true, 102),
            ("In from AD - User Common", false, 106),
        ] {
            rules.push(json!({"name": name, "direction": "inbound", "connector": c.name,
                "object_type": "user", "password_sync": sync, "disabled": false, "precedence": precedence}));
        }
    }
    for (name, sync, precedence) in [
        ("Out to AAD - User Join", true, 123),
        ("Out to AAD - User Identity", false, 124),
    ] {
        rules.push(json!({"name": name, "direction": "outbound", "connector": "contoso.onmicrosoft.com - AAD",
            "object_type": "person", "password_sync": sync, "disabled": false, "precedence": precedence}));
    }
    Value::Array(rules)
}

/// The events: heartbeats of every AD connector, then password change events
/// naming objects, `count` in all.
fn events(
    rng: &mut Rng,
    connectors: &[Connector],
    count: usize,
    mut emit: impl FnMut(Value) -> io::Result<()>,
) -> io::Result<()> {
    let now = collected_at();
    let start = now - Duration::days(EVENT_DAYS);
    let mut written = 0;
    let mut t = start;
    while t < now && written < count {
        for (i, c) in connectors.iter().enumerate() {
            let silent = i == SILENT_CONNECTOR && t > now - Duration::hours(6);
            if silent || written >= count {
                continue;
            }
            let at = t + Duration::seconds(rng.below(60) as i64);
            emit(
                json!({"id": 654, "source": "Directory Synchronization", "level": "information",
                "time": stamp(at),
                "message": format!("Password hash sync heartbeat: channel of connector {} is idle, no password changes pending.", c.id.to_uppercase())}),
            )?;
            written += 1;
        }
        t += Duration::minutes(HEARTBEAT_MINUTES);
    }
    let span = (now - start).num_seconds().max(1) as u64;
    while written < count {
        let c = connectors.get(rng.below(connectors.len() as u64) as usize);
        let d = c.and_then(|c| c.domains.get(rng.below(c.domains.len() as u64) as usize));
        let (Some(c), Some(d)) = (c, d) else { break };
        let at = start + Duration::seconds(rng.below(span) as i64);
        let user = rng.below(1_000_000);
        let (id, message) = if rng.percent(50) {
            (656, format!("Password change request batch: 1 change read from {} (CN=User {user},OU=Staff,{}).", c.name, d.root))
        } else {
            (657, format!("Password change result batch: 1 of 1 synchronized to Azure AD (CN=User {user},OU=Staff,{}: Success).", d.root))
        };
        emit(
            json!({"id": id, "source": "Directory Synchronization", "level": "information",
            "time": stamp(at), "message": message}),
        )?;
        written += 1;
    }
    Ok(())
}

fn object(rng: &mut Rng, connectors: &[Connector], index: usize) -> Value {
    let now = collected_at();
    let c = connectors
        .get(index % connectors.len())
        .unwrap_or_else(|| unreachable!());
    let d = c
        .domains
        .get(rng.below(c.domains.len() as u64) as usize)
        .unwrap_or_else(|| unreachable!());
    let temporary = rng.percent(PROBLEM_PERCENT);
    let stale = rng.percent(PROBLEM_PERCENT);
    let failed = rng.percent(PROBLEM_PERCENT);
    let first_day = if stale { 8 } else { 0 };
    let mut log = Vec::with_capacity(LOG_ENTRIES);
    for day in 0..LOG_ENTRIES as i64 {
        let at = now
            - Duration::days(first_day + day)
            - Duration::seconds(3_600 + rng.below(40_000) as i64);
        let newest = day == 0;
        if newest && failed {
            log.push(json!({"time": stamp(at), "status": "NoTargetConnection",
                "details": "The Azure AD connector could not be reached."}));
        } else {
            log.push(json!({"time": stamp(at), "status": "Success"}));
        }
    }
    let mut ad = json!({"user_must_change_password": temporary});
    if !stale {
        ad["password_last_set"] = json!(stamp(
            now - Duration::days(2) - Duration::seconds(rng.below(80_000) as i64)
        ));
    }
    json!({
        "dn": format!("CN=User {index},OU=Staff,{}", d.root),
        "connector": c.name,
        "ad": ad,
        "cs": {"present": true, "lineage": [
            {"rule": "In from AD - User Join", "password_sync": false},
            {"rule": "In from AD - User AccountEnabled", "password_sync": true},
            {"rule": "In from AD - User Common", "password_sync": false},
        ]},
        "mv": {"present": true,
            "attributes": {"displayName": format!("User {index}"),
                "userPrincipalName": format!("user{index}@{}", d.name),
                "domainFQDN": d.name, "domainNetBios": d.netbios},
            "connectors": [c.name, "contoso.onmicrosoft.com - AAD"]},
        "aad": {"present": true, "exported": true, "lineage": [
            {"rule": "Out to AAD - User Join", "password_sync": true},
            {"rule": "Out to AAD - User Identity", "password_sync": false},
        ]},
        "password_sync_log": log,
    })
}

/// Writes the top-level keys and list items of one facts file in one format.
struct Writer<W: Write> {
    out: W,
    format: Format,
    first_key: bool,
    first_item: bool,
}

impl<W: Write> Writer<W> {
    fn key(&mut self, name: &str, value: &Value) -> io::Result<()> {
        self.open_key(name)?;
        match self.format {
            Format::Json => serde_json::to_writer(&mut self.out, value).map_err(io::Error::other),
            Format::Yaml => {
                let text = serde_yaml::to_string(value).map_err(io::Error::other)?;
                if value.is_object() || value.as_array().is_some_and(|a| !a.is_empty()) {
                    writeln!(self.out)?;
                    for line in text.lines() {
                        writeln!(self.out, "  {line}")?;
                    }
                    Ok(())
                } else {
                    write!(self.out, " {text}")
                }
            }
        }
    }

    fn open_key(&mut self, name: &str) -> io::Result<()> {
        match self.format {
            Format::Json => {
                let sep = if self.first_key { "{" } else { ",\n" };
                write!(self.out, "{sep}\"{name}\":")?;
            }
            Format::Yaml => write!(self.out, "{name}:")?,
        }
        self.first_key = false;
        Ok(())
    }

    fn open_list(&mut self, name: &str) -> io::Result<()> {
        self.open_key(name)?;
        self.first_item = true;
        match self.format {
            Format::Json => write!(self.out, "["),
            Format::Yaml => writeln!(self.out),
        }
    }

    fn item(&mut self, value: &Value) -> io::Result<()> {
        match self.format {
            Format::Json => {
                if !self.first_item {
                    write!(self.out, ",")?;
                }
                writeln!(self.out)?;
                serde_json::to_writer(&mut self.out, value).map_err(io::Error::other)?;
            }
            Format::Yaml => {
                let text = serde_yaml::to_string(value).map_err(io::Error::other)?;
                let mut lines = text.lines();
                if let Some(first) = lines.next() {
                    writeln!(self.out, "  - {first}")?;
                }
                for line in lines {
                    writeln!(self.out, "    {line}")?;
                }
            }
        }
        self.first_item = false;
        Ok(())
    }

    fn close_list(&mut self) -> io::Result<()> {
        match self.format {
            Format::Json => write!(self.out, "\n]"),
            Format::Yaml => Ok(()),
        }
    }

    fn finish(mut self) -> io::Result<()> {
        if self.format == Format::Json {
            writeln!(self.out, "}}")?;
        }
        self.out.flush()
    }
}

/// Write the facts file of `objects` objects (and as many events) to `out`.
pub fn write_facts(objects: usize, format: Format, out: impl Write) -> io::Result<()> {
    let mut rng = Rng(SEED);
    let connectors = connectors(&mut rng);
    let lacking = connectors
        .get(1)
        .and_then(|c| c.domains.last())
        .map(|d| d.name.clone());
    let now = collected_at();
    let mut w = Writer {
        out,
        format,
        first_key: true,
        first_item: true,
    };
    w.key("format", &json!("phs-facts/1"))?;
    w.key("collected_at", &json!(stamp(now)))?;
    w.key("server", &json!({"name": "AADC01", "version": "2.3.20.0", "staging_mode": false, "password_hash_sync": true}))?;
    w.key("tenant", &json!({"name": "contoso.onmicrosoft.com", "password_hash_sync": true, "force_password_change_on_logon": false}))?;
    let mut all: Vec<Value> = connectors
        .iter()
        .map(|c| connector_value(c, lacking.as_deref()))
        .collect();
    all.push(json!({"name": "contoso.onmicrosoft.com - AAD", "id": "b891884f-051e-4a83-95af-2544101c9083",
        "kind": "aad", "azure_ad_reachable": true, "domains": [], "global_parameters": {}}));
    w.key("connectors", &Value::Array(all))?;
    w.key("sync_rules", &sync_rules(&connectors))?;
    w.key(
        "events_since",
        &json!(stamp(now - Duration::days(EVENT_DAYS))),
    )?;
    w.open_list("events")?;
    events(&mut rng, &connectors, objects, |e| w.item(&e))?;
    w.close_list()?;
    w.open_list("objects")?;
    for index in 0..objects {
        let o = object(&mut rng, &connectors, index);
        w.item(&o)?;
    }
    w.close_list()?;
    w.finish()
}
