//! Differential test against Pyodide (CPython 3.14, the interpreter the page runs): every corpus
//! program runs with the probe through the page's runner in Pyodide under node, and the
//! simulation's lines must match. Needs `npm ci`; PLAYGROUND_SKIP_PYTHON=1 skips.

mod common;

#[test]
fn simulation_agrees_with_pyodide() {
    let Some(truth) = cpython_truth::Truth::pyodide("Pyodide lifetime") else { return };
    cpython_truth::check_corpus(&truth, &common::lab_cases(), common::EXPECTED);
}

/// The programs an exception ends, through the page's runner in Pyodide: the Run ends with the
/// predicted error (the runner reports the traceback's last line).
#[test]
fn escaping_exceptions_agree_with_pyodide() {
    let Some(truth) = cpython_truth::Truth::pyodide("Pyodide lifetime escaping") else { return };
    let cases = common::escaping_cases();
    assert!(cases.len() >= common::ESCAPING_EXPECTED.cases, "the escaping corpus keeps its cases");
    let runs: Vec<(String, Option<String>)> = cases.iter().map(|case| (case.code(), None)).collect();
    let results = truth.run(&runs);
    let mut problems = Vec::new();
    let mut predicted_errors = 0;
    for (case, result) in cases.iter().zip(&results) {
        let code = lab::Code::parse(&case.code()).unwrap();
        let prediction = <lifetime::FinalizeLab as lab::Lab>::predict(&code, &(), truth.minor()).unwrap();
        if prediction.not_modelled.is_some() {
            continue;
        }
        predicted_errors += 1;
        if result.status != "error" || result.error != prediction.error {
            problems.push(format!(
                "{case}\n  model: {:?}\n  run:   {} {:?}",
                prediction.error, result.status, result.error
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
