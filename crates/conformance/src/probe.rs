use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::{ConformanceReport, RuntimeVerdict, PROBE_MARKER};

/// One report entry's runtime prediction against what the probe observed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Agreement {
    pub class: String,
    pub protocol: String,
    pub predicted: RuntimeVerdict,
    /// `true`/`false`/`"TypeError"`, or `"error: ..."` when the probe could not make the instance.
    pub actual: Value,
    pub agrees: bool,
}

/// Python that, appended after the user's code, prints one `__PATTERN_PLAYGROUND__ {json}` line
/// with CPython's `isinstance` verdict for every entry of `report` (format in the crate docs).
pub fn runtime_probe(report: &ConformanceReport) -> String {
    let pairs: Vec<Value> = report
        .entries
        .iter()
        .map(|e| serde_json::json!([e.class, e.protocol, !e.instance.contains("__new__")]))
        .collect();
    let pairs = serde_json::to_string(&serde_json::to_string(&pairs).unwrap_or_default()).unwrap_or_default();
    let marker = serde_json::to_string(PROBE_MARKER).unwrap_or_default();
    format!(
        r#"

def _pp_conformance_probe():
    import json
    import traceback

    entries = []
    for class_name, protocol_name, call_init in json.loads({pairs}):
        cls, protocol = globals()[class_name], globals()[protocol_name]
        entry = {{"class": class_name, "protocol": protocol_name}}
        entry["instance"] = f"{{class_name}}()" if call_init else f"{{class_name}}.__new__({{class_name}})"
        try:
            instance = cls() if call_init else cls.__new__(cls)
        except Exception as error:
            entry["runtime"] = "error: " + traceback.format_exception_only(type(error), error)[-1].strip()
            entries.append(entry)
            continue
        try:
            entry["runtime"] = isinstance(instance, protocol)
        except TypeError:
            entry["runtime"] = "TypeError"
        entries.append(entry)
    print({marker}, json.dumps({{"entries": entries}}, sort_keys=True))


_pp_conformance_probe()
"#
    )
}

/// Pairs each entry's runtime prediction with the probe's observation (the JSON after the marker).
pub fn compare(report: &ConformanceReport, probe_json: &str) -> Vec<Agreement> {
    let observed: Value =
        serde_json::from_str(probe_json.trim().trim_start_matches(PROBE_MARKER)).unwrap_or(Value::Null);
    let observed = observed.get("entries").and_then(Value::as_array).cloned().unwrap_or_default();
    report
        .entries
        .iter()
        .map(|entry| {
            let actual = observed
                .iter()
                .find(|o| o["class"] == entry.class.as_str() && o["protocol"] == entry.protocol.as_str())
                .map(|o| o["runtime"].clone())
                .unwrap_or(Value::Null);
            let predicted_json = serde_json::to_value(entry.runtime).unwrap_or(Value::Null);
            Agreement {
                class: entry.class.clone(),
                protocol: entry.protocol.clone(),
                predicted: entry.runtime,
                agrees: actual == predicted_json,
                actual,
            }
        })
        .collect()
}
