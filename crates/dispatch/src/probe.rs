use lab::{python_string, Check, Comparison, PROBE_MARKER};
use serde_json::Value;

use crate::{DispatchPrediction, Dispatcher, Outcome};

/// The two dispatchers in Python, exactly as the probes run them; the page shows this code.
/// `*_plan` returns the call's `(args, kwargs)`; `*_dispatch` makes the call.
pub const REFERENCE_DISPATCHERS: &str = r#"import inspect
import json


class DispatchError(Exception):
    """The strict dispatcher refused the payload."""


# Traceback lines then read `DispatchError: ...` wherever this code runs (a module, a function).
DispatchError.__module__ = "__main__"
DispatchError.__qualname__ = "DispatchError"


def naive_plan(handler, payload):
    parameters = inspect.signature(handler).parameters
    return [], {k: v for k, v in payload.items() if k in parameters}


def naive_dispatch(handler, payload):
    args, kwargs = naive_plan(handler, payload)
    return handler(*args, **kwargs)


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


def strict_dispatch(handler, payload):
    args, kwargs = strict_plan(handler, payload)
    return handler(*args, **kwargs)
"#;

/// Resolves a handler name the way the model does (see the crate documentation).
const RESOLVE_HANDLER: &str = r#"
def _pp_resolve(name):
    if "." not in name:
        return globals()[name]
    class_name, attribute = name.split(".", 1)
    cls = globals()[class_name]
    if isinstance(inspect.getattr_static(cls, attribute), (staticmethod, classmethod)):
        return getattr(cls, attribute)
    return getattr(cls.__new__(cls), attribute)
"#;

/// Python that runs `dispatcher` on `handler` with `payload_json` after the user's code and prints
/// one `__PATTERN_PLAYGROUND__ {json}` line (format in the crate documentation).
pub fn probe(handler: &str, payload_json: &str, dispatcher: Dispatcher) -> String {
    let plan = match dispatcher {
        Dispatcher::Naive => "naive_plan",
        Dispatcher::Strict => "strict_plan",
    };
    format!(
        r#"

def _pp_dispatch_probe():
{dispatchers}
{resolve}
    import sys
    import traceback

    payload = json.loads({payload})
    result = {{"outcome": "ok", "error": None, "arguments": None, "defaulted": [], "dropped": []}}
    try:
        handler = _pp_resolve({handler})
        parameters = inspect.signature(handler).parameters
        args, kwargs = {plan}(handler, payload)
        positional = [n for n, p in parameters.items() if p.kind is p.POSITIONAL_ONLY][: len(args)]
        result["dropped"] = sorted(k for k in payload if k not in kwargs and k not in positional)
        target = handler.__init__ if isinstance(handler, type) else getattr(handler, "__func__", handler)
        code = getattr(target, "__code__", None)
        entries = []

        def profiler(frame, event, arg):
            if event == "call" and frame.f_code is code and not entries:
                entries.append(dict(frame.f_locals))

        sys.setprofile(profiler)
        try:
            handler(*args, **kwargs)
        finally:
            sys.setprofile(None)
        received = entries[0] if entries else {{}}
        keyword_kinds = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
        arguments = {{}}
        for name, parameter in parameters.items():
            if parameter.kind is parameter.VAR_POSITIONAL:
                arguments[name] = list(received.get(name, ()))
            elif parameter.kind is parameter.VAR_KEYWORD:
                arguments[name] = dict(received.get(name, {{}}))
            elif name in positional or (name in kwargs and parameter.kind in keyword_kinds):
                arguments[name] = received[name]
            else:
                result["defaulted"].append(name)
        result["arguments"] = arguments
        result["defaulted"].sort()
    except Exception as error:
        result["outcome"] = "error"
        result["error"] = traceback.format_exception_only(type(error), error)[-1].rstrip("\n")
    print({marker}, json.dumps(result, ensure_ascii=False, sort_keys=True, default=repr))


_pp_dispatch_probe()
"#,
        dispatchers = indent(REFERENCE_DISPATCHERS),
        resolve = indent(RESOLVE_HANDLER),
        payload = python_string(payload_json),
        handler = python_string(handler),
        marker = python_string(PROBE_MARKER),
    )
}

/// Python that measures, after the user's code, how many naive dispatch plans per second can be
/// made when `inspect.signature` runs on every call versus once, cached. Only the planning is
/// timed, never the handler, whose body may have effects. Prints one
/// `__PATTERN_PLAYGROUND__ {"cached_signature": float, "signature_per_call": float}` line.
pub fn cost_probe(handler: &str, payload_json: &str) -> String {
    format!(
        r#"

def _pp_cost_probe():
{dispatchers}
{resolve}
    import time

    handler = _pp_resolve({handler})
    payload = json.loads({payload})
    cached = inspect.signature(handler).parameters

    def signature_per_call():
        return naive_plan(handler, payload)

    def cached_signature():
        return [], {{k: v for k, v in payload.items() if k in cached}}

    def rate(plan):
        calls, start = 0, time.perf_counter()
        while True:
            for _ in range(100):
                plan()
            calls += 100
            elapsed = time.perf_counter() - start
            if elapsed >= 0.2:
                return calls / elapsed

    rates = {{"signature_per_call": rate(signature_per_call), "cached_signature": rate(cached_signature)}}
    print({marker}, json.dumps(rates, sort_keys=True))


_pp_cost_probe()
"#,
        dispatchers = indent(REFERENCE_DISPATCHERS),
        resolve = indent(RESOLVE_HANDLER),
        payload = python_string(payload_json),
        handler = python_string(handler),
        marker = python_string(PROBE_MARKER),
    )
}

fn indent(code: &str) -> String {
    lab::indent(code) + "\n"
}

/// The prediction in the probe's report format (see the crate documentation).
pub fn observable(prediction: &DispatchPrediction) -> Value {
    serde_json::json!({
        "outcome": if prediction.outcome == Outcome::Ok { "ok" } else { "error" },
        "error": prediction.error,
        "arguments": prediction.arguments,
        "defaulted": prediction.defaulted,
        "dropped": prediction.dropped,
    })
}

/// Holds each observable field of the prediction against the probe's report.
pub fn compare(prediction: &DispatchPrediction, report: &str) -> Comparison {
    let actual: Value = match serde_json::from_str(report) {
        Ok(actual) => actual,
        Err(error) => return Comparison::unreadable(format!("the probe's report is not JSON: {error}")),
    };
    let predicted = observable(prediction);
    let checks = ["outcome", "error", "arguments", "defaulted", "dropped"]
        .into_iter()
        .map(|field| Check::compared(field, predicted[field].to_string(), actual.get(field).map(Value::to_string)))
        .collect();
    Comparison { checks, problem: None }
}
