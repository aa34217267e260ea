//! The differential corpus shared by the CPython and Pyodide tests: each case is a prelude file
//! (classes that register finalizers) followed by a short program.

use std::path::{Path, PathBuf};

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

/// The disagreements between the simulation of `case` and the lines CPython printed.
pub fn disagreements(case: &Case, simulation: &lifetime::Simulation, lines: &[String], who: &str) -> Vec<String> {
    let report = serde_json::json!({ "lines": lines, "error": null }).to_string();
    let checks = lifetime::compare(simulation, &report).unwrap();
    if checks.iter().all(|c| c.agrees) {
        return Vec::new();
    }
    vec![format!("{case}\n  model: {:?}\n  {who}: {lines:?}", simulation.output)]
}
