//! The lab's argument values: a JSON object read in order, as `json.loads` gives them to Python,
//! and their Python reprs.

use std::fmt;

use pysource::{float_repr, str_repr};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// A JSON value as the Python object `json.loads` makes of it; objects keep their key order.
#[derive(Clone, Debug, PartialEq)]
pub enum PyValue {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    List(Vec<PyValue>),
    Dict(Vec<(String, PyValue)>),
}

impl PyValue {
    /// `type(value).__name__`.
    pub fn type_name(&self) -> &'static str {
        match self {
            PyValue::None => "NoneType",
            PyValue::Bool(_) => "bool",
            PyValue::Int(_) => "int",
            PyValue::Float(_) => "float",
            PyValue::Str(_) => "str",
            PyValue::List(_) => "list",
            PyValue::Dict(_) => "dict",
        }
    }

    /// The value as a number, for comparisons; `True` compares as 1.
    pub fn number(&self) -> Option<f64> {
        match self {
            PyValue::Bool(b) => Some(f64::from(u8::from(*b))),
            PyValue::Int(i) => Some(*i as f64),
            PyValue::Float(f) => Some(*f),
            _ => None,
        }
    }

    /// `len(value)`, or None where Python raises TypeError.
    pub fn py_len(&self) -> Option<usize> {
        match self {
            PyValue::Str(s) => Some(s.chars().count()),
            PyValue::List(items) => Some(items.len()),
            PyValue::Dict(items) => Some(items.len()),
            _ => None,
        }
    }

    /// `repr(value)`.
    pub fn repr(&self) -> String {
        match self {
            PyValue::None => "None".into(),
            PyValue::Bool(true) => "True".into(),
            PyValue::Bool(false) => "False".into(),
            PyValue::Int(i) => i.to_string(),
            PyValue::Float(f) => float_repr(*f),
            PyValue::Str(s) => str_repr(s),
            PyValue::List(items) => format!("[{}]", items.iter().map(PyValue::repr).collect::<Vec<_>>().join(", ")),
            PyValue::Dict(items) => format!(
                "{{{}}}",
                items.iter().map(|(k, v)| format!("{}: {}", str_repr(k), v.repr())).collect::<Vec<_>>().join(", ")
            ),
        }
    }
}

/// Parses a JSON object into its (key, value) pairs in order; a repeated key keeps its first
/// position and last value, as a dict built by `json.loads` does.
pub fn parse_object(json: &str) -> Result<Vec<(String, PyValue)>, String> {
    match serde_json::from_str::<PyValue>(json).map_err(|e| format!("The values are not valid JSON: {e}"))? {
        PyValue::Dict(items) => Ok(items),
        other => Err(format!("The values must be a JSON object, not {}", other.type_name())),
    }
}

impl<'de> Deserialize<'de> for PyValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(PyValueVisitor)
    }
}

struct PyValueVisitor;

impl<'de> Visitor<'de> for PyValueVisitor {
    type Value = PyValue;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<PyValue, E> {
        Ok(PyValue::None)
    }
    fn visit_bool<E>(self, b: bool) -> Result<PyValue, E> {
        Ok(PyValue::Bool(b))
    }
    fn visit_i64<E>(self, i: i64) -> Result<PyValue, E> {
        Ok(PyValue::Int(i))
    }
    fn visit_u64<E: serde::de::Error>(self, u: u64) -> Result<PyValue, E> {
        i64::try_from(u).map(PyValue::Int).map_err(|_| E::custom("integers beyond 64 bits are not modelled"))
    }
    fn visit_f64<E>(self, f: f64) -> Result<PyValue, E> {
        Ok(PyValue::Float(f))
    }
    fn visit_str<E>(self, s: &str) -> Result<PyValue, E> {
        Ok(PyValue::Str(s.to_owned()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<PyValue, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(PyValue::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<PyValue, A::Error> {
        let mut items: Vec<(String, PyValue)> = Vec::new();
        while let Some((key, value)) = map.next_entry::<String, PyValue>()? {
            match items.iter_mut().find(|(k, _)| *k == key) {
                Some(slot) => slot.1 = value,
                None => items.push((key, value)),
            }
        }
        Ok(PyValue::Dict(items))
    }
}
