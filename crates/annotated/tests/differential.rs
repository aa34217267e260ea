//! Differential test: every corpus case is predicted by the model and run with its probe through
//! the page's runner by every CPython on the machine (one batched process each); they must agree on every
//! parameter's hints and messages and on how the validator ends. `cpython_truth::Truth::cpythons`
//! finds the interpreters; PLAYGROUND_SKIP_PYTHON=1 skips.

mod common;

#[test]
fn model_agrees_with_cpython_on_the_corpus() {
    for truth in cpython_truth::Truth::cpythons("annotated") {
        let outcomes = cpython_truth::check_corpus(&truth, &common::lab_cases(&truth), common::EXPECTED);
        common::assert_validators(&outcomes);
    }
}
