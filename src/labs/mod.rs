//! The labs: one component per pattern that shows what the pattern's model
//! (a crate under `crates/`) predicts for the code being edited, and after a
//! Run whether CPython agreed. Labs only render; the models decide.

mod annotated_lab;
mod dispatch_lab;
mod finalize_lab;
mod frame;
mod freeze_lab;
pub mod guard;
mod protocol_cell;
mod protocol_lab;

use std::collections::BTreeMap;
use std::rc::Rc;

use lab::{Code, Comparison, Probe};
use pysource::SyntaxError;
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
    pub code: Rc<str>,
    pub fields: BTreeMap<String, String>,
    pub probe: Option<Probe>,
    pub compare: Rc<CompareReport>,
}

/// What a Run started with: the code, the lab's inputs, and the prediction armed for them.
#[derive(Clone)]
pub struct RanSnapshot {
    pub run_id: u32,
    pub code: Rc<str>,
    pub fields: BTreeMap<String, String>,
    pub armed: Option<Armed>,
}

/// One Run is one snapshot.
impl PartialEq for RanSnapshot {
    fn eq(&self, other: &Self) -> bool {
        self.run_id == other.run_id
    }
}

/// The page's code parsed once per edit: the editor's syntax marker and the lab's model share
/// one parse, which is most of a keystroke's cost.
#[derive(Clone, Debug)]
pub struct ParsedCode {
    pub code: Rc<str>,
    parsed: Result<Rc<Code>, Rc<SyntaxError>>,
}

impl ParsedCode {
    pub fn parse(code: &str) -> Self {
        let parsed = Code::parse(code).map(Rc::new).map_err(Rc::new);
        ParsedCode { code: Rc::from(code), parsed }
    }

    pub fn parsed(&self) -> Result<Rc<Code>, &SyntaxError> {
        self.parsed.as_ref().map(Rc::clone).map_err(|e| &**e)
    }

    /// The syntax error to flag in the editor, at Python's line and column. An escape the labs
    /// do not read is no error, and is not flagged.
    pub fn marker(&self) -> Option<Marker> {
        self.parsed().err().filter(|e| !e.unread_escape).map(|e| Marker {
            line: e.line,
            column: e.column,
            message: format!("SyntaxError: {}", e.message),
        })
    }
}

/// The same parse: a new edit is a new parse, so identity is enough and comparing never walks
/// the code.
impl PartialEq for ParsedCode {
    fn eq(&self, other: &Self) -> bool {
        match (&self.parsed, &other.parsed) {
            (Ok(a), Ok(b)) => Rc::ptr_eq(a, b),
            (Err(a), Err(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
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
    pub parsed: ParsedCode,
    pub fields: BTreeMap<String, String>,
    pub on_field: Callback<(String, String)>,
    /// Called with each edit's armed prediction, which the page's Run takes.
    pub on_armed: Callback<Option<Armed>>,
    pub ran: Option<RanSnapshot>,
    pub finished: Option<FinishedRun>,
    /// The page's permalink, for reporting a lab that failed.
    pub permalink: AttrValue,
    /// Called with each edit's facts and each Run's verdicts, in exercises mode only.
    #[prop_or_default]
    pub on_facts: Option<Callback<LabFacts>>,
}

/// The pattern's lab, in the one frame.
pub fn lab(pattern: Pattern, props: LabProps) -> Html {
    let LabProps { parsed, fields, on_field, on_armed, ran, finished, permalink, on_facts } = props;
    match pattern {
        Pattern::Protocol => {
            html! { <LabFrame<conformance::ProtocolLab> {parsed} {fields} {on_field} {on_armed} {ran} {finished} {permalink} {on_facts} /> }
        }
        Pattern::Dispatch => {
            html! { <LabFrame<dispatch::DispatchLab> {parsed} {fields} {on_field} {on_armed} {ran} {finished} {permalink} {on_facts} /> }
        }
        Pattern::Annotated => {
            html! { <LabFrame<lab::Both<annotated::AnnotatedLab, pydantic_model::PydanticLab>> {parsed} {fields} {on_field} {on_armed} {ran} {finished} {permalink} {on_facts} /> }
        }
        Pattern::Finalize => {
            html! { <LabFrame<lifetime::FinalizeLab> {parsed} {fields} {on_field} {on_armed} {ran} {finished} {permalink} {on_facts} /> }
        }
        Pattern::Freeze => {
            html! { <LabFrame<cow::FreezeLab> {parsed} {fields} {on_field} {on_armed} {ran} {finished} {permalink} {on_facts} /> }
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
