//! The Python that makes CPython run the reference pipeline and report what it did.

use lab::{indent, python_string, PROBE_MARKER};

/// The reference pipeline, as it runs in the probe (see the crate documentation).
pub const REFERENCE_PIPELINE: &str = r#"
def _pp_pipeline(func, values):
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

/// The probe for `function` called with `values_json` (a JSON object).
pub fn probe(function: &str, values_json: &str) -> String {
    format!(
        r#"
def _pp_annotated_probe():
    import json, re, typing
{pipeline}
    addresses = re.compile(r" at 0x[0-9a-fA-F]+>")
    shown = lambda hint: addresses.sub(" at 0x…>", repr(hint))
    func = globals()[{function}]
    values = json.loads({values})
    plain = typing.get_type_hints(func)
    extras = typing.get_type_hints(func, include_extras=True)
    messages, per_param, error = _pp_pipeline(func, values)
    import inspect
    params = {{}}
    for name in inspect.signature(func).parameters:
        params[name] = {{
            "hint": shown(plain[name]) if name in plain else None,
            "hint_extras": shown(extras[name]) if name in extras else None,
            "messages": per_param.get(name, []),
        }}
    report = {{"params": params, "messages": messages, "error": error}}
    print({marker}, json.dumps(report, ensure_ascii=False))

_pp_annotated_probe()
del _pp_annotated_probe
"#,
        pipeline = indent(REFERENCE_PIPELINE),
        function = python_string(function),
        values = python_string(values_json),
        marker = python_string(PROBE_MARKER),
    )
}
