//! `playground predict LAB`: prints a lab model's prediction as JSON, the same prediction the
//! page shows. Every lab goes through the lab contract ([`lab::Lab`]) and one generic
//! function, [`run`]: the subcommands differ only in how their flags become the lab's input.

use crate::args::{usage_error, PredictArgs, PredictLab};
use crate::CliError;
use lab::{Code, Lab};
use std::any::Any;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;

pub fn main(args: PredictArgs) -> Result<(), CliError> {
    match args.lab {
        PredictLab::Protocol { code, minor } => {
            run::<conformance::ProtocolLab>("protocol", Some(&code.code), &(), minor.python_minor)
        }
        PredictLab::Dispatch { code, handler, payload, dispatcher, minor } => {
            check_json::<dispatch::DispatchLab>("--payload", &payload)?;
            // The rest of the input (whether the probe times the call) does not change the prediction.
            let input =
                dispatch::DispatchInput { handler, payload, dispatcher: dispatcher.into(), ..Default::default() };
            run::<dispatch::DispatchLab>("dispatch", Some(&code.code), &input, minor.python_minor)
        }
        PredictLab::Annotated { code, function, values, target: Some(target), input, mode, minor } => {
            debug_assert!(function.is_none() && values.is_none(), "clap keeps the two uses apart");
            let input = pydantic_model::PydanticInput {
                target,
                input: input.unwrap_or_else(|| "{}".into()),
                mode: mode.map(Into::into).unwrap_or_default(),
            };
            if let Err(problem) = pydantic_model::parse_json(&input.input) {
                return Err(usage_error(&["predict", "annotated"], format!("--input: {problem}")).into());
            }
            run::<pydantic_model::PydanticLab>("annotated", Some(&code.code), &input, minor.python_minor)
        }
        PredictLab::Annotated { code, function, values, minor, .. } => {
            let (Some(function), Some(values)) = (function, values) else {
                return Err(usage_error(&["predict", "annotated"], "give --function and --values, or --target").into());
            };
            check_json::<annotated::AnnotatedLab>("--values", &values)?;
            let input = annotated::AnnotatedInput { function, values };
            run::<annotated::AnnotatedLab>("annotated", Some(&code.code), &input, minor.python_minor)
        }
        // The simulation follows reference counting, the same on every version the page offers.
        PredictLab::Finalize { code } => {
            let simulation =
                predicted::<lifetime::FinalizeLab>("finalize", Some(&code.code), &(), lab::PYODIDE_PYTHON_MINOR)?;
            print_json(finalize_report(&simulation)?)
        }
        // The freeze lab reads no code, and its closed form is the same for every version.
        PredictLab::Freeze { experiment } => {
            run::<cow::FreezeLab>("freeze", None, &experiment.input(), lab::PYODIDE_PYTHON_MINOR)
        }
    }
}

/// Prints `L`'s prediction (asked for by `playground predict SUBCOMMAND`) for the code in
/// `code_file` (empty code when the lab reads none) and `input` on CPython 3.`python_minor`, as pretty JSON written through `serde_json::Value`
/// as before the contract (its keys in the structs' order while serde_json's `preserve_order`
/// feature is on, as the dispatch crate turns it on; alphabetical otherwise).
fn run<L: Lab>(subcommand: &str, code_file: Option<&Path>, input: &L::Input, python_minor: u8) -> Result<(), CliError> {
    let prediction = predicted::<L>(subcommand, code_file, input, python_minor)?;
    print_json(serde_json::to_value(&prediction).map_err(unwritable)?)
}

/// `L`'s prediction for the code in `code_file` (empty code when the lab reads none).
fn predicted<L: Lab>(
    subcommand: &str,
    code_file: Option<&Path>,
    input: &L::Input,
    python_minor: u8,
) -> Result<L::Prediction, CliError> {
    let code = match code_file {
        Some(path) => read_code(subcommand, path)?,
        None => Code::parse("").expect("empty code parses"),
    };
    guarded(L::NAME, || L::predict(&code, input, python_minor))?
        .map_err(|problem| usage_error(&["predict", subcommand], problem).into())
}

/// The finalize lab's simulation, with the program's ending said the way a script's run says
/// it: `lines` (stdout, exit included; the same as `output`, which stays for older readers) and
/// `error`, CPython's last traceback line or null (the simulation's own `error`, with
/// `error_line` where the traceback ends). Printed lines and the error show each address as `0x…`
/// (`lifetime::shown_line`).
fn finalize_report(simulation: &lifetime::Simulation) -> Result<serde_json::Value, CliError> {
    let mut shown = simulation.clone();
    shown.output = shown.output.iter().map(|line| lifetime::shown_line(line)).collect();
    shown.error = shown.error.as_deref().map(lifetime::shown_line);
    for step in &mut shown.steps {
        step.printed = step.printed.iter().map(|line| lifetime::shown_line(line)).collect();
    }
    let mut report = serde_json::to_value(&shown).map_err(unwritable)?;
    report["lines"] = serde_json::json!(shown.output);
    Ok(report)
}

fn print_json(value: serde_json::Value) -> Result<(), CliError> {
    println!("{}", serde_json::to_string_pretty(&value).map_err(unwritable)?);
    Ok(())
}

fn unwritable(error: serde_json::Error) -> CliError {
    CliError::failed(format!("cannot write the prediction: {error}"))
}

/// The file at `path`, parsed once. A syntax error is a finding about the file, not a misuse of
/// the command, so it is reported like a compiler's diagnostic with its own exit status (1,
/// where usage errors exit with 2).
fn read_code(subcommand: &str, path: &Path) -> Result<Code, CliError> {
    let source = std::fs::read_to_string(path)
        .map_err(|error| usage_error(&["predict", subcommand], format!("--code {}: {error}", path.display())))?;
    Code::parse(&source).map_err(|error| {
        let kind = if error.unread { "not predicted" } else { "SyntaxError" };
        eprintln!("{}:{}:{}: {kind}: {}", path.display(), error.line, error.column, error.message);
        CliError::Reported { status: 1 }
    })
}

/// A usage error unless `text`, the value of `flag`, is JSON.
fn check_json<L: Lab>(flag: &str, text: &str) -> Result<(), CliError> {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(_) => Ok(()),
        Err(error) => Err(usage_error(&["predict", L::NAME], format!("{flag} is not JSON: {error}")).into()),
    }
}

/// Runs `model`, turning a panic into `error: the LAB lab failed on this input: MESSAGE` with
/// exit status 3 instead of a crash.
///
/// This works where panics unwind (the dev and test profiles). The release profile has
/// `panic = "abort"`: nothing unwinds to `catch_unwind`, and the process aborts (SIGABRT) right
/// after the panic hook runs, so there the hook prints the same message before the abort.
fn guarded<T>(lab: &'static str, model: impl FnOnce() -> T) -> Result<T, CliError> {
    let previous = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        if cfg!(panic = "abort") {
            eprintln!("error: {}", failure(lab, info.payload()));
        }
    }));
    let result = panic::catch_unwind(AssertUnwindSafe(model));
    panic::set_hook(previous);
    result.map_err(|payload| CliError::Failed { message: failure(lab, payload.as_ref()), status: 3 })
}

fn failure(lab: &str, payload: &(dyn Any + Send)) -> String {
    let message = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(a panic without a message)");
    format!("the {lab} lab failed on this input: {message}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_model_is_an_error_with_status_3() {
        let error = guarded("dispatch", || -> u32 { panic!("index {} out of range", 7) }).unwrap_err();
        match error {
            CliError::Failed { message, status } => {
                assert_eq!(message, "the dispatch lab failed on this input: index 7 out of range");
                assert_eq!(status, 3);
            }
            other => panic!("not a failure: {other:?}"),
        }
        let error = guarded("freeze", || std::panic::panic_any(42)).unwrap_err();
        assert!(matches!(error, CliError::Failed { message, .. } if message.ends_with("(a panic without a message)")));
        assert!(matches!(guarded("finalize", || 5), Ok(5)));
    }
}
