//! The differential corpus of the pydantic model: every case of `tests/cases.json` (a target of
//! a corpus file, a JSON input and a mode), and what a suite asserts about the declined facts.

use std::path::{Path, PathBuf};

use lab::Verdict;
use pydantic_model::{Mode, PydanticInput, PydanticLab};
use serde::Deserialize;

#[derive(Deserialize)]
struct Group {
    file: String,
    target: String,
    mode: String,
    inputs: Vec<String>,
}

fn tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")
}

pub fn cases() -> Vec<cpython_truth::Case<PydanticLab>> {
    let groups: Vec<Group> =
        serde_json::from_str(&std::fs::read_to_string(tests_dir().join("cases.json")).unwrap()).unwrap();
    let mut cases = Vec::new();
    for group in groups {
        let code = std::fs::read_to_string(tests_dir().join("corpus").join(&group.file)).unwrap();
        for input in group.inputs {
            cases.push(cpython_truth::Case {
                name: format!("{} {} {} {input}", group.file, group.target, group.mode),
                code: code.clone(),
                input: PydanticInput { target: group.target.clone(), input, mode: Mode::parse(&group.mode).unwrap() },
            });
        }
    }
    cases
}

/// Every declined fact names what and where, and comes with pydantic's own answer.
pub fn assert_declines_are_named(
    cases: &[cpython_truth::Case<PydanticLab>],
    outcomes: &[cpython_truth::Outcome<PydanticLab>],
) {
    for (case, outcome) in cases.iter().zip(outcomes) {
        for check in &outcome.comparison.checks {
            if let Verdict::Declined(reason) = &check.verdict {
                assert!(reason.starts_with("line "), "{}: {reason}", case.name);
                assert!(check.actual.is_some(), "{}: {check:?}", case.name);
            }
        }
    }
}
