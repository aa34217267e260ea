//! `playground freeze`: measures what gc.freeze() saves with real CPython and prints a table
//! and/or the JSON report.

use crate::args::{Format, FreezeArgs};
use crate::experiment::{self, Plan};
use crate::progress::ProgressStyle;
use crate::CliError;
use cow::FreezeReport;
use std::fmt::Write as _;
use std::fs;

pub fn main(args: FreezeArgs) -> Result<(), CliError> {
    let plan = Plan {
        pythons: args.pythons,
        heap_mb: args.experiment.heap_mb,
        workers: args.experiment.workers,
        workloads: args.experiment.workloads,
        runs: args.runs,
    };
    let machine = experiment::preflight(&plan)?;
    let style = ProgressStyle::for_stderr(!args.no_progress);
    let report = experiment::run(&plan, machine, &mut |progress| style.show(progress))?;
    if let Some(path) = args.json {
        fs::write(&path, report.to_json() + "\n")
            .map_err(|error| CliError::failed(format!("{}: {error}", path.display())))?;
    }
    match args.format {
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
