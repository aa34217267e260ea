//! Differential test: every corpus case is predicted by the model and run with its probe through
//! the page's runner by the machine's CPython (one batched process); they must agree on the
//! outcome, the error line and what every parameter received. PLAYGROUND_PYTHON chooses the
//! interpreter, PLAYGROUND_SKIP_PYTHON=1 skips.

mod common;

#[test]
fn model_agrees_with_cpython_on_the_corpus() {
    let Some(truth) = cpython_truth::Truth::cpython("dispatch") else { return };
    let outcomes = cpython_truth::check_corpus(&truth, &common::lab_cases(), common::EXPECTED);
    common::check_sources(&outcomes);
}
