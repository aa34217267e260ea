//! Predicts what pydantic 2.14 (pydantic-core 2.50) does when it validates a JSON input against
//! a model of the code, for the Annotated page's pydantic lab.
//!
//! From the code (read through `pysource`, Ruff's parser), a target (a `BaseModel`, a pydantic
//! or stdlib dataclass, a `TypedDict`, or a `validate_call` function), a JSON input and a mode
//! (lax, pydantic's default, or strict), [`predict`] says whether the input is valid, every error
//! as `ValidationError.errors()` gives it (`loc`, `type`, `msg`, word for word: the messages come
//! from pydantic-core's own templates, `data/error_messages.json`), and the JSON Schema
//! (`model_json_schema()` / `TypeAdapter(...).json_schema()`).
//!
//! # Scope
//! Fields typed `int`, `float`, `str`, `bool`, `None`, `Optional` and unions, `list`, `tuple`,
//! `dict`, `set`, nested classes, `Literal` and `Enum`; defaults and `default_factory`; the
//! `annotated_types` constraints (`Gt`, `Ge`, `Lt`, `Le`, `Interval`, `MultipleOf`, `MinLen`,
//! `MaxLen`, `Len`, `Predicate` with a known `str` method) and `Field(...)`'s; `StringConstraints`
//! (strip, lower and upper case, lengths, pattern); aliases; lax and strict coercion of JSON
//! input; extra keys (`ignore`, `forbid`, `allow`). Metadata pydantic does not act on (a string
//! tag, an instance of a plain class of the code) is listed as ignored by pydantic. Anything else
//! is a [`Decline`] naming what and where: the lab predicts nothing it cannot follow.
//!
//! Python's semantics hold: lengths count code points, integers are of any size, and floats
//! compare and take `multiple_of` as pydantic-core does.
//!
//! # Probe output format (stable)
//! [`probe`] prints one line `__PATTERN_PLAYGROUND__ ` + JSON `{"valid": bool, "errors": [{"loc":
//! [...], "type": str, "msg": str}], "json_schema": {...}, "error": str|null, "schema_error":
//! str|null}`; `error` is an exception other than `ValidationError` (the target missing, a
//! schema pydantic refuses), `schema_error` one raised while generating the schema.

mod compare;
mod form;
mod json;
mod messages;
mod number;
mod probe;
mod read;
mod schema;
mod validate;

pub use compare::compare;
pub use form::{field_texts, form_fields, with_field, FormField, FormKind};
pub use json::{parse as parse_json, Json, JsonProblem};
pub use messages::{message, ERROR_MESSAGES_JSON};
pub use probe::probe;
pub use read::{ClassKind, Decline, Ignored, KNOWN_PREDICATES};
pub use validate::{ErrorItem, LocItem};

use lab::{Code, Comparison, InputProblem, Probe};
use serde::{Deserialize, Serialize};

use read::{Reader, Target};
use schema::SchemaWriter;
use validate::{loc_text, Validator};

/// Lax (pydantic's default) or strict validation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    #[default]
    Lax,
    Strict,
}

impl Mode {
    pub fn parse(text: &str) -> Option<Mode> {
        match text {
            "lax" => Some(Mode::Lax),
            "strict" => Some(Mode::Strict),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Mode::Lax => "lax",
            Mode::Strict => "strict",
        }
    }
}

/// The input the page keeps: which target, the JSON validated against it, and the mode.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PydanticInput {
    /// The target's name; empty for the first target of the code.
    pub target: String,
    pub input: String,
    pub mode: Mode,
}

impl Default for PydanticInput {
    fn default() -> Self {
        PydanticInput { target: String::new(), input: "{}".into(), mode: Mode::Lax }
    }
}

/// What pydantic will do, or why the lab does not say.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Prediction {
    /// Every name the lab can validate against, in the order of the code.
    pub targets: Vec<String>,
    pub target: String,
    pub mode: Mode,
    /// None when declined (see `declined`).
    pub valid: Option<bool>,
    pub errors: Option<Vec<ErrorItem>>,
    /// Each error's `loc` as Python prints the tuple (`('tags', 0)`), written here so that the
    /// page, which shows them, does not carry Unicode's printability table in its wasm.
    #[serde(default)]
    pub error_locs: Vec<String>,
    pub json_schema: Option<serde_json::Value>,
    /// Metadata pydantic keeps in the type and does not act on.
    pub ignored: Vec<Ignored>,
    /// Why the verdict and errors are not predicted.
    pub validation_declined: Option<Decline>,
    /// Why the schema is not predicted.
    pub schema_declined: Option<Decline>,
}

/// How a list of names for the Annotated page's controls marks a pydantic target beside the
/// pipeline's functions (a Python name never holds a colon).
pub const TARGET_NAME_PREFIX: &str = "pydantic:";

/// The names the lab can validate against in `code`: models, dataclasses, TypedDicts and
/// `validate_call` functions.
pub fn targets(code: &Code, python_minor: u8) -> Vec<String> {
    Reader::new(code.source(), code.module(), python_minor).targets()
}

/// The prediction for `input` on the code; an `Err` when there is no target to validate against
/// or the input is not JSON.
pub fn predict(code: &Code, input: &PydanticInput, python_minor: u8) -> Result<Prediction, InputProblem> {
    lab::version_dependent_chars(code, &[("input", &input.input)])?;
    let targets = targets(code, python_minor);
    let target = if input.target.is_empty() {
        targets.first().cloned().ok_or_else(|| {
            InputProblem("the code has no pydantic model, dataclass, TypedDict or validate_call function".into())
        })?
    } else {
        input.target.clone()
    };
    if code.module().class(&target).is_none() && code.module().function(&target).is_none() {
        return Err(InputProblem(format!("the code defines no class or function named {target}")));
    }
    let value = json::parse(&input.input).map_err(|problem| InputProblem(problem.to_string()))?;
    let mut prediction = Prediction {
        targets,
        target: target.clone(),
        mode: input.mode,
        valid: None,
        errors: None,
        error_locs: Vec::new(),
        json_schema: None,
        ignored: Vec::new(),
        validation_declined: None,
        schema_declined: None,
    };
    let (target, world) = match Reader::new(code.source(), code.module(), python_minor).read(&target) {
        Ok(read) => read,
        Err(decline) => {
            prediction.validation_declined = Some(decline.clone());
            prediction.schema_declined = Some(decline);
            return Ok(prediction);
        }
    };
    prediction.ignored = world.ignored.clone();
    let strict = input.mode == Mode::Strict;
    let mut validator = Validator::new(&world, strict);
    let validated = match &target {
        Target::Class(name) => validator.class(name, &value, strict),
        Target::Function { params, .. } => match &value {
            json::Json::Object(_) => validator.fields(params, &value, read::Extra::Forbid, strict, true),
            json::Json::Array(_) => Err(Decline {
                line: 1,
                what: "an array of arguments".into(),
                why: "positional arguments are not modelled: give the arguments as an object".into(),
            }),
            _ => {
                validator.errors.push(ErrorItem {
                    loc: Vec::new(),
                    kind: "arguments_type".into(),
                    msg: message("arguments_type", &[]),
                });
                Ok(())
            }
        },
    };
    match validated {
        Ok(()) => {
            prediction.valid = Some(validator.errors.is_empty());
            prediction.error_locs = validator.errors.iter().map(|error| loc_text(&error.loc)).collect();
            prediction.errors = Some(validator.errors);
        }
        Err(decline) => prediction.validation_declined = Some(decline),
    }
    let mut writer = SchemaWriter::new(&world);
    let schema = match &target {
        Target::Class(name) => writer.top_class(name),
        Target::Function { params, .. } => writer.top_function(params),
    };
    match schema {
        Ok(schema) => prediction.json_schema = Some(schema),
        Err(decline) => prediction.schema_declined = Some(decline),
    }
    Ok(prediction)
}

/// The pydantic lab under the lab contract.
pub struct PydanticLab;

impl lab::Lab for PydanticLab {
    const NAME: &'static str = "pydantic";
    type Input = PydanticInput;
    type Prediction = Prediction;

    fn predict(code: &Code, input: &PydanticInput, python_minor: u8) -> Result<Prediction, InputProblem> {
        predict(code, input, python_minor)
    }

    fn probe(_: &Code, prediction: &Prediction, input: &PydanticInput) -> Option<Probe> {
        Some(probe(&prediction.target, &input.input, input.mode))
    }

    fn compare(prediction: &Prediction, report: &str) -> Comparison {
        compare(prediction, report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn predicted(code: &str, target: &str, input: &str) -> Prediction {
        let code = Code::parse(code).unwrap();
        predict(&code, &PydanticInput { target: target.into(), input: input.into(), mode: Mode::Lax }, 14).unwrap()
    }

    const HEADER: &str = "from typing import Annotated\nfrom pydantic import BaseModel, Field\n";

    #[test]
    fn the_first_target_is_the_default_and_targets_are_listed_in_order() {
        let code = format!("{HEADER}class B(BaseModel):\n    x: int\n\nclass A(BaseModel):\n    y: str\n");
        let prediction = predicted(&code, "", "{}");
        assert_eq!(prediction.targets, ["B", "A"]);
        assert_eq!(prediction.target, "B");
        assert_eq!(prediction.errors.unwrap()[0].line(&prediction.error_locs[0]), "('x',) missing: Field required");
    }

    #[test]
    fn what_is_not_followed_is_declined_with_where_and_never_panics() {
        for (code, why) in [
            ("class Mixin:\n    pass\n\nclass M(BaseModel, Mixin):\n    x: int\n", "mixin"),
            ("T = list[T]\nclass M(BaseModel):\n    x: T\n", "refers to itself"),
            ("class M(BaseModel):\n    x: Annotated[int, Field(gt=0.5)]\n", "float bound on an int"),
            ("class M(BaseModel):\n    x: 'int'\n", "forward"),
            ("class M(BaseModel):\n    x: Annotated[str, Field(pattern=r'\\d+')]\n", "Unicode"),
            ("class M(BaseModel):\n    x: int\n    model_config = {'extra': 'forbid'}\n", "ConfigDict"),
        ] {
            let prediction = predicted(&format!("{HEADER}{code}"), "M", "{\"x\": 1}");
            let decline = prediction.validation_declined.unwrap_or_else(|| panic!("{code}: not declined"));
            assert!(decline.to_string().contains(why), "{code}: {decline}");
            assert!(decline.to_string().starts_with("line "), "{decline}");
            assert_eq!(prediction.valid, None);
        }
    }

    #[test]
    fn a_field_is_cited_by_its_own_line() {
        // Lines 3 to 6: the class, a plain field, a tagged field, a field without annotation.
        let code = format!("{HEADER}class M(BaseModel):\n    x: int\n    y: Annotated[str, 'tag']\n");
        let prediction = predicted(&code, "M", "{}");
        assert_eq!(prediction.ignored.iter().map(|i| (i.line, i.field.as_str())).collect::<Vec<_>>(), [(5, "M.y")]);
        let code = format!("{HEADER}class M(BaseModel):\n    x: int\n    y = 1\n");
        let decline = predicted(&code, "M", "{}").validation_declined.unwrap();
        assert!(decline.to_string().starts_with("line 5: M.y"), "{decline}");
    }

    #[test]
    fn bad_input_is_an_input_problem() {
        let code = Code::parse(&format!("{HEADER}class M(BaseModel):\n    x: int\n")).unwrap();
        let input = |target: &str, input: &str| PydanticInput {
            target: target.into(),
            input: input.into(),
            mode: Mode::Strict,
        };
        assert_eq!(
            predict(&code, &input("M", "{\"x\": }"), 14).unwrap_err().0,
            "the input is not JSON: expected a value at character 7"
        );
        assert_eq!(
            predict(&code, &input("N", "{}"), 14).unwrap_err().0,
            "the code defines no class or function named N"
        );
        let empty = Code::parse("x = 1\n").unwrap();
        assert!(predict(&empty, &input("", "{}"), 14).unwrap_err().0.starts_with("the code has no pydantic model"));
    }
}
