//! Applying a test case's `patch` to its base facts.
//!
//! Each top-level key of a patch is a *path* into the facts: field names joined by
//! `.`, list items by `[N]`, and `[+]` at the end to append to a list
//! (`connectors[0].password_sync`, `events[+]`). The value at the path is merged
//! as in JSON merge patch (RFC 7386): a mapping is merged key by key, recursively;
//! `null` removes the key (for an optional fact, the same as unknown); anything
//! else, lists included, replaces what was there. Keys *below* the top level are
//! plain keys, so map keys with dots (`Microsoft.Synchronize.ForceFullPasswordSync`)
//! are written nested: `connectors[0].global_parameters: { Microsoft.Synchronize.ForceFullPasswordSync: "1" }`.

use serde_yaml::{Mapping, Value};

/// One step of a patch path.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
    Append,
}

/// Apply `patch` to `facts`; the message says which key could not be applied.
pub fn apply_patch(facts: &mut Value, patch: &Mapping) -> Result<(), String> {
    for (key, value) in patch {
        let Some(path) = key.as_str() else {
            return Err("the keys of `patch` must be fact paths (strings)".to_string());
        };
        let steps = parse_path(path)?;
        apply_at(facts, &steps, value.clone(), path)?;
    }
    Ok(())
}

/// Most steps in a patch path: facts nest no deeper than this, so a longer path
/// can only be a mistake (or a 100,000-step path built to exhaust memory).
const MAX_PATH_STEPS: usize = crate::limits::MAX_FACTS_DEPTH;

/// `connectors[0].domains[1].reachable` → its steps.
fn parse_path(path: &str) -> Result<Vec<Step>, String> {
    let bad = |why: &str| format!("`{}` is not a fact path: {why}", crate::diag::clipped(path));
    // Counted before any step is built: each `.` and `[` starts one.
    let steps_written = path.matches(['.', '[']).count().saturating_add(1);
    if steps_written > MAX_PATH_STEPS {
        return Err(bad(&format!(
            "it has {steps_written} segments, more than the limit of {MAX_PATH_STEPS}"
        )));
    }
    let mut steps = Vec::new();
    for segment in path.split('.') {
        let (name, mut rest) = segment.split_at(segment.find('[').unwrap_or(segment.len()));
        if name.is_empty() {
            return Err(bad("a field name is missing"));
        }
        steps.push(Step::Key(name.to_string()));
        while !rest.is_empty() {
            if !rest.starts_with('[') {
                return Err(bad("write list items as `name[0]`"));
            }
            let Some(close) = rest.find(']') else {
                return Err(bad("a `[` is not closed"));
            };
            let inside = rest.get(1..close).unwrap_or("");
            steps.push(match inside {
                "+" => Step::Append,
                n => Step::Index(
                    n.parse()
                        .map_err(|_| bad("an item is `[N]` with a number, or `[+]` to append"))?,
                ),
            });
            rest = rest.get(close + 1..).unwrap_or("");
        }
    }
    if steps.iter().rev().skip(1).any(|s| *s == Step::Append) {
        return Err(bad("`[+]` appends, so it can only come last"));
    }
    Ok(steps)
}

fn apply_at(target: &mut Value, steps: &[Step], value: Value, path: &str) -> Result<(), String> {
    let Some((step, rest)) = steps.split_first() else {
        merge(target, value);
        return Ok(());
    };
    match step {
        Step::Key(key) => {
            if target.is_null() {
                *target = Value::Mapping(Mapping::new());
            }
            let Value::Mapping(map) = target else {
                return Err(format!("`{path}`: `{key}` is not inside a mapping"));
            };
            if rest.is_empty() && value.is_null() {
                map.remove(key.as_str());
                return Ok(());
            }
            let child = map.entry(Value::String(key.clone())).or_insert(Value::Null);
            apply_at(child, rest, value, path)
        }
        Step::Index(i) => {
            let Value::Sequence(items) = target else {
                return Err(format!("`{path}`: `[{i}]` is not an item of a list"));
            };
            let len = items.len();
            if rest.is_empty() && value.is_null() && *i < len {
                items.remove(*i);
                return Ok(());
            }
            let Some(item) = items.get_mut(*i) else {
                return Err(format!(
                    "`{path}`: the list has {len} item{}, so `[{i}]` is out of range",
                    if len == 1 { "" } else { "s" }
                ));
            };
            apply_at(item, rest, value, path)
        }
        Step::Append => {
            if target.is_null() {
                *target = Value::Sequence(Vec::new());
            }
            let (Value::Sequence(items), Value::Sequence(new)) = (&mut *target, value) else {
                return Err(format!(
                    "`{path}`: `[+]` appends the items of a list to a list; write the items as a list"
                ));
            };
            items.extend(new);
            Ok(())
        }
    }
}

/// JSON merge patch: mappings merge recursively, `null` removes, the rest replaces.
fn merge(target: &mut Value, patch: Value) {
    let Value::Mapping(patch) = patch else {
        *target = patch;
        return;
    };
    if !target.is_mapping() {
        *target = Value::Mapping(Mapping::new());
    }
    if let Value::Mapping(map) = target {
        for (key, value) in patch {
            if value.is_null() {
                map.remove(&key);
            } else {
                merge(map.entry(key).or_insert(Value::Null), value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(text: &str) -> Value {
        serde_yaml::from_str(text).unwrap_or(Value::Null)
    }

    fn patched(base: &str, patch: &str) -> Result<Value, String> {
        let mut facts = yaml(base);
        let Value::Mapping(patch) = yaml(patch) else {
            return Err("patch is not a mapping".into());
        };
        apply_patch(&mut facts, &patch).map(|()| facts)
    }

    const BASE: &str = "tenant: { name: t, password_hash_sync: true }\nconnectors:\n  - { name: a, password_sync: true, global_parameters: {} }\n  - { name: b }\nevents: [{ id: 1 }]\n";

    #[test]
    fn a_path_edits_one_list_item() {
        let got = patched(BASE, "connectors[0].password_sync: false");
        assert_eq!(
            got,
            Ok(yaml(&BASE.replace(
                "password_sync: true, global",
                "password_sync: false, global"
            )))
        );
    }

    #[test]
    fn mappings_merge_and_lists_are_replaced() {
        let got = patched(
            BASE,
            "tenant: { password_hash_sync: null, extra: 1 }\nevents: []",
        );
        let want = BASE
            .replace(
                "{ name: t, password_hash_sync: true }",
                "{ name: t, extra: 1 }",
            )
            .replace("[{ id: 1 }]", "[]");
        assert_eq!(got, Ok(yaml(&want)));
    }

    #[test]
    fn nested_keys_with_dots_are_plain_keys() {
        let got = patched(BASE, "connectors[0].global_parameters: { Microsoft.Synchronize.ForceFullPasswordSync: \"1\" }");
        let want = BASE.replace(
            "global_parameters: {}",
            "global_parameters: { Microsoft.Synchronize.ForceFullPasswordSync: \"1\" }",
        );
        assert_eq!(got, Ok(yaml(&want)));
    }

    #[test]
    fn append_and_remove_items() {
        let got = patched(BASE, "events[+]: [{ id: 2 }]\nconnectors[1]: null");
        let want = BASE
            .replace("  - { name: b }\n", "")
            .replace("[{ id: 1 }]", "[{ id: 1 }, { id: 2 }]");
        assert_eq!(got, Ok(yaml(&want)));
    }

    #[test]
    fn bad_paths_say_why() {
        let out_of_range = patched(BASE, "connectors[5].name: x");
        assert_eq!(
            out_of_range,
            Err("`connectors[5].name`: the list has 2 items, so `[5]` is out of range".into())
        );
        assert!(patched(BASE, "events[+].id: 3").is_err());
        assert!(patched(BASE, "connectors[x]: 1").is_err());
        assert!(patched(BASE, "tenant.name[0]: 1").is_err());
    }
}
