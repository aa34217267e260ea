//! Runs a batch of probe cases in Pyodide through `tests/pyodide/run-probes.mjs`, for the crates'
//! Pyodide differential tests, which include this file with `#[path]` (it needs `serde` and
//! `serde_json`). One node process, one Pyodide load, per call.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use serde::{Deserialize, Serialize};

/// One case: `code` runs in a fresh `__main__`, then `probe` in the same namespace.
#[derive(Serialize)]
pub struct ProbeCase {
    pub id: String,
    pub code: String,
    pub probe: String,
}

#[derive(Deserialize)]
struct ProbeResult {
    id: String,
    report: Option<String>,
    error: Option<String>,
}

fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Whether PLAYGROUND_SKIP_PYTHON=1 asks to skip the test (said on stderr).
pub fn skipped(test: &str) -> bool {
    let skip = std::env::var("PLAYGROUND_SKIP_PYTHON").as_deref() == Ok("1");
    if skip {
        eprintln!("PLAYGROUND_SKIP_PYTHON=1: {test} skipped");
    }
    skip
}

/// Each case's probe report (the JSON after the marker), or the error that prevented it, by id.
/// Panics, telling to run `npm ci`, when node or the pyodide package is missing.
pub fn run_in_pyodide(cases: &[ProbeCase]) -> BTreeMap<String, Result<String, String>> {
    let root = workspace_root();
    assert!(
        root.join("node_modules/pyodide/package.json").exists(),
        "node_modules/pyodide is missing: run `npm ci` at the workspace root (or set PLAYGROUND_SKIP_PYTHON=1 to skip)"
    );
    let batch =
        std::env::temp_dir().join(format!("pyodide-cases-{}-{}.json", env!("CARGO_PKG_NAME"), std::process::id()));
    std::fs::write(&batch, serde_json::to_string(cases).unwrap()).unwrap();
    let output = Command::new("node")
        .arg(root.join("tests/pyodide/run-probes.mjs"))
        .arg(&batch)
        .current_dir(&root)
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run node: {e}; install Node.js and run `npm ci` (or set PLAYGROUND_SKIP_PYTHON=1 to skip)")
        });
    std::fs::remove_file(&batch).ok();
    assert!(output.status.success(), "run-probes.mjs failed:\n{}", String::from_utf8_lossy(&output.stderr));
    let results: Vec<ProbeResult> = serde_json::from_slice(&output.stdout).expect("run-probes.mjs prints a JSON array");
    let results: BTreeMap<_, _> = results
        .into_iter()
        .map(|r| {
            let outcome = r.report.ok_or_else(|| r.error.unwrap_or_else(|| "neither report nor error".into()));
            (r.id, outcome)
        })
        .collect();
    assert_eq!(results.len(), cases.len(), "run-probes.mjs answers every case once");
    results
}
