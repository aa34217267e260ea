//! `playground`, the native companion of Pattern Playground: it runs the `gc.freeze()`
//! experiment with real CPython (a browser cannot fork) and serves the built app with the
//! headers it needs.
//!
//! Each subcommand is a module with `main(Args) -> Result<(), CliError>`.

mod args;
mod experiment;
mod freeze;
mod predict;
mod progress;
mod serve;
mod signals;
mod smaps;

use args::{Args, UsageError};
use experiment::ExperimentError;
use std::process::ExitCode;

const USAGE: &str = "\
usage: playground <command> [options]
  freeze    measure what gc.freeze() saves in forked CPython workers
  serve     serve the built app (and the freeze API) on 127.0.0.1
  predict   print a lab's prediction (protocol, dispatch) for a Python file as JSON
run `playground <command> --help` for its options";

pub enum CliError {
    Usage(String),
    Failed(String),
}

impl From<UsageError> for CliError {
    fn from(error: UsageError) -> CliError {
        CliError::Usage(error.0)
    }
}

impl From<ExperimentError> for CliError {
    fn from(error: ExperimentError) -> CliError {
        CliError::Failed(error.0)
    }
}

fn main() -> ExitCode {
    signals::install_handlers();
    let mut args = std::env::args_os().skip(1);
    let command = args.next().and_then(|command| command.into_string().ok());
    let args = Args::new(args);
    let (result, usage) = match command.as_deref() {
        Some("freeze") => (freeze::main(args), freeze::USAGE),
        Some("serve") => (serve::main(args), serve::USAGE),
        Some("predict") => (predict::main(args), predict::USAGE),
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(other) => (Err(CliError::Usage(format!("unknown command {other:?}"))), USAGE),
        None => (Err(CliError::Usage("no command given".into())), USAGE),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError::Usage(message)) => {
            eprintln!("error: {message}\n\n{usage}");
            ExitCode::from(2)
        }
        Err(CliError::Failed(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}
