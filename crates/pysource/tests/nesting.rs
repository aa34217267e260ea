//! Brackets nested deeper than CPython's tokenizer allows: Ruff's parser reads such code, CPython
//! raises SyntaxError, so the model must too, at the same place, with the same message.

use std::process::Command;

/// CPython's (message, line, column) for compiling `code`, or None where it compiles.
fn cpython_syntax_error(code: &str) -> Option<(String, usize, usize)> {
    let script = "import json, sys\ntry:\n    compile(sys.stdin.read(), 's', 'exec')\n    print('null')\nexcept SyntaxError as e:\n    print(json.dumps([e.msg, e.lineno, e.offset]))\n";
    let mut child = Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3 runs");
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), code.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    serde_json::from_slice(&output.stdout).expect("the script prints JSON")
}

fn model_syntax_error(code: &str) -> Option<(String, usize, usize)> {
    pysource::Source::parse(code).err().map(|e| (e.message, e.line, e.column))
}

#[test]
fn two_hundred_levels_parse_and_the_next_bracket_is_a_syntax_error() {
    for (depth, line_before) in [(200, ""), (201, ""), (201, "x = [\n    1,\n]\n"), (7000, "")] {
        let code = format!("{line_before}y = {}1{}\n", "f(".repeat(depth), ")".repeat(depth));
        assert_eq!(model_syntax_error(&code), cpython_syntax_error(&code), "{depth} levels");
    }
    let mixed = format!("z = {}0{}\n", "([{".repeat(67), "}])".repeat(67));
    assert_eq!(model_syntax_error(&mixed), cpython_syntax_error(&mixed), "201 levels of three kinds");
}

#[test]
fn many_brackets_side_by_side_are_not_nested() {
    let code = "z = [".to_owned() + &"(1), ".repeat(500) + "]\n";
    assert_eq!(model_syntax_error(&code), None);
}
