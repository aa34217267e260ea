//! Predicts what a signature-driven dispatcher does with a handler and a JSON payload.
//!
//! The dispatcher predicted ([`DispatcherSource`]) is the user's own where the lab can predict
//! it: a top-level `dispatch(handler, payload)` that is the page's naive filter
//! `handler(**{k: v for k, v in payload.items() if k in inspect.signature(handler).parameters})`,
//! or that shape passing every key, `handler(**payload)` (see [`recognize`]); the probe then
//! calls that function. A `dispatch` that is anything else is
//! called too, and CPython's result is shown without a verdict. Without a `dispatch` in the code,
//! or with the strict dispatcher selected, the lab's own code runs ([`NAIVE_DISPATCHER`],
//! [`STRICT_DISPATCHER`]), and the probe carries it as [`lab::OwnCode`] for the page to show.
//! - [`Dispatcher::Naive`]: the filter above.
//! - [`Dispatcher::Strict`]: rejects unknown keys, converts values to `int`/`float`/`str`/`bool`
//!   annotations, passes positional-only parameters positionally.
//!
//! Handlers: a top-level function `f`; a class `C` (called, so its `__init__` binds); `C.m`, taken
//! from the class for a staticmethod or classmethod and from `C.__new__(C)` for a plain method
//! (an instance made without running `__init__`, because the lab is about the method's binding).
//! The binding is predicted; of the handler's body, only a first statement `raise` of a top-level
//! function (the `bodies` module): `raise ValueError(a)` makes the outcome `ValueError: 1`, with
//! the parameters bound as for a call that goes through. A parameter left
//! to its default receives it: a literal or a tuple of literals, `len()` of a literal string or
//! tuple, a member of a plain `Enum`, `IntEnum`, `StrEnum`, `Flag` or `IntFlag` of the code
//! (`<Color.RED: 'red'>`), or a list or dict display of literals that nothing can have changed
//! (the `bodies` module); another default's value is declined. A `TypedDict` class
//! as the handler makes `inspect.signature` raise ValueError, which is the prediction.
//!
//! An exception class of the code (built-in exceptions among its bases, the `exceptions`
//! module): without a `__new__` or `__init__` of the code's own, `inspect.signature` raises
//! ValueError; with one, the signature is the first one's in the MRO (`__new__` first within a
//! class), and the call binds the class's `__new__` of the code, then its `__init__` of the code,
//! with the same arguments, a built-in `BaseException.__init__` after a `__new__` of the code
//! refusing keywords (`Failure() takes no keyword arguments`). A class reaching `ExceptionGroup`
//! or `BaseExceptionGroup` with an `__init__` and no `__new__` of the code reports that
//! `__init__`'s signature, but the built-in `BaseExceptionGroup.__new__` runs first and takes
//! exactly two positional arguments (`takes exactly 2 arguments (0 given)` for a call of
//! keywords; two are declined, as its checks of the message and exceptions are not followed);
//! a plain method taken from such a class fails the same way in `Class.__new__(Class)`.
//!
//! A `@dataclass` class (`dataclasses.dataclass`, bare, called, or qualified) is called through
//! the `__init__` it generates (the `dataclass` module reads the fields): its parameters are the
//! fields with `init`, in the order dataclasses collects them through the MRO (a field defined
//! again keeps its place; a `ClassVar` takes its name out), the keyword-only ones (`kw_only=True`,
//! after `KW_ONLY`, `field(kw_only=True)`) after a `*`, `InitVar`s included; a string annotation
//! (every one under `from __future__ import annotations`) is a regular field, because
//! `dataclasses` looks its names up in the runner's `__main__`, not in the code's namespace; binding errors
//! name `C.__init__`. A `default_factory` field's parameter receives the sentinel `<factory>` (the
//! factory runs in the body). `init=False` leaves the first `__init__` further up the MRO, and an
//! `__init__` written in the class body is never replaced.
//!
//! A named tuple (`class N(typing.NamedTuple)` with annotated fields, or a top-level
//! `N = collections.namedtuple("N", "x y", defaults=[...])`) is called through its generated
//! `__new__(_cls, x, y=...)`; errors name `N.__new__` with the typename (the `namedtuple` module).
//! The probe observes that frame when a class's `__init__` has no code of its own.
//!
//! Function decorators followed (the `decorators` module): a forwarding decorator of the code's
//! whose wrapper is made with `functools.wraps(func)` and only returns `func(*args, **kwargs)`,
//! and `functools.cache` / `lru_cache`: `inspect.signature` follows `__wrapped__`, the call binds
//! as the function's own, and the probe observes the wrapped function's frame. A cache hashes
//! the arguments first, so the first list or dict passed raises TypeError there. A wrapper of the same
//! shape without `functools.wraps` is followed too: the signature is its `(*args, **kwargs)`, its
//! frame is the one observed, and the call's errors are the function's binding of what it passes
//! on.
//!
//! Names bound by a top-level assignment: a lambda (errors name `<lambda>`); a method taken from
//! a class (`h = Api.ping`) or from an instance made at the top level (`h = Api().get`,
//! `h = api.get` with `api = Api()`), bound as Python binds it; an instance attribute of that
//! name set by `self.get = value` at the top level of the `__init__` that runs (after only
//! assignments and expressions) hides it: a lambda (errors name `Api.__init__.<locals>.<lambda>`),
//! a top-level function or another plain method of the instance. Other code that might give
//! instances the attribute is declined. An instance whose class defines `__call__`
//! (`h = Api()`, errors name `Api.__call__`), whose frame the probe observes.
//! `h = functools.partial(f, *args, **keywords)` of a top-level function: its positional
//! arguments fill `f`'s first parameters and leave the signature, each keyword becomes its
//! parameter's default and makes it and every later parameter keyword-only (`*args` goes), as
//! `inspect.signature` reports a partial; positional arguments beyond `f`'s positional
//! parameters start its `*args`, and keywords for no parameter start its `**kwargs` (the call's
//! keywords replace them in place), both kept in the signature; errors name `f`, whose frame
//! the probe observes. A partial `inspect.signature` refuses (its ValueError shows the partial's
//! repr, an address) is declined.
//!
//! A field or plain method of a named tuple of the code (`N.x`) is taken, as the probe takes it,
//! from `N.__new__(N)`: that raises as `N()` does when a field has no default; a defaulted
//! field's literal value is not callable (`inspect.signature` raises TypeError); a method binds
//! as the instance's.
//!
//! The name is followed as the probe will find it (the `scope` module): its last top-level
//! binding must be a `def`, a `class` or one of the assignments above, not rebound in a block,
//! with no attribute of it set afterwards (but a method set on a plain class of the code at the
//! top level, `C.__init__ = lambda self, b: ...` or `C.run = f` with `f` a plain `def`, read as
//! the class's last definition of it, whose errors name `<lambda>` or `f`: the `patches`
//! module), no `global` of it anywhere and
//! no call of `globals()`, `vars()` or `exec()` in the code. A module-level `if` whose condition
//! CPython evaluates alike on every run of the chosen Python (`True`, `False`, `TYPE_CHECKING`,
//! comparisons of `sys.version_info`, names bound once before to a literal; the `conditions`
//! module) is no such block: the clause that runs is read as top-level code, and any other
//! condition is named in the refusal. An `if` in a class body is read alike, its clause's
//! statements as the class body's (its own names first). A function's one `f.__signature__ = ...` after its `def`
//! is read (the `signatures` module): None is ignored, a literal `inspect.Signature([...])` (its parameters' `annotation=` a string or the
//! built-in `int`, `float`, `str` or `bool`, which the strict dispatcher converts by) or
//! `inspect.signature(g)` of a plain function or lambda picks the keys while the function's own
//! parameters bind them (through wrappers made with `functools.wraps` too, the object that
//! holds it), and a literal `inspect.signature` refuses is the error. Names
//! another statement uses (a decorator, a base class, an imported `dataclass`, `field`,
//! `NamedTuple`, `wraps`, `cache`, `partial`, a class instantiated at the top level) must be bound
//! by exactly one top-level statement. Every class a class or method handler goes through must
//! be a plain class statement or a followed dataclass: a class decorator, a metaclass or class
//! keyword, type parameters, a base not defined in the code (`tuple`, an imported class; a
//! built-in exception only for a class handler or its methods; `dict`, `list`, `str` and `int`
//! as the `builtin_bases` module follows them), `__signature__` (but a class
//! handler's own or the first one in its MRO, which attribute lookup finds, read as a function's
//! is, with an `__init__` of the code binding after `self`, or an exception class's call as
//! above)
//! or `__init_subclass__` in its body make the lab decline, as do a function decorator it does not
//! follow, a `__new__` (but an exception's that only forwards to the built-in's), and
//! dataclasses or named tuples CPython refuses to make. A declined handler is a [`DispatchError::Unsupported`] naming the construct
//! and its line, never a guess; `tests/declines.rs` runs each declined code in CPython to show
//! what a plain reading would have got wrong.
//!
//! # Probe output format (stable; the page and the Pyodide tests parse it)
//! [`probe()`] prints exactly one line: `__PATTERN_PLAYGROUND__ ` followed by JSON
//! `{"dispatcher": "page"|"lab", "outcome": "ok"|"error", "error": str|null, "entered": bool,
//!   "params": {name: repr}|null, "cost"?: {"signature_per_call": float, "cached_signature": float}|null}`.
//! `error` is the last line of `traceback.format_exception_only` for what `dispatch(handler,
//! payload)` raised. `entered` says the frame of the function that binds the call started (its
//! parameters were bound): the handler's own (for a class, the `__new__` or `__init__` whose
//! signature `inspect.signature` reports), or the one a partial's `func`, a `__wrapped__` chain,
//! an instance's `__call__` or a named tuple's `__new__` leads to;
//! `params` maps each parameter of `inspect.signature(handler)`, in order, to the `repr` of what
//! it held when the frame started (`*args` a tuple, `**kwargs` a dict, a defaulted parameter its
//! default), or is null when the frame never started. `cost` is there only when the input asks
//! for it ([`DispatchInput::measure_cost`]): dispatches per second with `inspect.signature` per
//! call and cached ([`COST_MEASUREMENT`]); it is shown, never compared.
//!
//! The facts compared ([`facts`]): `outcome`, `error`, and per parameter `param NAME`, the repr
//! of what it received (for a successful binding only, whether or not the body then raises as
//! [`BodyReading::Raises`] predicts).

mod binding;
mod bodies;
mod builtin_bases;
mod conditions;
mod convert;
mod dataclass;
mod decorators;
mod enums;
mod exceptions;
mod handlers;
mod namedtuple;
mod patches;
mod probe;
pub mod pyrepr;
pub mod recognize;
mod scope;
mod signatures;
mod typeddict;

pub use binding::{predict, predict_on, predict_payload};
pub use builtin_bases::{BuiltinBase, BUILTIN_BASES};
pub use exceptions::BUILTIN_EXCEPTIONS;
pub use handlers::handler_names;
pub use probe::{
    compare, facts, own_code, probe, reference_dispatchers, Fact, COST_MEASUREMENT, NAIVE_DISPATCHER, STRICT_DISPATCHER,
};

use lab::{Code, Comparison, InputProblem, Probe};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The lab's input: a handler named in the code, the JSON payload (as typed) and the dispatcher.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DispatchInput {
    pub handler: String,
    pub payload: String,
    pub dispatcher: Dispatcher,
    /// Whether the probe also measures what `inspect.signature` per call costs (0.4 s of
    /// timing). The page's Run does; the differential suites do not.
    #[serde(default = "measure_cost_by_default")]
    pub measure_cost: bool,
}

fn measure_cost_by_default() -> bool {
    true
}

impl Default for DispatchInput {
    fn default() -> Self {
        DispatchInput {
            handler: "create_user".into(),
            payload: r#"{"user_id": 7, "name": "ada", "source": "web"}"#.into(),
            dispatcher: Dispatcher::Naive,
            measure_cost: true,
        }
    }
}

impl DispatchInput {
    fn payload(&self) -> Result<Value, InputProblem> {
        serde_json::from_str(&self.payload).map_err(|e| InputProblem(format!("The payload is not valid JSON: {e}")))
    }
}

/// Which dispatcher a prediction is about: the user's or the lab's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DispatcherSource {
    /// The user's `dispatch` (named `name`, defined at `line`), recognized as the naive filter or
    /// as that shape passing every payload key: the probe calls it, and its result is predicted.
    Page { name: String, line: usize },
    /// The user's `dispatch` is not one the lab can predict, because of `why`: the probe calls
    /// it, and CPython's result is shown without a verdict.
    Unrecognized { name: String, line: usize, why: String },
    /// The lab's own dispatcher runs after the user's code (no `dispatch` in the code, or the
    /// strict dispatcher selected); the probe's `own_code` is its Python.
    Lab,
}

impl DispatcherSource {
    /// The dispatcher the lab predicts for `code` with `dispatcher` selected.
    pub fn of(code: &str, dispatcher: Dispatcher) -> DispatcherSource {
        if dispatcher == Dispatcher::Strict {
            return DispatcherSource::Lab;
        }
        DispatcherSource::recognized(recognize::recognize(code))
    }

    fn recognized(recognition: recognize::Recognition) -> DispatcherSource {
        let name = recognize::NAME.to_string();
        match recognition {
            recognize::Recognition::Absent => DispatcherSource::Lab,
            recognize::Recognition::Naive { line } | recognize::Recognition::PassesAll { line } => {
                DispatcherSource::Page { name, line }
            }
            recognize::Recognition::Unrecognized { line, why } => DispatcherSource::Unrecognized { name, line, why },
        }
    }

    /// Why nothing of this dispatcher is judged, for an unrecognized one.
    pub fn unpredictable(&self) -> Option<String> {
        match self {
            DispatcherSource::Unrecognized { name, line, why } => {
                Some(format!("your {name} (line {line}) is not one the lab can predict: {why}"))
            }
            _ => None,
        }
    }
}

/// The dispatch lab under the lab contract.
pub struct DispatchLab;

impl lab::Lab for DispatchLab {
    const NAME: &'static str = "dispatch";
    type Input = DispatchInput;
    type Prediction = DispatchPrediction;

    fn predict(code: &Code, input: &DispatchInput, python_minor: u8) -> Result<DispatchPrediction, InputProblem> {
        input.payload()?;
        lab::version_dependent_chars(code, &[("payload", &input.payload)])?;
        // One parse of the code's statements serves the dispatcher and the handler.
        let scope = scope::Scope::for_python(code.text(), Some(python_minor));
        let source = match input.dispatcher {
            Dispatcher::Strict => DispatcherSource::Lab,
            Dispatcher::Naive => DispatcherSource::recognized(recognize::recognize_in(code.text(), scope.body())),
        };
        binding::predict_in(code, &scope, &input.handler, &input.payload, input.dispatcher, python_minor, source)
            .map_err(|e| InputProblem(e.to_string()))
    }

    fn probe(_: &Code, prediction: &DispatchPrediction, input: &DispatchInput) -> Option<Probe> {
        // The payload as typed: CPython's json.loads reads it as the model's pyrepr::loads does.
        input.payload().ok()?;
        let payload = &input.payload;
        let source = &prediction.dispatcher_source;
        let own_code = own_code(source, input.dispatcher, input.measure_cost);
        let probe = probe(&input.handler, payload, source, own_code.as_ref(), input.measure_cost);
        Some(Probe::Python { source: probe, own_code, after_error: false })
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
    /// Which dispatcher is predicted: the user's `dispatch`, or the lab's.
    pub dispatcher_source: DispatcherSource,
    /// The call the dispatcher makes, as Python: `create_user(user_id=7, name='ada')`; None when
    /// the strict dispatcher refuses the payload.
    pub call: Option<String>,
    /// What the handler's body does once its parameters are bound (for a binding that
    /// succeeds), as far as the lab reads it (the `bodies` module).
    #[serde(default)]
    pub body: BodyReading,
}

/// What the lab reads of a handler's body after a successful binding.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BodyReading {
    /// Not read: the prediction is about the binding.
    #[default]
    Unread,
    /// Its first statement, the `raise` at `line`, raises `error` (the prediction's error too).
    Raises { line: usize, error: String },
    /// Its first statement, at `line`, is not a `raise` the lab follows: `why`.
    Declined { line: usize, why: String },
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
    /// Python's repr of what the parameter receives: the payload's value (as converted), the
    /// default's (literal defaults only), `()` or the `**kwargs` dict; None when missing or when
    /// the default is not a literal.
    pub repr: Option<String>,
    /// Why the lab does not know what the parameter receives from its default, when it can say
    /// more than that the default is not a literal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unknown: Option<String>,
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
