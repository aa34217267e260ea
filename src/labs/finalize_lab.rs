//! The finalize lab: the program's statements one by one, with the objects alive after each
//! (refcounts, who holds them, cycles waiting for the collector), the finalizers that ran, and
//! the predicted output. After a Run, CPython's lines, exit included, are checked line by line.

use lifetime::{LineCheck, ObjectView, Simulation, Step};
use yew::prelude::*;

use super::{agreement_badge, syntax_banner, use_last_good, LabRunProps};

/// The probe Run appends: the program again, recorded through a reproduced exit.
pub fn probe(code: &str) -> Option<String> {
    lifetime::simulate(code).ok()?;
    Some(lifetime::probe(code))
}

#[function_component(FinalizeLab)]
pub fn finalize_lab(props: &LabRunProps) -> Html {
    let (simulation, stale) =
        use_last_good(props.parsed.clone(), |parsed| lifetime::simulate_parsed(&parsed.source, &parsed.module));
    let checks = use_memo((props.ran.clone(), props.finished.clone()), |(ran, finished)| {
        let (ran, finished) = (ran.as_ref()?, finished.as_ref()?);
        let simulation = lifetime::simulate(&ran.code).ok()?;
        Some(lifetime::compare(&simulation, finished.outcome.probe_reports.first()?))
    });
    let checks = match checks.as_ref() {
        Some(Ok(list)) => Some(list.as_slice()),
        _ => None,
    };
    let body = match simulation.as_deref() {
        None => html! { <p class="lab-note">{ "Waiting for code without syntax errors." }</p> },
        Some(simulation) => simulation_view(simulation, checks, props.edited_since_run()),
    };
    html! {
        <section class="lab" aria-labelledby="finalize-lab-title">
            <h2 id="finalize-lab-title">{ "Lab: object lifetimes" }</h2>
            <p class="lab-intro">
                { "The lab follows the program statement by statement: who refers to each object, when the last reference goes, which cycles wait for " }
                <code>{ "gc.collect()" }</code>{ ", and when each " }<code>{ "weakref.finalize" }</code>
                { " callback runs, exit included. Run checks every predicted line against CPython." }
            </p>
            { syntax_banner(stale.as_ref()) }
            <div class={classes!(stale.is_some().then_some("stale"))}>{ body }</div>
            { run_summary(props, checks) }
        </section>
    }
}

fn simulation_view(simulation: &Simulation, checks: Option<&[LineCheck]>, ran_differs: bool) -> Html {
    html! {
        <>
            if let Some(stop) = &simulation.not_modelled {
                <p class="lab-problem" role="status">
                    { format!("Line {} is not modelled ({}): ", stop.line, stop.reason) }<code>{ stop.text.lines().next().unwrap_or_default().to_owned() }</code>
                    { ". The timeline stops there rather than guess." }
                </p>
            }
            <h3>{ "Timeline" }</h3>
            <div class="table-scroll">
            <table class="lifetime-timeline">
                <caption class="lab-note">{ "Each statement, what it set off, and the objects alive afterwards." }</caption>
                <thead><tr>
                    <th scope="col">{ "statement" }</th><th scope="col">{ "what happens" }</th><th scope="col">{ "alive afterwards" }</th>
                </tr></thead>
                <tbody>{ for simulation.steps.iter().map(step_row) }</tbody>
            </table>
            </div>
            <h3>{ "Predicted output" }</h3>
            { output_view(simulation, checks, ran_differs) }
        </>
    }
}

fn step_row(step: &Step) -> Html {
    let place = match step.line {
        Some(line) => format!("line {line}"),
        None => "at exit".to_owned(),
    };
    html! {
        <tr>
            <th scope="row"><span class="lab-note">{ place }</span><br /><code>{ step.text.clone() }</code></th>
            <td>
                if step.events.is_empty() && step.printed.is_empty() {
                    <span class="lab-note">{ "nothing happens to the objects" }</span>
                }
                <ul class="lifetime-events">
                    { for step.events.iter().map(|e| html! { <li class={classes!(e.contains("finalizer of").then_some("lifetime-finalizer"))}>{ e.clone() }</li> }) }
                    { for step.printed.iter().map(|line| html! { <li>{ "prints " }<code class="lifetime-line">{ line.clone() }</code></li> }) }
                </ul>
            </td>
            <td>
                if step.objects.is_empty() {
                    <span class="lab-note">{ "none" }</span>
                }
                <ul class="lifetime-events">
                    { for step.objects.iter().map(object_item) }
                </ul>
            </td>
        </tr>
    }
}

fn object_item(object: &ObjectView) -> Html {
    let holders = if object.referrers.is_empty() { "nothing".to_owned() } else { object.referrers.join(", ") };
    html! {
        <li>
            <code>{ object.label.clone() }</code>
            { format!(" refcount {} (held by {holders})", object.refcount) }
            if object.waiting_for_gc {
                <span class="lifetime-warn">{ " unreachable cycle: waits for gc.collect()" }</span>
            }
            if object.pinned_by_finalizer {
                <span class="lifetime-warn">{ " its own finalizer keeps it alive until exit" }</span>
            }
            { match object.finalizer_alive {
                Some(true) => " · finalizer alive",
                Some(false) => " · finalizer dead",
                None => "",
            } }
        </li>
    }
}

fn output_view(simulation: &Simulation, checks: Option<&[LineCheck]>, ran_differs: bool) -> Html {
    match checks {
        Some(checks) if !ran_differs => html! {
            <ol class="lifetime-lines" aria-label="Predicted output, checked">
                { for checks.iter().map(|c| html! {
                    <li>
                        { agreement_badge(c.agrees, if c.agrees { "CPython" } else { "CPython differs" }) }{ " " }
                        <code class="lifetime-line">{ c.predicted.clone().unwrap_or_else(|| "(no line predicted)".into()) }</code>
                        if !c.agrees {
                            <code class="cpython-actual">{ format!("CPython: {}", c.actual.clone().unwrap_or_else(|| "(no line)".into())) }</code>
                        }
                    </li>
                }) }
            </ol>
        },
        _ if simulation.output.is_empty() => html! { <p class="lab-note">{ "The program prints nothing." }</p> },
        _ => html! {
            <pre class="lifetime-output" aria-label="Predicted output">{ simulation.output.iter().map(|l| format!("{l}\n")).collect::<String>() }</pre>
        },
    }
}

fn run_summary(props: &LabRunProps, checks: Option<&[LineCheck]>) -> Html {
    let (Some(_), Some(finished)) = (&props.ran, &props.finished) else {
        return html! { <p class="lab-note">{ "Run the code to check the prediction against CPython. The page's Python never exits, so the probe runs the program again and reproduces exit: the finalizers still alive with atexit=True run, newest first." }</p> };
    };
    if let Some(error) = &finished.outcome.probe_error {
        return html! { <p class="lab-note">{ format!("CPython could not record the program: {error}") }</p> };
    }
    match checks {
        Some(list) => {
            let agreed = list.iter().filter(|c| c.agrees).count();
            html! {
                <p class="run-verdict" role="status">
                    { agreement_badge(agreed == list.len(), &format!("CPython agreed on {agreed} of {} lines", list.len())) }
                    if props.edited_since_run() { <span class="lab-note">{ " (for the code as it was when you pressed Run)" }</span> }
                </p>
            }
        }
        None => html! { <p class="lab-note">{ "The code did not finish, so CPython could not check the lines." }</p> },
    }
}
