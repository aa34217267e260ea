//! The labs' decline of characters whose printability differs between the CPythons the page
//! predicts for (3.11 to 3.14 follow Unicode 14.0 to 16.0): a str's repr escapes such a character
//! on one version and prints it on another, and the models write reprs for every version alike.

use serde_json::Value;

use crate::{Code, InputProblem};

/// An input problem, naming the character and where it is, when the code or a string (a key or
/// a value, at any depth) of one of the JSON `inputs` holds such a character. Each input is
/// `(what the page calls it, its JSON text)`; a text that is not JSON is left to the lab.
pub fn version_dependent_chars(code: &Code, inputs: &[(&str, &str)]) -> Result<(), InputProblem> {
    if let Some(found) = code.source().version_dependent_char() {
        return Err(InputProblem(format!("The code's {}", found.reason())));
    }
    for (name, text) in inputs {
        let Ok(value) = serde_json::from_str::<Value>(text) else { continue };
        if let Some((string, c)) = in_strings(&value) {
            return Err(InputProblem(format!(
                "The {name}'s string {} holds U+{:04X}, which some CPythons from 3.11 to 3.14 print in a str's \
                 repr and others escape (their Unicode versions differ), so the lab predicts nothing for it",
                serde_json::to_string(string).unwrap_or_default(),
                c as u32
            )));
        }
    }
    Ok(())
}

/// The first string of `value` holding a version-dependent character, and the character.
fn in_strings(value: &Value) -> Option<(&str, char)> {
    fn found(text: &str) -> Option<(&str, char)> {
        pysource::version_dependent_char(text).map(|c| (text, c))
    }
    match value {
        Value::String(text) => found(text),
        Value::Array(items) => items.iter().find_map(in_strings),
        Value::Object(map) => map.iter().find_map(|(key, value)| found(key).or_else(|| in_strings(value))),
        _ => None,
    }
}
