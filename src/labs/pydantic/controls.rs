//! The pydantic lab's inputs: the target (from the page lab's names), the mode, and the JSON
//! input, edited on each keystroke.

use pydantic_model::Mode;
use yew::prelude::*;

use super::{INPUT_FIELD, MODE_FIELD, TARGET_FIELD};

#[derive(Properties, PartialEq)]
pub struct PydanticControlsProps {
    /// The target chosen; empty for the code's first.
    pub target: AttrValue,
    pub targets: Vec<String>,
    pub input: AttrValue,
    pub mode: Mode,
    pub on_field: Callback<(String, String)>,
}

#[function_component(PydanticControls)]
pub fn pydantic_controls(props: &PydanticControlsProps) -> Html {
    let set = |key: &'static str| {
        let on_field = props.on_field.clone();
        Callback::from(move |value: String| on_field.emit((key.to_owned(), value)))
    };
    let on_target =
        set(TARGET_FIELD).reform(|e: Event| e.target_unchecked_into::<web_sys::HtmlSelectElement>().value());
    let on_mode = set(MODE_FIELD).reform(|e: Event| e.target_unchecked_into::<web_sys::HtmlSelectElement>().value());
    let on_input =
        set(INPUT_FIELD).reform(|e: InputEvent| e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value());
    let mut options = props.targets.clone();
    if !props.target.is_empty() && !options.iter().any(|t| *t == *props.target) {
        options.insert(0, props.target.to_string());
    }
    let chosen =
        if props.target.is_empty() { options.first().cloned().unwrap_or_default() } else { props.target.to_string() };
    html! {
        <div class="lab-inputs pydantic-inputs">
            <label for="pydantic-target">{ "Model or function" }</label>
            <select id="pydantic-target" onchange={on_target}>
                { for options.iter().map(|name| html! { <option value={name.clone()} selected={*name == chosen}>{ name.clone() }</option> }) }
            </select>
            <label for="pydantic-mode">{ "Mode" }</label>
            <select id="pydantic-mode" onchange={on_mode}>
                { for [Mode::Lax, Mode::Strict].into_iter().map(|mode| html! {
                    <option value={mode.name()} selected={mode == props.mode}>{ mode.name() }</option>
                }) }
            </select>
            <label for="pydantic-input">{ "Input (JSON)" }</label>
            <textarea id="pydantic-input" rows="4" value={props.input.clone()} oninput={on_input} spellcheck="false" />
        </div>
    }
}
