//! Differential test: every (class, protocol) pair of the corpus is predicted by the model and
//! checked by the truth: `static` by mypy (one run over all corpus files), `runtime` by the
//! machine's CPython (one batched process running `runtime_probe`).
//!
//! mypy is looked up in $PLAYGROUND_VENV, else target/py-venv (see tests/setup-mypy.sh);
//! python in $PLAYGROUND_PYTHON, else `python3`, whose version the runtime verdicts are predicted
//! for. PLAYGROUND_SKIP_PYTHON=1 skips the test.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use cpython_truth::Python;
use serde_json::Value;

mod common;
use common::corpus;

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn mypy_path() -> PathBuf {
    let venv = std::env::var("PLAYGROUND_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|_| manifest_dir().join("../../target/py-venv"));
    let mypy = venv.join("bin/mypy");
    assert!(
        mypy.exists(),
        "mypy not found at {}: run crates/conformance/tests/setup-mypy.sh (or set PLAYGROUND_SKIP_PYTHON=1 to skip)",
        mypy.display()
    );
    mypy
}

/// Lines of `file` where mypy reported an error.
fn mypy_error_lines(dir: &Path, files: &[String]) -> BTreeSet<(String, usize)> {
    let output = Command::new(mypy_path())
        .args(["--no-error-summary", "--hide-error-context", "--no-color-output", "--no-incremental"])
        .arg("--cache-dir")
        .arg(dir.join(".mypy_cache"))
        .args(files.iter().map(|f| dir.join(format!("{f}.py"))))
        .current_dir(dir)
        .output()
        .expect("mypy runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.code().is_some_and(|c| c <= 1),
        "mypy crashed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
        .lines()
        .filter(|line| line.contains(": error:"))
        .filter_map(|line| {
            let mut parts = line.splitn(3, ':');
            let file = Path::new(parts.next()?).file_stem()?.to_string_lossy().into_owned();
            Some((file, parts.next()?.trim().parse().ok()?))
        })
        .collect()
}

#[test]
fn model_agrees_with_mypy_and_cpython_on_the_corpus() {
    let Some(python) = Python::from_env("conformance") else { return };
    let minor = python.minor;
    let dir = std::env::temp_dir().join(format!("conformance-differential-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();

    let mut names = Vec::new();
    let mut sources = Vec::new();
    let mut cases = Vec::new();
    for (name, code) in corpus() {
        let module = pysource::parse(&code).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let report = conformance::check_on(&module, minor);
        // One annotated function per pair: mypy's verdict on `return obj` is the pair's verdict.
        let mut typed = code.clone();
        let mut line = typed.lines().count();
        for (i, entry) in report.entries.iter().enumerate() {
            typed.push_str(&format!(
                "\n\ndef _pp_check_{i}(obj: {}) -> {}:\n    return obj\n",
                entry.class, entry.protocol
            ));
            line += 4;
            cases.push((name.clone(), line, entry.clone()));
        }
        std::fs::write(dir.join(format!("{name}.py")), typed).unwrap();
        sources.push(format!("{code}\n{}", conformance::runtime_probe(&report)));
        names.push(name);
    }
    assert!(cases.len() >= 60, "the corpus must keep at least 60 pairs, has {}", cases.len());

    let errors = mypy_error_lines(&dir, &names);
    std::fs::remove_dir_all(&dir).ok();
    let mut observed: Vec<Value> = Vec::new();
    let probe_lines = python.probe_reports(&sources, conformance::PROBE_MARKER);
    assert_eq!(probe_lines.len(), names.len(), "one probe line per corpus file");
    for (line, (_, code)) in probe_lines.iter().zip(corpus()) {
        let report = conformance::check_on(&pysource::parse(&code).unwrap(), minor);
        let agreements = conformance::compare(&report, line);
        assert!(agreements.iter().all(|a| a.agrees), "compare() disagrees: {agreements:?}");
        let json: Value = serde_json::from_str(line.trim()).unwrap();
        observed.extend(json["entries"].as_array().unwrap().iter().cloned());
    }
    assert_eq!(observed.len(), cases.len(), "one probe entry per pair");

    let mut disagreements = Vec::new();
    for ((file, line, entry), actual) in cases.iter().zip(&observed) {
        let mypy_ok = !errors.contains(&(file.clone(), *line));
        let predicted_runtime = serde_json::to_value(entry.runtime).unwrap();
        if mypy_ok != entry.static_ok
            || actual["runtime"] != predicted_runtime
            || actual["instance"] != entry.instance.as_str()
        {
            let reasons: Vec<&str> = entry.reasons.iter().map(|r| r.message.as_str()).collect();
            disagreements.push(format!(
                "{file}: {} vs {}\n  model:  static={} runtime={predicted_runtime} instance={}\n  truth:  static={mypy_ok} (mypy) runtime={} instance={} (python 3.{minor})\n  reasons: {reasons:?}",
                entry.class, entry.protocol, entry.static_ok, entry.instance, actual["runtime"], actual["instance"]
            ));
        }
    }
    assert!(
        disagreements.is_empty(),
        "{} of {} pairs disagree:\n{}",
        disagreements.len(),
        cases.len(),
        disagreements.join("\n")
    );
    eprintln!("{} conformance pairs agree with mypy and CPython 3.{minor}", cases.len());
}
