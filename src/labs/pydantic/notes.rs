//! What pydantic ignores (metadata it keeps but never acts on) and what the lab declined to
//! predict, with why and where.

use std::rc::Rc;

use pydantic_model::Prediction;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PydanticNotesProps {
    pub prediction: Rc<Prediction>,
}

#[function_component(PydanticNotes)]
pub fn pydantic_notes(props: &PydanticNotesProps) -> Html {
    let p = &props.prediction;
    let declined: Vec<String> = [&p.validation_declined, &p.schema_declined]
        .into_iter()
        .flatten()
        .map(ToString::to_string)
        .fold(Vec::new(), |mut all, reason| {
            if !all.contains(&reason) {
                all.push(reason);
            }
            all
        });
    html! {
        <>
            if !p.ignored.is_empty() {
                <h4>{ "Ignored by pydantic" }</h4>
                <ul class="pydantic-ignored">
                    { for p.ignored.iter().map(|i| html! {
                        <li><code>{ i.metadata.clone() }</code>{ format!(" on {} (line {}): ignored by pydantic", i.field, i.line) }</li>
                    }) }
                </ul>
            }
            if !declined.is_empty() {
                <h4>{ "Not predicted" }</h4>
                <ul class="pydantic-declined">
                    { for declined.iter().map(|reason| html! { <li class="lab-note">{ reason.clone() }</li> }) }
                </ul>
            }
        </>
    }
}
