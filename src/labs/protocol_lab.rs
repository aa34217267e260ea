//! The Protocol lab: every class against every Protocol in the code, as mypy
//! and `isinstance` would judge it, and as an ABC would. After a Run, the
//! runtime column shows CPython's own answer.

use conformance::{compare, Agreement, Check, ConformanceEntry, ConformanceReport, RuntimeVerdict, Severity};
use yew::prelude::*;

use crate::components::prose::inline;

use super::{agreement_badge, syntax_banner, use_last_good, LabRunProps};

#[function_component(ProtocolLab)]
pub fn protocol_lab(props: &LabRunProps) -> Html {
    let (result, stale) = use_last_good(props.code.clone(), conformance::check);
    // CPython's verdicts are for the code that ran; compare against the
    // prediction for that same code.
    let agreements = use_memo((props.ran.clone(), props.finished.clone()), |(ran, finished)| {
        let (ran, finished) = (ran.as_ref()?, finished.as_ref()?);
        let module = pysource::parse(&ran.code).ok()?;
        let report = conformance::check(&module);
        finished.outcome.probe_reports.first().map(|json| compare(&report, json))
    });
    let ran_differs = props.ran.as_ref().is_some_and(|r| r.code != props.code);

    let body = match result.as_deref() {
        None => html! { <p class="lab-note">{ "Waiting for code without syntax errors." }</p> },
        Some(report) if report.entries.is_empty() => html! {
            <p class="lab-note">{ "Define at least one Protocol class and one ordinary class to see the matrix." }</p>
        },
        Some(report) => matrix(report, agreements.as_ref().as_ref(), ran_differs),
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

fn matrix(report: &ConformanceReport, agreements: Option<&Vec<Agreement>>, ran_differs: bool) -> Html {
    let mut protocols: Vec<&str> = Vec::new();
    let mut classes: Vec<&str> = Vec::new();
    for entry in &report.entries {
        if !protocols.contains(&entry.protocol.as_str()) {
            protocols.push(&entry.protocol);
        }
        if !classes.contains(&entry.class.as_str()) {
            classes.push(&entry.class);
        }
    }
    let find = |class: &str, protocol: &str| report.entries.iter().find(|e| e.class == class && e.protocol == protocol);
    let observed = |entry: &ConformanceEntry| {
        agreements.and_then(|list| list.iter().find(|a| a.class == entry.class && a.protocol == entry.protocol))
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
                    { for protocols.iter().map(|protocol| match find(class, protocol) {
                        Some(entry) => cell(entry, if ran_differs { None } else { observed(entry) }),
                        None => html! { <td /> },
                    }) }
                </tr>
            }) }
            </tbody>
        </table>
    }
}

fn cell(entry: &ConformanceEntry, observed: Option<&Agreement>) -> Html {
    let warnings = entry.reasons.iter().any(|r| r.check == Check::Static && r.severity == Severity::Warning);
    let (static_class, static_text) = match (entry.static_ok, warnings) {
        (true, false) => ("yes", "✓ mypy accepts"),
        (true, true) => ("warn", "⚠ mypy accepts, with a caveat"),
        (false, _) => ("no", "✗ mypy rejects"),
    };
    let (runtime_class, runtime_text) = match entry.runtime {
        RuntimeVerdict::Matches(true) => ("yes", "True".to_owned()),
        RuntimeVerdict::Matches(false) => ("no", "False".to_owned()),
        RuntimeVerdict::TypeError => ("no", "raises TypeError".to_owned()),
    };
    let (nominal_class, nominal_text) =
        if entry.nominal.accepted { ("yes", "✓ an ABC accepts") } else { ("no", "✗ an ABC rejects") };
    html! {
        <td>
            <div><span class={classes!("verdict", static_class)}>{ static_text }</span></div>
            <div>
                <code>{ format!("isinstance({}, {})", entry.instance, entry.protocol) }</code>
                { " → " }<span class={classes!("verdict", runtime_class)}>{ runtime_text }</span>
                if let Some(agreement) = observed {
                    { " " }{ agreement_badge(agreement.agrees, &format!("CPython: {}", show_actual(&agreement.actual))) }
                }
            </div>
            <div title={entry.nominal.explanation.clone()}><span class={classes!("verdict", nominal_class)}>{ nominal_text }</span></div>
            if !entry.reasons.is_empty() {
                <ul class="reasons">
                    { for entry.reasons.iter().map(|r| html! {
                        <li class={classes!(match r.severity { Severity::Error => "reason-error", Severity::Warning => "reason-warning" })}>
                            <span class="reason-check">{ match r.check { Check::Static => "static", Check::Runtime => "runtime", Check::Nominal => "ABC" } }</span>
                            { " " }{ inline(&r.message) }
                        </li>
                    }) }
                </ul>
            }
        </td>
    }
}

fn show_actual(actual: &serde_json::Value) -> String {
    match actual {
        serde_json::Value::Bool(true) => "True".into(),
        serde_json::Value::Bool(false) => "False".into(),
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
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
            let stale = props.ran.as_ref().is_some_and(|r| r.code != props.code);
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
