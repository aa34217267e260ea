//! The differential corpus shared by the CPython and Pyodide tests: each case is a prelude file
//! (classes that register finalizers) followed by a short program.

use std::path::{Path, PathBuf};

use cpython_truth::Expected;
use lifetime::FinalizeLab;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Case {
    prelude: String,
    body: String,
}

impl Case {
    pub fn code(&self) -> String {
        let prelude = std::fs::read_to_string(tests_dir().join("corpus").join(&self.prelude)).unwrap();
        format!("{prelude}\n{}\n", self.body)
    }
}

impl std::fmt::Display for Case {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {:?}", self.prelude, self.body)
    }
}

fn tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")
}

pub fn cases() -> Vec<Case> {
    serde_json::from_str(&std::fs::read_to_string(tests_dir().join("cases.json")).unwrap()).unwrap()
}

/// What the corpus checks: every line each program prints, and how it ends.
pub const EXPECTED: Expected = Expected { cases: 109, checked: 572, declined: 25 };

/// Every program as a case of the lab contract.
pub fn lab_cases() -> Vec<cpython_truth::Case<FinalizeLab>> {
    cases().iter().map(|case| cpython_truth::Case { name: case.to_string(), code: case.code(), input: () }).collect()
}
