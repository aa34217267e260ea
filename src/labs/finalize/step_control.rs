//! Moves through the timeline one statement at a time: Previous and Next buttons and a range
//! input named "Step" (its arrow keys, Home and End work as on any slider).

use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StepControlProps {
    /// How many steps there are (at least one).
    pub count: usize,
    /// The selected step, from 0.
    pub selected: usize,
    /// The selected step in words: `line 8: del a`.
    pub describe: AttrValue,
    pub on_select: Callback<usize>,
}

#[function_component(StepControl)]
pub fn step_control(props: &StepControlProps) -> Html {
    let last = props.count.saturating_sub(1);
    let selected = props.selected.min(last);
    let go = |target: Option<usize>| {
        let on_select = props.on_select.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(target) = target {
                on_select.emit(target);
            }
        })
    };
    let on_previous = go(selected.checked_sub(1));
    let on_next = go((selected < last).then_some(selected + 1));
    let on_input = {
        let on_select = props.on_select.clone();
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value_as_number();
            if value.is_finite() && value >= 1.0 {
                on_select.emit(value as usize - 1);
            }
        })
    };
    let said = format!("Step {} of {}: {}", selected + 1, props.count, props.describe);
    // Buttons at either end stay focusable (aria-disabled, not disabled): a keyboard user
    // pressing Next until the end keeps the focus where it was.
    html! {
        <div class="lifetime-stepper" role="group" aria-label="Step through the program">
            <button type="button" onclick={on_previous} aria-disabled={(selected == 0).to_string()}>{ "Previous step" }</button>
            <label class="lifetime-step-label" for="lifetime-step">{ "Step" }</label>
            <input id="lifetime-step" type="range" min="1" max={props.count.max(1).to_string()} step="1"
                value={(selected + 1).to_string()} aria-valuetext={said.clone()} oninput={on_input} />
            <button type="button" onclick={on_next} aria-disabled={(selected == last).to_string()}>{ "Next step" }</button>
            <output class="lifetime-step-now" for="lifetime-step" aria-live="polite">{ said }</output>
        </div>
    }
}
