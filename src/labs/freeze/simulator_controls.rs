//! The simulator's controls; each one writes its value into the URL.

use cow::Workload;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::inputs::{describe, SimulatorInputs, FREEZE_KEY, HEAP_KEY, HEAP_MB, WORKERS, WORKERS_KEY, WORKLOAD_KEY};

#[derive(Properties, PartialEq)]
pub struct SimulatorControlsProps {
    pub inputs: SimulatorInputs,
    pub on_field: Callback<(String, String)>,
}

#[function_component(SimulatorControls)]
pub fn simulator_controls(props: &SimulatorControlsProps) -> Html {
    let set = |key: &'static str| {
        let on_field = props.on_field.clone();
        Callback::from(move |value: String| on_field.emit((key.to_owned(), value)))
    };
    // Numbers are taken on change, not per keystroke, so typing "128" does not fork at 1 and 12.
    let on_heap = set(HEAP_KEY).reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().value());
    let on_workers = set(WORKERS_KEY).reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().value());
    let on_workload = set(WORKLOAD_KEY).reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value());
    let on_freeze = set(FREEZE_KEY).reform(|e: Event| {
        let checked = e.target_unchecked_into::<HtmlInputElement>().checked();
        (if checked { "on" } else { "off" }).to_owned()
    });
    let inputs = &props.inputs;
    html! {
        <div class="freeze-controls">
            <div>
                <label for="freeze-heap">{ "Heap (MB)" }</label>
                <input id="freeze-heap" type="number" min={HEAP_MB.start().to_string()} max={HEAP_MB.end().to_string()}
                    step="8" value={inputs.heap_mb.to_string()} onchange={on_heap} />
            </div>
            <div>
                <label for="freeze-workers">{ "Workers" }</label>
                <input id="freeze-workers" type="number" min={WORKERS.start().to_string()} max={WORKERS.end().to_string()}
                    value={inputs.workers.to_string()} onchange={on_workers} />
            </div>
            <div class="freeze-workload">
                <label for="freeze-workload">{ "Workload" }</label>
                <select id="freeze-workload" onchange={on_workload}>
                    { for Workload::all().into_iter().map(|workload| html! {
                        <option value={workload.to_string()} selected={workload == inputs.workload}>
                            { describe(workload) }
                        </option>
                    }) }
                </select>
            </div>
            <div class="freeze-toggle">
                <input id="freeze-on" type="checkbox" checked={inputs.freeze} onchange={on_freeze} />
                <label for="freeze-on"><code>{ "gc.freeze()" }</code>{ " before the fork" }</label>
            </div>
        </div>
    }
}
