//! The command line, declared with clap's derive: every subcommand, flag and default.

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use cow::Workload;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "playground",
    version,
    about = "The native companion of Pattern Playground: the gc.freeze() experiment with real CPython, \
             the app's server, and the labs' predictions from the command line.",
    subcommand_required = true,
    arg_required_else_help = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Measure what gc.freeze() saves in forked CPython workers
    Freeze(FreezeArgs),
    /// Serve the built app (and the freeze API) on 127.0.0.1
    Serve(ServeArgs),
    /// Print a lab's prediction as JSON (protocol, dispatch, annotated, finalize, freeze)
    Predict(PredictArgs),
    /// Print a shell completion script for playground on stdout
    #[command(
        after_help = "For example: playground completions bash > ~/.local/share/bash-completion/completions/playground"
    )]
    Completions {
        /// The shell to complete in
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// The experiment's size and workloads, shared by `freeze` and `predict freeze`.
#[derive(Debug, Args)]
pub struct ExperimentArgs {
    /// Heap the master builds before forking, in MB
    #[arg(long, value_name = "N", default_value_t = cow::DEFAULT_HEAP_MB)]
    pub heap_mb: u32,
    /// Forked workers
    #[arg(long, value_name = "N", default_value_t = cow::DEFAULT_WORKERS)]
    pub workers: u32,
    /// What each worker does, repeatable: nothing | read-all | read-fraction[:f] | requests |
    /// requests+read-all | requests+read-fraction[:f] (f is a decimal or 1/N, default 1/32)
    #[arg(long = "workload", value_name = "W", default_values_t = [cow::DEFAULT_WORKLOAD])]
    pub workloads: Vec<Workload>,
}

impl ExperimentArgs {
    pub fn input(&self) -> cow::FreezeInput {
        cow::FreezeInput { heap_mb: self.heap_mb, workers: self.workers, workloads: self.workloads.clone() }
    }
}

#[derive(Debug, Args)]
pub struct FreezeArgs {
    /// Interpreter to measure, repeatable
    #[arg(long = "python", value_name = "PATH", default_value = "python3")]
    pub pythons: Vec<String>,
    #[command(flatten)]
    pub experiment: ExperimentArgs,
    /// Fresh interpreters per configuration, at least 3
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub runs: u32,
    /// What to print on stdout
    #[arg(long, value_name = "F", value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Also write the JSON report to PATH
    #[arg(long, value_name = "PATH")]
    pub json: Option<PathBuf>,
    /// No progress on stderr
    #[arg(long)]
    pub no_progress: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The savings as a text table
    Table,
    /// The whole report as JSON
    Json,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The built app
    #[arg(long, value_name = "DIR", default_value = "dist")]
    pub dist: PathBuf,
    /// Port on 127.0.0.1, 0 for any free one
    #[arg(long, value_name = "N", default_value_t = 8080)]
    pub port: u16,
    /// An interpreter the freeze API may use, repeatable (the first is its default)
    #[arg(long = "python", value_name = "PATH", default_value = "python3")]
    pub pythons: Vec<String>,
}

#[derive(Debug, Args)]
#[command(
    subcommand_required = true,
    arg_required_else_help = true,
    after_help = "A syntax error in the --code FILE is printed as FILE:LINE:COL: SyntaxError: message (exit status 1); \
                  a problem with the input exits with status 2, a model that fails on it with status 3."
)]
pub struct PredictArgs {
    #[command(subcommand)]
    pub lab: PredictLab,
}

#[derive(Debug, Subcommand)]
pub enum PredictLab {
    /// Which classes satisfy which Protocols, for mypy and for isinstance()
    Protocol {
        #[command(flatten)]
        code: CodeArgs,
        #[command(flatten)]
        minor: MinorArgs,
    },
    /// What a dispatcher does when it calls a handler with a JSON payload
    Dispatch {
        #[command(flatten)]
        code: CodeArgs,
        /// A function `f`, a class `C` or a method `C.m` in the code
        #[arg(long, value_name = "NAME")]
        handler: String,
        /// The JSON object the dispatcher is given
        #[arg(long, value_name = "JSON")]
        payload: String,
        /// How the dispatcher passes the payload
        #[arg(long, value_enum, default_value_t = DispatcherArg::Naive)]
        dispatcher: DispatcherArg,
        #[command(flatten)]
        minor: MinorArgs,
    },
    /// What a metadata-reading validator and get_type_hints do with a function's Annotated
    /// parameters (--function, --values), or what pydantic does with a JSON input (--target,
    /// --input, --mode)
    #[command(group(clap::ArgGroup::new("pipeline").args(["function", "values"]).multiple(true).conflicts_with("pydantic")))]
    #[command(group(clap::ArgGroup::new("pydantic").args(["target", "input", "mode"]).multiple(true)))]
    Annotated {
        #[command(flatten)]
        code: CodeArgs,
        /// The function in the code to call
        #[arg(long, value_name = "NAME", requires = "values", required_unless_present = "target")]
        function: Option<String>,
        /// The JSON object of the values it is called with
        #[arg(long, value_name = "JSON", requires = "function")]
        values: Option<String>,
        /// The pydantic model, dataclass, TypedDict or validate_call function to validate against
        #[arg(long, value_name = "NAME")]
        target: Option<String>,
        /// The JSON input pydantic validates (with --target; default {})
        #[arg(long, value_name = "JSON", requires = "target")]
        input: Option<String>,
        /// pydantic's mode (with --target)
        #[arg(long, value_enum, requires = "target")]
        mode: Option<ModeArg>,
        #[command(flatten)]
        minor: MinorArgs,
    },
    /// When the program's objects die and its weakref.finalize callbacks run
    Finalize {
        #[command(flatten)]
        code: CodeArgs,
    },
    /// The freeze report the simulator predicts for `playground freeze` with these options
    Freeze {
        #[command(flatten)]
        experiment: ExperimentArgs,
    },
}

#[derive(Debug, Args)]
pub struct CodeArgs {
    /// The Python source to model
    #[arg(long, value_name = "FILE")]
    pub code: PathBuf,
}

#[derive(Debug, Args)]
pub struct MinorArgs {
    /// Predict for CPython 3.N (default: the page's Pyodide)
    #[arg(long, value_name = "N", default_value_t = lab::PYODIDE_PYTHON_MINOR)]
    pub python_minor: u8,
}

/// pydantic's validation mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ModeArg {
    /// pydantic's default: coerces numeric strings, 1.0 for an int, "yes" for a bool, ...
    Lax,
    /// No coercion: each JSON type only where pydantic's strict mode takes it
    Strict,
}

impl From<ModeArg> for pydantic_model::Mode {
    fn from(mode: ModeArg) -> pydantic_model::Mode {
        match mode {
            ModeArg::Lax => pydantic_model::Mode::Lax,
            ModeArg::Strict => pydantic_model::Mode::Strict,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DispatcherArg {
    /// Passes every payload key that names a parameter, as is
    Naive,
    /// Converts the values to the annotated types and checks the required ones
    Strict,
}

impl From<DispatcherArg> for dispatch::Dispatcher {
    fn from(dispatcher: DispatcherArg) -> dispatch::Dispatcher {
        match dispatcher {
            DispatcherArg::Naive => dispatch::Dispatcher::Naive,
            DispatcherArg::Strict => dispatch::Dispatcher::Strict,
        }
    }
}

/// A usage error found after parsing (a file that cannot be read, a payload that is not
/// JSON), worded like clap's own: `error: MESSAGE`, then the usage of `subcommand` (the path
/// below `playground`, e.g. `["predict", "dispatch"]`).
pub fn usage_error(subcommand: &[&str], message: impl std::fmt::Display) -> clap::Error {
    let mut command = Cli::command();
    command.build();
    let mut command = &mut command;
    for name in subcommand {
        command = command.find_subcommand_mut(name).expect("a declared subcommand");
    }
    command.error(clap::error::ErrorKind::ValueValidation, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(words: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("playground").chain(words.iter().copied()))
    }

    #[test]
    fn the_declaration_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn freeze_reads_flags_with_separate_and_inline_values_and_defaults() {
        let Ok(Cli { command: Command::Freeze(args) }) = parse(&["freeze", "--heap-mb", "20", "--workers=2"]) else {
            panic!("freeze parses")
        };
        assert_eq!((args.experiment.heap_mb, args.experiment.workers, args.runs), (20, 2, 3));
        assert_eq!(args.experiment.workloads, [cow::DEFAULT_WORKLOAD]);
        assert_eq!(args.pythons, ["python3"]);
        assert_eq!((args.format, args.json, args.no_progress), (Format::Table, None, false));
    }

    #[test]
    fn repeated_flags_replace_the_default() {
        let Ok(Cli { command: Command::Freeze(args) }) =
            parse(&["freeze", "--workload", "read-all", "--workload=requests+read-fraction:1/8", "--python", "a"])
        else {
            panic!("freeze parses")
        };
        let names: Vec<String> = args.experiment.workloads.iter().map(Workload::to_string).collect();
        assert_eq!(names, ["read-all", "requests+read-fraction:1/8"]);
        assert_eq!(args.pythons, ["a"]);
    }

    #[test]
    fn rejects_values_where_none_belong_and_missing_or_wrong_ones() {
        for words in [
            &["freeze", "--no-progress=yes"][..],
            &["freeze", "--runs"],
            &["freeze", "--runs", "many"],
            &["freeze", "--workload", "everything"],
            &["freeze", "extra"],
            &["predict", "dispatch", "--code", "f.py", "--handler", "h"],
        ] {
            let error = parse(words).expect_err(&format!("{words:?} is refused"));
            assert_eq!(error.exit_code(), 2, "{words:?}");
        }
    }

    #[test]
    fn usage_errors_carry_the_subcommands_usage() {
        let error = usage_error(&["predict", "dispatch"], "--payload is not JSON: EOF").to_string();
        assert!(error.starts_with("error: --payload is not JSON: EOF\n"), "{error}");
        assert!(error.contains("Usage: playground predict dispatch"), "{error}");
    }
}
