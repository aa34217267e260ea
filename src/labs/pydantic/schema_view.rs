//! The JSON Schema pydantic will generate, with pydantic's verdict on each property and
//! definition after a Run.

use std::rc::Rc;

use lab::Comparison;
use pydantic_model::Prediction;
use yew::prelude::*;

use super::subject;
use crate::labs::check_badge;

#[derive(Properties, PartialEq)]
pub struct PydanticSchemaProps {
    pub prediction: Rc<Prediction>,
    pub comparison: Option<Rc<Comparison>>,
}

#[function_component(PydanticSchema)]
pub fn pydantic_schema(props: &PydanticSchemaProps) -> Html {
    let Some(schema) = &props.prediction.json_schema else {
        return html! { <p class="lab-problem">{ "The schema is not predicted: see below." }</p> };
    };
    let comparison = props.comparison.as_deref();
    let badges = |key: &str| -> Html {
        let names: Vec<String> = schema[key].as_object().map(|m| m.keys().cloned().collect()).unwrap_or_default();
        names
            .iter()
            .map(|name| html! {
                <li><code>{ format!("{key}.{name}") }</code>{ " " }{ check_badge(comparison, &subject(&format!("json_schema.{key}.{name}"))) }</li>
            })
            .collect::<Html>()
    };
    html! {
        <details class="pydantic-schema" open=true>
            <summary>{ "JSON Schema (model_json_schema)" }</summary>
            <pre class="annotated-messages" aria-label="Predicted JSON Schema">{ serde_json::to_string_pretty(schema).unwrap_or_default() }</pre>
            if comparison.is_some() {
                <ul class="checks">{ badges("properties") }{ badges("$defs") }</ul>
            }
        </details>
    }
}
