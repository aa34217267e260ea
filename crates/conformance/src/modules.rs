//! Which standard-library modules import on each Python the lab predicts for
//! (`data/modules.json`, found by `data/extract_runtime.py` on every CPython and on Pyodide): a
//! class body's `try: import tomllib` runs its handler only where the import raises
//! ImportError, which is each interpreter's own answer, kept as data. A module outside the
//! standard library imports or not by what is installed, which no reading of the code can know.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use serde::Deserialize;

/// `data/modules.json`: the standard library's top-level modules of the first version in full,
/// each later version's by its changes, and every version's missing ones.
#[derive(Deserialize)]
struct ModulesData {
    /// The version `modules` lists ("3.11").
    python: String,
    modules: BTreeSet<String>,
    versions: BTreeMap<String, VersionModules>,
}

/// One version's entry of `data/modules.json`.
#[derive(Default, Deserialize)]
struct VersionModules {
    /// The modules new in this version, and those gone from it, against the one before.
    #[serde(default)]
    added: BTreeSet<String>,
    #[serde(default)]
    removed: BTreeSet<String>,
    /// The modules whose import raises ImportError on it (`msvcrt` off Windows).
    missing: BTreeSet<String>,
    /// The modules whose import the lab does not predict: it raises something else, or the
    /// page's runner loads a package for it before the code runs.
    unknown: BTreeSet<String>,
}

fn data() -> &'static ModulesData {
    static DATA: OnceLock<ModulesData> = OnceLock::new();
    DATA.get_or_init(|| serde_json::from_str(include_str!("../data/modules.json")).expect("modules.json"))
}

/// Whether `import name` (a top-level module) succeeds on Python 3.`python_minor`: false where
/// it raises ImportError; why the lab does not know otherwise.
pub(crate) fn imports(name: &str, python_minor: u8) -> Result<bool, String> {
    let data = data();
    let version = format!("3.{python_minor}");
    let Some(entry) = data.versions.get(&version) else {
        return Err(format!("the lab has no list of the modules Python {version} has"));
    };
    let mut modules = data.modules.clone();
    for (earlier, changes) in data.versions.range(data.python.clone()..=version.clone()) {
        if *earlier != data.python {
            modules.retain(|m| !changes.removed.contains(m));
            modules.extend(changes.added.iter().cloned());
        }
    }
    if !modules.contains(name) {
        return Err(format!(
            "`{name}` is not a module of Python {version}'s standard library: whether it imports depends on what \
             is installed, which no reading of the code can know"
        ));
    }
    if entry.unknown.contains(name) {
        return Err(format!(
            "importing `{name}` on Python {version} raises something other than ImportError, or loads a package \
             first, which the lab does not follow"
        ));
    }
    Ok(!entry.missing.contains(name))
}

#[cfg(test)]
mod tests {
    use super::imports;

    #[test]
    fn a_module_imports_by_each_versions_data() {
        assert_eq!(imports("tomllib", 11), Ok(true));
        assert_eq!(imports("msvcrt", 12), Ok(false), "not on Linux");
        assert_eq!(imports("imghdr", 12), Ok(true));
        assert!(imports("imghdr", 13).is_err(), "gone in 3.13: whatever is installed decides");
        assert!(imports("yaml", 14).is_err());
    }
}
