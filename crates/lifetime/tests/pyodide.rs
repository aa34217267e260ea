//! Differential test against Pyodide (CPython 3.14, the interpreter the page runs): every corpus
//! program runs with the probe in Pyodide under node (tests/pyodide/run-probes.mjs, one process),
//! and the simulation's lines must match. Needs `npm ci`; PLAYGROUND_SKIP_PYTHON=1 skips.

mod common;
use common::{cases, disagreements};

#[path = "../../../tests/pyodide/run_probes.rs"]
mod run_probes;
use run_probes::{run_in_pyodide, skipped, ProbeCase};

#[test]
fn simulation_agrees_with_pyodide() {
    if skipped("Pyodide lifetime test") {
        return;
    }
    let cases = cases();
    assert!(cases.len() >= 30, "the corpus must keep at least 30 programs");
    // The page's worker runs the code first, then the probe; so does this.
    let bundle: Vec<ProbeCase> = cases
        .iter()
        .enumerate()
        .map(|(i, c)| ProbeCase { id: i.to_string(), code: c.code(), probe: lifetime::probe(&c.code()) })
        .collect();
    let results = run_in_pyodide(&bundle);
    let mut problems = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let simulation = lifetime::simulate(&case.code()).unwrap();
        match &results[&i.to_string()] {
            Ok(report) => {
                let report: serde_json::Value = serde_json::from_str(report).unwrap();
                let lines: Vec<String> = serde_json::from_value(report["lines"].clone()).unwrap();
                problems.extend(disagreements(case, &simulation, &lines, "pyodide"));
            }
            Err(error) => problems.push(format!("{case}\n  the probe failed in Pyodide: {error}")),
        }
    }
    assert!(problems.is_empty(), "{} disagreements with Pyodide:\n{}", problems.len(), problems.join("\n"));
    eprintln!("{} lifetime programs agree with Pyodide (CPython 3.14)", cases.len());
}
