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

use std::rc::Rc;

use cow::{FreezeInput, FreezeLab, FreezeReport};
use lab::Comparison;
use yew::prelude::*;

use super::frame::{Fields, PageLab};
use inputs::SimulatorInputs;
use pool::Pool;
use reports::Reports;
use simulator_controls::SimulatorControls;

impl PageLab for FreezeLab {
    const TITLE: &'static str = "Lab: copy-on-write after fork";
    const ID: &'static str = "freeze";
    // The simulator's pages do not depend on the CPython version.
    const VERSIONED: bool = false;

    fn intro() -> Html {
        html! { "A master builds a heap, forks workers, and each worker serves requests. Every page a worker writes to is copied into it; the pages nobody wrote stay shared. Step through it, then compare with CPython measured on a real machine." }
    }

    fn input(fields: &Fields) -> FreezeInput {
        let inputs = SimulatorInputs::from_fields(fields);
        FreezeInput { heap_mb: inputs.heap_mb, workers: inputs.workers, workloads: vec![inputs.workload] }
    }

    /// The simulator steps through one fork; its controls are the lab's input.
    fn controls(
        _: &FreezeInput,
        fields: &Fields,
        _: &[String],
        _: Option<&Self::Prediction>,
        on_field: &Callback<(String, String)>,
    ) -> Html {
        let inputs = SimulatorInputs::from_fields(fields);
        // A new heap, pool size or workload is a new fork: start the pool over. Freeze is not in
        // the key because the pool simulates both ways in lockstep and only shows one.
        let pool_key = format!("{}-{}-{}", inputs.heap_mb, inputs.workers, inputs.workload);
        html! {
            <>
                <h3 id="freeze-sim-title">{ "Simulator" }</h3>
                <SimulatorControls inputs={inputs.clone()} on_field={on_field.clone()} />
                <Pool key={pool_key} {inputs} />
                <p class="freeze-explanation">
                    { "What you see: reading an object writes its reference count, so every page a worker reads is copied, freeze or not (dotted). A full collection writes the GC header of every tracked object, so without freeze each request's collection copies all the pages holding dicts and lists (hatched). " }
                    <code>{ "gc.freeze()" }</code>
                    { " before the fork moves those objects to the permanent generation, which collections skip: it removes exactly the collection copies and nothing else, and Rss, which counts shared pages in full, cannot show the difference; Pss can." }
                </p>
            </>
        }
    }

    /// What the simulator predicts for the companion's experiment, then the measured reports.
    fn view(prediction: &Rc<FreezeReport>, _: Option<&Comparison>, _: Option<&str>) -> Html {
        html! {
            <>
                <h3>{ "Predicted totals" }</h3>
                <p class="lab-note">
                    { "What the simulator predicts " }<code>{ "playground freeze" }</code>
                    { " will measure for this heap, pool and workload (Pss of the master and every worker):" }
                </p>
                <ul class="freeze-predicted">
                    { for prediction.savings.iter().map(|saving| html! {
                        <li>
                            <code>{ saving.workload.to_string() }</code>{ ": " }
                            { format!("{:.0} MB without freeze, {:.0} MB with it: freeze saves {}", saving.no_freeze_mb, saving.freeze_mb, report_chart::one_decimal_percent(saving.saved_percent)) }
                        </li>
                    }) }
                </ul>
                <Reports />
            </>
        }
    }

    fn before_run() -> &'static str {
        "A browser cannot fork: the truth for this lab is measured by the companion, `playground freeze`. Its reports below sit next to the simulator's predictions; Run only runs the example in Pyodide."
    }
}
