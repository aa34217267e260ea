//! The object graph after the selected step: a drawing for the eye and, for everyone
//! (screen readers get only this), the same graph as lists: each name and the object it
//! refers to, each object with its refcount, who holds it, what it refers to, and whether it
//! is in a cycle or waits for the collector.

use std::rc::Rc;

use lifetime::{ObjectView, Simulation, Step};
use yew::prelude::*;

use super::graph_drawing::GraphDrawing;
use super::timeline::place;

#[derive(Properties, PartialEq)]
pub struct ObjectGraphProps {
    pub simulation: Rc<Simulation>,
    pub selected: usize,
}

#[function_component(ObjectGraph)]
pub fn object_graph(props: &ObjectGraphProps) -> Html {
    let Some(step) = props.simulation.steps.get(props.selected) else { return html! {} };
    let heading = format!("Objects after step {} ({})", props.selected + 1, place(step));
    html! {
        <section class="lifetime-graph" aria-labelledby="lifetime-graph-heading">
            <h4 id="lifetime-graph-heading">{ heading }</h4>
            if step.names.is_empty() && step.objects.is_empty() {
                <p class="lab-note">{ "No names and no objects: everything the program made is gone." }</p>
            } else {
                <GraphDrawing simulation={props.simulation.clone()} selected={props.selected} />
                <p class="lab-note" aria-hidden="true">{ "Dashed outline: in a reference cycle. Shaded: unreachable, waits for gc.collect()." }</p>
                <div class="lifetime-graph-lists">
                    <div>
                        <h5>{ "Names" }</h5>
                        if step.names.is_empty() {
                            <p class="lab-note">{ "No module names." }</p>
                        }
                        <ul aria-label="Names" class="lifetime-names">
                            { for step.names.iter().map(|name| html! {
                                <li><code>{ name.name.clone() }</code>{ if name.object.is_some() { " → " } else { " = " } }
                                    <code>{ name.value.clone() }</code></li>
                            }) }
                        </ul>
                    </div>
                    <div>
                        <h5>{ "Objects" }</h5>
                        if step.objects.is_empty() {
                            <p class="lab-note">{ "No objects alive." }</p>
                        }
                        <ul aria-label="Objects" class="lifetime-objects">
                            { for step.objects.iter().map(|object| object_entry(step, object)) }
                        </ul>
                    </div>
                </div>
            }
        </section>
    }
}

fn label_of(step: &Step, id: usize) -> String {
    step.objects.iter().find(|o| o.id == id).map_or_else(|| format!("object {id}"), |o| o.label.clone())
}

fn object_entry(step: &Step, object: &ObjectView) -> Html {
    let holders = if object.referrers.is_empty() { "nothing".to_owned() } else { object.referrers.join(", ") };
    let refers: Vec<String> = step
        .references
        .iter()
        .filter(|r| r.from == object.id)
        .map(|r| format!("{} {}", r.via, label_of(step, r.to)))
        .collect();
    html! {
        <li class={classes!(object.in_cycle.then_some("lifetime-in-cycle"), object.waiting_for_gc.then_some("lifetime-waiting"))}>
            <code>{ object.label.clone() }</code>{ format!(" ({}): refcount {}, held by {holders}", object.class, object.refcount) }
            if !refers.is_empty() {
                { format!("; refers to {}", refers.join(", ")) }
            }
            if object.in_cycle {
                <span class="lifetime-warn">{ " · in a reference cycle" }</span>
            }
            if object.waiting_for_gc {
                <span class="lifetime-warn">{ " · unreachable: waits for gc.collect()" }</span>
            }
            if object.pinned_by_finalizer {
                <span class="lifetime-warn">{ " · its own finalizer keeps it alive until exit" }</span>
            }
        </li>
    }
}
