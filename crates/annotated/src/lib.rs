//! Predicts what a validator that reads `Annotated` metadata does with a function's arguments,
//! and what `get_type_hints` shows of the metadata, for the Annotated lab.
//!
//! # Which validator
//! The lab predicts the validator the page teaches, the user's own `check(func, **values)`,
//! and the probe calls that function, so a verdict is always about the code the user ran
//! ([`Prediction::validator`], a [`ValidatorSource`]):
//! - [`ValidatorSource::Page`]: the code's `check` is the example's ([`EXAMPLE_CHECK`], as
//!   `src/examples/annotated.py` defines it), recognized on Ruff's syntax tree with comments,
//!   docstring, blank lines and spelling free and locals renamed one to one (see
//!   [`recognize`]). The model predicts what it prints: for each (parameter, value) in the
//!   values' order it takes `get_type_hints(f, include_extras=True)[parameter]` (a missing hint
//!   is a `KeyError`), reads `hint.__origin__` and `hint.__metadata__` (an `AttributeError` for
//!   a hint that is not `Annotated`), masks the value as `***` if a `Secret` is among the
//!   metadata, prints `expected <base.__name__>` when `isinstance` fails, and otherwise applies
//!   `MinLen` (`len(v) >= n`) and `Between` (`low <= v <= high`) in order, ignoring any other
//!   metadata. Where the check reads names the module binds otherwise than the example does
//!   (`get_type_hints`, `MinLen`, `Between`, `Secret`, the builtins it calls) its messages are
//!   declined with the reason.
//! - [`ValidatorSource::Unrecognized`]: the code binds a `check` that is not the example's.
//!   The probe still calls it; nothing it does is predicted, so every validator fact is declined
//!   ("your check (line N) is not the one the lab models: ...") with CPython's answer beside it,
//!   and only the `get_type_hints` facts are judged.
//! - [`ValidatorSource::Lab`]: the code has no `check`. The probe runs the lab's own pipeline,
//!   [`REFERENCE_PIPELINE`] (the example's check made independent of the page's classes:
//!   metadata matched by class name, a hint without metadata is its own base, the expected type
//!   named by `getattr(base, '__name__', repr(base))`), and hands it to the page as
//!   [`lab::OwnCode`] labelled [`REFERENCE_PIPELINE_LABEL`], to show read-only. Its messages
//!   are the example's, word for word.
//!
//! # Probe output format (stable; the page and the differential tests parse it)
//! [`probe`] prints one line `__PATTERN_PLAYGROUND__ ` + JSON
//! `{"validator": "check"|"lab", "params": {name: {"hint": str|null, "hint_extras": str|null,
//!   "messages": [str]}}, "messages": [str], "other": [str], "error": str|null}` where
//! `validator` says whether the code's `check` or the lab's pipeline ran; `hint`/`hint_extras`
//! are the reprs of `get_type_hints(f)` and `get_type_hints(f, include_extras=True)` for each
//! parameter (null if unannotated), with object addresses written `0x…`; `messages` is every
//! line the validator printed, in order (for the code's `check`, its standard output while it
//! ran); a parameter's `messages` are the lines that begin `name=` (the prefix every message of
//! the example names its field with), and `other` the lines that name no parameter (always
//! empty for the lab's pipeline); `error` is `Type: message` of the exception the validator
//! raised, or null.

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
        lab::version_dependent_chars(code, &[("values", &input.values)])?;
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

#[cfg(test)]
mod tests {
    use lab::Lab;

    use super::*;

    const EXAMPLE: &str = include_str!("../../../src/examples/annotated.py");

    fn predicted(code: &str) -> (Prediction, Probe) {
        let code = Code::parse(code).unwrap();
        let input = AnnotatedInput::default();
        let prediction = AnnotatedLab::predict(&code, &input, 14).unwrap();
        let probe = AnnotatedLab::probe(&code, &prediction, &input).unwrap();
        (prediction, probe)
    }

    #[test]
    fn the_examples_check_runs_and_is_predicted() {
        let (prediction, probe) = predicted(EXAMPLE);
        assert_eq!(prediction.validator, ValidatorSource::Page { line: 29 });
        assert_eq!(
            prediction.messages,
            ["name='al': shorter than 3", "age=-4: outside 0..150", "password=***: shorter than 8"]
        );
        assert_eq!(probe.own_code(), None);
        assert!(probe.python_source().unwrap().contains("validator(func, **values)"));
    }

    #[test]
    fn without_check_the_lab_shows_the_pipeline_it_runs() {
        let without = EXAMPLE
            .replace(EXAMPLE_CHECK.trim_end(), "")
            .replace("check(sign_up, name=\"al\", age=-4, password=\"hunter2\")", "");
        let (prediction, probe) = predicted(&without);
        assert_eq!(prediction.validator, ValidatorSource::Lab);
        assert_eq!(prediction.messages.len(), 3);
        let own = probe.own_code().expect("the probe runs the lab's own code");
        assert_eq!(own.label, "The lab's validator, which runs after your code");
        assert_eq!(own.code, REFERENCE_PIPELINE.trim_end());
        assert!(probe.python_source().unwrap().contains("_pp_pipeline(func, values)"));
    }

    #[test]
    fn an_edited_check_runs_and_nothing_of_it_is_predicted() {
        let edited =
            EXAMPLE.replace("        hint = hints[field]\n", "        print(value)\n        hint = hints[field]\n");
        let (prediction, probe) = predicted(&edited);
        assert!(matches!(prediction.validator, ValidatorSource::Unrecognized { line: 29, .. }));
        assert!(prediction.messages.is_empty() && prediction.error.is_none());
        assert!(prediction
            .not_modelled
            .unwrap()
            .starts_with("your check (line 29) is not the one the lab models: line 33"));
        assert_eq!(probe.own_code(), None);
    }

    #[test]
    fn metadata_derived_from_a_rule_class_is_not_modelled_under_the_examples_check() {
        let derived = EXAMPLE
            .replace("Password = Annotated[str, MinLen(8), Secret()]", "Password = Annotated[str, MinLen(8), Hidden()]")
            .replace("\n\nUsername", "\n\nclass Hidden(Secret):\n    pass\n\n\nUsername");
        let (prediction, _) = predicted(&derived);
        assert!(prediction.not_modelled.unwrap().starts_with("`password`: Hidden derives from"));
    }

    #[test]
    fn the_lab_pipeline_prints_the_examples_messages() {
        for message in [
            "{field}={shown}: expected {",
            "{field}={shown}: shorter than {rule.n}",
            "{field}={shown}: outside {rule.low}..{rule.high}",
        ] {
            assert!(EXAMPLE_CHECK.contains(message) && REFERENCE_PIPELINE.contains(message), "{message}");
        }
    }
}
