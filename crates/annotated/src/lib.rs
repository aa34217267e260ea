//! Predicts what a validator that reads `Annotated` metadata does with a function's arguments,
//! and what `get_type_hints` shows of the metadata, for the Annotated lab.
//!
//! The validator is the reference pipeline in [`REFERENCE_PIPELINE`], the example's `check`
//! made independent of the page's helper: for each (parameter, value) in the values' order it
//! takes `get_type_hints(f, include_extras=True)[parameter]` (a missing hint is a `KeyError`
//! that stops it), splits an `Annotated` hint into base and metadata (any other hint is its own
//! base with no metadata), masks the value as `***` if a `Secret` is among the metadata, prints
//! `expected <base name>` when `isinstance` fails, and otherwise applies `MinLen` (`len(v) >= n`)
//! and `Between` (`low <= v <= high`) in order, ignoring any other metadata. Metadata is matched
//! by class name, so it works whatever the page calls its classes' module. Where the example's
//! `check` would raise, the pipeline stops and reports the exception line instead.
//!
//! # Probe output format (stable; the page and the differential tests parse it)
//! [`probe`] prints one line `__PATTERN_PLAYGROUND__ ` + JSON
//! `{"params": {name: {"hint": str|null, "hint_extras": str|null, "messages": [str]}},
//!   "messages": [str], "error": str|null}` where `hint`/`hint_extras` are the reprs of
//! `get_type_hints(f)` and `get_type_hints(f, include_extras=True)` for each parameter (null if
//! unannotated), with object addresses written `0x…`.

mod compare;
mod hints;
mod pipeline;
mod probe;
mod validator;
mod value;

pub use compare::{compare, subject};
pub use hints::{Hint, Meta, Rule};
pub use pipeline::{functions, predict, MetaStep, ParamPrediction, Predicted, Prediction};
pub use probe::{probe, REFERENCE_PIPELINE, REFERENCE_PIPELINE_LABEL};
pub use validator::{recognize, Recognition, ValidatorSource, EXAMPLE_CHECK};
pub use value::{parse_object, PyValue};

use lab::{Code, Comparison, InputProblem, Probe};
use serde::{Deserialize, Serialize};

/// The default call the lab validates: the page example's `sign_up`.
pub const DEFAULT_FUNCTION: &str = "sign_up";
pub const DEFAULT_VALUES: &str = r#"{"name": "al", "age": -4, "password": "hunter2"}"#;

/// The lab's input: which function, called with which values (a JSON object, in its order).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnnotatedInput {
    pub function: String,
    pub values: String,
}

impl Default for AnnotatedInput {
    fn default() -> Self {
        AnnotatedInput { function: DEFAULT_FUNCTION.into(), values: DEFAULT_VALUES.into() }
    }
}

/// The Annotated lab under the lab contract.
pub struct AnnotatedLab;

impl lab::Lab for AnnotatedLab {
    const NAME: &'static str = "annotated";
    type Input = AnnotatedInput;
    type Prediction = Prediction;

    fn predict(code: &Code, input: &AnnotatedInput, python_minor: u8) -> Result<Prediction, InputProblem> {
        let statements = code.source().statements();
        predict(code.module(), &statements, code.text(), &input.function, &input.values, python_minor)
            .map_err(InputProblem)
    }

    fn probe(_: &Code, prediction: &Prediction, input: &AnnotatedInput) -> Option<Probe> {
        Some(probe(&input.function, &input.values, &prediction.validator))
    }

    fn compare(prediction: &Prediction, report: &str) -> Comparison {
        compare(prediction, report)
    }
}
