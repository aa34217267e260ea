//! The pydantic part of the Annotated lab: what pydantic does with the input, or why there is
//! nothing to predict.

use std::rc::Rc;

use lab::{Comparison, InputProblem};
use pydantic_model::Prediction;
use yew::prelude::*;

use super::notes::PydanticNotes;
use super::schema_view::PydanticSchema;
use super::verdict::PydanticVerdict;

#[derive(Properties, PartialEq)]
pub struct PydanticSectionProps {
    pub prediction: Result<Rc<Prediction>, InputProblem>,
    pub comparison: Option<Rc<Comparison>>,
}

#[function_component(PydanticSection)]
pub fn pydantic_section(props: &PydanticSectionProps) -> Html {
    html! {
        <section class="pydantic-lab" aria-labelledby="pydantic-lab-title">
            <h3 id="pydantic-lab-title">{ "What pydantic does" }</h3>
            { match &props.prediction {
                Ok(prediction) => html! {
                    <>
                        <PydanticVerdict prediction={Rc::clone(prediction)} comparison={props.comparison.clone()} />
                        <PydanticNotes prediction={Rc::clone(prediction)} />
                        <PydanticSchema prediction={Rc::clone(prediction)} comparison={props.comparison.clone()} />
                    </>
                },
                Err(problem) => html! { <p class="lab-note pydantic-problem" role="status">{ problem.to_string() }</p> },
            } }
        </section>
    }
}
