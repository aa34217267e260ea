//! The Protocol lab: every class against every Protocol in the code, as mypy
//! and `isinstance` would judge it, and as an ABC would. After a Run, the
//! runtime column shows CPython's own answer.

use std::collections::HashMap;
use std::rc::Rc;

use conformance::{compare, Agreement, ConformanceReport};
use yew::prelude::*;

use super::protocol_cell::ProtocolCell;
use super::{agreement_badge, syntax_banner, use_last_good, LabRunProps};

#[function_component(ProtocolLab)]
pub fn protocol_lab(props: &LabRunProps) -> Html {
    let (result, stale) = use_last_good(props.parsed.clone(), |parsed| conformance::check(&parsed.module));
    // CPython's verdicts are for the code that ran; compare against the
    // prediction for that same code.
    let agreements = use_memo((props.ran.clone(), props.finished.clone()), |(ran, finished)| {
        let (ran, finished) = (ran.as_ref()?, finished.as_ref()?);
        let module = pysource::parse(&ran.code).ok()?;
        let report = conformance::check(&module);
        finished.outcome.probe_reports.first().map(|json| compare(&report, json))
    });
    let ran_differs = props.edited_since_run();

    let body = match result {
        None => html! { <p class="lab-note">{ "Waiting for code without syntax errors." }</p> },
        Some(report) if report.entries.is_empty() => html! {
            <p class="lab-note">{ "Define at least one Protocol class and one ordinary class to see the matrix." }</p>
        },
        Some(report) => matrix(&report, agreements.as_ref().as_ref(), ran_differs),
    };
    html! {
        <section class="lab" aria-labelledby="protocol-lab-title">
            <h2 id="protocol-lab-title">{ "Lab: conformance matrix" }</h2>
            <p class="lab-intro">
                { "Each cell judges one class against one Protocol: what mypy says of " }
                <code>{ "x: P = C()" }</code>{ ", what " }<code>{ "isinstance" }</code>
                { " returns, and what an ABC with the same members would demand. It updates as you type; Run asks CPython." }
            </p>
            { syntax_banner(stale.as_ref()) }
            <div class={classes!("table-scroll", stale.is_some().then_some("stale"))}>{ body }</div>
            { run_summary(props, agreements.as_ref().as_ref()) }
        </section>
    }
}

fn matrix(report: &Rc<ConformanceReport>, agreements: Option<&Vec<Agreement>>, ran_differs: bool) -> Html {
    let mut protocols: Vec<&str> = Vec::new();
    let mut classes: Vec<&str> = Vec::new();
    let mut cells: HashMap<(&str, &str), usize> = HashMap::new();
    for (index, entry) in report.entries.iter().enumerate() {
        if !protocols.contains(&entry.protocol.as_str()) {
            protocols.push(&entry.protocol);
        }
        if !classes.contains(&entry.class.as_str()) {
            classes.push(&entry.class);
        }
        cells.insert((&entry.class, &entry.protocol), index);
    }
    let observed = |class: &str, protocol: &str| {
        agreements
            .filter(|_| !ran_differs)
            .and_then(|list| list.iter().find(|a| a.class == class && a.protocol == protocol))
            .cloned()
    };
    html! {
        <table class="matrix">
            <caption class="lab-note">{ "Rows are classes, columns are Protocols." }</caption>
            <thead><tr>
                <th scope="col">{ "class" }</th>
                { for protocols.iter().map(|p| html! { <th scope="col"><code>{ *p }</code></th> }) }
            </tr></thead>
            <tbody>
            { for classes.iter().map(|class| html! {
                <tr>
                    <th scope="row"><code>{ *class }</code></th>
                    { for protocols.iter().map(|protocol| match cells.get(&(*class, *protocol)) {
                        Some(&index) => html! {
                            <ProtocolCell report={Rc::clone(report)} {index} observed={observed(class, protocol)} />
                        },
                        None => html! { <td /> },
                    }) }
                </tr>
            }) }
            </tbody>
        </table>
    }
}

fn run_summary(props: &LabRunProps, agreements: Option<&Vec<Agreement>>) -> Html {
    let Some(finished) = &props.finished else {
        return html! { <p class="lab-note">{ "Run the code to check the runtime column against CPython." }</p> };
    };
    if let Some(error) = &finished.outcome.probe_error {
        return html! { <p class="lab-note">{ format!("CPython could not check the predictions: {error}") }</p> };
    }
    match agreements {
        Some(list) if !list.is_empty() => {
            let agreed = list.iter().filter(|a| a.agrees).count();
            let stale = props.edited_since_run();
            html! {
                <p class="run-verdict" role="status">
                    { agreement_badge(agreed == list.len(), &format!("CPython agreed with {agreed} of {} runtime predictions", list.len())) }
                    if stale { <span class="lab-note">{ " (for the code as it was when you pressed Run)" }</span> }
                </p>
            }
        }
        _ => {
            html! { <p class="lab-note">{ "The code did not finish, so CPython could not check the predictions." }</p> }
        }
    }
}
