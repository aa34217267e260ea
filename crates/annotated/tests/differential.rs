//! Differential test: every corpus case is predicted by the model and run with its probe through
//! the page's runner by the machine's CPython (one batched process); they must agree on every
//! parameter's hints and messages and on how the validator ends. PLAYGROUND_PYTHON chooses the
//! interpreter, PLAYGROUND_SKIP_PYTHON=1 skips.

mod common;

#[test]
fn model_agrees_with_cpython_on_the_corpus() {
    let Some(truth) = cpython_truth::Truth::cpython("annotated") else { return };
    let outcomes = cpython_truth::check_corpus(&truth, &common::lab_cases(), common::EXPECTED);
    common::assert_validators(&outcomes);
}
