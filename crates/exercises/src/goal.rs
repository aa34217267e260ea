//! A goal: a path into the lab's prediction (as JSON), one condition on what it selects, the
//! words that say what is still wrong, and optionally a second path whose values are the lab's
//! own words for why.
//!
//! Paths are dotted keys, each optionally followed by brackets:
//! `entries[class=ShoutingSink, protocol=Sink].static` keeps the elements of the array
//! `entries` whose `class` and `protocol` have those values (as text), `output[0]` is the first
//! element, and `dropped[]` is every element.

use serde::Deserialize;
use serde_json::Value;

/// One step of a path: a key, or a bracket.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Step {
    Key(String),
    Every,
    Index(usize),
    Where(Vec<(String, String)>),
}

/// A parsed path into a prediction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Path {
    text: String,
    steps: Vec<Step>,
}

impl Path {
    pub fn parse(text: &str) -> Result<Path, String> {
        let broken = |why: &str| format!("`{text}` is not a path: {why}");
        let mut steps = Vec::new();
        let mut rest = text.trim();
        while !rest.is_empty() {
            let key_end = rest.find(['.', '[']).unwrap_or(rest.len());
            let key = rest[..key_end].trim();
            if !key.is_empty() {
                steps.push(Step::Key(key.to_owned()));
            } else if steps.is_empty() || rest.starts_with('.') {
                return Err(broken("a key is missing"));
            }
            rest = &rest[key_end..];
            while let Some(open) = rest.strip_prefix('[') {
                let close = open.find(']').ok_or_else(|| broken("a `[` is not closed"))?;
                let inside = open[..close].trim();
                steps.push(if inside.is_empty() {
                    Step::Every
                } else if let Ok(index) = inside.parse::<usize>() {
                    Step::Index(index)
                } else {
                    let pairs = inside
                        .split(',')
                        .map(|pair| {
                            let (key, value) = pair.split_once('=').ok_or_else(|| broken("write [key=value, ...]"))?;
                            Ok((key.trim().to_owned(), value.trim().to_owned()))
                        })
                        .collect::<Result<Vec<_>, String>>()?;
                    Step::Where(pairs)
                });
                rest = &open[close + 1..];
            }
            if let Some(after) = rest.strip_prefix('.') {
                if after.trim().is_empty() {
                    return Err(broken("it ends with `.`"));
                }
                rest = after;
            } else if !rest.is_empty() {
                return Err(broken("expected `.` or `[`"));
            }
        }
        if steps.is_empty() {
            return Err(broken("it is empty"));
        }
        Ok(Path { text: text.to_owned(), steps })
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Every value the path reaches in `root`.
    pub fn select<'a>(&self, root: &'a Value) -> Vec<&'a Value> {
        let mut current = vec![root];
        for step in &self.steps {
            current = current
                .into_iter()
                .flat_map(|value| -> Vec<&'a Value> {
                    match (step, value) {
                        (Step::Key(key), Value::Object(map)) => map.get(key).into_iter().collect(),
                        (Step::Every, Value::Array(items)) => items.iter().collect(),
                        (Step::Index(i), Value::Array(items)) => items.get(*i).into_iter().collect(),
                        (Step::Where(pairs), Value::Array(items)) => {
                            items.iter().filter(|item| matches_all(item, pairs)).collect()
                        }
                        (Step::Where(pairs), item @ Value::Object(_)) if matches_all(item, pairs) => vec![item],
                        _ => Vec::new(),
                    }
                })
                .collect();
        }
        current
    }
}

fn matches_all(item: &Value, pairs: &[(String, String)]) -> bool {
    pairs.iter().all(|(key, wanted)| item.get(key).is_some_and(|value| text(value) == *wanted))
}

/// A value as the lab would say it: strings bare, fractions to one decimal (a percentage or a
/// size in MB), anything else as JSON.
pub fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) if n.is_f64() => format!("{:.1}", n.as_f64().unwrap_or_default()),
        other => other.to_string(),
    }
}

/// What must hold of the values a path selects.
#[derive(Clone, Debug, PartialEq)]
pub enum Condition {
    /// Something is selected, and every value equals this one (numbers by value).
    Is(Value),
    /// Something is selected, and no value equals this one.
    IsNot(Value),
    /// Some selected string, or a string in a selected array, contains this text.
    Contains(String),
    /// No selected string, nor a string in a selected array, contains this text.
    Lacks(String),
    /// Exactly this many values are selected.
    Count(usize),
    /// Something is selected, and every value is a number at least this.
    AtLeast(f64),
    /// Something is selected, and every value is a number at most this.
    AtMost(f64),
}

impl Condition {
    pub fn holds(&self, selected: &[&Value]) -> bool {
        let numbers = || selected.iter().map(|v| v.as_f64());
        match self {
            Condition::Is(wanted) => !selected.is_empty() && selected.iter().all(|v| same(v, wanted)),
            Condition::IsNot(unwanted) => !selected.is_empty() && !selected.iter().any(|v| same(v, unwanted)),
            Condition::Contains(part) => strings(selected).any(|s| s.contains(part.as_str())),
            Condition::Lacks(part) => !strings(selected).any(|s| s.contains(part.as_str())),
            Condition::Count(n) => selected.len() == *n,
            Condition::AtLeast(low) => !selected.is_empty() && numbers().all(|n| n.is_some_and(|n| n >= *low)),
            Condition::AtMost(high) => !selected.is_empty() && numbers().all(|n| n.is_some_and(|n| n <= *high)),
        }
    }
}

fn same(value: &Value, wanted: &Value) -> bool {
    match (value.as_f64(), wanted.as_f64()) {
        (Some(a), Some(b)) => a == b,
        _ => value == wanted,
    }
}

fn strings<'a>(selected: &'a [&'a Value]) -> impl Iterator<Item = &'a str> {
    selected.iter().flat_map(|value| match value {
        Value::String(s) => vec![s.as_str()],
        Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    })
}

/// One goal of an exercise.
#[derive(Clone, Debug, PartialEq)]
pub struct Goal {
    pub at: Path,
    pub condition: Condition,
    /// What is still wrong while the goal is not met, in plain words.
    pub says: String,
    /// Where the lab gives its own reasons, shown with `says`.
    pub why: Option<Path>,
}

impl Goal {
    pub fn met(&self, prediction: &Value) -> bool {
        self.condition.holds(&self.at.select(prediction))
    }

    /// The lab's own words for why, where `why` reaches any.
    pub fn lab_says(&self, prediction: &Value) -> Vec<String> {
        self.why.as_ref().map(|why| why.select(prediction).into_iter().map(text).collect()).unwrap_or_default()
    }
}

/// A `[[goal]]` table as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct GoalFile {
    at: String,
    says: String,
    why: Option<String>,
    is: Option<Value>,
    is_not: Option<Value>,
    contains: Option<String>,
    lacks: Option<String>,
    count: Option<usize>,
    at_least: Option<f64>,
    at_most: Option<f64>,
}

impl GoalFile {
    pub(crate) fn check(self) -> Result<Goal, String> {
        let conditions: Vec<Condition> = [
            self.is.map(Condition::Is),
            self.is_not.map(Condition::IsNot),
            self.contains.map(Condition::Contains),
            self.lacks.map(Condition::Lacks),
            self.count.map(Condition::Count),
            self.at_least.map(Condition::AtLeast),
            self.at_most.map(Condition::AtMost),
        ]
        .into_iter()
        .flatten()
        .collect();
        let [condition] = <[Condition; 1]>::try_from(conditions).map_err(|all| {
            format!(
                "give exactly one condition (is, is_not, contains, lacks, count, at_least, at_most), not {}",
                all.len()
            )
        })?;
        Ok(Goal {
            at: Path::parse(&self.at)?,
            condition,
            says: self.says,
            why: self.why.as_deref().map(Path::parse).transpose()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn prediction() -> Value {
        json!({
            "entries": [
                {"class": "A", "protocol": "P", "static": true, "reasons": []},
                {"class": "B", "protocol": "P", "static": false,
                 "reasons": [{"check": "static", "message": "B.write returns None where int is expected"},
                             {"check": "nominal", "message": "not a subclass"}]},
            ],
            "output": ["one", "two"],
            "dropped": [],
            "savings": [{"workload": "requests", "saved_percent": 64.2}],
            "error": null,
        })
    }

    fn select(path: &str) -> Vec<Value> {
        Path::parse(path).unwrap().select(&prediction()).into_iter().cloned().collect()
    }

    #[test]
    fn paths_select_by_key_index_filter_and_every_element() {
        assert_eq!(select("entries[class=B, protocol=P].static"), vec![json!(false)]);
        assert_eq!(select("entries[protocol=P].class"), vec![json!("A"), json!("B")]);
        assert_eq!(
            select("entries[class=B].reasons[check=static].message"),
            vec![json!("B.write returns None where int is expected")]
        );
        assert_eq!(select("output[1]"), vec![json!("two")]);
        assert_eq!(select("output[]"), vec![json!("one"), json!("two")]);
        assert_eq!(select("error"), vec![json!(null)]);
        assert!(select("entries[class=C].static").is_empty());
        assert!(select("output[5]").is_empty());
        assert!(select("missing.key").is_empty());
    }

    #[test]
    fn values_are_said_as_the_lab_would() {
        assert_eq!(text(&json!("ada")), "ada");
        assert_eq!(text(&json!(7)), "7");
        assert_eq!(text(&json!(63.9871)), "64.0");
        assert_eq!(text(&json!(null)), "null");
    }

    #[test]
    fn broken_paths_are_refused_with_the_reason() {
        for (path, why) in [
            ("", "it is empty"),
            ("a.", "it ends with `.`"),
            ("a[1", "not closed"),
            ("a[x]", "write [key=value, ...]"),
            ("a[0]b", "expected `.` or `[`"),
            (".a", "a key is missing"),
        ] {
            let err = Path::parse(path).unwrap_err();
            assert!(err.contains(why), "{path}: {err}");
        }
    }

    #[test]
    fn conditions_hold_only_on_what_they_say() {
        let p = prediction();
        let holds = |path: &str, condition: Condition| condition.holds(&Path::parse(path).unwrap().select(&p));
        assert!(holds("entries[class=A].static", Condition::Is(json!(true))));
        assert!(!holds("entries[class=B].static", Condition::Is(json!(true))));
        // Nothing selected is never "is".
        assert!(!holds("entries[class=C].static", Condition::Is(json!(true))));
        assert!(!holds("entries[class=C].static", Condition::IsNot(json!(true))));
        assert!(holds("entries[class=B].static", Condition::IsNot(json!(true))));
        assert!(holds("output", Condition::Contains("tw".into())));
        assert!(holds("output[]", Condition::Contains("one".into())));
        assert!(!holds("output", Condition::Contains("three".into())));
        assert!(holds("output", Condition::Lacks("three".into())));
        assert!(!holds("output", Condition::Lacks("one".into())));
        assert!(holds("dropped[]", Condition::Count(0)));
        assert!(holds("entries[class=B].reasons[]", Condition::Count(2)));
        assert!(holds("savings[].saved_percent", Condition::AtLeast(50.0)));
        assert!(!holds("savings[].saved_percent", Condition::AtMost(50.0)));
        assert!(!holds("output[]", Condition::AtLeast(0.0)));
        // Numbers compare by value: TOML's 64 and JSON's 64.0 are the same.
        assert!(Condition::Is(json!(64)).holds(&[&json!(64.0)]));
    }

    #[test]
    fn a_goal_gives_the_labs_own_words() {
        let goal = GoalFile {
            at: "entries[class=B].static".into(),
            says: "B is not a P for mypy yet".into(),
            why: Some("entries[class=B].reasons[check=static].message".into()),
            is: Some(json!(true)),
            is_not: None,
            contains: None,
            lacks: None,
            count: None,
            at_least: None,
            at_most: None,
        }
        .check()
        .unwrap();
        assert!(!goal.met(&prediction()));
        assert_eq!(goal.lab_says(&prediction()), vec!["B.write returns None where int is expected".to_string()]);
    }
}
