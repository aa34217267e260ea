//! The finalize lab: the program's statements one by one, with the objects alive after each
//! (refcounts, who holds them, cycles waiting for the collector), the finalizers that ran, and
//! the predicted output. After a Run, CPython's lines, exit included, are checked line by line.

use std::collections::BTreeMap;
use std::rc::Rc;

use lab::Comparison;
use lifetime::{FinalizeLab, ObjectView, Simulation, Step};
use yew::prelude::*;

use super::check_badge;
use super::frame::PageLab;

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
        "Run the code to check the prediction against CPython. The page's Python never exits, so the probe runs the program again and reproduces exit: the finalizers still alive with atexit=True run, newest first."
    }
}

fn simulation_view(simulation: &Simulation, comparison: Option<&Comparison>) -> Html {
    html! {
        <>
            if let Some(stop) = &simulation.not_modelled {
                <p class="lab-problem" role="status">
                    { format!("Line {} is not modelled ({}): ", stop.line, stop.reason) }<code>{ stop.text.lines().next().unwrap_or_default().to_owned() }</code>
                    { ". The timeline stops there rather than guess." }
                </p>
            }
            <h3>{ "Timeline" }</h3>
            <div class="table-scroll" tabindex="0" role="group" aria-label="Timeline table (scrolls sideways)">
            <table class="lifetime-timeline">
                <caption class="lab-note">{ "Each statement, what it set off, and the objects alive afterwards." }</caption>
                <thead><tr>
                    <th scope="col">{ "statement" }</th><th scope="col">{ "what happens" }</th><th scope="col">{ "alive afterwards" }</th>
                </tr></thead>
                <tbody>{ for simulation.steps.iter().map(step_row) }</tbody>
            </table>
            </div>
            <h3>{ "Predicted output" }</h3>
            { output_view(simulation, comparison) }
        </>
    }
}

fn step_row(step: &Step) -> Html {
    let place = match step.line {
        Some(line) => format!("line {line}"),
        None => "at exit".to_owned(),
    };
    html! {
        <tr>
            <th scope="row"><span class="lab-note">{ place }</span><br /><code>{ step.text.clone() }</code></th>
            <td>
                if step.events.is_empty() && step.printed.is_empty() {
                    <span class="lab-note">{ "nothing happens to the objects" }</span>
                }
                <ul class="lifetime-events">
                    { for step.events.iter().map(|e| html! { <li class={classes!(e.contains("finalizer of").then_some("lifetime-finalizer"))}>{ e.clone() }</li> }) }
                    { for step.printed.iter().map(|line| html! { <li>{ "prints " }<code class="lifetime-line">{ line.clone() }</code></li> }) }
                </ul>
            </td>
            <td>
                if step.objects.is_empty() {
                    <span class="lab-note">{ "none" }</span>
                }
                <ul class="lifetime-events">
                    { for step.objects.iter().map(object_item) }
                </ul>
            </td>
        </tr>
    }
}

fn object_item(object: &ObjectView) -> Html {
    let holders = if object.referrers.is_empty() { "nothing".to_owned() } else { object.referrers.join(", ") };
    html! {
        <li>
            <code>{ object.label.clone() }</code>
            { format!(" refcount {} (held by {holders})", object.refcount) }
            if object.waiting_for_gc {
                <span class="lifetime-warn">{ " unreachable cycle: waits for gc.collect()" }</span>
            }
            if object.pinned_by_finalizer {
                <span class="lifetime-warn">{ " its own finalizer keeps it alive until exit" }</span>
            }
            { match object.finalizer_alive {
                Some(true) => " · finalizer alive",
                Some(false) => " · finalizer dead",
                None => "",
            } }
        </li>
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
                    <code class="lifetime-line">{ line.clone() }</code>
                    if comparison.is_some() {
                        { " " }{ check_badge(comparison, &format!("output line {}", i + 1)) }
                    }
                </li>
            }) }
        </ol>
    }
}
