//! The Python runtime's state: a progress bar while it loads, its version when
//! ready (and, as `data-standby`, whether a spare waits to replace it on Stop).

use yew::prelude::*;

use crate::python::EngineStatus;

#[derive(Properties, PartialEq)]
pub struct EngineStatusProps {
    pub status: EngineStatus,
}

#[function_component(EngineStatusView)]
pub fn engine_status_view(props: &EngineStatusProps) -> Html {
    match &props.status {
        EngineStatus::NotStarted => html! {},
        EngineStatus::Loading { stage, fraction } => html! {
            <div class="engine loading" role="status">
                <label for="python-progress">{ stage.clone() }</label>
                <progress id="python-progress" max="100" value={format!("{:.0}", fraction * 100.0)} />
            </div>
        },
        EngineStatus::Ready { python_version, interruptible, standby } => html! {
            <div class="engine ready" role="status" data-standby={standby.to_string()}>
                { format!("CPython {python_version} (Pyodide) ready") }
                <span class="hint" title={if *standby { "How Stop works on this page: a second Python is started and waiting" } else { "How Stop works on this page" }}>
                    { if *interruptible { " · Stop interrupts" } else { " · Stop restarts Python" } }
                </span>
            </div>
        },
        EngineStatus::Failed(message) => html! {
            <div class="engine failed" role="alert">{ format!("Python could not start: {message}") }</div>
        },
    }
}
