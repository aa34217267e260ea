//! Differential test against Pyodide (CPython 3.14, the interpreter the page runs): every corpus
//! case is predicted for 3.14 and run with its probe in Pyodide under node
//! (tests/pyodide/run-probes.mjs, one process for the whole corpus). Needs `npm ci`;
//! PLAYGROUND_SKIP_PYTHON=1 skips the test.

use annotated::PYODIDE_PYTHON_MINOR;
use serde_json::Value;

mod common;
use common::{cases, comparable};

#[path = "../../../tests/pyodide/run_probes.rs"]
mod run_probes;
use run_probes::{run_in_pyodide, skipped, ProbeCase};

#[test]
fn model_agrees_with_pyodide_on_the_corpus() {
    if skipped("Pyodide annotated test") {
        return;
    }
    let cases = cases();
    assert!(cases.len() >= 30, "the corpus must keep at least 30 cases");
    let bundle: Vec<ProbeCase> = cases
        .iter()
        .enumerate()
        .map(|(index, case)| ProbeCase { id: index.to_string(), code: case.code(), probe: case.probe() })
        .collect();
    let results = run_in_pyodide(&bundle);

    let mut disagreements = Vec::new();
    for (index, case) in cases.iter().enumerate() {
        let predicted = case.predict(PYODIDE_PYTHON_MINOR);
        match &results[&index.to_string()] {
            Ok(report) => {
                let actual = comparable(&serde_json::from_str::<Value>(report).unwrap(), &predicted);
                if predicted != actual {
                    disagreements.push(format!("{case}\n  model:   {predicted}\n  pyodide: {actual}"));
                }
            }
            Err(error) => disagreements.push(format!("{case}\n  the probe failed in Pyodide: {error}")),
        }
    }
    assert!(
        disagreements.is_empty(),
        "{} of {} cases disagree with Pyodide (CPython 3.{PYODIDE_PYTHON_MINOR}):\n{}",
        disagreements.len(),
        cases.len(),
        disagreements.join("\n")
    );
    eprintln!("{} annotated cases agree with Pyodide (CPython 3.{PYODIDE_PYTHON_MINOR})", cases.len());
}
