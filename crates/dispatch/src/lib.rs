//! Predicts what a signature-driven dispatcher does with a handler and a JSON payload.
//!
//! Two dispatchers are modelled, both written out in Python in [`REFERENCE_DISPATCHERS`]:
//! - [`Dispatcher::Naive`]: `h(**{k: v for k, v in payload.items() if k in inspect.signature(h).parameters})`.
//! - [`Dispatcher::Strict`]: rejects unknown keys, converts values to `int`/`float`/`str`/`bool`
//!   annotations, passes positional-only parameters positionally.
//!
//! Handlers: a top-level function `f`; a class `C` (called, so its `__init__` binds); `C.m`, taken
//! from the class for a staticmethod or classmethod and from `C.__new__(C)` for a plain method
//! (an instance made without running `__init__`, because the lab is about the method's binding).
//! Only binding is predicted: whatever the handler's body does is out of scope.
//!
//! # Probe output format (stable; the page and the Pyodide tests parse it)
//! [`probe`] prints exactly one line: `__PATTERN_PLAYGROUND__ ` followed by JSON
//! `{"outcome": "ok"|"error", "error": str|null, "arguments": {name: value}|null,
//!   "defaulted": [name], "dropped": [key]}`, lists sorted. `error` is the last line of
//! `traceback.format_exception_only`. [`cost_probe`] prints one such line with
//! `{"signature_per_call": calls_per_second, "cached_signature": calls_per_second}`.

mod binding;
mod convert;
mod probe;
mod suggestions;

pub use binding::{predict, predict_on};
pub use probe::{compare, cost_probe, observable, probe, REFERENCE_DISPATCHERS};

use lab::{Code, Comparison, InputProblem, Probe};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The lab's input: a handler named in the code, the JSON payload (as typed) and the dispatcher.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DispatchInput {
    pub handler: String,
    pub payload: String,
    pub dispatcher: Dispatcher,
}

impl Default for DispatchInput {
    fn default() -> Self {
        DispatchInput {
            handler: "create_user".into(),
            payload: r#"{"user_id": 7, "name": "ada", "source": "web"}"#.into(),
            dispatcher: Dispatcher::Naive,
        }
    }
}

impl DispatchInput {
    fn payload(&self) -> Result<Value, InputProblem> {
        serde_json::from_str(&self.payload).map_err(|e| InputProblem(format!("The payload is not valid JSON: {e}")))
    }
}

/// The dispatch lab under the lab contract.
pub struct DispatchLab;

impl lab::Lab for DispatchLab {
    const NAME: &'static str = "dispatch";
    type Input = DispatchInput;
    type Prediction = DispatchPrediction;

    fn predict(code: &Code, input: &DispatchInput, python_minor: u8) -> Result<DispatchPrediction, InputProblem> {
        predict_on(code.module(), &input.handler, &input.payload()?, input.dispatcher, python_minor)
            .map_err(|e| InputProblem(e.to_string()))
    }

    fn probe(_: &Code, _: &DispatchPrediction, input: &DispatchInput) -> Option<Probe> {
        let payload = input.payload().ok()?.to_string();
        let source = format!(
            "{}\n{}",
            probe(&input.handler, &payload, input.dispatcher),
            cost_probe(&input.handler, &payload)
        );
        Some(Probe::python(source))
    }

    fn compare(prediction: &DispatchPrediction, report: &str) -> Comparison {
        compare(prediction, report)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dispatcher {
    Naive,
    Strict,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Ok,
    Error,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DispatchPrediction {
    pub outcome: Outcome,
    /// CPython's last traceback line, e.g. `TypeError: h() missing 1 required positional argument: 'x'`.
    pub error: Option<String>,
    /// What the handler's parameters received on success: explicitly passed values, `*args` as a
    /// list and `**kwargs` as an object. Parameters left to their defaults are in `defaulted`.
    pub arguments: Option<Map<String, Value>>,
    pub defaulted: Vec<String>,
    /// Payload keys the dispatcher did not pass, sorted.
    pub dropped: Vec<String>,
    /// The name CPython uses in binding errors, e.g. `C.__init__`.
    pub qualname: String,
    pub wiring: Wiring,
}

/// How each payload key and each parameter were connected.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Wiring {
    pub keys: Vec<KeyWiring>,
    pub params: Vec<ParamWiring>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeyWiring {
    pub key: String,
    pub route: Route,
    /// The parameter the key feeds (the `**kwargs` parameter for extra keys).
    pub param: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Route {
    /// Passed as `key=value`.
    Keyword,
    /// Passed positionally (the strict dispatcher, for positional-only parameters).
    Positional,
    /// Passed as a keyword that lands in the `**kwargs` dict.
    ExtraKeyword,
    /// Filtered out before the call.
    Dropped,
    /// Made the strict dispatcher refuse the payload.
    Rejected,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParamWiring {
    pub name: String,
    pub kind: pysource::ParamKind,
    pub source: ParamSource,
    pub value: Option<Value>,
    /// The default as written in the source.
    pub default: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamSource {
    Payload,
    Default,
    Missing,
    /// `*args`/`**kwargs` with whatever they collected (possibly nothing).
    Collected,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "detail", rename_all = "snake_case")]
pub enum DispatchError {
    /// No function, class or `Class.method` of that name in the module.
    UnknownHandler(String),
    /// The handler exists but the model cannot predict it (async, other decorators, ...).
    Unsupported(String),
    /// The payload is not a JSON object.
    PayloadNotObject,
}

impl std::fmt::Display for DispatchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DispatchError::UnknownHandler(name) => write!(f, "no handler named {name} in the code"),
            DispatchError::Unsupported(why) => write!(f, "cannot predict this handler: {why}"),
            DispatchError::PayloadNotObject => write!(f, "the payload must be a JSON object"),
        }
    }
}

impl std::error::Error for DispatchError {}
