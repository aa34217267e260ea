//! The lab contract: the one shape every lab model has, so that the page, `playground predict`,
//! the differential suites and the fuzzer treat the five labs alike.
//!
//! A lab ([`Lab`]) takes the page's code, parsed once ([`Code`]), and one input of its own, and
//! returns a prediction. For that prediction it writes a [`Probe`]: what makes CPython report
//! the truth. [`Lab::compare`] then holds the prediction against the report and counts every
//! fact: agreed, disagreed, or declined (the model did not predict it, and says why). A count
//! of zero checked facts is never agreement ([`Comparison::agrees`]).
//!
//! Nothing here knows about the web: the crate builds for native and wasm32 alike.

mod both;
mod suggestions;
mod unicode_versions;

use std::fmt;

pub use both::{Both, BothInput, BothPrediction};
pub use suggestions::suggest;
pub use unicode_versions::version_dependent_chars;
pub mod remote;

use pysource::{Module, Source, SyntaxError};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// The line prefix every probe prints before its one JSON report.
pub const PROBE_MARKER: &str = "__PATTERN_PLAYGROUND__";

/// The CPython minor version Pyodide runs, which the page predicts for.
pub const PYODIDE_PYTHON_MINOR: u8 = 14;

/// The page's code parsed once: every view a model reads comes from this one parse.
#[derive(Debug)]
pub struct Code {
    source: Source,
    module: Module,
}

impl Code {
    pub fn parse(code: &str) -> Result<Code, SyntaxError> {
        let source = Source::parse(code)?;
        Ok(Code { module: source.module(), source })
    }

    pub fn text(&self) -> &str {
        self.source.code()
    }

    pub fn source(&self) -> &Source {
        &self.source
    }

    /// The classes and top-level functions.
    pub fn module(&self) -> &Module {
        &self.module
    }
}

/// One lab model under the contract.
pub trait Lab {
    /// The lab's name in `playground predict NAME` and in the suites' messages.
    const NAME: &'static str;
    /// What the user chooses besides the code (a handler and payload, a heap size, ...).
    type Input: Clone + fmt::Debug + PartialEq + Default + Serialize + DeserializeOwned;
    /// Plain data both ways: the page receives it serialized from the worker that predicts.
    type Prediction: Clone + fmt::Debug + PartialEq + Serialize + DeserializeOwned;

    /// The prediction for `code` and `input` on CPython 3.`python_minor`. An `Err` is a
    /// problem with the input that leaves nothing to predict; what the model cannot follow in
    /// the code is declined inside the prediction, fact by fact.
    fn predict(code: &Code, input: &Self::Input, python_minor: u8) -> Result<Self::Prediction, InputProblem>;

    /// What makes CPython report the truth for `prediction` of `code`; None when there is
    /// nothing to ask.
    fn probe(code: &Code, prediction: &Self::Prediction, input: &Self::Input) -> Option<Probe>;

    /// Every fact of `prediction` held against `report`, the JSON the probe printed after
    /// [`PROBE_MARKER`] (or, for [`Probe::Companion`], the companion's report).
    fn compare(prediction: &Self::Prediction, report: &str) -> Comparison;
}

/// Why a lab has nothing to predict: the input is not one it can read (a payload that is not
/// JSON, a handler that is not in the code).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputProblem(pub String);

impl fmt::Display for InputProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InputProblem {}

/// How the truth for a prediction is obtained.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Probe {
    /// Python run after the user's code, in the same namespace, that prints one
    /// `__PATTERN_PLAYGROUND__ {json}` line. `own_code` is the code of the lab's own that the
    /// probe runs besides the user's, which the page shows, read-only and labelled.
    /// `after_error`: the probe runs the user's code again itself, in a namespace of its own, so
    /// it can report on code that raised or exited with a status, as well as on code that
    /// finished; other probes read what the code left and run only after code that finished.
    Python {
        source: String,
        own_code: Option<OwnCode>,
        #[serde(default)]
        after_error: bool,
    },
    /// A native experiment (a browser cannot fork): `playground ARGS...` prints the report.
    Companion { args: Vec<String> },
}

impl Probe {
    /// A probe that runs only the user's code and the probe's reporting.
    pub fn python(source: String) -> Probe {
        Probe::Python { source, own_code: None, after_error: false }
    }

    /// A probe that runs the user's code again itself, and so also reports on code that raised.
    pub fn rerunning(source: String) -> Probe {
        Probe::Python { source, own_code: None, after_error: true }
    }

    /// The Python source, for probes that have one.
    pub fn python_source(&self) -> Option<&str> {
        match self {
            Probe::Python { source, .. } => Some(source),
            Probe::Companion { .. } => None,
        }
    }

    /// Whether the probe runs after code that raised too (see [`Probe::Python`]).
    pub fn after_error(&self) -> bool {
        matches!(self, Probe::Python { after_error: true, .. })
    }

    pub fn own_code(&self) -> Option<&OwnCode> {
        match self {
            Probe::Python { own_code, .. } => own_code.as_ref(),
            Probe::Companion { .. } => None,
        }
    }
}

/// Code of the lab's own that runs with the user's, shown on the page under `label`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OwnCode {
    pub label: String,
    pub code: String,
}

/// One fact of a prediction, and what CPython said of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Check {
    /// What the fact is about, stable enough for a view to find it: `Sink × FileSink runtime`,
    /// `line 3`, `name messages`.
    pub subject: String,
    /// The prediction, as text; None where the model declined.
    pub predicted: Option<String>,
    /// CPython's answer, as text; None where the report has none.
    pub actual: Option<String>,
    pub verdict: Verdict,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "verdict", content = "reason", rename_all = "snake_case")]
pub enum Verdict {
    Agreed,
    Disagreed,
    /// Not predicted, and why: the model declines rather than guess.
    Declined(String),
}

impl Check {
    /// A predicted fact: agreed when the prediction equals CPython's answer.
    pub fn compared(subject: impl Into<String>, predicted: impl Into<String>, actual: Option<String>) -> Check {
        let predicted = predicted.into();
        let verdict = if actual.as_deref() == Some(predicted.as_str()) { Verdict::Agreed } else { Verdict::Disagreed };
        Check { subject: subject.into(), predicted: Some(predicted), actual, verdict }
    }

    /// A fact the model did not predict, with CPython's answer where there is one.
    pub fn declined(subject: impl Into<String>, reason: impl Into<String>, actual: Option<String>) -> Check {
        Check { subject: subject.into(), predicted: None, actual, verdict: Verdict::Declined(reason.into()) }
    }

    pub fn agrees(&self) -> bool {
        self.verdict == Verdict::Agreed
    }
}

/// A prediction held against CPython's report, fact by fact.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub checks: Vec<Check>,
    /// Why the report could not be read at all, or why the lab does not judge it; the checks
    /// are then all declined.
    pub problem: Option<String>,
}

impl Comparison {
    /// A report that could not be read: nothing is judged.
    pub fn unreadable(problem: impl Into<String>) -> Comparison {
        Comparison { checks: Vec::new(), problem: Some(problem.into()) }
    }

    /// Facts held against CPython: agreed or disagreed.
    pub fn checked(&self) -> usize {
        self.checks.iter().filter(|c| !matches!(c.verdict, Verdict::Declined(_))).count()
    }

    pub fn agreed(&self) -> usize {
        self.count(|v| *v == Verdict::Agreed)
    }

    pub fn disagreed(&self) -> usize {
        self.count(|v| *v == Verdict::Disagreed)
    }

    pub fn declined(&self) -> usize {
        self.count(|v| matches!(v, Verdict::Declined(_)))
    }

    /// CPython agreed with every fact checked, and at least one was checked.
    pub fn agrees(&self) -> bool {
        self.problem.is_none() && self.checked() > 0 && self.disagreed() == 0
    }

    fn count(&self, which: impl Fn(&Verdict) -> bool) -> usize {
        self.checks.iter().filter(|c| which(&c.verdict)).count()
    }

    /// The check about `subject`, for views that show a verdict next to the fact.
    pub fn check(&self, subject: &str) -> Option<&Check> {
        self.checks.iter().find(|c| c.subject == subject)
    }

    /// The counts in words: `CPython agreed on 12 of 12; 2 not predicted`.
    pub fn summary(&self) -> String {
        let declined = match self.declined() {
            0 => String::new(),
            n => format!("; {n} not predicted"),
        };
        match self.checked() {
            0 => format!("Nothing was checked{declined}"),
            checked => format!("CPython agreed on {} of {checked}{declined}", self.agreed()),
        }
    }
}

/// The report a probe printed: the text after [`PROBE_MARKER`] on the first line that has it.
pub fn report_in(output: &str) -> Option<&str> {
    output.lines().find_map(|line| line.strip_prefix(PROBE_MARKER)).map(str::trim)
}

/// `text` as a Python string literal (a JSON string is one: serde_json never writes `\/`).
pub fn python_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// `code` indented by four spaces, for nesting it in a probe's function.
pub fn indent(code: &str) -> String {
    code.lines()
        .map(|line| if line.is_empty() { String::new() } else { format!("    {line}") })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comparison(verdicts: &[Verdict]) -> Comparison {
        Comparison {
            checks: verdicts
                .iter()
                .map(|v| Check { subject: "x".into(), predicted: None, actual: None, verdict: v.clone() })
                .collect(),
            problem: None,
        }
    }

    #[test]
    fn counts_say_what_was_checked_and_what_was_not() {
        let c = comparison(&[Verdict::Agreed, Verdict::Agreed, Verdict::Declined("why".into())]);
        assert_eq!((c.checked(), c.agreed(), c.disagreed(), c.declined()), (2, 2, 0, 1));
        assert!(c.agrees());
        assert_eq!(c.summary(), "CPython agreed on 2 of 2; 1 not predicted");
    }

    #[test]
    fn nothing_checked_is_never_agreement() {
        let c = comparison(&[Verdict::Declined("why".into())]);
        assert!(!c.agrees());
        assert_eq!(c.summary(), "Nothing was checked; 1 not predicted");
        assert!(!Comparison::default().agrees());
        assert!(!Comparison::unreadable("not JSON").agrees());
    }

    #[test]
    fn a_disagreement_is_not_agreement() {
        let c = comparison(&[Verdict::Agreed, Verdict::Disagreed]);
        assert!(!c.agrees());
        assert_eq!(c.summary(), "CPython agreed on 1 of 2");
    }

    #[test]
    fn compared_checks_agree_only_on_equal_text() {
        assert!(Check::compared("a", "1", Some("1".into())).agrees());
        assert!(!Check::compared("a", "1", Some("2".into())).agrees());
        assert!(!Check::compared("a", "1", None).agrees());
    }

    #[test]
    fn reports_are_found_after_the_marker() {
        assert_eq!(report_in("hello\n__PATTERN_PLAYGROUND__ {\"a\": 1}\n"), Some("{\"a\": 1}"));
        assert_eq!(report_in("hello\n"), None);
    }
}
