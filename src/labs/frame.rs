//! The one lab frame: every lab is predicted, kept, armed for Run, compared and summarised
//! here, through the lab contract (`crates/lab`). A lab's own module only reads its input from
//! the page's fields, draws its controls and draws its prediction.

use std::collections::BTreeMap;
use std::rc::Rc;

use lab::remote::{LabFault, PredictAnswer, PredictOutcome};
use lab::{Comparison, InputProblem, Lab, Probe, Verdict, PYODIDE_PYTHON_MINOR};
use pysource::SyntaxError;
use worker_protocol::RunStatus;
use yew::prelude::*;

use super::{guard, worker};
use super::{Armed, Arming, LabFacts, LabProps};
use crate::editor::Marker;

/// The page's URL fields: the lab inputs as the permalink keeps them.
pub type Fields = BTreeMap<String, String>;

/// The URL field that chooses the CPython the lab predicts for: `python=3.12`.
pub const PYTHON_FIELD: &str = "python";

/// The CPython minor versions the labs predict for, oldest first; the last is Pyodide's, the
/// one a Run runs.
const PYTHON_MINORS: [u8; 4] = [11, 12, 13, PYODIDE_PYTHON_MINOR];

/// The version the page's fields choose, or Pyodide's with why when they choose none it knows.
fn chosen_python(fields: &Fields) -> (u8, Option<String>) {
    let Some(value) = fields.get(PYTHON_FIELD) else { return (PYODIDE_PYTHON_MINOR, None) };
    match value.strip_prefix("3.").and_then(|minor| minor.parse::<u8>().ok()) {
        Some(minor) if PYTHON_MINORS.contains(&minor) => (minor, None),
        _ => (
            PYODIDE_PYTHON_MINOR,
            Some(format!(
                "{PYTHON_FIELD}={value} in the address is not a version the labs predict for (3.11 to 3.14): \
                 predicting for 3.{PYODIDE_PYTHON_MINOR}."
            )),
        ),
    }
}

/// The syntax error to flag in the editor, at Python's line and column. An escape the labs do
/// not read is no error, and is not flagged.
fn marker(error: &SyntaxError) -> Option<Marker> {
    (!error.unread).then(|| Marker {
        line: error.line,
        column: error.column,
        message: format!("SyntaxError: {}", error.message),
    })
}

/// The URL field that makes the lab panic on purpose (in the labs' worker), so that the browser
/// tests can show the page surviving a model's panic.
pub const FAULT_FIELD: &str = "lab_fault";

/// What a lab adds to the contract to sit on a page.
pub trait PageLab: Lab + 'static {
    /// The lab's heading, and the stem of its element ids.
    const TITLE: &'static str;
    const ID: &'static str;
    /// Whether the prediction depends on the CPython version, so that the page offers a choice
    /// of version.
    const VERSIONED: bool = true;
    fn intro() -> Html;
    /// The input, read defensively from the page's URL fields.
    fn input(fields: &BTreeMap<String, String>) -> Self::Input;
    /// The lab's own controls (handler, payload, ...) over `fields`; `names` are what the labs'
    /// worker read from the last parse that succeeded (`crates/lab-worker`), and `last` is the
    /// last prediction made, for controls drawn from it.
    fn controls(
        _input: &Self::Input,
        _fields: &Fields,
        _names: &[String],
        _last: Option<&Self::Prediction>,
        _on_field: &Callback<(String, String)>,
    ) -> Html {
        html! {}
    }
    /// The prediction, with CPython's verdicts where `comparison` (and `report`, the probe's
    /// JSON) are for this very code and input.
    fn view(prediction: &Rc<Self::Prediction>, comparison: Option<&Comparison>, report: Option<&str>) -> Html;
    /// What a Run checks, said before the first Run.
    fn before_run() -> &'static str {
        "Run the code to check the prediction against CPython."
    }
}

/// One edit's prediction, as the labs' worker answered it, kept until the next answer.
enum Predicted<L: Lab> {
    Ready { prediction: Rc<L::Prediction>, json: Rc<str>, probe: Option<Probe> },
    Syntax(SyntaxError),
    Input(InputProblem),
    Failed(String),
}

impl<L: Lab> Predicted<L> {
    fn read(outcome: PredictOutcome) -> Self {
        match outcome {
            PredictOutcome::Ready { prediction: json, probe } => match serde_json::from_str::<L::Prediction>(&json) {
                Ok(prediction) => Predicted::Ready { prediction: Rc::new(prediction), json: Rc::from(json), probe },
                Err(error) => Predicted::Failed(format!("the prediction could not be read: {error}")),
            },
            PredictOutcome::Syntax { error } => Predicted::Syntax(error),
            PredictOutcome::Input { problem } => Predicted::Input(problem),
            PredictOutcome::Failed { message } => Predicted::Failed(message),
        }
    }
}

/// The worker's last answer, and the code and fields it answered for.
struct Answered<L: Lab> {
    code: Rc<str>,
    fields: Fields,
    predicted: Predicted<L>,
}

impl<L: Lab> Answered<L> {
    fn is_for(&self, code: &str, fields: &Fields) -> bool {
        *self.code == *code && self.fields == *fields
    }
}

/// One answer as an effect's dependency: a new answer is a new `Rc`.
struct Edit<L: Lab>(Option<Rc<Answered<L>>>);

impl<L: Lab> PartialEq for Edit<L> {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }
}

/// One Run's check as an effect's dependency: a new Run or result is a new `Rc`.
struct Checked(Rc<RunCheck>);

impl PartialEq for Checked {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// What the last Run of this lab says, if it ran this lab's probe.
enum RunCheck {
    NotRun,
    Running,
    NoProbe,
    CodeFailed(String),
    ProbeFailed(String),
    Compared(Comparison, String),
    LabFailed(String),
    /// The prediction was for another CPython than the one that ran.
    OtherVersion(u8),
}

#[function_component(LabFrame)]
pub fn lab_frame<L: PageLab>(props: &LabProps) -> Html {
    let input = L::input(&props.fields);
    let (python_minor, python_problem) =
        if L::VERSIONED { chosen_python(&props.fields) } else { (PYODIDE_PYTHON_MINOR, None) };
    // The worker's last answer; an answer for an older edit is dropped on arrival.
    let answered = use_state(|| None::<Rc<Answered<L>>>);
    // Which edit the lab wants an answer for: each edit, and the lab's end, counts one up.
    let edit_count = use_mut_ref(|| 0u64);
    // The last prediction that was made, shown dimmed while the code does not parse.
    let last_ready = use_mut_ref(|| None::<Rc<L::Prediction>>);
    // The controls' names, read from each parse that succeeded and kept while the code does not
    // parse; they change only with an answer, which renders the lab anyway.
    let names = use_mut_ref(Vec::<String>::new);

    // Each edit is one request to the labs' worker: one parse and one model run.
    {
        let (answered, edit_count, names, on_marker) =
            (answered.clone(), edit_count.clone(), names.clone(), props.on_marker.clone());
        let fault = props.fields.get(FAULT_FIELD).and_then(|v| LabFault::parse(v));
        let input = serde_json::to_value(&input).unwrap_or_default();
        use_effect_with(
            (Rc::clone(&props.code), props.fields.clone(), props.may_predict),
            move |(code, fields, may)| {
                let (code, fields, may_predict) = (Rc::clone(code), fields.clone(), *may);
                let text = Rc::clone(&code);
                // Counted before the request is sent: its answer may come back before `predict`
                // returns (from the answer slot).
                let edit = {
                    let mut count = edit_count.borrow_mut();
                    *count += 1;
                    *count
                };
                let latest = edit_count.clone();
                let on_answer = Callback::from(move |answer: PredictAnswer| {
                    if edit != *latest.borrow() {
                        return;
                    }
                    if let Some(found) = answer.names {
                        *names.borrow_mut() = found;
                    }
                    let predicted = Predicted::<L>::read(answer.outcome);
                    on_marker.emit(match &predicted {
                        Predicted::Syntax(error) => marker(error),
                        _ => None,
                    });
                    answered.set(Some(Rc::new(Answered { code: Rc::clone(&code), fields: fields.clone(), predicted })));
                });
                if may_predict {
                    worker::predict(L::NAME, &text, input, python_minor, fault, on_answer);
                }
                // An answer after the next edit, or after the lab is gone, is for no one.
                move || *edit_count.borrow_mut() += 1
            },
        );
    }
    let current = answered.as_ref().filter(|a| a.is_for(&props.code, &props.fields)).cloned();
    let waiting = current.is_none() && props.may_predict;
    if let Some(Answered { predicted: Predicted::Ready { prediction, .. }, .. }) = answered.as_deref() {
        *last_ready.borrow_mut() = Some(Rc::clone(prediction));
    }

    // Arm the page's Run with this edit's probe and prediction, once the worker answered for it.
    {
        let on_armed = props.on_armed.clone();
        use_effect_with(Edit(current.clone()), move |Edit(current)| {
            let Some(current) = current else { return };
            let armed = match &current.predicted {
                Predicted::Ready { prediction, probe, .. } => {
                    let prediction = Rc::clone(prediction);
                    Some(Armed {
                        probe: probe.clone(),
                        compare: Rc::new(move |report: &str| guard::catch(|| L::compare(&prediction, report))),
                    })
                }
                _ => None,
            };
            on_armed.emit(Arming { code: Rc::clone(&current.code), fields: current.fields.clone(), armed });
        });
    }

    let run_check = use_memo((props.ran.clone(), props.finished.clone()), |(ran, finished)| {
        let Some(ran) = ran else { return RunCheck::NotRun };
        let Some(finished) = finished else { return RunCheck::Running };
        let outcome = &finished.outcome;
        let Some(armed) = &ran.armed else {
            // A Run that went ahead of the lab and ended before its prediction came says so.
            return outcome.probe_error.clone().map_or(RunCheck::NoProbe, RunCheck::ProbeFailed);
        };
        let Some(probe) = armed.probe.as_ref().filter(|p| p.python_source().is_some()) else {
            return RunCheck::NoProbe;
        };
        let ran_for = if L::VERSIONED { chosen_python(&ran.fields).0 } else { PYODIDE_PYTHON_MINOR };
        if ran_for != PYODIDE_PYTHON_MINOR {
            return RunCheck::OtherVersion(ran_for);
        }
        // A probe that runs the code again checks code that raised too: how it ends is a fact.
        let checkable = match outcome.status {
            RunStatus::Ok => true,
            RunStatus::Error => probe.after_error(),
            RunStatus::Interrupted => false,
        };
        if !checkable {
            return RunCheck::CodeFailed(outcome.error.clone().unwrap_or_else(|| "it was stopped".into()));
        }
        match (outcome.probe_reports.first(), &outcome.probe_error) {
            (Some(report), _) => match (armed.compare)(report) {
                Ok(comparison) => RunCheck::Compared(comparison, report.clone()),
                Err(panic) => RunCheck::LabFailed(panic),
            },
            (None, Some(error)) => RunCheck::ProbeFailed(error.clone()),
            (None, None) => RunCheck::ProbeFailed("the probe printed no report".into()),
        }
    });
    let edited_since_run = props.ran.as_ref().is_some_and(|ran| *ran.code != *props.code || ran.fields != props.fields);
    let comparison = match &*run_check {
        RunCheck::Compared(comparison, _) if !edited_since_run => Some(comparison),
        _ => None,
    };

    // The exercises' facts, when the page grades exercises: the prediction as JSON once per edit.
    {
        let on_facts = props.on_facts.clone();
        let comparison = comparison.cloned();
        use_effect_with(
            // Entering exercises mode asks for the facts of the edit already made.
            (Edit(current.clone()), Checked(Rc::clone(&run_check)), edited_since_run, on_facts.is_some()),
            move |(Edit(current), ..)| {
                // Until the worker answers for this edit, the exercise keeps the last facts.
                let (Some(on_facts), Some(current)) = (on_facts, current) else { return };
                let facts = match &current.predicted {
                    Predicted::Ready { prediction, json, .. } => {
                        let for_compare = Rc::clone(prediction);
                        LabFacts {
                            prediction: serde_json::from_str(json).ok().map(Rc::new),
                            comparison: comparison.map(Rc::new),
                            compare: Some(Rc::new(move |report: &str| {
                                guard::catch(|| L::compare(&for_compare, report))
                            })),
                        }
                    }
                    _ => LabFacts::default(),
                };
                on_facts.emit(facts);
            },
        );
    }

    // While the worker has not answered for this edit, the lab shows its last answer, marked
    // busy (style.css dims it if the answer takes longer than a blink).
    let last = last_ready.borrow().clone();
    let (problem, shown) = match answered.as_deref().map(|answered| &answered.predicted) {
        None if !props.may_predict => {
            (html! { <p class="lab-note" role="status">{ "The lab starts with Python, or when you edit." }</p> }, None)
        }
        None => (html! { <p class="lab-note" role="status">{ "Predicting…" }</p> }, None),
        Some(Predicted::Ready { prediction, .. }) => (html! {}, Some((Rc::clone(prediction), false))),
        Some(Predicted::Syntax(e)) if e.unread => (
            html! { <p class="lab-problem" role="status">{ format!("Not predicted: line {}, column {}: {}.", e.line, e.column, e.message) }</p> },
            None,
        ),
        Some(Predicted::Syntax(e)) => (
            html! { <p class="lab-problem" role="status">{ format!("SyntaxError at line {}, column {}: {}. The lab shows the last version that parsed.", e.line, e.column, e.message) }</p> },
            last.as_ref().map(|p| (Rc::clone(p), true)),
        ),
        Some(Predicted::Input(problem)) => {
            (html! { <p class="lab-problem" role="status">{ problem.to_string() }</p> }, None)
        }
        Some(Predicted::Failed(panic)) => (lab_failed(panic, &props.permalink), None),
    };

    let own_code = match answered.as_deref().map(|answered| &answered.predicted) {
        Some(Predicted::Ready { probe: Some(probe), .. }) => probe.own_code().cloned(),
        _ => None,
    };
    let title_id = format!("{}-lab-title", L::ID);
    html! {
        <section class={classes!("lab", format!("{}-lab", L::ID))} aria-labelledby={title_id.clone()} aria-busy={waiting.then_some("true")}>
            <h2 id={title_id}>{ L::TITLE }</h2>
            <p class="lab-intro">{ L::intro() }</p>
            if L::VERSIONED {
                <PythonChoice minor={python_minor} on_field={props.on_field.clone()} />
            }
            if let Some(problem) = python_problem {
                <p class="lab-problem" role="status">{ problem }</p>
            }
            { L::controls(&input, &props.fields, &names.borrow(), last.as_deref(), &props.on_field) }
            { problem }
            if let Some((prediction, dimmed)) = shown {
                <div class={classes!("lab-prediction", dimmed.then_some("stale"))}>
                    <PredictionView<L> {prediction} check={Rc::clone(&run_check)} shows_check={!edited_since_run} />
                </div>
            }
            if let Some(own) = own_code {
                <details class="own-code">
                    <summary>{ own.label.clone() }</summary>
                    <pre class="own-code-text"><code>{ own.code.clone() }</code></pre>
                </details>
            }
            { run_summary::<L>(&run_check, edited_since_run, &props.permalink) }
        </section>
    }
}

#[derive(Properties)]
struct PredictionProps<L: PageLab> {
    prediction: Rc<L::Prediction>,
    check: Rc<RunCheck>,
    /// Whether the check is for the code and inputs shown (not edited since the Run).
    shows_check: bool,
}

/// Equal when it is the same prediction and the same check: a keystroke renders the lab at once
/// (busy) and again with the worker's answer, and the first render skips the drawing.
impl<L: PageLab> PartialEq for PredictionProps<L> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.prediction, &other.prediction)
            && Rc::ptr_eq(&self.check, &other.check)
            && self.shows_check == other.shows_check
    }
}

/// The lab's drawing of its prediction, with CPython's verdicts when the check is for it.
#[function_component(PredictionView)]
fn prediction_view<L: PageLab>(props: &PredictionProps<L>) -> Html {
    let (comparison, report) = match &*props.check {
        RunCheck::Compared(comparison, report) if props.shows_check => (Some(comparison), Some(report.as_str())),
        _ => (None, None),
    };
    L::view(&props.prediction, comparison, report)
}

#[derive(Properties, PartialEq)]
struct PythonChoiceProps {
    minor: u8,
    on_field: Callback<(String, String)>,
}

/// The CPython the lab predicts for: 3.11 to Pyodide's, which Run runs and which is the default.
#[function_component(PythonChoice)]
fn python_choice(props: &PythonChoiceProps) -> Html {
    let onchange = {
        let on_field = props.on_field.clone();
        Callback::from(move |event: Event| {
            let select: web_sys::HtmlSelectElement = event.target_unchecked_into();
            on_field.emit((PYTHON_FIELD.to_owned(), select.value()));
        })
    };
    html! {
        <p class="lab-python">
            <label>
                { "Predict for " }
                <select {onchange}>
                    { for PYTHON_MINORS.iter().map(|&minor| {
                        let label = if minor == PYODIDE_PYTHON_MINOR {
                            format!("CPython 3.{minor} (Pyodide: what Run runs)")
                        } else {
                            format!("CPython 3.{minor}")
                        };
                        html! { <option value={format!("3.{minor}")} selected={minor == props.minor}>{ label }</option> }
                    }) }
                </select>
            </label>
        </p>
    }
}

fn lab_failed(panic: &str, permalink: &str) -> Html {
    html! {
        <div class="lab-problem lab-failed" role="alert">
            <p><strong>{ "The lab failed on this code." }</strong>{ " The editor, Run and Stop still work; the lab will try again on your next edit." }</p>
            <p class="lab-note">{ "Please report it with " }<a href={permalink.to_owned()}>{ "this permalink" }</a>{ ", which holds the code and the lab's inputs." }</p>
            <details><summary>{ "What failed" }</summary><pre>{ panic.to_owned() }</pre></details>
        </div>
    }
}

fn run_summary<L: PageLab>(check: &RunCheck, edited: bool, permalink: &str) -> Html {
    let note = |text: String| html! { <p class="lab-note run-verdict" role="status">{ text }</p> };
    match check {
        RunCheck::NotRun => note(L::before_run().into()),
        RunCheck::Running => note("Running…".into()),
        RunCheck::NoProbe => note("This Run had no prediction to check: the lab had nothing to ask CPython.".into()),
        RunCheck::CodeFailed(error) => {
            note(format!("The code did not finish ({error}), so CPython could not check the prediction."))
        }
        RunCheck::ProbeFailed(error) => note(format!("CPython could not check the prediction: {error}")),
        RunCheck::LabFailed(panic) => lab_failed(panic, permalink),
        RunCheck::OtherVersion(minor) => note(format!(
            "Not compared: the prediction is for CPython 3.{minor}, and Run ran Pyodide's CPython \
             3.{PYODIDE_PYTHON_MINOR}. Choose 3.{PYODIDE_PYTHON_MINOR} to have CPython check the prediction."
        )),
        RunCheck::Compared(comparison, _) => comparison_view(comparison, edited),
    }
}

/// The badge and, below it, every fact CPython did not confirm: disagreements, and what the
/// lab declined to predict with CPython's answer beside it.
fn comparison_view(comparison: &Comparison, edited: bool) -> Html {
    let (class, mark) = if comparison.agrees() {
        ("agree", "✓")
    } else if comparison.disagreed() > 0 || comparison.problem.is_some() {
        ("disagree", "✗")
    } else {
        ("neutral", "–")
    };
    let unconfirmed: Vec<_> = comparison.checks.iter().filter(|c| c.verdict != Verdict::Agreed).collect();
    html! {
        <div class="run-check">
            <h3>{ "CPython says" }</h3>
            <p class="run-verdict" role="status">
                <span class={classes!("badge", class)}>{ format!("{mark} {}", comparison.summary()) }</span>
                if edited { <span class="lab-note">{ " (for the code and inputs as they were when you pressed Run)" }</span> }
            </p>
            if let Some(problem) = &comparison.problem {
                <p class="lab-note">{ problem.clone() }</p>
            }
            if !unconfirmed.is_empty() {
                <ul class="checks">
                    { for unconfirmed.iter().map(|check| {
                        let actual = check.actual.clone().unwrap_or_else(|| "(nothing)".into());
                        match &check.verdict {
                            Verdict::Disagreed => html! {
                                <li><span class="badge disagree">{ format!("✗ {}", check.subject) }</span>
                                    { " predicted " }<code>{ check.predicted.clone().unwrap_or_default() }</code>
                                    { ", CPython " }<code>{ actual }</code></li>
                            },
                            Verdict::Declined(reason) => html! {
                                <li><span class="badge neutral">{ format!("not predicted: {}", check.subject) }</span>
                                    { " CPython " }<code>{ actual }</code>
                                    <span class="lab-note">{ format!(" ({reason})") }</span></li>
                            },
                            Verdict::Agreed => html! {},
                        }
                    }) }
                </ul>
            }
        </div>
    }
}
