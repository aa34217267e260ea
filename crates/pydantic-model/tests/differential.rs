//! Differential test: every case of `tests/cases.json` (a target of a corpus file, a JSON input
//! and a mode) is predicted by the model and validated by real pydantic 2.14.4, in the venv's
//! python (`tests/setup-pydantic.sh` installs it, hashes checked), with the lab's own probe run
//! after the code through the page's runner. They must agree on the verdict, every error's
//! `(loc, type, msg)`, and every key of the JSON Schema. PLAYGROUND_SKIP_PYTHON=1 skips.

mod common;

use std::path::{Path, PathBuf};

use cpython_truth::{Expected, Truth};

/// The venv's python, where pydantic is installed.
fn venv_python() -> String {
    let venv = std::env::var("PLAYGROUND_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/py-venv"));
    let python = venv.join("bin/python");
    assert!(
        python.exists(),
        "no venv at {}: run crates/pydantic-model/tests/setup-pydantic.sh (or set PLAYGROUND_SKIP_PYTHON=1 to skip)",
        venv.display()
    );
    python.to_string_lossy().into_owned()
}

/// What the corpus checks: per case the verdict, the number of errors, each error, and each
/// key of the schema (each property and definition on its own). Declined, each case's verdict
/// and errors (2 facts) and its schema (1 fact): the 6 classes of declined.py (a
/// field_validator, an AfterValidator, a lambda Predicate, a string forward reference, a
/// Predicate on a float, an AliasPath: 6 cases × 3) and constraints.py's Huge (a bound written
/// `10**30`: 3).
const EXPECTED: Expected = Expected { cases: 273, checked: 3863, declined: 21 };

#[test]
fn model_agrees_with_pydantic_on_the_corpus() {
    let Some(truth) = Truth::program("pydantic", venv_python_or_skip()) else { return };
    let cases = common::cases();
    let outcomes = cpython_truth::check_corpus(&truth, &cases, EXPECTED);
    common::assert_declines_are_named(&cases, &outcomes);
}

fn venv_python_or_skip() -> String {
    if std::env::var("PLAYGROUND_SKIP_PYTHON").as_deref() == Ok("1") {
        return String::new();
    }
    venv_python()
}
