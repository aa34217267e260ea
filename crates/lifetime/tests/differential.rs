//! Differential test against every CPython on the machine, twice per program: through the page's runner
//! and the probe (which reproduces exit inside a running interpreter, as the page must), and run
//! as a real script, so that exit-time finalizers run at a real interpreter exit. The
//! simulation's lines and ending must match both. `cpython_truth::Truth::cpythons` finds the
//! interpreters; PLAYGROUND_SKIP_PYTHON=1 skips.

use std::process::Command;

use cpython_truth::Truth;

mod common;

#[test]
fn simulation_agrees_with_cpython_scripts_and_probe() {
    for truth in Truth::cpythons("lifetime") {
        agrees_with(&truth);
    }
}

fn agrees_with(truth: &Truth) {
    let Truth::CPython { program, .. } = truth else { unreachable!("Truth::cpythons are CPythons") };
    let cases = common::lab_cases();
    let outcomes = cpython_truth::check_corpus(truth, &cases, common::EXPECTED);

    let mut problems = Vec::new();
    for (case, outcome) in cases.iter().zip(&outcomes) {
        let output = Command::new(program)
            .arg("-c")
            .arg(&case.code)
            .output()
            .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
        let lines: Vec<String> = String::from_utf8_lossy(&output.stdout).lines().map(str::to_owned).collect();
        let stderr = String::from_utf8_lossy(&output.stderr);
        let error = (!output.status.success()).then(|| stderr.lines().last().unwrap_or_default().to_owned());
        let report = serde_json::json!({ "lines": lines, "error": error }).to_string();
        let comparison = lifetime::compare(&outcome.prediction, &report);
        if comparison.disagreed() > 0 {
            problems.push(format!(
                "{}\n  model:  {:?}\n  script: {lines:?} {error:?}",
                case.name, outcome.prediction.output
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{} disagreements with {} scripts:\n{}",
        problems.len(),
        truth.name(),
        problems.join("\n")
    );
}
