//! Differential test: every corpus case is predicted by the model and run by the machine's
//! CPython (one batched process); they must agree on outcome, error line, arguments, defaulted
//! and dropped keys. Set PLAYGROUND_PYTHON to choose the interpreter, PLAYGROUND_SKIP_PYTHON=1 to skip.

use std::process::Command;

use dispatch::{predict_on, probe, PROBE_MARKER};
use serde_json::Value;

mod common;
use common::{cases, observable};

/// Runs each Python source in its own fresh `__main__`-named namespace in one interpreter.
const RUNNER: &str = r#"
import json, sys
with open(sys.argv[1], encoding="utf-8") as sources:
    for source in json.load(sources):
        exec(compile(source, "<case>", "exec"), {"__name__": "__main__"})
"#;

fn python_minor(python: &str) -> u8 {
    let output = Command::new(python)
        .args(["-c", "import sys; print(sys.version_info[1])"])
        .output()
        .unwrap_or_else(|e| panic!("cannot run {python}: {e}; install python3 or set PLAYGROUND_SKIP_PYTHON=1"));
    String::from_utf8_lossy(&output.stdout).trim().parse().expect("python minor version")
}

#[test]
fn model_agrees_with_cpython_on_the_corpus() {
    if std::env::var("PLAYGROUND_SKIP_PYTHON").as_deref() == Ok("1") {
        eprintln!("PLAYGROUND_SKIP_PYTHON=1: differential dispatch test skipped");
        return;
    }
    let python = std::env::var("PLAYGROUND_PYTHON").unwrap_or_else(|_| "python3".into());
    let minor = python_minor(&python);
    let cases = cases();
    assert!(cases.len() >= 60, "the corpus must keep at least 60 cases");

    let mut sources = Vec::new();
    let mut predictions = Vec::new();
    for case in &cases {
        let code = case.code();
        let module = pysource::parse(&code).unwrap();
        let prediction = predict_on(&module, &case.handler, &case.payload, case.dispatcher, minor)
            .unwrap_or_else(|e| panic!("{} {}: {e}", case.file, case.handler));
        predictions.push(prediction);
        sources.push(format!("{code}\n{}", probe(&case.handler, &case.payload.to_string(), case.dispatcher)));
    }
    let dir = std::env::temp_dir().join(format!("dispatch-differential-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let batch = dir.join("sources.json");
    std::fs::write(&batch, serde_json::to_string(&sources).unwrap()).unwrap();
    let output = Command::new(&python).arg("-c").arg(RUNNER).arg(&batch).output().unwrap();
    std::fs::remove_dir_all(&dir).ok();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "python failed:\n{}", String::from_utf8_lossy(&output.stderr));
    let observed: Vec<Value> = stdout
        .lines()
        .filter_map(|line| line.strip_prefix(PROBE_MARKER))
        .map(|json| serde_json::from_str(json.trim()).unwrap())
        .collect();
    assert_eq!(observed.len(), cases.len(), "one probe line per case");

    let mut disagreements = Vec::new();
    for ((case, predicted), actual) in cases.iter().zip(&predictions).zip(&observed) {
        let predicted_json = observable(predicted);
        if &predicted_json != actual {
            disagreements.push(format!("{case}\n  model:   {predicted_json}\n  cpython: {actual}"));
        }
    }
    assert!(
        disagreements.is_empty(),
        "{} of {} cases disagree with CPython 3.{minor}:\n{}",
        disagreements.len(),
        cases.len(),
        disagreements.join("\n")
    );
    eprintln!("{} dispatch cases agree with CPython 3.{minor}", cases.len());
}
