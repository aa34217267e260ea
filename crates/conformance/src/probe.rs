use lab::{Check, Comparison, PROBE_MARKER};
use serde_json::Value;

use crate::{ConformanceEntry, ConformanceReport, RuntimeVerdict};

/// Python that, appended after the user's code, prints one `__PATTERN_PLAYGROUND__ {json}` line
/// with CPython's `isinstance` verdict for every entry of `report` (format in the crate docs).
pub fn runtime_probe(report: &ConformanceReport) -> String {
    let pairs: Vec<Value> =
        report.entries.iter().map(|e| serde_json::json!([e.class, e.protocol, e.instance])).collect();
    let pairs = serde_json::to_string(&serde_json::to_string(&pairs).unwrap_or_default()).unwrap_or_default();
    let marker = serde_json::to_string(PROBE_MARKER).unwrap_or_default();
    format!(
        r#"

def _pp_conformance_probe():
    import json
    import traceback

    entries = []
    for class_name, protocol_name, made_by in json.loads({pairs}):
        protocol = globals()[protocol_name]
        entry = {{"class": class_name, "protocol": protocol_name, "instance": made_by}}
        try:
            # The lab's own expression (`C()`, `C.__new__(C)`, `P(None)`), made where the code ran.
            instance = eval(made_by, globals())
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

/// The subject of an entry's runtime check, as [`compare`] names it.
pub fn runtime_subject(entry: &ConformanceEntry) -> String {
    format!("isinstance({}, {})", entry.instance, entry.protocol)
}

/// Holds each entry's runtime prediction against the probe's observation (its JSON report).
pub fn compare(report: &ConformanceReport, probe_json: &str) -> Comparison {
    let observed: Value = match serde_json::from_str(probe_json) {
        Ok(observed) => observed,
        Err(error) => return Comparison::unreadable(format!("the probe's report is not JSON: {error}")),
    };
    let observed = observed.get("entries").and_then(Value::as_array).cloned().unwrap_or_default();
    let checks = report
        .entries
        .iter()
        .map(|entry| {
            let seen = observed
                .iter()
                .find(|o| o["class"] == entry.class.as_str() && o["protocol"] == entry.protocol.as_str());
            // An instance made another way is another question, whatever its answer.
            let actual = seen.map(|o| match o["instance"].as_str() {
                Some(instance) if instance != entry.instance => format!("{} (for {instance})", shown(&o["runtime"])),
                _ => shown(&o["runtime"]),
            });
            match (entry.runtime, entry.declined(crate::Check::Runtime)) {
                (Some(runtime), _) => Check::compared(runtime_subject(entry), shown_verdict(runtime), actual),
                (None, reason) => Check::declined(runtime_subject(entry), reason.unwrap_or("not predicted"), actual),
            }
        })
        .collect();
    Comparison { checks, problem: None }
}

/// A runtime verdict as Python shows it: `True`, `False`, or the exception.
pub fn shown_verdict(verdict: RuntimeVerdict) -> String {
    match verdict {
        RuntimeVerdict::Matches(true) => "True".into(),
        RuntimeVerdict::Matches(false) => "False".into(),
        RuntimeVerdict::TypeError => "TypeError".into(),
    }
}

fn shown(actual: &Value) -> String {
    match actual {
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lab::Verdict;

    fn report(code: &str) -> ConformanceReport {
        crate::check_code(&lab::Code::parse(code).unwrap(), 14)
    }

    #[test]
    fn a_declined_runtime_verdict_is_declined_with_cpythons_answer_beside_it() {
        let report = report(
            "import contextlib\nfrom typing import Protocol, runtime_checkable\n\n@runtime_checkable\nclass W(Protocol):\n    \
             def __enter__(self) -> object: ...\n\nclass Buffer(contextlib.AbstractContextManager):\n    pass\n\n\
             class Plain:\n    pass\n",
        );
        let buffer = &report.entries[0];
        // Statically, its stub's `__enter__` returns Any (`_T_co` of a base without arguments).
        assert_eq!((buffer.static_ok, buffer.runtime), (Some(true), None));
        assert!(buffer.declined(crate::Check::Runtime).unwrap().contains("abstract method __exit__"), "{buffer:?}");
        assert!(buffer.reasons.iter().all(|r| r.check == crate::Check::Nominal), "{buffer:?}");
        let json = serde_json::to_value(buffer).unwrap();
        assert_eq!((json["static"].clone(), json["runtime"].clone()), (Value::Bool(true), Value::Null));
        assert_eq!(json["declined"][0]["check"], "runtime");
        let plain = serde_json::to_value(&report.entries[1]).unwrap();
        assert_eq!((plain["static"].clone(), plain["runtime"].clone()), (Value::Bool(false), Value::Bool(false)));
        assert!(plain.get("declined").is_none());

        let observed = r#"{"entries": [
            {"class": "Buffer", "protocol": "W", "instance": "Buffer()",
             "runtime": "error: TypeError: Can't instantiate abstract class Buffer without an implementation for abstract method '__exit__'"},
            {"class": "Plain", "protocol": "W", "instance": "Plain()", "runtime": false}]}"#;
        let comparison = compare(&report, observed);
        let check = comparison.check("isinstance(Buffer(), W)").unwrap();
        assert!(
            matches!(&check.verdict, Verdict::Declined(why) if why.contains("abstract method __exit__")),
            "{check:?}"
        );
        assert_eq!(check.predicted, None);
        assert!(check.actual.as_deref().unwrap().starts_with("error: TypeError: Can't instantiate"), "{check:?}");
        assert_eq!((comparison.checked(), comparison.agreed(), comparison.declined()), (1, 1, 1));
    }

    #[test]
    fn a_method_inherited_from_a_stdlib_class_is_found_at_runtime() {
        let report = report(
            "import io\nfrom typing import Protocol, runtime_checkable\n\n@runtime_checkable\nclass W(Protocol):\n    \
             def write(self, s: str, /) -> int: ...\n\n@runtime_checkable\nclass F(Protocol):\n    \
             def _flush_all(self) -> None: ...\n\n@runtime_checkable\nclass A(Protocol):\n    def keys(self) -> list[str]: ...\n\n\
             class Buffer(io.StringIO):\n    pass\n",
        );
        let write = report.entries.iter().find(|e| e.protocol == "W").unwrap();
        assert_eq!((write.static_ok, write.runtime), (Some(true), Some(RuntimeVerdict::Matches(true))), "{write:?}");
        let unlisted = report.entries.iter().find(|e| e.protocol == "F").unwrap();
        assert_eq!(
            unlisted.runtime,
            Some(RuntimeVerdict::Matches(false)),
            "typeshed does not list it, and the runtime data says StringIO lacks it: {unlisted:?}"
        );
        let absent = report.entries.iter().find(|e| e.protocol == "A").unwrap();
        assert_eq!(absent.runtime, Some(RuntimeVerdict::Matches(false)), "{absent:?}");
    }
}
