//! Exercises mode on a pattern page: one exercise at a time with its task, the way to load its
//! starter, hints revealed one at a time (then the solution), and where the attempt stands,
//! graded by `crates/exercises` against the lab's prediction and CPython's verdicts.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use exercises::{grade, Attempt, Exercise};
use urlstate::Pattern;
use yew::prelude::*;

use super::exercise_feedback::ExerciseFeedback;
use super::prose::inline;
use crate::exercises_store::{self as store, OwnCode};
use crate::labs::LabFacts;

#[derive(Properties, PartialEq)]
pub struct ExercisePanelProps {
    pub pattern: Pattern,
    pub exercises: Rc<Vec<Exercise>>,
    /// The exercise shown, counted from 0; the page keeps it in range.
    pub index: usize,
    pub facts: LabFacts,
    /// The editor's code and the lab's inputs now, set aside when a starter replaces them.
    pub code: AttrValue,
    pub fields: BTreeMap<String, String>,
    pub on_select: Callback<usize>,
    /// Loads code and lab inputs into the page.
    pub on_load: Callback<OwnCode>,
    pub on_leave: Callback<()>,
}

/// What confirms an exercise on this page, and how the page says it.
fn confirmer(pattern: Pattern) -> &'static str {
    match pattern {
        Pattern::Freeze => "the measurement",
        _ => "CPython",
    }
}

#[function_component(ExercisePanel)]
pub fn exercise_panel(props: &ExercisePanelProps) -> Html {
    let pattern = props.pattern;
    let solved = use_state(store::solved);
    let own_kept = use_state(|| store::own_code(pattern).is_some());
    let hints_shown = use_state(|| 0usize);
    // The freeze page's truth is the companion's measurement, which the page ships.
    let measured = use_state(|| None::<Result<String, String>>);
    {
        let measured = measured.clone();
        use_effect_with(pattern, move |pattern| {
            if *pattern == Pattern::Freeze {
                wasm_bindgen_futures::spawn_local(async move { measured.set(Some(store::measured_report().await)) });
            }
        });
    }

    let total = props.exercises.len();
    let Some(exercise) = props.exercises.get(props.index) else {
        return html! {
            <section class="exercises" aria-label="Exercises">
                <p>{ "This page has no exercises yet." }</p>
            </section>
        };
    };

    let (comparison, unavailable) = match pattern {
        Pattern::Freeze => match (&*measured, &props.facts.compare) {
            (Some(Ok(report)), Some(compare)) => match compare(report) {
                Ok(comparison) => (Some(Rc::new(comparison)), None),
                Err(panic) => (None, Some(format!("the lab failed comparing it: {panic}"))),
            },
            (Some(Err(error)), _) => (None, Some(format!("the measured report did not load ({error})"))),
            _ => (None, None),
        },
        _ => (props.facts.comparison.clone(), None),
    };
    let grade = grade(exercise, props.facts.prediction.as_deref(), comparison.as_deref());

    // A solved attempt is kept as solved.
    {
        let (solved, id) = (solved.clone(), exercise.id.clone());
        use_effect_with((id, grade.solved()), move |(id, now)| {
            if *now && !solved.contains(id) {
                solved.set(store::mark_solved(id));
            }
        });
    }

    let on_start = {
        let (on_load, own_kept, hints_shown) = (props.on_load.clone(), own_kept.clone(), hints_shown.clone());
        let starter = exercise.starter.clone();
        let current = OwnCode { code: props.code.to_string(), fields: props.fields.clone() };
        let attempts: BTreeSet<String> =
            props.exercises.iter().flat_map(|e| [e.starter.code.clone(), e.solution.code.clone()]).flatten().collect();
        let example = crate::content::content(pattern).example;
        Callback::from(move |_: MouseEvent| {
            // The user's own code is set aside, not lost: "Back to my code" returns it.
            if current.code != example && !attempts.contains(&current.code) {
                store::keep_own_code(pattern, &current);
                own_kept.set(true);
            }
            hints_shown.set(0);
            on_load.emit(OwnCode {
                code: starter.code.clone().unwrap_or_else(|| current.code.clone()),
                fields: starter.fields.clone(),
            });
        })
    };
    let on_back = {
        let (on_load, own_kept) = (props.on_load.clone(), own_kept.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(own) = store::own_code(pattern) {
                on_load.emit(own);
            }
            store::forget_own_code(pattern);
            own_kept.set(false);
        })
    };
    let select = |index: usize| {
        let (on_select, hints_shown) = (props.on_select.clone(), hints_shown.clone());
        Callback::from(move |_: MouseEvent| {
            hints_shown.set(0);
            on_select.emit(index);
        })
    };
    let on_hint = {
        let hints_shown = hints_shown.clone();
        Callback::from(move |_: MouseEvent| hints_shown.set(*hints_shown + 1))
    };
    let on_reset = {
        let solved = solved.clone();
        Callback::from(move |_: MouseEvent| solved.set(store::reset_progress(pattern)))
    };
    let on_leave = props.on_leave.reform(|_: MouseEvent| ());

    let shown = (*hints_shown).min(exercise.hints.len());
    let all_hints = shown == exercise.hints.len();
    let solved_here = props.exercises.iter().filter(|e| solved.contains(&e.id)).count();
    html! {
        <section class="exercises" aria-labelledby="exercise-title">
            <div class="exercise-head">
                <h2 id="exercise-title">{ format!("Exercise {} of {total}: {}", props.index + 1, exercise.title) }</h2>
                <span class="badge neutral">{ exercise.level.word() }</span>
                if solved.contains(&exercise.id) {
                    <span class="badge agree">{ "✓ solved" }</span>
                }
            </div>
            <ol class="exercise-list" aria-label="All exercises on this page">
                { for props.exercises.iter().enumerate().map(|(i, e)| html! {
                    <li>
                        <button onclick={select(i)} aria-current={(i == props.index).then_some("step")}>
                            { format!("{}. {}", i + 1, e.title) }
                            if solved.contains(&e.id) { <span class="exercise-solved">{ " ✓ solved" }</span> }
                        </button>
                    </li>
                }) }
            </ol>
            <div class="exercise-task">{ inline(&exercise.task) }</div>
            if pattern == Pattern::Freeze {
                <p class="lab-note">
                    { "A browser cannot fork, so Run cannot measure this. Here the simulator's prediction is confirmed by CPython as " }
                    <code>{ "playground freeze" }</code>
                    { " measured it on this project's machine (150 MB, 4 workers; the report the lab below shows)." }
                </p>
            }
            <div class="exercise-actions">
                <button class="primary" onclick={on_start}>{ "Start exercise" }</button>
                if *own_kept {
                    <button onclick={on_back}>{ "Back to my code" }</button>
                }
                <button onclick={select(props.index.saturating_sub(1))} disabled={props.index == 0}>{ "Previous exercise" }</button>
                <button onclick={select(props.index + 1)} disabled={props.index + 1 >= total}>{ "Next exercise" }</button>
            </div>
            <ExerciseFeedback grade={grade.clone()} confirmer={confirmer(pattern)} unavailable={unavailable.map(AttrValue::from)} />
            <div class="exercise-hints">
                if shown > 0 {
                    <ol aria-label="Hints">
                        { for exercise.hints.iter().take(shown).map(|hint| html! { <li>{ inline(hint) }</li> }) }
                    </ol>
                }
                <button onclick={on_hint} disabled={all_hints}>
                    { if all_hints { "No more hints".to_owned() } else { format!("Show hint {} of {}", shown + 1, exercise.hints.len()) } }
                </button>
                if all_hints {
                    <details class="exercise-solution">
                        <summary>{ "Solution" }</summary>
                        { solution(&exercise.solution) }
                    </details>
                }
            </div>
            <div class="exercise-progress">
                <p>{ format!("{solved_here} of {total} solved on this page.") }</p>
                <button onclick={on_reset} disabled={solved_here == 0}>{ "Reset progress" }</button>
                <button onclick={on_leave}>{ "Leave exercises" }</button>
            </div>
        </section>
    }
}

fn solution(attempt: &Attempt) -> Html {
    html! {
        <>
            if !attempt.fields.is_empty() {
                <p>{ "Lab inputs: " }
                    { for attempt.fields.iter().map(|(key, value)| html! { <code>{ format!("{key} = {value} ") }</code> }) }
                </p>
            }
            if let Some(code) = &attempt.code {
                <pre><code>{ code.clone() }</code></pre>
            }
        </>
    }
}
