//! pydantic's report held against the prediction: the verdict, each error, and the schema key by
//! key.

use lab::{Check, Comparison};
use serde_json::Value;

use crate::validate::ErrorItem;
use crate::Prediction;

/// Every fact of the prediction against the probe's report: `valid`, the number of errors, each
/// error (`error 1`, ... as its `loc type: msg` line), and each key of the JSON Schema (each
/// property and each definition on its own). Declined facts keep pydantic's answer beside the
/// reason.
pub fn compare(prediction: &Prediction, report: &str) -> Comparison {
    let report: Value = match serde_json::from_str(report) {
        Ok(report) => report,
        Err(error) => return Comparison::unreadable(format!("the probe's report is not JSON: {error}")),
    };
    if let Some(error) = report["error"].as_str() {
        return Comparison::unreadable(format!("pydantic did not validate: {error}"));
    }
    let mut checks = Vec::new();
    let actual_errors: Vec<String> = report["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| match (e["loc_repr"].as_str(), serde_json::from_value::<ErrorItem>(e.clone())) {
                    (Some(loc), Ok(item)) => item.line(loc),
                    _ => e.to_string(),
                })
                .collect()
        })
        .unwrap_or_default();
    let actual_valid = Some(shown(&report["valid"]));
    match (&prediction.valid, &prediction.errors, &prediction.validation_declined) {
        (Some(valid), Some(errors), _) => {
            checks.push(Check::compared("valid", valid.to_string(), actual_valid));
            checks.push(Check::compared(
                "number of errors",
                errors.len().to_string(),
                Some(actual_errors.len().to_string()),
            ));
            for index in 0..errors.len().max(actual_errors.len()) {
                let subject = format!("error {}", index + 1);
                let actual = actual_errors.get(index).cloned();
                checks.push(match errors.get(index) {
                    Some(error) => {
                        let loc = prediction.error_locs.get(index).map_or("", String::as_str);
                        Check::compared(subject, error.line(loc), actual)
                    }
                    None => Check::compared(subject, "no such error", actual),
                });
            }
        }
        (_, _, decline) => {
            let reason = decline.as_ref().map(ToString::to_string).unwrap_or_default();
            checks.push(Check::declined("valid", reason.clone(), actual_valid));
            checks.push(Check::declined("errors", reason, Some(actual_errors.join("\n"))));
        }
    }
    let actual_schema = &report["json_schema"];
    match (&prediction.json_schema, &prediction.schema_declined) {
        (Some(predicted), _) => {
            for (subject, predicted, actual) in schema_facts(predicted, actual_schema) {
                checks.push(match predicted {
                    Some(predicted) => Check::compared(subject, predicted, actual),
                    None => Check::compared(subject, "absent", actual),
                });
            }
        }
        (None, decline) => {
            let reason = decline.as_ref().map(ToString::to_string).unwrap_or_default();
            let actual = report["schema_error"].as_str().map(str::to_owned).or_else(|| Some(actual_schema.to_string()));
            checks.push(Check::declined("json_schema", reason, actual));
        }
    }
    Comparison { checks, problem: None }
}

/// The schema's facts: each property (`json_schema.properties.name`), each definition
/// (`json_schema.$defs.Name`) and each other key, predicted and actual, as canonical JSON (the
/// order of the properties is not judged: it is the fields' order on both sides, and not every
/// build of serde_json keeps it).
fn schema_facts(predicted: &Value, actual: &Value) -> Vec<(String, Option<String>, Option<String>)> {
    let mut facts = Vec::new();
    let empty = serde_json::Map::new();
    let (p, a) = (predicted.as_object().unwrap_or(&empty), actual.as_object().unwrap_or(&empty));
    let mut keys: Vec<&String> = p.keys().chain(a.keys()).collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        if key == "properties" || key == "$defs" {
            let (pp, aa) = (
                p.get(key).and_then(Value::as_object).unwrap_or(&empty),
                a.get(key).and_then(Value::as_object).unwrap_or(&empty),
            );
            let mut names: Vec<&String> = pp.keys().collect();
            names.extend(aa.keys().filter(|k| !pp.contains_key(*k)));
            for name in names {
                facts.push((
                    format!("json_schema.{key}.{name}"),
                    pp.get(name).map(canonical),
                    aa.get(name).map(canonical),
                ));
            }
        } else {
            facts.push((format!("json_schema.{key}"), p.get(key).map(canonical), a.get(key).map(canonical)));
        }
    }
    facts
}

/// JSON with every object's keys sorted, so that equal values are equal text whatever order
/// the maps keep (serde_json keeps insertion order where a crate of the build asks it to).
fn canonical(value: &Value) -> String {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            let inner: Vec<String> =
                entries.iter().map(|(k, v)| format!("{}:{}", Value::String((*k).clone()), canonical(v))).collect();
            format!("{{{}}}", inner.join(","))
        }
        Value::Array(items) => format!("[{}]", items.iter().map(canonical).collect::<Vec<_>>().join(",")),
        other => other.to_string(),
    }
}

fn shown(value: &Value) -> String {
    match value {
        Value::Null => "none".into(),
        other => other.to_string(),
    }
}
