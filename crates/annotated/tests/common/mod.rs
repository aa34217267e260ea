//! The differential corpus shared by the CPython and Pyodide tests.

use std::path::{Path, PathBuf};

use annotated::{AnnotatedInput, AnnotatedLab, ValidatorSource};
use cpython_truth::{Expected, Outcome};
use lab::Verdict;
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

/// What the corpus checks: each parameter's hints and messages, how the validator ends, and
/// (when the code's own `check` runs) the lines it printed that name no parameter. Declined:
/// `owner`'s `Loud()` metadata has its own `__repr__` (2 cases of rules.py, 2 of with_check.py,
/// one fact each); with_check.py's `{"name": "ada", "return": 1}` reaches the return annotation
/// (5 facts); and every validator fact of edited_check.py's 3 cases, whose `check` the lab does
/// not model (3 + 3 + 3 messages, 3 other lines, 3 endings).
pub const EXPECTED: Expected = Expected { cases: 70, checked: 550, declined: 24 };

/// Where the page's example starts its pydantic part: everything from this line on needs
/// pydantic, and everything before it only the standard library.
pub const PYDANTIC_PART: &str = "import annotated_types as at\n";

/// Every case under the lab contract, as `truth` can run it. The page's example ends with a
/// part that imports pydantic, which Pyodide has (the page ships it) and a machine's CPython
/// may lack; there the example runs up to that part. The lab's facts are all about what comes
/// before it (`sign_up`, its hints and `check`), so they are the same either way.
pub fn lab_cases(truth: &cpython_truth::Truth) -> Vec<cpython_truth::Case<AnnotatedLab>> {
    let pydantic = has_pydantic(truth);
    cases()
        .iter()
        .map(|case| {
            let mut code = case.code();
            if !pydantic && case.file.ends_with("src/examples/annotated.py") {
                let start = code.find(PYDANTIC_PART).expect("the example's pydantic part starts with its import");
                code.truncate(start);
            }
            cpython_truth::Case {
                name: case.to_string(),
                code,
                input: AnnotatedInput { function: case.function.clone(), values: case.values.clone() },
            }
        })
        .collect()
}

fn has_pydantic(truth: &cpython_truth::Truth) -> bool {
    match truth {
        cpython_truth::Truth::Pyodide => true,
        cpython_truth::Truth::CPython { program, .. } => std::process::Command::new(program)
            .args(["-c", "import pydantic"])
            .output()
            .is_ok_and(|output| output.status.success()),
    }
}

/// Whether a fact is about `get_type_hints`, which does not depend on the validator.
fn is_hint_fact(subject: &str) -> bool {
    subject.ends_with(": get_type_hints") || subject.ends_with(": include_extras=True")
}

/// What each corpus file's validator must be, and what becomes of its facts: the example's
/// `check` (in the example and in with_check.py, reworded and with a local renamed) is
/// recognized and its messages are judged; the edited `check` of edited_check.py is run but
/// never judged (every validator fact declined, with CPython's answer kept); rules.py has no
/// `check`, so the lab's own pipeline runs and the probe shows it.
pub fn assert_validators(outcomes: &[Outcome<AnnotatedLab>]) {
    let cases = cases();
    assert_eq!(cases.len(), outcomes.len());
    let mut seen = [0usize; 3];
    for (case, outcome) in cases.iter().zip(outcomes) {
        let prediction = &outcome.prediction;
        match case.file.as_str() {
            "edited_check.py" => {
                seen[0] += 1;
                assert!(
                    matches!(&prediction.validator, ValidatorSource::Unrecognized { line: 83, why } if why.contains("line 87")),
                    "{case}: {:?}",
                    prediction.validator
                );
                for check in &outcome.comparison.checks {
                    if is_hint_fact(&check.subject) {
                        assert_eq!(check.verdict, Verdict::Agreed, "{case}: {check:?}");
                    } else {
                        let Verdict::Declined(reason) = &check.verdict else {
                            panic!("{case}: an edited check's fact was judged: {check:?}")
                        };
                        assert!(reason.starts_with("your check (line 83) is not the one the lab models: "), "{reason}");
                        assert!(check.predicted.is_none() && check.actual.is_some(), "{case}: {check:?}");
                    }
                }
                assert!(outcome.comparison.checked() > 0 && outcome.comparison.disagreed() == 0);
            }
            "with_check.py" | "../../../../src/examples/annotated.py" => {
                seen[1] += 1;
                assert!(
                    matches!(prediction.validator, ValidatorSource::Page { .. }),
                    "{case}: {:?}",
                    prediction.validator
                );
                if prediction.not_modelled.is_none() {
                    for check in outcome.comparison.checks.iter().filter(|c| !is_hint_fact(&c.subject)) {
                        assert_eq!(check.verdict, Verdict::Agreed, "{case}: {check:?}");
                    }
                }
            }
            _ => {
                seen[2] += 1;
                assert_eq!(prediction.validator, ValidatorSource::Lab, "{case}");
            }
        }
    }
    assert!(seen.iter().all(|&n| n > 0), "every kind of validator is in the corpus: {seen:?}");

    // The page's example, called as the page calls it: its check's messages, exactly.
    let example = cases.iter().position(|c| c.file.ends_with("annotated.py")).unwrap();
    assert_eq!(
        outcomes[example].prediction.messages,
        ["name='al': shorter than 3", "age=-4: outside 0..150", "password=***: shorter than 8"]
    );
    assert!(outcomes[example].comparison.check("name: messages").unwrap().agrees());

    // Where the example's check parts from the lab's pipeline, the prediction follows the check.
    let ended = |file: &str, values: &str| {
        let index = cases.iter().position(|c| c.file == file && c.values == values).unwrap();
        outcomes[index].prediction.error.clone()
    };
    let int_origin = "AttributeError: type object 'int' has no attribute '__origin__'";
    assert_eq!(ended("with_check.py", r#"{"title": 5, "count": 3}"#).as_deref(), Some(int_origin));
    assert_eq!(ended("rules.py", r#"{"title": 5, "count": 3}"#), None);
    assert_eq!(
        ended("with_check.py", r#"{"func": "f", "name": "al"}"#).as_deref(),
        Some("TypeError: check() got multiple values for argument 'func'")
    );
}
