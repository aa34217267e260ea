use lab::{Check, Comparison, Verdict, PROBE_MARKER};
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
            match (&entry.runtime, entry.declined(crate::Check::Runtime)) {
                (Some(RuntimeVerdict::AbstractClass), _) => abstract_class(entry, actual),
                (Some(runtime), _) => Check::compared(runtime_subject(entry), shown_verdict(runtime), actual),
                (None, reason) => Check::declined(runtime_subject(entry), reason.unwrap_or("not predicted"), actual),
            }
        })
        .collect();
    Comparison { checks, problem: None }
}

/// The check that making `entry`'s instance raises TypeError for an abstract class: CPython's
/// message names the class, then the abstract methods, worded by version (3.11: "with abstract
/// method close", from 3.12: "without an implementation for abstract method 'close'"); the lab
/// predicts the message up to the class.
fn abstract_class(entry: &ConformanceEntry, actual: Option<String>) -> Check {
    let predicted = format!("error: TypeError: Can't instantiate abstract class {} with", entry.class);
    let agreed = actual.as_deref().is_some_and(|actual| actual.starts_with(&predicted));
    Check {
        subject: runtime_subject(entry),
        predicted: Some(format!("{predicted}… abstract method…")),
        actual,
        verdict: if agreed { Verdict::Agreed } else { Verdict::Disagreed },
    }
}

/// A runtime verdict as Python shows it: `True`, `False`, or the exception.
pub fn shown_verdict(verdict: &RuntimeVerdict) -> String {
    match verdict {
        RuntimeVerdict::Matches(true) => "True".into(),
        RuntimeVerdict::Matches(false) => "False".into(),
        RuntimeVerdict::TypeError => "TypeError".into(),
        RuntimeVerdict::AbstractClass => "error: TypeError: Can't instantiate abstract class".into(),
        // The probe's own words, exactly.
        RuntimeVerdict::Raises(error) => format!("error: {error}"),
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

    fn report(code: &str) -> ConformanceReport {
        crate::check_code(&lab::Code::parse(code).unwrap(), 14)
    }

    #[test]
    fn a_declined_runtime_verdict_is_declined_with_cpythons_answer_beside_it() {
        let report = report(
            "from typing import Protocol, runtime_checkable\n\n@runtime_checkable\nclass W(Protocol):\n    \
             def __enter__(self) -> object: ...\n\ndef kept(c: type) -> type:\n    return c\n\n@kept\nclass Made:\n    \
             pass\n\nclass Plain:\n    pass\n",
        );
        let made = &report.entries[0];
        assert_eq!((made.static_ok, made.runtime.clone()), (None, None));
        assert!(made.declined(crate::Check::Runtime).unwrap().contains("@kept"), "{made:?}");
        assert!(made.reasons.iter().all(|r| r.check == crate::Check::Nominal), "{made:?}");
        let json = serde_json::to_value(made).unwrap();
        assert_eq!((json["static"].clone(), json["runtime"].clone()), (Value::Null, Value::Null));
        assert_eq!(json["declined"][1]["check"], "runtime");
        let plain = serde_json::to_value(&report.entries[1]).unwrap();
        assert_eq!((plain["static"].clone(), plain["runtime"].clone()), (Value::Bool(false), Value::Bool(false)));
        assert!(plain.get("declined").is_none());

        let observed = r#"{"entries": [
            {"class": "Made", "protocol": "W", "instance": "Made()", "runtime": true},
            {"class": "Plain", "protocol": "W", "instance": "Plain()", "runtime": false}]}"#;
        let comparison = compare(&report, observed);
        let check = comparison.check("isinstance(Made(), W)").unwrap();
        assert!(matches!(&check.verdict, Verdict::Declined(why) if why.contains("@kept")), "{check:?}");
        assert_eq!((check.predicted.as_deref(), check.actual.as_deref()), (None, Some("True")));
        assert_eq!((comparison.checked(), comparison.agreed(), comparison.declined()), (1, 1, 1));
    }

    #[test]
    fn a_constructor_that_surely_raises_is_predicted_with_the_probes_words() {
        let report = report(
            "from typing import Protocol\n\nclass W(Protocol):\n    name: str\n\nclass Keyed:\n    \
             def __init__(self, key=None):\n        if key is None:\n            raise KeyError('key')\n        \
             self.name = key\n",
        );
        let keyed = &report.entries[0];
        // Making the instance raises before isinstance() could raise TypeError for W.
        assert_eq!(keyed.runtime, Some(RuntimeVerdict::Raises("KeyError: 'key'".to_owned())), "{keyed:?}");
        let reason = keyed.reasons.iter().find(|r| r.check == crate::Check::Runtime).unwrap();
        assert_eq!(reason.kind, crate::ReasonKind::ConstructorRaises);
        assert!(reason.message.contains("Keyed.__init__ raises it at line 9"), "{reason:?}");
        assert_eq!(serde_json::to_value(keyed).unwrap()["runtime"], "error: KeyError: 'key'");
        let round_trip: ConformanceEntry = serde_json::from_value(serde_json::to_value(keyed).unwrap()).unwrap();
        assert_eq!(round_trip.runtime, keyed.runtime);

        let observed = |runtime: &str| {
            format!(
                r#"{{"entries": [{{"class": "Keyed", "protocol": "W", "instance": "Keyed()", "runtime": {runtime}}}]}}"#
            )
        };
        let agreed = compare(&report, &observed(r#""error: KeyError: 'key'""#));
        assert_eq!((agreed.checked(), agreed.agreed()), (1, 1));
        for other in [r#""error: KeyError: 'other'""#, r#""TypeError""#, "false"] {
            assert_eq!(compare(&report, &observed(other)).agreed(), 0, "{other}");
        }
    }

    #[test]
    fn an_abstract_class_is_predicted_to_raise_before_isinstance() {
        let report = report(
            "import contextlib\nfrom typing import Protocol, runtime_checkable\n\n@runtime_checkable\nclass W(Protocol):\n    \
             def __enter__(self) -> object: ...\n\nclass Buffer(contextlib.AbstractContextManager):\n    pass\n",
        );
        let buffer = &report.entries[0];
        // Statically, its stub's `__enter__` returns Any (`_T_co` of a base without arguments).
        assert_eq!((buffer.static_ok, buffer.runtime.clone()), (Some(true), Some(RuntimeVerdict::AbstractClass)));
        assert!(buffer.declined.is_empty(), "{buffer:?}");
        let reason = buffer.reasons.iter().find(|r| r.check == crate::Check::Runtime).unwrap();
        assert_eq!((reason.kind, reason.member.as_str()), (crate::ReasonKind::AbstractClass, "__exit__"));
        assert_eq!(serde_json::to_value(buffer).unwrap()["runtime"], "AbstractClass");
        let round_trip: ConformanceEntry = serde_json::from_value(serde_json::to_value(buffer).unwrap()).unwrap();
        assert_eq!(round_trip.runtime, Some(RuntimeVerdict::AbstractClass));

        let observed = |message: &str| {
            format!(
                r#"{{"entries": [{{"class": "Buffer", "protocol": "W", "instance": "Buffer()", "runtime": "{message}"}}]}}"#
            )
        };
        // Either version's wording agrees; another error or an answer does not.
        for (message, agreed) in [
            ("error: TypeError: Can't instantiate abstract class Buffer with abstract method __exit__", true),
            (
                "error: TypeError: Can't instantiate abstract class Buffer without an implementation for abstract \
                 method '__exit__'",
                true,
            ),
            ("error: TypeError: Can't instantiate abstract class BufferBase with abstract method __exit__", false),
            ("error: ValueError: no", false),
        ] {
            let comparison = compare(&report, &observed(message));
            let check = comparison.check("isinstance(Buffer(), W)").unwrap();
            assert_eq!(check.verdict == Verdict::Agreed, agreed, "{message}: {check:?}");
        }
        let answered =
            r#"{"entries": [{"class": "Buffer", "protocol": "W", "instance": "Buffer()", "runtime": true}]}"#;
        assert_eq!(compare(&report, answered).check("isinstance(Buffer(), W)").unwrap().verdict, Verdict::Disagreed);
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
        assert_eq!(
            (write.static_ok, write.runtime.clone()),
            (Some(true), Some(RuntimeVerdict::Matches(true))),
            "{write:?}"
        );
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
