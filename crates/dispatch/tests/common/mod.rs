//! The differential corpus shared by the CPython and Pyodide tests, and the part of a prediction
//! that the probe observes.

use std::path::{Path, PathBuf};

use cpython_truth::Expected;
use dispatch::{DispatchInput, DispatchLab, Dispatcher};
use serde::Deserialize;
use serde_json::Value;

/// `tests/cases.json`: every handler of a corpus file meets every payload.
#[derive(Deserialize)]
struct Group {
    file: String,
    handlers: Vec<String>,
    payloads: Vec<Value>,
}

pub struct Case {
    pub file: String,
    pub handler: String,
    pub payload: Value,
    pub dispatcher: Dispatcher,
}

impl Case {
    /// The corpus file the handler is in.
    pub fn code(&self) -> String {
        std::fs::read_to_string(corpus_dir().join("corpus").join(&self.file)).unwrap()
    }
}

impl std::fmt::Display for Case {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {} {:?} payload={}", self.file, self.handler, self.dispatcher, self.payload)
    }
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")
}

/// Every (handler, payload) of `tests/cases.json`, each with both dispatchers.
pub fn cases() -> Vec<Case> {
    let groups: Vec<Group> =
        serde_json::from_str(&std::fs::read_to_string(corpus_dir().join("cases.json")).unwrap()).unwrap();
    let mut cases = Vec::new();
    for group in groups {
        for handler in &group.handlers {
            for payload in &group.payloads {
                for dispatcher in [Dispatcher::Naive, Dispatcher::Strict] {
                    cases.push(Case {
                        file: group.file.clone(),
                        handler: handler.clone(),
                        payload: payload.clone(),
                        dispatcher,
                    });
                }
            }
        }
    }
    cases
}

/// What the corpus checks: five observable fields per case.
pub const EXPECTED: Expected = Expected { cases: 60, checked: 300, declined: 0 };

/// Every case under the lab contract.
pub fn lab_cases() -> Vec<cpython_truth::Case<DispatchLab>> {
    cases()
        .iter()
        .map(|case| cpython_truth::Case {
            name: case.to_string(),
            code: case.code(),
            input: DispatchInput {
                handler: case.handler.clone(),
                payload: case.payload.to_string(),
                dispatcher: case.dispatcher,
            },
        })
        .collect()
}
