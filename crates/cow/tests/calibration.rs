//! The simulator against the companion's measurement on real CPython: the bundled reference
//! report (`playground freeze` on the project's machine, three Python versions).

use cow::{predict_total, FreezeReport, HeapShape, Reads, Simulation, Workload};

const REFERENCE: &str = include_str!("../../../static/reference-freeze-report.json");

fn reference() -> FreezeReport {
    FreezeReport::from_json(REFERENCE).expect("the bundled reference report loads")
}

fn pythons(report: &FreezeReport) -> Vec<String> {
    report.machine.pythons.iter().map(|python| python.version.clone()).collect()
}

/// The master's memory before any copy: total Pss when the workers do nothing.
fn measured_heap_mb(report: &FreezeReport, python: &str) -> f64 {
    report.result(python, Workload::NOTHING, false).expect("nothing is measured").summary.median_mb
}

#[test]
fn the_reference_covers_every_workload_on_three_pythons() {
    let report = reference();
    assert!(report.machine.pythons.len() >= 3);
    for python in pythons(&report) {
        for workload in Workload::all() {
            for freeze in [false, true] {
                let result = report.result(&python, workload, freeze);
                assert!(result.is_some_and(|r| r.runs.len() >= 3), "{python} {workload} freeze={freeze} missing");
            }
        }
    }
}

#[test]
fn predictions_land_within_10_percent_of_every_measurement() {
    let report = reference();
    for python in pythons(&report) {
        let heap_mb = measured_heap_mb(&report, &python);
        for result in report.results.iter().filter(|result| result.python == python) {
            let predicted = predict_total(heap_mb, report.config.workers, result.workload, result.freeze);
            let measured = result.summary.median_mb;
            let error = (predicted - measured).abs() / measured;
            assert!(
                error < 0.10,
                "Python {python} {} freeze={}: predicted {predicted:.0} MB, measured {measured:.0} MB",
                result.workload,
                result.freeze
            );
        }
    }
}

#[test]
fn the_stepped_simulation_matches_the_measured_savings() {
    let report = reference();
    for python in pythons(&report) {
        let heap_mb = measured_heap_mb(&report, &python);
        for workload in
            [Workload { requests: true, reads: Reads::None }, Workload { requests: true, reads: Reads::All }]
        {
            let simulate = |freeze| {
                let mut simulation =
                    Simulation::new(HeapShape::companion(), heap_mb, report.config.workers, workload, freeze);
                simulation.run_to_end();
                simulation.total_pss_mb()
            };
            let simulated = simulate(false) - simulate(true);
            let measured = report.saving(&python, workload).expect("measured both ways").saved_mb;
            // Savings are differences of totals: compare them against the heap's size.
            assert!(
                (simulated - measured).abs() < 0.10 * heap_mb,
                "Python {python} {workload}: simulated saving {simulated:.0} MB, measured {measured:.0} MB"
            );
        }
    }
}
