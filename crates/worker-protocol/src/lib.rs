//! The messages between the app and the Pyodide worker.
//!
//! The app serializes [`ToWorker`] with serde-wasm-bindgen and posts it; the
//! worker's JavaScript glue (`www/python-worker.js`) answers with objects that
//! deserialize into [`FromWorker`]. Both enums are internally tagged by `type`,
//! so the glue reads and writes plain objects such as
//! `{type: "stdout", run_id: 3, text: "hi\n"}`. Keep the glue in step with the
//! field names here: the browser tests fail if they drift.

use serde::{Deserialize, Serialize};

/// Requests from the app.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ToWorker {
    /// The first message, sent by the app or, when the page opens on a
    /// pattern, by `www/python-start.js` before the app has loaded. When the
    /// page is cross-origin isolated the sender attaches a `SharedArrayBuffer`-backed `Uint8Array` as the extra field
    /// `interrupt_buffer` (serde cannot carry shared memory); writing 2 into it
    /// raises KeyboardInterrupt in the running code. `snapshots` false turns
    /// warm starts off: the worker starts cold and deletes any snapshot kept.
    Init { snapshots: bool },
    /// Run `code` in a fresh `__main__` namespace. When `probe` is given and the
    /// code finished without an exception (or raised one, for a probe that runs
    /// [`RunProbe::after_error`]), the probe runs in the same namespace and its
    /// report lines come back in [`RunOutcome::probe_reports`].
    ///
    /// A Run pressed before the lab has predicted for the code does not wait for
    /// it: it comes with no `probe` and with `probe_within_ms`. The code runs at
    /// once; if it finished or raised, the run stays open, its namespace kept, until the
    /// [`ToWorker::Probe`] for it arrives or that many milliseconds pass (then
    /// [`RunOutcome::probe_error`] says so), or Stop is pressed.
    Run { run_id: u32, code: String, probe: Option<RunProbe>, probe_within_ms: Option<u32> },
    /// The probe for the run `run_id`, sent without one: the lab's prediction came.
    /// `None`: the lab has nothing to ask CPython about this code.
    Probe { run_id: u32, probe: Option<RunProbe> },
    /// Get ready to run `code`: load the packages the app ships (pydantic) that it imports,
    /// and run its import statements of them in a scratch namespace, so its Run need not wait.
    /// Nothing else of the code runs. Only the latest matters; runs go first.
    Prepare { code: String },
}

/// A lab's question to CPython about a run: Python that prints report lines.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunProbe {
    pub source: String,
    /// The probe runs the code again itself, in a namespace of its own, so it runs after code
    /// that raised (or exited with a status) too; not after a Stop.
    pub after_error: bool,
}

/// [`FromWorker::Loading`] fractions below this are Python's download (the worker's glue
/// reports the download from 0.02 up to it); above it, the interpreter is starting.
pub const DOWNLOADED_FRACTION: f64 = 0.75;

/// Events from the worker, in the order they happened.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FromWorker {
    /// Start-up progress, `fraction` in 0..=1.
    Loading {
        stage: String,
        fraction: f64,
    },
    /// The interpreter is up. `interruptible` says whether Stop can raise
    /// KeyboardInterrupt (the page is cross-origin isolated) or must restart
    /// the worker. `memory_bytes` is the size of the interpreter's wasm
    /// memory, most of what an idle worker costs.
    Ready {
        python_version: String,
        interruptible: bool,
        memory_bytes: f64,
        start: StartKind,
    },
    /// The runtime could not start; the message is shown to the user.
    LoadFailed {
        message: String,
    },
    Stdout {
        run_id: u32,
        text: String,
    },
    Stderr {
        run_id: u32,
        text: String,
    },
    /// The worker's own words about the run `run_id`, for the Output: before
    /// running code that imports a package the app ships (pydantic), the worker
    /// loads it and says so ("Loading pydantic, …").
    Note {
        run_id: u32,
        text: String,
    },
    Finished {
        run_id: u32,
        outcome: RunOutcome,
    },
    /// Packages that a [`ToWorker::Prepare`] needs are loading (`loading`), or are loaded and
    /// imported or failed to (`!loading`); `text` says which, in words for the status line,
    /// and is empty when the latest code imports none of them.
    Packages {
        loading: bool,
        text: String,
    },
    /// The runtime failed fatally (its stack overflowed, it aborted or
    /// exited) during the run `run_id`, or between runs. The worker runs
    /// nothing more: the app replaces it. `reason` is shown to the user.
    Crashed {
        run_id: Option<u32>,
        reason: String,
    },
}

/// How the interpreter started.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StartKind {
    /// From scratch; a snapshot is made afterwards for later starts.
    Cold,
    /// Restored from a memory snapshot kept in the browser's Cache Storage.
    Snapshot,
}

/// How a run ended.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunOutcome {
    pub status: RunStatus,
    /// The exception's last line, e.g. `ZeroDivisionError: division by zero`.
    pub error: Option<String>,
    /// The JSON text of each report line the probe printed, in order (a lab
    /// may ask several questions in one probe). Empty if no probe ran.
    pub probe_reports: Vec<String>,
    /// A probe that itself failed says why here; the page shows it rather than
    /// claiming agreement it could not check.
    pub probe_error: Option<String>,
    pub elapsed_ms: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunStatus {
    Ok,
    Error,
    Interrupted,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_use_the_tagged_shape_the_glue_expects() {
        assert_eq!(
            serde_json::to_value(ToWorker::Init { snapshots: false }).unwrap(),
            serde_json::json!({"type": "init", "snapshots": false})
        );
        assert_eq!(
            serde_json::from_value::<FromWorker>(serde_json::json!({
                "type": "ready", "python_version": "3.14.2", "interruptible": true,
                "memory_bytes": 31457280.0, "start": "snapshot"
            }))
            .unwrap(),
            FromWorker::Ready {
                python_version: "3.14.2".into(),
                interruptible: true,
                memory_bytes: 31_457_280.0,
                start: StartKind::Snapshot
            }
        );
        assert_eq!(
            serde_json::to_value(ToWorker::Prepare { code: "import pydantic".into() }).unwrap(),
            serde_json::json!({"type": "prepare", "code": "import pydantic"})
        );
        assert_eq!(
            serde_json::from_value::<FromWorker>(serde_json::json!({
                "type": "packages", "loading": true, "text": "Loading pydantic"
            }))
            .unwrap(),
            FromWorker::Packages { loading: true, text: "Loading pydantic".into() }
        );
        let run = ToWorker::Run { run_id: 1, code: "print(1)".into(), probe: None, probe_within_ms: Some(2000) };
        assert_eq!(
            serde_json::to_value(&run).unwrap(),
            serde_json::json!({"type": "run", "run_id": 1, "code": "print(1)", "probe": null, "probe_within_ms": 2000})
        );
        assert_eq!(
            serde_json::to_value(ToWorker::Probe {
                run_id: 1,
                probe: Some(RunProbe { source: "print(2)".into(), after_error: true })
            })
            .unwrap(),
            serde_json::json!({"type": "probe", "run_id": 1, "probe": {"source": "print(2)", "after_error": true}})
        );
        let event: FromWorker = serde_json::from_value(serde_json::json!({
            "type": "finished", "run_id": 1,
            "outcome": {"status": "error", "error": "ValueError: x", "probe_reports": [], "probe_error": null, "elapsed_ms": 3.5}
        }))
        .unwrap();
        assert_eq!(
            serde_json::from_value::<FromWorker>(serde_json::json!({
                "type": "note", "run_id": 4, "text": "Loading pydantic…\n"
            }))
            .unwrap(),
            FromWorker::Note { run_id: 4, text: "Loading pydantic…\n".into() }
        );
        assert_eq!(
            serde_json::from_value::<FromWorker>(serde_json::json!({
                "type": "crashed", "run_id": 2, "reason": "its stack overflowed"
            }))
            .unwrap(),
            FromWorker::Crashed { run_id: Some(2), reason: "its stack overflowed".into() }
        );
        assert_eq!(
            event,
            FromWorker::Finished {
                run_id: 1,
                outcome: RunOutcome {
                    status: RunStatus::Error,
                    error: Some("ValueError: x".into()),
                    probe_reports: Vec::new(),
                    probe_error: None,
                    elapsed_ms: 3.5
                }
            }
        );
    }
}
