//! Differential test against Pyodide (CPython 3.14, the interpreter the page runs): every corpus
//! program runs with the probe through the page's runner in Pyodide under node, and the
//! simulation's lines must match. Needs `npm ci`; PLAYGROUND_SKIP_PYTHON=1 skips.

mod common;

#[test]
fn simulation_agrees_with_pyodide() {
    let Some(truth) = cpython_truth::Truth::pyodide("Pyodide lifetime") else { return };
    cpython_truth::check_corpus(&truth, &common::lab_cases(), common::EXPECTED);
}
