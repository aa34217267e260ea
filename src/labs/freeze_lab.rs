//! The freeze lab: a copy-on-write page simulator next to reports measured
//! with real CPython by the `playground freeze` companion.

#[path = "freeze/fetch.rs"]
mod fetch;
#[path = "freeze/inputs.rs"]
mod inputs;
#[path = "freeze/live_run.rs"]
mod live_run;
#[path = "freeze/page_grid.rs"]
mod page_grid;
#[path = "freeze/pool.rs"]
mod pool;
#[path = "freeze/pool_counters.rs"]
mod pool_counters;
#[path = "freeze/report_chart.rs"]
mod report_chart;
#[path = "freeze/report_picker.rs"]
mod report_picker;
#[path = "freeze/reports.rs"]
mod reports;
#[path = "freeze/simulator_controls.rs"]
mod simulator_controls;

use std::collections::BTreeMap;

use yew::prelude::*;

use inputs::SimulatorInputs;
use pool::Pool;
use reports::Reports;
use simulator_controls::SimulatorControls;

#[derive(Properties, PartialEq)]
pub struct FreezeLabProps {
    pub fields: BTreeMap<String, String>,
    pub on_field: Callback<(String, String)>,
}

#[function_component(FreezeLab)]
pub fn freeze_lab(props: &FreezeLabProps) -> Html {
    let inputs = SimulatorInputs::from_fields(&props.fields);
    // A new heap, pool size or workload is a new fork: start the pool over. Freeze is not in
    // the key because the pool simulates both ways in lockstep and only shows one.
    let pool_key = format!("{}-{}-{}", inputs.heap_mb, inputs.workers, inputs.workload);
    html! {
        <section class="lab freeze-lab" aria-labelledby="freeze-lab-title">
            <h2 id="freeze-lab-title">{ "Lab: copy-on-write after fork" }</h2>
            <p class="lab-intro">
                { "A master builds a heap, forks workers, and each worker serves requests. Every page a worker writes to is copied into it; the pages nobody wrote stay shared. Step through it, then compare with CPython measured on a real machine." }
            </p>
            <h3 id="freeze-sim-title">{ "Simulator" }</h3>
            <SimulatorControls inputs={inputs.clone()} on_field={props.on_field.clone()} />
            <Pool key={pool_key} {inputs} />
            <p class="freeze-explanation">
                { "What you see: reading an object writes its reference count, so every page a worker reads is copied, freeze or not (dotted). A full collection writes the GC header of every tracked object, so without freeze each request's collection copies all the pages holding dicts and lists (hatched). " }
                <code>{ "gc.freeze()" }</code>
                { " before the fork moves those objects to the permanent generation, which collections skip: it removes exactly the collection copies and nothing else, and Rss, which counts shared pages in full, cannot show the difference; Pss can." }
            </p>
            <Reports />
        </section>
    }
}
