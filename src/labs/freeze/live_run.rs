//! Running the experiment on this machine through `playground serve`: offered only when the
//! page is served by the companion, which answers `GET ./api/health`.

use std::cell::Cell;
use std::collections::BTreeSet;
use std::rc::Rc;

use cow::{FreezeReport, Workload};
use gloo::timers::callback::Interval;
use serde::Deserialize;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::fetch::{self, Reply};
use super::inputs::describe;

const POLL_MS: u32 = 500;

#[derive(Deserialize)]
struct Health {
    companion: bool,
}

#[derive(Clone, PartialEq, Deserialize)]
struct Progress {
    done: u32,
    total: u32,
    message: String,
}

/// `GET ./api/freeze/<id>`; the report stays JSON until it is parsed as one, so a bad report
/// gets `FreezeReport::from_json`'s message.
#[derive(Deserialize)]
struct Job {
    state: String,
    progress: Progress,
    report: Option<serde_json::Value>,
    error: Option<String>,
}

#[derive(Deserialize)]
struct Started {
    id: u64,
}

#[derive(Deserialize)]
struct ApiError {
    error: String,
}

#[derive(Clone, PartialEq)]
enum Companion {
    Checking,
    Absent,
    Idle { message: Option<String> },
    Starting,
    Running { id: u64, progress: Progress },
}

/// The companion's own `{"error": …}` message, or the status.
fn error_text(reply: &Reply) -> String {
    match serde_json::from_str::<ApiError>(&reply.body) {
        Ok(error) => format!("The companion refused ({}): {}", reply.status, error.error),
        Err(_) => format!("The companion answered {}", reply.status),
    }
}

#[derive(Properties, PartialEq)]
pub struct LiveRunProps {
    pub on_report: Callback<FreezeReport>,
}

#[function_component(LiveRun)]
pub fn live_run(props: &LiveRunProps) -> Html {
    let companion = use_state(|| Companion::Checking);
    let heap_mb = use_state(|| 100u32);
    let workers = use_state(|| 4u32);
    let runs = use_state(|| 3u32);
    let workloads = use_state(|| BTreeSet::from(["nothing".to_owned(), "requests".to_owned()]));

    {
        let companion = companion.clone();
        use_effect_with((), move |_| {
            spawn_local(async move {
                let present = fetch::get("./api/health")
                    .await
                    .ok()
                    .filter(|reply| reply.status == 200)
                    .and_then(|reply| serde_json::from_str::<Health>(&reply.body).ok())
                    .is_some_and(|health| health.companion);
                companion.set(if present { Companion::Idle { message: None } } else { Companion::Absent });
            })
        });
    }

    let running_id = match &*companion {
        Companion::Running { id, .. } => Some(*id),
        _ => None,
    };
    {
        let (companion, on_report) = (companion.clone(), props.on_report.clone());
        use_effect_with(running_id, move |id| {
            let interval = id.map(|id| {
                // One poll at a time: a slow answer must not pile up requests.
                let in_flight = Rc::new(Cell::new(false));
                Interval::new(POLL_MS, move || {
                    if in_flight.replace(true) {
                        return;
                    }
                    let (companion, on_report, in_flight) = (companion.clone(), on_report.clone(), in_flight.clone());
                    spawn_local(async move {
                        companion.set(poll(id, &on_report).await);
                        in_flight.set(false);
                    });
                })
            });
            move || drop(interval)
        });
    }

    let on_submit = {
        let (companion, heap_mb, workers, runs, workloads) =
            (companion.clone(), heap_mb.clone(), workers.clone(), runs.clone(), workloads.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let body = serde_json::json!({
                "heap_mb": *heap_mb,
                "workers": *workers,
                "workload": workloads.iter().collect::<Vec<_>>(),
                "runs": *runs,
            })
            .to_string();
            let companion = companion.clone();
            companion.set(Companion::Starting);
            spawn_local(async move { companion.set(start(&body).await) });
        })
    };

    match &*companion {
        Companion::Checking => html! {},
        Companion::Absent => html! {
            <p class="lab-note freeze-companion-absent">
                { "To measure this machine, serve the app with the companion: " }<code>{ "make run" }</code>
                { " (or " }<code>{ "playground serve" }</code>{ ") adds a form here that runs the experiment with your CPython." }
            </p>
        },
        state => {
            let busy = matches!(state, Companion::Starting | Companion::Running { .. });
            let number = |state: &UseStateHandle<u32>| {
                let state = state.clone();
                Callback::from(move |e: Event| {
                    if let Ok(value) = e.target_unchecked_into::<HtmlInputElement>().value().parse() {
                        state.set(value);
                    }
                })
            };
            html! {
                <form class="freeze-live" onsubmit={on_submit} aria-labelledby="freeze-live-title">
                    <h4 id="freeze-live-title">{ "Run on this machine" }</h4>
                    <div class="freeze-controls">
                        <div>
                            <label for="freeze-live-heap">{ "Heap (MB)" }</label>
                            <input id="freeze-live-heap" type="number" min="8" max="1024" value={heap_mb.to_string()} onchange={number(&heap_mb)} />
                        </div>
                        <div>
                            <label for="freeze-live-workers">{ "Workers" }</label>
                            <input id="freeze-live-workers" type="number" min="1" max="8" value={workers.to_string()} onchange={number(&workers)} />
                        </div>
                        <div>
                            <label for="freeze-live-runs">{ "Runs" }</label>
                            <input id="freeze-live-runs" type="number" min="3" max="5" value={runs.to_string()} onchange={number(&runs)} />
                        </div>
                    </div>
                    <fieldset>
                        <legend>{ "Workloads (each is measured with and without freeze)" }</legend>
                        { for Workload::all().into_iter().map(|workload| {
                            let name = workload.to_string();
                            let id = format!("freeze-live-{}", name.replace([':', '/', '+'], "-"));
                            let toggle = {
                                let (workloads, name) = (workloads.clone(), name.clone());
                                Callback::from(move |_: Event| {
                                    let mut chosen = (*workloads).clone();
                                    if !chosen.remove(&name) {
                                        chosen.insert(name.clone());
                                    }
                                    workloads.set(chosen);
                                })
                            };
                            html! {
                                <div class="freeze-check">
                                    <input id={id.clone()} type="checkbox" checked={workloads.contains(&name)} onchange={toggle} />
                                    <label for={id}>{ describe(workload) }</label>
                                </div>
                            }
                        }) }
                    </fieldset>
                    <button class="primary" type="submit" disabled={busy || workloads.is_empty()}>{ "Run the experiment" }</button>
                    { status(state) }
                </form>
            }
        }
    }
}

fn status(state: &Companion) -> Html {
    match state {
        Companion::Idle { message: Some(message) } => html! { <p class="lab-problem" role="alert">{ message }</p> },
        Companion::Starting => html! { <p class="lab-note" role="status">{ "Starting…" }</p> },
        Companion::Running { progress, .. } => html! {
            <div class="freeze-progress" role="status">
                <label for="freeze-live-progress">{ format!("{} ({} of {})", progress.message, progress.done, progress.total) }</label>
                if progress.total > 0 {
                    <progress id="freeze-live-progress" max={progress.total.to_string()} value={progress.done.to_string()} />
                } else {
                    <progress id="freeze-live-progress" />
                }
            </div>
        },
        _ => html! {},
    }
}

async fn start(body: &str) -> Companion {
    let idle = |message: String| Companion::Idle { message: Some(message) };
    match fetch::post_json("./api/freeze", body).await {
        Ok(reply) if reply.status == 202 => match serde_json::from_str::<Started>(&reply.body) {
            Ok(started) => Companion::Running {
                id: started.id,
                progress: Progress { done: 0, total: 0, message: "starting".into() },
            },
            Err(error) => idle(format!("The companion's answer was not understood: {error}")),
        },
        Ok(reply) if reply.status == 409 => {
            idle("The companion is already running an experiment; try again when it has finished.".into())
        }
        Ok(reply) => idle(error_text(&reply)),
        Err(error) => idle(format!("Could not reach the companion: {error}")),
    }
}

async fn poll(id: u64, on_report: &Callback<FreezeReport>) -> Companion {
    let idle = |message: String| Companion::Idle { message: Some(message) };
    let reply = match fetch::get(&format!("./api/freeze/{id}")).await {
        Ok(reply) if reply.status == 200 => reply,
        Ok(reply) => return idle(error_text(&reply)),
        Err(error) => return idle(format!("Lost the companion: {error}")),
    };
    let job: Job = match serde_json::from_str(&reply.body) {
        Ok(job) => job,
        Err(error) => return idle(format!("The companion's progress was not understood: {error}")),
    };
    match (job.state.as_str(), job.report) {
        ("running", _) => Companion::Running { id, progress: job.progress },
        ("done", Some(report)) => match FreezeReport::from_json(&report.to_string()) {
            Ok(report) => {
                on_report.emit(report);
                Companion::Idle { message: None }
            }
            Err(error) => idle(format!("The companion's report could not be read: {error}")),
        },
        _ => idle(format!("The experiment failed: {}", job.error.unwrap_or_else(|| "no reason given".into()))),
    }
}
