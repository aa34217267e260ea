//! CPython's probe report held against a prediction, one check per predicted fact.

use lab::{Check, Comparison};
use serde_json::Value;

use crate::pipeline::{Predicted, Prediction};

/// Holds every fact of the prediction against the probe's JSON report: each parameter's two
/// hints and its messages, how the validator ended, and (when the code's own `check` ran) the
/// lines it printed that name no parameter. Facts the model does not predict are declined with
/// the reason, and CPython's answer is kept beside them: for a `check` the lab does not model
/// ([`crate::ValidatorSource::Unrecognized`]) every fact of the validator is declined, and only the
/// `get_type_hints` facts, which do not depend on it, are judged.
pub fn compare(prediction: &Prediction, report: &str) -> Comparison {
    let report: Value = match serde_json::from_str(report) {
        Ok(report) => report,
        Err(error) => return Comparison::unreadable(format!("the probe's report is not JSON: {error}")),
    };
    let expected = if prediction.validator.runs_users_check() { "check" } else { "lab" };
    if report["validator"] != expected {
        return Comparison::unreadable(format!(
            "the probe ran the validator {}, the prediction is about {expected:?}",
            report["validator"]
        ));
    }
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
    if prediction.validator.runs_users_check() {
        let seen = Some(shown(&report["other"]));
        let subject = "lines naming no parameter";
        checks.push(match &prediction.not_modelled {
            None => Check::compared(subject, shown(&Value::Array(Vec::new())), seen),
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
