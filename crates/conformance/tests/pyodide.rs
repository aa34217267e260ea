//! Differential test against Pyodide (CPython 3.14, the interpreter the page runs): every corpus
//! file runs with its probe through the page's runner in Pyodide under node, and the model's
//! runtime verdict for every (class, Protocol) pair must agree. Needs `npm ci`;
//! PLAYGROUND_SKIP_PYTHON=1 skips the test.

mod common;

#[test]
fn runtime_verdicts_agree_with_pyodide_on_the_corpus() {
    let Some(truth) = cpython_truth::Truth::pyodide("Pyodide conformance") else { return };
    cpython_truth::check_corpus(&truth, &common::cases(), common::expected(truth.minor()));
}
