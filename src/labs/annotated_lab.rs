//! The Annotated lab: what a validator that reads the metadata does with each parameter of a
//! call, what Python alone does (nothing), and what `get_type_hints` shows with and without
//! `include_extras=True`. After a Run, CPython runs the same pipeline.

use std::collections::BTreeMap;

use annotated::{Agreement, ParamPrediction, Predicted, Prediction, PYODIDE_PYTHON_MINOR};
use yew::prelude::*;

use super::{agreement_badge, syntax_banner, use_last_good, LabRunProps, Parsed, ParsedCode};

pub const DEFAULT_FUNCTION: &str = "sign_up";
pub const DEFAULT_VALUES: &str = r#"{"name": "al", "age": -4, "password": "hunter2"}"#;

/// The lab's inputs, read from the page's URL fields with defaults.
pub struct AnnotatedInputs {
    pub function: String,
    pub values: String,
}

impl AnnotatedInputs {
    pub fn from_fields(fields: &BTreeMap<String, String>) -> Self {
        AnnotatedInputs {
            function: fields.get("function").cloned().unwrap_or_else(|| DEFAULT_FUNCTION.to_owned()),
            values: fields.get("values").cloned().unwrap_or_else(|| DEFAULT_VALUES.to_owned()),
        }
    }

    /// The probe Run appends, when the inputs make a prediction to check.
    pub fn probe(&self, code: &str) -> Option<String> {
        predict(&ParsedCode::parse(code), self).ok()?;
        Some(annotated::probe(&self.function, &self.values))
    }
}

fn predict(parsed: &ParsedCode, inputs: &AnnotatedInputs) -> Result<Prediction, String> {
    let parsed = parsed.parsed().map_err(|e| format!("SyntaxError at line {}: {}", e.line, e.message))?;
    let statements = parsed.source.statements();
    annotated::predict(&parsed.module, &statements, &inputs.function, &inputs.values, PYODIDE_PYTHON_MINOR)
}

fn annotated_functions(parsed: &Parsed) -> Vec<String> {
    annotated::functions(&parsed.module, &parsed.source.statements(), PYODIDE_PYTHON_MINOR)
}

#[function_component(AnnotatedLab)]
pub fn annotated_lab(props: &LabRunProps) -> Html {
    let inputs = AnnotatedInputs::from_fields(&props.fields);
    let (functions, stale) = use_last_good(props.parsed.clone(), annotated_functions);
    let prediction = use_memo(
        (props.parsed.clone(), inputs.function.clone(), inputs.values.clone()),
        |(parsed, function, values)| {
            predict(parsed, &AnnotatedInputs { function: function.clone(), values: values.clone() })
        },
    );
    let last_good = use_mut_ref(|| None::<Prediction>);
    if let Ok(p) = &*prediction {
        *last_good.borrow_mut() = Some(p.clone());
    }
    let agreements = use_memo((props.ran.clone(), props.finished.clone()), |(ran, finished)| {
        let (ran, finished) = (ran.as_ref()?, finished.as_ref()?);
        let predicted = predict(&ParsedCode::parse(&ran.code), &AnnotatedInputs::from_fields(&ran.fields)).ok()?;
        let report = finished.outcome.probe_reports.first()?;
        Some(annotated::compare(&predicted, report))
    });

    let set = |key: &'static str| {
        let on_field = props.on_field.clone();
        Callback::from(move |value: String| on_field.emit((key.to_owned(), value)))
    };
    let on_function =
        set("function").reform(|e: Event| e.target_unchecked_into::<web_sys::HtmlSelectElement>().value());
    let on_values =
        set("values").reform(|e: InputEvent| e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value());

    let mut options: Vec<String> = functions.as_deref().cloned().unwrap_or_default();
    if !options.contains(&inputs.function) {
        options.insert(0, inputs.function.clone());
    }
    let shown = match &*prediction {
        Ok(p) => Some((p.clone(), false)),
        Err(_) => last_good.borrow().clone().map(|p| (p, true)),
    };
    let observed = match agreements.as_ref() {
        Some(Ok(list)) => Some(list.as_slice()),
        _ => None,
    };
    html! {
        <section class="lab" aria-labelledby="annotated-lab-title">
            <h2 id="annotated-lab-title">{ "Lab: metadata pipeline" }</h2>
            <p class="lab-intro">
                { "Pick a function and the values of a call. The lab predicts what a validator that reads " }
                <code>{ "get_type_hints(f, include_extras=True)" }</code>
                { " does with each parameter's metadata (the page's " }<code>{ "check" }</code>
                { "), and what Python does on its own. Run makes CPython do it." }
            </p>
            { syntax_banner(stale.as_ref()) }
            <div class="lab-inputs">
                <label for="annotated-function">{ "Function" }</label>
                <select id="annotated-function" onchange={on_function}>
                    { for options.iter().map(|name| html! { <option value={name.clone()} selected={*name == inputs.function}>{ name.clone() }</option> }) }
                </select>
                <label for="annotated-values">{ "Values of the call (JSON object)" }</label>
                <textarea id="annotated-values" rows="3" value={inputs.values.clone()} oninput={on_values} spellcheck="false" />
            </div>
            if let Err(problem) = &*prediction {
                <p class="lab-problem" role="status">{ problem.clone() }</p>
            }
            if let Some((p, dimmed)) = shown {
                <div class={classes!(dimmed.then_some("stale"))}>{ prediction_view(&p, observed) }</div>
            }
            { run_summary(props, &inputs, agreements.as_ref().as_ref()) }
        </section>
    }
}

fn prediction_view(p: &Prediction, observed: Option<&[Agreement]>) -> Html {
    let verdict = |param: &str, what: &str| -> Html {
        match observed.and_then(|list| list.iter().find(|a| a.param.as_deref() == Some(param) && a.what == what)) {
            Some(a) => {
                html! { <div class="cpython-says">{ agreement_badge(a.agrees, if a.agrees { "CPython agrees" } else { "CPython differs" }) }
                if !a.agrees { <code class="cpython-actual">{ a.actual.clone() }</code> }</div> }
            }
            None => html! {},
        }
    };
    let call = format!("{}(**values)", p.function);
    html! {
        <>
            <h3>{ "What Python itself does" }</h3>
            <p class="lab-fine">{ format!("✓ {call} runs: Python stores the metadata and never reads it.") }</p>
            if !p.missing.is_empty() {
                <p class="lab-note">{ format!("The values leave out {}: calling {} directly would raise TypeError for the missing argument, a signature error, not a metadata check.", p.missing.join(", "), p.function) }</p>
            }
            <h3>{ "What the validator does" }</h3>
            <div class="table-scroll">
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
            <div class="table-scroll">
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

fn run_summary(
    props: &LabRunProps,
    inputs: &AnnotatedInputs,
    agreements: Option<&Result<Vec<Agreement>, String>>,
) -> Html {
    let (Some(ran), Some(finished)) = (&props.ran, &props.finished) else {
        return html! { <p class="lab-note">{ "Run the code to check the prediction against CPython." }</p> };
    };
    if let Some(error) = &finished.outcome.probe_error {
        return html! { <p class="lab-note">{ format!("CPython could not run the validator: {error}") }</p> };
    }
    match agreements {
        Some(Ok(list)) if !list.is_empty() => {
            let agreed = list.iter().filter(|a| a.agrees).count();
            let ran_inputs = AnnotatedInputs::from_fields(&ran.fields);
            let stale = props.edited_since_run()
                || ran_inputs.function != inputs.function
                || ran_inputs.values != inputs.values;
            let error = list.iter().find(|a| a.param.is_none());
            html! {
                <div class="run-check">
                    <p class="run-verdict" role="status">
                        { agreement_badge(agreed == list.len(), &format!("CPython agreed on {agreed} of {} predictions", list.len())) }
                        if stale { <span class="lab-note">{ " (for the code and inputs as they were when you pressed Run)" }</span> }
                    </p>
                    if let Some(error) = error {
                        <p>{ agreement_badge(error.agrees, "how the validator ended") }{ " " }<code>{ if error.actual == "none" { "finished".to_owned() } else { error.actual.clone() } }</code></p>
                    }
                </div>
            }
        }
        Some(Err(problem)) => {
            html! { <p class="lab-note">{ format!("CPython's report could not be read: {problem}") }</p> }
        }
        _ => html! { <p class="lab-note">{ "The code did not finish, so CPython could not run the validator." }</p> },
    }
}
