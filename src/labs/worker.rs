//! The labs' worker, seen from the page: a second wasm (`crates/lab-worker`) that holds Ruff's
//! parser and the five models. It starts with the first prediction a lab asks for, so it loads
//! after the page's first paint, and the page's own wasm never calls a model.
//!
//! One request is served at a time. While one is in flight, a newer request from the same lab
//! replaces the one waiting, so a burst of keystrokes costs one parse and one model run per
//! answer the page still wants. A model that panics takes its worker with it: the worker posts
//! `Panicked`, the request is answered with the panic's message, and a fresh worker takes the
//! requests that wait. A model that never returns (an endless loop) is stopped the same way
//! after `LAB_TIMEOUT_MS`: the page's editor, Run and Stop never depended on it.
//!
//! An answer posted as a message is drawn one frame after the keystroke at best: the browser
//! paints the keystroke before it reads the worker's message. So a cross-origin-isolated page
//! shares an answer slot with the worker (`lab::remote::answer_slot`) and, having sent a request,
//! waits for its answer there for at most `SAME_FRAME_WAIT_MS`: a model that answers in a few
//! milliseconds is drawn in the keystroke's own frame. A slower answer is read from the slot
//! when the worker's `AnswerInSlot` message comes; on a page without isolation, or for an answer
//! too big for the slot, the answer is the message.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use js_sys::{Atomics, Int32Array, SharedArrayBuffer, Uint8Array};
use lab::remote::{answer_slot, FromLabWorker, LabFault, PredictAnswer, PredictOutcome, PredictRequest};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{MessageEvent, Worker};
use yew::Callback;

/// The loader Trunk writes for `crates/lab-worker` (`data-loader-shim`).
const WORKER_URL: &str = "./lab-worker_loader.js";

/// A model answers a 200-line file in milliseconds; one still busy after this is stuck.
const LAB_TIMEOUT_MS: u32 = 5_000;

/// How long the page waits in the answer slot for an answer: a keystroke's own work takes a few
/// milliseconds of the frame's 16.7, and a model that needs longer than this answers by message.
const SAME_FRAME_WAIT_MS: f64 = 8.0;

/// A request and who wants its answer.
struct Pending {
    request: PredictRequest,
    on_answer: Callback<PredictAnswer>,
}

/// The running worker and its listeners (dropping them stops listening).
struct Running {
    worker: Worker,
    ready: bool,
    /// The answer slot shared with this worker, on a cross-origin-isolated page.
    slot: Option<SharedArrayBuffer>,
    _listeners: [EventListener; 3],
}

#[derive(Default)]
struct Labs {
    running: Option<Running>,
    in_flight: Option<Pending>,
    /// Stops the worker if the request in flight takes longer than `LAB_TIMEOUT_MS`.
    watchdog: Option<Timeout>,
    waiting: Vec<Pending>,
    last_seq: u64,
}

thread_local! {
    static LABS: Rc<RefCell<Labs>> = Rc::default();
}

/// Asks the labs' worker for `lab`'s prediction; `on_answer` gets the answer unless a newer
/// request from the same lab replaced this one before it was sent. The answer may come before
/// this returns (from the answer slot) or later (as a message).
pub fn predict(
    lab: &str,
    code: &str,
    input: serde_json::Value,
    python_minor: u8,
    fault: Option<LabFault>,
    on_answer: Callback<PredictAnswer>,
) {
    LABS.with(|labs| {
        {
            let mut state = labs.borrow_mut();
            state.last_seq += 1;
            let request = PredictRequest {
                seq: state.last_seq,
                lab: lab.to_owned(),
                code: code.to_owned(),
                input,
                python_minor,
                fault,
            };
            state.waiting.retain(|pending| pending.request.lab != request.lab);
            state.waiting.push(Pending { request, on_answer });
        }
        pump(labs);
    })
}

/// Starts a worker if there is none, and sends the waiting requests while it is idle: each one
/// answered in the slot in time is delivered at once, and the next one is sent.
fn pump(labs: &Rc<RefCell<Labs>>) {
    let start = {
        let state = labs.borrow();
        state.running.is_none() && !state.waiting.is_empty()
    };
    if start {
        start_worker(labs);
    }
    while let Some((seq, slot)) = send_next(labs) {
        let Some(answer) = slot.and_then(|slot| answer_in_slot(&slot, seq)) else { return };
        deliver(labs, answer);
    }
}

/// Sends the next waiting request if the worker is idle; returns its sequence number and the
/// worker's answer slot.
fn send_next(labs: &Rc<RefCell<Labs>>) -> Option<(u64, Option<SharedArrayBuffer>)> {
    let mut state = labs.borrow_mut();
    let idle = state.running.as_ref().is_some_and(|running| running.ready) && state.in_flight.is_none();
    if !idle || state.waiting.is_empty() {
        return None;
    }
    let next = state.waiting.remove(0);
    let running = state.running.as_ref().expect("an idle worker is running");
    let slot = running.slot.clone();
    let sent = serde_json::to_string(&next.request)
        .map_err(|e| e.to_string())
        .and_then(|text| running.worker.post_message(&JsValue::from_str(&text)).map_err(|e| describe(&e)));
    match sent {
        Ok(()) => {
            let seq = next.request.seq;
            state.in_flight = Some(next);
            let weak = Rc::downgrade(labs);
            state.watchdog = Some(Timeout::new(LAB_TIMEOUT_MS, move || {
                if let Some(labs) = weak.upgrade() {
                    stop_stuck_worker(&labs);
                }
            }));
            Some((seq, slot))
        }
        Err(error) => {
            drop(state);
            fail(next, format!("the request could not be sent to the labs' worker: {error}"));
            None
        }
    }
}

/// The answer to request `seq`, if the worker writes it into the slot within
/// `SAME_FRAME_WAIT_MS`. The page's thread cannot sleep (`Atomics.wait` is not allowed there),
/// so it polls, for no longer than a model that answers in time takes anyway.
fn answer_in_slot(slot: &SharedArrayBuffer, seq: u64) -> Option<PredictAnswer> {
    let performance = web_sys::window()?.performance()?;
    let deadline = performance.now() + SAME_FRAME_WAIT_MS;
    let words = slot_words(slot);
    while Atomics::load(&words, answer_slot::SEQ_WORD).ok()? != answer_slot::seq_word(seq) {
        if performance.now() > deadline {
            return None;
        }
        std::hint::spin_loop();
    }
    read_slot(slot, seq)
}

fn slot_words(slot: &SharedArrayBuffer) -> Int32Array {
    Int32Array::new_with_byte_offset_and_length(slot, 0, answer_slot::HEADER_BYTES / 4)
}

/// The answer to request `seq` in the slot, once its sequence word says it is there. Only the
/// request in flight is read: the worker writes nothing else until the page sends the next.
fn read_slot(slot: &SharedArrayBuffer, seq: u64) -> Option<PredictAnswer> {
    let words = slot_words(slot);
    if Atomics::load(&words, answer_slot::SEQ_WORD).ok()? != answer_slot::seq_word(seq) {
        return None;
    }
    let length = u32::try_from(Atomics::load(&words, answer_slot::LENGTH_WORD).ok()?).ok()?;
    let json = Uint8Array::new_with_byte_offset_and_length(slot, answer_slot::HEADER_BYTES, length).to_vec();
    serde_json::from_slice(&json).ok()
}

/// The request in flight, taken if it is request `seq` (an answer comes once, from the slot
/// or by message).
fn take_in_flight(labs: &Rc<RefCell<Labs>>, seq: u64) -> Option<Pending> {
    let mut state = labs.borrow_mut();
    if state.in_flight.as_ref().is_none_or(|pending| pending.request.seq != seq) {
        return None;
    }
    state.watchdog = None;
    state.in_flight.take()
}

/// Gives the request in flight its answer, unless it was already given.
fn deliver(labs: &Rc<RefCell<Labs>>, answer: PredictAnswer) {
    if let Some(pending) = take_in_flight(labs, answer.seq) {
        pending.on_answer.emit(answer);
    }
}

/// The worker says the answer to `seq` is in the slot: read it, unless the page already did.
fn deliver_from_slot(labs: &Rc<RefCell<Labs>>, seq: u64) {
    let slot = labs.borrow().running.as_ref().and_then(|running| running.slot.clone());
    let Some(pending) = take_in_flight(labs, seq) else { return };
    match slot.and_then(|slot| read_slot(&slot, seq)) {
        Some(answer) => pending.on_answer.emit(answer),
        None => fail(pending, "the labs' worker's answer could not be read from the answer slot".into()),
    }
}

fn start_worker(labs: &Rc<RefCell<Labs>>) {
    let worker = match Worker::new(WORKER_URL) {
        Ok(worker) => worker,
        Err(error) => {
            let waiting = std::mem::take(&mut labs.borrow_mut().waiting);
            let message = format!("the labs' worker could not start: {}", describe(&error));
            waiting.into_iter().for_each(|pending| fail(pending, message.clone()));
            return;
        }
    };
    let listen = |kind: &'static str| {
        let weak = Rc::downgrade(labs);
        let me = worker.clone();
        EventListener::new(&worker, kind, move |event| {
            if let Some(labs) = weak.upgrade() {
                on_event(&labs, &me, kind, event);
            }
        })
    };
    let listeners = [listen("message"), listen("error"), listen("messageerror")];
    labs.borrow_mut().running =
        Some(Running { worker, ready: false, slot: answer_slot_if_isolated(), _listeners: listeners });
}

fn on_event(labs: &Rc<RefCell<Labs>>, from: &Worker, kind: &str, event: &web_sys::Event) {
    // Events of a worker that was already replaced are over.
    if labs.borrow().running.as_ref().is_none_or(|running| running.worker != *from) {
        return;
    }
    let message = match kind {
        "message" => {
            let text = event.dyn_ref::<MessageEvent>().and_then(|e| e.data().as_string()).unwrap_or_default();
            match serde_json::from_str::<FromLabWorker>(&text) {
                Ok(message) => message,
                Err(error) => FromLabWorker::Panicked { seq: 0, message: format!("an unreadable answer: {error}") },
            }
        }
        _ => {
            // The worker died without a panic of its own (its wasm did not load, a trap): said
            // once here rather than as an uncaught error of the page.
            event.prevent_default();
            let detail = js_sys::Reflect::get(event, &"message".into()).ok().and_then(|m| m.as_string());
            FromLabWorker::Panicked {
                seq: 0,
                message: detail
                    .filter(|m| !m.is_empty())
                    .unwrap_or_else(|| format!("the labs' worker failed ({kind})")),
            }
        }
    };
    match message {
        FromLabWorker::Ready => {
            if let Some(running) = labs.borrow_mut().running.as_mut() {
                running.ready = true;
                // Posted before any request, so the worker has it for the first answer; a
                // worker that cannot take it answers by message only.
                if let Some(slot) = &running.slot {
                    if running.worker.post_message(slot).is_err() {
                        running.slot = None;
                    }
                }
            }
        }
        FromLabWorker::Answer(answer) => deliver(labs, answer),
        FromLabWorker::AnswerInSlot { seq } => deliver_from_slot(labs, seq),
        FromLabWorker::Panicked { message, .. } => {
            let (pending, ready) = {
                let mut state = labs.borrow_mut();
                state.watchdog = None;
                let ready = state.running.take().is_some_and(|running| {
                    running.worker.terminate();
                    running.ready
                });
                (state.in_flight.take(), ready)
            };
            if let Some(pending) = pending {
                fail(pending, message.clone());
            }
            // A worker that never got ready will not load on a second try either: the
            // requests waiting fail now, and the next edit tries again.
            if !ready {
                let waiting = std::mem::take(&mut labs.borrow_mut().waiting);
                let message = format!("the labs could not load: {message}");
                waiting.into_iter().for_each(|pending| fail(pending, message.clone()));
            }
        }
    }
    pump(labs);
}

/// The request in flight outlived `LAB_TIMEOUT_MS`: its worker is stopped, the request is
/// answered with why, and a fresh worker serves the requests that wait.
fn stop_stuck_worker(labs: &Rc<RefCell<Labs>>) {
    let pending = {
        let mut state = labs.borrow_mut();
        state.watchdog = None;
        if let Some(running) = state.running.take() {
            running.worker.terminate();
        }
        state.in_flight.take()
    };
    if let Some(pending) = pending {
        let seconds = LAB_TIMEOUT_MS / 1000;
        fail(pending, format!("the lab was still working on this code after {seconds} s, so it was stopped"));
    }
    pump(labs);
}

/// A new answer slot, where the page is cross-origin isolated (`SharedArrayBuffer` exists
/// only there).
fn answer_slot_if_isolated() -> Option<SharedArrayBuffer> {
    let isolated = js_sys::Reflect::get(&js_sys::global(), &"crossOriginIsolated".into()).ok()?;
    isolated.as_bool().unwrap_or(false).then(|| SharedArrayBuffer::new(answer_slot::BYTES))
}

fn fail(pending: Pending, message: String) {
    pending.on_answer.emit(PredictAnswer {
        seq: pending.request.seq,
        outcome: PredictOutcome::Failed { message },
        names: None,
    });
}

fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| format!("{error:?}"))
}
