//! One fuzz target, generic over the lab: a case is Python and an input, run through the whole
//! contract (`Code::parse`, `predict`, `probe`, `compare` against real-looking and garbage
//! reports) under `catch_unwind`, with `predict` timed and a watchdog for hangs.

use std::panic::{self, AssertUnwindSafe};
use std::time::{Duration, Instant};

use lab::{Code, Lab};
use serde_json::Value;

use crate::finding::{Finding, Kind};
use crate::python::{self, Names, MAX_BYTES};
use crate::rng::Rng;
use crate::seeds::Seeds;
use crate::watchdog::Watchdog;

/// The contract's promise: a prediction on an input up to 20 KB takes under this.
pub const PREDICT_BUDGET: Duration = Duration::from_millis(50);

/// A lab under fuzzing: how to make its inputs and a report that looks like its probe's.
pub trait Target {
    type L: Lab;

    /// An input for `code`, using the names in it and the seeds' names and JSON.
    fn input(rng: &mut Rng, names: &Names, seeds: &Seeds) -> <Self::L as Lab>::Input;

    /// A report in the probe's format that agrees with `prediction` (before it is mutated).
    fn report(rng: &mut Rng, prediction: &<Self::L as Lab>::Prediction) -> Value;
}

/// One generated case.
pub struct Case<I> {
    pub index: u64,
    pub code: String,
    pub input: I,
    pub python_minor: u8,
}

/// Case `index` of the run seeded with `seed`: a pure function of the two.
pub fn case<T: Target>(seed: u64, index: u64, seeds: &Seeds) -> Case<<T::L as Lab>::Input> {
    let mut rng = Rng::for_case(seed, T::L::NAME, index);
    let code = python::case(&mut rng, seeds);
    let names = python::names(&code);
    let input = T::input(&mut rng, &names, seeds);
    let python_minor = match rng.below(20) {
        0 => rng.next() as u8,
        1..=5 => rng.range(8, 15) as u8,
        _ => lab::PYODIDE_PYTHON_MINOR,
    };
    Case { index, code, input, python_minor }
}

#[derive(Debug, Default)]
pub struct Stats {
    pub cases: u64,
    pub parsed: u64,
    pub predicted: u64,
    pub input_problems: u64,
    pub reports: u64,
    pub slowest: Duration,
    pub slowest_bytes: usize,
    /// The slowest prediction's case number, to replay it with `--case`.
    pub slowest_case: u64,
}

impl Stats {
    pub fn line(&self, lab: &str) -> String {
        format!(
            "{lab:<10} cases {:>8}  parsed {:>8}  predicted {:>8}  input problems {:>7}  reports compared {:>9}  slowest predict {:>6.2} ms ({} bytes, case {})",
            self.cases,
            self.parsed,
            self.predicted,
            self.input_problems,
            self.reports,
            self.slowest.as_secs_f64() * 1000.0,
            self.slowest_bytes,
            self.slowest_case
        )
    }
}

/// Runs cases of `T` until `deadline`; the first finding ends the run.
pub fn run<T: Target>(
    seed: u64,
    deadline: Instant,
    seeds: &Seeds,
    watchdog: &Watchdog,
    on_case: &mut dyn FnMut(&str, u64),
) -> Result<Stats, Finding> {
    let mut stats = Stats::default();
    let mut index = 0;
    while Instant::now() < deadline {
        on_case(T::L::NAME, index);
        let case = case::<T>(seed, index, seeds);
        if let Some(dir) = std::env::var_os("LAB_FUZZ_DUMP").filter(|_| index < 300) {
            // For tuning the mutators: the first cases, as files.
            let _ = std::fs::write(std::path::Path::new(&dir).join(format!("{}-{index}.py", T::L::NAME)), &case.code);
        }
        stats.cases += 1;
        watchdog.begin(T::L::NAME, seed, index, &case.code, input_json(&case.input), case.python_minor);
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| exercise::<T>(&case, seed, &mut stats)));
        watchdog.end();
        match outcome {
            Ok(Ok(())) => {}
            Ok(Err(finding)) => return Err(finding),
            Err(payload) => {
                let message = crate::finding::panic_message(payload);
                return Err(Finding::new::<T::L>(Kind::Panic, message, seed, &case));
            }
        }
        index += 1;
    }
    Ok(stats)
}

/// Replays one case, for a reproducer after a crash that no `catch_unwind` survives.
pub fn replay<T: Target>(seed: u64, index: u64, seeds: &Seeds, after_crash: bool) -> Result<(), Finding> {
    let case = case::<T>(seed, index, seeds);
    if after_crash {
        let message = "the process died (stack overflow or abort) running this case".into();
        let path = Finding::new::<T::L>(Kind::Crash, message, seed, &case).write();
        eprintln!("reproducer: {} (+ .json)", path.display());
    }
    let mut stats = Stats::default();
    match panic::catch_unwind(AssertUnwindSafe(|| exercise::<T>(&case, seed, &mut stats))) {
        Ok(result) => result,
        Err(payload) => Err(Finding::new::<T::L>(Kind::Panic, crate::finding::panic_message(payload), seed, &case)),
    }
}

/// Runs a reproducer: `<lab>-<n>.json` (its input and Python minor) with `<lab>-<n>.py`.
pub fn reproduce<T: Target>(json_path: &std::path::Path) -> Result<(), String> {
    let meta: Value = serde_json::from_str(&std::fs::read_to_string(json_path).map_err(|e| e.to_string())?)
        .map_err(|e| e.to_string())?;
    let input = serde_json::from_value(meta["input"].clone()).map_err(|e| format!("the input: {e}"))?;
    let code = std::fs::read_to_string(json_path.with_extension("py")).map_err(|e| e.to_string())?;
    let python_minor = meta["python_minor"].as_u64().unwrap_or(u64::from(lab::PYODIDE_PYTHON_MINOR)) as u8;
    let case = Case { index: meta["case"].as_u64().unwrap_or(0), code, input, python_minor };
    let started = Instant::now();
    let result = exercise::<T>(&case, meta["seed"].as_u64().unwrap_or(0), &mut Stats::default());
    eprintln!("ran in {:.1} ms", started.elapsed().as_secs_f64() * 1e3);
    result.map_err(|finding| format!("{:?}: {}", finding.kind, finding.message))
}

fn input_json<I: serde::Serialize>(input: &I) -> String {
    serde_json::to_string(input).unwrap_or_else(|e| format!("(input not serializable: {e})"))
}

/// The whole contract for one case.
fn exercise<T: Target>(case: &Case<<T::L as Lab>::Input>, seed: u64, stats: &mut Stats) -> Result<(), Finding> {
    let Ok(code) = Code::parse(&case.code) else {
        return Ok(());
    };
    stats.parsed += 1;
    let started = Instant::now();
    let mut prediction = T::L::predict(&code, &case.input, case.python_minor);
    let mut took = started.elapsed();
    if took > PREDICT_BUDGET {
        // The cores are shared: only a prediction slow three times over is the model's.
        for _ in 0..2 {
            let started = Instant::now();
            prediction = T::L::predict(&code, &case.input, case.python_minor);
            took = took.min(started.elapsed());
        }
    }
    let bytes = case.code.len() + input_json(&case.input).len();
    if took > stats.slowest {
        stats.slowest = took;
        stats.slowest_bytes = bytes;
        stats.slowest_case = case.index;
    }
    if took > PREDICT_BUDGET && case.code.len() <= MAX_BYTES && input_json(&case.input).len() <= MAX_BYTES {
        let message = format!("predict took {:.1} ms (the budget is 50 ms) on {bytes} bytes", took.as_secs_f64() * 1e3);
        return Err(Finding::new::<T::L>(Kind::Slow, message, seed, case));
    }
    let prediction = match prediction {
        Ok(p) => p,
        Err(problem) => {
            if std::env::var_os("LAB_FUZZ_PROBLEMS").is_some() {
                // Not eprintln!: a closed pipe must not look like the model's panic.
                use std::io::Write;
                let _ =
                    writeln!(std::io::stderr(), "input problem: {}", problem.0.chars().take(60).collect::<String>());
            }
            stats.input_problems += 1;
            return Ok(());
        }
    };
    stats.predicted += 1;
    let _ = T::L::probe(&code, &prediction, &case.input);
    let mut rng = Rng::for_case(seed ^ 0x5eed, T::L::NAME, case.index);
    let real = T::report(&mut rng, &prediction);
    for report in crate::json::reports(&mut rng, real) {
        let _ = T::L::compare(&prediction, &report);
        stats.reports += 1;
    }
    Ok(())
}
