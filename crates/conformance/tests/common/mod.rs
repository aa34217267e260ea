//! The differential corpus shared by the CPython and Pyodide tests.

use std::path::PathBuf;

use conformance::ProtocolLab;
use cpython_truth::{Case, Expected};

/// What the corpus checks: every (class, Protocol) pair's runtime verdict.
pub const EXPECTED: Expected = Expected { cases: 14, checked: 534, declined: 163 };

/// How many static verdicts the model declines on the corpus, exactly (checked against mypy).
#[allow(dead_code)] // The Pyodide suite checks runtime verdicts only.
pub const STATIC_DECLINED: usize = 139;

/// `(file stem, source)` of every `tests/corpus/*.py`, sorted by name.
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
        .collect()
}

/// Every corpus file as a case of the lab contract.
pub fn cases() -> Vec<Case<ProtocolLab>> {
    corpus().into_iter().map(|(name, code)| Case { name, code, input: () }).collect()
}
