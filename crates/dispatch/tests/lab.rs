//! The lab under the contract, on the page's own example: which dispatcher is predicted, what the
//! probe runs and shows, and how an unrecognized `dispatch` is reported.

use dispatch::{DispatchInput, DispatchLab, Dispatcher, DispatcherSource, ParamSource};
use lab::{Code, Lab, Verdict};

const EXAMPLE: &str = include_str!("../../../src/examples/dispatch.py");

const PASSES_ALL: &str = "import inspect\n\n\ndef dispatch(handler, payload):\n    return handler(**payload)\n\n\ndef create_user(user_id: int, name: str, admin: bool = False):\n    return user_id\n";

const UNRECOGNIZED: &str = "import inspect\n\n\ndef dispatch(handler, payload):\n    return handler(**{k: v for k, v in payload.items() if not k.startswith('_')})\n\n\ndef create_user(user_id: int, name: str, admin: bool = False):\n    return user_id\n";

const NO_DISPATCH: &str = "def create_user(user_id: int, name: str, admin: bool = False):\n    return user_id\n";

fn predict(code: &str, input: &DispatchInput) -> (Code, dispatch::DispatchPrediction) {
    let code = Code::parse(code).unwrap();
    let prediction = DispatchLab::predict(&code, input, lab::PYODIDE_PYTHON_MINOR).unwrap();
    (code, prediction)
}

#[test]
fn the_examples_dispatch_is_predicted_and_called() {
    let input = DispatchInput::default();
    let (code, prediction) = predict(EXAMPLE, &input);
    assert_eq!(prediction.dispatcher_source, DispatcherSource::Page { name: "dispatch".into(), line: 5 });
    assert_eq!(prediction.call.as_deref(), Some("create_user(user_id=7, name='ada')"));
    let reprs: Vec<(&str, Option<&str>, ParamSource)> =
        prediction.wiring.params.iter().map(|p| (p.name.as_str(), p.repr.as_deref(), p.source)).collect();
    assert_eq!(
        reprs,
        [
            ("user_id", Some("7"), ParamSource::Payload),
            ("name", Some("'ada'"), ParamSource::Payload),
            ("admin", Some("False"), ParamSource::Default)
        ]
    );
    let probe = DispatchLab::probe(&code, &prediction, &input).unwrap();
    let source = probe.python_source().unwrap();
    assert!(source.contains(r#"run = globals()["dispatch"]"#), "the probe calls the user's dispatch");
    // Only the cost measurement is the lab's own code here, and it is shown.
    let own = probe.own_code().expect("the cost measurement is shown");
    assert!(own.label.starts_with("The lab's cost measurement"), "{}", own.label);
    assert!(own.code.contains("def measure_cost(handler, payload):") && !own.code.contains("def dispatch("));
}

#[test]
fn the_example_runs_in_cpython_with_its_cost_in_the_same_report() {
    let Some(truth) = cpython_truth::Truth::cpython("dispatch example") else { return };
    let input = DispatchInput::default();
    let (code, prediction) = predict(EXAMPLE, &input);
    let probe = DispatchLab::probe(&code, &prediction, &input).unwrap();
    let runs = truth.run(&[(EXAMPLE.to_string(), probe.python_source().map(str::to_owned))]);
    let [report] = runs[0].probe_reports.as_slice() else { panic!("one report line: {:?}", runs[0]) };
    let json: serde_json::Value = serde_json::from_str(report).unwrap();
    assert!(json["cost"]["signature_per_call"].as_f64().unwrap() > 0.0, "{report}");
    assert!(json["cost"]["cached_signature"].as_f64().unwrap() > 0.0, "{report}");
    let comparison = DispatchLab::compare(&prediction, report);
    assert!(comparison.agrees(), "{comparison:?}");
    assert_eq!((comparison.checked(), comparison.declined()), (5, 0), "outcome, error and three parameters");
    assert_eq!(comparison.check("param name").unwrap().actual.as_deref(), Some("'ada'"));
}

#[test]
fn the_examples_dataclass_is_wired_through_its_generated_init_and_cpython_agrees() {
    let input = DispatchInput {
        handler: "Invite".into(),
        payload: r#"{"email": "ada@example.com", "sent": true, "team": "core"}"#.into(),
        measure_cost: false,
        ..DispatchInput::default()
    };
    let (code, prediction) = predict(EXAMPLE, &input);
    assert_eq!(prediction.call.as_deref(), Some("Invite(email='ada@example.com')"), "`sent` is init=False");
    let Some(truth) = cpython_truth::Truth::cpython("dispatch example") else { return };
    let probe = DispatchLab::probe(&code, &prediction, &input).unwrap();
    let runs = truth.run(&[(EXAMPLE.to_string(), probe.python_source().map(str::to_owned))]);
    let [report] = runs[0].probe_reports.as_slice() else { panic!("one report line: {:?}", runs[0]) };
    let comparison = DispatchLab::compare(&prediction, report);
    assert!(comparison.agrees(), "{comparison:?}");
    assert_eq!((comparison.checked(), comparison.declined()), (4, 0), "outcome, error and two parameters");
}

#[test]
fn without_a_dispatch_the_labs_own_code_runs_and_is_shown() {
    let input = DispatchInput { measure_cost: false, ..DispatchInput::default() };
    let (code, prediction) = predict(NO_DISPATCH, &input);
    assert_eq!(prediction.dispatcher_source, DispatcherSource::Lab);
    let probe = DispatchLab::probe(&code, &prediction, &input).unwrap();
    let own = probe.own_code().unwrap();
    assert_eq!(own.label, "The lab's naive dispatcher, which runs after your code");
    assert_eq!(own.code, dispatch::NAIVE_DISPATCHER);

    // The strict dispatcher is the lab's even when the code has the page's dispatch.
    let strict = DispatchInput { dispatcher: Dispatcher::Strict, ..DispatchInput::default() };
    let (code, prediction) = predict(EXAMPLE, &strict);
    assert_eq!(prediction.dispatcher_source, DispatcherSource::Lab);
    let own = DispatchLab::probe(&code, &prediction, &strict).unwrap().own_code().cloned().unwrap();
    assert_eq!(own.label, "The lab's strict dispatcher and cost measurement, which run after your code");
    assert!(own.code.starts_with("import inspect\nimport json\nimport time\n\n\nclass DispatchError"), "{}", own.code);
}

#[test]
fn a_dispatch_passing_every_key_is_predicted_and_called() {
    let input = DispatchInput { measure_cost: false, ..DispatchInput::default() };
    let (code, prediction) = predict(PASSES_ALL, &input);
    assert_eq!(prediction.dispatcher_source, DispatcherSource::Page { name: "dispatch".into(), line: 4 });
    assert_eq!(
        prediction.error.as_deref(),
        Some("TypeError: create_user() got an unexpected keyword argument 'source'")
    );
    assert!(prediction.dropped.is_empty(), "{:?}", prediction.dropped);
    let probe = DispatchLab::probe(&code, &prediction, &input).unwrap();
    assert!(probe.python_source().unwrap().contains(r#"run = globals()["dispatch"]"#));
    let report = r#"{"dispatcher": "page", "outcome": "error", "error": "TypeError: create_user() got an unexpected keyword argument 'source'", "entered": false, "params": null}"#;
    let comparison = DispatchLab::compare(&prediction, report);
    assert_eq!((comparison.checked(), comparison.declined()), (2, 0));
    assert!(comparison.agrees());
}

#[test]
fn an_unrecognized_dispatch_is_called_and_nothing_is_judged() {
    let input = DispatchInput { measure_cost: false, ..DispatchInput::default() };
    let (code, prediction) = predict(UNRECOGNIZED, &input);
    let DispatcherSource::Unrecognized { line: 4, why, .. } = &prediction.dispatcher_source else {
        panic!("{:?}", prediction.dispatcher_source)
    };
    assert!(why.contains("is not the filter"), "{why}");
    let probe = DispatchLab::probe(&code, &prediction, &input).unwrap();
    assert!(probe.python_source().unwrap().contains(r#"run = globals()["dispatch"]"#));
    assert_eq!(probe.own_code(), None, "nothing of the lab's runs besides the observation");

    let report = r#"{"dispatcher": "page", "outcome": "error", "error": "TypeError: create_user() got an unexpected keyword argument 'source'", "entered": false, "params": null}"#;
    let comparison = DispatchLab::compare(&prediction, report);
    assert_eq!(comparison.problem, None);
    assert_eq!((comparison.checked(), comparison.declined()), (0, 2));
    assert!(!comparison.agrees());
    let error = comparison.check("error").unwrap();
    assert!(error.actual.as_deref().unwrap().ends_with("'source'"));
    let Verdict::Declined(reason) = &error.verdict else { panic!() };
    assert!(reason.starts_with("your dispatch (line 4) is not one the lab can predict: line 5:"), "{reason}");
}

#[test]
fn a_deep_dataclass_hierarchy_is_predicted_quickly() {
    // Each class's fields are read once: without that, a chain of dataclasses took time
    // exponential in its depth.
    let mut code = "from dataclasses import dataclass\n\n@dataclass\nclass C0:\n    f0: int = 0\n".to_string();
    for i in 1..60 {
        code.push_str(&format!("\n@dataclass\nclass C{i}(C{}):\n    f{i}: int = {i}\n", i - 1));
    }
    let input = DispatchInput { handler: "C59".into(), payload: r#"{"f3": 1}"#.into(), ..DispatchInput::default() };
    let start = std::time::Instant::now();
    let (_, prediction) = predict(&code, &input);
    assert!(start.elapsed().as_secs_f64() < 2.0, "took {:?}", start.elapsed());
    assert_eq!(prediction.wiring.params.len(), 60);
    assert_eq!(prediction.qualname, "C59.__init__");
}

#[test]
fn a_character_printed_by_some_versions_only_is_declined_in_the_payload_and_the_code() {
    // U+1FAE8 (Unicode 15.0) is escaped by 3.11's repr and printed by 3.12's.
    let input =
        DispatchInput { payload: r#"{"name": ["x", {"k": "a\ud83e\udee8"}]}"#.into(), ..DispatchInput::default() };
    let problem = DispatchLab::predict(&Code::parse(NO_DISPATCH).unwrap(), &input, 14).unwrap_err();
    assert!(problem.0.starts_with(r#"The payload's string "a🫨" holds U+1FAE8"#), "{problem}");
    let code = format!("{NO_DISPATCH}\n\nGREETING = 'hi \\U0001FAE8'\n");
    let problem = DispatchLab::predict(&Code::parse(&code).unwrap(), &DispatchInput::default(), 14).unwrap_err();
    assert!(problem.0.starts_with("The code's line 5 holds U+1FAE8"), "{problem}");
}
