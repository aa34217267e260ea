//! The input form: one control per top-level field of the target, read from the predicted JSON
//! Schema, each editing its key of the JSON input. The JSON input stays the truth (it is what the
//! lab validates and what the link keeps); the form only rewrites it, so that an attendee can try
//! values without writing JSON. What a control writes follows what JSON can say: a number field
//! writes a number when the text reads as one and a string otherwise, which is how to try lax
//! coercion (`"36"`) or a parsing error (`"abc"`).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One top-level field of the target, as the form offers it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormField {
    /// The key of the input object (the field's alias, as the schema names it).
    pub key: String,
    pub kind: FormKind,
    pub required: bool,
}

/// The control a field gets, from its schema's `type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FormKind {
    /// `"type": "string"`: the text is the string.
    Text,
    /// `"type": "integer"` or `"number"`: a number if the text reads as one, else a string.
    Number,
    /// `"type": "boolean"`: a checkbox.
    Boolean,
    /// Anything else (lists, nested models, unions, enums): the value as JSON text.
    Json,
}

/// The form for a target whose schema describes an object, in the schema's order; None when
/// it describes no properties (a list, a scalar).
pub fn form_fields(json_schema: &Value) -> Option<Vec<FormField>> {
    let properties = json_schema.get("properties")?.as_object()?;
    let required: Vec<&str> = json_schema
        .get("required")
        .and_then(Value::as_array)
        .map(|keys| keys.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let fields = properties
        .iter()
        .map(|(key, schema)| FormField {
            key: key.clone(),
            kind: match schema.get("type").and_then(Value::as_str) {
                Some("string") => FormKind::Text,
                Some("integer" | "number") => FormKind::Number,
                Some("boolean") => FormKind::Boolean,
                _ => FormKind::Json,
            },
            required: required.contains(&key.as_str()),
        })
        .collect();
    Some(fields)
}

/// The input as an object of the form's keys; None when it is not a JSON object.
fn object(input: &str) -> Option<Map<String, Value>> {
    match serde_json::from_str(input) {
        Ok(Value::Object(map)) => Some(map),
        _ => None,
    }
}

/// What each field's control shows for `input`, read in one pass: a string as itself, anything
/// else as JSON, empty when the key is absent. None when `input` is not a JSON object, which
/// the form cannot edit.
pub fn field_texts(input: &str, fields: &[FormField]) -> Option<Vec<String>> {
    let mut map = object(input)?;
    let texts = fields
        .iter()
        .map(|field| match map.shift_remove(&field.key) {
            None => String::new(),
            Some(Value::String(text)) => text,
            Some(other) => other.to_string(),
        })
        .collect();
    Some(texts)
}

/// `input` with the field's key set from the control's `text` (an empty number or JSON control
/// removes the key, which pydantic reports as missing); None when `input` is not an object.
/// The other keys keep their order.
pub fn with_field(input: &str, field: &FormField, text: &str) -> Option<String> {
    let mut map = object(input)?;
    let value = match field.kind {
        FormKind::Text => Some(Value::String(text.to_owned())),
        FormKind::Boolean => Some(Value::Bool(text == "true")),
        FormKind::Number | FormKind::Json if text.trim().is_empty() => None,
        FormKind::Number => Some(match serde_json::from_str::<Value>(text.trim()) {
            Ok(number @ Value::Number(_)) => number,
            _ => Value::String(text.to_owned()),
        }),
        FormKind::Json => Some(serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_owned()))),
    };
    match value {
        Some(value) => {
            map.insert(field.key.clone(), value);
        }
        None => {
            map.shift_remove(&field.key);
        }
    }
    Some(write(&map))
}

/// The object as the lab's inputs are written by hand: one line, `"key": value` pairs.
fn write(map: &Map<String, Value>) -> String {
    let pairs: Vec<String> =
        map.iter().map(|(key, value)| format!("{}: {value}", Value::String(key.clone()))).collect();
    format!("{{{}}}", pairs.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(key: &str, kind: FormKind) -> FormField {
        FormField { key: key.into(), kind, required: true }
    }

    #[test]
    fn the_schema_gives_one_control_per_property_in_order() {
        let schema = serde_json::json!({
            "properties": {
                "name": {"type": "string", "minLength": 3},
                "age": {"type": "integer"},
                "ratio": {"type": "number"},
                "admin": {"type": "boolean", "default": false},
                "tags": {"type": "array", "items": {"type": "string"}},
                "pet": {"$ref": "#/$defs/Pet"},
            },
            "required": ["name", "age"],
            "type": "object",
        });
        let fields = form_fields(&schema).unwrap();
        let summary: Vec<_> = fields.iter().map(|f| (f.key.as_str(), f.kind, f.required)).collect();
        assert_eq!(
            summary,
            [
                ("name", FormKind::Text, true),
                ("age", FormKind::Number, true),
                ("ratio", FormKind::Number, false),
                ("admin", FormKind::Boolean, false),
                ("tags", FormKind::Json, false),
                ("pet", FormKind::Json, false),
            ]
        );
        assert_eq!(form_fields(&serde_json::json!({"type": "array"})), None);
    }

    #[test]
    fn a_control_rewrites_only_its_key_and_keeps_the_others_in_order() {
        let input = r#"{"name": "al", "age": -4, "password": "hunter2"}"#;
        let age = field("age", FormKind::Number);
        // One reading for every control; a key the input lacks shows empty.
        assert_eq!(field_texts(input, &[age.clone(), field("admin", FormKind::Boolean)]).unwrap(), ["-4", ""]);
        assert_eq!(with_field(input, &age, "36").unwrap(), r#"{"name": "al", "age": 36, "password": "hunter2"}"#);
        // Text that is not a number stays a string, as pydantic would get it.
        assert_eq!(with_field(input, &age, "abc").unwrap(), r#"{"name": "al", "age": "abc", "password": "hunter2"}"#);
        // Emptied, the key goes: pydantic says it is missing.
        assert_eq!(with_field(input, &age, "").unwrap(), r#"{"name": "al", "password": "hunter2"}"#);
        let name = field("name", FormKind::Text);
        assert_eq!(field_texts(input, std::slice::from_ref(&name)).unwrap(), ["al"]);
        assert_eq!(with_field(input, &name, "42").unwrap(), r#"{"name": "42", "age": -4, "password": "hunter2"}"#);
    }

    #[test]
    fn booleans_json_values_and_new_keys() {
        let admin = field("admin", FormKind::Boolean);
        assert_eq!(with_field("{}", &admin, "true").unwrap(), r#"{"admin": true}"#);
        let tags = field("tags", FormKind::Json);
        let input = with_field("{}", &tags, r#"["a", 1]"#).unwrap();
        assert_eq!(input, r#"{"tags": ["a",1]}"#);
        assert_eq!(field_texts(&input, std::slice::from_ref(&tags)).unwrap(), [r#"["a",1]"#]);
        assert_eq!(with_field("{}", &tags, "not json").unwrap(), r#"{"tags": "not json"}"#);
    }

    #[test]
    fn an_input_that_is_not_an_object_is_left_alone() {
        let name = field("name", FormKind::Text);
        for input in ["", "[1]", "{\"name\": ", "42"] {
            assert_eq!(field_texts(input, std::slice::from_ref(&name)), None);
            assert_eq!(with_field(input, &name, "x"), None);
        }
    }
}
