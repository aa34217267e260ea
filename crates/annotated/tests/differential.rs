//! Differential test: every corpus case is predicted by the model and run through the probe by
//! the machine's CPython (one batched process); they must agree on every parameter's hints and
//! messages and on the pipeline's error. PLAYGROUND_PYTHON chooses the interpreter,
//! PLAYGROUND_SKIP_PYTHON=1 skips.

use annotated::PROBE_MARKER;
use cpython_truth::Python;

mod common;
use common::cases;

#[test]
fn model_agrees_with_cpython_on_the_corpus() {
    let Some(python) = Python::from_env("annotated") else { return };
    let minor = python.minor;
    let cases = cases();
    assert!(cases.len() >= 30, "the corpus must keep at least 30 cases");
    let predictions: Vec<_> = cases.iter().map(|case| case.predict(minor)).collect();
    let sources: Vec<String> = cases.iter().map(|case| format!("{}\n{}", case.code(), case.probe())).collect();

    let reports = python.probe_reports(&sources, PROBE_MARKER);
    assert_eq!(reports.len(), cases.len(), "one probe line per case");

    let mut facts = 0;
    let mut disagreements = Vec::new();
    for ((case, predicted), report) in cases.iter().zip(&predictions).zip(&reports) {
        let agreements = annotated::compare(predicted, report).unwrap();
        facts += agreements.len();
        for a in agreements.iter().filter(|a| !a.agrees) {
            disagreements
                .push(format!("{case}\n  {:?} {}: model {:?}, cpython {}", a.param, a.what, predicted, a.actual));
        }
    }
    assert!(
        disagreements.is_empty(),
        "{} facts disagree with CPython 3.{minor}:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
    eprintln!("{} annotated cases ({facts} facts) agree with CPython 3.{minor}", cases.len());
}
