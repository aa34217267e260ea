//! The Python engine: one Pyodide worker for the whole app, shared through a
//! Yew context. The worker starts when the first pattern page opens, so the
//! home page stays light.
//!
//! Stop has two strategies. On a cross-origin isolated page the worker shares
//! an interrupt buffer with us: writing SIGINT (2) into it makes CPython raise
//! KeyboardInterrupt at its next check, and the interpreter survives. Where
//! isolation is missing (most static hosts, many iframes), or the code does
//! not react in time, the worker is terminated and a fresh one started.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use js_sys::{Reflect, SharedArrayBuffer, Uint8Array};
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};
use worker_protocol::{FromWorker, RunOutcome, RunStatus, ToWorker};
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
    Loading { stage: String, fraction: f64 },
    Ready { python_version: String, interruptible: bool },
    Failed(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
    /// Messages from the playground itself, such as "Python was restarted".
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
}

impl Default for EngineState {
    fn default() -> Self {
        EngineState {
            status: EngineStatus::NotStarted,
            running: None,
            output: Vec::new(),
            output_dropped: false,
            last_run: None,
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
    Restarting {
        stopped_run: Option<u32>,
    },
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
            EngineAction::Restarting { stopped_run } => {
                next.status = EngineStatus::Loading { stage: "Restarting Python".into(), fraction: 0.0 };
                if let Some(run_id) = stopped_run {
                    next.push(Stream::Note, "Stopped: Python was restarted.\n");
                    next.running = None;
                    next.last_run = Some(FinishedRun {
                        run_id,
                        outcome: RunOutcome {
                            status: RunStatus::Interrupted,
                            error: Some("stopped".into()),
                            probe_reports: Vec::new(),
                            probe_error: None,
                            elapsed_ms: 0.0,
                        },
                    });
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
                FromWorker::Ready { python_version, interruptible } => {
                    next.status = EngineStatus::Ready { python_version, interruptible }
                }
                FromWorker::LoadFailed { message } => {
                    next.status = EngineStatus::Failed(message);
                    next.running = None;
                }
                FromWorker::Stdout { run_id, text } if Some(run_id) == next.running => next.push(Stream::Stdout, &text),
                FromWorker::Stderr { run_id, text } if Some(run_id) == next.running => next.push(Stream::Stderr, &text),
                FromWorker::Stdout { .. } | FromWorker::Stderr { .. } => {}
                FromWorker::Finished { run_id, outcome } => {
                    if next.running == Some(run_id) {
                        next.running = None;
                        next.last_run = Some(FinishedRun { run_id, outcome });
                    }
                }
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

/// The worker's message listener, kept alive as long as the worker.
type MessageListener = Closure<dyn FnMut(MessageEvent)>;

/// Owns the worker. Shared by every page through [`PythonEngine`].
pub struct WorkerHandle {
    worker: RefCell<Option<Worker>>,
    on_message: RefCell<Option<MessageListener>>,
    interrupt: RefCell<Option<Uint8Array>>,
    running: Rc<Cell<Option<u32>>>,
    next_run_id: Cell<u32>,
    grace: RefCell<Option<Timeout>>,
    dispatch: Callback<EngineAction>,
}

impl WorkerHandle {
    fn new(dispatch: Callback<EngineAction>) -> Self {
        WorkerHandle {
            worker: RefCell::new(None),
            on_message: RefCell::new(None),
            interrupt: RefCell::new(None),
            running: Rc::new(Cell::new(None)),
            next_run_id: Cell::new(1),
            grace: RefCell::new(None),
            dispatch,
        }
    }

    /// Starts the worker if it is not running yet.
    pub fn ensure_started(&self) {
        if self.worker.borrow().is_none() {
            self.spawn();
        }
    }

    fn spawn(&self) {
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = match Worker::new_with_options("./python-worker.js", &options) {
            Ok(worker) => worker,
            Err(error) => {
                let message = format!("The Python worker could not start: {}", describe(&error));
                self.dispatch.emit(EngineAction::Event(FromWorker::LoadFailed { message }));
                return;
            }
        };
        let batcher = OutputBatcher::new(self.dispatch.clone());
        let dispatch = self.dispatch.clone();
        let running = self.running.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            match serde_wasm_bindgen::from_value::<FromWorker>(event.data()) {
                Ok(FromWorker::Stdout { run_id, text }) => batcher.push(run_id, Stream::Stdout, text),
                Ok(FromWorker::Stderr { run_id, text }) => batcher.push(run_id, Stream::Stderr, text),
                Ok(message) => {
                    // Output still waiting for its batch goes first, in order.
                    batcher.flush();
                    if let FromWorker::Finished { run_id, .. } = &message {
                        if running.get() == Some(*run_id) {
                            running.set(None);
                        }
                    }
                    dispatch.emit(EngineAction::Event(message));
                }
                Err(error) => web_sys::console::error_1(&format!("unreadable worker message: {error}").into()),
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));

        let init = to_js(&ToWorker::Init);
        let isolated = web_sys::window()
            .and_then(|w| Reflect::get(&w, &"crossOriginIsolated".into()).ok())
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        let interrupt = isolated.then(|| Uint8Array::new(&SharedArrayBuffer::new(1)));
        if let Some(buffer) = &interrupt {
            let _ = Reflect::set(&init, &"interrupt_buffer".into(), buffer);
        }
        let _ = worker.post_message(&init);
        *self.interrupt.borrow_mut() = interrupt;
        *self.on_message.borrow_mut() = Some(on_message);
        *self.worker.borrow_mut() = Some(worker);
    }

    /// Queues `code` (the worker runs it once Python is ready) and returns the run's id.
    pub fn run(&self, code: String, probe: Option<String>) -> u32 {
        self.ensure_started();
        let run_id = self.next_run_id.get();
        self.next_run_id.set(run_id + 1);
        self.running.set(Some(run_id));
        self.dispatch.emit(EngineAction::RunStarted(run_id));
        if let Some(worker) = self.worker.borrow().as_ref() {
            let _ = worker.post_message(&to_js(&ToWorker::Run { run_id, code, probe }));
        }
        run_id
    }

    pub fn stop(self: &Rc<Self>) {
        let Some(run_id) = self.running.get() else { return };
        let interrupt = self.interrupt.borrow().clone();
        match interrupt {
            Some(buffer) => {
                buffer.set_index(0, 2);
                let handle = Rc::clone(self);
                *self.grace.borrow_mut() = Some(Timeout::new(INTERRUPT_GRACE_MS, move || {
                    if handle.running.get() == Some(run_id) {
                        handle.restart();
                    }
                }));
            }
            None => self.restart(),
        }
    }

    fn restart(&self) {
        let worker = self.worker.borrow_mut().take();
        if let Some(worker) = worker {
            worker.terminate();
        }
        let stopped_run = self.running.take();
        self.dispatch.emit(EngineAction::Restarting { stopped_run });
        self.spawn();
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
    let worker = use_memo((), move |_| Rc::new(WorkerHandle::new(Callback::from(move |a| dispatcher.dispatch(a)))));
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
}
