//! Differential test against Pyodide (CPython 3.14, the interpreter the page runs): every corpus
//! case is predicted for 3.14 and run with its probe through the page's runner in Pyodide under
//! node. Needs `npm ci`; PLAYGROUND_SKIP_PYTHON=1 skips the test.

mod common;

#[test]
fn model_agrees_with_pyodide_on_the_corpus() {
    let Some(truth) = cpython_truth::Truth::pyodide("Pyodide annotated") else { return };
    let outcomes = cpython_truth::check_corpus(&truth, &common::lab_cases(&truth), common::EXPECTED);
    common::assert_validators(&outcomes);
}
