//! Differential test: every corpus case is predicted by the model and run with its probe through
//! the page's runner by every CPython on the machine (one batched process each); they must agree on the
//! outcome, the error line and what every parameter received. `cpython_truth::Truth::cpythons`
//! finds the interpreters; PLAYGROUND_SKIP_PYTHON=1 skips.

mod common;

#[test]
fn model_agrees_with_cpython_on_the_corpus() {
    for truth in cpython_truth::Truth::cpythons("dispatch") {
        let outcomes = cpython_truth::check_corpus(&truth, &common::lab_cases(), common::EXPECTED);
        common::check_sources(&outcomes);
    }
}
