//! Differential test: every (class, protocol) pair of the corpus is predicted by the model and
//! checked by the truth: `static` by mypy checking for each Python the page offers (one run over
//! all corpus files per `--python-version`), `runtime` by every CPython on the machine (one
//! batched process each, through the page's runner), each predicted for its own version.
//!
//! mypy is looked up in $PLAYGROUND_VENV, else target/py-venv (see tests/setup-mypy.sh); the
//! interpreters are found by `cpython_truth::Truth::cpythons`. PLAYGROUND_SKIP_PYTHON=1 skips the
//! test.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use conformance::Check;
use cpython_truth::Truth;

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

/// Lines of `file` where mypy, checking for Python 3.`minor`, reported an error.
fn mypy_error_lines(dir: &Path, files: &[String], minor: u8) -> BTreeSet<(String, usize)> {
    let output = Command::new(mypy_path())
        .args(["--no-error-summary", "--hide-error-context", "--no-color-output", "--no-incremental"])
        .arg(format!("--python-version=3.{minor}"))
        .arg(format!("--platform={}", conformance::mypy_platform()))
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

/// The static verdicts the lab predicts for Python 3.`minor` agree with mypy's
/// `--python-version 3.minor` on every pair it does not decline. Returns how many pairs there
/// are and the declined ones, described.
fn static_verdicts_agree_with_mypy(minor: u8) -> (usize, Vec<String>) {
    // mypy, one annotated function per pair, whose verdict on `return obj` is the pair's verdict.
    let dir = std::env::temp_dir().join(format!("conformance-differential-{}-3.{minor}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut names = Vec::new();
    let mut cases = Vec::new();
    for (name, code) in corpus() {
        let prediction = conformance::check_code(&lab::Code::parse(&code).expect("the corpus parses"), minor);
        let mut typed = code.clone();
        let mut line = typed.lines().count();
        for (i, entry) in prediction.entries.into_iter().enumerate() {
            typed.push_str(&format!(
                "\n\ndef _pp_check_{i}(obj: {}) -> {}:\n    return obj\n",
                entry.class, entry.protocol
            ));
            line += 4;
            cases.push((name.clone(), line, entry));
        }
        std::fs::write(dir.join(format!("{name}.py")), typed).unwrap();
        names.push(name);
    }
    // mypy checks for the Python and platform the lab's static verdicts are for, whatever runs
    // it: typeshed's stubs and a class body's `if sys.version_info ...` or `if sys.platform ...`
    // read as that mypy reads them.
    let errors = mypy_error_lines(&dir, &names, minor);
    std::fs::remove_dir_all(&dir).ok();

    // A declined static verdict is not a prediction: it is counted, not checked.
    let declined: Vec<String> = cases
        .iter()
        .filter_map(|(file, line, entry)| {
            let reason = entry.declined(Check::Static)?;
            let mypy = if errors.contains(&(file.clone(), *line)) { "rejects" } else { "accepts" };
            Some(format!("3.{minor} {file}: {} vs {}: mypy {mypy}; declined: {reason}", entry.class, entry.protocol))
        })
        .collect();
    let disagreements: Vec<String> = cases
        .iter()
        .filter_map(|(file, line, entry)| Some((file, line, entry, entry.static_ok?)))
        .filter(|(file, line, _, static_ok)| errors.contains(&((*file).clone(), **line)) == *static_ok)
        .map(|(file, _, entry, static_ok)| {
            let reasons: Vec<&str> = entry.reasons.iter().map(|r| r.message.as_str()).collect();
            format!(
                "{file}: {} vs {}: model static={static_ok}, mypy --python-version=3.{minor} the opposite\n  reasons: {reasons:?}",
                entry.class, entry.protocol
            )
        })
        .collect();
    assert!(
        disagreements.is_empty(),
        "{} of {} pairs disagree with mypy for 3.{minor}:\n{}",
        disagreements.len(),
        cases.len(),
        disagreements.join("\n")
    );
    (cases.len(), declined)
}

#[test]
fn model_agrees_with_mypy_and_cpython_on_the_corpus() {
    // The runtime column: every CPython on the machine, through the page's runner and the probe.
    let truths = Truth::cpythons("conformance");
    let mut outcomes = Vec::new();
    for truth in &truths {
        outcomes = cpython_truth::check_corpus(truth, &common::cases(), common::expected(truth.minor()));
    }
    let Some(newest) = truths.last() else { return };
    if std::env::var_os("CONFORMANCE_SHOW_DECLINED").is_some() {
        for ((name, _), outcome) in corpus().iter().zip(&outcomes) {
            for check in &outcome.comparison.checks {
                if let lab::Verdict::Declined(reason) = &check.verdict {
                    let actual = check.actual.as_deref().unwrap_or("-");
                    eprintln!("{name}: {} is {actual}; runtime declined: {reason}", check.subject);
                }
            }
        }
    }

    // The static column: mypy checking for each Python the page offers, against the lab's
    // static verdicts for that Python.
    let minors: Vec<u8> = common::STATIC_DECLINED.iter().map(|(minor, _)| *minor).collect();
    assert_eq!(conformance::static_python_minors(), minors, "the lab has stubs for each version the page offers");
    for &(minor, expected) in common::STATIC_DECLINED {
        let (pairs, declined) = static_verdicts_agree_with_mypy(minor);
        assert_eq!(pairs, common::FACTS, "the corpus's (class, Protocol) pairs checked against mypy for 3.{minor}");
        if std::env::var_os("CONFORMANCE_SHOW_DECLINED").is_some() {
            eprintln!("{}", declined.join("\n"));
        }
        assert_eq!(
            declined.len(),
            expected,
            "the model declined {} static verdicts of its corpus for 3.{minor}, expected {expected}: change the \
             expectation only on purpose\n{}",
            declined.len(),
            declined.join("\n")
        );
        eprintln!(
            "3.{minor}: {pairs} conformance pairs: {} static verdicts agree with mypy --python-version=3.{minor}, {} declined",
            pairs - declined.len(),
            declined.len()
        );
    }
    eprintln!("runtime verdicts checked on CPython 3.{}", newest.minor());
}
