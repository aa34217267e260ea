//! Embed mode's bridge to the host page (the page around the iframe).
//!
//! It takes the host's commands (`set-code`, `run`, `stop`) by `postMessage`,
//! tells the host what happens (`ready`, `output`, `finished` with the lab's
//! verdict, `error`, and `resize` whenever the page's height changes), and
//! starts Python lazily: when the embed scrolls into view, or on the first
//! interaction. The messages' shapes and the origin rule live in
//! `urlstate::embed`, as plain data; this module only moves them.
//!
//! A message is taken only from the parent window (`event.source`), and,
//! when the URL names the host's origin (`origin=`), only from that origin;
//! events are posted to that origin, or to "*" when none was named. Anything
//! else is ignored with a `console.warn`. Nothing a message holds is ever
//! written into the page as HTML: code goes to the editor as text.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use js_sys::Object;
use lab::Comparison;
use urlstate::embed::{accepts_origin, parse_host_message, EmbedEvent, HostMessage, Verdict};
use urlstate::EmbedStart;
use wasm_bindgen::prelude::*;
use web_sys::{IntersectionObserver, IntersectionObserverEntry, MessageEvent, ResizeObserver, Window};
use worker_protocol::RunStatus;
use yew::prelude::*;

use crate::python::{EngineStatus, FinishedRun, OutputChunk, PythonEngine, Stream};

/// How long after a run finishes the bridge waits for the lab's comparison of
/// it (computed in the same frame, handed up by an effect) before posting
/// `finished`.
const VERDICT_WAIT_MS: u32 = 50;
/// The events that count as a first interaction.
const INTERACTIONS: [&str; 3] = ["focusin", "keydown", "pointerdown"];

/// What the host may ask of the page.
#[derive(Clone)]
pub struct EmbedCommands {
    pub set_code: Callback<String>,
    pub run: Callback<()>,
    pub stop: Callback<()>,
}

/// The page's run, as the bridge reports it.
pub struct EmbedRun {
    /// The id of the run the page last started.
    pub run_id: Option<u32>,
    /// That run's output so far (the whole Output, while it shows this run).
    pub output: Vec<OutputChunk>,
    pub finished: Option<FinishedRun>,
    /// The lab's comparison of the last run it checked.
    pub comparison: Option<Rc<Comparison>>,
}

/// The embed options the URL gave.
#[derive(Clone, PartialEq)]
pub struct EmbedOptions {
    pub embed: bool,
    pub origin: Option<String>,
    pub start: EmbedStart,
}

/// Connects an embedded page to its host. Does nothing on a full page.
#[hook]
pub fn use_embed_bridge(options: EmbedOptions, engine: PythonEngine, commands: EmbedCommands, run: EmbedRun) {
    // The latest commands and comparison, for listeners set up once.
    let latest_commands = use_mut_ref(|| commands.clone());
    *latest_commands.borrow_mut() = commands;
    let latest_comparison = use_mut_ref(|| None::<Rc<Comparison>>);
    *latest_comparison.borrow_mut() = run.comparison.clone();

    {
        let (options, commands) = (options.clone(), latest_commands.clone());
        use_effect_with((), move |_| {
            let listener = options.embed.then(|| listen_to_host(options.origin.clone(), commands));
            move || drop(listener)
        });
    }
    {
        let options = options.clone();
        use_effect_with((), move |_| {
            let observer = options.embed.then(|| follow_height(options.origin.clone())).flatten();
            move || {
                if let Some((observer, _callback)) = observer {
                    observer.disconnect();
                }
            }
        });
    }
    {
        let (options, worker) = (options.clone(), engine.worker.clone());
        use_effect_with((), move |_| {
            let starter = worker.clone();
            let start: Rc<dyn Fn()> = Rc::new(move || starter.ensure_started());
            // A full page starts Python at once; an embed waits until it is seen or used, unless
            // `www/python-start.js` saw it first and started Python already.
            let guards = if options.embed && !worker.early_worker_waiting() {
                start_lazily(options.start, start)
            } else {
                start();
                Vec::new()
            };
            move || drop(guards)
        });
    }

    // Ready and error, each time the engine gets there.
    let was = use_mut_ref(|| EngineStatus::NotStarted);
    {
        let origin = options.origin.clone();
        let status = engine.state.status.clone();
        let embed = options.embed;
        use_effect_with(status, move |status| {
            let before = was.replace(status.clone());
            let event = match status {
                EngineStatus::Ready { python_version, .. } if !matches!(before, EngineStatus::Ready { .. }) => {
                    Some(EmbedEvent::Ready { python_version: python_version.clone() })
                }
                EngineStatus::Failed(message) if before != *status => {
                    Some(EmbedEvent::Error { message: message.clone() })
                }
                _ => None,
            };
            if let (true, Some(event)) = (embed, event) {
                post(origin.as_deref(), &event);
            }
        });
    }

    // Output, streamed: what was posted of the current run, in bytes.
    let sent = use_mut_ref(|| (None::<u32>, 0usize));
    if options.embed {
        let mut sent = sent.borrow_mut();
        if sent.0 != run.run_id {
            *sent = (run.run_id, 0);
        }
        let mut at = 0;
        for chunk in &run.output {
            let end = at + chunk.text.len();
            if end > sent.1 {
                let from = sent.1.saturating_sub(at);
                if chunk.text.is_char_boundary(from) {
                    let text = chunk.text[from..].to_owned();
                    post(options.origin.as_deref(), &EmbedEvent::Output { stream: stream_name(chunk.stream), text });
                }
                sent.1 = end;
            }
            at = end;
        }
    }

    // Finished, once per run, with the lab's verdict on it.
    let reported = use_mut_ref(|| None::<u32>);
    let finished_id = run.finished.as_ref().map(|f| f.run_id);
    let pending = use_mut_ref(|| None::<Timeout>);
    {
        let finished = run.finished.clone();
        let origin = options.origin.clone();
        let embed = options.embed;
        use_effect_with(finished_id, move |_| {
            let Some(finished) = finished.filter(|f| embed && *reported.borrow() != Some(f.run_id)) else { return };
            *reported.borrow_mut() = Some(finished.run_id);
            let before = latest_comparison.borrow().clone();
            *pending.borrow_mut() = Some(Timeout::new(VERDICT_WAIT_MS, move || {
                // A comparison that did not change since the run finished belongs to an earlier run.
                let comparison = latest_comparison
                    .borrow()
                    .clone()
                    .filter(|now| before.as_ref().is_none_or(|before| !Rc::ptr_eq(before, now)));
                let outcome = &finished.outcome;
                let status = match outcome.status {
                    RunStatus::Ok => "ok",
                    RunStatus::Error => "error",
                    RunStatus::Interrupted => "interrupted",
                };
                let verdict = comparison.map(|c| Verdict {
                    checked: c.checked(),
                    agreed: c.agreed(),
                    disagreed: c.disagreed(),
                    declined: c.declined(),
                    summary: c.summary(),
                });
                post(origin.as_deref(), &EmbedEvent::Finished { status, error: outcome.error.clone(), verdict });
            }));
        });
    }
}

fn stream_name(stream: Stream) -> &'static str {
    match stream {
        Stream::Stdout => "stdout",
        Stream::Stderr => "stderr",
        Stream::Note => "note",
    }
}

/// The host page's window, or None when the page is not in a frame.
fn parent() -> Option<Window> {
    let window = gloo::utils::window();
    window.parent().ok().flatten().filter(|parent| !Object::is(parent, &window))
}

fn post(origin: Option<&str>, event: &EmbedEvent) {
    let Some(parent) = parent() else { return };
    let Ok(data) = js_sys::JSON::parse(&event.to_json()) else { return };
    let _ = parent.post_message(&data, origin.unwrap_or("*"));
}

fn warn(why: &str) {
    web_sys::console::warn_1(&format!("Pattern Playground embed: ignored a message: {why}").into());
}

fn listen_to_host(origin: Option<String>, commands: Rc<RefCell<EmbedCommands>>) -> EventListener {
    EventListener::new(&gloo::utils::window(), "message", move |event| {
        let Some(event) = event.dyn_ref::<MessageEvent>() else { return };
        let from_parent = match (event.source(), parent()) {
            (Some(source), Some(parent)) => Object::is(&source, &parent),
            _ => false,
        };
        if !from_parent {
            return warn("it did not come from the page around this embed");
        }
        if !accepts_origin(origin.as_deref(), &event.origin()) {
            return warn(&format!("it came from {}, not from the origin this embed was given", event.origin()));
        }
        let json = js_sys::JSON::stringify(&event.data()).ok().and_then(|s| s.as_string());
        let message = match json.as_deref().map(parse_host_message) {
            Some(Ok(message)) => message,
            Some(Err(why)) => return warn(&why),
            None => return warn("it is not JSON data"),
        };
        let commands = commands.borrow().clone();
        match message {
            HostMessage::SetCode(code) => commands.set_code.emit(code),
            HostMessage::Run => commands.run.emit(()),
            HostMessage::Stop => commands.stop.emit(()),
        }
    })
}

type HeightObserver = (ResizeObserver, Closure<dyn FnMut()>);

/// Posts the page's height now and whenever it changes.
fn follow_height(origin: Option<String>) -> Option<HeightObserver> {
    let app = gloo::utils::document().query_selector(".app").ok().flatten()?.dyn_into::<web_sys::HtmlElement>().ok()?;
    let measured = app.clone();
    let last = RefCell::new(0u32);
    let callback = Closure::<dyn FnMut()>::new(move || {
        let height = measured.offset_height().max(0) as u32;
        if last.replace(height) != height {
            post(origin.as_deref(), &EmbedEvent::Resize { height });
        }
    });
    let observer = ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
    observer.observe(&app);
    Some((observer, callback))
}

/// What keeps a lazy start armed; dropping it disarms it.
enum StartGuard {
    Listener { _listener: EventListener },
    Observer { observer: IntersectionObserver, _callback: Closure<dyn FnMut(js_sys::Array)> },
}

impl Drop for StartGuard {
    fn drop(&mut self) {
        if let StartGuard::Observer { observer, .. } = self {
            observer.disconnect();
        }
    }
}

/// Starts Python on the first interaction and, for `start=visible`, when the
/// page scrolls into view.
fn start_lazily(start: EmbedStart, start_python: Rc<dyn Fn()>) -> Vec<StartGuard> {
    let window = gloo::utils::window();
    let mut guards: Vec<StartGuard> = INTERACTIONS
        .iter()
        .map(|&kind| {
            let start_python = start_python.clone();
            StartGuard::Listener { _listener: EventListener::new(&window, kind, move |_| start_python()) }
        })
        .collect();
    if start == EmbedStart::Visible {
        let main = gloo::utils::document().get_element_by_id("main");
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let visible =
                entries.iter().any(|e| e.dyn_ref::<IntersectionObserverEntry>().is_some_and(|e| e.is_intersecting()));
            if visible {
                start_python();
            }
        });
        if let (Some(main), Ok(observer)) = (main, IntersectionObserver::new(callback.as_ref().unchecked_ref())) {
            observer.observe(&main);
            guards.push(StartGuard::Observer { observer, _callback: callback });
        }
    }
    guards
}
