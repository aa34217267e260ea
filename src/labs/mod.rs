//! The labs: one component per pattern that shows what the pattern's model
//! (a crate under `crates/`) predicts for the code being edited, and after a
//! Run whether CPython agreed. Labs only render; the models decide.

mod annotated_lab;
mod dispatch_lab;
mod finalize_lab;
mod freeze_lab;
mod protocol_cell;
mod protocol_lab;

use std::collections::BTreeMap;
use std::rc::Rc;

use pysource::{Module, Source, SyntaxError};
use urlstate::Pattern;
use yew::prelude::*;

use crate::editor::Marker;
use crate::python::FinishedRun;
use annotated_lab::{AnnotatedInputs, AnnotatedLab};
use dispatch_lab::{DispatchInputs, DispatchLab};
use finalize_lab::FinalizeLab;
use freeze_lab::FreezeLab;
use protocol_lab::ProtocolLab;

/// What a Run started with, so the lab compares CPython's report against
/// its prediction for the same code and inputs, even if they were edited since.
#[derive(Clone, Debug, PartialEq)]
pub struct RanSnapshot {
    pub run_id: u32,
    pub code: String,
    pub fields: BTreeMap<String, String>,
}

/// The Python that, run after the user's code, reports what CPython did for
/// the lab to compare. None where the page's lab has nothing to confirm.
pub fn probe(pattern: Pattern, code: &str, fields: &BTreeMap<String, String>) -> Option<String> {
    match pattern {
        Pattern::Protocol => {
            let report = conformance::check(&pysource::parse(code).ok()?);
            (!report.entries.is_empty()).then(|| conformance::runtime_probe(&report))
        }
        Pattern::Dispatch => DispatchInputs::from_fields(fields).probe(),
        Pattern::Annotated => AnnotatedInputs::from_fields(fields).probe(code),
        Pattern::Finalize => finalize_lab::probe(code),
        Pattern::Freeze => None,
    }
}

/// What one parse of the page's code gives the labs: the tree, for models that follow the
/// statements, and the module model read from it.
#[derive(Debug)]
pub struct Parsed {
    pub source: Source,
    pub module: Module,
}

/// The page's code parsed once per edit: the editor's syntax marker and the
/// lab's models share one parse, which is most of a keystroke's cost.
#[derive(Clone, Debug)]
pub struct ParsedCode {
    pub code: Rc<str>,
    parsed: Rc<Result<Parsed, SyntaxError>>,
}

impl ParsedCode {
    pub fn parse(code: &str) -> Self {
        let parsed = Source::parse(code).map(|source| Parsed { module: source.module(), source });
        ParsedCode { code: Rc::from(code), parsed: Rc::new(parsed) }
    }

    pub fn parsed(&self) -> Result<&Parsed, &SyntaxError> {
        self.parsed.as_ref().as_ref()
    }

    /// The syntax error to flag in the editor, at Python's line and column.
    pub fn marker(&self) -> Option<Marker> {
        self.parsed().err().map(|e| Marker {
            line: e.line,
            column: e.column,
            message: format!("SyntaxError: {}", e.message),
        })
    }
}

/// The same parse: a new edit is a new parse, so identity is enough and
/// comparing never walks the code.
impl PartialEq for ParsedCode {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.parsed, &other.parsed)
    }
}

/// Props every lab gets from its page.
#[derive(Properties, PartialEq)]
pub struct LabRunProps {
    pub parsed: ParsedCode,
    pub fields: BTreeMap<String, String>,
    pub on_field: Callback<(String, String)>,
    pub ran: Option<RanSnapshot>,
    pub finished: Option<FinishedRun>,
}

impl LabRunProps {
    /// The code was edited since the last Run, so CPython's answers are for other code.
    pub fn edited_since_run(&self) -> bool {
        self.ran.as_ref().is_some_and(|ran| *ran.code != *self.parsed.code)
    }
}

#[derive(Properties, PartialEq)]
pub struct LabProps {
    pub pattern: Pattern,
    pub parsed: ParsedCode,
    pub fields: BTreeMap<String, String>,
    pub on_field: Callback<(String, String)>,
    pub ran: Option<RanSnapshot>,
    pub finished: Option<FinishedRun>,
}

#[function_component(Lab)]
pub fn lab(props: &LabProps) -> Html {
    let parsed = props.parsed.clone();
    let fields = props.fields.clone();
    let on_field = props.on_field.clone();
    let ran = props.ran.clone();
    let finished = props.finished.clone();
    match props.pattern {
        Pattern::Protocol => html! { <ProtocolLab {parsed} {fields} {on_field} {ran} {finished} /> },
        Pattern::Dispatch => html! { <DispatchLab {parsed} {fields} {on_field} {ran} {finished} /> },
        Pattern::Freeze => html! { <FreezeLab {fields} {on_field} /> },
        Pattern::Annotated => html! { <AnnotatedLab {parsed} {fields} {on_field} {ran} {finished} /> },
        Pattern::Finalize => html! { <FinalizeLab {parsed} {fields} {on_field} {ran} {finished} /> },
    }
}

/// Runs `model` on each new version of the code that parses, and keeps the
/// last good result while the code has a syntax error, so the lab dims
/// instead of going blank mid-keystroke.
#[hook]
pub fn use_last_good<T: 'static>(
    parsed: ParsedCode,
    model: impl FnOnce(&Parsed) -> T + 'static,
) -> (Option<Rc<T>>, Option<SyntaxError>) {
    let last_good = use_mut_ref(|| None::<Rc<T>>);
    let modelled = use_memo(parsed, move |parsed| match parsed.parsed() {
        Ok(parsed) => Ok(Rc::new(model(parsed))),
        Err(error) => Err(error.clone()),
    });
    match &*modelled {
        Ok(result) => {
            *last_good.borrow_mut() = Some(Rc::clone(result));
            (Some(Rc::clone(result)), None)
        }
        Err(error) => (last_good.borrow().clone(), Some(error.clone())),
    }
}

/// The message above a dimmed lab while the code does not parse.
pub fn syntax_banner(error: Option<&SyntaxError>) -> Html {
    match error {
        None => html! {},
        Some(e) => html! {
            <p class="lab-problem" role="status">
                { format!("SyntaxError at line {}, column {}: {}. The lab shows the last version that parsed.", e.line, e.column, e.message) }
            </p>
        },
    }
}

/// A green "agrees" or red "disagrees" badge with its text.
pub fn agreement_badge(agrees: bool, text: &str) -> Html {
    let (class, mark) = if agrees { ("agree", "✓") } else { ("disagree", "✗") };
    html! { <span class={classes!("badge", class)}>{ format!("{mark} {text}") }</span> }
}
