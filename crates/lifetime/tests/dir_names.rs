//! `data/dir_names.json` is what `data/dir_names.py` finds on every CPython the machine has and
//! on Pyodide (CPython 3.14): each interpreter runs the script through the page's runner, and its
//! entry in the file must be what it found. LIFETIME_WRITE_DIR_NAMES=1 rewrites the entries of
//! the interpreters present instead. Needs `npm ci` for Pyodide; PLAYGROUND_SKIP_PYTHON=1 skips.

use std::path::PathBuf;

use cpython_truth::Truth;
use serde_json::{Map, Value};

const SCRIPT: &str = include_str!("../data/dir_names.py");

/// What the script finds on `truth`.
fn found(truth: &Truth) -> Value {
    let probe = format!("import json\nprint({:?} + json.dumps(dir_names()))", format!("{} ", lab::PROBE_MARKER));
    let run = truth.run(&[(SCRIPT.to_owned(), Some(probe))]).remove(0);
    let report = run.probe_reports.first().unwrap_or_else(|| {
        panic!("{}: the script printed nothing: {:?} {:?}", truth.name(), run.error, run.probe_error)
    });
    serde_json::from_str(report).expect("the script prints JSON")
}

/// The file's text: versions in order, each kind of names on a line.
fn layout(versions: &Map<String, Value>) -> String {
    let mut versions: Vec<(&String, &Value)> = versions.iter().collect();
    versions.sort_by_key(|(version, _)| version.split('.').map(|n| n.parse::<u32>().unwrap_or(0)).collect::<Vec<_>>());
    let entries: Vec<String> = versions
        .iter()
        .map(|(version, names)| {
            let lines: Vec<String> = ["object", "class"]
                .iter()
                .map(|kind| format!("    {kind:?}: {}", serde_json::to_string(&names[*kind]).unwrap()))
                .collect();
            format!("  {version:?}: {{\n{}\n  }}", lines.join(",\n"))
        })
        .collect();
    format!("{{\n{}\n}}\n", entries.join(",\n"))
}

#[test]
fn the_dir_names_are_what_every_python_has() {
    let truths: Vec<Truth> =
        Truth::cpythons("dir names").into_iter().chain(Truth::pyodide("dir names Pyodide")).collect();
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/dir_names.json");
    let mut committed: Map<String, Value> = std::fs::read_to_string(&path)
        .ok()
        .map(|text| serde_json::from_str(&text).expect("dir_names.json is JSON"))
        .unwrap_or_default();
    let mut stale = Vec::new();
    for truth in &truths {
        let version = format!("3.{}", truth.minor());
        let names = found(truth);
        assert!(names["object"].as_array().is_some_and(|n| n.len() > 20), "{version}: {names}");
        if committed.get(&version) != Some(&names) {
            stale.push(truth.name());
            committed.insert(version, names);
        }
    }
    if std::env::var_os("LIFETIME_WRITE_DIR_NAMES").is_some() {
        std::fs::write(&path, layout(&committed)).unwrap();
        eprintln!("wrote {} ({} changed: {stale:?})", path.display(), stale.len());
        return;
    }
    assert!(
        stale.is_empty(),
        "data/dir_names.json is stale for {stale:?}: regenerate it with \
         LIFETIME_WRITE_DIR_NAMES=1 cargo test -p lifetime --test dir_names"
    );
}
