//! The labs: one component per pattern that shows what the pattern's model
//! (a crate under `crates/`) predicts for the code being edited, and after a
//! Run whether CPython agreed. Labs only render; the models decide, in the labs'
//! worker (`worker.rs`, `crates/lab-worker`), which also parses the code.

mod annotated_lab;
mod dispatch_lab;
mod finalize_lab;
mod frame;
mod freeze_lab;
pub mod guard;
mod protocol_cell;
mod protocol_lab;
mod worker;

use std::collections::BTreeMap;
use std::rc::Rc;

use lab::{Comparison, Probe};
use urlstate::Pattern;
use yew::prelude::*;

use crate::editor::Marker;
use crate::python::FinishedRun;
use frame::LabFrame;

/// Holds a probe's report against the armed prediction; `Err` with the panic's message if the
/// comparison itself panicked.
pub type CompareReport = dyn Fn(&str) -> Result<Comparison, String>;

/// An edit's prediction, armed for the page's Run: the probe to send, and the comparison of
/// CPython's report with this very prediction. The prediction is made once per edit; a Run
/// keeps the one it started with.
#[derive(Clone)]
pub struct Armed {
    pub probe: Option<Probe>,
    pub compare: Rc<CompareReport>,
}

/// What the lab made of one edit, for the page's Run: the code and fields it is for, and the
/// prediction armed for them (None when there is nothing to check: the code does not parse,
/// the input is unreadable, the lab failed).
#[derive(Clone)]
pub struct Arming {
    pub code: Rc<str>,
    pub fields: BTreeMap<String, String>,
    pub armed: Option<Armed>,
}

/// What a Run started with: the code, the lab's inputs, and the prediction armed for them.
#[derive(Clone)]
pub struct RanSnapshot {
    pub run_id: u32,
    pub code: Rc<str>,
    pub fields: BTreeMap<String, String>,
    pub armed: Option<Armed>,
}

/// One Run is one snapshot, which gains its prediction when the Run went ahead of the lab.
impl PartialEq for RanSnapshot {
    fn eq(&self, other: &Self) -> bool {
        self.run_id == other.run_id && self.armed.is_some() == other.armed.is_some()
    }
}

/// What the exercises grade (`crates/exercises`): the current edit's prediction as JSON, CPython's
/// verdicts on it once a Run of this very code and these inputs compared them, and the
/// comparison itself, for a report the page has of its own (the freeze page's measurement).
#[derive(Clone, Default)]
pub struct LabFacts {
    pub prediction: Option<Rc<serde_json::Value>>,
    pub comparison: Option<Rc<Comparison>>,
    pub compare: Option<Rc<CompareReport>>,
}

/// New facts are new `Rc`s: identity is enough.
impl PartialEq for LabFacts {
    fn eq(&self, other: &Self) -> bool {
        fn same<T: ?Sized>(a: &Option<Rc<T>>, b: &Option<Rc<T>>) -> bool {
            match (a, b) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            }
        }
        same(&self.prediction, &other.prediction)
            && same(&self.comparison, &other.comparison)
            && same(&self.compare, &other.compare)
    }
}

/// Props every lab gets from its page.
#[derive(Properties, PartialEq)]
pub struct LabProps {
    pub code: Rc<str>,
    pub fields: BTreeMap<String, String>,
    pub on_field: Callback<(String, String)>,
    /// Called once the labs' worker answered for an edit, with what it armed, which the page's
    /// Run takes.
    pub on_armed: Callback<Arming>,
    /// Called with each answer's syntax error for the editor to flag, or None.
    pub on_marker: Callback<Option<Marker>>,
    pub ran: Option<RanSnapshot>,
    pub finished: Option<FinishedRun>,
    /// The page's permalink, for reporting a lab that failed.
    pub permalink: AttrValue,
    /// Called with each edit's facts and each Run's verdicts, in exercises mode only.
    #[prop_or_default]
    pub on_facts: Option<Callback<LabFacts>>,
    /// Whether the lab may ask the labs' worker now; until then it asks nothing, and the labs'
    /// worker does not start for it.
    pub may_predict: bool,
}

/// The pattern's lab, in the one frame.
pub fn lab(pattern: Pattern, props: LabProps) -> Html {
    let LabProps { code, fields, on_field, on_armed, on_marker, ran, finished, permalink, on_facts, may_predict } =
        props;
    match pattern {
        Pattern::Protocol => {
            html! { <LabFrame<conformance::ProtocolLab> {code} {fields} {on_field} {on_armed} {on_marker} {ran} {finished} {permalink} {on_facts} {may_predict} /> }
        }
        Pattern::Dispatch => {
            html! { <LabFrame<dispatch::DispatchLab> {code} {fields} {on_field} {on_armed} {on_marker} {ran} {finished} {permalink} {on_facts} {may_predict} /> }
        }
        Pattern::Annotated => {
            html! { <LabFrame<lab::Both<annotated::AnnotatedLab, pydantic_model::PydanticLab>> {code} {fields} {on_field} {on_armed} {on_marker} {ran} {finished} {permalink} {on_facts} {may_predict} /> }
        }
        Pattern::Finalize => {
            html! { <LabFrame<lifetime::FinalizeLab> {code} {fields} {on_field} {on_armed} {on_marker} {ran} {finished} {permalink} {on_facts} {may_predict} /> }
        }
        Pattern::Freeze => {
            html! { <LabFrame<cow::FreezeLab> {code} {fields} {on_field} {on_armed} {on_marker} {ran} {finished} {permalink} {on_facts} {may_predict} /> }
        }
    }
}

/// A green "agrees" or red "disagrees" badge with its text, for a fact's own verdict.
pub fn agreement_badge(agrees: bool, text: &str) -> Html {
    let (class, mark) = if agrees { ("agree", "✓") } else { ("disagree", "✗") };
    html! { <span class={classes!("badge", class)}>{ format!("{mark} {text}") }</span> }
}

/// A fact's verdict next to it: agreed, disagreed with CPython's answer, or not predicted.
pub fn check_badge(comparison: Option<&Comparison>, subject: &str) -> Html {
    let Some(check) = comparison.and_then(|c| c.check(subject)) else { return html! {} };
    let actual = check.actual.clone().unwrap_or_else(|| "(nothing)".into());
    match &check.verdict {
        lab::Verdict::Agreed => html! { <span class="badge agree">{ format!("✓ CPython: {actual}") }</span> },
        lab::Verdict::Disagreed => html! { <span class="badge disagree">{ format!("✗ CPython: {actual}") }</span> },
        lab::Verdict::Declined(_) => {
            html! { <span class="badge neutral">{ format!("not predicted; CPython: {actual}") }</span> }
        }
    }
}
