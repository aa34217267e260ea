//! The labs' worker: everything that reads the page's code. It parses the code once per
//! request, runs the chosen lab's model on that parse through the lab contract, and answers
//! with the prediction as plain data ([`lab::remote`]). The page's own wasm keeps only the
//! prediction types and their drawing, so Ruff's parser and the models load after the page
//! is usable, and run off the UI thread.

use lab::remote::{LabFault, PredictAnswer, PredictOutcome, PredictRequest};
use lab::{Code, Lab, PYODIDE_PYTHON_MINOR};

/// What a request with `fault` panics with.
pub const FAULT_PANIC: &str = "lab_fault=panic: the lab was asked to fail";

/// One lab as the worker serves it: its model, and the names its controls offer.
type Serve = fn(&Code, &PredictRequest) -> PredictOutcome;
type Names = fn(&Code) -> Vec<String>;

fn no_names(_: &Code) -> Vec<String> {
    Vec::new()
}

/// Every lab the page can ask for, by its contract name.
fn labs() -> [(&'static str, Serve, Names); 5] {
    [
        (conformance::ProtocolLab::NAME, serve::<conformance::ProtocolLab>, no_names),
        (dispatch::DispatchLab::NAME, serve::<dispatch::DispatchLab>, dispatch::handler_names),
        (AnnotatedPage::NAME, serve::<AnnotatedPage>, annotated_names),
        (lifetime::FinalizeLab::NAME, serve::<lifetime::FinalizeLab>, no_names),
        (cow::FreezeLab::NAME, serve::<cow::FreezeLab>, no_names),
    ]
}

/// The Annotated page's lab: the metadata pipeline and pydantic, under one Run.
type AnnotatedPage = lab::Both<annotated::AnnotatedLab, pydantic_model::PydanticLab>;

/// The Annotated page's choices, as Pyodide's CPython reads the code: the functions the pipeline
/// can call, then the pydantic targets, marked.
fn annotated_names(code: &Code) -> Vec<String> {
    let mut names = annotated::functions(code.module(), &code.source().statements(), PYODIDE_PYTHON_MINOR);
    let targets = pydantic_model::targets(code, PYODIDE_PYTHON_MINOR);
    names.extend(targets.into_iter().map(|t| format!("{}{t}", pydantic_model::TARGET_NAME_PREFIX)));
    names
}

/// One request's answer: one parse, then the lab's prediction and probe on it. A model that
/// panics panics here; the worker's caller turns that into a replaced worker.
pub fn answer(request: &PredictRequest) -> PredictAnswer {
    let seq = request.seq;
    let code = match Code::parse(&request.code) {
        Ok(code) => code,
        Err(error) => return PredictAnswer { seq, outcome: PredictOutcome::Syntax { error }, names: None },
    };
    match request.fault {
        Some(LabFault::Panic) => panic!("{FAULT_PANIC}"),
        // Spins like a model caught in an endless loop; the page's watchdog stops the worker.
        Some(LabFault::Hang) => loop {
            std::hint::spin_loop();
        },
        None => {}
    }
    match labs().into_iter().find(|(name, ..)| *name == request.lab) {
        Some((_, serve, names)) => PredictAnswer { seq, outcome: serve(&code, request), names: Some(names(&code)) },
        None => PredictAnswer {
            seq,
            outcome: PredictOutcome::Failed {
                message: format!("the labs' worker has no lab called {:?}", request.lab),
            },
            names: None,
        },
    }
}

fn serve<L: Lab>(code: &Code, request: &PredictRequest) -> PredictOutcome {
    let input: L::Input = match serde_json::from_value(request.input.clone()) {
        Ok(input) => input,
        Err(error) => return PredictOutcome::Failed { message: format!("the lab's input could not be read: {error}") },
    };
    match L::predict(code, &input, request.python_minor) {
        Ok(prediction) => {
            let probe = L::probe(code, &prediction, &input);
            match serde_json::to_string(&prediction) {
                Ok(prediction) => PredictOutcome::Ready { prediction, probe },
                Err(error) => {
                    PredictOutcome::Failed { message: format!("the prediction could not be written: {error}") }
                }
            }
        }
        Err(problem) => PredictOutcome::Input { problem },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(lab: &str, code: &str, input: serde_json::Value) -> PredictRequest {
        PredictRequest {
            seq: 7,
            lab: lab.into(),
            code: code.into(),
            input,
            python_minor: PYODIDE_PYTHON_MINOR,
            fault: None,
        }
    }

    #[test]
    fn a_prediction_comes_back_as_the_labs_own_prediction_with_its_probe() {
        let code = "from typing import Protocol\nclass P(Protocol):\n    def f(self) -> int: ...\nclass C:\n    def f(self) -> int:\n        return 1\n";
        let answer = answer(&request(conformance::ProtocolLab::NAME, code, serde_json::Value::Null));
        assert_eq!(answer.seq, 7);
        let PredictOutcome::Ready { prediction, probe } = answer.outcome else { panic!("{:?}", answer.outcome) };
        let direct = conformance::ProtocolLab::predict(&Code::parse(code).unwrap(), &(), PYODIDE_PYTHON_MINOR).unwrap();
        let read: <conformance::ProtocolLab as Lab>::Prediction = serde_json::from_str(&prediction).unwrap();
        assert_eq!(read, direct);
        assert!(probe.and_then(|p| p.python_source().map(str::to_owned)).is_some_and(|s| s.contains("isinstance")));
    }

    #[test]
    fn the_controls_names_come_from_the_same_parse() {
        let code = "def on_login(user: str) -> None: ...\ndef on_logout(user: str) -> None: ...\n";
        let input = serde_json::to_value(dispatch::DispatchInput::default()).unwrap();
        let answer = answer(&request(dispatch::DispatchLab::NAME, code, input));
        let names = answer.names.expect("the code parses");
        assert!(names.contains(&"on_login".to_owned()) && names.contains(&"on_logout".to_owned()), "{names:?}");
    }

    #[test]
    fn the_annotated_page_is_served_as_its_pair_with_pydantic_targets_marked() {
        let code = "from typing import Annotated\nfrom pydantic import BaseModel\n\n\
                    def greet(name: Annotated[str, 'tag']) -> None: ...\n\nclass User(BaseModel):\n    name: str\n";
        let input = serde_json::to_value(lab::BothInput {
            first: annotated::AnnotatedInput { function: "greet".into(), values: r#"{"name": "ada"}"#.into() },
            second: pydantic_model::PydanticInput {
                target: "User".into(),
                input: r#"{"name": 1}"#.into(),
                mode: pydantic_model::Mode::Lax,
            },
        })
        .unwrap();
        let answer = answer(&request(AnnotatedPage::NAME, code, input));
        assert_eq!(answer.names.unwrap(), ["greet", "pydantic:User"]);
        let PredictOutcome::Ready { prediction, .. } = answer.outcome else { panic!("{:?}", answer.outcome) };
        let read: <AnnotatedPage as Lab>::Prediction = serde_json::from_str(&prediction).unwrap();
        let pydantic = read.second.unwrap();
        assert_eq!((pydantic.valid, pydantic.errors.unwrap()[0].kind.as_str()), (Some(false), "string_type"));
    }

    #[test]
    fn code_that_does_not_parse_is_a_syntax_error_with_no_names() {
        let answer = answer(&request(conformance::ProtocolLab::NAME, "def broken(:\n", serde_json::Value::Null));
        let PredictOutcome::Syntax { error } = answer.outcome else { panic!("{:?}", answer.outcome) };
        assert_eq!(error.line, 1);
        assert_eq!(answer.names, None);
    }

    #[test]
    fn an_unknown_lab_or_an_unreadable_input_fails_with_a_message() {
        let unknown = answer(&request("nonesuch", "x = 1\n", serde_json::Value::Null));
        assert!(matches!(unknown.outcome, PredictOutcome::Failed { ref message } if message.contains("nonesuch")));
        let unreadable = answer(&request(dispatch::DispatchLab::NAME, "x = 1\n", serde_json::json!("not an input")));
        assert!(matches!(unreadable.outcome, PredictOutcome::Failed { ref message } if message.contains("input")));
    }

    #[test]
    #[should_panic(expected = "lab_fault=panic")]
    fn a_fault_request_panics() {
        let mut faulty = request(conformance::ProtocolLab::NAME, "x = 1\n", serde_json::Value::Null);
        faulty.fault = Some(LabFault::Panic);
        answer(&faulty);
    }
}
