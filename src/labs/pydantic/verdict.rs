//! Valid or not, and each error as `ValidationError.errors()` will give it, with pydantic's
//! verdict beside each fact after a Run.

use std::rc::Rc;

use lab::Comparison;
use pydantic_model::Prediction;
use yew::prelude::*;

use super::subject;
use crate::labs::check_badge;

#[derive(Properties, PartialEq)]
pub struct PydanticVerdictProps {
    pub prediction: Rc<Prediction>,
    pub comparison: Option<Rc<Comparison>>,
}

#[function_component(PydanticVerdict)]
pub fn pydantic_verdict(props: &PydanticVerdictProps) -> Html {
    let p = &props.prediction;
    let comparison = props.comparison.as_deref();
    let (Some(valid), Some(errors)) = (p.valid, &p.errors) else {
        return html! { <p class="lab-problem" role="status">{ "The verdict is not predicted: see below." }</p> };
    };
    let verdict = if valid {
        html! { <p class="lab-fine pydantic-valid">{ format!("✓ valid: {} accepts the input ({} mode)", p.target, p.mode.name()) }</p> }
    } else {
        html! { <p class="lab-problem pydantic-invalid">{ format!("✗ invalid: ValidationError, {} error{} ({} mode)", errors.len(), if errors.len() == 1 { "" } else { "s" }, p.mode.name()) }</p> }
    };
    html! {
        <>
            { verdict }
            <div class="cpython-says">{ check_badge(comparison, &subject("valid")) }</div>
            if !errors.is_empty() {
                <div class="table-scroll" tabindex="0" role="group" aria-label="Predicted errors (scrolls sideways)">
                <table class="pydantic-errors">
                    <caption class="lab-note">{ "ValidationError.errors(), in pydantic's order" }</caption>
                    <thead><tr>
                        <th scope="col">{ "loc" }</th><th scope="col">{ "type" }</th><th scope="col">{ "msg" }</th>
                    </tr></thead>
                    <tbody>
                        { for errors.iter().enumerate().map(|(index, error)| html! {
                            <tr>
                                <td><code>{ p.error_locs.get(index).cloned().unwrap_or_default() }</code></td>
                                <td><code>{ error.kind.clone() }</code></td>
                                <td>{ error.msg.clone() }{ check_badge(comparison, &subject(&format!("error {}", index + 1))) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                </div>
            }
        </>
    }
}
