use lab::{python_string, Check, Comparison, OwnCode, PROBE_MARKER};
use serde_json::Value;

use crate::{BodyReading, DispatchPrediction, Dispatcher, DispatcherSource, Outcome};

/// The lab's naive dispatcher, the page's own: it runs when the code has no `dispatch`, and the
/// page shows it then. The probe calls `dispatch(handler, payload)`.
pub const NAIVE_DISPATCHER: &str = r#"import inspect


def dispatch(handler, payload):
    parameters = inspect.signature(handler).parameters
    return handler(**{k: v for k, v in payload.items() if k in parameters})
"#;

/// The lab's strict dispatcher: rejects unknown keys, converts values to `int`/`float`/`str`/
/// `bool` annotations, passes positional-only parameters positionally. `strict_plan` returns the
/// call's `(args, kwargs)`; `dispatch` makes the call.
pub const STRICT_DISPATCHER: &str = r#"import inspect
import json


class DispatchError(Exception):
    """The strict dispatcher refused the payload."""


# Traceback lines then read `DispatchError: ...` wherever this code runs (a module, a function).
DispatchError.__module__ = "__main__"
DispatchError.__qualname__ = "DispatchError"


def _strict_json(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _strict_convert(name, annotation, value):
    if isinstance(annotation, str):
        target = annotation.strip()
        if len(target) >= 2 and target[0] == target[-1] and target[0] in "\"'":
            target = target[1:-1].strip()
    elif annotation in (int, float, str, bool):
        target = annotation.__name__
    else:
        return value
    kind = type(value)
    if target == "int":
        if kind is int:
            return value
        if kind is str:
            digits = value[1:] if value.startswith("-") else value
            if 0 < len(digits) <= 18 and digits.isascii() and digits.isdigit():
                return int(value)
    elif target == "float":
        if kind is int or kind is float:
            return float(value)
    elif target == "str":
        if kind is str:
            return value
    elif target == "bool":
        if kind is bool:
            return value
        if kind is str and value in ("true", "false"):
            return value == "true"
    else:
        return value
    raise DispatchError(f"payload key {_strict_json(name)} expects {target}, got {kind.__name__}")


def strict_plan(handler, payload):
    parameters = inspect.signature(handler).parameters
    variadic = (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    named = {n: p for n, p in parameters.items() if p.kind not in variadic}
    takes_extra = any(p.kind is p.VAR_KEYWORD for p in parameters.values())
    unknown = sorted(k for k in payload if k not in named and not takes_extra)
    if unknown:
        raise DispatchError("unknown payload keys " + _strict_json(unknown))
    args, kwargs, gap = [], {}, None
    for name, parameter in named.items():
        if name not in payload:
            if parameter.kind is parameter.POSITIONAL_ONLY and gap is None:
                gap = name
            continue
        value = _strict_convert(name, parameter.annotation, payload[name])
        if parameter.kind is parameter.POSITIONAL_ONLY:
            if gap is not None:
                raise DispatchError(
                    f"positional-only parameter {_strict_json(name)} needs {_strict_json(gap)} before it"
                )
            args.append(value)
        else:
            kwargs[name] = value
    for key, value in payload.items():
        if key not in named:
            kwargs[key] = value
    return args, kwargs


def dispatch(handler, payload):
    args, kwargs = strict_plan(handler, payload)
    return handler(*args, **kwargs)
"#;

/// How the page measures what `inspect.signature` costs: dispatches per second with the
/// signature read on every call, and cached. Only the filtering is timed, never the handler,
/// whose body may have effects.
pub const COST_MEASUREMENT: &str = r#"import inspect
import time


def dispatches_per_second(plan):
    calls, start = 0, time.perf_counter()
    while True:
        for _ in range(100):
            plan()
        calls += 100
        elapsed = time.perf_counter() - start
        if elapsed >= 0.2:
            return calls / elapsed


def measure_cost(handler, payload):
    cached = inspect.signature(handler).parameters
    return {
        "signature_per_call": dispatches_per_second(
            lambda: {k: v for k, v in payload.items() if k in inspect.signature(handler).parameters}
        ),
        "cached_signature": dispatches_per_second(lambda: {k: v for k, v in payload.items() if k in cached}),
    }
"#;

/// Every dispatcher the lab has, as one text (for the page's reference panel).
pub fn reference_dispatchers() -> String {
    format!("# The naive dispatcher\n{NAIVE_DISPATCHER}\n\n# The strict dispatcher\n{STRICT_DISPATCHER}")
}

/// Resolves a handler name the way the model does (see the crate documentation).
const RESOLVE_HANDLER: &str = r#"def _pp_resolve(name):
    if "." not in name:
        return globals()[name]
    class_name, attribute = name.split(".", 1)
    cls = globals()[class_name]
    if isinstance(inspect.getattr_static(cls, attribute), (staticmethod, classmethod)):
        return getattr(cls, attribute)
    return getattr(cls.__new__(cls), attribute)


def _pp_repr(value):
    try:
        return repr(value)
    except Exception as error:
        return f"<repr failed: {type(error).__name__}>"
"#;

/// The code of the lab's own that the probe runs after the user's, to show on the page: the
/// lab's dispatcher unless the user's `dispatch` is called, and the cost measurement when it is
/// made. None when the probe runs only the user's code (and its observation).
pub fn own_code(source: &DispatcherSource, dispatcher: Dispatcher, measure_cost: bool) -> Option<OwnCode> {
    let dispatcher_code = match (source, dispatcher) {
        (DispatcherSource::Lab, Dispatcher::Naive) => Some(("naive", NAIVE_DISPATCHER)),
        (DispatcherSource::Lab, Dispatcher::Strict) => Some(("strict", STRICT_DISPATCHER)),
        _ => None,
    };
    let mut parts: Vec<&str> = dispatcher_code.iter().map(|(_, code)| *code).collect();
    if measure_cost {
        parts.push(COST_MEASUREMENT);
    }
    let label = match (dispatcher_code, measure_cost) {
        (None, false) => return None,
        (None, true) => {
            "The lab's cost measurement, which runs after your code (it times the filtering, never your handler)"
                .to_string()
        }
        (Some((name, _)), false) => format!("The lab's {name} dispatcher, which runs after your code"),
        (Some((name, _)), true) => {
            format!("The lab's {name} dispatcher and cost measurement, which run after your code")
        }
    };
    Some(OwnCode { label, code: join_python(&parts) })
}

/// Python snippets as one module: their imports once, at the top, then their bodies.
fn join_python(parts: &[&str]) -> String {
    let mut imports: Vec<&str> = Vec::new();
    let mut bodies = Vec::new();
    for part in parts {
        let mut lines = part.lines().peekable();
        while let Some(line) = lines.next_if(|l| l.starts_with("import ") || l.is_empty()) {
            if !line.is_empty() && !imports.contains(&line) {
                imports.push(line);
            }
        }
        bodies.push(lines.collect::<Vec<_>>().join("\n"));
    }
    imports.sort();
    format!("{}\n\n\n{}\n", imports.join("\n"), bodies.join("\n\n\n"))
}

/// Python that, after the user's code, makes the dispatch the prediction is about and prints one
/// `__PATTERN_PLAYGROUND__ {json}` line (format in the crate documentation): with the user's
/// `dispatch` for [`DispatcherSource::Page`] and [`DispatcherSource::Unrecognized`], with the
/// lab's (`own_code`, defined inside the probe's function) for [`DispatcherSource::Lab`].
pub fn probe(
    handler: &str,
    payload_json: &str,
    source: &DispatcherSource,
    own_code: Option<&OwnCode>,
    measure_cost: bool,
) -> String {
    let (dispatcher, call) = match source {
        DispatcherSource::Lab => ("lab", "dispatch"),
        DispatcherSource::Page { .. } | DispatcherSource::Unrecognized { .. } => ("page", "globals()[\"dispatch\"]"),
    };
    let own = own_code.map(|own| indent(&own.code)).unwrap_or_default();
    format!(
        r#"

def _pp_dispatch_probe():
{own}
    import functools
    import inspect
    import json
    import sys
    import traceback

{resolve}
    payload = json.loads({payload})
    result = {{"dispatcher": {dispatcher}, "outcome": "ok", "error": None, "entered": False, "params": None}}
    names, code, entries = [], None, []
    try:
        handler = _pp_resolve({handler})
        names = list(inspect.signature(handler).parameters)
        target = getattr(handler, "__func__", handler)
        if isinstance(handler, type):
            # The function whose signature inspect.signature reports: the first class in the MRO
            # with a __new__ or __init__ of its own, when that method is Python code.
            target = handler.__init__
            for base in handler.__mro__:
                if "__new__" in vars(base) and hasattr(handler.__new__, "__code__"):
                    target = handler.__new__
                    break
                if "__init__" in vars(base) and hasattr(handler.__init__, "__code__"):
                    break
        # A partial passes the call on to its function.
        while isinstance(target, functools.partial):
            target = target.func
        # A wrapper made with functools.wraps, or a cache, passes the call on to __wrapped__.
        target = inspect.unwrap(target) if hasattr(target, "__wrapped__") else target
        code = getattr(target, "__code__", None)
        if code is None and not isinstance(handler, type):
            # A callable instance binds in its class's __call__.
            code = getattr(getattr(type(handler), "__call__", None), "__code__", None)
        if code is None and isinstance(handler, type):
            # A named tuple binds in its generated __new__.
            code = getattr(handler.__new__, "__code__", None)

        def profiler(frame, event, arg):
            if event == "call" and frame.f_code is code and not entries:
                entries.append({{name: _pp_repr(value) for name, value in frame.f_locals.items()}})

        run = {call}
        sys.setprofile(profiler)
        try:
            returned = run(handler, payload)
        finally:
            sys.setprofile(None)
        # A generator's frame may start only when iterated: its parameters are bound already.
        frame = getattr(returned, "gi_frame", None)
        if not entries and frame is not None and frame.f_code is code:
            entries.append({{name: _pp_repr(value) for name, value in frame.f_locals.items()}})
    except Exception as error:
        result["outcome"] = "error"
        result["error"] = traceback.format_exception_only(type(error), error)[-1].rstrip("\n")
    if entries:
        result["entered"] = True
        result["params"] = {{name: entries[0][name] for name in names if name in entries[0]}}
    elif code is None and not names and result["outcome"] == "ok":
        result["params"] = {{}}
    if {measure}:
        try:
            result["cost"] = measure_cost(handler, payload)
        except Exception:
            result["cost"] = None
    print({marker}, json.dumps(result, ensure_ascii=False))


_pp_dispatch_probe()
"#,
        resolve = indent(RESOLVE_HANDLER),
        payload = python_string(payload_json),
        dispatcher = python_string(dispatcher),
        handler = python_string(handler),
        call = call,
        measure = if measure_cost { "True" } else { "False" },
        marker = python_string(PROBE_MARKER),
    )
}

fn indent(code: &str) -> String {
    lab::indent(code) + "\n"
}

/// One fact of a prediction: what it is about, and the predicted text or why it is not predicted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fact {
    pub subject: String,
    pub predicted: Result<String, String>,
}

/// `outcome` and `error`; then, for a successful binding (whether or not the body then raises as
/// the lab reads it), `param NAME` for every parameter.
pub fn facts(prediction: &DispatchPrediction) -> Vec<Fact> {
    let fact = |subject: &str, predicted| Fact { subject: subject.to_string(), predicted };
    let mut facts = vec![
        fact("outcome", Ok(outcome_text(prediction.outcome == Outcome::Ok).into())),
        fact("error", Ok(error_text(prediction.error.as_deref()))),
    ];
    // A body that raises runs after the binding: its parameters are bound as for an `ok`.
    let bound = prediction.outcome == Outcome::Ok || matches!(prediction.body, BodyReading::Raises { .. });
    if bound {
        for param in &prediction.wiring.params {
            let predicted = match (&param.repr, &param.default) {
                (Some(repr), _) => Ok(repr.clone()),
                (None, _) if param.unknown.is_some() => Err(param.unknown.clone().unwrap_or_default()),
                (None, Some(default)) => {
                    Err(format!("the default `{default}` is not a literal, and the lab does not evaluate it"))
                }
                (None, None) => Err("the lab does not know what this parameter receives".into()),
            };
            facts.push(Fact { subject: param_subject(&param.name), predicted });
        }
    }
    facts
}

/// Why a body that raised after the binding is not predicted.
fn unread_body(prediction: &DispatchPrediction) -> String {
    match &prediction.body {
        BodyReading::Declined { line, why } => format!("the handler's body raised after its parameters were bound, at line {line}: {why}"),
        _ => "the handler's body raised after its parameters were bound: the lab follows only the body of a top-level function (not decorated or a generator) that starts with a raise".into(),
    }
}

fn param_subject(name: &str) -> String {
    format!("param {name}")
}

fn outcome_text(ok: bool) -> &'static str {
    if ok {
        "ok"
    } else {
        "error"
    }
}

fn error_text(error: Option<&str>) -> String {
    error.unwrap_or("no error").to_string()
}

/// Holds each fact of the prediction against the probe's report. A prediction of an
/// unrecognized `dispatch` judges nothing: every fact is declined, with CPython's answer.
pub fn compare(prediction: &DispatchPrediction, report: &str) -> Comparison {
    let actual: Value = match serde_json::from_str(report) {
        Ok(actual) => actual,
        Err(error) => return Comparison::unreadable(format!("the probe's report is not JSON: {error}")),
    };
    let ran = actual.get("dispatcher").and_then(Value::as_str);
    let expected = if prediction.dispatcher_source == DispatcherSource::Lab { "lab" } else { "page" };
    if ran != Some(expected) {
        return Comparison::unreadable(format!("the probe ran the {ran:?} dispatcher, not the {expected} one"));
    }
    let actual_ok = actual.get("outcome").and_then(Value::as_str) == Some("ok");
    let actual_error = actual.get("error").and_then(Value::as_str);
    let entered = actual.get("entered").and_then(Value::as_bool) == Some(true);
    let params = actual.get("params").and_then(Value::as_object);
    let actual_of = |subject: &str| -> Option<String> {
        match subject {
            "outcome" => actual.get("outcome").and_then(Value::as_str).map(str::to_owned),
            "error" => Some(error_text(actual_error)),
            _ => {
                let name = subject.strip_prefix("param ")?;
                params?.get(name).and_then(Value::as_str).map(str::to_owned)
            }
        }
    };

    if let Some(reason) = prediction.dispatcher_source.unpredictable() {
        // The parameters CPython saw, if the handler was entered: nothing predicted is shown.
        let mut subjects = vec!["outcome".to_string(), "error".to_string()];
        subjects.extend(params.into_iter().flat_map(|p| p.keys()).map(|name| param_subject(name)));
        let checks = subjects.iter().map(|s| Check::declined(s.as_str(), reason.as_str(), actual_of(s))).collect();
        return Comparison { checks, problem: None };
    }

    // The handler was entered and then raised: its body is not the lab's to predict.
    let body_raised = prediction.outcome == Outcome::Ok && entered && !actual_ok;
    let checks = facts(prediction)
        .into_iter()
        .map(|fact| {
            let actual = actual_of(&fact.subject);
            let is_param = fact.subject.starts_with("param ");
            match fact.predicted {
                Err(reason) => Check::declined(fact.subject, reason, actual),
                Ok(_) if body_raised && !is_param => Check::declined(fact.subject, unread_body(prediction), actual),
                Ok(_) if is_param && actual_ok && params.is_none() => Check::declined(
                    fact.subject,
                    "CPython never started the handler's frame (a generator's body starts only when iterated), so what its parameters received was not seen",
                    actual,
                ),
                Ok(predicted) => Check::compared(fact.subject, predicted, actual),
            }
        })
        .collect();
    Comparison { checks, problem: None }
}
