//! Differential test against the machine's CPython, twice per program: run as a real script (so
//! exit-time finalizers run at a real interpreter exit) and run through the probe (which
//! reproduces exit inside a running interpreter, as the page must). The simulation's lines must
//! match both. PLAYGROUND_PYTHON chooses the interpreter, PLAYGROUND_SKIP_PYTHON=1 skips.

use std::process::Command;

use lifetime::PROBE_MARKER;

mod common;
use common::{cases, disagreements};

/// Runs each source in its own fresh `__main__` namespace in one interpreter.
const RUNNER: &str = r#"
import json, sys
with open(sys.argv[1], encoding="utf-8") as sources:
    for source in json.load(sources):
        exec(compile(source, "<case>", "exec"), {"__name__": "__main__"})
"#;

#[test]
fn simulation_agrees_with_cpython_scripts_and_probe() {
    if std::env::var("PLAYGROUND_SKIP_PYTHON").as_deref() == Ok("1") {
        eprintln!("PLAYGROUND_SKIP_PYTHON=1: differential lifetime test skipped");
        return;
    }
    let python = std::env::var("PLAYGROUND_PYTHON").unwrap_or_else(|_| "python3".into());
    let cases = cases();
    assert!(cases.len() >= 30, "the corpus must keep at least 30 programs");
    let simulations: Vec<_> = cases.iter().map(|c| lifetime::simulate(&c.code()).unwrap()).collect();

    let mut problems = Vec::new();
    for (case, simulation) in cases.iter().zip(&simulations) {
        let output = Command::new(&python)
            .arg("-c")
            .arg(case.code())
            .output()
            .unwrap_or_else(|e| panic!("cannot run {python}: {e}"));
        let lines: Vec<String> = String::from_utf8_lossy(&output.stdout).lines().map(str::to_owned).collect();
        problems.extend(disagreements(case, simulation, &lines, "script"));
    }

    let sources: Vec<String> = cases.iter().map(|c| lifetime::probe(&c.code())).collect();
    let batch = std::env::temp_dir().join(format!("lifetime-differential-{}.json", std::process::id()));
    std::fs::write(&batch, serde_json::to_string(&sources).unwrap()).unwrap();
    let output = Command::new(&python).arg("-c").arg(RUNNER).arg(&batch).output().unwrap();
    std::fs::remove_file(&batch).ok();
    assert!(output.status.success(), "python failed:\n{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let reports: Vec<serde_json::Value> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix(PROBE_MARKER))
        .map(|j| serde_json::from_str(j.trim()).unwrap())
        .collect();
    assert_eq!(reports.len(), cases.len(), "one probe line per case");
    for ((case, simulation), report) in cases.iter().zip(&simulations).zip(&reports) {
        let lines: Vec<String> = serde_json::from_value(report["lines"].clone()).unwrap();
        problems.extend(disagreements(case, simulation, &lines, "probe"));
    }
    let modelled = simulations.iter().filter(|s| s.not_modelled.is_none()).count();
    assert!(problems.is_empty(), "{} disagreements:\n{}", problems.len(), problems.join("\n"));
    eprintln!("{} lifetime programs ({modelled} fully modelled) agree with CPython scripts and the probe", cases.len());
}
