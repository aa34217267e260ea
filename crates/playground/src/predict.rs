//! `playground predict`: prints a lab model's prediction for a Python file as JSON, the same
//! prediction the page shows: `protocol` prints the `conformance::check` report, `dispatch` the
//! `dispatch::DispatchPrediction`.

use crate::args::{Arg, Args, UsageError};
use crate::CliError;
use dispatch::Dispatcher;
use serde_json::Value;

pub const USAGE: &str = "\
usage: playground predict protocol --code FILE
       playground predict dispatch --code FILE --handler NAME --payload JSON [options]
  --code FILE         the Python source to model
  --handler NAME      dispatch: a function `f`, a class `C` or a method `C.m`
  --payload JSON      dispatch: the JSON object the dispatcher is given
  --dispatcher D      dispatch: naive | strict (default naive)
  --python-minor N    predict for CPython 3.N (default 14, the page's Pyodide)
A syntax error in FILE is printed as FILE:LINE:COL: SyntaxError: message (exit status 1).";

#[derive(Clone, Copy, PartialEq)]
enum Lab {
    Protocol,
    Dispatch,
}

struct Options {
    lab: Lab,
    code: String,
    handler: Option<String>,
    payload: Option<String>,
    dispatcher: Option<Dispatcher>,
    python_minor: Option<u8>,
}

pub fn main(args: Args) -> Result<(), CliError> {
    let Some(options) = parse(args)? else {
        println!("{USAGE}");
        return Ok(());
    };
    let source = std::fs::read_to_string(&options.code)
        .map_err(|error| UsageError(format!("--code {}: {error}", options.code)))?;
    let module = match pysource::parse(&source) {
        Ok(module) => module,
        Err(error) => exit_on_syntax_error(&options.code, &error),
    };
    let minor = options.python_minor.unwrap_or(dispatch::PYODIDE_PYTHON_MINOR);
    let prediction = match options.lab {
        Lab::Protocol => serde_json::to_value(conformance::check_on(&module, minor)),
        Lab::Dispatch => {
            let handler = options.handler.as_deref().ok_or_else(|| UsageError("dispatch needs --handler".into()))?;
            let payload = options.payload.as_deref().ok_or_else(|| UsageError("dispatch needs --payload".into()))?;
            let payload: Value =
                serde_json::from_str(payload).map_err(|error| UsageError(format!("--payload is not JSON: {error}")))?;
            let dispatcher = options.dispatcher.unwrap_or(Dispatcher::Naive);
            let prediction = dispatch::predict_on(&module, handler, &payload, dispatcher, minor)
                .map_err(|error| UsageError(error.to_string()))?;
            serde_json::to_value(prediction)
        }
    };
    let prediction = prediction.map_err(|error| CliError::Failed(format!("cannot write the prediction: {error}")))?;
    println!("{}", serde_json::to_string_pretty(&prediction).unwrap_or_default());
    Ok(())
}

/// A syntax error is a finding about the file, not a misuse of the command, so it is reported
/// like a compiler's diagnostic with its own exit status (1, where usage errors exit with 2).
fn exit_on_syntax_error(path: &str, error: &pysource::SyntaxError) -> ! {
    eprintln!("{path}:{}:{}: SyntaxError: {}", error.line, error.column, error.message);
    std::process::exit(1)
}

/// The options, or `None` when `--help` asks for the usage.
fn parse(mut args: Args) -> Result<Option<Options>, UsageError> {
    let mut lab = None;
    let mut code = None;
    let mut options = Options {
        lab: Lab::Protocol,
        code: String::new(),
        handler: None,
        payload: None,
        dispatcher: None,
        python_minor: None,
    };
    while let Some(arg) = args.next()? {
        match arg {
            Arg::Word(word) if lab.is_none() => {
                lab = Some(match word.as_str() {
                    "protocol" => Lab::Protocol,
                    "dispatch" => Lab::Dispatch,
                    other => return Err(UsageError(format!("unknown lab {other:?}: expected protocol or dispatch"))),
                })
            }
            Arg::Word(word) => return Err(UsageError(format!("unexpected argument {word:?}"))),
            Arg::Flag(flag) => match flag.as_str() {
                "code" => code = Some(args.value(&flag)?),
                "handler" => options.handler = Some(args.value(&flag)?),
                "payload" => options.payload = Some(args.value(&flag)?),
                "python-minor" => options.python_minor = Some(args.parsed(&flag)?),
                "dispatcher" => {
                    options.dispatcher = Some(match args.value(&flag)?.as_str() {
                        "naive" => Dispatcher::Naive,
                        "strict" => Dispatcher::Strict,
                        other => return Err(UsageError(format!("--dispatcher {other:?}: expected naive or strict"))),
                    })
                }
                "help" => return Ok(None),
                _ => return Err(UsageError(format!("unknown flag --{flag}"))),
            },
        }
    }
    options.lab = lab.ok_or_else(|| UsageError("no lab given: expected protocol or dispatch".into()))?;
    options.code = code.ok_or_else(|| UsageError("--code FILE is required".into()))?;
    if options.lab == Lab::Protocol {
        let dispatch_only = [
            ("handler", options.handler.is_some()),
            ("payload", options.payload.is_some()),
            ("dispatcher", options.dispatcher.is_some()),
        ];
        if let Some((flag, _)) = dispatch_only.iter().find(|(_, given)| *given) {
            return Err(UsageError(format!("--{flag} is only for `playground predict dispatch`")));
        }
    }
    Ok(Some(options))
}
