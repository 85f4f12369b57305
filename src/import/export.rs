//! A `Get-ADSyncServerConfiguration` export read into plain data: the parts of
//! `GlobalSettings/MV.xml`, `Connectors/*.xml` and `SynchronizationRules/*.xml`
//! that say something about password hash sync. Where each value comes from is
//! documented in `docs/import.md`.

use super::ou_filter::{to_ou_filter, OuFilter};
use super::xml::{self, Element};
use super::ImportError;
use chrono::NaiveDateTime;

/// One file of the export: its name as shown in messages, and its text.
#[derive(Debug, Clone)]
pub struct ExportFile {
    pub name: String,
    pub text: String,
}

/// The files of one export folder.
#[derive(Debug, Clone)]
pub struct ExportFiles {
    /// `GlobalSettings/MV.xml`.
    pub global_settings: ExportFile,
    pub connectors: Vec<ExportFile>,
    pub sync_rules: Vec<ExportFile>,
}

/// What the export says about the server.
#[derive(Debug, Clone, PartialEq)]
pub struct Server {
    pub name: String,
    /// `export-date`, which carries no offset.
    pub exported_at: NaiveDateTime,
    pub version: Option<String>,
    pub staging_mode: Option<bool>,
    pub password_hash_sync: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Ad,
    Aad,
    Other,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Connector {
    pub name: String,
    /// Lower case, `D` form (no braces).
    pub id: String,
    pub kind: Kind,
    pub password_sync: Option<bool>,
    /// The id of the connector the password hash sync channel targets.
    pub password_sync_target: Option<String>,
    /// `(name, domain)` of the AD DS connector account.
    pub account: Option<(String, String)>,
    pub domains: Vec<Domain>,
    /// (aad) The sync account's user name, `Sync_...@tenant.onmicrosoft.com`.
    pub aad_user: Option<String>,
    /// The connector's global parameters (`use="global"`, with a value), where
    /// the export lists any; `None`: it lists none, so they are unknown.
    pub global_parameters: Option<Vec<(String, String)>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Domain {
    pub name: String,
    pub only_use_preferred_dcs: bool,
    pub preferred_dcs: Vec<String>,
    /// The partition's `Domain.Netbios` parameter.
    pub netbios: Option<String>,
    /// The partition's container filter, where it can be said exactly.
    pub ou_filter: Option<OuFilter>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SyncRule {
    pub name: String,
    pub inbound: bool,
    /// The connector's id, normalized like [`Connector::id`].
    pub connector_id: String,
    pub object_type: String,
    pub password_sync: bool,
    pub disabled: bool,
    pub precedence: i64,
}

/// A whole export.
#[derive(Debug, Clone, PartialEq)]
pub struct Export {
    pub server: Server,
    pub connectors: Vec<Connector>,
    pub sync_rules: Vec<SyncRule>,
}

/// Read every file of an export; the first problem of each file is reported,
/// all files' problems together.
pub fn read_export(files: &ExportFiles) -> Result<Export, Vec<ImportError>> {
    let mut problems = Vec::new();
    let server = read_server(&files.global_settings).map_err(|e| problems.push(e));
    let connectors: Vec<Connector> = files
        .connectors
        .iter()
        .filter_map(|f| read_connector(f).map_err(|e| problems.push(e)).ok())
        .collect();
    let mut sync_rules: Vec<SyncRule> = files
        .sync_rules
        .iter()
        .filter_map(|f| read_sync_rule(f).map_err(|e| problems.push(e)).ok())
        .collect();
    match server {
        Ok(server) if problems.is_empty() => {
            sync_rules.sort_by_key(|r| r.precedence);
            Ok(Export {
                server,
                connectors,
                sync_rules,
            })
        }
        _ => Err(problems),
    }
}

/// A file's root element, which must be named `root`.
fn root(file: &ExportFile, root: &str) -> Result<Element, ImportError> {
    let element = xml::parse(&file.text).map_err(|error| ImportError::Xml {
        file: file.name.clone(),
        error,
    })?;
    if element.name != root {
        return Err(missing(file, root.to_string()));
    }
    Ok(element)
}

fn required<'a>(file: &ExportFile, e: &'a Element, path: &[&str]) -> Result<&'a str, ImportError> {
    e.text_at(path)
        .ok_or_else(|| missing(file, format!("{}/{}", e.name, path.join("/"))))
}

/// The GUID of the child element `name`, normalized.
fn required_guid(file: &ExportFile, e: &Element, name: &str) -> Result<String, ImportError> {
    let raw = required(file, e, &[name])?;
    normalize_guid(raw).ok_or_else(|| invalid(file, &format!("{}/{name}", e.name), raw, "a GUID"))
}

fn missing(file: &ExportFile, path: String) -> ImportError {
    let file = file.name.clone();
    ImportError::Missing { file, path }
}

fn invalid(file: &ExportFile, path: &str, value: &str, expected: &'static str) -> ImportError {
    ImportError::Invalid {
        file: file.name.clone(),
        path: path.to_string(),
        value: value.to_string(),
        expected,
    }
}

fn read_server(file: &ExportFile) -> Result<Server, ImportError> {
    let root = root(file, "saved-mv-configuration")?;
    let attr = |name: &str| {
        let path = format!("saved-mv-configuration/@{name}");
        root.attr(name).ok_or_else(|| missing(file, path))
    };
    let name = attr("server")?.to_string();
    let date = attr("export-date")?;
    let exported_at =
        NaiveDateTime::parse_from_str(date, "%Y-%m-%d %H:%M:%S%.f").map_err(|_| {
            invalid(
                file,
                "saved-mv-configuration/@export-date",
                date,
                "a time like `2016-05-03 14:28:09.784`",
            )
        })?;
    let params = root.at(&["mv-data", "parameter-values"]);
    let param = |name: &str| params.and_then(|p| p.parameter(name));
    let flag = |name: &str| -> Result<Option<bool>, ImportError> {
        param(name)
            .map(|v| parse_bool(v).ok_or_else(|| invalid(file, name, v, "`True` or `False`")))
            .transpose()
    };
    Ok(Server {
        name,
        exported_at,
        version: param("Microsoft.Synchronize.ServerConfigurationVersion").map(str::to_string),
        staging_mode: flag("Microsoft.Synchronize.StagingMode")?,
        password_hash_sync: flag("Microsoft.OptionalFeature.PasswordHashSync")?,
    })
}

/// The AAD connector's subtype; newer builds may spell it with "Microsoft Entra".
fn is_aad(category: &str, subtype: Option<&str>) -> bool {
    category.eq_ignore_ascii_case("Extensible2")
        && subtype.is_some_and(|s| s.contains("Azure Active Directory") || s.contains("Entra"))
}

fn read_connector(file: &ExportFile) -> Result<Connector, ImportError> {
    let root = root(file, "ma-data")?;
    let name = required(file, &root, &["name"])?.to_string();
    let id = required_guid(file, &root, "id")?;
    let category = required(file, &root, &["category"])?;
    let kind = if category.eq_ignore_ascii_case("AD") {
        Kind::Ad
    } else if is_aad(category, root.text_at(&["subtype"])) {
        Kind::Aad
    } else {
        Kind::Other
    };
    let adma = root.at(&["private-configuration", "adma-configuration"]);
    let phs = adma.and_then(|a| a.child("password-hash-sync-config"));
    let password_sync =
        match phs.and_then(|p| p.text_at(&["enabled"])) {
            Some(v) => Some(parse_bool(v).ok_or_else(|| {
                invalid(file, "password-hash-sync-config/enabled", v, "`0` or `1`")
            })?),
            None => None,
        };
    let account = adma.and_then(|a| {
        Some((
            a.text_at(&["forest-login-user"])?.to_string(),
            a.text_at(&["forest-login-domain"])?.to_string(),
        ))
    });
    let aad_user = root
        .at(&["private-configuration", "MAConfig", "parameter-values"])
        .and_then(|p| p.parameter("UserName"))
        .map(str::to_string);
    let domains = match (kind, root.child("ma-partition-data")) {
        (Kind::Ad, Some(partitions)) => read_domains(partitions),
        _ => Vec::new(),
    };
    Ok(Connector {
        name,
        id,
        kind,
        password_sync: password_sync.filter(|_| kind == Kind::Ad),
        password_sync_target: phs
            .and_then(|p| p.text_at(&["target"]))
            .and_then(normalize_guid),
        account: account.filter(|_| kind == Kind::Ad),
        domains,
        aad_user,
        global_parameters: adma
            .and_then(|a| a.child("parameter-values"))
            .and_then(global_parameters),
    })
}

/// The `use="global"` parameters with a value; encrypted ones are never read.
fn global_parameters(values: &Element) -> Option<Vec<(String, String)>> {
    let globals: Vec<&Element> = values
        .children_named("parameter")
        .filter(|p| p.attr("use") == Some("global"))
        .filter(|p| p.attr("encrypted") != Some("1") && p.attr("type") != Some("encrypted-string"))
        .collect();
    if globals.is_empty() {
        return None;
    }
    Some(
        globals
            .iter()
            .filter_map(|p| {
                let value = p.text.trim();
                Some((p.attr("name")?.to_string(), value.to_string())).filter(|_| !value.is_empty())
            })
            .collect(),
    )
}

/// The texts of the children named `item` of the element at `path`.
fn texts_at(e: &Element, path: &[&str], item: &str) -> Vec<String> {
    e.at(path)
        .map(|list| {
            list.children_named(item)
                .map(|x| x.text.trim().to_string())
                .filter(|x| !x.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// One domain per selected partition whose DN is a domain's (`DC=` parts only).
fn read_domains(partitions: &Element) -> Vec<Domain> {
    partitions
        .children_named("partition")
        .filter(|p| p.text_at(&["selected"]).and_then(parse_bool) == Some(true))
        .filter_map(|p| {
            let dn = p.text_at(&["name"])?;
            let name = domain_of_dn(dn)?;
            let data = p.at(&["custom-data", "adma-partition-data"]);
            let preferred_dcs = texts_at(
                p,
                &["custom-data", "adma-partition-data", "preferred-dcs"],
                "preferred-dc",
            );
            // "Only use preferred domain controllers" is stored as the absence of
            // failover to other domain controllers.
            let failover = data
                .and_then(|d| d.text_at(&["dc-failover"]))
                .and_then(parse_bool);
            let netbios = p
                .child("parameter-values")
                .and_then(|v| v.parameter("Domain.Netbios"))
                .map(str::to_string);
            let ou_filter = p.at(&["filter", "containers"]).and_then(|_| {
                to_ou_filter(
                    dn,
                    &texts_at(p, &["filter", "containers", "inclusions"], "inclusion"),
                    &texts_at(p, &["filter", "containers", "exclusions"], "exclusion"),
                )
            });
            Some(Domain {
                name,
                only_use_preferred_dcs: failover == Some(false),
                preferred_dcs,
                netbios,
                ou_filter,
            })
        })
        .collect()
}

fn read_sync_rule(file: &ExportFile) -> Result<SyncRule, ImportError> {
    let root = root(file, "synchronizationRule")?;
    let name = required(file, &root, &["name"])?.to_string();
    let direction = required(file, &root, &["direction"])?;
    let inbound = match direction.to_ascii_lowercase().as_str() {
        "inbound" => true,
        "outbound" => false,
        _ => {
            return Err(invalid(
                file,
                "synchronizationRule/direction",
                direction,
                "`Inbound` or `Outbound`",
            ))
        }
    };
    let connector_id = required_guid(file, &root, "connector")?;
    let flag = |element: &str| -> Result<bool, ImportError> {
        match root.text_at(&[element]) {
            None => Ok(false),
            Some(v) => parse_bool(v).ok_or_else(|| invalid(file, element, v, "`true` or `false`")),
        }
    };
    let precedence = required(file, &root, &["precedence"])?;
    Ok(SyncRule {
        name,
        inbound,
        connector_id,
        object_type: required(file, &root, &["sourceObjectType"])?.to_string(),
        password_sync: flag("EnablePasswordSync")?,
        disabled: flag("disabled")?,
        precedence: precedence.parse().map_err(|_| {
            invalid(
                file,
                "synchronizationRule/precedence",
                precedence,
                "an integer",
            )
        })?,
    })
}

/// The export spells booleans `0`/`1`, `true`/`false` or `True`/`False`.
pub fn parse_bool(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "1" | "true" => Some(true),
        "0" | "false" => Some(false),
        _ => None,
    }
}

/// A GUID in `D` form, lower case, without braces; `None` if it is not a GUID.
pub fn normalize_guid(text: &str) -> Option<String> {
    let bare = text.trim().trim_start_matches('{').trim_end_matches('}');
    let groups: Vec<&str> = bare.split('-').collect();
    let shape_ok = groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups
            .iter()
            .all(|g| g.chars().all(|c| c.is_ascii_hexdigit()));
    shape_ok.then(|| bare.to_ascii_lowercase())
}

/// `DC=contoso,DC=com` → `contoso.com`; `None` unless every part is `DC=`.
pub fn domain_of_dn(dn: &str) -> Option<String> {
    let labels: Option<Vec<&str>> = dn
        .split(',')
        .map(|rdn| {
            let (key, value) = rdn.trim().split_once('=')?;
            (key.trim().eq_ignore_ascii_case("DC") && !value.trim().is_empty())
                .then(|| value.trim())
        })
        .collect();
    labels.map(|l| l.join("."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_are_compared_in_one_form() {
        assert_eq!(
            normalize_guid("{AE4DB4CC-B16B-4EB2-ACF5-837CA84E4D7D}").as_deref(),
            Some("ae4db4cc-b16b-4eb2-acf5-837ca84e4d7d")
        );
        assert_eq!(normalize_guid("{not-a-guid}"), None);
    }

    #[test]
    fn domain_names_come_from_dc_parts_only() {
        assert_eq!(
            domain_of_dn("DC=contoso, DC=com").as_deref(),
            Some("contoso.com")
        );
        assert_eq!(domain_of_dn("CN=Configuration,DC=contoso,DC=com"), None);
    }

    #[test]
    fn every_boolean_spelling_is_read() {
        for (text, value) in [("1", true), ("False", false), ("true", true), ("0", false)] {
            assert_eq!(parse_bool(text), Some(value));
        }
        assert_eq!(parse_bool("yes"), None);
    }
}
