//! Differential test: every corpus case is predicted by the model and run by the machine's
//! CPython (one batched process); they must agree on outcome, error line, arguments, defaulted
//! and dropped keys. Set PLAYGROUND_PYTHON to choose the interpreter, PLAYGROUND_SKIP_PYTHON=1 to skip.

use cpython_truth::Python;
use dispatch::{predict_on, probe, PROBE_MARKER};
use serde_json::Value;

mod common;
use common::{cases, observable};

#[test]
fn model_agrees_with_cpython_on_the_corpus() {
    let Some(python) = Python::from_env("dispatch") else { return };
    let minor = python.minor;
    let cases = cases();
    assert!(cases.len() >= 60, "the corpus must keep at least 60 cases");

    let mut sources = Vec::new();
    let mut predictions = Vec::new();
    for case in &cases {
        let code = case.code();
        let module = pysource::parse(&code).unwrap();
        let prediction = predict_on(&module, &case.handler, &case.payload, case.dispatcher, minor)
            .unwrap_or_else(|e| panic!("{} {}: {e}", case.file, case.handler));
        predictions.push(prediction);
        sources.push(format!("{code}\n{}", probe(&case.handler, &case.payload.to_string(), case.dispatcher)));
    }
    let observed: Vec<Value> =
        python.probe_reports(&sources, PROBE_MARKER).iter().map(|json| serde_json::from_str(json).unwrap()).collect();
    assert_eq!(observed.len(), cases.len(), "one probe line per case");

    let mut disagreements = Vec::new();
    for ((case, predicted), actual) in cases.iter().zip(&predictions).zip(&observed) {
        let predicted_json = observable(predicted);
        if &predicted_json != actual {
            disagreements.push(format!("{case}\n  model:   {predicted_json}\n  cpython: {actual}"));
        }
    }
    assert!(
        disagreements.is_empty(),
        "{} of {} cases disagree with CPython 3.{minor}:\n{}",
        disagreements.len(),
        cases.len(),
        disagreements.join("\n")
    );
    eprintln!("{} dispatch cases agree with CPython 3.{minor}", cases.len());
}
