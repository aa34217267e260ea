//! The Python engine: one Pyodide worker for the whole app, shared through a
//! Yew context. The worker starts when the first pattern page opens, so the
//! home page stays light (an embed starts it when it is seen or used, see
//! `embed.rs`); a page that opens on a pattern has started it from
//! its HTML already (`www/python-start.js`), and the engine adopts that one.
//! The worker itself restores a memory snapshot when it can (see
//! `www/python-worker.js`); [`set_snapshots_enabled`] is the setting.
//!
//! Stop has two strategies. On a cross-origin isolated page the worker shares
//! an interrupt buffer with us: writing SIGINT (2) into it makes CPython raise
//! KeyboardInterrupt at its next check, and the interpreter survives. Where
//! isolation is missing (most static hosts, many iframes), or the code does
//! not react in time, the worker is terminated and replaced: by a spare,
//! started in the background once the first worker is ready, so the next Run
//! need not wait for Python to start again.
//!
//! A crash is handled like a Stop: when the runtime fails fatally (a stack
//! overflow, an abort, a worker that dies) the Output says why, the code
//! stays in the editor, and the worker is replaced. A run never stays
//! "running" because its worker is gone.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use gloo::events::EventListener;
use gloo::storage::{LocalStorage, Storage};
use gloo::timers::callback::Timeout;
use js_sys::{Reflect, SharedArrayBuffer, Uint8Array};
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};
use worker_protocol::{FromWorker, RunOutcome, RunProbe, RunStatus, StartKind, ToWorker};
use yew::prelude::*;

/// The Output keeps at most this much text, dropping the oldest first, so a
/// runaway print loop cannot grow the page without bound.
const OUTPUT_LIMIT: usize = 200_000;
/// How long an interrupted run may take to unwind before the worker is
/// replaced.
const INTERRUPT_GRACE_MS: u32 = 600;
/// Output arriving faster than this is gathered into one state update, so a
/// print loop re-renders the page at most about 30 times a second.
const OUTPUT_BATCH_MS: u32 = 33;

#[derive(Clone, Debug, PartialEq)]
pub enum EngineStatus {
    NotStarted,
    Loading {
        stage: String,
        fraction: f64,
    },
    /// `start` says whether it was restored from a snapshot; `standby`, that
    /// a spare worker is ready to replace this one on Stop.
    Ready {
        python_version: String,
        interruptible: bool,
        start: StartKind,
        standby: bool,
    },
    Failed(String),
}

/// Packages the page's code imports, loading in the background before its Run (see
/// [`WorkerHandle::prepare`]): `text` is the worker's words for the status line.
#[derive(Clone, Debug, PartialEq)]
pub struct PackagesStatus {
    pub loading: bool,
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
    /// Messages from the playground itself, such as "Python was restarted" or
    /// which packages are loading.
    Note,
}

#[derive(Clone, Debug, PartialEq)]
pub struct OutputChunk {
    pub stream: Stream,
    pub text: String,
}

/// A finished run, with the code and inputs it ran, so a lab compares CPython's
/// report with its prediction for that same code.
#[derive(Clone, Debug, PartialEq)]
pub struct FinishedRun {
    pub run_id: u32,
    pub outcome: RunOutcome,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EngineState {
    pub status: EngineStatus,
    pub running: Option<u32>,
    pub output: Vec<OutputChunk>,
    pub output_dropped: bool,
    pub last_run: Option<FinishedRun>,
    /// The last word on packages loaded for the page's code, from the current worker.
    pub packages: Option<PackagesStatus>,
}

impl Default for EngineState {
    fn default() -> Self {
        EngineState {
            status: EngineStatus::NotStarted,
            running: None,
            output: Vec::new(),
            output_dropped: false,
            last_run: None,
            packages: None,
        }
    }
}

pub enum EngineAction {
    Event(FromWorker),
    /// Output of the run `run_id`, batched, in the order it was written.
    Output {
        run_id: u32,
        chunks: Vec<OutputChunk>,
    },
    RunStarted(u32),
    /// The worker is being replaced; `stopped_run` is the run it was doing.
    Restarting {
        stopped_run: Option<u32>,
        cause: RestartCause,
    },
    /// A spare worker is (or is no longer) ready to be swapped in.
    Standby(bool),
}

impl Reducible for EngineState {
    type Action = EngineAction;

    fn reduce(self: Rc<Self>, action: EngineAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            EngineAction::RunStarted(run_id) => {
                next.running = Some(run_id);
                next.output.clear();
                next.output_dropped = false;
            }
            EngineAction::Restarting { stopped_run, cause } => {
                let stage = match &cause {
                    RestartCause::Stopped => "Restarting Python",
                    RestartCause::Crashed(_) => "Restarting Python after a crash",
                };
                next.status = EngineStatus::Loading { stage: stage.into(), fraction: 0.0 };
                next.packages = None;
                if let (None, RestartCause::Crashed(reason)) = (stopped_run, &cause) {
                    // After the run ended (a callback it left behind): the Output still shows it.
                    next.push(
                        Stream::Note,
                        &format!("\nPython crashed after the run ended: {reason}\nPython was restarted.\n"),
                    );
                }
                if let Some(run_id) = stopped_run {
                    let (note, status, error) = match cause {
                        RestartCause::Stopped => {
                            ("Stopped: Python was restarted.\n".to_owned(), RunStatus::Interrupted, "stopped".to_owned())
                        }
                        RestartCause::Crashed(reason) => (
                            format!(
                                "\nPython crashed: {reason}\nPython was restarted and your code is kept: Run it again when you are ready.\n"
                            ),
                            RunStatus::Error,
                            format!("Python crashed: {reason}"),
                        ),
                    };
                    if !next.output.last().is_none_or(|last| last.text.ends_with('\n')) {
                        next.push(Stream::Note, "\n");
                    }
                    next.push(Stream::Note, &note);
                    next.running = None;
                    next.last_run = Some(FinishedRun {
                        run_id,
                        outcome: RunOutcome {
                            status,
                            error: Some(error),
                            probe_reports: Vec::new(),
                            probe_error: None,
                            elapsed_ms: 0.0,
                        },
                    });
                }
            }
            EngineAction::Standby(ready) => {
                if let EngineStatus::Ready { standby, .. } = &mut next.status {
                    *standby = ready;
                }
            }
            EngineAction::Output { run_id, chunks } => {
                if next.running == Some(run_id) {
                    for chunk in chunks {
                        next.push(chunk.stream, &chunk.text);
                    }
                }
            }
            EngineAction::Event(event) => match event {
                FromWorker::Loading { stage, fraction } => next.status = EngineStatus::Loading { stage, fraction },
                FromWorker::Ready { python_version, interruptible, start, .. } => {
                    next.status = EngineStatus::Ready { python_version, interruptible, start, standby: false }
                }
                FromWorker::LoadFailed { message } => {
                    next.status = EngineStatus::Failed(message);
                    next.running = None;
                }
                FromWorker::Stdout { run_id, text } if Some(run_id) == next.running => next.push(Stream::Stdout, &text),
                FromWorker::Stderr { run_id, text } if Some(run_id) == next.running => next.push(Stream::Stderr, &text),
                FromWorker::Note { run_id, text } if Some(run_id) == next.running => next.push(Stream::Note, &text),
                FromWorker::Stdout { .. } | FromWorker::Stderr { .. } | FromWorker::Note { .. } => {}
                FromWorker::Finished { run_id, outcome } => {
                    if next.running == Some(run_id) {
                        next.running = None;
                        next.last_run = Some(FinishedRun { run_id, outcome });
                    }
                }
                // An empty text: the code imports no shipped package (any more).
                FromWorker::Packages { loading, text } => {
                    next.packages = (loading || !text.is_empty()).then_some(PackagesStatus { loading, text })
                }
                // The handle turns a crash into `Restarting`.
                FromWorker::Crashed { .. } => {}
            },
        }
        Rc::new(next)
    }
}

impl EngineState {
    fn push(&mut self, stream: Stream, text: &str) {
        match self.output.last_mut() {
            Some(last) if last.stream == stream => last.text.push_str(text),
            _ => self.output.push(OutputChunk { stream, text: text.to_owned() }),
        }
        let mut total: usize = self.output.iter().map(|c| c.text.len()).sum();
        while total > OUTPUT_LIMIT {
            let first = &mut self.output[0];
            let excess = total - OUTPUT_LIMIT;
            if first.text.len() <= excess {
                total -= first.text.len();
                self.output.remove(0);
            } else {
                let mut cut = excess;
                while !first.text.is_char_boundary(cut) {
                    cut += 1;
                }
                first.text.drain(..cut);
                total -= cut;
            }
            self.output_dropped = true;
        }
    }
}

/// What a worker's events mean to the handle.
enum WorkerEvent {
    Message(FromWorker),
    /// The worker itself failed: an uncaught error (its script may not have
    /// loaded) or a message that could not be read.
    Died(String),
}

impl WorkerEvent {
    fn from_dom(event: &web_sys::Event) -> Option<WorkerEvent> {
        match event.type_().as_str() {
            "message" => {
                let data = event.unchecked_ref::<MessageEvent>().data();
                match serde_wasm_bindgen::from_value::<FromWorker>(data) {
                    Ok(message) => Some(WorkerEvent::Message(message)),
                    Err(error) => {
                        web_sys::console::error_1(&format!("unreadable worker message: {error}").into());
                        None
                    }
                }
            }
            "messageerror" => Some(WorkerEvent::Died("a message from the Python worker could not be read".into())),
            _ => {
                let message = Reflect::get(event, &"message".into()).ok().and_then(|m| m.as_string());
                Some(WorkerEvent::Died(match message {
                    Some(message) if !message.is_empty() => format!("the Python worker failed ({message})"),
                    _ => "the Python worker failed".into(),
                }))
            }
        }
    }
}

/// The worker events the handle listens to.
const WORKER_EVENTS: [&str; 3] = ["message", "error", "messageerror"];

/// One worker, with its listeners and what it last said about its start.
struct Slot {
    worker: Worker,
    /// Tells this worker's events from those of the workers before and after it.
    generation: u32,
    interrupt: Option<Uint8Array>,
    ready: Cell<bool>,
    /// The last `Loading` or `Ready` of a spare, shown when it is swapped in.
    status: RefCell<Option<FromWorker>>,
    /// Kept for as long as the worker: dropping them stops its events.
    _listeners: Vec<EventListener>,
}

impl Slot {
    /// Terminates the worker. The slot (with the listener that may be running
    /// right now) is dropped in a later task.
    fn retire(self) {
        self.worker.terminate();
        Timeout::new(0, move || drop(self)).forget();
    }
}

/// Why a worker is being replaced.
#[derive(Clone, Debug, PartialEq)]
pub enum RestartCause {
    Stopped,
    Crashed(String),
}

/// Owns the workers: the one that runs code and, on pages where Stop must
/// replace it, a spare started in the background and swapped in on Stop or a
/// crash. Shared by every page through [`PythonEngine`].
pub struct WorkerHandle {
    me: Weak<WorkerHandle>,
    active: RefCell<Option<Slot>>,
    spare: RefCell<Option<Slot>>,
    next_generation: Cell<u32>,
    isolated: bool,
    /// An embed shares its host page with other embeds, so it keeps no spare (about 40 MB
    /// each); its Stop starts a fresh worker instead.
    embedded: bool,
    running: Cell<Option<u32>>,
    next_run_id: Cell<u32>,
    grace: RefCell<Option<Timeout>>,
    batcher: OutputBatcher,
    dispatch: Callback<EngineAction>,
}

impl WorkerHandle {
    fn new(dispatch: Callback<EngineAction>) -> Rc<Self> {
        let isolated = web_sys::window()
            .and_then(|w| Reflect::get(&w, &"crossOriginIsolated".into()).ok())
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        let embedded = web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .is_some_and(|hash| urlstate::parse_hash(&hash).state.embed);
        Rc::new_cyclic(|me| WorkerHandle {
            me: me.clone(),
            active: RefCell::new(None),
            spare: RefCell::new(None),
            next_generation: Cell::new(1),
            isolated,
            embedded,
            running: Cell::new(None),
            next_run_id: Cell::new(1),
            grace: RefCell::new(None),
            batcher: OutputBatcher::new(dispatch.clone()),
            dispatch,
        })
    }

    /// Starts Python if it is not running yet: adopts the worker the page's
    /// HTML started (`www/python-start.js`), or starts one.
    pub fn ensure_started(&self) {
        if self.active.borrow().is_some() {
            return;
        }
        // `www/python-start.js` starts no second worker once this one is.
        if let Some(window) = web_sys::window() {
            let _ = Reflect::set(&window, &"__ppPythonStarted".into(), &JsValue::TRUE);
        }
        if !self.adopt_early_worker() {
            if let Some(slot) = self.spawn() {
                *self.active.borrow_mut() = Some(slot);
            }
        }
    }

    fn generation(&self) -> u32 {
        let generation = self.next_generation.get();
        self.next_generation.set(generation + 1);
        generation
    }

    fn listen(&self, worker: &Worker, generation: u32) -> Vec<EventListener> {
        WORKER_EVENTS
            .iter()
            .map(|&kind| {
                let me = self.me.clone();
                EventListener::new(worker, kind, move |event| {
                    if let (Some(handle), Some(event)) = (me.upgrade(), WorkerEvent::from_dom(event)) {
                        handle.on_event(generation, event);
                    }
                })
            })
            .collect()
    }

    /// Whether `www/python-start.js` started a worker that waits to be adopted.
    pub fn early_worker_waiting(&self) -> bool {
        web_sys::window().is_some_and(|window| {
            Reflect::get(&window, &"__ppEarlyPython".into()).is_ok_and(|early| !early.is_undefined())
        })
    }

    /// Takes the worker `www/python-start.js` started while the app loaded,
    /// with the events it sent meanwhile. False if there is none.
    fn adopt_early_worker(&self) -> bool {
        let Some(window) = web_sys::window() else { return false };
        let key = JsValue::from_str("__ppEarlyPython");
        let Ok(early) = Reflect::get(&window, &key) else { return false };
        let Ok(worker) = Reflect::get(&early, &"worker".into()).and_then(|w| w.dyn_into::<Worker>()) else {
            return false;
        };
        let _ = Reflect::delete_property(&window, &key);
        // From here to the replay below no event can be dispatched (this runs in
        // one task), so none is lost or seen twice.
        if let Ok(release) = Reflect::get(&early, &"release".into()).and_then(|f| f.dyn_into::<js_sys::Function>()) {
            let _ = release.call0(&early);
        }
        let interrupt = Reflect::get(&early, &"interrupt".into()).ok().and_then(|b| b.dyn_into::<Uint8Array>().ok());
        let slot = self.slot(worker, interrupt);
        let generation = slot.generation;
        *self.active.borrow_mut() = Some(slot);
        let events = Reflect::get(&early, &"events".into()).unwrap_or(JsValue::UNDEFINED);
        for event in js_sys::Array::from(&events).iter() {
            if let Some(event) = event.dyn_ref::<web_sys::Event>().and_then(WorkerEvent::from_dom) {
                self.on_event(generation, event);
            }
        }
        true
    }

    fn spawn(&self) -> Option<Slot> {
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = match Worker::new_with_options("./python-worker.js", &options) {
            Ok(worker) => worker,
            Err(error) => {
                let message = format!("The Python worker could not start: {}", describe(&error));
                self.dispatch.emit(EngineAction::Event(FromWorker::LoadFailed { message }));
                return None;
            }
        };
        let init = to_js(&ToWorker::Init { snapshots: snapshots_enabled() });
        let interrupt = self.isolated.then(|| Uint8Array::new(&SharedArrayBuffer::new(1)));
        if let Some(buffer) = &interrupt {
            let _ = Reflect::set(&init, &"interrupt_buffer".into(), buffer);
        }
        let slot = self.slot(worker, interrupt);
        let _ = slot.worker.post_message(&init);
        Some(slot)
    }

    /// A slot for `worker` under a new generation, listening to its events.
    fn slot(&self, worker: Worker, interrupt: Option<Uint8Array>) -> Slot {
        let generation = self.generation();
        let listeners = self.listen(&worker, generation);
        Slot {
            worker,
            generation,
            interrupt,
            ready: Cell::new(false),
            status: RefCell::new(None),
            _listeners: listeners,
        }
    }

    /// Starts a spare where Stop must replace the worker, once the active one is
    /// ready (so the two starts do not compete for the CPU); never in an embed.
    fn start_spare(&self) {
        if self.isolated || self.embedded || self.spare.borrow().is_some() {
            return;
        }
        let spare = self.spawn();
        *self.spare.borrow_mut() = spare;
    }

    fn is(slot: &RefCell<Option<Slot>>, generation: u32) -> bool {
        slot.borrow().as_ref().is_some_and(|s| s.generation == generation)
    }

    fn on_event(&self, generation: u32, event: WorkerEvent) {
        if Self::is(&self.active, generation) {
            self.on_active_event(event);
        } else if Self::is(&self.spare, generation) {
            self.on_spare_event(event);
        }
        // Otherwise a replaced worker's last words: nobody is listening.
    }

    fn on_active_event(&self, event: WorkerEvent) {
        let message = match event {
            WorkerEvent::Message(message) => message,
            WorkerEvent::Died(reason) => {
                let ready = self.active.borrow().as_ref().is_some_and(|s| s.ready.get());
                if ready {
                    self.replace(RestartCause::Crashed(reason));
                } else {
                    // It never started: starting it again would fail the same way.
                    if let Some(slot) = self.active.borrow_mut().take() {
                        slot.retire();
                    }
                    self.running.set(None);
                    announce_settled();
                    self.dispatch.emit(EngineAction::Event(FromWorker::LoadFailed { message: reason }));
                }
                return;
            }
        };
        match message {
            FromWorker::Stdout { run_id, text } => self.batcher.push(run_id, Stream::Stdout, text),
            FromWorker::Stderr { run_id, text } => self.batcher.push(run_id, Stream::Stderr, text),
            FromWorker::Note { run_id, text } => self.batcher.push(run_id, Stream::Note, text),
            FromWorker::Crashed { reason, .. } => self.replace(RestartCause::Crashed(reason)),
            message => {
                // Output still waiting for its batch goes first, in order.
                self.batcher.flush();
                if let FromWorker::Finished { run_id, .. } = &message {
                    if self.running.get() == Some(*run_id) {
                        self.running.set(None);
                    }
                }
                if let FromWorker::LoadFailed { .. } = &message {
                    self.running.set(None);
                    announce_settled();
                }
                let ready = matches!(message, FromWorker::Ready { .. });
                if ready {
                    if let Some(slot) = self.active.borrow().as_ref() {
                        slot.ready.set(true);
                    }
                    announce_settled();
                }
                self.dispatch.emit(EngineAction::Event(message));
                if ready {
                    self.start_spare();
                }
            }
        }
    }

    fn on_spare_event(&self, event: WorkerEvent) {
        match event {
            WorkerEvent::Message(message @ (FromWorker::Loading { .. } | FromWorker::Ready { .. })) => {
                let ready = matches!(message, FromWorker::Ready { .. });
                if let Some(slot) = self.spare.borrow().as_ref() {
                    slot.ready.set(ready);
                    *slot.status.borrow_mut() = Some(message);
                }
                if ready {
                    self.dispatch.emit(EngineAction::Standby(true));
                }
            }
            // A spare that fails is dropped; Stop then starts a worker from scratch.
            WorkerEvent::Message(FromWorker::LoadFailed { .. } | FromWorker::Crashed { .. }) | WorkerEvent::Died(_) => {
                if let Some(slot) = self.spare.borrow_mut().take() {
                    slot.retire();
                }
                self.dispatch.emit(EngineAction::Standby(false));
            }
            WorkerEvent::Message(_) => {}
        }
    }

    /// Queues `code` (the worker runs it once Python is ready) and returns the run's id.
    /// Without a `probe`, `probe_within_ms` keeps the finished run open that long for one
    /// (see [`Self::probe`]).
    pub fn run(&self, code: String, probe: Option<RunProbe>, probe_within_ms: Option<u32>) -> u32 {
        self.ensure_started();
        let run_id = self.next_run_id.get();
        self.next_run_id.set(run_id + 1);
        self.running.set(Some(run_id));
        self.dispatch.emit(EngineAction::RunStarted(run_id));
        if let Some(slot) = self.active.borrow().as_ref() {
            let _ = slot.worker.post_message(&to_js(&ToWorker::Run { run_id, code, probe, probe_within_ms }));
        }
        run_id
    }

    /// The probe for the run `run_id`, which went ahead of the lab's prediction.
    pub fn probe(&self, run_id: u32, probe: Option<RunProbe>) {
        if let Some(slot) = self.active.borrow().as_ref() {
            let _ = slot.worker.post_message(&to_js(&ToWorker::Probe { run_id, probe }));
        }
    }

    /// Has the worker get ready to run `code` (load and import the shipped packages it
    /// imports), if Python is running; a later call supersedes an earlier one.
    pub fn prepare(&self, code: String) {
        if let Some(slot) = self.active.borrow().as_ref() {
            let _ = slot.worker.post_message(&to_js(&ToWorker::Prepare { code }));
        }
    }

    pub fn stop(&self) {
        let Some(run_id) = self.running.get() else { return };
        let interrupt = self.active.borrow().as_ref().and_then(|s| s.interrupt.clone());
        match interrupt {
            Some(buffer) => {
                buffer.set_index(0, 2);
                let me = self.me.clone();
                *self.grace.borrow_mut() = Some(Timeout::new(INTERRUPT_GRACE_MS, move || {
                    if let Some(handle) = me.upgrade() {
                        if handle.running.get() == Some(run_id) {
                            handle.replace(RestartCause::Stopped);
                        }
                    }
                }));
            }
            None => self.replace(RestartCause::Stopped),
        }
    }

    /// Replaces the active worker with the spare if there is one, or a fresh one.
    fn replace(&self, cause: RestartCause) {
        self.grace.borrow_mut().take();
        self.batcher.flush();
        let retired = self.active.borrow_mut().take();
        if let Some(slot) = retired {
            slot.retire();
        }
        let stopped_run = self.running.take();
        self.dispatch.emit(EngineAction::Restarting { stopped_run, cause });
        let spare = self.spare.borrow_mut().take();
        match spare {
            Some(slot) => {
                let status = slot.status.borrow_mut().take();
                let ready = slot.ready.get();
                *self.active.borrow_mut() = Some(slot);
                if let Some(status) = status {
                    self.dispatch.emit(EngineAction::Event(status));
                }
                if ready {
                    self.start_spare();
                }
            }
            None => {
                let slot = self.spawn();
                *self.active.borrow_mut() = slot;
            }
        }
    }
}

type PendingOutput = (u32, Vec<OutputChunk>);

/// Gathers output messages and hands them to the reducer once per
/// [`OUTPUT_BATCH_MS`].
#[derive(Clone)]
struct OutputBatcher {
    /// The run the chunks belong to, and the chunks not yet handed over.
    pending: Rc<RefCell<Option<PendingOutput>>>,
    /// A flush is scheduled. Its timeout is forgotten rather than stored: a
    /// stored one would be dropped from inside its own callback.
    scheduled: Rc<Cell<bool>>,
    dispatch: Callback<EngineAction>,
}

impl OutputBatcher {
    fn new(dispatch: Callback<EngineAction>) -> Self {
        OutputBatcher { pending: Rc::default(), scheduled: Rc::default(), dispatch }
    }

    fn push(&self, run_id: u32, stream: Stream, text: String) {
        let mut pending = self.pending.borrow_mut();
        match pending.as_mut() {
            Some((id, chunks)) if *id == run_id => chunks.push(OutputChunk { stream, text }),
            _ => {
                drop(pending);
                self.flush();
                *self.pending.borrow_mut() = Some((run_id, vec![OutputChunk { stream, text }]));
            }
        }
        if !self.scheduled.replace(true) {
            let batcher = self.clone();
            Timeout::new(OUTPUT_BATCH_MS, move || batcher.flush()).forget();
        }
    }

    fn flush(&self) {
        self.scheduled.set(false);
        if let Some((run_id, chunks)) = self.pending.borrow_mut().take() {
            self.dispatch.emit(EngineAction::Output { run_id, chunks });
        }
    }
}

/// The setting that turns warm starts from a snapshot off. `www/python-start.js`
/// reads the same key.
const SNAPSHOTS_KEY: &str = "pattern-playground-python-snapshots";
/// The file in the origin private file system where the worker keeps its
/// snapshot (`www/python-snapshot.js`).
const SNAPSHOT_FILE: &str = "python-snapshot";

/// Whether Python may start from a memory snapshot (the default).
pub fn snapshots_enabled() -> bool {
    LocalStorage::raw().get_item(SNAPSHOTS_KEY).ok().flatten().as_deref() != Some("off")
}

/// Turns warm starts on or off, from the next start on. Off also deletes the
/// snapshot kept.
pub fn set_snapshots_enabled(enabled: bool) {
    let storage = LocalStorage::raw();
    if enabled {
        let _ = storage.remove_item(SNAPSHOTS_KEY);
    } else {
        let _ = storage.set_item(SNAPSHOTS_KEY, "off");
        wasm_bindgen_futures::spawn_local(async {
            // None kept, or no file system here: nothing to delete.
            let _ = forget_snapshot().await;
        });
    }
}

/// `navigator.storage.getDirectory()` then `removeEntry(SNAPSHOT_FILE)`.
async fn forget_snapshot() -> Result<(), JsValue> {
    let call = |target: &JsValue, method: &str, arg: Option<&JsValue>| -> Result<js_sys::Promise, JsValue> {
        let function: js_sys::Function = Reflect::get(target, &method.into())?.dyn_into()?;
        let promise = match arg {
            Some(arg) => function.call1(target, arg)?,
            None => function.call0(target)?,
        };
        Ok(promise.unchecked_into())
    };
    let window: JsValue = web_sys::window().ok_or(JsValue::NULL)?.into();
    let storage = Reflect::get(&Reflect::get(&window, &"navigator".into())?, &"storage".into())?;
    let root = wasm_bindgen_futures::JsFuture::from(call(&storage, "getDirectory", None)?).await?;
    wasm_bindgen_futures::JsFuture::from(call(&root, "removeEntry", Some(&SNAPSHOT_FILE.into()))?).await?;
    Ok(())
}

fn to_js(message: &ToWorker) -> JsValue {
    serde_wasm_bindgen::to_value(message).expect("ToWorker always serializes")
}

fn describe(error: &JsValue) -> String {
    error.as_string().unwrap_or_else(|| format!("{error:?}"))
}

/// What pages get from the context: the engine's state and its commands.
#[derive(Clone)]
pub struct PythonEngine {
    pub state: UseReducerHandle<EngineState>,
    pub worker: Rc<WorkerHandle>,
}

impl PartialEq for PythonEngine {
    fn eq(&self, other: &Self) -> bool {
        self.state == other.state && Rc::ptr_eq(&self.worker, &other.worker)
    }
}

#[derive(Properties, PartialEq)]
pub struct PythonProviderProps {
    pub children: Html,
}

#[function_component(PythonProvider)]
pub fn python_provider(props: &PythonProviderProps) -> Html {
    let state = use_reducer(EngineState::default);
    let dispatcher = state.dispatcher();
    let worker = use_memo((), move |_| WorkerHandle::new(Callback::from(move |a| dispatcher.dispatch(a))));
    let engine = PythonEngine { state, worker: Rc::clone(&*worker) };
    html! {
        <ContextProvider<PythonEngine> context={engine}>
            { props.children.clone() }
        </ContextProvider<PythonEngine>>
    }
}

#[hook]
pub fn use_python() -> PythonEngine {
    use_context::<PythonEngine>().expect("pages render inside PythonProvider")
}

/// Tells the page's scripts that Python has started or failed to: `www/offline.js` registers the
/// service worker only then, since installing it copies every file while Python starts.
fn announce_settled() {
    if let Ok(event) = web_sys::Event::new("pp-python-settled") {
        let _ = gloo::utils::window().dispatch_event(&event);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_is_capped_oldest_first() {
        let mut state = EngineState::default();
        state.push(Stream::Stdout, &"a".repeat(OUTPUT_LIMIT));
        state.push(Stream::Stderr, "tail");
        let total: usize = state.output.iter().map(|c| c.text.len()).sum();
        assert_eq!(total, OUTPUT_LIMIT);
        assert!(state.output_dropped);
        assert_eq!(state.output.last().unwrap().text, "tail");
    }

    #[test]
    fn a_crash_ends_the_run_with_its_reason_and_keeps_what_it_printed() {
        let state = Rc::new(EngineState::default()).reduce(EngineAction::RunStarted(4)).reduce(EngineAction::Output {
            run_id: 4,
            chunks: vec![OutputChunk { stream: Stream::Stdout, text: "caught it".into() }],
        });
        let state = state.reduce(EngineAction::Restarting {
            stopped_run: Some(4),
            cause: RestartCause::Crashed("its stack overflowed".into()),
        });
        assert_eq!(state.running, None);
        let finished = state.last_run.as_ref().unwrap();
        assert_eq!((finished.run_id, finished.outcome.status), (4, RunStatus::Error));
        assert_eq!(finished.outcome.error.as_deref(), Some("Python crashed: its stack overflowed"));
        let text: String = state.output.iter().map(|c| c.text.as_str()).collect();
        assert!(text.starts_with("caught it\n"), "{text}");
        assert!(text.contains("Python crashed: its stack overflowed\n"), "{text}");
        assert!(
            matches!(&state.status, EngineStatus::Loading { stage, .. } if stage == "Restarting Python after a crash")
        );
    }

    #[test]
    fn a_crash_after_the_run_is_noted_under_its_output() {
        let finished = Rc::new(EngineState::default()).reduce(EngineAction::RunStarted(2)).reduce(EngineAction::Event(
            FromWorker::Finished {
                run_id: 2,
                outcome: RunOutcome {
                    status: RunStatus::Ok,
                    error: None,
                    probe_reports: Vec::new(),
                    probe_error: None,
                    elapsed_ms: 1.0,
                },
            },
        ));
        let state = Rc::clone(&finished).reduce(EngineAction::Restarting {
            stopped_run: None,
            cause: RestartCause::Crashed("the interpreter aborted".into()),
        });
        assert_eq!(state.last_run, finished.last_run, "the run itself ended well");
        let text: String = state.output.iter().map(|c| c.text.as_str()).collect();
        assert!(text.contains("Python crashed after the run ended: the interpreter aborted"), "{text}");
    }

    #[test]
    fn standby_is_shown_only_while_python_is_ready() {
        let loading = Rc::new(EngineState::default()).reduce(EngineAction::Standby(true));
        assert_eq!(loading.status, EngineStatus::NotStarted);
        let ready = loading
            .reduce(EngineAction::Event(FromWorker::Ready {
                python_version: "3.14.2".into(),
                interruptible: false,
                memory_bytes: 31_457_280.0,
                start: StartKind::Cold,
            }))
            .reduce(EngineAction::Standby(true));
        assert_eq!(
            ready.status,
            EngineStatus::Ready {
                python_version: "3.14.2".into(),
                interruptible: false,
                start: StartKind::Cold,
                standby: true
            }
        );
    }
}
