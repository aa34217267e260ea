//! CPython's probe report checked against a prediction, one verdict per predicted fact.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::pipeline::{Predicted, Prediction};

/// One predicted fact and what CPython reported for it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Agreement {
    /// The parameter the fact is about; None for the pipeline as a whole.
    pub param: Option<String>,
    /// Which fact: `get_type_hints`, `include_extras=True`, `messages` or `error`.
    pub what: String,
    /// CPython's answer, shown as text.
    pub actual: String,
    pub agrees: bool,
}

/// Compares every fact the prediction makes (facts it marks not modelled are left out) with the
/// probe's JSON report. Err if the report is not the probe's format.
pub fn compare(prediction: &Prediction, report: &str) -> Result<Vec<Agreement>, String> {
    let report: Value = serde_json::from_str(report).map_err(|e| format!("the probe's report is not JSON: {e}"))?;
    let mut agreements = Vec::new();
    let mut check = |param: Option<&str>, what: &str, predicted: Value, actual: &Value| {
        agreements.push(Agreement {
            param: param.map(str::to_owned),
            what: what.to_owned(),
            actual: shown(actual),
            agrees: &predicted == actual,
        });
    };
    for param in &prediction.params {
        let actual = &report["params"][&param.name];
        for (what, key, predicted) in
            [("get_type_hints", "hint", &param.hint), ("include_extras=True", "hint_extras", &param.hint_extras)]
        {
            if let Some(value) = predicted_value(predicted) {
                check(Some(&param.name), what, value, &actual[key]);
            }
        }
        if prediction.not_modelled.is_none() {
            check(Some(&param.name), "messages", param.messages.clone().into(), &actual["messages"]);
        }
    }
    if prediction.not_modelled.is_none() {
        check(None, "error", prediction.error.clone().into(), &report["error"]);
    }
    Ok(agreements)
}

fn predicted_value(predicted: &Predicted) -> Option<Value> {
    match predicted {
        Predicted::Absent => Some(Value::Null),
        Predicted::Repr(text) => Some(text.clone().into()),
        Predicted::NotModelled(_) => None,
    }
}

fn shown(value: &Value) -> String {
    match value {
        Value::Null => "none".into(),
        Value::String(text) => text.clone(),
        Value::Array(items) if items.is_empty() => "no messages".into(),
        Value::Array(items) => items.iter().map(shown).collect::<Vec<_>>().join("\n"),
        other => other.to_string(),
    }
}
