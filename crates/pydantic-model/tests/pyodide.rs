//! Differential test against pydantic 2.14.4 in Pyodide (CPython 3.14, the interpreter the page
//! runs) under node, loaded from the same pinned wheels the page serves: every corpus case is
//! predicted for 3.14 and validated there through the page's runner. Needs `npm ci` and the
//! wheels the setup downloads; PLAYGROUND_SKIP_PYTHON=1 skips the test.

mod common;

use cpython_truth::Expected;

/// The same facts as on the venv's CPython: no case of the corpus depends on the version.
const EXPECTED: Expected = Expected { cases: 273, checked: 3863, declined: 21 };

#[test]
fn model_agrees_with_pydantic_in_pyodide_on_the_corpus() {
    let Some(truth) = cpython_truth::Truth::pyodide("Pyodide pydantic") else { return };
    let cases = common::cases();
    let outcomes = cpython_truth::check_corpus(&truth, &cases, EXPECTED);
    common::assert_declines_are_named(&cases, &outcomes);
}
