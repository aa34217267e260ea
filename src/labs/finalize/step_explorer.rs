//! The timeline with a step control and the object graph of the selected step. The selection
//! survives an edit where the new timeline still has that step.

use std::rc::Rc;

use lifetime::Simulation;
use yew::prelude::*;

use super::object_graph::ObjectGraph;
use super::step_control::StepControl;
use super::timeline::{place, Timeline};

#[derive(Properties, PartialEq)]
pub struct StepExplorerProps {
    pub simulation: Rc<Simulation>,
}

#[function_component(StepExplorer)]
pub fn step_explorer(props: &StepExplorerProps) -> Html {
    let chosen = use_state(|| 0usize);
    let steps = &props.simulation.steps;
    if steps.is_empty() {
        return html! { <p class="lab-note">{ "No statement ran." }</p> };
    }
    let selected = (*chosen).min(steps.len() - 1);
    let step = &steps[selected];
    let describe = format!("{}: {}", place(step), step.text.lines().next().unwrap_or_default());
    let on_select = {
        let chosen = chosen.clone();
        Callback::from(move |index: usize| chosen.set(index))
    };
    html! {
        <>
            <h3>{ "Step by step" }</h3>
            <StepControl count={steps.len()} selected={selected} describe={AttrValue::from(describe)} on_select={on_select.clone()} />
            <ObjectGraph simulation={props.simulation.clone()} selected={selected} />
            <h3>{ "Timeline" }</h3>
            <Timeline simulation={props.simulation.clone()} selected={selected} on_select={on_select} />
        </>
    }
}
