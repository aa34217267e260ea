//! The gc.freeze experiment with real CPython, shared by `playground freeze` and the
//! `/api/freeze` endpoint of `playground serve`.
//!
//! Every run is a fresh interpreter running the embedded harness (`harness.py`): it builds the
//! heap, optionally freezes it and forks the workers; once they have run the workload this
//! side reads each process's smaps_rollup until the figures settle.

use crate::signals;
use crate::smaps::SmapsRollup;
use cow::{
    ConfigurationResult, ExperimentConfig, FreezeReport, Machine, ProcessMemory, PythonInfo, Role, Run, Workload,
};
use serde::Deserialize;
use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::CommandExt;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::Duration;
use std::{fmt, fs, io, thread};

const HARNESS: &str = include_str!("harness.py");

const HEAP_SHAPE: &str = "records: a dict of an int, two strs, a tuple of two strs and a list of three ints";

/// What to measure; the CLI flags and the API body both become one.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub pythons: Vec<String>,
    pub heap_mb: u32,
    pub workers: u32,
    pub workloads: Vec<Workload>,
    pub runs: u32,
}

/// What `playground freeze` and the freeze API measure when given no options: the freeze
/// lab's default input (`cow::FreezeInput::default`), with python3 and 3 runs.
impl Default for Plan {
    fn default() -> Plan {
        Plan {
            pythons: vec!["python3".to_string()],
            heap_mb: cow::DEFAULT_HEAP_MB,
            workers: cow::DEFAULT_WORKERS,
            workloads: vec![cow::DEFAULT_WORKLOAD],
            runs: 3,
        }
    }
}

/// A one-line reason the experiment cannot run or failed.
#[derive(Clone, Debug, PartialEq)]
pub struct ExperimentError(pub String);

impl fmt::Display for ExperimentError {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        out.write_str(&self.0)
    }
}

fn fail<T>(message: impl Into<String>) -> Result<T, ExperimentError> {
    Err(ExperimentError(message.into()))
}

#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Progress {
    pub done: u32,
    pub total: u32,
    pub message: String,
}

/// Checks that this machine and these Pythons can run `plan`, and describes the machine.
pub fn preflight(plan: &Plan) -> Result<Machine, ExperimentError> {
    if plan.runs < 3 {
        return fail(format!("--runs must be at least 3 for a median and a range, not {}", plan.runs));
    }
    if plan.workers == 0 || plan.heap_mb == 0 || plan.workloads.is_empty() || plan.pythons.is_empty() {
        return fail("need at least one worker, one MB of heap, one workload and one python");
    }
    if fs::metadata("/proc/self/smaps_rollup").is_err() {
        return fail("no /proc/self/smaps_rollup: the freeze experiment needs Linux 4.14 or later");
    }
    // Reading everything copies the whole heap into every worker.
    let needed_mb = plan.heap_mb as u64 * (1 + plan.workers as u64);
    let available_mb = mem_available_kb()? / 1024;
    if needed_mb > available_mb {
        return fail(format!(
            "a {} MB heap with {} workers may need {needed_mb} MB, but MemAvailable is {available_mb} MB",
            plan.heap_mb, plan.workers
        ));
    }
    let pythons = plan.pythons.iter().map(|python| probe_python(python)).collect::<Result<_, _>>()?;
    Ok(Machine {
        kernel: read_trimmed("/proc/sys/kernel/osrelease").unwrap_or_else(|| "unknown".into()),
        transparent_hugepage: read_trimmed("/sys/kernel/mm/transparent_hugepage/enabled")
            .unwrap_or_else(|| "unavailable".into()),
        cores: thread::available_parallelism().map_or(1, |cores| cores.get() as u32),
        pythons,
    })
}

fn read_trimmed(path: &str) -> Option<String> {
    fs::read_to_string(path).ok().map(|text| text.trim().to_string())
}

fn mem_available_kb() -> Result<u64, ExperimentError> {
    let meminfo = fs::read_to_string("/proc/meminfo").map_err(|e| ExperimentError(format!("/proc/meminfo: {e}")))?;
    meminfo
        .lines()
        .find_map(|line| line.strip_prefix("MemAvailable:"))
        .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
        .ok_or_else(|| ExperimentError("no MemAvailable in /proc/meminfo".into()))
}

fn probe_python(python: &str) -> Result<PythonInfo, ExperimentError> {
    let output = Command::new(python)
        .args(["-c", "import gc, sys; print(sys.version.split()[0], hasattr(gc, 'freeze'))"])
        .stdin(Stdio::null())
        .output()
        .map_err(|error| match error.kind() {
            io::ErrorKind::NotFound => ExperimentError(format!("no python found at {python:?} (try --python PATH)")),
            _ => ExperimentError(format!("cannot run {python}: {error}")),
        })?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    match stdout.split_whitespace().collect::<Vec<_>>()[..] {
        [version, "True"] if output.status.success() => {
            Ok(PythonInfo { path: python.to_string(), version: version.to_string() })
        }
        [version, "False"] => fail(format!("{python} is Python {version}, which has no gc.freeze (added in 3.7)")),
        _ => fail(format!("{python} does not look like CPython 3: {}", String::from_utf8_lossy(&output.stderr).trim())),
    }
}

/// Runs every configuration of `plan`, interleaving freeze and no freeze, and reports.
pub fn run(
    plan: &Plan,
    machine: Machine,
    on_progress: &mut dyn FnMut(&Progress),
) -> Result<FreezeReport, ExperimentError> {
    let configurations: Vec<(usize, Workload)> = (0..machine.pythons.len())
        .flat_map(|python| plan.workloads.iter().map(move |&workload| (python, workload)))
        .collect();
    let total = configurations.len() as u32 * 2 * plan.runs;
    let mut runs: Vec<[Vec<Run>; 2]> = configurations.iter().map(|_| [Vec::new(), Vec::new()]).collect();
    let mut progress = Progress { done: 0, total, message: "starting".into() };
    for round in 0..plan.runs {
        for (index, &(python, workload)) in configurations.iter().enumerate() {
            // Alternate which configuration goes first so drift hits both alike.
            let order = if round % 2 == 0 { [false, true] } else { [true, false] };
            for freeze in order {
                let info = &machine.pythons[python];
                progress.message = format!(
                    "Python {} {workload} {} run {}/{}",
                    info.version,
                    if freeze { "freeze" } else { "no freeze" },
                    round + 1,
                    plan.runs
                );
                on_progress(&progress);
                let run = run_once(&info.path, plan, workload, freeze)?;
                runs[index][freeze as usize].push(run);
                progress.done += 1;
            }
        }
    }
    progress.message = "done".into();
    on_progress(&progress);

    let results = configurations
        .iter()
        .zip(runs)
        .flat_map(|(&(python, workload), [off, on])| {
            let version = &machine.pythons[python].version;
            [
                ConfigurationResult::new(version.clone(), workload, false, off),
                ConfigurationResult::new(version.clone(), workload, true, on),
            ]
        })
        .collect();
    let config = ExperimentConfig {
        heap_mb: plan.heap_mb,
        heap_shape: HEAP_SHAPE.to_string(),
        workers: plan.workers,
        workloads: plan.workloads.clone(),
        runs: plan.runs,
    };
    Ok(FreezeReport::new(machine, config, results))
}

#[derive(Deserialize)]
#[serde(tag = "event", rename_all = "lowercase")]
enum HarnessEvent {
    Ready { master_pid: u32, records: u64, tracked_objects: u64, workers: Vec<WorkerDone> },
    Error { message: String },
}

#[derive(Deserialize)]
struct WorkerDone {
    pid: u32,
    gen2_collections: u32,
}

/// A running harness; dropping it kills its whole process group and reaps the master.
struct Harness {
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
}

impl Drop for Harness {
    fn drop(&mut self) {
        signals::kill_group(self.child.id());
        let _ = self.child.wait();
    }
}

fn spawn_harness(python: &str, config: &serde_json::Value) -> Result<Harness, ExperimentError> {
    let mut command = Command::new(python);
    command
        .arg("-c")
        .arg(HARNESS)
        .arg(config.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    // SAFETY: prctl is async-signal-safe. The master dies with the companion even on SIGKILL,
    // and its workers follow it (see harness.py).
    unsafe {
        command.pre_exec(|| {
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
                return Err(io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = command.spawn().map_err(|error| ExperimentError(format!("cannot run {python}: {error}")))?;
    signals::watch_group(child.id());
    let stdin = child.stdin.take();
    let stdout = BufReader::new(child.stdout.take().expect("stdout is piped"));
    Ok(Harness { child, stdin, stdout })
}

fn run_once(python: &str, plan: &Plan, workload: Workload, freeze: bool) -> Result<Run, ExperimentError> {
    let config = serde_json::json!({
        "heap_mb": plan.heap_mb,
        "workers": plan.workers,
        "freeze": freeze,
        "read_stride": workload.read_stride().unwrap_or(0),
        "requests": workload.requests(),
    });
    let mut harness = spawn_harness(python, &config)?;
    let mut line = String::new();
    let read = harness.stdout.read_line(&mut line);
    let event = match read {
        Ok(n) if n > 0 => serde_json::from_str::<HarnessEvent>(&line)
            .map_err(|error| ExperimentError(format!("harness said {:?}: {error}", line.trim())))?,
        _ => {
            let mut stderr = String::new();
            if let Some(mut pipe) = harness.child.stderr.take() {
                let _ = pipe.read_to_string(&mut stderr);
            }
            let last = stderr.lines().last().unwrap_or("no output");
            return fail(format!("the harness under {python} died before its workers finished: {last}"));
        }
    };
    let (master_pid, records, tracked_objects, workers) = match event {
        HarnessEvent::Error { message } => return fail(message),
        HarnessEvent::Ready { master_pid, records, tracked_objects, workers } => {
            (master_pid, records, tracked_objects, workers)
        }
    };
    let pids: Vec<u32> = std::iter::once(master_pid).chain(workers.iter().map(|worker| worker.pid)).collect();
    let rollups = settled_rollups(&pids)?;
    // EOF on stdin releases the master, which kills its workers.
    drop(harness.stdin.take());
    let processes: Vec<ProcessMemory> = rollups
        .iter()
        .enumerate()
        .map(|(index, rollup)| ProcessMemory {
            role: if index == 0 { Role::Master } else { Role::Worker },
            pid: pids[index],
            pss_kb: rollup.pss_kb,
            private_dirty_kb: rollup.private_dirty_kb,
            shared_clean_kb: rollup.shared_clean_kb,
            shared_dirty_kb: rollup.shared_dirty_kb,
            rss_kb: rollup.rss_kb,
            gen2_collections: index.checked_sub(1).map(|worker| workers[worker].gen2_collections),
        })
        .collect();
    if workload.requests && processes.iter().any(|process| process.gen2_collections == Some(0)) {
        return fail(format!("a worker ran {workload} without a full collection: the experiment is broken"));
    }
    let total_pss_kb = processes.iter().map(|process| process.pss_kb).sum();
    Ok(Run { records, tracked_objects, processes, total_pss_kb })
}

/// Waits 0.5 s for the kernel to settle, then re-reads until two readings of the total Pss
/// agree within 1%.
fn settled_rollups(pids: &[u32]) -> Result<Vec<SmapsRollup>, ExperimentError> {
    let read_all = || {
        pids.iter()
            .map(|&pid| SmapsRollup::read(pid))
            .collect::<io::Result<Vec<_>>>()
            .map_err(|error| ExperimentError(format!("cannot read smaps_rollup: {error}")))
    };
    let total = |rollups: &[SmapsRollup]| rollups.iter().map(|rollup| rollup.pss_kb).sum::<u64>() as f64;
    thread::sleep(Duration::from_millis(500));
    let mut previous = read_all()?;
    for _ in 0..40 {
        thread::sleep(Duration::from_millis(250));
        let current = read_all()?;
        if (total(&current) - total(&previous)).abs() <= 0.01 * total(&previous) {
            return Ok(current);
        }
        previous = current;
    }
    fail("memory figures did not settle within 10 s")
}
