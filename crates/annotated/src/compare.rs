//! CPython's probe report held against a prediction, one check per predicted fact.

use lab::{Check, Comparison};
use serde_json::Value;

use crate::pipeline::{Predicted, Prediction};

/// Holds every fact of the prediction against the probe's JSON report: each parameter's two
/// hints and its messages, and how the pipeline ended. Facts the model does not predict are
/// declined with the reason, and CPython's answer is kept beside them.
pub fn compare(prediction: &Prediction, report: &str) -> Comparison {
    let report: Value = match serde_json::from_str(report) {
        Ok(report) => report,
        Err(error) => return Comparison::unreadable(format!("the probe's report is not JSON: {error}")),
    };
    let mut checks = Vec::new();
    for param in &prediction.params {
        let actual = &report["params"][&param.name];
        for (what, key, predicted) in
            [("get_type_hints", "hint", &param.hint), ("include_extras=True", "hint_extras", &param.hint_extras)]
        {
            let subject = subject(&param.name, what);
            let seen = Some(shown(&actual[key]));
            checks.push(match predicted {
                Predicted::Absent => Check::compared(subject, "none", seen),
                Predicted::Repr(text) => Check::compared(subject, text.clone(), seen),
                Predicted::NotModelled(reason) => Check::declined(subject, reason.clone(), seen),
            });
        }
        let subject = subject(&param.name, "messages");
        let seen = Some(shown(&actual["messages"]));
        checks.push(match &prediction.not_modelled {
            None => Check::compared(subject, shown(&param.messages.clone().into()), seen),
            Some(reason) => Check::declined(subject, reason.clone(), seen),
        });
    }
    let seen = Some(shown(&report["error"]));
    checks.push(match &prediction.not_modelled {
        None => Check::compared("how the validator ended", shown(&prediction.error.clone().into()), seen),
        Some(reason) => Check::declined("how the validator ended", reason.clone(), seen),
    });
    Comparison { checks, problem: None }
}

/// The subject of a parameter's fact, as [`compare`] names it.
pub fn subject(param: &str, what: &str) -> String {
    format!("{param}: {what}")
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
