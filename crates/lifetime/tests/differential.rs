//! Differential test against the machine's CPython, twice per program: run as a real script (so
//! exit-time finalizers run at a real interpreter exit) and run through the probe (which
//! reproduces exit inside a running interpreter, as the page must). The simulation's lines must
//! match both. PLAYGROUND_PYTHON chooses the interpreter, PLAYGROUND_SKIP_PYTHON=1 skips.

use std::process::Command;

use cpython_truth::Python;
use lifetime::PROBE_MARKER;

mod common;
use common::{cases, disagreements};

#[test]
fn simulation_agrees_with_cpython_scripts_and_probe() {
    let Some(python) = Python::from_env("lifetime") else { return };
    let cases = cases();
    assert!(cases.len() >= 30, "the corpus must keep at least 30 programs");
    let simulations: Vec<_> = cases.iter().map(|c| lifetime::simulate(&c.code()).unwrap()).collect();

    let mut problems = Vec::new();
    for (case, simulation) in cases.iter().zip(&simulations) {
        let output = Command::new(&python.program)
            .arg("-c")
            .arg(case.code())
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", python.program));
        let lines: Vec<String> = String::from_utf8_lossy(&output.stdout).lines().map(str::to_owned).collect();
        problems.extend(disagreements(case, simulation, &lines, "script"));
    }

    let sources: Vec<String> = cases.iter().map(|c| lifetime::probe(&c.code())).collect();
    let reports: Vec<serde_json::Value> =
        python.probe_reports(&sources, PROBE_MARKER).iter().map(|json| serde_json::from_str(json).unwrap()).collect();
    assert_eq!(reports.len(), cases.len(), "one probe line per case");
    for ((case, simulation), report) in cases.iter().zip(&simulations).zip(&reports) {
        let lines: Vec<String> = serde_json::from_value(report["lines"].clone()).unwrap();
        problems.extend(disagreements(case, simulation, &lines, "probe"));
    }
    let modelled = simulations.iter().filter(|s| s.not_modelled.is_none()).count();
    assert!(problems.is_empty(), "{} disagreements:\n{}", problems.len(), problems.join("\n"));
    eprintln!("{} lifetime programs ({modelled} fully modelled) agree with CPython scripts and the probe", cases.len());
}
