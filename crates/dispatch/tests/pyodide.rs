//! Differential test against Pyodide (CPython 3.14, the interpreter the page runs): every corpus
//! case is predicted with `predict_on(.., PYODIDE_PYTHON_MINOR)` and run with its probe in Pyodide
//! under node (tests/pyodide/run-probes.mjs, one process for the whole corpus); they must agree
//! on outcome, error line, arguments, defaulted and dropped keys. Needs `npm ci`;
//! PLAYGROUND_SKIP_PYTHON=1 skips the test.

use dispatch::{predict_on, probe, PYODIDE_PYTHON_MINOR};
use serde_json::Value;

mod common;
use common::{cases, observable};

#[path = "../../../tests/pyodide/run_probes.rs"]
mod run_probes;
use run_probes::{run_in_pyodide, skipped, ProbeCase};

#[test]
fn model_agrees_with_pyodide_on_the_corpus() {
    if skipped("Pyodide dispatch test") {
        return;
    }
    let cases = cases();
    assert!(cases.len() >= 60, "the corpus must keep at least 60 cases");
    let mut predictions = Vec::new();
    let mut bundle = Vec::new();
    for (index, case) in cases.iter().enumerate() {
        let code = case.code();
        let module = pysource::parse(&code).unwrap();
        let prediction = predict_on(&module, &case.handler, &case.payload, case.dispatcher, PYODIDE_PYTHON_MINOR)
            .unwrap_or_else(|e| panic!("{case}: {e}"));
        predictions.push(observable(&prediction));
        bundle.push(ProbeCase {
            id: index.to_string(),
            code,
            probe: probe(&case.handler, &case.payload.to_string(), case.dispatcher),
        });
    }
    let results = run_in_pyodide(&bundle);

    let mut disagreements = Vec::new();
    for (index, (case, predicted)) in cases.iter().zip(&predictions).enumerate() {
        match &results[&index.to_string()] {
            Ok(report) => {
                let actual: Value = serde_json::from_str(report).unwrap();
                if predicted != &actual {
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
    eprintln!("{} dispatch cases agree with Pyodide (CPython 3.{PYODIDE_PYTHON_MINOR})", cases.len());
}
