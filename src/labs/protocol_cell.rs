//! One cell of the conformance matrix: a class against a Protocol, statically,
//! at runtime and as an ABC would judge it.

use std::rc::Rc;

use conformance::{Check, ConformanceReport, RuntimeVerdict, Severity};
use yew::prelude::*;

use crate::components::prose::inline;

use super::agreement_badge;

#[derive(Properties)]
pub struct ProtocolCellProps {
    pub report: Rc<ConformanceReport>,
    /// The cell's entry in `report`.
    pub index: usize,
    /// CPython's answer for this cell after a Run of the same code.
    pub observed: Option<lab::Check>,
}

/// Equal when the cell would show the same: a keystroke usually changes a
/// row or two of a large matrix, and Yew skips the cells that compare equal.
impl PartialEq for ProtocolCellProps {
    fn eq(&self, other: &Self) -> bool {
        self.report.entries.get(self.index) == other.report.entries.get(other.index) && self.observed == other.observed
    }
}

#[function_component(ProtocolCell)]
pub fn protocol_cell(props: &ProtocolCellProps) -> Html {
    let Some(entry) = props.report.entries.get(props.index) else {
        return html! { <td /> };
    };
    let warnings = entry.reasons.iter().any(|r| r.check == Check::Static && r.severity == Severity::Warning);
    let (static_class, static_text) = match (entry.static_ok, warnings) {
        (Some(true), false) => ("yes", "✓ mypy accepts"),
        (Some(true), true) => ("warn", "⚠ mypy accepts, with a caveat"),
        (Some(false), _) => ("no", "✗ mypy rejects"),
        (None, _) => ("", "mypy:"),
    };
    let (runtime_class, runtime_text) = match &entry.runtime {
        Some(RuntimeVerdict::Matches(true)) => ("yes", "True".to_owned()),
        Some(RuntimeVerdict::Matches(false)) => ("no", "False".to_owned()),
        Some(RuntimeVerdict::TypeError) => ("no", "raises TypeError".to_owned()),
        Some(RuntimeVerdict::AbstractClass) => {
            ("no", format!("raises TypeError: can't instantiate abstract class {}", entry.class))
        }
        Some(RuntimeVerdict::Raises(error)) => ("no", format!("raises {error}")),
        None => ("", String::new()),
    };
    let raises = matches!(
        entry.runtime,
        Some(RuntimeVerdict::TypeError | RuntimeVerdict::AbstractClass | RuntimeVerdict::Raises(_))
    );
    // Where the lab gives no verdict, the reason stands in its place.
    let not_predicted = |check: Check| match entry.declined(check) {
        Some(reason) => html! { <span class="not-predicted">{ " not predicted: " }{ inline(reason) }</span> },
        None => html! {},
    };
    let (nominal_class, nominal_text) =
        if entry.nominal.accepted { ("yes", "✓ an ABC accepts") } else { ("no", "✗ an ABC rejects") };
    html! {
        <td>
            <div><span class={classes!("verdict", static_class)}>{ static_text }</span>{ not_predicted(Check::Static) }</div>
            <div>
                <code>{ format!("isinstance({}, {})", entry.instance, entry.protocol) }</code>
                { " → " }<span class={classes!("verdict", runtime_class, raises.then_some("raises"))}>{ runtime_text }</span>{ not_predicted(Check::Runtime) }
                if let Some(check) = &props.observed {
                    { " " }{ observed_badge(check) }
                }
            </div>
            <div title={entry.nominal.explanation.clone()}><span class={classes!("verdict", nominal_class)}>{ nominal_text }</span></div>
            if entry.reasons.iter().any(|r| r.check != Check::Nominal) {
                <ul class="reasons">
                    { for entry.reasons.iter().filter(|r| r.check != Check::Nominal).map(|r| html! {
                        <li class={classes!(match r.severity { Severity::Error => "reason-error", Severity::Warning => "reason-warning" })}>
                            <span class="reason-check">{ if r.check == Check::Static { "static" } else { "runtime" } }</span>
                            { " " }{ inline(&r.message) }
                        </li>
                    }) }
                </ul>
            }
        </td>
    }
}

/// CPython's answer beside the prediction: agreed, disagreed, or shown plainly where the lab
/// did not predict it.
fn observed_badge(check: &lab::Check) -> Html {
    let actual = format!("CPython: {}", check.actual.clone().unwrap_or_else(|| "(nothing)".into()));
    match check.verdict {
        lab::Verdict::Declined(_) => html! { <span class="badge neutral">{ actual }</span> },
        _ => agreement_badge(check.agrees(), &actual),
    }
}
