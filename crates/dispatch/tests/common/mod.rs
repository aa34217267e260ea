//! The differential corpus shared by the CPython and Pyodide tests.

use std::path::{Path, PathBuf};

use cpython_truth::{Expected, Outcome};
use dispatch::{DispatchInput, DispatchLab, Dispatcher, DispatcherSource};
use lab::Verdict;
use serde::Deserialize;
use serde_json::Value;

/// `tests/cases.json`: every handler of a corpus file meets every payload. A payload written as
/// a JSON string is the payload's text as typed (to keep integers beyond 64 bits, `-0`, `1E5`).
#[derive(Deserialize)]
struct Group {
    file: String,
    handlers: Vec<String>,
    payloads: Vec<Value>,
}

pub struct Case {
    pub file: String,
    pub handler: String,
    pub payload: String,
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
                let payload = match payload {
                    Value::String(text) => text.clone(),
                    value => value.to_string(),
                };
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

/// What the corpus checks: `outcome`, `error` and every parameter of a successful binding, or of
/// one whose body then raises as the lab reads it (bodies.py).
/// Declined, on purpose (125): every fact of unrecognized.py, whose `dispatch` is not one the lab
/// predicts (7: outcome and error of 2 cases, and the parameters CPython saw in the one it
/// entered the handler); the outcome and error of bound.py's `unbound = Api.get` given
/// `self=1`, whose body (a method's, not read) then fails (4); in bodies.py, the list and dict
/// defaults its bodies use (10: `mutated`, `handed_out`), and the outcome and error of the bodies
/// that raise in ways the lab does not follow (96: 8 handlers, 6 cases each: a raise after a
/// statement, a bare `raise`, a global argument, keywords, OSError's two arguments, a class with
/// its own `__str__`, one with its own `__module__`, a class name the function makes local); in reached_defaults.py, the display defaults of a module that reaches
/// frames' locals (8).
pub const EXPECTED: Expected = Expected { cases: 3988, checked: 10339, declined: 125 };

/// Every case under the lab contract; the suites do not time the dispatch (`measure_cost`).
pub fn lab_cases() -> Vec<cpython_truth::Case<DispatchLab>> {
    cases()
        .iter()
        .map(|case| cpython_truth::Case {
            name: case.to_string(),
            code: case.code(),
            input: DispatchInput {
                handler: case.handler.clone(),
                payload: case.payload.clone(),
                dispatcher: case.dispatcher,
                measure_cost: false,
            },
        })
        .collect()
}

/// The suite's own checks beyond the counts (cpython-truth's LAB_SHOW_DECLINED=1 lists every declined
/// fact): which dispatcher each case predicted, and that a
/// `dispatch` the lab cannot predict is never judged.
pub fn check_sources(outcomes: &[Outcome<DispatchLab>]) {
    let cases = cases();
    assert_eq!(cases.len(), outcomes.len());
    let (mut page, mut unrecognized) = (0, 0);
    for (case, outcome) in cases.iter().zip(outcomes) {
        let source = &outcome.prediction.dispatcher_source;
        let comparison = &outcome.comparison;
        match (case.file.as_str(), case.dispatcher) {
            (_, Dispatcher::Strict) => assert_eq!(*source, DispatcherSource::Lab, "{case}"),
            ("page.py" | "page_inline.py" | "passes_all.py", Dispatcher::Naive) => {
                assert!(matches!(source, DispatcherSource::Page { line: 5 | 6, .. }), "{case}: {source:?}");
                assert!(comparison.checked() >= 1, "{case}: the page's dispatch is checked");
                page += 1;
            }
            ("unrecognized.py", Dispatcher::Naive) => {
                let DispatcherSource::Unrecognized { line: 5, why, .. } = source else { panic!("{case}: {source:?}") };
                assert!(why.contains("is not the filter"), "{case}: {why}");
                assert_eq!(comparison.checked(), 0, "{case}: nothing is judged");
                assert!(!comparison.agrees() && comparison.problem.is_none(), "{case}");
                for check in &comparison.checks {
                    let Verdict::Declined(reason) = &check.verdict else { panic!("{case}: {check:?} was judged") };
                    assert!(reason.starts_with("your dispatch (line 5) is not one the lab can predict"), "{reason}");
                    assert!(check.actual.is_some(), "{case}: CPython's answer is shown for {}", check.subject);
                }
                unrecognized += 1;
            }
            (_, Dispatcher::Naive) => assert_eq!(*source, DispatcherSource::Lab, "{case}"),
        }
    }
    assert!(page > 0 && unrecognized > 0);
}
