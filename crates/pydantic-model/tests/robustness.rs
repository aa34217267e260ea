//! The model never panics on code or input it does not expect: every corpus file with each of
//! its lines left out, against every target it still has and a set of odd inputs, in both
//! modes, predicts or says why not (a decline names its line; an input problem says what).

use std::path::Path;

use lab::Code;
use pydantic_model::{predict, targets, Mode, PydanticInput};

const INPUTS: [&str; 12] = [
    "{}",
    "[]",
    "null",
    "\"x\"",
    "-0.0",
    "1e400",
    "123456789012345678901234567890123456789012345678901234567890",
    r#"{"name": "é😀", "age": "  1_0  ", "tags": [[[]]], "x": {"y": {"z": null}}}"#,
    r#"{"quantity": -1e308, "price": "nan", "count": "-inf", "flag": "T"}"#,
    r#"{"a": 1, "address": [], "pet": {"meow": 1.0, "bark": true}, "ids": [1.5]}"#,
    "{\"\": 1, \"\\u0000\": 2}",
    "not json",
];

#[test]
fn the_model_predicts_or_declines_and_never_panics() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<_> = std::fs::read_dir(&corpus).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let (mut predicted, mut declined, mut problems) = (0, 0, 0);
    for file in files {
        let code = std::fs::read_to_string(&file).unwrap();
        let lines: Vec<&str> = code.lines().collect();
        for skipped in 0..=lines.len() {
            let variant: String =
                lines.iter().enumerate().filter(|(i, _)| *i != skipped).map(|(_, l)| format!("{l}\n")).collect();
            let Ok(parsed) = Code::parse(&variant) else { continue };
            let mut names = targets(&parsed, 11);
            names.push("Missing".into());
            for target in &names {
                for input in INPUTS {
                    for mode in [Mode::Lax, Mode::Strict] {
                        let asked = PydanticInput { target: target.clone(), input: input.into(), mode };
                        match predict(&parsed, &asked, 11) {
                            Ok(prediction) => {
                                predicted += 1;
                                for decline in
                                    [&prediction.validation_declined, &prediction.schema_declined].into_iter().flatten()
                                {
                                    declined += 1;
                                    assert!(decline.to_string().starts_with("line "), "{}: {decline}", file.display());
                                }
                                assert_eq!(prediction.valid.is_some(), prediction.validation_declined.is_none());
                                assert_eq!(prediction.json_schema.is_some(), prediction.schema_declined.is_none());
                            }
                            Err(problem) => {
                                problems += 1;
                                assert!(!problem.0.is_empty());
                            }
                        }
                    }
                }
            }
        }
    }
    assert!(
        predicted > 5000 && declined > 0 && problems > 0,
        "{predicted} predicted, {declined} declined, {problems} problems"
    );
}
