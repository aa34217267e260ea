//! pydantic-core's error messages, from its own templates (`data/error_messages.json`, written
//! by `scripts/export-error-messages.py` from the installed pydantic-core and checked against it
//! by the crate's tests).

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

/// The templates as the export script writes them.
pub const ERROR_MESSAGES_JSON: &str = include_str!("../data/error_messages.json");

#[derive(Deserialize)]
struct Exported {
    templates: HashMap<String, Template>,
}

#[derive(Deserialize)]
struct Template {
    python: String,
    json: Option<String>,
}

fn templates() -> &'static HashMap<String, Template> {
    static TEMPLATES: OnceLock<HashMap<String, Template>> = OnceLock::new();
    TEMPLATES.get_or_init(|| {
        serde_json::from_str::<Exported>(ERROR_MESSAGES_JSON)
            .expect("data/error_messages.json is the export's JSON")
            .templates
    })
}

/// The message pydantic-core gives an error of `kind` for JSON input, its `{name}` fields
/// filled from `context`. `expected_plural` is pydantic-core's: "s" unless the count named is 1.
pub fn message(kind: &str, context: &[(&str, String)]) -> String {
    let template = templates().get(kind).unwrap_or_else(|| panic!("pydantic-core has no error type {kind}"));
    let mut text = template.json.clone().unwrap_or_else(|| template.python.clone());
    for (name, value) in context {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// pydantic-core's plural ending for a count.
pub fn plural(count: usize) -> String {
    if count == 1 {
        String::new()
    } else {
        "s".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_fill_the_templates_and_prefer_the_json_wording() {
        assert_eq!(message("greater_than", &[("gt", "0".into())]), "Input should be greater than 0");
        assert_eq!(message("none_required", &[]), "Input should be null");
        assert_eq!(
            message("string_too_short", &[("min_length", "1".into()), ("expected_plural", plural(1))]),
            "String should have at least 1 character"
        );
    }
}
