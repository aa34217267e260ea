//! Runs `playground predict` for real on a small Python file and checks its JSON and its errors.

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

const CODE: &str = r#"from typing import Protocol, runtime_checkable


@runtime_checkable
class Runner(Protocol):
    def run(self, n: int) -> int: ...


class Good:
    def run(self, n: int) -> int:
        return n


class Bad:
    def walk(self) -> None: ...


class Proxy:
    def __getattr__(self, name):
        return lambda n: n


def handle(user_id: int, verbose=False):
    pass


def gather(value=0, *values):
    pass
"#;

/// A file holding `code`, unique to the test so tests can run in parallel.
fn source_file(test: &str, code: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("playground-predict-{}-{test}.py", std::process::id()));
    std::fs::write(&path, code).unwrap();
    path
}

fn predict(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_playground")).arg("predict").args(args).output().expect("playground runs")
}

fn stdout_json(output: &Output) -> Value {
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("the prediction is JSON")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn protocol_prints_one_entry_per_class_and_protocol() {
    let file = source_file("protocol", CODE);
    let report = stdout_json(&predict(&["protocol", "--code", file.to_str().unwrap()]));
    let entries = report["entries"].as_array().expect("entries");
    assert_eq!(entries.len(), 3, "{entries:?}");
    assert_eq!(entries[0]["class"], "Good");
    assert_eq!(entries[0]["protocol"], "Runner");
    assert_eq!(entries[0]["static"], true);
    assert_eq!(entries[0]["runtime"], true);
    assert_eq!(entries[1]["class"], "Bad");
    assert_eq!(entries[1]["static"], false);
    assert_eq!(entries[1]["runtime"], false);
    let reasons = entries[1]["reasons"].as_array().expect("reasons");
    assert!(reasons.iter().any(|r| r["kind"] == "missing_member" && r["member"] == "run"), "{reasons:?}");
}

#[test]
fn protocol_runtime_verdicts_follow_the_python_minor() {
    let file = source_file("protocol-minor", CODE);
    let proxy_on = |minor: &str| {
        let report = stdout_json(&predict(&["protocol", "--code", file.to_str().unwrap(), "--python-minor", minor]));
        report["entries"][2].clone()
    };
    // isinstance() falls back on __getattr__ up to 3.11 only; mypy takes it as Any either way.
    let (old, new) = (proxy_on("11"), proxy_on("14"));
    assert_eq!(
        (old["class"].as_str(), old["static"].as_bool(), old["runtime"].as_bool()),
        (Some("Proxy"), Some(true), Some(true))
    );
    assert_eq!((new["static"].as_bool(), new["runtime"].as_bool()), (Some(true), Some(false)));
}

#[test]
fn dispatch_prints_the_prediction_for_each_dispatcher() {
    let file = source_file("dispatch", CODE);
    let code = file.to_str().unwrap();
    let naive = stdout_json(&predict(&[
        "dispatch",
        "--code",
        code,
        "--handler",
        "handle",
        "--payload",
        r#"{"user_id": "7", "extra": 1}"#,
    ]));
    assert_eq!(naive["outcome"], "ok");
    assert_eq!(naive["error"], Value::Null);
    assert_eq!(naive["arguments"], serde_json::json!({"user_id": "7"}));
    assert_eq!(naive["dropped"], serde_json::json!(["extra"]));
    assert_eq!(naive["qualname"], "handle");

    let strict = stdout_json(&predict(&[
        "dispatch",
        "--code",
        code,
        "--handler",
        "handle",
        "--payload",
        r#"{"user_id": "7"}"#,
        "--dispatcher=strict",
    ]));
    assert_eq!(strict["outcome"], "ok");
    assert_eq!(strict["arguments"], serde_json::json!({"user_id": 7}));
    assert_eq!(strict["defaulted"], serde_json::json!(["verbose"]));
}

#[test]
fn dispatch_error_lines_follow_the_python_minor() {
    let file = source_file("minor", CODE);
    let code = file.to_str().unwrap();
    let error_on = |minor: &str| {
        // The naive dispatcher passes `values=[1]`: the name is a parameter, but a `*` one.
        let args = [
            "dispatch",
            "--code",
            code,
            "--handler",
            "gather",
            "--payload",
            r#"{"values": [1]}"#,
            "--python-minor",
            minor,
        ];
        let prediction = stdout_json(&predict(&args));
        assert_eq!(prediction["outcome"], "error");
        prediction["error"].as_str().unwrap().to_string()
    };
    let unexpected = "TypeError: gather() got an unexpected keyword argument 'values'";
    assert_eq!(error_on("11"), unexpected);
    assert_eq!(error_on("14"), format!("{unexpected}. Did you mean 'value'?"));
}

#[test]
fn a_syntax_error_is_reported_at_its_position_with_status_1() {
    let file = source_file("syntax", "def broken(:\n    pass\n");
    let output = predict(&["protocol", "--code", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    let expected_prefix = format!("{}:1:12: SyntaxError: ", file.display());
    assert!(message.starts_with(&expected_prefix), "{message}");
    assert_eq!(message.trim_end().lines().count(), 1, "{message}");
}

#[test]
fn usage_errors_exit_with_status_2_and_the_usage() {
    let file = source_file("usage", CODE);
    let code = file.to_str().unwrap();
    let cases: [(&[&str], &str); 6] = [
        (&["protocol", "--code", "/nonexistent/handlers.py"], "error: --code /nonexistent/handlers.py: "),
        (
            &["dispatch", "--code", code, "--handler", "handle", "--payload", "{not json"],
            "error: --payload is not JSON: ",
        ),
        (
            &["dispatch", "--code", code, "--handler", "missing", "--payload", "{}"],
            "error: no handler named missing in the code",
        ),
        (&["protocol", "--code", code, "--verbose"], "error: unknown flag --verbose"),
        (
            &["dispatch", "--code", code, "--handler", "handle", "--payload", "{}", "--dispatcher", "lazy"],
            "error: --dispatcher \"lazy\"",
        ),
        (
            &["protocol", "--code", code, "--handler", "handle"],
            "error: --handler is only for `playground predict dispatch`",
        ),
    ];
    for (args, expected) in cases {
        let output = predict(args);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {message}");
        assert!(message.starts_with(expected), "{args:?}: {message}");
        assert!(message.contains("usage: playground predict"), "{args:?}: {message}");
        assert!(output.stdout.is_empty(), "{args:?}");
    }
}
