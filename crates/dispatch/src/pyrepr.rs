//! Python's `repr` of what `json.loads` makes of a JSON text: `None`, `True`, `'ada'`,
//! `{'a': [1, 2.0]}`. Integers keep every digit of the JSON text (Python's ints are unbounded,
//! serde_json's are not), floats are shown as Python shows them, and an object keeps its keys in
//! first-seen order with the last value of a repeated key, as a Python dict built from the pairs.

use pysource::str_repr;
use serde_json::Value;

/// A JSON value as Python holds it after `json.loads`.
#[derive(Clone, Debug, PartialEq)]
pub enum PyValue {
    None,
    Bool(bool),
    /// The integer's decimal digits, with a `-` for negative numbers (`-0` is `0`).
    Int(String),
    Float(f64),
    Str(String),
    List(Vec<PyValue>),
    Dict(Vec<(String, PyValue)>),
}

impl PyValue {
    /// Python's `repr` of the value.
    pub fn repr(&self) -> String {
        match self {
            PyValue::None => "None".into(),
            PyValue::Bool(true) => "True".into(),
            PyValue::Bool(false) => "False".into(),
            PyValue::Int(digits) => digits.clone(),
            PyValue::Float(f) => float_repr(*f),
            PyValue::Str(s) => str_repr(s),
            PyValue::List(items) => format!("[{}]", items.iter().map(PyValue::repr).collect::<Vec<_>>().join(", ")),
            PyValue::Dict(entries) => dict_repr(entries.iter().map(|(k, v)| (k.as_str(), v.repr()))),
        }
    }

    /// The entry for `key` of a dict.
    pub fn get(&self, key: &str) -> Option<&PyValue> {
        match self {
            PyValue::Dict(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// Python's `repr` of a dict of str keys whose values' reprs are given, in order.
pub fn dict_repr<'k>(entries: impl Iterator<Item = (&'k str, String)>) -> String {
    let entries: Vec<String> = entries.map(|(k, v)| format!("{}: {v}", str_repr(k))).collect();
    format!("{{{}}}", entries.join(", "))
}

/// Python's `repr` of a tuple whose items' reprs are given.
pub fn tuple_repr(items: &[String]) -> String {
    match items {
        [] => "()".into(),
        [one] => format!("({one},)"),
        items => format!("({})", items.join(", ")),
    }
}

/// Python's `repr` of a float.
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    pysource::float_repr(f)
}

/// Python's `repr` of a value held in the model as serde_json's (payload values, and what the
/// strict dispatcher converted them to). Integers beyond 64 bits are floats in serde_json: use
/// [`loads`] on the JSON text for those.
pub fn value_repr(value: &Value) -> String {
    match value {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) if n.is_f64() => float_repr(n.as_f64().unwrap_or(f64::NAN)),
        Value::Number(n) => n.to_string(),
        Value::String(s) => str_repr(s),
        Value::Array(items) => format!("[{}]", items.iter().map(value_repr).collect::<Vec<_>>().join(", ")),
        Value::Object(map) => dict_repr(map.iter().map(|(k, v)| (k.as_str(), value_repr(v)))),
    }
}

/// What Python's `json.loads(text)` returns, for texts serde_json also accepts.
pub fn loads(text: &str) -> Result<PyValue, String> {
    let mut parser = Parser { text, at: 0 };
    let value = parser.value()?;
    parser.space();
    if parser.at != text.len() {
        return Err(format!("trailing characters at byte {}", parser.at));
    }
    Ok(value)
}

struct Parser<'t> {
    text: &'t str,
    at: usize,
}

impl Parser<'_> {
    fn rest(&self) -> &str {
        &self.text[self.at..]
    }

    fn space(&mut self) {
        let rest = self.rest();
        self.at += rest.len() - rest.trim_start_matches([' ', '\t', '\n', '\r']).len();
    }

    fn eat(&mut self, token: &str) -> bool {
        self.space();
        let found = self.rest().starts_with(token);
        if found {
            self.at += token.len();
        }
        found
    }

    fn value(&mut self) -> Result<PyValue, String> {
        self.space();
        let start = self.at;
        let error = || format!("unexpected JSON at byte {start}");
        match self.rest().chars().next() {
            Some('{') => {
                self.at += 1;
                let mut entries: Vec<(String, PyValue)> = Vec::new();
                if self.eat("}") {
                    return Ok(PyValue::Dict(entries));
                }
                loop {
                    self.space();
                    let key = self.string()?;
                    if !self.eat(":") {
                        return Err(error());
                    }
                    let value = self.value()?;
                    match entries.iter_mut().find(|(k, _)| *k == key) {
                        Some(entry) => entry.1 = value,
                        None => entries.push((key, value)),
                    }
                    if self.eat("}") {
                        return Ok(PyValue::Dict(entries));
                    }
                    if !self.eat(",") {
                        return Err(error());
                    }
                }
            }
            Some('[') => {
                self.at += 1;
                let mut items = Vec::new();
                if self.eat("]") {
                    return Ok(PyValue::List(items));
                }
                loop {
                    items.push(self.value()?);
                    if self.eat("]") {
                        return Ok(PyValue::List(items));
                    }
                    if !self.eat(",") {
                        return Err(error());
                    }
                }
            }
            Some('"') => self.string().map(PyValue::Str),
            Some('t') if self.eat("true") => Ok(PyValue::Bool(true)),
            Some('f') if self.eat("false") => Ok(PyValue::Bool(false)),
            Some('n') if self.eat("null") => Ok(PyValue::None),
            Some('-' | '0'..='9') => self.number(),
            _ => Err(error()),
        }
    }

    /// A string token, decoded by serde_json (escapes, surrogate pairs).
    fn string(&mut self) -> Result<String, String> {
        let rest = self.rest();
        if !rest.starts_with('"') {
            return Err(format!("expected a string at byte {}", self.at));
        }
        let mut escaped = false;
        let end = rest
            .char_indices()
            .skip(1)
            .find(|&(_, c)| {
                let closes = c == '"' && !escaped;
                escaped = c == '\\' && !escaped;
                closes
            })
            .map(|(i, _)| i + 1)
            .ok_or("unterminated string")?;
        let decoded = serde_json::from_str(&rest[..end]).map_err(|e| e.to_string())?;
        self.at += end;
        Ok(decoded)
    }

    fn number(&mut self) -> Result<PyValue, String> {
        let text = self.text;
        let rest = &text[self.at..];
        let end = rest.find(|c: char| !matches!(c, '-' | '+' | '.' | 'e' | 'E' | '0'..='9')).unwrap_or(rest.len());
        let token = &rest[..end];
        self.at += end;
        if token.contains(['.', 'e', 'E']) {
            return token.parse::<f64>().map(PyValue::Float).map_err(|e| format!("{token}: {e}"));
        }
        let digits = token.strip_prefix('-').unwrap_or(token);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("{token} is not a JSON number"));
        }
        let zero = digits.bytes().all(|b| b == b'0');
        Ok(PyValue::Int(if zero { "0".into() } else { token.to_string() }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repr(json: &str) -> String {
        loads(json).unwrap().repr()
    }

    #[test]
    fn scalars_read_as_python_shows_them() {
        assert_eq!(repr("null"), "None");
        assert_eq!(repr("true"), "True");
        assert_eq!(repr("false"), "False");
        assert_eq!(repr("7"), "7");
        assert_eq!(repr("-0"), "0");
        assert_eq!(repr("99999999999999999999"), "99999999999999999999");
        assert_eq!(repr("1.0"), "1.0");
        assert_eq!(repr("1e16"), "1e+16");
        assert_eq!(repr("1E5"), "100000.0");
        assert_eq!(repr("0.0001"), "0.0001");
        assert_eq!(repr("0.00001"), "1e-05");
        assert_eq!(repr("-0.0"), "-0.0");
        assert_eq!(repr(r#""ada""#), "'ada'");
        assert_eq!(repr(r#""it's""#), r#""it's""#);
        assert_eq!(repr(r#""both ' and \"""#), r#"'both \' and "'"#);
        assert_eq!(repr(r#""tab\t\u0001\u00a0é""#), r"'tab\t\x01\xa0é'");
        assert_eq!(repr(r#""\ud83d\ude00""#), "'😀'");
    }

    #[test]
    fn containers_keep_order_and_the_last_value_of_a_repeated_key() {
        assert_eq!(repr(r#" { "b" : [1, 2.5, []], "a": {} } "#), "{'b': [1, 2.5, []], 'a': {}}");
        assert_eq!(repr(r#"{"a": 1, "b": 2, "a": 3}"#), "{'a': 3, 'b': 2}");
        assert_eq!(tuple_repr(&[]), "()");
        assert_eq!(tuple_repr(&["1".into()]), "(1,)");
        assert!(loads("[1,").is_err());
        assert!(loads("{} x").is_err());
    }

    #[test]
    fn serde_values_read_alike_within_64_bits() {
        for json in [r#"{"a": [1, -2, 3.25, "x", null, true], "b": {"c": 1e-7}}"#, "12345678901234567", "-0.0"] {
            let value: Value = serde_json::from_str(json).unwrap();
            assert_eq!(value_repr(&value), repr(json), "{json}");
        }
    }
}
