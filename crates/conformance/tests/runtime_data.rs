//! `data/runtime.json` is what `data/extract_runtime.py` finds on every CPython the machine has
//! and on Pyodide (CPython 3.14): each interpreter runs the script through the page's runner, and
//! its entry in the file must be what it found. CONFORMANCE_WRITE_RUNTIME_DATA=1 rewrites the
//! entries of the interpreters present instead. Needs `npm ci` for Pyodide;
//! PLAYGROUND_SKIP_PYTHON=1 skips the test.

use std::path::PathBuf;

use cpython_truth::Truth;
use serde_json::Value;

const SCRIPT: &str = include_str!("../data/extract_runtime.py");

/// The classes of the typeshed data, whose runtime members the script extracts.
fn typeshed_classes() -> Vec<String> {
    let typeshed: Value = serde_json::from_str(include_str!("../data/typeshed.json")).unwrap();
    typeshed["classes"].as_object().expect("typeshed.json has classes").keys().cloned().collect()
}

/// What the script extracts on `truth`, as `runtime.json` holds it for that version.
fn extracted(truth: &Truth) -> Value {
    let names = serde_json::to_string(&typeshed_classes()).unwrap();
    let probe = format!(
        "import json\nprint({:?} + json.dumps(runtime_data({names}), sort_keys=True))",
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

#[test]
fn the_runtime_data_is_what_every_python_has() {
    let truths: Vec<Truth> =
        Truth::cpythons("runtime data").into_iter().chain(Truth::pyodide("runtime data Pyodide")).collect();
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/runtime.json");
    let mut committed: serde_json::Map<String, Value> = std::fs::read_to_string(&path)
        .ok()
        .map(|text| serde_json::from_str(&text).expect("runtime.json is JSON"))
        .unwrap_or_default();
    let write = std::env::var_os("CONFORMANCE_WRITE_RUNTIME_DATA").is_some();
    let mut stale = Vec::new();
    for truth in &truths {
        let version = format!("3.{}", truth.minor());
        let found = extracted(truth);
        assert!(found.as_object().is_some_and(|classes| classes.len() > 50), "{version}: {found}");
        if committed.get(&version) != Some(&found) {
            stale.push(truth.name());
            committed.insert(version, found);
        }
    }
    if write {
        std::fs::write(&path, layout(&committed)).unwrap();
        eprintln!("wrote {} ({} changed: {stale:?})", path.display(), stale.len());
        return;
    }
    assert!(
        stale.is_empty(),
        "data/runtime.json is stale for {stale:?}: regenerate it with CONFORMANCE_WRITE_RUNTIME_DATA=1 \
         cargo test -p conformance --test runtime_data"
    );
}
