//! Where an exercise attempt stands, in words: what is still wrong in the lab's terms, whether
//! CPython has confirmed it, or that it is solved. The grade comes from `crates/exercises`.

use exercises::Grade;
use yew::prelude::*;

use super::prose::inline;

#[derive(Properties, PartialEq)]
pub struct ExerciseFeedbackProps {
    pub grade: Grade,
    /// What confirms on this page: "CPython" after Run, or the freeze page's measurement.
    pub confirmer: AttrValue,
    /// Why the confirmation cannot be made, where it cannot (the measured report did not load).
    #[prop_or_default]
    pub unavailable: Option<AttrValue>,
}

#[function_component(ExerciseFeedback)]
pub fn exercise_feedback(props: &ExerciseFeedbackProps) -> Html {
    let body = match &props.grade {
        Grade::NoPrediction => html! {
            <p>{ "The lab has no prediction for this code and these inputs: see the lab for why." }</p>
        },
        Grade::Unmet(feedback) => html! {
            <>
                <p><strong>{ "Not yet. " }</strong>{ "The lab's prediction does not meet the goal:" }</p>
                <ul class="exercise-unmet">
                    { for feedback.iter().map(|f| html! {
                        <li>
                            { inline(&f.says) }
                            if !f.lab_says.is_empty() {
                                // A `says` that ends in a colon introduces the lab's words itself.
                                <span class="exercise-lab-says">{ if f.says.ends_with(':') { " " } else { " The lab says: " } }
                                    { for f.lab_says.iter().map(|said| html! { <q>{ said.clone() }</q> }) }
                                </span>
                            }
                        </li>
                    }) }
                </ul>
            </>
        },
        Grade::AwaitingCpython => match &props.unavailable {
            Some(why) => html! {
                <p>{ format!("The lab's prediction meets the goal, but {} cannot confirm it here: {why}", props.confirmer) }</p>
            },
            None => html! {
                <p><strong>{ "The lab's prediction meets the goal. " }</strong>
                    { format!("Now {} must confirm it: press Run.", props.confirmer) }</p>
            },
        },
        Grade::NotConfirmed(problems) => html! {
            <>
                <p><strong>{ "Not confirmed. " }</strong>{ format!("The lab's prediction meets the goal, but {} did not confirm it:", props.confirmer) }</p>
                <ul class="exercise-unmet">{ for problems.iter().map(|p| html! { <li>{ p.clone() }</li> }) }</ul>
            </>
        },
        Grade::Solved => html! {
            <p><span class="badge agree">{ "✓ Solved" }</span>
                { format!(" The lab's prediction meets the goal, and {} confirmed it.", props.confirmer) }</p>
        },
    };
    html! { <div class="exercise-feedback" role="status" aria-live="polite">{ body }</div> }
}
