//! Brackets and blocks nested deeper than CPython's tokenizer allows: Ruff's parser reads such
//! code, CPython raises SyntaxError (IndentationError for blocks), so the model must too, at the
//! same place, with the same message. And expressions nested deeper than the labs read.

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

#[test]
fn ninety_nine_levels_of_indentation_parse_and_the_hundredth_is_an_error() {
    for (levels, before) in [(99, ""), (100, ""), (100, "x = 1\n"), (150, "")] {
        let mut code = before.to_owned();
        for level in 0..levels {
            code += &format!("{}if x:\n", " ".repeat(level));
        }
        code += &format!("{}pass\n", " ".repeat(levels));
        assert_eq!(model_syntax_error(&code), cpython_syntax_error(&code), "{levels} levels");
    }
}

#[test]
fn an_expression_nested_past_what_the_labs_read_is_declined_not_a_crash() {
    // 3,000 attributes deep: CPython 3.11 and 3.12 refuse it (RecursionError), 3.13 runs it;
    // walking such chains, as every view of the code does, overflows the stack past some depth.
    for code in
        ["x = 1\nprint(x".to_owned() + &".real".repeat(3_000) + ")\n", "y = ".to_owned() + &"-".repeat(3_000) + "1\n"]
    {
        let error = pysource::Source::parse(&code).expect_err("declined");
        assert!(error.unread, "{error:?}");
        assert_eq!(error.line, if code.starts_with('x') { 2 } else { 1 });
        assert!(error.message.contains("nested more than 300 deep"), "{}", error.message);
    }
}
