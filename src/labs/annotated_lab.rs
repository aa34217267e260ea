//! The Annotated lab: what a validator that reads the metadata does with each parameter of a
//! call, what Python does on its own (nothing), what `get_type_hints` shows with and without
//! `include_extras=True`, and what pydantic does with a JSON input against a model of the code.
//! One Run checks both: the page's lab is the pair (`lab::Both`) of the metadata pipeline lab
//! and the pydantic lab.

#[path = "pydantic/controls.rs"]
mod controls;
#[path = "pydantic/notes.rs"]
mod notes;
#[path = "pydantic/schema_view.rs"]
mod schema_view;
#[path = "pydantic/section.rs"]
mod section;
#[path = "pydantic/verdict.rs"]
mod verdict;

use std::collections::BTreeMap;
use std::rc::Rc;

use annotated::{
    subject as pipeline_subject, AnnotatedInput, AnnotatedLab, ParamPrediction, Predicted, Prediction, ValidatorSource,
};
use lab::{Both, BothInput, BothPrediction, Comparison};
use pydantic_model::{Mode, PydanticInput, PydanticLab, TARGET_NAME_PREFIX};
use yew::prelude::*;

use super::check_badge;
use super::frame::{Fields, PageLab};
use controls::PydanticControls;
use section::PydanticSection;

/// The page's lab: the metadata pipeline and pydantic, checked by one Run.
type AnnotatedPage = Both<AnnotatedLab, PydanticLab>;

/// The URL fields of the pydantic lab's input.
const TARGET_FIELD: &str = "pydantic_target";
const INPUT_FIELD: &str = "pydantic_input";
const MODE_FIELD: &str = "pydantic_mode";
/// The input pydantic's part starts with: the example's own `Account(name="al", age=-4,
/// password="hunter2")` as JSON, so the lab's first errors are the ones the example prints.
const EXAMPLE_INPUT: &str = r#"{"name": "al", "age": -4, "password": "hunter2"}"#;

/// The subject of a pydantic fact in the pair's comparison.
fn subject(fact: &str) -> String {
    AnnotatedPage::second_subject(fact)
}

impl PageLab for AnnotatedPage {
    const TITLE: &'static str = "Lab: metadata pipeline and pydantic";
    const ID: &'static str = "annotated";

    fn intro() -> Html {
        html! {
            <>
                { "Pick a function and the values of a call. The lab predicts what a validator that reads " }
                <code>{ "get_type_hints(f, include_extras=True)" }</code>
                { " does with each parameter's metadata (the page's " }<code>{ "check" }</code>
                { "), and what Python does on its own. For a pydantic model or " }<code>{ "validate_call" }</code>
                { " function, it predicts what pydantic does with the JSON input: valid or not, every error, the JSON Schema. Run makes CPython and pydantic do it." }
            </>
        }
    }

    fn input(fields: &BTreeMap<String, String>) -> BothInput<AnnotatedInput, PydanticInput> {
        let default = AnnotatedInput::default();
        let pydantic = PydanticInput::default();
        BothInput {
            first: AnnotatedInput {
                function: fields.get("function").cloned().unwrap_or(default.function),
                values: fields.get("values").cloned().unwrap_or(default.values),
            },
            second: PydanticInput {
                target: fields.get(TARGET_FIELD).cloned().unwrap_or(pydantic.target),
                input: fields.get(INPUT_FIELD).cloned().unwrap_or_else(|| EXAMPLE_INPUT.to_owned()),
                mode: fields.get(MODE_FIELD).and_then(|m| Mode::parse(m)).unwrap_or_default(),
            },
        }
    }

    fn controls(
        input: &BothInput<AnnotatedInput, PydanticInput>,
        _: &Fields,
        names: &[String],
        last: Option<&Self::Prediction>,
        on_field: &Callback<(String, String)>,
    ) -> Html {
        // The form follows the last prediction's schema, when it was for the target shown.
        let form = last
            .and_then(|last| last.second.as_ref().ok())
            .filter(|p| input.second.target.is_empty() || p.target == input.second.target)
            .and_then(|p| p.json_schema.as_ref())
            .and_then(pydantic_model::form_fields);
        let functions: Vec<String> = names.iter().filter(|n| !n.starts_with(TARGET_NAME_PREFIX)).cloned().collect();
        let targets: Vec<String> =
            names.iter().filter_map(|n| n.strip_prefix(TARGET_NAME_PREFIX)).map(str::to_owned).collect();
        let pydantic = &input.second;
        html! {
            <>
                { pipeline_controls(&input.first, &functions, on_field) }
                if !targets.is_empty() {
                    <PydanticControls
                        target={pydantic.target.clone()}
                        {targets}
                        input={pydantic.input.clone()}
                        mode={pydantic.mode}
                        {form}
                        on_field={on_field.clone()}
                    />
                }
            </>
        }
    }

    fn view(
        prediction: &Rc<BothPrediction<Prediction, pydantic_model::Prediction>>,
        comparison: Option<&Comparison>,
        _: Option<&str>,
    ) -> Html {
        let pydantic = prediction.second.clone().map(Rc::new);
        html! {
            <>
                { match &prediction.first {
                    Ok(first) => prediction_view(first, comparison),
                    Err(problem) => html! { <p class="lab-problem" role="status">{ problem.to_string() }</p> },
                } }
                <PydanticSection prediction={pydantic} comparison={comparison.cloned().map(Rc::new)} />
            </>
        }
    }
}

fn pipeline_controls(input: &AnnotatedInput, names: &[String], on_field: &Callback<(String, String)>) -> Html {
    let set = |key: &'static str| {
        let on_field = on_field.clone();
        Callback::from(move |value: String| on_field.emit((key.to_owned(), value)))
    };
    let on_function =
        set("function").reform(|e: Event| e.target_unchecked_into::<web_sys::HtmlSelectElement>().value());
    let on_values =
        set("values").reform(|e: InputEvent| e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value());
    let mut options = names.to_vec();
    if !options.contains(&input.function) {
        options.insert(0, input.function.clone());
    }
    html! {
        <div class="lab-inputs">
            <label for="annotated-function">{ "Function" }</label>
            <select id="annotated-function" onchange={on_function}>
                { for options.iter().map(|name| html! { <option value={name.clone()} selected={*name == input.function}>{ name.clone() }</option> }) }
            </select>
            <label for="annotated-values">{ "Values of the call (JSON object)" }</label>
            <textarea id="annotated-values" rows="3" value={input.values.clone()} oninput={on_values} spellcheck="false" />
        </div>
    }
}

fn prediction_view(p: &Prediction, comparison: Option<&Comparison>) -> Html {
    let verdict = |param: &str, what: &str| -> Html {
        html! { <div class="cpython-says">{ check_badge(comparison, &pipeline_subject(param, what)) }</div> }
    };
    let call = format!("{}(**values)", p.function);
    let validator = match &p.validator {
        ValidatorSource::Page { line } => html! {
            <p class="lab-note">{ format!("The validator is your check (line {line}): Run calls it, and its messages are checked against the prediction.") }</p>
        },
        ValidatorSource::Unrecognized { .. } => html! {
            <p class="lab-problem" role="status">
                { p.validator.not_judged().unwrap_or_default() }
                { ". Run still calls your check and shows what it printed, without a verdict." }
            </p>
        },
        ValidatorSource::Lab => html! {
            <p class="lab-note">{ "The code has no check of its own: Run calls the lab's validator, shown below the lab." }</p>
        },
    };
    html! {
        <>
            <h3>{ "What Python itself does" }</h3>
            <p class="lab-fine">{ format!("✓ {call} runs: Python stores the metadata and never reads it.") }</p>
            if !p.missing.is_empty() {
                <p class="lab-note">{ format!("The values leave out {}: calling {} directly would raise TypeError for the missing argument, a signature error, not a metadata check.", p.missing.join(", "), p.function) }</p>
            }
            <h3>{ "What the validator does" }</h3>
            { validator }
            <div class="table-scroll" tabindex="0" role="group" aria-label="Pipeline table (scrolls sideways)">
            <table class="annotated-pipeline">
                <caption class="lab-note">{ "Parameters, in the order of the signature; the validator visits them in the order of the values." }</caption>
                <thead><tr>
                    <th scope="col">{ "parameter" }</th>
                    <th scope="col">{ "metadata → what the validator does" }</th><th scope="col">{ "steps and messages" }</th>
                </tr></thead>
                <tbody>
                    { for p.params.iter().map(|param| pipeline_row(param, &verdict)) }
                </tbody>
            </table>
            </div>
            <h3>{ "Messages" }</h3>
            if let Some(reason) = &p.not_modelled {
                <p class="lab-problem">{ format!("The lab cannot follow the validator past {reason}; the messages below are only the ones before it.") }</p>
            }
            if p.messages.is_empty() && p.error.is_none() {
                <p class="lab-note">{ "The validator prints nothing: every checked value passes." }</p>
            } else {
                <pre class="annotated-messages" aria-label="Predicted messages">{ p.messages.iter().map(|m| format!("{m}\n")).collect::<String>() }
                    { p.error.clone().map(|e| format!("stopped: {e}\n")).unwrap_or_default() }</pre>
            }
            <h3>{ "What get_type_hints returns" }</h3>
            <div class="table-scroll" tabindex="0" role="group" aria-label="Type hints table (scrolls sideways)">
            <table class="annotated-hints">
                <caption class="lab-note">{ "The metadata is stripped unless include_extras=True is passed." }</caption>
                <thead><tr>
                    <th scope="col">{ "parameter" }</th>
                    <th scope="col"><code>{ format!("get_type_hints({})", p.function) }</code></th>
                    <th scope="col"><code>{ format!("get_type_hints({}, include_extras=True)", p.function) }</code></th>
                </tr></thead>
                <tbody>
                    { for p.params.iter().map(|param| html! {
                        <tr>
                            <th scope="row"><code>{ param.name.clone() }</code></th>
                            <td>{ predicted(&param.hint) }{ verdict(&param.name, "get_type_hints") }</td>
                            <td>{ predicted(&param.hint_extras) }{ verdict(&param.name, "include_extras=True") }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
        </>
    }
}

fn pipeline_row(param: &ParamPrediction, verdict: &dyn Fn(&str, &str) -> Html) -> Html {
    html! {
        <tr>
            <th scope="row">
                <code>{ param.name.clone() }</code>
                <dl class="annotated-param">
                    <dt>{ "value" }</dt>
                    <dd>{ match &param.value { Some(v) => html! { <code>{ v.clone() }</code> }, None => html! { <span class="lab-note">{ "not passed: not checked" }</span> } } }</dd>
                    <dt>{ "base" }</dt>
                    <dd>{ match &param.base { Some(b) => html! { <code>{ b.clone() }</code> }, None => html! { <span class="lab-note">{ "no annotation" }</span> } } }</dd>
                </dl>
            </th>
            <td>
                if param.metadata.is_empty() {
                    <span class="lab-note">{ "no metadata" }</span>
                } else {
                    <ul class="annotated-metadata">
                        { for param.metadata.iter().map(|m| html! { <li><code>{ m.repr.clone() }</code>{ " " }<span class="lab-note">{ m.action.clone() }</span></li> }) }
                    </ul>
                }
            </td>
            <td>
                <ul class="annotated-steps">
                    { for param.steps.iter().map(|s| html! { <li>{ s.clone() }</li> }) }
                    { for param.messages.iter().map(|m| html! { <li class="lab-message"><code>{ m.clone() }</code></li> }) }
                </ul>
                if param.value.is_some() && param.messages.is_empty() && !param.steps.is_empty() {
                    <span class="lab-fine">{ "✓ no message" }</span>
                }
                { verdict(&param.name, "messages") }
            </td>
        </tr>
    }
}

fn predicted(p: &Predicted) -> Html {
    match p {
        Predicted::Absent => html! { <span class="lab-note">{ "absent (no annotation)" }</span> },
        Predicted::Repr(text) => html! { <code>{ text.clone() }</code> },
        Predicted::NotModelled(reason) => {
            html! { <span class="lab-note">{ format!("not predicted: {reason}") }</span> }
        }
    }
}
