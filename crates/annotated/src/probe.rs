//! The Python that makes CPython run the validator the prediction is about and report what it did.

use lab::{indent, python_string, OwnCode, Probe, PROBE_MARKER};

use crate::validator::ValidatorSource;

/// The lab's own validator, which the probe runs when the code has no `check` (see the crate
/// documentation). The page shows it, read-only, under [`REFERENCE_PIPELINE_LABEL`].
pub const REFERENCE_PIPELINE: &str = r#"def _pp_pipeline(func, values):
    import typing
    hints = typing.get_type_hints(func, include_extras=True)
    messages, per_param, error = [], {}, None
    try:
        for field, value in values.items():
            hint = hints[field]
            if hasattr(hint, "__metadata__"):
                base, extras = hint.__origin__, hint.__metadata__
            else:
                base, extras = hint, ()
            said = per_param.setdefault(field, [])
            def say(line):
                said.append(line)
                messages.append(line)
            shown = "***" if any(type(m).__name__ == "Secret" for m in extras) else repr(value)
            if not isinstance(value, base):
                say(f"{field}={shown}: expected {getattr(base, '__name__', repr(base))}")
                continue
            for rule in extras:
                kind = type(rule).__name__
                if kind == "MinLen" and len(value) < rule.n:
                    say(f"{field}={shown}: shorter than {rule.n}")
                elif kind == "Between" and not rule.low <= value <= rule.high:
                    say(f"{field}={shown}: outside {rule.low}..{rule.high}")
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"
    return messages, per_param, error
"#;

/// How the page labels [`REFERENCE_PIPELINE`] when the probe runs it.
pub const REFERENCE_PIPELINE_LABEL: &str = "The lab's validator, which runs after your code";

/// The probe for `function` called with `values_json` (a JSON object) through `validator`: the
/// code's own `check` unless the code has none, then the lab's pipeline, shown as own code.
pub fn probe(function: &str, values_json: &str, validator: &ValidatorSource) -> Probe {
    if validator.runs_users_check() {
        return Probe::python(report(function, values_json, USERS_CHECK, "check"));
    }
    Probe::Python {
        source: report(function, values_json, &format!("{}\n{LAB_PIPELINE}", indent(REFERENCE_PIPELINE)), "lab"),
        own_code: Some(OwnCode { label: REFERENCE_PIPELINE_LABEL.into(), code: REFERENCE_PIPELINE.trim_end().into() }),
        after_error: false,
    }
}

/// Runs the lab's pipeline: `messages`, `per_param` and `error`, nothing else printed.
const LAB_PIPELINE: &str = r#"    messages, per_param, error = _pp_pipeline(func, values)
    other = []"#;

/// Calls the code's `check(func, **values)` with its output captured; each printed line goes to
/// the parameter its `name=` prefix names, the rest to `other`.
const USERS_CHECK: &str = r#"    import contextlib, io
    printed, error = io.StringIO(), None
    validator = globals().get("check")
    if validator is None:
        error = "NameError: name 'check' is not defined"
    else:
        try:
            with contextlib.redirect_stdout(printed):
                validator(func, **values)
        except (Exception, SystemExit) as exc:
            error = f"{type(exc).__name__}: {exc}"
    messages = printed.getvalue().splitlines()
    names = list(inspect.signature(func).parameters)
    per_param, other = {}, []
    for line in messages:
        field = line.split("=", 1)[0] if "=" in line else None
        if field in names:
            per_param.setdefault(field, []).append(line)
        else:
            other.append(line)"#;

fn report(function: &str, values_json: &str, run: &str, validator: &str) -> String {
    format!(
        r#"
def _pp_annotated_probe():
    import inspect, json, re, typing
    addresses = re.compile(r" at 0x[0-9a-fA-F]+>")
    shown = lambda hint: addresses.sub(" at 0x…>", repr(hint))
    func = globals()[{function}]
    values = json.loads({values})
    plain = typing.get_type_hints(func)
    extras = typing.get_type_hints(func, include_extras=True)
{run}
    params = {{}}
    for name in inspect.signature(func).parameters:
        params[name] = {{
            "hint": shown(plain[name]) if name in plain else None,
            "hint_extras": shown(extras[name]) if name in extras else None,
            "messages": per_param.get(name, []),
        }}
    report = {{"validator": {validator}, "params": params, "messages": messages, "other": other, "error": error}}
    print({marker}, json.dumps(report, ensure_ascii=False))

_pp_annotated_probe()
del _pp_annotated_probe
"#,
        function = python_string(function),
        values = python_string(values_json),
        validator = python_string(validator),
        marker = python_string(PROBE_MARKER),
    )
}
