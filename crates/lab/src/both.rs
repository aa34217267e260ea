//! Two labs on one page, confirmed by one Run: [`Both`] predicts with the first lab and the
//! second from the same parse, runs both probes in one, and compares each with its own report.
//!
//! Each lab's input problem (no such function in the code, an input that is not JSON) is kept
//! in the prediction, so that one lab still predicts when the other cannot; only both failing
//! stops the pair, with both problems said. The prediction serializes as the first lab's (or
//! `{"problem": ...}`), with the second's under the second lab's name (and that name under
//! `second_lab`, so it reads back), so the first lab's readers (its exercises' paths) keep working.

use std::marker::PhantomData;

use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{python_string, Check, Code, Comparison, InputProblem, Lab, Probe, PROBE_MARKER};

/// The pair of labs `A` (first) and `B`.
pub struct Both<A, B>(PhantomData<(A, B)>);

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BothInput<I, J> {
    pub first: I,
    pub second: J,
}

#[derive(Clone, Debug, PartialEq)]
pub struct BothPrediction<P, Q> {
    pub first: Result<P, InputProblem>,
    pub second: Result<Q, InputProblem>,
    /// The second lab's name, which its prediction is written under.
    pub second_name: String,
}

/// The key of a pair's JSON that names the key its second lab's prediction is under, so the
/// JSON reads back (the page gets its predictions as JSON from the labs' worker).
const SECOND_LAB_KEY: &str = "second_lab";

/// A lab's prediction as JSON, or `{"problem": ...}` for its input problem.
fn part<T: Serialize>(prediction: &Result<T, InputProblem>) -> Result<serde_json::Value, serde_json::Error> {
    match prediction {
        Ok(prediction) => serde_json::to_value(prediction),
        Err(problem) => Ok(serde_json::json!({ "problem": problem.0 })),
    }
}

impl<P: Serialize, Q: Serialize> BothPrediction<P, Q> {
    fn to_json(&self) -> Result<serde_json::Value, serde_json::Error> {
        let mut value = part(&self.first)?;
        let serde_json::Value::Object(map) = &mut value else {
            return Err(serde_json::Error::custom("the first lab's prediction is not a JSON object"));
        };
        map.insert(self.second_name.clone(), part(&self.second)?);
        map.insert(SECOND_LAB_KEY.to_owned(), serde_json::Value::String(self.second_name.clone()));
        Ok(value)
    }
}

/// The first lab's prediction, with the second's (or its `{"problem": ...}`) under its name.
impl<P: Serialize, Q: Serialize> Serialize for BothPrediction<P, Q> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_json().map_err(serde::ser::Error::custom)?.serialize(serializer)
    }
}

/// The JSON [`BothPrediction`]'s `Serialize` writes, read back.
impl<'de, P: DeserializeOwned, Q: DeserializeOwned> Deserialize<'de> for BothPrediction<P, Q> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut first = serde_json::Value::deserialize(deserializer)?;
        let object =
            first.as_object_mut().ok_or_else(|| D::Error::custom("a pair's prediction is not a JSON object"))?;
        let Some(serde_json::Value::String(second_name)) = object.remove(SECOND_LAB_KEY) else {
            return Err(D::Error::custom(format!("a pair's prediction has no {SECOND_LAB_KEY:?}")));
        };
        let second = object
            .remove(&second_name)
            .ok_or_else(|| D::Error::custom(format!("a pair's prediction has no {second_name:?} part")))?;
        Ok(BothPrediction {
            first: unpart(first).map_err(D::Error::custom)?,
            second: unpart(second).map_err(D::Error::custom)?,
            second_name,
        })
    }
}

/// [`part`] read back: `{"problem": ...}` alone is the lab's input problem.
fn unpart<T: DeserializeOwned>(value: serde_json::Value) -> Result<Result<T, InputProblem>, serde_json::Error> {
    if let serde_json::Value::Object(map) = &value {
        if let (1, Some(serde_json::Value::String(problem))) = (map.len(), map.get("problem")) {
            return Ok(Err(InputProblem(problem.clone())));
        }
    }
    serde_json::from_value(value).map(Ok)
}

impl<A: Lab, B: Lab> Both<A, B> {
    /// The subject of a fact of the second lab, as the pair's comparison names it.
    pub fn second_subject(subject: &str) -> String {
        format!("{}: {subject}", B::NAME)
    }
}

impl<A: Lab, B: Lab> Lab for Both<A, B> {
    const NAME: &'static str = A::NAME;
    type Input = BothInput<A::Input, B::Input>;
    type Prediction = BothPrediction<A::Prediction, B::Prediction>;

    fn predict(code: &Code, input: &Self::Input, python_minor: u8) -> Result<Self::Prediction, InputProblem> {
        let first = A::predict(code, &input.first, python_minor);
        let second = B::predict(code, &input.second, python_minor);
        if let (Err(first), Err(second)) = (&first, &second) {
            return Err(InputProblem(format!("{first}; {}: {second}", B::NAME)));
        }
        Ok(BothPrediction { first, second, second_name: B::NAME.to_owned() })
    }

    /// One Python probe that runs each lab's probe in turn, in the user's namespace, with what
    /// it prints captured, and reports `{"first": report, "second": report}` (each the text the
    /// lab's own probe printed after the marker, or null). Other lines the probes print pass
    /// through. Only Python probes pair.
    fn probe(code: &Code, prediction: &Self::Prediction, input: &Self::Input) -> Option<Probe> {
        let first = prediction.first.as_ref().ok().and_then(|p| A::probe(code, p, &input.first));
        let first_source = first.as_ref().and_then(|p| p.python_source().map(str::to_owned));
        let second_source = match &prediction.second {
            Ok(second) => B::probe(code, second, &input.second).and_then(|p| p.python_source().map(str::to_owned)),
            Err(_) => None,
        };
        if first_source.is_none() && second_source.is_none() {
            return None;
        }
        let literal = |source: &Option<String>| source.as_deref().map_or_else(|| "None".to_owned(), python_string);
        let source = format!(
            r#"
def _pp_both_probe():
    import contextlib, io, json
    marker = {marker}
    reports = {{}}
    for key, source in (("first", {first}), ("second", {second})):
        reports[key] = None
        if source is None:
            continue
        printed = io.StringIO()
        try:
            with contextlib.redirect_stdout(printed):
                exec(source, globals())
        except Exception as error:
            print(f"{{key}} probe: {{type(error).__name__}}: {{error}}")
        for line in printed.getvalue().splitlines():
            if line.startswith(marker) and reports[key] is None:
                reports[key] = line[len(marker):].strip()
            else:
                print(line)
    print(marker, json.dumps(reports, ensure_ascii=False))

_pp_both_probe()
del _pp_both_probe
"#,
            marker = python_string(PROBE_MARKER),
            first = literal(&first_source),
            second = literal(&second_source),
        );
        Some(Probe::Python { source, own_code: first.and_then(|p| p.own_code().cloned()), after_error: false })
    }

    fn compare(prediction: &Self::Prediction, report: &str) -> Comparison {
        let reports: serde_json::Value = match serde_json::from_str(report) {
            Ok(reports) => reports,
            Err(error) => return Comparison::unreadable(format!("the probe's report is not JSON: {error}")),
        };
        let mut comparison = match (&prediction.first, reports["first"].as_str()) {
            (Ok(first), Some(report)) => A::compare(first, report),
            (Ok(_), None) => Comparison::unreadable(format!("the {} probe printed no report", A::NAME)),
            (Err(_), _) => Comparison::default(),
        };
        if let Ok(second) = &prediction.second {
            let second_comparison = match reports["second"].as_str() {
                Some(report) => B::compare(second, report),
                None => Comparison::unreadable(format!("the {} probe printed no report", B::NAME)),
            };
            comparison.checks.extend(
                second_comparison
                    .checks
                    .into_iter()
                    .map(|check| Check { subject: Self::second_subject(&check.subject), ..check }),
            );
            if let Some(problem) = second_comparison.problem {
                let problem = format!("{}: {problem}", B::NAME);
                comparison.problem = Some(match comparison.problem {
                    Some(first) => format!("{first}; {problem}"),
                    None => problem,
                });
            }
        }
        comparison
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A lab that predicts the named function is in the code, and whose probe says whether it is.
    struct Defines<const SECOND: bool>;

    impl<const SECOND: bool> Lab for Defines<SECOND> {
        const NAME: &'static str = if SECOND { "second" } else { "first" };
        type Input = String;
        type Prediction = String;

        fn predict(code: &Code, input: &String, _: u8) -> Result<String, InputProblem> {
            code.module().function(input).map(|f| f.name.clone()).ok_or_else(|| InputProblem(format!("no {input}")))
        }

        fn probe(_: &Code, prediction: &String, _: &String) -> Option<Probe> {
            Some(Probe::python(format!("print({}, {:?} in globals())", python_string(PROBE_MARKER), prediction)))
        }

        fn compare(prediction: &String, report: &str) -> Comparison {
            Comparison {
                checks: vec![Check::compared(prediction.clone(), "true", Some(report.to_lowercase()))],
                problem: None,
            }
        }
    }

    type Pair = Both<Defines<false>, Defines<true>>;

    fn input(first: &str, second: &str) -> BothInput<String, String> {
        BothInput { first: first.into(), second: second.into() }
    }

    #[test]
    fn each_lab_predicts_alone_and_only_both_failing_stops_the_pair() {
        let code = Code::parse("def f():\n    pass\n").unwrap();
        let one = Pair::predict(&code, &input("f", "g"), 14).unwrap();
        assert_eq!(one.first.as_deref(), Ok("f"));
        assert_eq!(
            serde_json::to_value(&one).unwrap_or_default(),
            serde_json::Value::Null,
            "a string is not an object"
        );
        let both = Pair::predict(&code, &input("g", "h"), 14).unwrap_err();
        assert_eq!(both.0, "no g; second: no h");
        assert!(Pair::probe(&code, &one, &input("f", "g"))
            .unwrap()
            .python_source()
            .unwrap()
            .contains("(\"second\", None)"));
    }

    #[test]
    fn one_report_is_compared_by_each_lab_and_the_second_facts_are_named_by_it() {
        let code = Code::parse("def f():\n    pass\n").unwrap();
        let prediction = Pair::predict(&code, &input("f", "f"), 14).unwrap();
        let comparison = Pair::compare(&prediction, r#"{"first": "True", "second": "False"}"#);
        let seen: Vec<(&str, bool)> = comparison.checks.iter().map(|c| (c.subject.as_str(), c.agrees())).collect();
        assert_eq!(seen, [("f", true), ("second: f", false)]);
        let missing = Pair::compare(&prediction, r#"{"first": "True", "second": null}"#);
        assert_eq!(missing.problem.as_deref(), Some("second: the second probe printed no report"));
        assert!(!Pair::compare(&prediction, "not json").agrees());
    }

    #[test]
    fn a_pairs_prediction_reads_back_from_its_json() {
        let prediction = BothPrediction::<BothInput<String, String>, u8> {
            first: Ok(input("a", "b")),
            second: Err(InputProblem("no target".into())),
            second_name: "other".into(),
        };
        let json = serde_json::to_string(&prediction).unwrap();
        // As values: the order of the keys depends on whether serde_json keeps insertion order,
        // which another crate of the workspace turns on.
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&json).unwrap(),
            serde_json::json!({"first": "a", "second": "b", "other": {"problem": "no target"}, "second_lab": "other"})
        );
        let read: BothPrediction<BothInput<String, String>, u8> = serde_json::from_str(&json).unwrap();
        assert_eq!(read, prediction);
        assert!(serde_json::from_str::<BothPrediction<BothInput<String, String>, u8>>(r#"{"first":"a"}"#).is_err());
    }
}
