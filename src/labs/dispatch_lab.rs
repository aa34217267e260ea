//! The dispatch lab: which payload key feeds which parameter, what each
//! parameter ends up with, and how the call ends, for the naive filter and
//! for a strict dispatcher. After a Run, CPython runs the same dispatcher.

use dispatch::{DispatchPrediction, Dispatcher, Outcome, ParamSource, Route};
use serde_json::Value;
use yew::prelude::*;

use super::{agreement_badge, syntax_banner, use_last_good, LabRunProps, ParsedCode};

pub const DEFAULT_HANDLER: &str = "create_user";
pub const DEFAULT_PAYLOAD: &str = r#"{"user_id": 7, "name": "ada", "source": "web"}"#;

/// The lab's inputs, read from the page's URL fields with defaults.
pub struct DispatchInputs {
    pub handler: String,
    pub payload: String,
    pub dispatcher: Dispatcher,
}

impl DispatchInputs {
    pub fn from_fields(fields: &std::collections::BTreeMap<String, String>) -> Self {
        DispatchInputs {
            handler: fields.get("handler").cloned().unwrap_or_else(|| DEFAULT_HANDLER.to_owned()),
            payload: fields.get("payload").cloned().unwrap_or_else(|| DEFAULT_PAYLOAD.to_owned()),
            dispatcher: match fields.get("dispatcher").map(String::as_str) {
                Some("strict") => Dispatcher::Strict,
                _ => Dispatcher::Naive,
            },
        }
    }

    /// The probe Run appends: the dispatch itself, then the cost measurement.
    pub fn probe(&self) -> Option<String> {
        let payload: Value = serde_json::from_str(&self.payload).ok()?;
        let payload = payload.to_string();
        Some(format!(
            "{}\n{}",
            dispatch::probe(&self.handler, &payload, self.dispatcher),
            dispatch::cost_probe(&self.handler, &payload)
        ))
    }
}

fn predict(parsed: &ParsedCode, inputs: &DispatchInputs) -> Result<DispatchPrediction, String> {
    let payload: Value =
        serde_json::from_str(&inputs.payload).map_err(|e| format!("The payload is not valid JSON: {e}"))?;
    let parsed = parsed.parsed().map_err(|e| format!("SyntaxError at line {}: {}", e.line, e.message))?;
    dispatch::predict(&parsed.module, &inputs.handler, &payload, inputs.dispatcher).map_err(|e| format!("{e}"))
}

#[function_component(DispatchLab)]
pub fn dispatch_lab(props: &LabRunProps) -> Html {
    let inputs = DispatchInputs::from_fields(&props.fields);
    let (handlers, stale) = use_last_good(props.parsed.clone(), |parsed| handler_names(&parsed.module));
    let prediction = use_memo(
        (props.parsed.clone(), inputs.handler.clone(), inputs.payload.clone(), inputs.dispatcher),
        |(parsed, handler, payload, dispatcher)| {
            predict(
                parsed,
                &DispatchInputs { handler: handler.clone(), payload: payload.clone(), dispatcher: *dispatcher },
            )
        },
    );
    let last_good = use_mut_ref(|| None::<DispatchPrediction>);
    if let Ok(p) = &*prediction {
        *last_good.borrow_mut() = Some(p.clone());
    }

    let set = |key: &'static str| {
        let on_field = props.on_field.clone();
        Callback::from(move |value: String| on_field.emit((key.to_owned(), value)))
    };
    let on_handler =
        set("handler").reform(|e: InputEvent| e.target_unchecked_into::<web_sys::HtmlInputElement>().value());
    let on_payload =
        set("payload").reform(|e: InputEvent| e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value());
    let on_dispatcher =
        set("dispatcher").reform(|e: Event| e.target_unchecked_into::<web_sys::HtmlSelectElement>().value());

    let shown = match &*prediction {
        Ok(p) => Some((p.clone(), false)),
        Err(_) => last_good.borrow().clone().map(|p| (p, true)),
    };
    html! {
        <section class="lab" aria-labelledby="dispatch-lab-title">
            <h2 id="dispatch-lab-title">{ "Lab: wiring" }</h2>
            <p class="lab-intro">{ "Pick a handler and edit the payload. The lab wires them as the dispatcher would and predicts how the call ends; Run makes CPython do it." }</p>
            { syntax_banner(stale.as_ref()) }
            <div class="lab-inputs">
                <label for="dispatch-handler">{ "Handler" }</label>
                <input id="dispatch-handler" type="text" list="dispatch-handlers" value={inputs.handler.clone()} oninput={on_handler} spellcheck="false" />
                <datalist id="dispatch-handlers">
                    { for handlers.iter().flat_map(|h| h.iter()).map(|name| html! { <option value={name.clone()} /> }) }
                </datalist>
                <label for="dispatch-payload">{ "Payload (JSON object)" }</label>
                <textarea id="dispatch-payload" rows="3" value={inputs.payload.clone()} oninput={on_payload} spellcheck="false" />
                <label for="dispatch-dispatcher">{ "Dispatcher" }</label>
                <select id="dispatch-dispatcher" onchange={on_dispatcher}>
                    <option value="naive" selected={inputs.dispatcher == Dispatcher::Naive}>{ "naive: keep the keys named in sig.parameters" }</option>
                    <option value="strict" selected={inputs.dispatcher == Dispatcher::Strict}>{ "strict: reject unknown keys, convert to the annotated type" }</option>
                </select>
            </div>
            if let Err(problem) = &*prediction {
                <p class="lab-problem" role="status">{ problem.clone() }</p>
            }
            if let Some((p, dimmed)) = shown {
                <div class={classes!(dimmed.then_some("stale"))}>{ prediction_view(&p) }</div>
            }
            { run_check(props, &inputs) }
        </section>
    }
}

fn handler_names(module: &pysource::Module) -> Vec<String> {
    let mut names: Vec<String> = module.functions.iter().map(|f| f.name.clone()).collect();
    for class in &module.classes {
        names.push(class.name.clone());
        for member in &class.members {
            if matches!(member.kind, pysource::MemberKind::Method(_)) && !member.name.starts_with("__") {
                names.push(format!("{}.{}", class.name, member.name));
            }
        }
    }
    names
}

fn prediction_view(p: &DispatchPrediction) -> Html {
    let outcome = match p.outcome {
        Outcome::Ok => {
            html! { <p class="verdict yes">{ format!("✓ The call goes through: {}({})", p.qualname, call_arguments(p)) }</p> }
        }
        Outcome::Error => {
            html! { <p class="verdict no">{ "✗ " }<code>{ p.error.clone().unwrap_or_default() }</code></p> }
        }
    };
    html! {
        <>
            <h3>{ "Prediction" }</h3>
            { outcome }
            <div class="table-scroll">
            <table>
                <caption class="lab-note">{ "Payload keys" }</caption>
                <thead><tr><th scope="col">{ "key" }</th><th scope="col">{ "goes" }</th></tr></thead>
                <tbody>
                { for p.wiring.keys.iter().map(|k| {
                    let (class, text) = match k.route {
                        Route::Keyword => ("yes", format!("→ {}=", k.param.clone().unwrap_or_default())),
                        Route::Positional => ("yes", format!("→ {} (positionally)", k.param.clone().unwrap_or_default())),
                        Route::ExtraKeyword => ("warn", format!("→ into **{}", k.param.clone().unwrap_or_default())),
                        Route::Dropped => ("no", "dropped".to_owned()),
                        Route::Rejected => ("no", "rejected".to_owned()),
                    };
                    html! { <tr><td><code>{ k.key.clone() }</code></td><td class={classes!("verdict", class)}>{ text }</td></tr> }
                }) }
                </tbody>
            </table>
            <table>
                <caption class="lab-note">{ "Parameters" }</caption>
                <thead><tr><th scope="col">{ "parameter" }</th><th scope="col">{ "kind" }</th><th scope="col">{ "gets" }</th></tr></thead>
                <tbody>
                { for p.wiring.params.iter().map(|param| {
                    let (class, text) = match param.source {
                        ParamSource::Payload | ParamSource::Collected => ("yes", param.value.as_ref().map_or("nothing".to_owned(), Value::to_string)),
                        ParamSource::Default => ("warn", format!("default {}", param.default.clone().unwrap_or_default())),
                        ParamSource::Missing => ("no", "missing".to_owned()),
                    };
                    html! {
                        <tr><td><code>{ param.name.clone() }</code></td><td>{ kind_name(param.kind) }</td>
                        <td class={classes!("verdict", class)}>{ text }</td></tr>
                    }
                }) }
                </tbody>
            </table>
            </div>
        </>
    }
}

fn call_arguments(p: &DispatchPrediction) -> String {
    p.arguments
        .as_ref()
        .map(|args| args.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(", "))
        .unwrap_or_default()
}

fn kind_name(kind: pysource::ParamKind) -> &'static str {
    match kind {
        pysource::ParamKind::PositionalOnly => "positional-only",
        pysource::ParamKind::PositionalOrKeyword => "positional or keyword",
        pysource::ParamKind::VarPositional => "*args",
        pysource::ParamKind::KeywordOnly => "keyword-only",
        pysource::ParamKind::VarKeyword => "**kwargs",
    }
}

/// CPython's result for the dispatch that ran, checked field by field against
/// the prediction for the same code and inputs.
fn run_check(props: &LabRunProps, inputs: &DispatchInputs) -> Html {
    let (Some(ran), Some(finished)) = (&props.ran, &props.finished) else {
        return html! { <p class="lab-note">{ "Run the code to check the prediction against CPython." }</p> };
    };
    if let Some(error) = &finished.outcome.probe_error {
        return html! { <p class="lab-note">{ format!("CPython could not run the dispatcher: {error}") }</p> };
    }
    let ran_inputs = DispatchInputs::from_fields(&ran.fields);
    let Ok(predicted) = predict(&ParsedCode::parse(&ran.code), &ran_inputs) else {
        return html! { <p class="lab-note">{ "There was no prediction for the code that ran." }</p> };
    };
    let Some(actual) = finished.outcome.probe_reports.first().and_then(|json| serde_json::from_str::<Value>(json).ok())
    else {
        return html! { <p class="lab-note">{ "The code did not finish, so CPython could not run the dispatcher." }</p> };
    };
    let predicted_json = serde_json::to_value(&predicted).unwrap_or(Value::Null);
    let fields = ["outcome", "error", "arguments", "dropped"];
    let checks: Vec<(&str, bool, String)> = fields
        .iter()
        .map(|field| {
            let (want, got) = (&predicted_json[field], &actual[field]);
            (*field, want == got, got.to_string())
        })
        .collect();
    let agreed = checks.iter().filter(|c| c.1).count();
    let cost = finished.outcome.probe_reports.get(1).and_then(|json| serde_json::from_str::<Value>(json).ok());
    let stale =
        props.edited_since_run() || ran_inputs.handler != inputs.handler || ran_inputs.payload != inputs.payload;
    html! {
        <div class="run-check">
            <h3>{ "CPython says" }</h3>
            <p class="run-verdict" role="status">
                { agreement_badge(agreed == checks.len(), &format!("CPython agreed on {agreed} of {} predictions", checks.len())) }
                if stale { <span class="lab-note">{ " (for the code and inputs as they were when you pressed Run)" }</span> }
            </p>
            <ul class="checks">
                { for checks.iter().map(|(field, agrees, got)| html! {
                    <li>{ agreement_badge(*agrees, field) }{ " " }<code>{ got.clone() }</code></li>
                }) }
            </ul>
            if let Some(cost) = cost {
                { cost_view(&cost) }
            }
        </div>
    }
}

fn cost_view(cost: &Value) -> Html {
    let (Some(per_call), Some(cached)) = (cost["signature_per_call"].as_f64(), cost["cached_signature"].as_f64())
    else {
        return html! {};
    };
    html! {
        <p class="cost">
            { "Cost, measured in CPython: " }
            <strong>{ format!("{:.0}", per_call) }</strong>{ " dispatches/s calling inspect.signature every time, " }
            <strong>{ format!("{:.0}", cached) }</strong>{ " with the signature cached" }
            { format!(" ({:.0}× faster).", cached / per_call.max(1.0)) }
        </p>
    }
}
