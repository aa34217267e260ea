//! Every exercise file, held against its lab: each file reads, each page has at least three
//! exercises from easy to tricky, the starter does not meet the goals, and the solution does
//! and is confirmed by CPython, the machine's `python3` run through the page's own runner
//! (`PLAYGROUND_SKIP_PYTHON=1` skips that part). The freeze lab's truth is the companion's
//! measurement, so its exercises are confirmed by the measured report the page ships, as on
//! the page.

use std::collections::BTreeMap;

use annotated::{AnnotatedInput, AnnotatedLab};
use conformance::ProtocolLab;
use cow::{FreezeInput, FreezeLab, Workload};
use cpython_truth::Truth;
use dispatch::{DispatchInput, DispatchLab, Dispatcher};
use exercises::{grade, Attempt, Exercise, Grade};
use lab::{Code, Comparison, Lab, Probe};
use lifetime::FinalizeLab;
use serde_json::Value;

const REFERENCE_REPORT: &str = include_str!("../../../static/reference-freeze-report.json");

/// One attempt predicted: the prediction as JSON, and the probe to ask CPython with.
struct Predicted {
    json: Value,
    probe: Option<Probe>,
    compare: Box<dyn Fn(&str) -> Comparison>,
}

fn field<'a>(fields: &'a BTreeMap<String, String>, key: &str, exercise: &Exercise) -> &'a str {
    fields.get(key).unwrap_or_else(|| panic!("{}: the lab input `{key}` must be given", exercise.id))
}

fn predict_with<L: Lab + 'static>(code: &str, input: L::Input, minor: u8) -> Predicted {
    let parsed = Code::parse(code).unwrap_or_else(|e| panic!("does not parse: {e:?}"));
    let prediction = L::predict(&parsed, &input, minor).unwrap_or_else(|e| panic!("the lab refuses the input: {e}"));
    Predicted {
        json: serde_json::to_value(&prediction).expect("predictions are JSON"),
        probe: L::probe(&parsed, &prediction, &input),
        compare: Box::new(move |report| L::compare(&prediction, report)),
    }
}

/// The attempt as the page predicts it, from the same URL fields the page reads.
fn predict(exercise: &Exercise, attempt: &Attempt, minor: u8) -> Predicted {
    let code = attempt.code.as_deref().unwrap_or_default();
    let fields = &attempt.fields;
    match exercise.page.as_str() {
        "protocol" => predict_with::<ProtocolLab>(code, (), minor),
        "finalize" => predict_with::<FinalizeLab>(code, (), minor),
        "dispatch" => {
            let dispatcher = match fields.get("dispatcher").map(String::as_str) {
                Some("strict") => Dispatcher::Strict,
                _ => Dispatcher::Naive,
            };
            let input = DispatchInput {
                handler: field(fields, "handler", exercise).into(),
                payload: field(fields, "payload", exercise).into(),
                dispatcher,
                measure_cost: false,
            };
            predict_with::<DispatchLab>(code, input, minor)
        }
        "annotated" => {
            let input = AnnotatedInput {
                function: field(fields, "function", exercise).into(),
                values: field(fields, "values", exercise).into(),
            };
            predict_with::<AnnotatedLab>(code, input, minor)
        }
        "freeze" => {
            let number = |key| field(fields, key, exercise).parse::<u32>().expect("a whole number");
            let workload: Workload = field(fields, "workload", exercise).parse().expect("a workload");
            let input = FreezeInput { heap_mb: number("heap"), workers: number("workers"), workloads: vec![workload] };
            predict_with::<FreezeLab>(code, input, minor)
        }
        page => panic!("no lab for {page}"),
    }
}

fn all() -> Vec<Exercise> {
    exercises::load().into_iter().map(|read| read.unwrap_or_else(|e| panic!("{e}"))).collect()
}

#[test]
fn every_exercise_file_reads() {
    assert!(!exercises::load().is_empty(), "no exercise files were embedded");
    for read in exercises::load() {
        read.unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn every_page_has_three_exercises_from_easy_to_tricky() {
    let all = all();
    for page in exercises::PAGES {
        let levels: Vec<_> = all.iter().filter(|e| e.page == page).map(|e| e.level).collect();
        assert!(levels.len() >= 3, "{page} has {} exercises", levels.len());
        assert!(
            levels.windows(2).all(|w| w[0] <= w[1]),
            "{page}: the files are not in order of difficulty: {levels:?}"
        );
        assert_eq!((levels.first(), levels.last()), (Some(&exercises::Level::Easy), Some(&exercises::Level::Tricky)));
    }
}

#[test]
fn no_starter_meets_its_goals() {
    for exercise in all() {
        let starter = predict(&exercise, &exercise.starter, lab::PYODIDE_PYTHON_MINOR);
        let grade = grade(&exercise, Some(&starter.json), None);
        let Grade::Unmet(feedback) = &grade else { panic!("{}: the starter already meets the goals", exercise.id) };
        assert!(feedback.iter().all(|f| !f.says.is_empty()), "{}: {grade:?}", exercise.id);
    }
}

#[test]
fn every_solution_meets_its_goals_and_cpython_confirms_it() {
    let truth = Truth::cpython("exercises");
    let all = all();
    let minor = truth.as_ref().map_or(lab::PYODIDE_PYTHON_MINOR, Truth::minor);
    let solutions: Vec<(Exercise, Predicted)> = all
        .into_iter()
        .map(|exercise| {
            let predicted = predict(&exercise, &exercise.solution, minor);
            (exercise, predicted)
        })
        .collect();
    for (exercise, predicted) in &solutions {
        assert_eq!(grade(exercise, Some(&predicted.json), None), Grade::AwaitingCpython, "{}", exercise.id);
    }
    // The freeze page confirms with the measured report it ships.
    for (exercise, predicted) in solutions.iter().filter(|(e, _)| e.page == "freeze") {
        let comparison = (predicted.compare)(REFERENCE_REPORT);
        assert_eq!(grade(exercise, Some(&predicted.json), Some(&comparison)), Grade::Solved, "{}", exercise.id);
    }
    let Some(truth) = truth else { return };
    let python: Vec<_> = solutions.iter().filter(|(e, _)| e.page != "freeze").collect();
    let cases: Vec<(String, Option<String>)> = python
        .iter()
        .map(|(exercise, predicted)| {
            let probe = predicted.probe.as_ref().and_then(Probe::python_source).map(str::to_owned);
            assert!(probe.is_some(), "{}: the lab has nothing to ask CPython", exercise.id);
            (exercise.solution.code.clone().unwrap_or_default(), probe)
        })
        .collect();
    for ((exercise, predicted), run) in python.iter().zip(truth.run(&cases)) {
        let report = run.probe_reports.first().unwrap_or_else(|| {
            panic!("{}: {} printed no report: {:?} {:?}", exercise.id, truth.name(), run.error, run.probe_error)
        });
        let comparison = (predicted.compare)(report);
        assert_eq!(grade(exercise, Some(&predicted.json), Some(&comparison)), Grade::Solved, "{}", exercise.id);
    }
}
