//! The differential corpus shared by the CPython and Pyodide tests.

use std::path::{Path, PathBuf};

use annotated::{AnnotatedInput, AnnotatedLab};
use cpython_truth::Expected;
use serde::Deserialize;
use serde_json::Value;

/// `tests/cases.json`: a function of a corpus file meets each of its values.
#[derive(Deserialize)]
struct Group {
    file: String,
    function: String,
    values: Vec<Value>,
}

pub struct Case {
    pub file: String,
    pub function: String,
    /// The values as JSON text, keys in the order written.
    pub values: String,
}

impl Case {
    pub fn code(&self) -> String {
        std::fs::read_to_string(tests_dir().join("corpus").join(&self.file)).unwrap()
    }
}

impl std::fmt::Display for Case {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {} values={}", self.file, self.function, self.values)
    }
}

fn tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")
}

/// Every (function, values) of `tests/cases.json`. The values' key order matters (the pipeline
/// follows it), so each is cut out of the file's text rather than re-serialized.
pub fn cases() -> Vec<Case> {
    let text = std::fs::read_to_string(tests_dir().join("cases.json")).unwrap();
    let groups: Vec<Group> = serde_json::from_str(&text).unwrap();
    let mut raw = raw_values(&text).into_iter();
    let mut cases = Vec::new();
    for group in groups {
        for _ in &group.values {
            cases.push(Case {
                file: group.file.clone(),
                function: group.function.clone(),
                values: raw.next().unwrap(),
            });
        }
    }
    cases
}

/// The text of every element of every `"values": [...]` list, in order.
fn raw_values(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (start, _) in text.match_indices("\"values\": [") {
        let mut depth = 0usize;
        let mut item_start = None;
        let mut in_string = false;
        let mut escaped = false;
        for (offset, c) in text[start + 11..].char_indices() {
            let at = start + 11 + offset;
            if in_string {
                match (escaped, c) {
                    (true, _) => escaped = false,
                    (false, '\\') => escaped = true,
                    (false, '"') => in_string = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '"' => in_string = true,
                '{' | '[' => {
                    if depth == 0 {
                        item_start = Some(at);
                    }
                    depth += 1;
                }
                '}' | ']' if depth > 0 => {
                    depth -= 1;
                    if depth == 0 {
                        found.push(text[item_start.take().unwrap()..=at].to_owned());
                    }
                }
                ']' => break,
                _ => {}
            }
        }
    }
    found
}

/// What the corpus checks: each parameter's hints and messages, and how the validator ends.
pub const EXPECTED: Expected = Expected { cases: 30, checked: 100, declined: 2 };

/// Every case under the lab contract.
pub fn lab_cases() -> Vec<cpython_truth::Case<AnnotatedLab>> {
    cases()
        .iter()
        .map(|case| cpython_truth::Case {
            name: case.to_string(),
            code: case.code(),
            input: AnnotatedInput { function: case.function.clone(), values: case.values.clone() },
        })
        .collect()
}
