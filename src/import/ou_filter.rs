//! A partition's container filter (`filter/containers/inclusions` and
//! `exclusions`) as the facts format's two lists. The sync engine decides a
//! container by the nearest marked container above it (or itself); the facts
//! say "under one of `included_ous` (or anywhere, when it is empty) and under none
//! of `excluded_ous`". Marks that change nothing are dropped; a filter the two
//! lists cannot say exactly (an OU selected again below a cleared one below a
//! selected one) is left unknown.

/// `included_ous` and `excluded_ous` of a domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OuFilter {
    pub included: Vec<String>,
    pub excluded: Vec<String>,
}

/// The filter of the domain rooted at `root`, or `None` when the lists cannot
/// say it exactly or nothing is selected.
pub fn to_ou_filter(root: &str, inclusions: &[String], exclusions: &[String]) -> Option<OuFilter> {
    let marks: Vec<(&str, bool)> = inclusions
        .iter()
        .map(|dn| (dn.as_str(), true))
        .chain(exclusions.iter().map(|dn| (dn.as_str(), false)))
        .collect();
    // The nearest mark strictly above `dn`, if any.
    let parent_mark = |dn: &str| -> Option<bool> {
        marks
            .iter()
            .filter(|(m, _)| is_strictly_under(dn, m))
            .max_by_key(|(m, _)| rdn_count(m))
            .map(|(_, included)| *included)
    };
    let included: Vec<String> = inclusions
        .iter()
        .filter(|dn| parent_mark(dn) != Some(true))
        .cloned()
        .collect();
    let excluded: Vec<String> = exclusions
        .iter()
        .filter(|dn| parent_mark(dn) == Some(true))
        .cloned()
        .collect();
    if included.is_empty() {
        return None;
    }
    let reincluded = included
        .iter()
        .any(|i| excluded.iter().any(|e| is_strictly_under(i, e)));
    if reincluded {
        return None;
    }
    let whole_domain = included.len() == 1 && included.iter().all(|i| same_dn(i, root));
    Some(OuFilter {
        included: if whole_domain { Vec::new() } else { included },
        excluded,
    })
}

/// A DN's RDNs, lower case, spaces around `=` and `,` dropped.
fn rdns(dn: &str) -> Vec<String> {
    dn.split(',')
        .map(|rdn| match rdn.split_once('=') {
            Some((a, v)) => format!("{}={}", a.trim(), v.trim()).to_lowercase(),
            None => rdn.trim().to_lowercase(),
        })
        .collect()
}

fn rdn_count(dn: &str) -> usize {
    rdns(dn).len()
}

fn same_dn(a: &str, b: &str) -> bool {
    rdns(a) == rdns(b)
}

fn is_strictly_under(dn: &str, container: &str) -> bool {
    let (dn, container) = (rdns(dn), rdns(container));
    dn.len() > container.len() && dn.ends_with(&container)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(list: &[&str]) -> Vec<String> {
        list.iter().map(|x| x.to_string()).collect()
    }

    const ROOT: &str = "DC=contoso,DC=com";

    #[test]
    fn an_excluded_root_with_a_selected_ou_selects_that_ou() {
        let f = to_ou_filter(ROOT, &s(&["OU=CORP,DC=contoso,DC=com"]), &s(&[ROOT])).unwrap();
        assert_eq!(f.included, s(&["OU=CORP,DC=contoso,DC=com"]));
        assert!(f.excluded.is_empty());
    }

    #[test]
    fn a_selected_root_is_the_whole_domain_less_its_cleared_ous() {
        let f = to_ou_filter(ROOT, &s(&[ROOT]), &s(&["OU=Lab, DC=contoso,DC=com"])).unwrap();
        assert!(f.included.is_empty());
        assert_eq!(f.excluded, s(&["OU=Lab, DC=contoso,DC=com"]));
    }

    #[test]
    fn a_reselected_ou_below_a_cleared_one_is_left_unknown() {
        let f = to_ou_filter(
            ROOT,
            &s(&[ROOT, "OU=Keep,OU=Lab,DC=contoso,DC=com"]),
            &s(&["OU=Lab,DC=contoso,DC=com"]),
        );
        assert_eq!(f, None);
        assert_eq!(to_ou_filter(ROOT, &[], &s(&[ROOT])), None);
    }
}
