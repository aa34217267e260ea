//! The freeze lab under the lab contract, held against the bundled reference report
//! (`playground freeze` on the project's machine, three Python versions).

use cow::{FreezeInput, FreezeLab, FreezeReport, Workload, COMPARED_KEYS, SIMULATOR};
use lab::{Code, Lab, Probe, Verdict};

const REFERENCE: &str = include_str!("../../../static/reference-freeze-report.json");

fn reference() -> FreezeReport {
    FreezeReport::from_json(REFERENCE).expect("the bundled reference report loads")
}

/// The experiment the reference report measured.
fn reference_input() -> FreezeInput {
    let config = reference().config;
    FreezeInput { heap_mb: config.heap_mb, workers: config.workers, workloads: config.workloads }
}

fn predict(input: &FreezeInput) -> FreezeReport {
    let code = Code::parse("ignored = \"by the freeze lab\"").expect("parses");
    FreezeLab::predict(&code, input, lab::PYODIDE_PYTHON_MINOR).expect("the reference config is predictable")
}

#[test]
fn the_prediction_has_the_shape_of_a_measured_report() {
    let prediction = predict(&reference_input());
    let measured: serde_json::Value = serde_json::from_str(REFERENCE).unwrap();
    let predicted: serde_json::Value = serde_json::from_str(&prediction.to_json()).unwrap();
    let keys = |value: &serde_json::Value| value.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&predicted), keys(&measured));
    assert_eq!(keys(&predicted["savings"][0]), keys(&measured["savings"][0]));
    assert_eq!(keys(&predicted["results"][0]), keys(&measured["results"][0]));
    assert_eq!(predicted["schema"], measured["schema"]);
    assert_eq!(prediction.savings.len(), 6);
    assert!(prediction.savings.iter().all(|saving| saving.python == SIMULATOR));
    // It reads back as a report, as the browser loads one.
    let read_back = FreezeReport::from_json(&prediction.to_json()).expect("a prediction loads as a report");
    assert_eq!((read_back.config, read_back.savings.len()), (prediction.config, 6));
}

#[test]
fn the_probe_is_the_companion_measuring_the_same_experiment() {
    let input = reference_input();
    let probe = FreezeLab::probe(&Code::parse("").unwrap(), &predict(&input), &input).expect("a probe");
    let Probe::Companion { args } = probe else { panic!("not a companion probe: {probe:?}") };
    assert_eq!(&args[..7], ["freeze", "--format", "json", "--heap-mb", "150", "--workers", "4"]);
    let workloads: Vec<&str> = args[7..]
        .chunks(2)
        .map(|pair| {
            assert_eq!(pair[0], "--workload");
            pair[1].as_str()
        })
        .collect();
    assert_eq!(workloads, Workload::all().map(|w| w.to_string()).iter().map(String::as_str).collect::<Vec<_>>());
}

#[test]
fn the_prediction_agrees_with_the_reference_on_every_check() {
    let comparison = FreezeLab::compare(&predict(&reference_input()), REFERENCE);
    assert_eq!(comparison.problem, None);
    let expected = 3 * 6 * COMPARED_KEYS.len();
    assert_eq!(comparison.checks.len(), expected);
    assert_eq!(
        (comparison.checked(), comparison.agreed(), comparison.disagreed(), comparison.declined()),
        (expected, expected, 0, 0),
        "{:#?}",
        comparison.checks.iter().filter(|check| !check.agrees()).collect::<Vec<_>>()
    );
    assert!(comparison.agrees());
    let check = comparison.check("Python 3.12.1 requests saved_percent").expect("checked");
    assert_eq!(check.actual.as_deref(), Some("64.1%"));
}

#[test]
fn a_tampered_measurement_disagrees() {
    let prediction = predict(&reference_input());
    let mut report = reference();
    // Freezing "saved" nothing on 3.13 with requests: the collections' copies stayed.
    let saving =
        report.savings.iter_mut().find(|s| s.python == "3.13.0" && s.workload.to_string() == "requests").unwrap();
    saving.freeze_mb = saving.no_freeze_mb;
    saving.saved_mb = 0.0;
    saving.saved_percent = 0.0;
    let comparison = FreezeLab::compare(&prediction, &report.to_json());
    assert_eq!(comparison.disagreed(), 2, "freeze_mb and saved_percent");
    assert_eq!(comparison.checked(), 54);
    assert!(!comparison.agrees());
    let freeze = comparison.check("Python 3.13.0 requests freeze_mb").unwrap();
    assert_eq!(freeze.verdict, Verdict::Disagreed);
    assert_eq!(comparison.check("Python 3.13.0 requests no_freeze_mb").unwrap().verdict, Verdict::Agreed);
}

#[test]
fn workloads_the_prediction_lacks_are_declined_with_a_reason() {
    let input = FreezeInput { workloads: vec![Workload::all()[3]], ..reference_input() };
    let comparison = FreezeLab::compare(&predict(&input), REFERENCE);
    assert_eq!((comparison.checked(), comparison.declined()), (3 * 3, 3 * 5 * 3));
    assert!(comparison.agrees());
    let declined = comparison.check("Python 3.11.7 read-all freeze_mb").unwrap();
    assert!(matches!(&declined.verdict, Verdict::Declined(reason) if reason.contains("--workload read-all")));
}

#[test]
fn garbage_is_unreadable() {
    let prediction = predict(&reference_input());
    let comparison = FreezeLab::compare(&prediction, "{\"schema\": \"something else\"}");
    assert!(comparison.problem.is_some() && comparison.checks.is_empty());
    assert!(!comparison.agrees());
}
