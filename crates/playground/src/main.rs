//! `playground`, the native companion of Pattern Playground: it runs the `gc.freeze()`
//! experiment with real CPython (a browser cannot fork), serves the built app with the
//! headers it needs, and prints the labs' predictions.
//!
//! The command line is declared in `args` (clap); each subcommand is a module with
//! `main(ItsArgs) -> Result<(), CliError>`.

mod args;
mod experiment;
mod freeze;
mod predict;
mod progress;
mod serve;
mod signals;
mod smaps;

use args::{Cli, Command};
use clap::{CommandFactory, Parser};
use experiment::ExperimentError;
use std::process::ExitCode;

/// Why a subcommand stopped, and so what it prints and its exit status.
#[derive(Debug)]
pub enum CliError {
    /// A misuse of the command: clap's message and the subcommand's usage, status 2.
    Usage(clap::Error),
    /// `error: MESSAGE` alone, with `status` (2 for a failed experiment or an unusable
    /// input, 3 for a model that failed).
    Failed { message: String, status: u8 },
    /// Already printed (a syntax error is one compiler-style line): exit with `status`.
    Reported { status: u8 },
}

impl CliError {
    pub fn failed(message: impl Into<String>) -> CliError {
        CliError::Failed { message: message.into(), status: 2 }
    }
}

impl From<ExperimentError> for CliError {
    fn from(error: ExperimentError) -> CliError {
        CliError::failed(error.0)
    }
}

impl From<clap::Error> for CliError {
    fn from(error: clap::Error) -> CliError {
        CliError::Usage(error)
    }
}

fn main() -> ExitCode {
    signals::install_handlers();
    // Usage errors exit 2 with the message and usage on stderr; --help and --version exit 0.
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Freeze(args) => freeze::main(args),
        Command::Serve(args) => serve::main(args),
        Command::Predict(args) => predict::main(args),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "playground", &mut std::io::stdout());
            Ok(())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError::Usage(error)) => {
            let _ = error.print();
            ExitCode::from(2)
        }
        Err(CliError::Failed { message, status }) => {
            eprintln!("error: {message}");
            ExitCode::from(status)
        }
        Err(CliError::Reported { status }) => ExitCode::from(status),
    }
}
