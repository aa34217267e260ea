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

/// The programs an exception ends, as scripts: stdout, the traceback's last line and the line
/// it ends at, and the exit status.
#[test]
fn escaping_exceptions_agree_with_cpython_scripts() {
    for truth in Truth::cpythons("lifetime escaping") {
        escaping_agree_with(&truth);
    }
}

/// The programs an exception ends, through the page's runner and the probe, which runs them
/// again and reproduces exit with the exception kept, as the page checks them after a Run.
#[test]
fn escaping_exceptions_agree_with_cpython_probe() {
    for truth in Truth::cpythons("lifetime escaping probe") {
        cpython_truth::check_corpus(&truth, &common::escaping_lab_cases(), common::escaping_probed(&truth));
    }
}

fn escaping_agree_with(truth: &Truth) {
    let Truth::CPython { program, minor } = truth else { unreachable!("Truth::cpythons are CPythons") };
    let cases = common::escaping_cases();
    let expected = common::ESCAPING_EXPECTED;
    assert!(cases.len() >= expected.cases, "the escaping corpus must keep at least {} cases", expected.cases);
    let (mut checked, mut declined, mut problems) = (0, 0, Vec::new());
    let mut followed = 0;
    for case in &cases {
        let code = lab::Code::parse(&case.code()).unwrap();
        let prediction = <lifetime::FinalizeLab as lab::Lab>::predict(&code, &(), *minor).unwrap();
        let output = Command::new(program)
            .arg("-c")
            .arg(case.code())
            .output()
            .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
        let lines: Vec<String> = String::from_utf8_lossy(&output.stdout).lines().map(str::to_owned).collect();
        let stderr = String::from_utf8_lossy(&output.stderr);
        let traceback = escaped_traceback(&stderr);
        let error = traceback.last().copied().map(str::to_owned);
        let error_line = traceback
            .iter()
            .rev()
            .filter_map(|l| l.trim().strip_prefix("File \"<string>\", line "))
            .find_map(|rest| rest.split(',').next()?.parse::<usize>().ok());
        let facts = lines.len().max(prediction.output.len()) + 2;
        if let Some(stop) = &prediction.not_modelled {
            // What it predicted before it stopped must still hold.
            if !lifetime::lines_begin_with(&lines, &prediction.output) {
                problems.push(format!(
                    "{case}\n  model (stopped: {}): {:?}\n  script: {lines:?}",
                    stop.reason, prediction.output
                ));
            }
            checked += prediction.output.len();
            declined += facts - prediction.output.len();
            continue;
        }
        if output.status.code() != prediction.exit_status {
            problems.push(format!(
                "{case}: the script ended with {:?}, the model predicts status {:?}",
                output.status, prediction.exit_status
            ));
        }
        let predicted = (&prediction.output, prediction.error.as_deref(), prediction.error_line);
        // A SystemExit prints no traceback: a code other than an int or a bool is printed to
        // stderr (the status says the rest; the runner's error is checked on Pyodide).
        let exit_message = predicted
            .1
            .and_then(|e| e.strip_prefix("SystemExit: "))
            .filter(|code| code.parse::<i64>().is_err() && *code != "True");
        let ending_agrees = match &error {
            Some(error) => {
                predicted.1.is_some_and(|predicted| lifetime::line_agrees(predicted, error))
                    && predicted.2 == error_line
            }
            None => {
                predicted.1.is_some_and(|e| e.starts_with("SystemExit"))
                    && predicted.2.is_none()
                    && exit_message.is_none_or(|message| stderr.lines().any(|l| lifetime::line_agrees(message, l)))
            }
        };
        if !lifetime::lines_agree(&prediction.output, &lines) || !ending_agrees {
            problems.push(format!("{case}\n  model:  {predicted:?}\n  script: {:?}", (&lines, error, error_line)));
        }
        checked += facts;
        followed += 1;
    }
    assert_eq!(followed, common::ESCAPING_PREDICTED, "escaping programs the model follows to their error");
    assert!(problems.is_empty(), "{} disagreements with {}:\n{}", problems.len(), truth.name(), problems.join("\n"));
    assert!(
        checked >= expected.checked,
        "checked {checked} facts against {}, expected at least {}",
        truth.name(),
        expected.checked
    );
    assert_eq!(
        declined,
        expected.declined,
        "declined {declined} facts of the escaping corpus on {}: change the expectation only on purpose",
        truth.name()
    );
    eprintln!("{} escaping cases: {checked} facts agree with {}, {declined} declined", cases.len(), truth.name());
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

/// The traceback of the exception that ended the program: the last one printed that is not an
/// "Exception ignored" report, up to the first such report after it (a `__del__` that fails
/// at exit prints its own after the traceback), or a SyntaxError's report. Empty for a
/// SystemExit, which prints none.
fn escaped_traceback(stderr: &str) -> Vec<&str> {
    let lines: Vec<&str> = stderr.lines().collect();
    let ignored = |index: usize| index > 0 && lines[index - 1].starts_with("Exception ignored");
    let Some(start) = (0..lines.len()).rev().find(|&i| lines[i] == "Traceback (most recent call last):" && !ignored(i))
    else {
        // A SyntaxError's report has no header; a SystemExit prints none.
        let syntax_error = lines.iter().any(|l| l.starts_with("  File \"<string>\""));
        return if syntax_error { lines } else { Vec::new() };
    };
    lines[start..].iter().copied().take_while(|l| !l.starts_with("Exception ignored")).collect()
}
