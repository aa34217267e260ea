//! Differential test against Pyodide (CPython 3.14, the interpreter the page runs): every corpus
//! program runs with the probe through the page's runner in Pyodide under node, and the
//! simulation's lines must match. Needs `npm ci`; PLAYGROUND_SKIP_PYTHON=1 skips.

mod common;

#[test]
fn simulation_agrees_with_pyodide() {
    let Some(truth) = cpython_truth::Truth::pyodide("Pyodide lifetime") else { return };
    cpython_truth::check_corpus(&truth, &common::lab_cases(), common::EXPECTED);
}

/// The programs an exception ends, through the page's runner and the probe in Pyodide, as the
/// page checks them after a Run: the probe's lines and ending agree, and the Run itself ends
/// with the predicted error (the runner reports the traceback's last line).
#[test]
fn escaping_exceptions_agree_with_pyodide() {
    let Some(truth) = cpython_truth::Truth::pyodide("Pyodide lifetime escaping") else { return };
    let cases = common::escaping_lab_cases();
    let outcomes = cpython_truth::check_corpus(&truth, &cases, common::escaping_probed(&truth));
    let mut problems = Vec::new();
    let mut predicted_errors = 0;
    for (case, outcome) in cases.iter().zip(&outcomes) {
        let prediction = &outcome.prediction;
        if prediction.not_modelled.is_some() {
            continue;
        }
        predicted_errors += 1;
        let error_agrees = match (&prediction.error, &outcome.run.error) {
            (Some(predicted), Some(error)) => lifetime::line_agrees(predicted, error),
            (predicted, error) => predicted == error,
        };
        if outcome.run.status != "error" || !error_agrees {
            problems.push(format!(
                "{}\n  model: {:?}\n  run:   {} {:?}",
                case.name, prediction.error, outcome.run.status, outcome.run.error
            ));
        }
    }
    assert!(problems.is_empty(), "{} disagreements with Pyodide:\n{}", problems.len(), problems.join("\n"));
    assert_eq!(
        predicted_errors,
        common::ESCAPING_PREDICTED,
        "escaping programs whose error the model predicts on Pyodide"
    );
}
