//! The Python runtime's state: a progress bar while it loads, its version and
//! how it started when ready (and, as `data-standby`, whether a spare waits to
//! replace it on Stop; as `data-packages`, whether the packages the code
//! imports are loading or loaded), with the setting for warm starts from a snapshot.

use web_sys::HtmlInputElement;
use worker_protocol::StartKind;
use yew::prelude::*;

use crate::python::{self, EngineStatus, PackagesStatus};

#[derive(Properties, PartialEq)]
pub struct EngineStatusProps {
    pub status: EngineStatus,
    /// Packages loading for the page's code, or loaded.
    #[prop_or_default]
    pub packages: Option<PackagesStatus>,
}

#[function_component(EngineStatusView)]
pub fn engine_status_view(props: &EngineStatusProps) -> Html {
    let snapshots = use_state(python::snapshots_enabled);
    let on_snapshots = {
        let snapshots = snapshots.clone();
        Callback::from(move |event: Event| {
            let enabled = event.target_unchecked_into::<HtmlInputElement>().checked();
            python::set_snapshots_enabled(enabled);
            snapshots.set(enabled);
        })
    };
    match &props.status {
        EngineStatus::NotStarted => html! {},
        EngineStatus::Loading { stage, fraction } => html! {
            <div class="engine loading" role="status">
                <label for="python-progress">{ stage.clone() }</label>
                <progress id="python-progress" max="100" value={format!("{:.0}", fraction * 100.0)} />
            </div>
        },
        EngineStatus::Ready { python_version, interruptible, start, standby } => html! {
            <div class="engine ready" data-standby={standby.to_string()}
                data-start={match start { StartKind::Cold => "cold", StartKind::Snapshot => "snapshot" }}
                data-packages={props.packages.as_ref().map(|p| if p.loading { "loading" } else { "loaded" })}>
                <span role="status">
                    { format!("CPython {python_version} (Pyodide) ready") }
                    if let Some(packages) = &props.packages {
                        <span class="packages">{ format!(" · {}", packages.text) }</span>
                    }
                    <span class="hint">
                        { match start { StartKind::Cold => " · cold start", StartKind::Snapshot => " · warm start from a snapshot" } }
                    </span>
                    <span class="hint" title={if *standby { "How Stop works on this page: a second Python is started and waiting" } else { "How Stop works on this page" }}>
                        { if *interruptible { " · Stop interrupts" } else { " · Stop restarts Python" } }
                    </span>
                </span>
                <label title="Later visits restore a snapshot of a freshly started Python, about a second instead of several. Takes effect at the next start.">
                    <input type="checkbox" checked={*snapshots} onchange={on_snapshots} />
                    { " Warm start" }
                </label>
            </div>
        },
        EngineStatus::Failed(message) => html! {
            <div class="engine failed" role="alert">{ format!("Python could not start: {message}") }</div>
        },
    }
}
