//! The Annotated page's one Run confirms both labs: `lab::Both` of the metadata pipeline lab and
//! the pydantic lab, on the page's own example (a function the pipeline validates and pydantic
//! models), run through the page's runner on the venv's python (where pydantic is installed). Both
//! labs' facts are judged from the one report. PLAYGROUND_SKIP_PYTHON=1 skips.

use std::path::{Path, PathBuf};

use annotated::{AnnotatedInput, AnnotatedLab};
use cpython_truth::{Expected, Truth};
use lab::{Both, BothInput};
use pydantic_model::{Mode, PydanticInput, PydanticLab};

type Page = Both<AnnotatedLab, PydanticLab>;

fn venv_python() -> PathBuf {
    std::env::var("PLAYGROUND_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/py-venv"))
        .join("bin/python")
}

#[test]
fn one_run_confirms_the_pipeline_and_pydantic() {
    if std::env::var("PLAYGROUND_SKIP_PYTHON").as_deref() == Ok("1") {
        eprintln!("PLAYGROUND_SKIP_PYTHON=1: the page suite is skipped");
        return;
    }
    let python = venv_python();
    assert!(python.exists(), "no venv: run crates/pydantic-model/tests/setup-pydantic.sh");
    let Some(truth) = Truth::program("annotated page", python.to_string_lossy().into_owned()) else { return };
    let code = include_str!("../../../src/examples/annotated.py").to_owned();
    let inputs = [
        (r#"{"name": "al", "age": -4, "password": "hunter2"}"#, Mode::Lax),
        (r#"{"name": "ada", "age": "36", "password": "correct horse"}"#, Mode::Lax),
        (r#"{"name": "ada", "age": "36", "password": "correct horse"}"#, Mode::Strict),
    ];
    let cases: Vec<cpython_truth::Case<Page>> = inputs
        .iter()
        .map(|(input, mode)| cpython_truth::Case {
            name: format!("the page's example, {input} {mode:?}"),
            code: code.clone(),
            input: BothInput {
                first: AnnotatedInput::default(),
                second: PydanticInput { target: "Account".into(), input: (*input).into(), mode: *mode },
            },
        })
        .collect();
    let outcomes = cpython_truth::check_corpus(&truth, &cases, Expected { cases: 3, checked: 61, declined: 0 });
    for outcome in &outcomes {
        let checks = &outcome.comparison.checks;
        assert!(checks.iter().any(|c| c.subject == "name: messages" && c.agrees()), "the pipeline's facts are judged");
        assert!(checks.iter().any(|c| c.subject == "pydantic: valid" && c.agrees()), "pydantic's facts are judged");
        assert!(checks.iter().any(|c| c.subject == "pydantic: json_schema.properties.password" && c.agrees()));
    }
    let first = outcomes[0].prediction.second.as_ref().unwrap();
    let errors: Vec<String> =
        first.errors.as_ref().unwrap().iter().zip(&first.error_locs).map(|(e, loc)| e.line(loc)).collect();
    assert_eq!(
        errors,
        [
            "('name',) string_too_short: String should have at least 3 characters",
            "('age',) greater_than_equal: Input should be greater than or equal to 0",
            "('password',) string_too_short: String should have at least 8 characters",
        ]
    );
    assert_eq!(first.ignored.len(), 2, "the string tags are ignored by pydantic: {:?}", first.ignored);
    assert_eq!(outcomes[1].prediction.second.as_ref().unwrap().valid, Some(true));
    assert_eq!(outcomes[2].prediction.second.as_ref().unwrap().errors.as_ref().unwrap()[0].kind, "int_type");
}
