//! Grading with both sides: the lab's prediction must meet every goal, then CPython's
//! comparison must confirm the exercise's facts. Feedback is in the lab's own terms.

use lab::{Comparison, Verdict};
use serde_json::Value;

use crate::Exercise;

/// One thing still wrong: the exercise's words, and the lab's own where it gives any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Feedback {
    pub says: String,
    pub lab_says: Vec<String>,
}

/// Where an attempt stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Grade {
    /// The lab has no prediction for this code and these inputs (it says why on the page).
    NoPrediction,
    /// The prediction does not meet these goals yet.
    Unmet(Vec<Feedback>),
    /// The prediction meets every goal; CPython has not checked this very code yet.
    AwaitingCpython,
    /// CPython did not confirm: what it said, fact by fact.
    NotConfirmed(Vec<String>),
    Solved,
}

impl Grade {
    pub fn solved(&self) -> bool {
        *self == Grade::Solved
    }
}

/// Grades an attempt: `prediction` is the lab's prediction for the code and inputs as JSON,
/// `comparison` CPython's verdicts on that same prediction, if a Run made them.
pub fn grade(exercise: &Exercise, prediction: Option<&Value>, comparison: Option<&Comparison>) -> Grade {
    let Some(prediction) = prediction else { return Grade::NoPrediction };
    let unmet: Vec<Feedback> = exercise
        .goals
        .iter()
        .filter(|goal| !goal.met(prediction))
        .map(|goal| Feedback { says: goal.says.clone(), lab_says: goal.lab_says(prediction) })
        .collect();
    if !unmet.is_empty() {
        return Grade::Unmet(unmet);
    }
    let Some(comparison) = comparison else { return Grade::AwaitingCpython };
    match unconfirmed(&exercise.confirm, comparison) {
        problems if problems.is_empty() => Grade::Solved,
        problems => Grade::NotConfirmed(problems),
    }
}

/// What keeps CPython's comparison from confirming `confirm`: an unreadable report, any fact
/// CPython disagreed with, and each pattern that no agreed fact matches.
fn unconfirmed(confirm: &[String], comparison: &Comparison) -> Vec<String> {
    let shown = |text: &Option<String>| text.clone().unwrap_or_else(|| "nothing".into());
    let mut problems = Vec::new();
    if let Some(problem) = &comparison.problem {
        problems.push(problem.clone());
    }
    for check in comparison.checks.iter().filter(|c| c.verdict == Verdict::Disagreed) {
        problems.push(format!(
            "{}: the lab predicted {}, CPython says {}",
            check.subject,
            shown(&check.predicted),
            shown(&check.actual)
        ));
    }
    for pattern in confirm {
        let matching: Vec<_> = comparison.checks.iter().filter(|c| glob(pattern, &c.subject)).collect();
        if matching.iter().any(|c| c.agrees()) {
            continue;
        }
        if matching.is_empty() {
            problems.push(format!("CPython reported nothing about {pattern}"));
        }
        for check in matching {
            if let Verdict::Declined(reason) = &check.verdict {
                problems.push(format!(
                    "{}: not predicted ({reason}); CPython says {}",
                    check.subject,
                    shown(&check.actual)
                ));
            }
        }
    }
    problems
}

/// Whether `text` matches `pattern`, where `*` stands for any text.
fn glob(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if parts.len() == 1 {
        return pattern == text;
    }
    if !text.starts_with(first) || text.len() < first.len() + last.len() || !text.ends_with(last) {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for middle in &parts[1..parts.len() - 1] {
        match rest.find(middle) {
            Some(at) => rest = &rest[at + middle.len()..],
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;
    use lab::Check;
    use serde_json::json;

    fn exercise() -> Exercise {
        parse(
            "protocol/01-test.toml",
            r#"{
                "title": "t", "level": "easy", "task": "do it", "hints": ["h"],
                "starter": {"code": "a"}, "solution": {"code": "b"},
                "goal": [{"at": "entries[class=B].static", "is": true, "says": "B is not a P for mypy yet",
                          "why": "entries[class=B].reasons[].message"}],
                "confirm": ["isinstance(B(), *)"]
            }"#,
        )
        .unwrap()
    }

    fn prediction(static_ok: bool) -> Value {
        let reasons =
            if static_ok { json!([]) } else { json!([{"message": "B.write returns None where int is expected"}]) };
        json!({"entries": [{"class": "B", "static": static_ok, "reasons": reasons}]})
    }

    fn comparison(checks: Vec<Check>) -> Comparison {
        Comparison { checks, problem: None }
    }

    #[test]
    fn an_unmet_goal_says_what_is_wrong_in_the_labs_words() {
        let grade = grade(&exercise(), Some(&prediction(false)), None);
        assert_eq!(
            grade,
            Grade::Unmet(vec![Feedback {
                says: "B is not a P for mypy yet".into(),
                lab_says: vec!["B.write returns None where int is expected".into()],
            }])
        );
        assert_eq!(super::grade(&exercise(), None, None), Grade::NoPrediction);
    }

    #[test]
    fn a_met_goal_waits_for_cpython_then_is_solved_when_it_agrees() {
        let e = exercise();
        assert_eq!(grade(&e, Some(&prediction(true)), None), Grade::AwaitingCpython);
        let agreed = comparison(vec![Check::compared("isinstance(B(), P)", "True", Some("True".into()))]);
        assert!(grade(&e, Some(&prediction(true)), Some(&agreed)).solved());
    }

    #[test]
    fn cpython_must_confirm_the_facts_and_disagree_with_none() {
        let e = exercise();
        let met = prediction(true);
        let disagreed = comparison(vec![
            Check::compared("isinstance(B(), P)", "True", Some("True".into())),
            Check::compared("isinstance(A(), P)", "True", Some("False".into())),
        ]);
        assert_eq!(
            grade(&e, Some(&met), Some(&disagreed)),
            Grade::NotConfirmed(vec!["isinstance(A(), P): the lab predicted True, CPython says False".into()])
        );
        let declined = comparison(vec![Check::declined("isinstance(B(), P)", "a metaclass", Some("True".into()))]);
        assert_eq!(
            grade(&e, Some(&met), Some(&declined)),
            Grade::NotConfirmed(vec!["isinstance(B(), P): not predicted (a metaclass); CPython says True".into()])
        );
        assert_eq!(
            grade(&e, Some(&met), Some(&comparison(Vec::new()))),
            Grade::NotConfirmed(vec!["CPython reported nothing about isinstance(B(), *)".into()])
        );
        assert_eq!(
            grade(&e, Some(&met), Some(&Comparison::unreadable("not JSON"))),
            Grade::NotConfirmed(vec!["not JSON".into(), "CPython reported nothing about isinstance(B(), *)".into()])
        );
    }

    #[test]
    fn globs_match_any_text_where_the_star_is() {
        assert!(glob("output line *", "output line 12"));
        assert!(glob("Python * requests saved_percent", "Python 3.11.7 requests saved_percent"));
        assert!(!glob("Python * requests saved_percent", "Python 3.11.7 requests+read-all saved_percent"));
        assert!(glob("outcome", "outcome"));
        assert!(!glob("outcome", "outcomes"));
        assert!(glob("*", ""));
        assert!(!glob("a*a", "a"));
    }
}
