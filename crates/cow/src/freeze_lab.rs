//! The freeze lab under the lab contract ([`lab::Lab`]): the simulator's closed form predicts a
//! whole [`FreezeReport`] for an experiment's configuration, `playground freeze` measures the
//! same experiment, and [`FreezeLab::compare`] holds the two against each other key by key.
//!
//! The lab ignores the page's Python code: what freeze saves depends on the heap the
//! companion's harness builds, not on the code in the editor.

use crate::report::{ConfigurationResult, ExperimentConfig, FreezeReport, Machine, PythonInfo, Saving, TotalPss};
use crate::{HeapShape, Workload};
use lab::{Check, Code, Comparison, InputProblem, Probe, Verdict};
use serde::{Deserialize, Serialize};

/// What stands where a measured report names a Python, a kernel or an interpreter path: the
/// `python` of every result and saving of a prediction, and its one [`PythonInfo`]. No
/// interpreter ran; the numbers come from [`HeapShape::companion`]'s closed form, which does
/// not depend on the CPython version (3.11, 3.12 and 3.13 agree within a point on the reference
/// report). [`FreezeLab::compare`] therefore matches a prediction's savings to a measurement's
/// by workload alone.
pub const SIMULATOR: &str = "simulator";

/// `playground freeze --heap-mb` when it is not given.
pub const DEFAULT_HEAP_MB: u32 = 300;
/// `playground freeze --workers` when it is not given.
pub const DEFAULT_WORKERS: u32 = 4;
/// `playground freeze --workload` when it is not given.
pub const DEFAULT_WORKLOAD: Workload = Workload { requests: true, reads: crate::Reads::None };

/// Resident memory of the harness's interpreter before it builds the heap, in MB. `--heap-mb`
/// is how much the master's resident memory *grows* while building the heap, but the master's
/// Pss also counts the interpreter itself, and [`HeapShape::companion`] was fitted taking the
/// whole master as its heap. The reference report's masters measured 20.7 (3.13), 21.1 (3.12)
/// and 24.8 MB (3.11) above their 150 MB heap when the workers did nothing; 20 MB is the
/// lower end.
pub const INTERPRETER_MB: f64 = 20.0;

/// How far a predicted total may land from the measured one, as a share of the measurement:
/// the README and `tests/calibration.rs` promise 5–10%; the largest miss on the reference
/// report is under 6% (3.11's frozen totals, whose interpreter is the largest).
pub const TOTAL_TOLERANCE: f64 = 0.10;
/// How far a predicted `saved_percent` may land from the measured one, in percentage points.
/// A share does not scale with the heap, so it gets its own bound: the reference report's
/// largest miss is 1.9 points (3.11, requests with 1 read in 32).
pub const SAVED_PERCENT_TOLERANCE: f64 = 5.0;

/// The keys of a [`Saving`] that [`FreezeLab::compare`] checks, in order.
pub const COMPARED_KEYS: [&str; 3] = ["no_freeze_mb", "freeze_mb", "saved_percent"];

/// The experiment: the `playground freeze` options that decide the totals.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FreezeInput {
    /// Heap the master builds before forking, in MB of resident memory (`--heap-mb`).
    pub heap_mb: u32,
    /// Forked workers (`--workers`).
    pub workers: u32,
    /// What each worker does (`--workload`, repeated).
    pub workloads: Vec<Workload>,
}

impl Default for FreezeInput {
    /// What `playground freeze` measures when given no options.
    fn default() -> Self {
        FreezeInput { heap_mb: DEFAULT_HEAP_MB, workers: DEFAULT_WORKERS, workloads: vec![DEFAULT_WORKLOAD] }
    }
}

/// The freeze lab under the lab contract.
pub struct FreezeLab;

impl lab::Lab for FreezeLab {
    const NAME: &'static str = "freeze";
    type Input = FreezeInput;
    type Prediction = FreezeReport;

    /// A report in the shape `playground freeze --format json` writes, with [`SIMULATOR`] for
    /// the Python and the machine, no runs (no interpreter ran: `config.runs` is 0 and each
    /// summary's median, min and max are the one predicted total) and the savings computed as
    /// a measured report computes them. `python_minor` is ignored: see [`SIMULATOR`].
    fn predict(_: &Code, input: &FreezeInput, _python_minor: u8) -> Result<FreezeReport, InputProblem> {
        predict(input)
    }

    /// `playground freeze` measuring the same experiment, as JSON.
    fn probe(_: &Code, _: &FreezeReport, input: &FreezeInput) -> Option<Probe> {
        Some(Probe::Companion { args: companion_args(input) })
    }

    fn compare(prediction: &FreezeReport, report: &str) -> Comparison {
        compare(prediction, report)
    }
}

/// The closed form's report for `input`; see [`FreezeLab`]'s `predict`.
pub fn predict(input: &FreezeInput) -> Result<FreezeReport, InputProblem> {
    if input.workers == 0 || input.heap_mb == 0 || input.workloads.is_empty() {
        return Err(InputProblem("need at least one worker, one MB of heap and one workload".into()));
    }
    let shape = HeapShape::companion();
    let master_mb = input.heap_mb as f64 + INTERPRETER_MB;
    let results = input
        .workloads
        .iter()
        .flat_map(|&workload| [false, true].map(|freeze| (workload, freeze)))
        .map(|(workload, freeze)| {
            let total = shape.predict_total(master_mb, input.workers, workload, freeze);
            ConfigurationResult {
                python: SIMULATOR.to_string(),
                workload,
                freeze,
                runs: Vec::new(),
                summary: TotalPss { median_mb: total, min_mb: total, max_mb: total },
            }
        })
        .collect();
    let machine = Machine {
        kernel: SIMULATOR.to_string(),
        transparent_hugepage: SIMULATOR.to_string(),
        cores: 0,
        pythons: vec![PythonInfo { path: SIMULATOR.to_string(), version: SIMULATOR.to_string() }],
    };
    let config = ExperimentConfig {
        heap_mb: input.heap_mb,
        heap_shape: format!(
            "{SIMULATOR}: HeapShape::companion(), the harness's records plus a {INTERPRETER_MB} MB interpreter"
        ),
        workers: input.workers,
        workloads: input.workloads.clone(),
        runs: 0,
    };
    Ok(FreezeReport::new(machine, config, results))
}

/// The `playground` arguments that measure `input`: `freeze --format json --heap-mb N
/// --workers N --workload W...`.
pub fn companion_args(input: &FreezeInput) -> Vec<String> {
    let mut args: Vec<String> = ["freeze", "--format", "json", "--heap-mb"].map(String::from).to_vec();
    args.push(input.heap_mb.to_string());
    args.push("--workers".into());
    args.push(input.workers.to_string());
    for workload in &input.workloads {
        args.push("--workload".into());
        args.push(workload.to_string());
    }
    args
}

/// Every measured saving held against the prediction: per Python and workload, one check per
/// key of [`COMPARED_KEYS`]. Totals agree within [`TOTAL_TOLERANCE`] of the measurement,
/// `saved_percent` within [`SAVED_PERCENT_TOLERANCE`] points. A workload the prediction lacks
/// is declined; so is everything when the report measured another heap size or worker count.
pub fn compare(prediction: &FreezeReport, report: &str) -> Comparison {
    let measured = match FreezeReport::from_json(report) {
        Ok(measured) => measured,
        Err(error) => return Comparison::unreadable(error.to_string()),
    };
    let (predicted, actual) = (&prediction.config, &measured.config);
    let other_experiment = (predicted.heap_mb != actual.heap_mb || predicted.workers != actual.workers).then(|| {
        format!(
            "the report measured a {} MB heap with {} workers; the prediction is for {} MB with {}",
            actual.heap_mb, actual.workers, predicted.heap_mb, predicted.workers
        )
    });
    let mut checks = Vec::new();
    for saving in &measured.savings {
        let subject = |key: &str| format!("Python {} {} {key}", saving.python, saving.workload);
        let predicted_saving = prediction.savings.iter().find(|p| p.workload == saving.workload);
        for key in COMPARED_KEYS {
            let actual = value_text(saving, key);
            let check = match (&other_experiment, predicted_saving) {
                (Some(reason), _) => Check::declined(subject(key), reason.clone(), Some(actual)),
                (None, None) => Check::declined(
                    subject(key),
                    format!("the prediction has no {} workload (predict it with --workload {0})", saving.workload),
                    Some(actual),
                ),
                (None, Some(predicted)) => {
                    let agrees = within_tolerance(key, value(predicted, key), value(saving, key));
                    Check {
                        subject: subject(key),
                        predicted: Some(value_text(predicted, key)),
                        actual: Some(actual),
                        verdict: if agrees { Verdict::Agreed } else { Verdict::Disagreed },
                    }
                }
            };
            checks.push(check);
        }
    }
    Comparison { checks, problem: other_experiment }
}

fn value(saving: &Saving, key: &str) -> f64 {
    match key {
        "no_freeze_mb" => saving.no_freeze_mb,
        "freeze_mb" => saving.freeze_mb,
        "saved_percent" => saving.saved_percent,
        _ => unreachable!("not a compared key: {key}"),
    }
}

fn value_text(saving: &Saving, key: &str) -> String {
    match key {
        "saved_percent" => format!("{:.1}%", saving.saved_percent),
        _ => format!("{:.1} MB", value(saving, key)),
    }
}

fn within_tolerance(key: &str, predicted: f64, measured: f64) -> bool {
    match key {
        "saved_percent" => (predicted - measured).abs() <= SAVED_PERCENT_TOLERANCE,
        _ => (predicted - measured).abs() <= TOTAL_TOLERANCE * measured.abs(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lab::Lab;

    fn code() -> Code {
        Code::parse("").unwrap()
    }

    #[test]
    fn the_default_input_is_the_companions_default() {
        let input = FreezeInput::default();
        assert_eq!(
            companion_args(&input),
            ["freeze", "--format", "json", "--heap-mb", "300", "--workers", "4", "--workload", "requests"]
        );
        let prediction = FreezeLab::predict(&code(), &input, 14).unwrap();
        assert_eq!(prediction.results.len(), 2);
        assert_eq!(prediction.savings.len(), 1);
        let saving = &prediction.savings[0];
        assert_eq!(saving.python, SIMULATOR);
        assert_eq!(saving.freeze_mb, 320.0, "frozen, requests copy nothing: the master alone");
        assert!((saving.no_freeze_mb - 320.0 * (1.0 + 4.0 * 0.475)).abs() < 1e-9);
    }

    #[test]
    fn an_empty_experiment_is_an_input_problem() {
        let input = FreezeInput { workloads: Vec::new(), ..FreezeInput::default() };
        assert!(FreezeLab::predict(&code(), &input, 14).is_err());
    }

    #[test]
    fn a_report_that_is_not_one_is_unreadable() {
        let prediction = predict(&FreezeInput::default()).unwrap();
        let comparison = compare(&prediction, "<html>");
        assert!(comparison.problem.is_some_and(|p| p.contains("not JSON")));
        assert_eq!(comparison.checks.len(), 0);
    }

    #[test]
    fn a_prediction_compared_with_itself_agrees_on_every_key() {
        let input = FreezeInput { workloads: Workload::all().to_vec(), ..FreezeInput::default() };
        let prediction = predict(&input).unwrap();
        let comparison = compare(&prediction, &prediction.to_json());
        assert_eq!(comparison.checked(), 6 * COMPARED_KEYS.len());
        assert!(comparison.agrees(), "{comparison:?}");
    }

    #[test]
    fn another_experiment_is_declined_and_a_missing_workload_too() {
        let prediction = predict(&FreezeInput::default()).unwrap();
        let other = predict(&FreezeInput { heap_mb: 100, ..FreezeInput::default() }).unwrap();
        let comparison = compare(&prediction, &other.to_json());
        assert_eq!((comparison.checked(), comparison.declined()), (0, 3));
        assert!(comparison.problem.is_some_and(|p| p.contains("100 MB heap")));

        let more = predict(&FreezeInput { workloads: Workload::all().to_vec(), ..FreezeInput::default() }).unwrap();
        let comparison = compare(&prediction, &more.to_json());
        assert_eq!((comparison.checked(), comparison.declined()), (3, 15));
        assert!(comparison.agrees());
    }
}
