//! Differential test: every corpus case is predicted by the model and run through the probe by
//! the machine's CPython (one batched process); they must agree on every parameter's hints and
//! messages and on the pipeline's error. PLAYGROUND_PYTHON chooses the interpreter,
//! PLAYGROUND_SKIP_PYTHON=1 skips.

use std::process::Command;

use annotated::PROBE_MARKER;
mod common;
use common::cases;

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
        eprintln!("PLAYGROUND_SKIP_PYTHON=1: differential annotated test skipped");
        return;
    }
    let python = std::env::var("PLAYGROUND_PYTHON").unwrap_or_else(|_| "python3".into());
    let minor = python_minor(&python);
    let cases = cases();
    assert!(cases.len() >= 30, "the corpus must keep at least 30 cases");
    let predictions: Vec<_> = cases.iter().map(|case| case.predict(minor)).collect();
    let sources: Vec<String> = cases.iter().map(|case| format!("{}\n{}", case.code(), case.probe())).collect();

    let batch = std::env::temp_dir().join(format!("annotated-differential-{}.json", std::process::id()));
    std::fs::write(&batch, serde_json::to_string(&sources).unwrap()).unwrap();
    let output = Command::new(&python).arg("-c").arg(RUNNER).arg(&batch).output().unwrap();
    std::fs::remove_file(&batch).ok();
    assert!(output.status.success(), "python failed:\n{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let reports: Vec<&str> = stdout.lines().filter_map(|line| line.strip_prefix(PROBE_MARKER)).map(str::trim).collect();
    assert_eq!(reports.len(), cases.len(), "one probe line per case");

    let mut facts = 0;
    let mut disagreements = Vec::new();
    for ((case, predicted), report) in cases.iter().zip(&predictions).zip(&reports) {
        let agreements = annotated::compare(predicted, report).unwrap();
        facts += agreements.len();
        for a in agreements.iter().filter(|a| !a.agrees) {
            disagreements
                .push(format!("{case}\n  {:?} {}: model {:?}, cpython {}", a.param, a.what, predicted, a.actual));
        }
    }
    assert!(
        disagreements.is_empty(),
        "{} facts disagree with CPython 3.{minor}:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
    eprintln!("{} annotated cases ({facts} facts) agree with CPython 3.{minor}", cases.len());
}
