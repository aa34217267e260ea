//! Test support for the differential suites: runs the labs' probes in the machine's CPython,
//! which is the truth the models are checked against.
//!
//! `PLAYGROUND_PYTHON` chooses the interpreter (default `python3`); `PLAYGROUND_SKIP_PYTHON=1`
//! skips the suites, for machines without Python.

use std::process::Command;

/// Runs each source of a JSON list in its own fresh `__main__` namespace, in one interpreter:
/// one process for a whole corpus instead of one per case.
const BATCH_RUNNER: &str = r#"
import json, sys
with open(sys.argv[1], encoding="utf-8") as sources:
    for source in json.load(sources):
        exec(compile(source, "<case>", "exec"), {"__name__": "__main__"})
"#;

/// The interpreter a suite checks against, and the minor version its predictions are made for.
pub struct Python {
    pub program: String,
    pub minor: u8,
    suite: String,
}

impl Python {
    /// The interpreter from the environment, or None (after saying so) when `suite` is skipped.
    pub fn from_env(suite: &str) -> Option<Python> {
        if std::env::var("PLAYGROUND_SKIP_PYTHON").as_deref() == Ok("1") {
            eprintln!("PLAYGROUND_SKIP_PYTHON=1: differential {suite} test skipped");
            return None;
        }
        let program = std::env::var("PLAYGROUND_PYTHON").unwrap_or_else(|_| "python3".into());
        let output = Command::new(&program)
            .args(["-c", "import sys; print(sys.version_info[1])"])
            .output()
            .unwrap_or_else(|e| panic!("cannot run {program}: {e}; install python3 or set PLAYGROUND_SKIP_PYTHON=1"));
        let minor = String::from_utf8_lossy(&output.stdout).trim().parse().expect("python minor version");
        Some(Python { program, minor, suite: suite.to_owned() })
    }

    /// Runs `sources` in one process and returns, in order, the text after `marker` on each
    /// line that starts with it (the probes' reports). Panics if Python fails.
    pub fn probe_reports(&self, sources: &[String], marker: &str) -> Vec<String> {
        let batch = std::env::temp_dir().join(format!("{}-differential-{}.json", self.suite, std::process::id()));
        std::fs::write(&batch, serde_json::to_string(sources).expect("sources serialize")).expect("batch file");
        let output = Command::new(&self.program)
            .arg("-c")
            .arg(BATCH_RUNNER)
            .arg(&batch)
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", self.program));
        std::fs::remove_file(&batch).ok();
        assert!(output.status.success(), "python failed:\n{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter_map(|line| line.strip_prefix(marker))
            .map(|report| report.trim().to_owned())
            .collect()
    }
}
