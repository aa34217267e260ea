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

/// `predict dispatch` of `handle` in CODE with `payload`, and `extra` flags.
fn dispatch_handle(test: &str, payload: &str, extra: &[&str]) -> Value {
    let file = source_file(test, CODE);
    let mut args = vec!["dispatch", "--code", file.to_str().unwrap(), "--handler", "handle", "--payload", payload];
    args.extend_from_slice(extra);
    stdout_json(&predict(&args))
}

#[test]
fn dispatch_prints_the_prediction_for_each_dispatcher() {
    let naive = dispatch_handle("naive", r#"{"user_id": "7", "extra": 1}"#, &[]);
    assert_eq!(naive["outcome"], "ok");
    assert_eq!(naive["error"], Value::Null);
    assert_eq!(naive["arguments"], serde_json::json!({"user_id": "7"}));
    assert_eq!(naive["dropped"], serde_json::json!(["extra"]));
    assert_eq!(naive["qualname"], "handle");
    assert_eq!(dispatch_handle("naive-explicit", r#"{"user_id": "7", "extra": 1}"#, &["--dispatcher", "naive"]), naive);

    let strict = dispatch_handle("strict", r#"{"user_id": "7"}"#, &["--dispatcher=strict"]);
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
    let cases: [(&[&str], &str); 8] = [
        (&["protocol", "--code", "/nonexistent/handlers.py"], "error: --code /nonexistent/handlers.py: "),
        (
            &["dispatch", "--code", code, "--handler", "handle", "--payload", "{not json"],
            "error: --payload is not JSON: ",
        ),
        (
            &["dispatch", "--code", code, "--handler", "missing", "--payload", "{}"],
            "error: no handler named missing in the code",
        ),
        (&["protocol", "--code", code, "--verbose"], "error: unexpected argument '--verbose' found"),
        (
            &["dispatch", "--code", code, "--handler", "handle", "--payload", "{}", "--dispatcher", "lazy"],
            "error: invalid value 'lazy' for '--dispatcher <DISPATCHER>'",
        ),
        (&["protocol", "--code", code, "--handler", "handle"], "error: unexpected argument '--handler' found"),
        (
            &["dispatch", "--code", code, "--handler", "handle"],
            "error: the following required arguments were not provided",
        ),
        (&["annotated", "--code", code, "--function", "handle", "--values", "[1"], "error: --values is not JSON: "),
    ];
    for (args, expected) in cases {
        let output = predict(args);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {message}");
        assert!(message.starts_with(expected), "{args:?}: {message}");
        // clap's own message for a value outside a list names the list instead of the usage.
        let guide = if expected.contains("invalid value") {
            "[possible values: naive, strict]".to_string()
        } else {
            format!("Usage: playground predict {}", args[0])
        };
        assert!(message.contains(&guide), "{args:?}: {message}");
        assert!(message.trim_end().ends_with("For more information, try '--help'."), "{args:?}: {message}");
        assert!(output.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn a_wrong_flag_or_lab_is_refused_with_status_2() {
    for (args, expected) in [
        (&["protocol", "--cod", "x.py"][..], "error: unexpected argument '--cod' found"),
        (&["fortune", "--code", "x.py"], "error: unrecognized subcommand 'fortune'"),
        (&["freeze", "--code", "x.py"], "error: unexpected argument '--code' found"),
        (&["freeze", "--workload", "everything"], "error: invalid value 'everything' for '--workload <W>'"),
    ] {
        let output = predict(args);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {message}");
        assert!(message.starts_with(expected), "{args:?}: {message}");
        assert!(output.stdout.is_empty(), "{args:?}");
    }
    let output = predict(&[]);
    assert_eq!(output.status.code(), Some(2), "predict without a lab shows its help as an error");
    assert!(stderr(&output).contains("protocol") && stderr(&output).contains("freeze"), "{}", stderr(&output));
}

const ANNOTATED: &str = r#"from dataclasses import dataclass
from typing import Annotated


@dataclass(frozen=True)
class MinLen:
    n: int


class Secret:
    pass


def sign_up(name: Annotated[str, MinLen(3)], password: Annotated[str, MinLen(8), Secret()]) -> None:
    ...
"#;

#[test]
fn annotated_prints_what_the_validator_does_with_each_parameter() {
    let file = source_file("annotated", ANNOTATED);
    let code = file.to_str().unwrap();
    let args =
        ["annotated", "--code", code, "--function", "sign_up", "--values", r#"{"name": "al", "password": "hunter2"}"#];
    let prediction = stdout_json(&predict(&args));
    assert_eq!(prediction["function"], "sign_up");
    let params = prediction["params"].as_array().expect("params");
    let names: Vec<&str> = params.iter().map(|param| param["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["name", "password"]);
    assert_eq!(
        prediction["messages"],
        serde_json::json!(["name='al': shorter than 3", "password=***: shorter than 8"]),
        "{prediction:#}"
    );
    assert_eq!(prediction["error"], Value::Null);
    assert_eq!(prediction["missing"], serde_json::json!([]));

    let missing = stdout_json(&predict(&[
        "annotated",
        "--code",
        code,
        "--function",
        "sign_up",
        "--values",
        r#"{"name": "ada"}"#,
        "--python-minor",
        "12",
    ]));
    assert_eq!(missing["missing"], serde_json::json!(["password"]));

    let output = predict(&["annotated", "--code", code, "--function", "log_in", "--values", "{}"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).starts_with("error: "), "{}", stderr(&output));
}

const PYDANTIC: &str = r#"from typing import Annotated

from annotated_types import Gt
from pydantic import BaseModel


class Order(BaseModel):
    quantity: Annotated[int, Gt(0), "sensitive_data"]
    note: str = ""
"#;

#[test]
fn annotated_with_a_target_prints_what_pydantic_does() {
    let file = source_file("pydantic", PYDANTIC);
    let code = file.to_str().unwrap();
    let lax =
        stdout_json(&predict(&["annotated", "--code", code, "--target", "Order", "--input", r#"{"quantity": "0"}"#]));
    assert_eq!(lax["valid"], false);
    assert_eq!(
        lax["errors"],
        serde_json::json!([{"loc": ["quantity"], "type": "greater_than", "msg": "Input should be greater than 0"}])
    );
    assert_eq!(lax["json_schema"]["required"], serde_json::json!(["quantity"]));
    assert_eq!(lax["ignored"][0]["metadata"], "'sensitive_data'");
    let strict = stdout_json(&predict(&[
        "annotated",
        "--code",
        code,
        "--target",
        "Order",
        "--input",
        r#"{"quantity": "0"}"#,
        "--mode",
        "strict",
    ]));
    assert_eq!(strict["errors"][0]["type"], "int_type");
    let defaults = stdout_json(&predict(&["annotated", "--code", code, "--target", "Order"]));
    assert_eq!(defaults["errors"][0]["type"], "missing");

    for (args, expected) in [
        (
            &["--target", "Order", "--input", "{\"quantity\": }"][..],
            "error: --input: the input is not JSON: expected a value at character 14",
        ),
        (&["--target", "Missing"], "error: the code defines no class or function named Missing"),
        (&["--target", "Order", "--mode", "loose"], "error: invalid value 'loose' for '--mode <MODE>'"),
        (
            &["--target", "Order", "--function", "f", "--values", "{}"],
            "error: the argument '--function <NAME>' cannot be used with",
        ),
    ] {
        let output = predict(&[&["annotated", "--code", code], args].concat());
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", stderr(&output));
        assert!(stderr(&output).starts_with(expected), "{args:?}: {}", stderr(&output));
        assert!(output.stdout.is_empty(), "{args:?}");
    }
}

const FINALIZE: &str = r#"import weakref


class TempResource:
    def __init__(self, name: str):
        self.name = name
        self._finalizer = weakref.finalize(self, print, f"released {name}")


a = TempResource("a")
b = TempResource("b")
del a
print("after del a")
"#;

#[test]
fn finalize_prints_the_timeline_and_the_output() {
    let file = source_file("finalize", FINALIZE);
    let simulation = stdout_json(&predict(&["finalize", "--code", file.to_str().unwrap()]));
    assert_eq!(simulation["output"], serde_json::json!(["released a", "after del a", "released b"]), "{simulation:#}");
    assert_eq!(simulation["not_modelled"], Value::Null);
    let steps = simulation["steps"].as_array().expect("steps");
    let exit = steps.last().expect("the exit is a step");
    assert_eq!(exit["line"], Value::Null);
    assert_eq!(exit["printed"], serde_json::json!(["released b"]));
    assert_eq!(simulation["lines"], simulation["output"]);
    assert_eq!(simulation["error"], Value::Null);
}

#[test]
fn finalize_steps_carry_the_object_graph() {
    let code = "import gc\n\nclass Node:\n    pass\n\na = Node()\na.me = a\ndel a\ngc.collect()\nprint('done')\n";
    let file = source_file("finalize-graph", code);
    let report = stdout_json(&predict(&["finalize", "--code", file.to_str().unwrap()]));
    assert_eq!(report["lines"], serde_json::json!(["done"]));
    let steps = report["steps"].as_array().expect("steps");
    let orphaned = &steps[2];
    assert_eq!(orphaned["text"], "del a");
    assert_eq!(orphaned["names"], serde_json::json!([]));
    let node = &orphaned["objects"][0];
    assert_eq!((node["class"].as_str(), node["in_cycle"].as_bool()), (Some("Node"), Some(true)));
    assert_eq!(node["waiting_for_gc"], true);
    assert_eq!(orphaned["references"], serde_json::json!([{ "from": node["id"], "to": node["id"], "via": ".me" }]));
    assert_eq!(steps[3]["objects"], serde_json::json!([]), "gc.collect() freed the cycle");
}

#[test]
fn finalize_says_where_it_stopped_and_keeps_the_lines_before() {
    let file = source_file("finalize-stop", "print('first')\nprint(undefined_name)\nprint('never')\n");
    let report = stdout_json(&predict(&["finalize", "--code", file.to_str().unwrap()]));
    assert_eq!(report["lines"], serde_json::json!(["first"]));
    assert_eq!(report["not_modelled"]["line"], 2);
    assert!(report["not_modelled"]["reason"].as_str().unwrap().contains("undefined_name"), "{report:#}");
    assert_eq!(report["error"], Value::Null);
}

#[test]
fn finalize_shows_each_address_as_a_hole() {
    let code = "import weakref\n\nclass Node:\n    pass\n\nn = Node()\nprint(n, weakref.ref(n))\n";
    let file = source_file("finalize-address", code);
    let report = stdout_json(&predict(&["finalize", "--code", file.to_str().unwrap()]));
    let line = "<__main__.Node object at 0x…> <weakref at 0x…; to 'Node' at 0x…>";
    assert_eq!(report["lines"], serde_json::json!([line]), "{report:#}");
    assert_eq!(report["output"], report["lines"]);
    assert_eq!(report["steps"][1]["printed"], serde_json::json!([line]));
}

#[test]
fn freeze_prints_a_report_shaped_like_the_companions() {
    let output = Command::new(env!("CARGO_BIN_EXE_playground"))
        .args(["predict", "freeze", "--heap-mb", "100", "--workers", "2", "--workload", "requests"])
        .args(["--workload", "read-all"])
        .output()
        .unwrap();
    let report = stdout_json(&output);
    let mut keys: Vec<&str> = report.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["config", "machine", "results", "savings", "schema"]);
    assert_eq!(report["schema"], "pattern-playground/freeze-report/v1");
    assert_eq!(report["config"]["heap_mb"], 100);
    assert_eq!(report["config"]["workers"], 2);
    assert_eq!(report["config"]["workloads"], serde_json::json!(["requests", "read-all"]));
    assert_eq!(report["results"].as_array().unwrap().len(), 4);
    let savings = report["savings"].as_array().unwrap();
    assert_eq!(savings.len(), 2);
    let requests = &savings[0];
    assert_eq!((requests["python"].as_str(), requests["workload"].as_str()), (Some("simulator"), Some("requests")));
    let (off, on) = (requests["no_freeze_mb"].as_f64().unwrap(), requests["freeze_mb"].as_f64().unwrap());
    assert_eq!(on, 120.0, "frozen, requests copy nothing: the master, a 100 MB heap in a 20 MB interpreter");
    assert!((off - 120.0 * (1.0 + 2.0 * 0.475)).abs() < 1e-9, "{off}");
    assert!((requests["saved_percent"].as_f64().unwrap() - 100.0 * (off - on) / off).abs() < 1e-9);
    assert_eq!(savings[1]["saved_mb"], 0.0, "reading everything copies the same either way");
    // The same shape the browser loads as a measured report.
    assert!(cow::FreezeReport::from_json(&String::from_utf8_lossy(&output.stdout)).is_ok());

    let default = stdout_json(&predict(&["freeze"]));
    assert_eq!((default["config"]["heap_mb"].as_u64(), default["config"]["workers"].as_u64()), (Some(300), Some(4)));
    assert_eq!(default["config"]["workloads"], serde_json::json!(["requests"]));
}

#[test]
fn every_subcommand_has_help() {
    let playground = |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_playground")).args(args).output().unwrap();
    let cases: [(&[&str], &[&str]); 9] = [
        (&["--help"], &["freeze", "serve", "predict", "completions"]),
        (
            &["freeze", "--help"],
            &["--heap-mb", "--workers", "--workload", "--runs", "--format", "--json", "--no-progress", "--python"],
        ),
        (&["serve", "--help"], &["--dist", "--port", "--python"]),
        (&["predict", "--help"], &["protocol", "dispatch", "annotated", "finalize", "freeze", "SyntaxError"]),
        (&["predict", "protocol", "--help"], &["--code", "--python-minor"]),
        (&["predict", "dispatch", "--help"], &["--code", "--handler", "--payload", "--dispatcher", "naive", "strict"]),
        (
            &["predict", "annotated", "--help"],
            &["--code", "--function", "--values", "--target", "--input", "--mode", "--python-minor"],
        ),
        (&["predict", "finalize", "--help"], &["--code"]),
        (&["predict", "freeze", "--help"], &["--heap-mb", "--workers", "--workload", "[default: 300]"]),
    ];
    for (args, words) in cases {
        let output = playground(args);
        let help = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
        assert!(help.contains("Usage: playground"), "{args:?}: {help}");
        for word in words {
            assert!(help.contains(word), "{args:?} does not mention {word}: {help}");
        }
    }
    let output = playground(&["completions", "--help"]);
    assert!(output.status.success() && String::from_utf8_lossy(&output.stdout).contains("bash"));
}

#[test]
fn completions_print_a_script_for_the_shell() {
    let playground = |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_playground")).args(args).output().unwrap();
    let bash = playground(&["completions", "bash"]);
    assert!(bash.status.success(), "{}", stderr(&bash));
    let script = String::from_utf8_lossy(&bash.stdout);
    assert!(script.contains("_playground()"), "{script}");
    assert!(script.contains("complete -F _playground") && script.contains("playground"), "{script}");
    assert!(script.contains("--heap-mb") && script.contains("--python-minor"), "{script}");
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let output = playground(&["completions", shell]);
        assert!(output.status.success() && String::from_utf8_lossy(&output.stdout).contains("playground"), "{shell}");
    }
    let output = playground(&["completions", "tcsh"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).starts_with("error: invalid value 'tcsh'"), "{}", stderr(&output));
}
