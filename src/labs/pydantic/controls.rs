//! The pydantic lab's inputs: the target (from the page lab's names), the mode, and the JSON
//! input, edited on each keystroke, as text or through a form of the target's fields.

use pydantic_model::{FormField, FormKind, Mode};
use yew::prelude::*;

use super::{INPUT_FIELD, MODE_FIELD, TARGET_FIELD};

#[derive(Properties, PartialEq)]
pub struct PydanticControlsProps {
    /// The target chosen; empty for the code's first.
    pub target: AttrValue,
    pub targets: Vec<String>,
    pub input: AttrValue,
    pub mode: Mode,
    /// The target's fields, from the last prediction's JSON Schema; None before there is one.
    pub form: Option<Vec<FormField>>,
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
            if let Some(form) = &props.form {
                <InputForm fields={form.clone()} input={props.input.clone()} on_input={set(INPUT_FIELD)} />
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct InputFormProps {
    fields: Vec<FormField>,
    input: AttrValue,
    /// Gets the whole JSON input, rewritten for the one field changed.
    on_input: Callback<String>,
}

/// One control per field of the target; each rewrites its key of the JSON input.
#[function_component(InputForm)]
fn input_form(props: &InputFormProps) -> Html {
    let texts = pydantic_model::field_texts(&props.input, &props.fields);
    let editable = texts.is_some();
    html! {
        <fieldset class="pydantic-form" disabled={!editable}>
            <legend>{ "Input fields" }</legend>
            if !editable {
                <p class="lab-note">{ "The fields edit a JSON object: make the input one to use them." }</p>
            }
            { for props.fields.iter().enumerate().map(|(i, field)| {
                let id = format!("pydantic-field-{i}");
                let text = texts.as_ref().map(|texts| texts[i].clone()).unwrap_or_default();
                let (input, field_now, on_input) = (props.input.clone(), field.clone(), props.on_input.clone());
                let write = move |text: String| {
                    if let Some(next) = pydantic_model::with_field(&input, &field_now, &text) {
                        on_input.emit(next);
                    }
                };
                let label = html! {
                    <label for={id.clone()}>
                        <code>{ field.key.clone() }</code>
                        if field.required { <span class="lab-note">{ " required" }</span> }
                    </label>
                };
                let control = match field.kind {
                    FormKind::Boolean => html! {
                        <input id={id} type="checkbox" checked={text == "true"}
                            onchange={Callback::from(move |e: Event| {
                                let checked = e.target_unchecked_into::<web_sys::HtmlInputElement>().checked();
                                write(checked.to_string());
                            })} />
                    },
                    FormKind::Text | FormKind::Number | FormKind::Json => html! {
                        <input id={id} type="text" value={text} spellcheck="false"
                            inputmode={(field.kind == FormKind::Number).then_some("decimal")}
                            oninput={Callback::from(move |e: InputEvent| {
                                write(e.target_unchecked_into::<web_sys::HtmlInputElement>().value());
                            })} />
                    },
                };
                html! { <div class="pydantic-form-field">{ label }{ control }</div> }
            }) }
        </fieldset>
    }
}
