//! Predicts whether classes conform to the Protocols in the same source, statically and at runtime.
//!
//! [`check`] pairs every non-Protocol class with every Protocol of a [`pysource::Module`]:
//! - `static`: whether default-mode mypy accepts `x: P = C()` (modelled on mypy's protocol
//!   member and callable subtyping, renamed positional parameters accepted with a warning),
//!   checking for the Python version asked about (`mypy --python-version 3.X`, [`check_on`]):
//!   typeshed's stubs and a class body's `sys.version_info` tests are read for it;
//! - `runtime`: what `isinstance(instance, P)` gives, or `"TypeError"` when P is not
//!   `@runtime_checkable`. The instance is `C()` when `__init__` needs no arguments, `C(None)`
//!   with None for each required field of a `NamedTuple`, otherwise `C.__new__(C)`, which skips
//!   `__init__` so its `self.x = ...` attributes do not exist; `C()` sets those of a base's
//!   `__init__` when the `__init__` that runs reaches it through `super().__init__(...)` (or
//!   `Base.__init__(self, ...)` of the next `__init__` on the MRO); what `C()` sets is found by
//!   running its `__init__` on the values the lab knows, through the helpers, `super()` and
//!   `Base.__init__` calls it makes with their arguments (`init_runs.rs`), and declined where
//!   that runs code the lab does not follow. The
//!   probe evaluates that same expression in the code's namespace. The
//!   member lookup depends on the Python version ([`check_on`]): up to 3.11 it is `hasattr`, which
//!   calls property getters (assumed not to raise) and falls back on `__getattr__` (assumed to
//!   answer every name with a value other than None); from 3.12 on it is
//!   `inspect.getattr_static`, which calls neither;
//! - `nominal`: whether an ABC with the same members would accept C (only by inheritance).
//!
//! A class body's `if` is read as each side reads it (`class_ifs.rs`): for mypy, a
//! `sys.version_info` comparison by the version asked about, a `sys.platform` test by its platform
//! ([`mypy_platform`]) and `TYPE_CHECKING` as true, any other condition both ways; for CPython,
//! literals, `TYPE_CHECKING`, the module's constants, and `sys.version_info` and `sys.platform`
//! tests by the version asked about (Pyodide's platform for the page's), any other condition
//! declined. A name defined again, in a block or not, keeps its first definition for mypy (a bare
//! `name = None` completed by the next literal, or `T(literal)`, to `T | None`) and its last for
//! CPython; a `for` over items the reader lists (`range` of integers, displays of literals, a
//! dict's keys, values or items, a module-level name bound to displays and appended to) counts
//! its body and `else` for mypy, the loop variable typed by the items of the name's first
//! binding (a tuple's of several types by their union, a list's by their join), and runs its
//! body once per item for CPython; a `try` counts every clause for mypy and, where its body
//! cannot raise, the body, `else` and `finally` for CPython, and where it only imports besides,
//! as the imports go on that Python: a top-level standard-library module imports or raises
//! ImportError by each interpreter's own answer (`data/modules.json`, `modules.rs`), and the
//! first handler runs where it catches ImportError. The static verdicts are judged on the first
//! reading and the runtime verdicts on the second, after the attributes the module's top level
//! sets or deletes on its plain classes (`patches.rs`; a plain `def` bound once set on a class
//! is a method), which CPython runs before the probe and mypy does not apply.
//!
//! Before judging, the module is rewritten into what the checks read: a base imported by name
//! (`from abc import ABC`) spelled from its module (`abc.ABC`), a class attribute set to a
//! constant of the module (`close = NOTHING`) given the constant's literal (`constants.rs`), an
//! attribute that methods set
//! through `self` (in any method, block and nested function, as mypy counts them) without a
//! class-level declaration typed as mypy infers it from the first write (`inferred.rs`), a
//! dataclass (its options and fields, for the Python version: `dataclasses.rs`) or
//! `NamedTuple` into the plain class it makes, a `Final` attribute into a read-only one of its
//! type and a `@final` class into itself (`finals.rs`), a class generic over plain type variables
//! into the class mypy reads from its bare name (`Reader` is `Reader[Any]`), and a typeshed
//! Protocol that a Protocol inherits (`class SizedCloser(Sized, Protocol)`) into a Protocol of the
//! code read from its stub (`typeshed_protocols.rs`). `Callable` types keep their parameter
//! lists at any depth, and `Literal[...]` its values (`types.rs`): parameters are contravariant
//! and returns covariant, a literal is below its value's class, an
//! attribute of a Callable type stands for a method, a Callable fits a callback Protocol (only
//! `__call__`) and an instance fits a Callable, both by signature. `typing.Self` in a
//! method is bound to the class being checked, and an `async def` returns
//! `Coroutine[Any, Any, R]`. `__slots__` give descriptors on the class, which the runtime lookup
//! finds by version. A method generic in its own plain type variables is unified with the
//! Protocol's method as mypy does (`method_generics.rs`): bounds from the parameters and the
//! return, as a whole or inside a type (`list[T]`, `dict[str, T]`, `Callable[..., T]`).
//!
//! A lab that is silently wrong is worse than none: where a verdict turns on something the
//! model does not follow (a base not defined in the code, a metaclass, a class decorator,
//! `@overload`, a descriptor, a subscripted generic base, a join of type variable bounds it does
//! not know, a type it has no rules for, ...), the entry's `static` and/or `runtime` is null and `declined` says
//! why, naming the construct and its line. Standard-library bases (`Exception` and its common
//! subclasses, `dict`,
//! `abc.ABC`, `io.StringIO`, the `collections.abc` ABCs, ...) are known by their members' names
//! from typeshed's stubs (`data/typeshed.json`, extracted by `data/extract_typeshed.py` for each
//! Python 3.11 to 3.14, read for the version asked about):
//! statically a protocol member none of them declares is missing, one they declare as a plain
//! `def` or an annotated attribute of types the lab knows is compared like a member of the code
//! (`stdlib::stub_class`), and any other is declined; at runtime, for the builtin, exception,
//! `io`, `NamedTuple` and TypedDict bases, and for the ABCs (`abc.ABC`, `collections.abc`,
//! `contextlib`) once the class implements every abstract method, what isinstance() finds on them
//! is read from each CPython's own classes (`data/runtime.json`, extracted on 3.11 to 3.14 by
//! `data/extract_runtime.py`): the names of their MRO, which ones are None, and which are data
//! descriptors (whose value a Protocol with data members reads from the instance up to 3.11,
//! declined). For a version without that data, a method or property their stubs declare is
//! found, a public name they lack is missing, and anything else is declined. A class
//! that leaves an abstract method unimplemented, with no builtin base whose own `__new__` makes
//! its instances anyway (`dict`, `int`, ...), cannot be instantiated: its runtime verdict is
//! `AbstractClass`, the TypeError that making the instance raises ("Can't instantiate abstract
//! class C ...", which names the methods differently by version). Where the run of `C()`'s
//! `__init__` (`init_runs.rs`) surely reaches a `raise` of an exception whose message it knows,
//! or an `assert` that fails, or sets a name no `__slots__` lists on an instance without a
//! `__dict__` (`slots.rs`: the AttributeError, worded by version), the verdict is `Raises` with
//! the traceback's last line, which the probe reports as it is.
//! Types only typeshed defines (`dict_keys`, `KeysView`, `SupportsIndex`, `BaseException`, ...)
//! are judged from the data: nominally by their stub bases and the arguments they pass them
//! (`dict_keys[str, int]` is an `Iterable[str]`, `str` a `Sequence[str]`), with the arguments
//! left out given their defaults (`slice[int]` is `slice[int, int, int]`), a builtin against a
//! typeshed Protocol by its stub's members; any other judgment about them is mypy's, and a
//! verdict that turns on one is declined.
//! A class of the code with no standard-library base has `object`'s members: statically as
//! typeshed declares them, at runtime its methods and rich comparisons, with `__hash__` None
//! where a class of its MRO defines `__eq__` without `__hash__`, or is a dataclass whose options
//! set it to None (mypy models neither).
//!
//! # Probe output format (stable; the page and the Pyodide tests parse it)
//! [`runtime_probe`] prints exactly one line: `__PATTERN_PLAYGROUND__ ` then JSON
//! `{"entries": [{"class": str, "protocol": str, "instance": "C()"|"C(None, ...)"|"C.__new__(C)",
//!   "runtime": true|false|"TypeError"|"error: <last traceback line>"}]}` in [`check`]'s order,
//! declined pairs included (the page shows CPython's answer beside "not predicted").
//!
//! # Prediction format (`playground predict protocol`)
//! `{"entries": [{"class", "protocol", "static": true|false|null, "runtime": true|false|"TypeError"|"AbstractClass"|"error: <last traceback line>"|null,
//!   "instance", "reasons": [...], "nominal": {...}, "declined": [{"check": "static"|"runtime", "reason": str}]}]}`:
//! a null verdict is declined, and `declined` (left out when empty) says why.

mod by_name;
mod callable;
mod class_ifs;
mod constants;
mod dataclasses;
mod declines;
mod finals;
mod generics;
mod imports;
mod inferred;
mod init_runs;
mod method_generics;
mod modules;
mod patches;
mod probe;
mod runtime;
mod slots;
mod statics;
mod stdlib;
mod subtype;
mod types;
mod typeshed_protocols;
mod values;

pub use probe::{compare, runtime_probe, runtime_subject, shown_verdict};

use std::collections::{HashMap, HashSet};

use lab::{Code, Comparison, InputProblem, Probe, PYODIDE_PYTHON_MINOR};
use pysource::Module;
use serde::{Deserialize, Serialize};

/// The Protocol lab under the lab contract: no input besides the code.
pub struct ProtocolLab;

impl lab::Lab for ProtocolLab {
    const NAME: &'static str = "protocol";
    type Input = ();
    type Prediction = ConformanceReport;

    fn predict(code: &Code, _: &(), python_minor: u8) -> Result<ConformanceReport, InputProblem> {
        lab::version_dependent_chars(code, &[])?;
        Ok(check_code(code, python_minor))
    }

    fn probe(_: &Code, report: &ConformanceReport, _: &()) -> Option<Probe> {
        (!report.entries.is_empty()).then(|| Probe::python(runtime_probe(report)))
    }

    fn compare(report: &ConformanceReport, probe_json: &str) -> Comparison {
        compare(report, probe_json)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ConformanceReport {
    pub entries: Vec<ConformanceEntry>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConformanceEntry {
    pub class: String,
    pub protocol: String,
    /// Whether mypy accepts `x: P = C()`; None where the lab declines to say ([`Self::declined`]).
    #[serde(rename = "static")]
    pub static_ok: Option<bool>,
    /// What `isinstance` gives; None where the lab declines to say.
    pub runtime: Option<RuntimeVerdict>,
    /// How the runtime check (and the probe) makes its instance: `C()`, `C(None, ...)` or `C.__new__(C)`.
    pub instance: String,
    pub reasons: Vec<Reason>,
    pub nominal: Nominal,
    /// The verdicts the lab does not give, and why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub declined: Vec<Declined>,
}

impl ConformanceEntry {
    /// Why the lab gives no `check` verdict (static or runtime), if it does not.
    pub fn declined(&self, check: Check) -> Option<&str> {
        self.declined.iter().find(|d| d.check == check).map(|d| d.reason.as_str())
    }
}

/// A verdict not predicted: the pair turns on something the lab does not model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Declined {
    pub check: Check,
    pub reason: String,
}

/// `isinstance(instance, P)`: a bool, or the TypeError raised for non-runtime-checkable protocols;
/// or no answer at all, because making the instance raises: TypeError where the class leaves an
/// abstract method unimplemented, or the exception its `__init__` surely raises.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuntimeVerdict {
    Matches(bool),
    TypeError,
    AbstractClass,
    /// Making the instance raises this: the last line of the traceback (`ValueError: count`),
    /// which the probe reports after `error: `.
    Raises(String),
}

/// What the probe and [`RuntimeVerdict::Raises`] write before the traceback's last line.
const RAISES_PREFIX: &str = "error: ";

impl Serialize for RuntimeVerdict {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            RuntimeVerdict::Matches(value) => serializer.serialize_bool(*value),
            RuntimeVerdict::TypeError => serializer.serialize_str("TypeError"),
            RuntimeVerdict::AbstractClass => serializer.serialize_str("AbstractClass"),
            RuntimeVerdict::Raises(error) => serializer.serialize_str(&format!("{RAISES_PREFIX}{error}")),
        }
    }
}

impl<'de> Deserialize<'de> for RuntimeVerdict {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::Bool(value) => Ok(RuntimeVerdict::Matches(value)),
            serde_json::Value::String(text) if text == "TypeError" => Ok(RuntimeVerdict::TypeError),
            serde_json::Value::String(text) if text == "AbstractClass" => Ok(RuntimeVerdict::AbstractClass),
            serde_json::Value::String(text) if text.starts_with(RAISES_PREFIX) => {
                Ok(RuntimeVerdict::Raises(text[RAISES_PREFIX.len()..].to_owned()))
            }
            other => Err(serde::de::Error::custom(format!("not a runtime verdict: {other}"))),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    pub check: Check,
    pub kind: ReasonKind,
    pub member: String,
    pub message: String,
    pub severity: Severity,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    Static,
    Runtime,
    Nominal,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReasonKind {
    MissingMember,
    SignatureIncompatible,
    ParameterRenamed,
    AttributeTypeIncompatible,
    ReadOnlyProperty,
    ClassVarMismatch,
    WrongMemberKind,
    MissingAtRuntime,
    NoneAtRuntime,
    NotRuntimeCheckable,
    AbstractClass,
    ConstructorRaises,
    NotASubclass,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Nominal {
    pub accepted: bool,
    pub explanation: String,
}

/// The Python 3 minor versions whose typeshed stubs the lab has (`data/typeshed.json`), oldest
/// first: the static verdicts for one of them are mypy's with `--python-version 3.X`; for
/// another version they are read from the stubs of the newest before it.
pub fn static_python_minors() -> Vec<u8> {
    stdlib::stubs_python_minors()
}

/// The `sys.platform` the static verdicts are mypy's for: its default on the Linux machines that
/// check them (the differential test passes it explicitly). A class body's
/// `if sys.platform == ...` is read for it statically, and at runtime for the platform of the
/// CPython asked about (Emscripten for the page's Pyodide, Linux for the others).
pub fn mypy_platform() -> &'static str {
    "linux"
}

/// Checks every non-Protocol class against every Protocol of the module, in source order, for
/// the CPython the page runs ([`PYODIDE_PYTHON_MINOR`]), statically and at runtime.
pub fn check(module: &Module) -> ConformanceReport {
    check_on(module, PYODIDE_PYTHON_MINOR)
}

/// [`check`] for Python 3.`python_minor`: the static verdicts are mypy's checking for it (the
/// stubs and class-body version tests read for it) and the runtime verdicts CPython's. Without the code's syntax tree, the lab cannot see attributes written where it
/// does not read them (in nested functions, through other names) or changed after the class
/// statement, so prefer [`check_code`].
pub fn check_on(module: &Module, python_minor: u8) -> ConformanceReport {
    report(module, None, python_minor)
}

/// [`check_on`] for parsed code: the lab also reads the code's attribute writes
/// ([`pysource::AttributeChanges`]), to decline pairs whose members are written where it does
/// not read them or changed after the class statement.
pub fn check_code(code: &Code, python_minor: u8) -> ConformanceReport {
    report(code.module(), Some(code.source()), python_minor)
}

/// A class body's `if` may define members for mypy that CPython does not run, or the other way
/// round (`class_ifs.rs`): with the code at hand, the static verdicts are those on the module as
/// mypy reads it and the runtime verdicts those on the module as CPython runs it.
fn report(module: &Module, source: Option<&pysource::Source>, python_minor: u8) -> ConformanceReport {
    stdlib::with_stubs_for(python_minor, || report_read(module, source, python_minor))
}

/// [`report`], with the stubs read for Python 3.`python_minor`.
fn report_read(module: &Module, source: Option<&pysource::Source>, python_minor: u8) -> ConformanceReport {
    // With the code at hand, both readings are taken even without unread statements: mypy keeps
    // the first definition of a name the class body binds again, CPython the last.
    let Some(code) = source else {
        return report_on(module, source, python_minor, &HashMap::new(), &HashSet::new());
    };
    let as_checked = class_ifs::static_module(code, python_minor);
    let as_run = class_ifs::runtime_module(code, python_minor);
    // CPython runs the module's patches of its classes before the probe; mypy reads none.
    let (run, patches) = patches::apply(&as_run.module, code);
    if as_checked.module == run {
        return report_on(&run, source, python_minor, &as_run.unread, &patches);
    }
    let statics = report_on(&as_checked.module, source, python_minor, &as_checked.unread, &HashSet::new());
    let mut merged = report_on(&run, source, python_minor, &as_run.unread, &patches);
    for (entry, checked) in merged.entries.iter_mut().zip(statics.entries) {
        entry.static_ok = checked.static_ok;
        let is_static = |check: Check| check == Check::Static;
        let mut reasons: Vec<Reason> = checked.reasons.into_iter().filter(|r| is_static(r.check)).collect();
        reasons.extend(entry.reasons.drain(..).filter(|r| !is_static(r.check)));
        entry.reasons = reasons;
        let mut declined: Vec<Declined> = checked.declined.into_iter().filter(|d| is_static(d.check)).collect();
        declined.extend(entry.declined.drain(..).filter(|d| !is_static(d.check)));
        entry.declined = declined;
    }
    merged
}

/// The report on `module`; `unread_blocks` says why the lab left some of its class bodies' `if`,
/// `for` and `try` statements unread, by line; `patches` are the lines of the changes of class
/// attributes after the class statements that `module` shows (`patches.rs`).
fn report_on(
    module: &Module,
    source: Option<&pysource::Source>,
    python_minor: u8,
    unread_blocks: &HashMap<usize, String>,
    patches: &HashSet<usize>,
) -> ConformanceReport {
    let module = &*imports::spell_bases(module);
    let module = &*constants::substitute(module, &source.map(|s| s.module_constants()).unwrap_or_default());
    let hash_actions = dataclasses::hash_actions(module);
    let frozen_dataclasses = dataclasses::frozen(module);
    let module = &*dataclasses::normalize(module, python_minor);
    // After the dataclass rewrite, which would take an attribute a method sets for a field.
    let module = &*inferred::annotate_written_attributes(module, &values::method_bodies(source));
    let module = &*finals::normalize(module);
    let module = &*generics::erase(module);
    let module = &*typeshed_protocols::inline(module);
    let context = declines::Context::new(module, source, patches)
        .with_hash_actions(&hash_actions)
        .with_frozen_dataclasses(frozen_dataclasses)
        .for_python(python_minor)
        .explaining_unread_blocks(unread_blocks);
    let protocols: Vec<_> = module
        .classes
        .iter()
        .filter(|c| c.is_protocol && typeshed_protocols::inlined(c).is_none())
        .map(|protocol| (protocol, statics::protocol_members(module, protocol)))
        .collect();
    let mut entries = Vec::new();
    for class in module.classes.iter().filter(|c| !c.is_protocol) {
        for (protocol, members) in &protocols {
            subtype::take_structural();
            subtype::take_unjudged();
            let mut reasons = statics::check(module, class, protocol, members);
            let nested = subtype::take_structural();
            let unjudged = subtype::take_unjudged();
            let mut declines = context.declines(class, protocol, members);
            let fails = |reasons: &[Reason]| reasons.iter().any(|r| r.severity == Severity::Error);
            if declines.static_reason.is_none() {
                declines.static_reason = context.nested_decline(&nested);
            }
            if let Some((judged, typ)) = unjudged.first().filter(|_| declines.static_reason.is_none()) {
                if fails(&reasons) && !fails(&subtype::optimistic(|| statics::check(module, class, protocol, members)))
                {
                    declines.static_reason = Some(format!(
                        "it turns on whether {judged} is a subtype of {typ}, which the lab does not judge"
                    ));
                }
            }
            let mut static_ok = Some(!fails(&reasons));
            let (runtime, instance) =
                runtime::check(module, class, protocol, members, python_minor, &context, &mut reasons);
            let mut runtime = Some(runtime);
            if let Some(method) = &declines.abstract_method {
                // The instance is never made: isinstance() is not asked.
                runtime = Some(RuntimeVerdict::AbstractClass);
                reasons.retain(|r| r.check != Check::Runtime);
                reasons.push(Reason {
                    check: Check::Runtime,
                    kind: ReasonKind::AbstractClass,
                    member: method.clone(),
                    message: format!(
                        "{} leaves the abstract method {method} unimplemented, so {instance} raises TypeError: \
                         Can't instantiate abstract class {}, before isinstance() is called.",
                        class.name, class.name
                    ),
                    severity: Severity::Error,
                });
            }
            if let (Some(raised), None) = (&declines.raised, &declines.abstract_method) {
                // The instance is never made: isinstance() is not asked.
                runtime = Some(RuntimeVerdict::Raises(raised.error.clone()));
                reasons.retain(|r| r.check != Check::Runtime);
                reasons.push(Reason {
                    check: Check::Runtime,
                    kind: ReasonKind::ConstructorRaises,
                    member: String::new(),
                    message: format!(
                        "{instance} raises {}: {} raises it at line {}, before isinstance() is called.",
                        raised.error, raised.qualname, raised.line
                    ),
                    severity: Severity::Error,
                });
            }
            let mut declined = Vec::new();
            if let Some(reason) = declines.static_reason {
                static_ok = None;
                reasons.retain(|r| r.check != Check::Static);
                declined.push(Declined { check: Check::Static, reason });
            }
            if let Some(reason) = declines.runtime_reason {
                runtime = None;
                reasons.retain(|r| r.check != Check::Runtime);
                declined.push(Declined { check: Check::Runtime, reason });
            }
            let nominal = nominal(module, class, protocol, &mut reasons);
            entries.push(ConformanceEntry {
                class: class.name.clone(),
                protocol: protocol.name.clone(),
                static_ok,
                runtime,
                instance,
                reasons,
                nominal,
                declined,
            });
        }
    }
    ConformanceReport { entries }
}

fn nominal(module: &Module, class: &pysource::Class, protocol: &pysource::Class, reasons: &mut Vec<Reason>) -> Nominal {
    if module.inherits(class, &protocol.name) {
        return Nominal {
            accepted: true,
            explanation: format!(
                "{} lists {} among its bases, so an ABC would accept it too.",
                class.name, protocol.name
            ),
        };
    }
    let explanation = format!(
        "An ABC named {p} with these members as abstract methods accepts only subclasses: \
         {c} would have to write `class {c}({p})`, however well its members match.",
        p = protocol.name,
        c = class.name
    );
    reasons.push(Reason {
        check: Check::Nominal,
        kind: ReasonKind::NotASubclass,
        member: String::new(),
        message: explanation.clone(),
        severity: Severity::Error,
    });
    Nominal { accepted: false, explanation }
}
