//! The timeline table: each statement, what it set off, and the objects alive afterwards; the
//! selected step's row is marked, and each row's place selects its step.

use std::rc::Rc;

use lifetime::{ObjectView, Simulation, Step};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub simulation: Rc<Simulation>,
    pub selected: usize,
    pub on_select: Callback<usize>,
}

#[function_component(Timeline)]
pub fn timeline(props: &TimelineProps) -> Html {
    html! {
        <div class="table-scroll" tabindex="0" role="group" aria-label="Timeline table (scrolls sideways)">
        <table class="lifetime-timeline">
            <caption class="lab-note">{ "Each statement, what it set off, and the objects alive afterwards." }</caption>
            <thead><tr>
                <th scope="col">{ "statement" }</th><th scope="col">{ "what happens" }</th><th scope="col">{ "alive afterwards" }</th>
            </tr></thead>
            <tbody>{ for props.simulation.steps.iter().enumerate().map(|(i, step)| step_row(step, i, i == props.selected, &props.on_select)) }</tbody>
        </table>
        </div>
    }
}

/// Where a step is: `line 8`, or `at exit`.
pub fn place(step: &Step) -> String {
    match step.line {
        Some(line) => format!("line {line}"),
        None => "at exit".to_owned(),
    }
}

fn step_row(step: &Step, index: usize, selected: bool, on_select: &Callback<usize>) -> Html {
    let on_click = on_select.reform(move |_: MouseEvent| index);
    html! {
        <tr class={classes!(selected.then_some("lifetime-selected"))} aria-current={selected.then_some("step")}>
            <th scope="row">
                <button type="button" class="lifetime-row-step" onclick={on_click}
                    aria-label={format!("Show step {}, {}", index + 1, place(step))}>{ place(step) }</button>
                <br /><code>{ step.text.clone() }</code>
            </th>
            <td>
                if step.events.is_empty() && step.printed.is_empty() {
                    <span class="lab-note">{ "nothing happens to the objects" }</span>
                }
                <ul class="lifetime-events">
                    { for step.events.iter().map(|e| html! { <li class={classes!(e.contains("finalizer of").then_some("lifetime-finalizer"))}>{ e.clone() }</li> }) }
                    { for step.printed.iter().map(|line| html! { <li>{ "prints " }<code class="lifetime-line">{ lifetime::shown_line(line) }</code></li> }) }
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
