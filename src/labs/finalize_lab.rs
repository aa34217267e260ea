//! The finalize lab: the program's statements one by one, with the objects alive after each
//! (refcounts, who holds them, cycles waiting for the collector), the finalizers that ran, a
//! step control with the object graph of the selected step, the traps as ready examples, and
//! the predicted output. After a Run, CPython's lines, exit included, are checked line by line.

#[path = "finalize/graph_drawing.rs"]
mod graph_drawing;
#[path = "finalize/object_graph.rs"]
mod object_graph;
#[path = "finalize/step_control.rs"]
mod step_control;
#[path = "finalize/step_explorer.rs"]
mod step_explorer;
#[path = "finalize/timeline.rs"]
mod timeline;
#[path = "finalize/trap_examples.rs"]
mod trap_examples;

use std::collections::BTreeMap;
use std::rc::Rc;

use lab::Comparison;
use lifetime::{FinalizeLab, Simulation};
use yew::prelude::*;

use super::check_badge;
use super::frame::PageLab;
use step_explorer::StepExplorer;
use trap_examples::TrapExamples;

impl PageLab for FinalizeLab {
    const TITLE: &'static str = "Lab: object lifetimes";
    const ID: &'static str = "finalize";

    fn intro() -> Html {
        html! {
            <>
                { "The lab follows the program statement by statement: who refers to each object, when the last reference goes, which cycles wait for " }
                <code>{ "gc.collect()" }</code>{ ", and when each " }<code>{ "weakref.finalize" }</code>
                { " callback runs, exit included. Run checks every predicted line against CPython." }
            </>
        }
    }

    fn input(_: &BTreeMap<String, String>) {}

    fn view(simulation: &Rc<Simulation>, comparison: Option<&Comparison>, _: Option<&str>) -> Html {
        simulation_view(simulation, comparison)
    }

    fn before_run() -> &'static str {
        "Run the code to check the prediction against CPython. The page's Python never exits, so the probe runs the program again and reproduces exit, after an exception or sys.exit() too: the finalizers still alive with atexit=True run, newest first."
    }
}

fn simulation_view(simulation: &Rc<Simulation>, comparison: Option<&Comparison>) -> Html {
    html! {
        <>
            if let Some(stop) = &simulation.not_modelled {
                <p class="lab-problem" role="status">
                    { format!("Line {} is not modelled ({}): ", stop.line, stop.reason) }<code>{ stop.text.lines().next().unwrap_or_default().to_owned() }</code>
                    { ". The timeline stops there rather than guess." }
                </p>
            }
            <TrapExamples />
            <StepExplorer simulation={simulation.clone()} />
            <h3>{ "Predicted output" }</h3>
            { output_view(simulation, comparison) }
            if let (Some(error), None) = (&simulation.error, simulation.error_line) {
                <p class="lab-note">
                    { "The program ends with " }<code>{ lifetime::shown_line(error) }</code>
                    { format!(": CPython prints no traceback and exits with status {}. The finalizers still alive run at exit, as above.", simulation.exit_status.unwrap_or(1)) }
                </p>
            } else if let Some(error) = &simulation.error {
                <p class="lab-note">
                    { "The program ends with an exception: CPython prints its traceback to stderr, ending at line " }
                    { simulation.error_line.map_or_else(|| "?".to_owned(), |line| line.to_string()) }{ " with " }<code>{ lifetime::shown_line(error) }</code>
                    { ". The finalizers still alive run at exit, as above." }
                </p>
            }
        </>
    }
}

fn output_view(simulation: &Simulation, comparison: Option<&Comparison>) -> Html {
    if simulation.output.is_empty() {
        return html! { <p class="lab-note">{ "The program prints nothing." }</p> };
    }
    html! {
        <ol class="lifetime-lines" aria-label="Predicted output">
            { for simulation.output.iter().enumerate().map(|(i, line)| html! {
                <li>
                    <code class="lifetime-line">{ lifetime::shown_line(line) }</code>
                    if comparison.is_some() {
                        { " " }{ check_badge(comparison, &format!("output line {}", i + 1)) }
                    }
                </li>
            }) }
        </ol>
    }
}
