//! The differential corpus shared by the CPython and Pyodide tests.

use std::path::PathBuf;

use conformance::ProtocolLab;
use cpython_truth::{Case, Expected};

/// How many (class, Protocol) pairs the corpus has, each a runtime fact and a static verdict
/// to check.
pub const FACTS: usize = 3932;

/// How many runtime verdicts the model declines on the corpus for each Python 3 minor version,
/// exactly: a `try` importing a module that is not in a version's standard library is declined
/// there only.
const RUNTIME_DECLINED: &[(u8, usize)] = &[(11, 153), (12, 153), (13, 159), (14, 159)];

/// What the corpus checks on Python 3.`python_minor`: every (class, Protocol) pair's runtime
/// verdict, the declined ones excepted.
pub fn expected(python_minor: u8) -> Expected {
    let (_, declined) = RUNTIME_DECLINED
        .iter()
        .find(|(minor, _)| *minor == python_minor)
        .copied()
        .unwrap_or_else(|| panic!("no runtime expectation for Python 3.{python_minor}"));
    Expected { cases: 60, checked: FACTS - declined, declined }
}

/// How many static verdicts the model declines on the corpus for each Python 3 minor version,
/// exactly (checked against mypy with `--python-version`).
#[allow(dead_code)] // The Pyodide suite checks runtime verdicts only.
pub const STATIC_DECLINED: &[(u8, usize)] = &[(11, 64), (12, 64), (13, 64), (14, 64)];

/// The Protocol page's example, which the corpus holds too.
const PAGE_EXAMPLE: &str = include_str!("../../../../src/examples/protocol.py");

/// `(file stem, source)` of every `tests/corpus/*.py`, sorted by name, then the page's example.
pub fn corpus() -> Vec<(String, String)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "py"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| (path.file_stem().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&path).unwrap()))
        .chain([("page_example".to_owned(), PAGE_EXAMPLE.to_owned())])
        .collect()
}

/// Every corpus file as a case of the lab contract.
pub fn cases() -> Vec<Case<ProtocolLab>> {
    corpus().into_iter().map(|(name, code)| Case { name, code, input: () }).collect()
}
