//! The reference pipeline run on the lab's values, parameter by parameter.

use pysource::{Literal, Module, Statement};
use serde::{Deserialize, Serialize};

use crate::hints::{literal_str, literal_type, Hint, Meta, Rule, Scope};
use crate::validator::{recognize, ValidatorSource, RULE_CLASSES};
use crate::value::{parse_object, PyValue};

/// A repr the lab predicts, or why it cannot.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "text", rename_all = "snake_case")]
pub enum Predicted {
    /// The parameter has no annotation, so `get_type_hints` leaves it out.
    Absent,
    Repr(String),
    NotModelled(String),
}

/// One metadata object and what the pipeline does with it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MetaStep {
    pub repr: String,
    pub action: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParamPrediction {
    pub name: String,
    /// The annotation as written.
    pub annotation: Option<String>,
    /// The base type inside `Annotated` (or the whole hint), as typing shows it.
    pub base: Option<String>,
    pub metadata: Vec<MetaStep>,
    /// The value's repr, if the values pass one.
    pub value: Option<String>,
    /// What the pipeline did with this parameter, in order.
    pub steps: Vec<String>,
    pub messages: Vec<String>,
    /// `get_type_hints(f)[name]` and `get_type_hints(f, include_extras=True)[name]`.
    pub hint: Predicted,
    pub hint_extras: Predicted,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Prediction {
    pub function: String,
    /// Which validator the call goes through: the code's own `check` (recognized or not), or
    /// the lab's pipeline when the code has none.
    pub validator: ValidatorSource,
    pub params: Vec<ParamPrediction>,
    /// Every line the pipeline prints, in order.
    pub messages: Vec<String>,
    /// The exception that stopped the pipeline, as its last traceback line.
    pub error: Option<String>,
    /// Why the lab cannot follow the pipeline to its end; the messages are then incomplete.
    pub not_modelled: Option<String>,
    /// Required parameters the values leave out: calling the function directly would fail.
    pub missing: Vec<String>,
}

/// The module's top-level functions with at least one `Annotated` parameter, in order.
pub fn functions(module: &Module, statements: &[Statement], minor: u8) -> Vec<String> {
    module
        .functions
        .iter()
        .filter(|f| {
            let scope = Scope::new(module, statements, f.line, minor);
            f.signature.params.iter().any(|p| {
                p.annotation
                    .as_deref()
                    .and_then(pysource::expression)
                    .is_some_and(|a| matches!(scope.hint(&a), Ok(Hint::Annotated { .. })))
            })
        })
        .map(|f| f.name.clone())
        .collect()
}

/// How the validator that runs reads a hint and its metadata.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dialect {
    /// The lab's pipeline ([`crate::REFERENCE_PIPELINE`]): a hint without metadata is its own
    /// base, metadata is matched by class name, the expected type is named with a fallback.
    Reference,
    /// The example's `check`: `hint.__origin__` and `hint.__metadata__` (an AttributeError on
    /// a hint that is not `Annotated`), `isinstance` against the module's classes, and
    /// `base.__name__`.
    Example,
}

/// Predicts the validator for `function` of `code` called with the JSON object `values`, in
/// CPython 3.`minor`: the code's `check` when it is the example's, the lab's pipeline when the
/// code has no `check`, and nothing (every message declined) for a `check` the lab does not
/// model. `module` and `statements` are views of `code`.
pub fn predict(
    module: &Module,
    statements: &[Statement],
    code: &str,
    function: &str,
    values: &str,
    minor: u8,
) -> Result<Prediction, String> {
    let func = module.function(function).ok_or_else(|| format!("There is no top-level function `{function}`."))?;
    let values = parse_object(values)?;
    let recognition = recognize(code);
    let dialect = match recognition.source {
        ValidatorSource::Lab => Dialect::Reference,
        _ => Dialect::Example,
    };
    let scope = Scope::new(module, statements, func.line, minor);
    let mut hints: Vec<(String, Result<Hint, String>)> = Vec::new();
    let mut params = Vec::new();
    for param in &func.signature.params {
        let hint = param.annotation.as_deref().map(|text| {
            pysource::expression(text)
                .ok_or_else(|| format!("the annotation `{text}` does not parse"))
                .and_then(|expr| scope.hint(&expr))
        });
        let (hint_repr, extras_repr, base, metadata) = match &hint {
            None => (Predicted::Absent, Predicted::Absent, None, Vec::new()),
            Some(Err(reason)) => {
                (Predicted::NotModelled(reason.clone()), Predicted::NotModelled(reason.clone()), None, Vec::new())
            }
            Some(Ok(h)) => {
                let unknown_repr = || Predicted::NotModelled("a metadata class defines its own __repr__".into());
                let (base, metadata) = split(h);
                (
                    h.stripped().repr(minor).map_or_else(unknown_repr, Predicted::Repr),
                    h.repr(minor).map_or_else(unknown_repr, Predicted::Repr),
                    base.type_repr(minor),
                    metadata.iter().map(meta_step).collect(),
                )
            }
        };
        if let Some(hint) = hint {
            hints.push((param.name.clone(), hint));
        }
        params.push(ParamPrediction {
            name: param.name.clone(),
            annotation: param.annotation.clone(),
            base,
            metadata,
            value: values.iter().find(|(k, _)| *k == param.name).map(|(_, v)| v.repr()),
            steps: Vec::new(),
            messages: Vec::new(),
            hint: hint_repr,
            hint_extras: extras_repr,
        });
    }
    let missing = func
        .signature
        .params
        .iter()
        .filter(|p| {
            p.default.is_none()
                && matches!(p.kind, pysource::ParamKind::PositionalOrKeyword | pysource::ParamKind::KeywordOnly)
                && !values.iter().any(|(k, _)| *k == p.name)
        })
        .map(|p| p.name.clone())
        .collect();
    let mut prediction = Prediction {
        function: function.to_owned(),
        validator: recognition.source.clone(),
        params,
        messages: Vec::new(),
        error: None,
        not_modelled: None,
        missing,
    };
    if let Some(reason) = recognition.source.not_judged() {
        prediction.not_modelled = Some(reason);
        return Ok(prediction);
    }
    if dialect == Dialect::Example {
        // check(func, **values): a value named `func` meets the positional argument.
        if values.iter().any(|(k, _)| k == "func") {
            prediction.error = Some("TypeError: check() got multiple values for argument 'func'".into());
            return Ok(prediction);
        }
        if let Some(reason) = recognition.unmodelled {
            prediction.not_modelled = Some(reason);
            return Ok(prediction);
        }
        if recognition.no_get_type_hints {
            prediction.error = Some("NameError: name 'get_type_hints' is not defined".into());
            return Ok(prediction);
        }
    }
    // Classes that isinstance(m, MinLen/Between/Secret) accepts under another name.
    let derived: Vec<String> = module
        .classes
        .iter()
        .filter(|c| !RULE_CLASSES.contains(&c.name.as_str()) && RULE_CLASSES.iter().any(|r| module.inherits(c, r)))
        .map(|c| c.name.clone())
        .collect();
    for (field, value) in &values {
        if field == "return" && func.signature.returns.is_some() {
            prediction.not_modelled =
                Some("`return`: get_type_hints maps it to the return annotation, which is not modelled".into());
            break;
        }
        let Some((_, hint)) = hints.iter().find(|(name, _)| name == field) else {
            prediction.error = Some(format!("KeyError: {}", pysource::str_repr(field)));
            break;
        };
        let hint = match hint {
            Ok(hint) => hint,
            Err(reason) => {
                prediction.not_modelled = Some(format!("`{field}`: {reason}"));
                break;
            }
        };
        let mut run = ParamRun { minor, dialect, derived: &derived, steps: Vec::new(), messages: Vec::new() };
        let end = run.check(field, value, hint);
        prediction.messages.extend(run.messages.iter().cloned());
        if let Some(param) = prediction.params.iter_mut().find(|p| p.name == *field) {
            param.steps = run.steps;
            param.messages = run.messages;
        }
        match end {
            End::Done => {}
            End::Raised(error) => {
                prediction.error = Some(error);
                break;
            }
            End::NotModelled(reason) => {
                prediction.not_modelled = Some(format!("`{field}`: {reason}"));
                break;
            }
        }
    }
    Ok(prediction)
}

fn split(hint: &Hint) -> (&Hint, &[Meta]) {
    match hint {
        Hint::Annotated { base, metadata } => (base, metadata),
        other => (other, &[]),
    }
}

fn meta_step(meta: &Meta) -> MetaStep {
    let repr = meta.repr.clone().unwrap_or_else(|| format!("{}(…)", meta.class));
    let action = match &meta.rule {
        Rule::MinLen { shown, .. } => format!("requires len(value) ≥ {shown}"),
        Rule::Between { low, high } => format!("requires {} ≤ value ≤ {}", literal_str(low), literal_str(high)),
        Rule::Secret => "masks the value as *** in messages".into(),
        Rule::Ignored => format!("ignored: the pipeline has no rule for {}", meta.class),
    };
    MetaStep { repr, action }
}

enum End {
    Done,
    Raised(String),
    NotModelled(String),
}

struct ParamRun<'d> {
    minor: u8,
    dialect: Dialect,
    derived: &'d [String],
    steps: Vec<String>,
    messages: Vec<String>,
}

impl ParamRun<'_> {
    fn check(&mut self, field: &str, value: &PyValue, hint: &Hint) -> End {
        if self.dialect == Dialect::Example {
            if let Some(end) = self.example_reads(hint) {
                return end;
            }
        }
        let (base, metadata) = split(hint);
        let secret = metadata.iter().any(|m| m.rule == Rule::Secret);
        let shown = if secret { "***".to_owned() } else { value.repr() };
        let base_shown = base.type_repr(self.minor).unwrap_or_else(|| "the base".into());
        match isinstance(value, base) {
            Err(End::Raised(error)) => {
                self.steps.push(format!("isinstance({}, {base_shown}) raises", value.repr()));
                return End::Raised(error);
            }
            Err(end) => return end,
            Ok(false) => {
                self.steps.push(format!("isinstance({}, {base_shown}) → False", value.repr()));
                let name = match self.dialect {
                    Dialect::Reference => base.name(self.minor),
                    // `base.__name__`: a `types.UnionType` has none before 3.14.
                    Dialect::Example => match base {
                        Hint::Union { typing_form: false, .. } if self.minor < 14 => {
                            self.steps.push("base.__name__ raises".into());
                            return End::Raised(
                                "AttributeError: 'types.UnionType' object has no attribute '__name__'".into(),
                            );
                        }
                        _ => base.name(self.minor),
                    },
                };
                let Some(name) = name else {
                    return End::NotModelled("the base type's name is unknown".into());
                };
                self.messages.push(format!("{field}={shown}: expected {name}"));
                return End::Done;
            }
            Ok(true) => self.steps.push(format!("isinstance({}, {base_shown}) → True", value.repr())),
        }
        for meta in metadata {
            let label = &meta.class;
            match &meta.rule {
                Rule::MinLen { n, shown: n_shown } => {
                    let Some(len) = value.py_len() else {
                        self.steps.push(format!("{label}: len() of a {} raises", value.type_name()));
                        return End::Raised(format!("TypeError: object of type '{}' has no len()", value.type_name()));
                    };
                    if (len as f64) < *n {
                        self.steps.push(format!("{label}: len = {len} < {n_shown} → message"));
                        self.messages.push(format!("{field}={shown}: shorter than {n_shown}"));
                    } else {
                        self.steps.push(format!("{label}: len = {len} ≥ {n_shown} → passes"));
                    }
                }
                Rule::Between { low, high } => {
                    let Some(v) = value.number() else {
                        self.steps.push(format!("{label}: comparing a {} raises", value.type_name()));
                        return End::Raised(format!(
                            "TypeError: '<=' not supported between instances of '{}' and '{}'",
                            literal_type(low),
                            value.type_name()
                        ));
                    };
                    let bound = |l: &Literal| match l {
                        Literal::Int(i) => *i as f64,
                        Literal::Float(f) => *f,
                        Literal::Bool(b) => f64::from(u8::from(*b)),
                        _ => f64::NAN,
                    };
                    let range = format!("{}..{}", literal_str(low), literal_str(high));
                    if bound(low) <= v && v <= bound(high) {
                        self.steps.push(format!("{label}: inside {range} → passes"));
                    } else {
                        self.steps.push(format!("{label}: outside {range} → message"));
                        self.messages.push(format!("{field}={shown}: outside {range}"));
                    }
                }
                Rule::Secret => self.steps.push(format!("{label}: the value shows as ***")),
                Rule::Ignored => self.steps.push(format!("{label}: ignored")),
            }
        }
        End::Done
    }

    /// Where the example's `check` parts from the reference pipeline before its rules run:
    /// `hint.__origin__` of a hint without metadata, and metadata of a class derived from a
    /// rule class (which `isinstance` accepts and the model does not follow).
    fn example_reads(&mut self, hint: &Hint) -> Option<End> {
        match hint {
            Hint::Annotated { metadata, .. } => {
                let derived = metadata.iter().find(|m| self.derived.contains(&m.class))?;
                Some(End::NotModelled(format!(
                    "{} derives from one of MinLen, Between and Secret, which isinstance accepts: not modelled",
                    derived.class
                )))
            }
            Hint::Class { name, .. } => {
                self.steps.push(format!("hint.__origin__ raises: {name} is not Annotated"));
                Some(End::Raised(format!("AttributeError: type object '{name}' has no attribute '__origin__'")))
            }
            Hint::NoneType => {
                self.steps.push("hint.__origin__ raises: NoneType is not Annotated".into());
                Some(End::Raised("AttributeError: type object 'NoneType' has no attribute '__origin__'".into()))
            }
            _ => Some(End::NotModelled(
                "the hint is not Annotated, and what hint.__origin__ and hint.__metadata__ do with it is not modelled"
                    .into(),
            )),
        }
    }
}

/// `isinstance(value, base)` for a value `json.loads` made.
fn isinstance(value: &PyValue, base: &Hint) -> Result<bool, End> {
    match base {
        Hint::Class { name, builtin: true } => Ok(match name.as_str() {
            "object" => true,
            "str" => matches!(value, PyValue::Str(_)),
            "int" => matches!(value, PyValue::Int(_) | PyValue::Bool(_)),
            "float" => matches!(value, PyValue::Float(_)),
            "bool" => matches!(value, PyValue::Bool(_)),
            "list" => matches!(value, PyValue::List(_)),
            "dict" => matches!(value, PyValue::Dict(_)),
            _ => false,
        }),
        // JSON never makes instances of the module's classes.
        Hint::Class { builtin: false, .. } => Ok(false),
        Hint::NoneType => Ok(*value == PyValue::None),
        Hint::Generic { .. } => {
            Err(End::Raised("TypeError: isinstance() argument 2 cannot be a parameterized generic".into()))
        }
        Hint::Union { members, .. } => {
            if members.iter().any(|m| !matches!(m, Hint::Class { .. } | Hint::NoneType)) {
                return Err(End::NotModelled(
                    "isinstance with a union of generics or Annotated is not modelled".into(),
                ));
            }
            let mut any = false;
            for member in members {
                any |= isinstance(value, member)?;
            }
            Ok(any)
        }
        Hint::Annotated { .. } => Err(End::NotModelled("isinstance with an Annotated base is not modelled".into())),
    }
}
