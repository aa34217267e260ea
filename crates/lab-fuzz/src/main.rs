//! lab-fuzz: its one job is to fuzz every lab model through the lab contract and fail on a
//! panic, a hang, or a prediction slower than 50 ms on an input up to 20 KB.
//!
//! `cargo run -p lab-fuzz --profile fuzz -- --lab <protocol|dispatch|annotated|finalize|freeze|all>
//! --seconds N [--seed S]`; `--lab L --seed S --case K` replays one case, and
//! `--lab L --reproduce target/fuzz-findings/L-N.json` runs a reproducer.
//!
//! # Why a home-made fuzzer
//! cargo-fuzz needs a nightly toolchain, which the project does not use, and proptest's
//! shrinking and case counts are built for properties that run in a fixed number of cases, not
//! for "as many as fit in N seconds". So this is a small, time-bounded, seeded mutation fuzzer
//! with no dependencies: the seeds are read from the workspace at run time (the suites' corpora
//! and cases, the page's examples), mutated at line, token and character level, mixed with
//! generated programs and random text ([`python`]), and every case is a pure function of
//! (seed, lab, case number) ([`rng`]), so any finding replays with `--seed S --case K` alone.
//!
//! # What a case does
//! One target per lab ([`target::Target`], implemented in [`labs`]): `Code::parse` (counted,
//! and itself fuzzed), `Lab::predict` (timed), `Lab::probe`, and `Lab::compare` against a
//! real-looking report and garbage ones ([`json::reports`]), all under `catch_unwind`. A case
//! over 2 s is a hang ([`watchdog`]). A process that dies anyway (a stack overflow aborts) is
//! caught by the supervisor: the fuzzing runs in a child process that tells its parent each
//! case number, and the parent regenerates the fatal case into a reproducer.
//!
//! A prediction over 50 ms is timed twice more and only the fastest of the three counts: the
//! cores are shared, and the budget is the model's, not the scheduler's.
//!
//! Findings are written to `target/fuzz-findings/<lab>-<n>.py` and `.json`; exit status 1.
//! The release profile aborts on panic, so this runs under `[profile.fuzz]` (unwinding).
//!
//! Environment, for tuning and triage: `LAB_FUZZ_DUMP=DIR` writes each lab's first 300 cases
//! there, and `LAB_FUZZ_PROBLEMS=1` prints every input problem.

mod finding;
mod json;
mod labs;
mod python;
mod rng;
mod seeds;
mod target;
mod watchdog;

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Command, ExitCode, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use seeds::Seeds;
use watchdog::Watchdog;

/// The labs in the order `all` runs them.
const LABS: &[&str] = &["protocol", "dispatch", "annotated", "finalize", "freeze"];

struct Args {
    lab: String,
    seconds: u64,
    seed: Option<u64>,
    case: Option<u64>,
    reproduce: Option<PathBuf>,
    root: PathBuf,
    worker: bool,
    stack_mb: usize,
}

fn usage() -> ExitCode {
    eprintln!("usage: lab-fuzz --lab <{}|all> --seconds N [--seed S] [--case K] [--root DIR]", LABS.join("|"));
    ExitCode::from(2)
}

fn parse_args() -> Option<Args> {
    let mut args = Args {
        lab: "all".into(),
        seconds: 20,
        seed: None,
        case: None,
        reproduce: None,
        root: PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")),
        worker: false,
        stack_mb: 8,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--lab" => args.lab = it.next()?,
            "--seconds" => args.seconds = it.next()?.parse().ok()?,
            "--seed" => args.seed = Some(it.next()?.parse().ok()?),
            "--case" => args.case = Some(it.next()?.parse().ok()?),
            "--reproduce" => args.reproduce = Some(PathBuf::from(it.next()?)),
            "--root" => args.root = PathBuf::from(it.next()?),
            "--stack-mb" => args.stack_mb = it.next()?.parse().ok()?,
            "--worker" => args.worker = true,
            _ => return None,
        }
    }
    (args.lab == "all" || LABS.contains(&args.lab.as_str())).then_some(args)
}

fn main() -> ExitCode {
    let Some(mut args) = parse_args() else {
        return usage();
    };
    args.root = args.root.canonicalize().unwrap_or(args.root);
    finding::set_dir(args.root.join("target").join("fuzz-findings"));
    let seed = *args
        .seed
        .get_or_insert_with(|| SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(1));
    if let Some(path) = &args.reproduce {
        watchdog::install_panic_hook();
        let result = match args.lab.as_str() {
            "protocol" => target::reproduce::<labs::Protocol>(path),
            "dispatch" => target::reproduce::<labs::Dispatch>(path),
            "annotated" => target::reproduce::<labs::Annotated>(path),
            "finalize" => target::reproduce::<labs::Finalize>(path),
            "freeze" => target::reproduce::<labs::Freeze>(path),
            _ => Err("--reproduce needs --lab".into()),
        };
        return match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(problem) => {
                eprintln!("{problem}");
                ExitCode::from(1)
            }
        };
    }
    if args.worker || args.case.is_some() {
        let stack = args.stack_mb << 20;
        let code = std::thread::Builder::new()
            .stack_size(stack)
            .spawn(move || worker(&args, seed))
            .expect("a thread for the fuzzer")
            .join()
            .unwrap_or(101);
        return ExitCode::from(code);
    }
    supervise(&args, seed)
}

/// Runs the fuzzer in a child process; if the child dies without reporting (a stack overflow
/// aborts the process), regenerates the case it was running into a reproducer.
fn supervise(args: &Args, seed: u64) -> ExitCode {
    let exe = std::env::current_exe().expect("the fuzzer's own path");
    let mut base: Vec<String> = vec!["--seed".into(), seed.to_string(), "--root".into()];
    base.push(args.root.display().to_string());
    base.extend(["--stack-mb".into(), args.stack_mb.to_string()]);
    let mut child = Command::new(&exe)
        .args(&base)
        .args(["--worker", "--lab", &args.lab, "--seconds", &args.seconds.to_string()])
        .stdout(Stdio::piped())
        .spawn()
        .expect("the fuzzer's worker process");
    let last: Arc<Mutex<Option<(String, u64)>>> = Arc::new(Mutex::new(None));
    let stdout = child.stdout.take().expect("the worker's stdout");
    let seen = last.clone();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            match line.strip_prefix("case ").and_then(|rest| rest.split_once(' ')) {
                Some((lab, index)) => {
                    *seen.lock().unwrap() = index.parse().ok().map(|i| (lab.to_owned(), i));
                }
                None => println!("{line}"),
            }
        }
    });
    let status = child.wait().expect("the worker's exit status");
    let _ = reader.join();
    match status.code() {
        Some(0) => ExitCode::SUCCESS,
        Some(1) => ExitCode::from(1),
        _ => {
            eprintln!("the fuzzer's worker died ({status}) without reporting");
            if let Some((lab, index)) = last.lock().unwrap().clone() {
                eprintln!("regenerating case {index} of lab {lab} (seed {seed}) into a reproducer");
                let _ = Command::new(&exe)
                    .args(&base)
                    .args(["--worker", "--lab", &lab, "--case", &index.to_string()])
                    .stdout(Stdio::null())
                    .status();
                eprintln!("FINDING in lab {lab}: crash ({status}); replay: --lab {lab} --seed {seed} --case {index}");
            }
            ExitCode::from(1)
        }
    }
}

fn worker(args: &Args, seed: u64) -> u8 {
    watchdog::install_panic_hook();
    let seeds = Seeds::load(&args.root);
    let labs: Vec<&str> = if args.lab == "all" { LABS.to_vec() } else { vec![args.lab.as_str()] };
    if let Some(index) = args.case {
        return match replay(labs[0], seed, index, &seeds, args.worker) {
            Ok(()) => {
                eprintln!("case {index} of {} (seed {seed}) ran without a finding", labs[0]);
                0
            }
            Err(finding) => {
                finding.report();
                1
            }
        };
    }
    say(&format!(
        "lab-fuzz: seed {seed}, {} s per lab, {} programs, {} names, {} JSON values as seeds",
        args.seconds,
        seeds.code.len(),
        seeds.names.len(),
        seeds.json.len()
    ));
    let watchdog = Watchdog::start();
    let mut summaries = Vec::new();
    let mut tell = |lab: &str, index: u64| {
        if args.worker {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "case {lab} {index}");
            let _ = out.flush();
        }
    };
    for lab in labs {
        let deadline = Instant::now() + Duration::from_secs(args.seconds);
        let result = match lab {
            "protocol" => target::run::<labs::Protocol>(seed, deadline, &seeds, &watchdog, &mut tell),
            "dispatch" => target::run::<labs::Dispatch>(seed, deadline, &seeds, &watchdog, &mut tell),
            "annotated" => target::run::<labs::Annotated>(seed, deadline, &seeds, &watchdog, &mut tell),
            "finalize" => target::run::<labs::Finalize>(seed, deadline, &seeds, &watchdog, &mut tell),
            _ => target::run::<labs::Freeze>(seed, deadline, &seeds, &watchdog, &mut tell),
        };
        match result {
            Ok(stats) => {
                let line = stats.line(lab);
                say(&line);
                summaries.push(line);
            }
            Err(finding) => {
                finding.report();
                return 1;
            }
        }
    }
    say(&format!("lab-fuzz: no finding (seed {seed}); summary:"));
    for line in summaries {
        say(&line);
    }
    0
}

/// Runs one case; `after_crash`: write its reproducer first, as it may kill the process again.
fn replay(lab: &str, seed: u64, index: u64, seeds: &Seeds, after_crash: bool) -> Result<(), finding::Finding> {
    match lab {
        "protocol" => target::replay::<labs::Protocol>(seed, index, seeds, after_crash),
        "dispatch" => target::replay::<labs::Dispatch>(seed, index, seeds, after_crash),
        "annotated" => target::replay::<labs::Annotated>(seed, index, seeds, after_crash),
        "finalize" => target::replay::<labs::Finalize>(seed, index, seeds, after_crash),
        _ => target::replay::<labs::Freeze>(seed, index, seeds, after_crash),
    }
}

/// A line for the person running the fuzzer (through the supervisor when there is one).
fn say(line: &str) {
    println!("{line}");
}
