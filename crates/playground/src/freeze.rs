//! `playground freeze`: measures what gc.freeze() saves with real CPython and prints a table
//! and/or the JSON report.

use crate::args::{Arg, Args, UsageError};
use crate::experiment::{self, Plan};
use crate::progress::ProgressStyle;
use crate::CliError;
use cow::FreezeReport;
use std::fmt::Write as _;
use std::fs;

pub const USAGE: &str = "\
usage: playground freeze [options]
  --python PATH     interpreter to measure, repeatable (default: python3 on PATH)
  --heap-mb N       heap the master builds before forking, in MB (default 300)
  --workers N       forked workers (default 4)
  --workload W      repeatable: nothing | read-all | read-fraction[:f] | requests |
                    requests+read-all | requests+read-fraction[:f]  (default requests; f default 1/32)
  --runs N          fresh interpreters per configuration, at least 3 (default 3)
  --format F        table | json on stdout (default table)
  --json PATH       also write the JSON report to PATH
  --no-progress     no progress on stderr";

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Table,
    Json,
}

pub fn main(mut args: Args) -> Result<(), CliError> {
    let mut plan = Plan { pythons: Vec::new(), workloads: Vec::new(), ..Plan::default() };
    let (mut format, mut json_path, mut progress) = (Format::Table, None, true);
    while let Some(arg) = args.next()? {
        match arg {
            Arg::Flag(flag) => match flag.as_str() {
                "python" => plan.pythons.push(args.value(&flag)?),
                "heap-mb" => plan.heap_mb = args.parsed(&flag)?,
                "workers" => plan.workers = args.parsed(&flag)?,
                "workload" => plan.workloads.push(args.parsed(&flag)?),
                "runs" => plan.runs = args.parsed(&flag)?,
                "json" => json_path = Some(args.value(&flag)?),
                "no-progress" => progress = false,
                "format" => {
                    format = match args.value(&flag)?.as_str() {
                        "table" => Format::Table,
                        "json" => Format::Json,
                        other => return Err(UsageError(format!("--format {other:?}: expected table or json")).into()),
                    }
                }
                "help" => {
                    println!("{USAGE}");
                    return Ok(());
                }
                _ => return Err(UsageError(format!("unknown flag --{flag}")).into()),
            },
            Arg::Word(word) => return Err(UsageError(format!("unexpected argument {word:?}")).into()),
        }
    }
    let defaults = Plan::default();
    if plan.pythons.is_empty() {
        plan.pythons = defaults.pythons;
    }
    if plan.workloads.is_empty() {
        plan.workloads = defaults.workloads;
    }

    let machine = experiment::preflight(&plan)?;
    let style = ProgressStyle::for_stderr(progress);
    let report = experiment::run(&plan, machine, &mut |progress| style.show(progress))?;
    if let Some(path) = json_path {
        fs::write(&path, report.to_json() + "\n").map_err(|error| CliError::Failed(format!("{path}: {error}")))?;
    }
    match format {
        Format::Table => print!("{}", table(&report)),
        Format::Json => println!("{}", report.to_json()),
    }
    Ok(())
}

/// The savings as a text table: median total Pss with its range, per Python and workload.
pub fn table(report: &FreezeReport) -> String {
    let machine = &report.machine;
    let config = &report.config;
    let mut out = format!(
        "kernel {}, THP {}, {} cores; heap {} MB, {} workers, {} runs each; total Pss of master + workers\n\n",
        machine.kernel, machine.transparent_hugepage, machine.cores, config.heap_mb, config.workers, config.runs
    );
    let _ = writeln!(
        out,
        "{:<8} {:<28} {:>22} {:>22} {:>9} {:>7} {:>5}",
        "python", "workload", "no freeze MB (range)", "freeze MB (range)", "saved MB", "saved", "gen2"
    );
    for saving in &report.savings {
        let summary = |freeze| {
            report
                .result(&saving.python, saving.workload, freeze)
                .map(|result| {
                    let s = &result.summary;
                    format!("{:.0} ({:.0}-{:.0})", s.median_mb, s.min_mb, s.max_mb)
                })
                .unwrap_or_default()
        };
        // Fewest full collections any worker ran, the check that request workloads collected.
        let gen2 = report
            .result(&saving.python, saving.workload, false)
            .and_then(|result| {
                result.runs.iter().flat_map(|run| &run.processes).filter_map(|p| p.gen2_collections).min()
            })
            .unwrap_or(0);
        let _ = writeln!(
            out,
            "{:<8} {:<28} {:>22} {:>22} {:>9.1} {:>6.1}% {:>5}",
            saving.python,
            saving.workload.to_string(),
            summary(false),
            summary(true),
            saving.saved_mb,
            saving.saved_percent,
            gen2
        );
    }
    out
}
