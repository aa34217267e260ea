//! `data/runtime.json` and `data/modules.json` are what `data/extract_runtime.py` finds on every
//! CPython the machine has and on Pyodide (CPython 3.14): each interpreter runs the script
//! through the page's runner, and its entries in the files must be what it found.
//! CONFORMANCE_WRITE_RUNTIME_DATA=1 rewrites the entries of the interpreters present instead. Needs `npm ci` for Pyodide;
//! PLAYGROUND_SKIP_PYTHON=1 skips the test.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use cpython_truth::Truth;
use serde_json::Value;

const SCRIPT: &str = include_str!("../data/extract_runtime.py");

/// The classes of the typeshed data, whose runtime members the script extracts.
fn typeshed_classes() -> Vec<String> {
    let typeshed: Value = serde_json::from_str(include_str!("../data/typeshed.json")).unwrap();
    typeshed["classes"].as_object().expect("typeshed.json has classes").keys().cloned().collect()
}

/// What the script extracts on `truth`: `{"classes"}` as `runtime.json` holds it for that
/// version, and `{"modules"}`, its standard modules (`standard_modules()`).
fn extracted(truth: &Truth) -> Value {
    let names = serde_json::to_string(&typeshed_classes()).unwrap();
    let probe = format!(
        "import json\nprint({:?} + json.dumps({{'classes': runtime_data({names}), 'modules': standard_modules()}}, \
         sort_keys=True))",
        format!("{} ", lab::PROBE_MARKER)
    );
    let run = truth.run(&[(SCRIPT.to_owned(), Some(probe))]).remove(0);
    let report = run.probe_reports.first().unwrap_or_else(|| {
        panic!("{}: the extraction printed nothing: {:?} {:?}", truth.name(), run.error, run.probe_error)
    });
    serde_json::from_str(report).expect("the extraction prints JSON")
}

/// The data as the file holds it: versions and classes sorted, one class to a line.
fn layout(versions: &serde_json::Map<String, Value>) -> String {
    let sorted = |map: &serde_json::Map<String, Value>| {
        let mut entries: Vec<(String, Value)> = map.clone().into_iter().collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        entries
    };
    let quote = |text: &str| serde_json::to_string(text).unwrap();
    let versions = sorted(versions);
    let mut text = String::from("{\n");
    for (i, (version, classes)) in versions.iter().enumerate() {
        text.push_str(&format!("  {}: {{\n", quote(version)));
        let classes = sorted(classes.as_object().expect("a version's classes"));
        for (j, (name, members)) in classes.iter().enumerate() {
            let comma = if j + 1 < classes.len() { "," } else { "" };
            text.push_str(&format!("    {}: {}{comma}\n", quote(name), serde_json::to_string(members).unwrap()));
        }
        text.push_str(if i + 1 < versions.len() { "  },\n" } else { "  }\n" });
    }
    text.push_str("}\n");
    text
}

/// The modules a package of Pyodide's lock file provides: the page's runner loads that package
/// before code importing one of them runs, which an import in the extraction does not.
fn pyodide_packaged_modules() -> BTreeSet<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../node_modules/pyodide/pyodide-lock.json");
    let lock: Value = serde_json::from_str(&std::fs::read_to_string(&path).expect("npm ci installs Pyodide")).unwrap();
    let packages = lock["packages"].as_object().expect("the lock file lists packages");
    packages
        .values()
        .flat_map(|package| package["imports"].as_array().cloned().unwrap_or_default())
        .filter_map(|name| name.as_str().map(str::to_owned))
        .collect()
}

/// One version's modules as the lab reads them: all, missing (ImportError) and unknown.
#[derive(Clone, Debug, PartialEq)]
struct VersionModules {
    modules: BTreeSet<String>,
    missing: BTreeSet<String>,
    unknown: BTreeSet<String>,
}

fn names(value: &Value) -> BTreeSet<String> {
    value
        .as_array()
        .map(|names| names.iter().filter_map(|n| n.as_str().map(str::to_owned)).collect())
        .unwrap_or_default()
}

/// What `modules.json` holds, by version.
fn read_modules(data: &Value) -> BTreeMap<String, VersionModules> {
    let mut versions = BTreeMap::new();
    let mut modules = names(&data["modules"]);
    for (version, entry) in data["versions"].as_object().into_iter().flatten() {
        modules.retain(|m| !names(&entry["removed"]).contains(m));
        modules.extend(names(&entry["added"]));
        versions.insert(
            version.clone(),
            VersionModules {
                modules: modules.clone(),
                missing: names(&entry["missing"]),
                unknown: names(&entry["unknown"]),
            },
        );
    }
    versions
}

/// `modules.json`'s text: the first version's modules in full, then each version's changes from
/// the one before, and its missing and unknown modules.
fn modules_layout(versions: &BTreeMap<String, VersionModules>) -> String {
    let list = |names: &BTreeSet<String>| serde_json::to_string(names).unwrap();
    let Some((first, first_modules)) = versions.iter().next() else { return "{}\n".to_owned() };
    let mut text = format!(
        "{{\n  \"python\": {:?},\n  \"modules\": {},\n  \"versions\": {{\n",
        first,
        list(&first_modules.modules)
    );
    let mut previous: Option<&VersionModules> = None;
    for (i, (version, entry)) in versions.iter().enumerate() {
        let mut fields = Vec::new();
        if let Some(previous) = previous {
            fields
                .push(format!("\"added\": {}", list(&entry.modules.difference(&previous.modules).cloned().collect())));
            fields.push(format!(
                "\"removed\": {}",
                list(&previous.modules.difference(&entry.modules).cloned().collect())
            ));
        }
        fields.push(format!("\"missing\": {}", list(&entry.missing)));
        fields.push(format!("\"unknown\": {}", list(&entry.unknown)));
        let comma = if i + 1 < versions.len() { "," } else { "" };
        text.push_str(&format!("    {version:?}: {{{}}}{comma}\n", fields.join(", ")));
        previous = Some(entry);
    }
    text.push_str("  }\n}\n");
    text
}

#[test]
fn the_runtime_data_is_what_every_python_has() {
    let truths: Vec<Truth> =
        Truth::cpythons("runtime data").into_iter().chain(Truth::pyodide("runtime data Pyodide")).collect();
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/runtime.json");
    let modules_path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/modules.json");
    let mut committed: serde_json::Map<String, Value> = std::fs::read_to_string(&path)
        .ok()
        .map(|text| serde_json::from_str(&text).expect("runtime.json is JSON"))
        .unwrap_or_default();
    let mut committed_modules = std::fs::read_to_string(&modules_path)
        .ok()
        .map(|text| read_modules(&serde_json::from_str(&text).expect("modules.json is JSON")))
        .unwrap_or_default();
    let write = std::env::var_os("CONFORMANCE_WRITE_RUNTIME_DATA").is_some();
    let mut stale = Vec::new();
    for truth in &truths {
        let version = format!("3.{}", truth.minor());
        let extraction = extracted(truth);
        let found = extraction["classes"].clone();
        assert!(found.as_object().is_some_and(|classes| classes.len() > 50), "{version}: {found}");
        if committed.get(&version) != Some(&found) {
            stale.push(truth.name());
            committed.insert(version.clone(), found);
        }
        let modules = &extraction["modules"];
        let mut found = VersionModules {
            modules: names(&modules["modules"]),
            missing: names(&modules["missing"]),
            unknown: names(&modules["broken"]),
        };
        assert!(found.modules.len() > 200 && found.modules.contains("os"), "{version}: {modules}");
        if truth.minor() == lab::PYODIDE_PYTHON_MINOR {
            let packaged = pyodide_packaged_modules();
            let loaded: BTreeSet<String> = found.missing.intersection(&packaged).cloned().collect();
            found.missing.retain(|m| !loaded.contains(m));
            found.unknown.extend(loaded);
        }
        if committed_modules.get(&version) != Some(&found) {
            stale.push(truth.name());
            committed_modules.insert(version, found);
        }
    }
    if write {
        std::fs::write(&path, layout(&committed)).unwrap();
        std::fs::write(&modules_path, modules_layout(&committed_modules)).unwrap();
        eprintln!("wrote {} and {} ({} changed: {stale:?})", path.display(), modules_path.display(), stale.len());
        return;
    }
    assert!(
        stale.is_empty(),
        "data/runtime.json or data/modules.json is stale for {stale:?}: regenerate them with \
         CONFORMANCE_WRITE_RUNTIME_DATA=1 cargo test -p conformance --test runtime_data"
    );
}
