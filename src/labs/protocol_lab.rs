//! The Protocol lab: every class against every Protocol in the code, as mypy
//! and `isinstance` would judge it, and as an ABC would. After a Run, the
//! runtime column shows CPython's own answer.

use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use conformance::{ConformanceReport, ProtocolLab};
use lab::Comparison;
use yew::prelude::*;

use super::frame::PageLab;
use super::protocol_cell::ProtocolCell;

impl PageLab for ProtocolLab {
    const TITLE: &'static str = "Lab: conformance matrix";
    const ID: &'static str = "protocol";

    fn intro() -> Html {
        html! {
            <>
                { "Each cell judges one class against one Protocol: what mypy says of " }
                <code>{ "x: P = C()" }</code>{ ", what " }<code>{ "isinstance" }</code>
                { " returns, and what an ABC with the same members would demand. It updates as you type; Run asks CPython." }
            </>
        }
    }

    fn input(_: &BTreeMap<String, String>) {}

    fn view(report: &Rc<ConformanceReport>, comparison: Option<&Comparison>, _: Option<&str>) -> Html {
        if report.entries.is_empty() {
            return html! {
                <p class="lab-note">{ "Define at least one Protocol class and one ordinary class to see the matrix." }</p>
            };
        }
        html! { <div class="table-scroll" tabindex="0" role="group" aria-label="Matrix (scrolls sideways)">{ matrix(report, comparison) }</div> }
    }

    fn before_run() -> &'static str {
        "Run the code to check the runtime column against CPython."
    }
}

fn matrix(report: &Rc<ConformanceReport>, comparison: Option<&Comparison>) -> Html {
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
    let observed =
        |index: usize| comparison.and_then(|c| c.check(&conformance::runtime_subject(&report.entries[index]))).cloned();
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
                            <ProtocolCell report={Rc::clone(report)} {index} observed={observed(index)} />
                        },
                        None => html! { <td /> },
                    }) }
                </tr>
            }) }
            </tbody>
        </table>
    }
}
