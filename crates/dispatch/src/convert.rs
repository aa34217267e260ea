use serde_json::Value;

/// The strict dispatcher's conversion of a JSON value to a parameter's annotation, mirroring
/// `_strict_convert` in [`crate::REFERENCE_DISPATCHERS`]. Only the annotations `int`, `float`,
/// `str` and `bool` (bare or quoted) convert; any other annotation passes the value through.
/// The error is the message tail `expects int, got str`, with Python's type names. `big_int`
/// says the value is a JSON integer beyond 64 bits, which serde_json holds as a float.
pub(crate) fn convert(annotation: Option<&str>, value: &Value, big_int: bool) -> Result<Value, String> {
    let Some(target) = annotation.map(unquote) else { return Ok(value.clone()) };
    if big_int {
        return match target {
            "int" => Ok(value.clone()),
            "float" => Ok(value.clone()),
            "str" | "bool" => Err(format!("expects {target}, got int")),
            _ => Ok(value.clone()),
        };
    }
    let converted = match (target, value) {
        ("int", Value::Number(n)) if n.is_i64() || n.is_u64() => Some(value.clone()),
        ("int", Value::String(s)) => parse_int(s),
        ("float", Value::Number(n)) => n.as_f64().and_then(serde_json::Number::from_f64).map(Value::Number),
        ("str", Value::String(_)) | ("bool", Value::Bool(_)) => Some(value.clone()),
        ("bool", Value::String(s)) if s == "true" || s == "false" => Some(Value::Bool(s == "true")),
        ("int" | "float" | "str" | "bool", _) => None,
        _ => Some(value.clone()),
    };
    converted.ok_or_else(|| format!("expects {target}, got {}", python_type(value)))
}

/// The annotation makes the strict dispatcher call `float(value)`.
pub(crate) fn converts_to_float(annotation: Option<&str>) -> bool {
    annotation.map(unquote) == Some("float")
}

fn unquote(annotation: &str) -> &str {
    let trimmed = annotation.trim();
    for quote in ['"', '\''] {
        if let Some(inner) = trimmed.strip_prefix(quote).and_then(|s| s.strip_suffix(quote)) {
            return inner.trim();
        }
    }
    trimmed
}

/// An optional `-` then 1 to 18 ASCII digits, so the result always fits an i64.
fn parse_int(text: &str) -> Option<Value> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || digits.len() > 18 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse::<i64>().ok().map(Value::from)
}

/// The name of the Python type `json.loads` produces for this value.
fn python_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "NoneType",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float",
        Value::Number(_) => "int",
        Value::String(_) => "str",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
    }
}
