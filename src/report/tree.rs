//! The binding headings of a report: the tenant and server, then each connector,
//! domain and object that results are bound to, children right after their
//! parent, siblings in facts order. Each result sits under the deepest fact it is
//! bound to. Built in one pass over a map by fact path, so a report of many
//! objects groups in linear time (plus one sort of the headings).

use super::{Report, ResultEntry};
use indexmap::{IndexMap, IndexSet};

/// One heading of the tree and the results under it, in report order.
#[derive(Debug)]
pub struct Heading<'a> {
    /// `connectors[0].domains[1]`, or "" for the tenant and server.
    pub path: &'a str,
    /// The record type (`Connector`), or `Tenant and server`.
    pub kind: &'a str,
    /// The connector's or domain's name, the object's DN; "" for the tenant and server.
    pub label: &'a str,
    pub results: Vec<&'a ResultEntry>,
}

impl Heading<'_> {
    /// `Connector contoso.com`, `Object CN=...`, or `Tenant and server`.
    pub fn title(&self) -> String {
        if self.label.is_empty() {
            self.kind.to_string()
        } else {
            format!("{} {}", self.kind, self.label)
        }
    }

    /// How deep the heading sits: 0 for the tenant and server, 1 for a connector.
    pub fn depth(&self) -> usize {
        if self.path.is_empty() {
            0
        } else {
            self.path.matches('.').count() + 1
        }
    }

    /// The distinct cross-check commands of the heading's results, in order.
    pub fn crosschecks(&self) -> IndexSet<&str> {
        let commands = self.results.iter().filter_map(|r| r.crosscheck.as_deref());
        commands.collect()
    }
}

/// The headings of a report in tree order; the first is always the tenant and server.
pub fn headings(report: &Report) -> Vec<Heading<'_>> {
    let tenant = Heading {
        path: "",
        kind: "Tenant and server",
        label: "",
        results: Vec::new(),
    };
    let mut headings = IndexMap::from([("", tenant)]);
    for r in &report.results {
        let mut deepest = "";
        for b in &r.binding {
            let Some(path) = b.path.as_deref() else {
                continue;
            };
            headings.entry(path).or_insert_with(|| Heading {
                path,
                kind: b.kind().unwrap_or(b.name()),
                label: &b.label,
                results: Vec::new(),
            });
            deepest = path;
        }
        if let Some(heading) = headings.get_mut(deepest) {
            heading.results.push(r);
        }
    }
    headings.sort_by_cached_key(|path, _| path_key(path));
    headings.into_values().collect()
}

/// `connectors[10].domains[2]` → [("connectors", 10), ("domains", 2)], so that
/// index 10 sorts after index 9 and a child right after its parent.
fn path_key(path: &str) -> Vec<(&str, usize)> {
    path.split('.')
        .filter(|s| !s.is_empty())
        .map(|seg| {
            let (name, index) = seg.split_once('[').unwrap_or((seg, ""));
            let index = index.trim_end_matches(']').parse().unwrap_or(0);
            (name, index)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::OutcomeKind;
    use crate::report::fixtures::{connector, domain, object, report, result};

    fn titles(report: &Report) -> Vec<String> {
        headings(report).iter().map(Heading::title).collect()
    }

    #[test]
    fn children_follow_their_parent_and_siblings_keep_facts_order() {
        let c0 = connector(0, "contoso.com");
        let c10 = connector(10, "fabrikam.com");
        let r = report(vec![
            result(
                "PHS030",
                OutcomeKind::Passed,
                vec![object(0, "CN=A,DC=contoso,DC=com")],
            ),
            result(
                "PHS020",
                OutcomeKind::Passed,
                vec![c10.clone(), domain(10, 0, "fabrikam.com")],
            ),
            result("PHS010", OutcomeKind::Passed, vec![c0.clone()]),
            result("PHS010", OutcomeKind::Passed, vec![c10]),
            result(
                "PHS020",
                OutcomeKind::Passed,
                vec![c0, domain(0, 0, "contoso.com")],
            ),
            result("PHS001", OutcomeKind::Passed, vec![]),
        ]);
        assert_eq!(
            titles(&r),
            [
                "Tenant and server",
                "Connector contoso.com",
                "Domain contoso.com",
                "Connector fabrikam.com",
                "Domain fabrikam.com",
                "Object CN=A,DC=contoso,DC=com",
            ]
        );
        let h = headings(&r);
        let rules: Vec<Vec<&str>> = h
            .iter()
            .map(|h| h.results.iter().map(|r| &*r.about.id).collect())
            .collect();
        assert_eq!(
            rules,
            [
                vec!["PHS001"],
                vec!["PHS010"],
                vec!["PHS020"],
                vec!["PHS010"],
                vec!["PHS020"],
                vec!["PHS030"]
            ]
        );
        assert_eq!(
            h.iter().map(Heading::depth).collect::<Vec<_>>(),
            [0, 1, 2, 1, 2, 1]
        );
    }

    #[test]
    fn each_distinct_crosscheck_is_listed_once_per_heading() {
        let c = connector(0, "contoso.com");
        let with = |rule: &str, command: &str| {
            let mut r = result(rule, OutcomeKind::Passed, vec![c.clone()]);
            r.crosscheck = Some(command.to_string());
            r
        };
        let r = report(vec![
            with(
                "PHS010",
                "Invoke-ADSyncDiagnostics -PasswordSync -ADConnectorName 'contoso.com'",
            ),
            with(
                "PHS011",
                "Invoke-ADSyncDiagnostics -PasswordSync -ADConnectorName 'contoso.com'",
            ),
            result("PHS012", OutcomeKind::Passed, vec![c.clone()]),
            with(
                "PHS013",
                "Get-ADSyncAADPasswordSyncConfiguration -SourceConnector 'contoso.com'",
            ),
        ]);
        let h = headings(&r);
        assert_eq!(
            // In order: a set compares equal whatever its order.
            h.get(1).map(|h| Vec::from_iter(h.crosschecks())),
            Some(vec![
                "Invoke-ADSyncDiagnostics -PasswordSync -ADConnectorName 'contoso.com'",
                "Get-ADSyncAADPasswordSyncConfiguration -SourceConnector 'contoso.com'",
            ])
        );
    }
}
