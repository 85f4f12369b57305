//! YAML read as a generic tree (serde_yaml), for the files that are not read as
//! facts straight from events: `*.test.yaml` files, their `base:` files and
//! `import --base`. Each text first goes through the facts loader's bounded
//! event source ([`check_yaml_budget`]), so every YAML file the tool reads has
//! one budget of nesting, expanded events and expanded bytes.

use super::events::{check_yaml_budget, YamlBudgetError};
use std::fmt;

/// Why a YAML text could not be read as a tree.
#[derive(Debug)]
pub enum TreeError {
    /// Over the budget of nesting or alias expansion.
    Budget(YamlBudgetError),
    /// Not valid YAML.
    Syntax(serde_yaml::Error),
}

impl TreeError {
    /// The byte offset of the problem, when known.
    pub fn offset(&self) -> Option<usize> {
        match self {
            TreeError::Budget(_) => None,
            TreeError::Syntax(e) => e.location().map(|l| l.index()),
        }
    }
}

impl fmt::Display for TreeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TreeError::Budget(e) => write!(
                f,
                "at line {}, column {}: {}, the limit",
                e.line, e.column, e.message
            ),
            TreeError::Syntax(e) => write!(f, "{e}"),
        }
    }
}

/// Read a YAML text as a tree, within the budget; merge keys (`<<: *defaults`)
/// are left as they are.
pub fn read_yaml_tree(text: &str) -> Result<serde_yaml::Value, TreeError> {
    check_yaml_budget(text).map_err(TreeError::Budget)?;
    serde_yaml::from_str(text).map_err(TreeError::Syntax)
}
