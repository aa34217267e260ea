//! Test support for the differential suites: every lab's corpus is predicted under the lab
//! contract and checked against the truth, the machine's CPython or Pyodide (CPython 3.14, the
//! page's interpreter) under node.
//!
//! Both run each case through the page's own runner, `www/runner.py`, as the worker does: the
//! code in a fresh `__main__`, then the probe in the same namespace. [`check_corpus`] asserts
//! that nothing disagrees and that the model predicted as much as the corpus expects: a model
//! that declines one more fact fails its suite until the expected count is changed on purpose.
//!
//! The suites hold the models against every CPython the machine has that the page predicts for
//! ([`Truth::cpythons`]): `python3` (or `PLAYGROUND_PYTHON`) and each pyenv version from 3.11 on,
//! or exactly the interpreters listed in `PLAYGROUND_PYTHONS`. `PLAYGROUND_SKIP_PYTHON=1` skips
//! the suites, for machines without Python.

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use lab::{Code, Comparison, Lab, Probe, Verdict};
use serde::{Deserialize, Serialize};

/// The page's runner, shared with the worker and the Pyodide runner.
pub const RUNNER: &str = include_str!("../../../www/runner.py");

/// Runs a JSON list of `{code, probe, after_error}` through the runner and writes what each returned.
const BATCH: &str = r#"
import json, sys
exec(compile(sys.argv[1], "runner.py", "exec"))
with open(sys.argv[2], encoding="utf-8") as cases:
    results = [_pp_run(case["code"], case["probe"], case["after_error"]) for case in json.load(cases)]
with open(sys.argv[3], "w", encoding="utf-8") as out:
    json.dump(results, out)
"#;

/// The oldest CPython minor version the page predicts for (3.11 to Pyodide's 3.14).
pub const OLDEST_PYTHON_MINOR: u8 = 11;

/// Where the truth comes from.
pub enum Truth {
    /// The machine's CPython (`program`, version 3.`minor`).
    CPython { program: String, minor: u8 },
    /// Pyodide under node, through `tests/pyodide/run-probes.mjs`.
    Pyodide,
}

/// What the runner returned for one case.
#[derive(Clone, Debug, Deserialize)]
pub struct RunResult {
    pub status: String,
    pub error: Option<String>,
    pub probe_reports: Vec<String>,
    pub probe_error: Option<String>,
}

#[derive(Serialize)]
struct RunCase<'a> {
    code: &'a str,
    probe: Option<&'a str>,
    /// The probe runs after code that raised too (see `lab::Probe::Python`).
    after_error: bool,
}

fn skipped(suite: &str) -> bool {
    let skip = std::env::var("PLAYGROUND_SKIP_PYTHON").as_deref() == Ok("1");
    if skip {
        eprintln!("PLAYGROUND_SKIP_PYTHON=1: the {suite} suite is skipped");
    }
    skip
}

fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

impl Truth {
    /// The machine's CPython, or None (after saying so) when the suites are skipped.
    pub fn cpython(suite: &str) -> Option<Truth> {
        if skipped(suite) {
            return None;
        }
        let program = std::env::var("PLAYGROUND_PYTHON").unwrap_or_else(|_| "python3".into());
        Some(Truth::of_program(program))
    }

    /// Every CPython on the machine that the page predicts for, one per minor version, oldest
    /// first; empty (after saying so) when the suites are skipped.
    ///
    /// `PLAYGROUND_PYTHONS` (interpreters separated by spaces) lists them exactly. Otherwise
    /// they are `python3` (or `PLAYGROUND_PYTHON`) and pyenv's versions from 3.11 on.
    pub fn cpythons(suite: &str) -> Vec<Truth> {
        if skipped(suite) {
            return Vec::new();
        }
        let programs: Vec<String> = match std::env::var("PLAYGROUND_PYTHONS") {
            Ok(listed) => listed.split_whitespace().map(str::to_owned).collect(),
            Err(_) => {
                let first = std::env::var("PLAYGROUND_PYTHON").unwrap_or_else(|_| "python3".into());
                std::iter::once(first).chain(pyenv_pythons()).collect()
            }
        };
        let mut truths: Vec<Truth> = Vec::new();
        for program in programs {
            let truth = Truth::of_program(program);
            let minor = truth.minor();
            if minor >= OLDEST_PYTHON_MINOR && truths.iter().all(|t| t.minor() != minor) {
                truths.push(truth);
            }
        }
        truths.sort_by_key(Truth::minor);
        eprintln!("the {suite} suite runs on {}", truths.iter().map(Truth::name).collect::<Vec<_>>().join(", "));
        truths
    }

    /// The CPython at `program` (a venv's python with the suite's packages), or None (after
    /// saying so) when the suites are skipped.
    pub fn program(suite: &str, program: String) -> Option<Truth> {
        (!skipped(suite)).then(|| Truth::of_program(program))
    }

    fn of_program(program: String) -> Truth {
        let output = Command::new(&program)
            .args(["-c", "import sys; print(sys.version_info[1])"])
            .output()
            .unwrap_or_else(|e| panic!("cannot run {program}: {e}; install python3 or set PLAYGROUND_SKIP_PYTHON=1"));
        let minor = String::from_utf8_lossy(&output.stdout).trim().parse().expect("python minor version");
        Truth::CPython { program, minor }
    }

    /// Pyodide under node, or None (after saying so) when the suites are skipped.
    pub fn pyodide(suite: &str) -> Option<Truth> {
        (!skipped(suite)).then_some(Truth::Pyodide)
    }

    /// The CPython minor version the predictions are made for.
    pub fn minor(&self) -> u8 {
        match self {
            Truth::CPython { minor, .. } => *minor,
            Truth::Pyodide => lab::PYODIDE_PYTHON_MINOR,
        }
    }

    pub fn name(&self) -> String {
        match self {
            Truth::CPython { minor, .. } => format!("CPython 3.{minor}"),
            Truth::Pyodide => format!("Pyodide (CPython 3.{})", lab::PYODIDE_PYTHON_MINOR),
        }
    }

    /// Runs each `(code, probe)` through the runner, in one process, and returns what each gave.
    pub fn run(&self, cases: &[(String, Option<String>)]) -> Vec<RunResult> {
        let batch: Vec<RunCase> =
            cases.iter().map(|(code, probe)| RunCase { code, probe: probe.as_deref(), after_error: false }).collect();
        self.run_batch(&batch)
    }

    /// Runs each `(code, probe)` through the runner as the page does a lab's probe: one that
    /// runs the code again itself runs after code that raised too. Panics on a probe with no
    /// Python.
    pub fn run_probes(&self, cases: &[(String, Probe)]) -> Vec<RunResult> {
        let batch: Vec<RunCase> = cases
            .iter()
            .map(|(code, probe)| RunCase {
                code,
                probe: Some(probe.python_source().unwrap_or_else(|| panic!("not a Python probe: {probe:?}"))),
                after_error: probe.after_error(),
            })
            .collect();
        self.run_batch(&batch)
    }

    fn run_batch(&self, batch: &[RunCase]) -> Vec<RunResult> {
        static BATCHES: AtomicUsize = AtomicUsize::new(0);
        let unique = format!("{}-{}", std::process::id(), BATCHES.fetch_add(1, Ordering::Relaxed));
        let dir = std::env::temp_dir();
        let input = dir.join(format!("pp-truth-{unique}-in.json"));
        let output = dir.join(format!("pp-truth-{unique}-out.json"));
        std::fs::write(&input, serde_json::to_string(&batch).expect("cases serialize")).expect("batch file");
        let results = match self {
            Truth::CPython { program, .. } => {
                let run = Command::new(program)
                    .arg("-c")
                    .arg(BATCH)
                    .arg(RUNNER)
                    .arg(&input)
                    .arg(&output)
                    .output()
                    .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
                assert!(run.status.success(), "{program} failed:\n{}", String::from_utf8_lossy(&run.stderr));
                std::fs::read_to_string(&output).expect("the batch wrote its results")
            }
            Truth::Pyodide => {
                let root = workspace_root();
                assert!(
                    root.join("node_modules/pyodide/package.json").exists(),
                    "node_modules/pyodide is missing: run `npm ci` (or set PLAYGROUND_SKIP_PYTHON=1 to skip)"
                );
                let run = Command::new("node")
                    .arg(root.join("tests/pyodide/run-probes.mjs"))
                    .arg(&input)
                    .current_dir(&root)
                    .output()
                    .unwrap_or_else(|e| panic!("cannot run node: {e}; install Node.js and run `npm ci`"));
                assert!(run.status.success(), "run-probes.mjs failed:\n{}", String::from_utf8_lossy(&run.stderr));
                String::from_utf8(run.stdout).expect("run-probes.mjs prints UTF-8")
            }
        };
        std::fs::remove_file(&input).ok();
        std::fs::remove_file(&output).ok();
        let results: Vec<RunResult> = serde_json::from_str(&results).expect("the runner's results are JSON");
        assert_eq!(results.len(), batch.len(), "the runner answers every case once");
        results
    }
}

/// The `python3` of every version pyenv has installed, where pyenv is (its root from `pyenv
/// root`, `PYENV_ROOT` or `~/.pyenv`); none where it is not.
fn pyenv_pythons() -> Vec<String> {
    let root = Command::new("pyenv")
        .arg("root")
        .output()
        .ok()
        .filter(|out| out.status.success())
        .map(|out| PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
        .or_else(|| std::env::var_os("PYENV_ROOT").map(PathBuf::from))
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".pyenv")));
    let Some(Ok(versions)) = root.map(|root| std::fs::read_dir(root.join("versions"))) else {
        eprintln!("no pyenv here: the differential suites run on python3 only");
        return Vec::new();
    };
    let mut pythons: Vec<String> = versions
        .filter_map(|entry| Some(entry.ok()?.path().join("bin/python3")))
        .filter(|python| python.exists())
        .map(|python| python.to_string_lossy().into_owned())
        .collect();
    pythons.sort();
    pythons
}

/// One case of a lab's corpus.
pub struct Case<L: Lab> {
    /// Where the case comes from, for messages: a file and what varies.
    pub name: String,
    pub code: String,
    pub input: L::Input,
}

/// What a corpus must keep predicting: at least `cases` cases and `checked` facts held against
/// the truth, and exactly `declined` facts not predicted.
pub struct Expected {
    pub cases: usize,
    pub checked: usize,
    pub declined: usize,
}

/// One case as predicted and as the truth ran it.
pub struct Outcome<L: Lab> {
    pub prediction: L::Prediction,
    pub run: RunResult,
    pub comparison: Comparison,
}

/// Predicts every case, runs its probe after its code in `truth`, compares, and asserts that
/// nothing disagrees and that the counts are as `expected`. Returns each case's outcome for
/// the suite's own further checks.
pub fn check_corpus<L: Lab>(truth: &Truth, cases: &[Case<L>], expected: Expected) -> Vec<Outcome<L>> {
    let minor = truth.minor();
    assert!(cases.len() >= expected.cases, "the {} corpus must keep at least {} cases", L::NAME, expected.cases);
    let mut predictions = Vec::new();
    let mut runs = Vec::new();
    for case in cases {
        let code = Code::parse(&case.code).unwrap_or_else(|e| panic!("{}: {e:?}", case.name));
        let prediction = L::predict(&code, &case.input, minor).unwrap_or_else(|e| panic!("{}: {e}", case.name));
        let probe = L::probe(&code, &prediction, &case.input)
            .unwrap_or_else(|| panic!("{}: the lab has nothing to ask CPython", case.name));
        assert!(probe.python_source().is_some(), "{}: not a Python probe", case.name);
        runs.push((case.code.clone(), probe));
        predictions.push(prediction);
    }
    let results = truth.run_probes(&runs);

    let mut problems = Vec::new();
    let (mut checked, mut declined) = (0, 0);
    let mut outcomes = Vec::new();
    for ((case, prediction), run) in cases.iter().zip(predictions).zip(results) {
        let comparison = match run.probe_reports.first() {
            Some(report) => L::compare(&prediction, report),
            None => Comparison::unreadable(format!(
                "no report: the code ended {} {:?}, the probe {:?}",
                run.status, run.error, run.probe_error
            )),
        };
        if let Some(problem) = &comparison.problem {
            problems.push(format!("{}: {problem}", case.name));
        }
        for check in comparison.checks.iter().filter(|c| c.verdict == Verdict::Disagreed) {
            problems.push(format!(
                "{}: {}\n  model: {}\n  truth: {}",
                case.name,
                check.subject,
                check.predicted.as_deref().unwrap_or("-"),
                check.actual.as_deref().unwrap_or("-")
            ));
        }
        checked += comparison.checked();
        declined += comparison.declined();
        if std::env::var_os("LAB_SHOW_DECLINED").is_some() {
            for check in &comparison.checks {
                if let Verdict::Declined(reason) = &check.verdict {
                    eprintln!("{}: {}: declined: {reason}", case.name, check.subject);
                }
            }
        }
        outcomes.push(Outcome { prediction, run, comparison });
    }
    let truth_name = truth.name();
    assert!(problems.is_empty(), "{} disagreements with {truth_name}:\n{}", problems.len(), problems.join("\n"));
    assert!(
        checked >= expected.checked,
        "the {} corpus checked {checked} facts against {truth_name}, expected at least {}",
        L::NAME,
        expected.checked
    );
    assert_eq!(
        declined,
        expected.declined,
        "the {} model declined {declined} facts of its corpus, expected {}: change the expectation only on purpose",
        L::NAME,
        expected.declined
    );
    eprintln!("{} {} cases: {checked} facts agree with {truth_name}, {declined} declined", cases.len(), L::NAME);
    outcomes
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_runner_uses_the_labs_marker() {
        assert!(super::RUNNER.contains(&format!("_PP_MARKER = \"{} \"", lab::PROBE_MARKER)));
    }
}
