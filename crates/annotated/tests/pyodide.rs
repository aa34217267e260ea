//! Differential test against Pyodide (CPython 3.14, the interpreter the page runs): every corpus
//! case is predicted for 3.14 and run with its probe in Pyodide under node
//! (tests/pyodide/run-probes.mjs, one process for the whole corpus). Needs `npm ci`;
//! PLAYGROUND_SKIP_PYTHON=1 skips the test.

use annotated::PYODIDE_PYTHON_MINOR;
mod common;
use common::cases;

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

    let mut facts = 0;
    let mut disagreements = Vec::new();
    for (index, case) in cases.iter().enumerate() {
        let predicted = case.predict(PYODIDE_PYTHON_MINOR);
        match &results[&index.to_string()] {
            Ok(report) => {
                let agreements = annotated::compare(&predicted, report).unwrap();
                facts += agreements.len();
                for a in agreements.iter().filter(|a| !a.agrees) {
                    disagreements.push(format!("{case}\n  {:?} {}: pyodide {}", a.param, a.what, a.actual));
                }
            }
            Err(error) => disagreements.push(format!("{case}\n  the probe failed in Pyodide: {error}")),
        }
    }
    assert!(
        disagreements.is_empty(),
        "{} facts disagree with Pyodide (CPython 3.{PYODIDE_PYTHON_MINOR}):\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
    eprintln!("{} annotated cases ({facts} facts) agree with Pyodide (CPython 3.{PYODIDE_PYTHON_MINOR})", cases.len());
}
