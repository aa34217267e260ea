//! The dispatch lab: which payload key feeds which parameter, what each
//! parameter ends up with, and how the call ends, for the naive filter and
//! for a strict dispatcher. After a Run, CPython runs the same dispatcher.

use std::collections::BTreeMap;
use std::rc::Rc;

use dispatch::{
    DispatchInput, DispatchLab, DispatchPrediction, Dispatcher, DispatcherSource, Outcome, ParamSource, Route,
};
use lab::Comparison;
use serde_json::Value;
use yew::prelude::*;

use super::frame::{Fields, PageLab};

impl PageLab for DispatchLab {
    const TITLE: &'static str = "Lab: wiring";
    const ID: &'static str = "dispatch";

    fn intro() -> Html {
        html! { "Pick a handler and edit the payload. The lab wires them as the dispatcher would and predicts how the call ends; Run makes CPython do it." }
    }

    fn input(fields: &BTreeMap<String, String>) -> DispatchInput {
        let default = DispatchInput::default();
        DispatchInput {
            handler: fields.get("handler").cloned().unwrap_or(default.handler),
            payload: fields.get("payload").cloned().unwrap_or(default.payload),
            dispatcher: match fields.get("dispatcher").map(String::as_str) {
                Some("strict") => Dispatcher::Strict,
                _ => Dispatcher::Naive,
            },
            ..default
        }
    }

    fn controls(
        input: &DispatchInput,
        _: &Fields,
        handlers: &[String],
        _: Option<&Self::Prediction>,
        on_field: &Callback<(String, String)>,
    ) -> Html {
        let set = |key: &'static str| {
            let on_field = on_field.clone();
            Callback::from(move |value: String| on_field.emit((key.to_owned(), value)))
        };
        let on_handler =
            set("handler").reform(|e: InputEvent| e.target_unchecked_into::<web_sys::HtmlInputElement>().value());
        let on_payload =
            set("payload").reform(|e: InputEvent| e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value());
        let on_dispatcher =
            set("dispatcher").reform(|e: Event| e.target_unchecked_into::<web_sys::HtmlSelectElement>().value());
        html! {
            <div class="lab-inputs">
                <label for="dispatch-handler">{ "Handler" }</label>
                <input id="dispatch-handler" type="text" list="dispatch-handlers" value={input.handler.clone()} oninput={on_handler} spellcheck="false" />
                <datalist id="dispatch-handlers">
                    { for handlers.iter().map(|name| html! { <option value={name.clone()} /> }) }
                </datalist>
                <label for="dispatch-payload">{ "Payload (JSON object)" }</label>
                <textarea id="dispatch-payload" rows="3" value={input.payload.clone()} oninput={on_payload} spellcheck="false" />
                <label for="dispatch-dispatcher">{ "Dispatcher" }</label>
                <select id="dispatch-dispatcher" onchange={on_dispatcher}>
                    <option value="naive" selected={input.dispatcher == Dispatcher::Naive}>{ "naive: keep the keys named in sig.parameters" }</option>
                    <option value="strict" selected={input.dispatcher == Dispatcher::Strict}>{ "strict: reject unknown keys, convert to the annotated type" }</option>
                </select>
            </div>
        }
    }

    fn view(prediction: &Rc<DispatchPrediction>, _: Option<&Comparison>, report: Option<&str>) -> Html {
        let cost = report.and_then(|report| serde_json::from_str::<Value>(report).ok()).map(|r| r["cost"].clone());
        html! {
            <>
                { prediction_view(prediction) }
                if let Some(cost) = cost { { cost_view(&cost) } }
            </>
        }
    }
}

fn prediction_view(p: &DispatchPrediction) -> Html {
    let outcome = match p.outcome {
        Outcome::Ok => {
            let call = p.call.clone().unwrap_or_else(|| format!("{}(…)", p.qualname));
            html! { <p class="verdict yes">{ format!("✓ The call goes through: {call}") }</p> }
        }
        Outcome::Error => {
            html! { <p class="verdict no">{ "✗ " }<code>{ p.error.clone().unwrap_or_default() }</code></p> }
        }
    };
    let source = match &p.dispatcher_source {
        DispatcherSource::Page { name, line } => html! {
            <p class="lab-note">{ format!("The dispatcher is your {name} (line {line}): Run calls it, and what the handler receives is checked against the prediction.") }</p>
        },
        DispatcherSource::Unrecognized { name, line, why } => html! {
            <p class="lab-problem" role="status">
                { format!("Your {name} (line {line}) is not one the lab can predict: {why}. The wiring below is the naive dispatcher's; Run still calls your {name} and shows what CPython did, without a verdict.") }
            </p>
        },
        DispatcherSource::Lab => html! {
            <p class="lab-note">{ "Run calls the lab's dispatcher, shown below the lab, after your code." }</p>
        },
    };
    html! {
        <>
            <h3>{ "Prediction" }</h3>
            { source }
            { outcome }
            <div class="table-scroll" tabindex="0" role="group" aria-label="Wiring tables (scroll sideways)">
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
                        ParamSource::Payload | ParamSource::Collected => ("yes", param.repr.clone().unwrap_or_else(|| "nothing".to_owned())),
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
