//! The Python that makes pydantic validate the same input against the same target, in the
//! user's namespace, and report what it did.

use lab::{python_string, Probe, PROBE_MARKER};

use crate::Mode;

/// The probe for `target` (a name the code binds) given `input` (JSON text) in `mode`. Lax mode
/// passes `strict=None`, so that a model's own `strict` setting holds, as in pydantic.
pub fn probe(target: &str, input: &str, mode: Mode) -> Probe {
    Probe::python(format!(
        r#"
def _pp_pydantic_probe():
    import json
    report = {{"valid": None, "errors": [], "json_schema": None, "error": None, "schema_error": None}}
    try:
        from pydantic import BaseModel, TypeAdapter, ValidationError
        target = globals()[{target}]
        if isinstance(target, type) and issubclass(target, BaseModel):
            validate, schema = target.model_validate_json, target.model_json_schema
        else:
            adapter = TypeAdapter(target)
            validate, schema = adapter.validate_json, adapter.json_schema
        try:
            validate({input}, strict={strict})
            report["valid"] = True
        except ValidationError as error:
            report["valid"] = False
            report["errors"] = [
                {{"loc": list(e["loc"]), "loc_repr": repr(e["loc"]), "type": e["type"], "msg": e["msg"]}}
                for e in error.errors()
            ]
        try:
            report["json_schema"] = schema()
        except Exception as error:
            report["schema_error"] = f"{{type(error).__name__}}: {{error}}"
    except Exception as error:
        report["error"] = f"{{type(error).__name__}}: {{error}}"
    print({marker}, json.dumps(report, ensure_ascii=False))

_pp_pydantic_probe()
del _pp_pydantic_probe
"#,
        target = python_string(target),
        input = python_string(input),
        strict = if mode == Mode::Strict { "True" } else { "None" },
        marker = python_string(PROBE_MARKER),
    ))
}
