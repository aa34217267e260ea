//! A pattern page: the explanation, the editable example with Run, Stop and
//! Output, and the pattern's lab.

use std::collections::BTreeMap;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use urlstate::{to_hash, PageState, Pattern, Route};
use wasm_bindgen::JsCast;
use worker_protocol::{RunProbe, DOWNLOADED_FRACTION};
use yew::prelude::*;

use crate::components::engine_status::EngineStatusView;
use crate::components::exercise_panel::ExercisePanel;
use crate::components::output::Output;
use crate::components::presenter_bar::PresenterBar;
use crate::components::prose::{inline, paragraph};
use crate::components::qr_code::QrCodeView;
use crate::components::run_bar::RunBar;
use crate::content::{content, SOURCE_ARTICLE};
use crate::editor::CodeEditor;
use crate::editor::Marker;
use crate::edits;
use crate::embed::{use_embed_bridge, EmbedCommands, EmbedOptions, EmbedRun};
use crate::exercises_store::OwnCode;
use crate::labs::{self, Armed, Arming, LabFacts, LabProps, RanSnapshot};
use crate::python::{use_python, EngineStatus};

/// How long a finished Run that went ahead of the labs' worker waits for its prediction before
/// it ends unchecked.
const WAIT_FOR_LAB_MS: u32 = 5_000;
/// A Python download still going this long after the page opened is a slow network's: the
/// labs start without waiting for Python.
const SLOW_DOWNLOAD_MS: u32 = 1_000;
/// An edit's packages are looked for once typing has paused this long.
const PREPARE_AFTER_TYPING_MS: u32 = 400;

/// A Run that went ahead of the lab's prediction for its code and fields: the worker keeps the
/// finished run open until the probe follows (or `WAIT_FOR_LAB_MS` pass).
struct AwaitingProbe {
    run_id: u32,
    code: Rc<str>,
    fields: BTreeMap<String, String>,
}

#[derive(Properties, PartialEq)]
pub struct PatternPageProps {
    pub pattern: Pattern,
    /// The state the URL held when the page opened.
    pub initial: PageState,
    /// Called with the new state whenever the code or a lab input changes.
    pub on_state: Callback<PageState>,
    /// The link could not be read: the page says it opens the default example, so it does.
    pub link_failed: bool,
}

#[function_component(PatternPage)]
pub fn pattern_page(props: &PatternPageProps) -> Html {
    let text = content(props.pattern);
    let engine = use_python();
    // A link with code or lab inputs opens exactly those; a bare link (the navigation's, Back
    // to an unedited entry) opens the page's last edit.
    let opened = use_memo((), |_| {
        let initial = &props.initial;
        let bare = !initial.embed && !props.link_failed && initial.code.is_none() && initial.fields.is_empty();
        let restored = if bare { edits::saved(props.pattern) } else { None };
        let restored_any = restored.is_some();
        let state = restored.unwrap_or_else(|| initial.clone());
        let exercise = initial.exercise.filter(|_| !initial.embed);
        (restored_any, PageState { embed: initial.embed, presenter: initial.presenter, exercise, ..state })
    });
    let code = use_state(|| opened.1.code.clone().unwrap_or_else(|| text.example.to_owned()));
    let fields = use_state(|| opened.1.fields.clone());
    // The code Reset replaced, until the next edit: Reset can be undone.
    let before_reset = use_state(|| None::<String>);
    let ran = use_state(|| None::<RanSnapshot>);
    // The lab arms each edit's prediction here; Run takes it, so nothing is predicted again.
    let armed = use_mut_ref(|| None::<Arming>);
    // A Run pressed before the labs' worker answered for the code runs at once; its probe follows.
    let awaiting_probe = use_mut_ref(|| None::<AwaitingProbe>);
    // The editor's syntax marker, from the labs' worker's parse.
    let marker = use_state(|| None::<Marker>);
    // The lab asks the labs' worker nothing until Python is ready (or has failed), or its code or
    // the lab's inputs are edited: on two cores, compiling the labs' wasm competes
    // with Python's start and slows the first Run (and on a docs page of several embeds, each
    // would compile it). A Python still downloading after `SLOW_DOWNLOAD_MS` leaves the cores
    // idle, so the labs start then. (`use_state_eq`: releasing them again renders nothing.)
    let labs_released = use_state_eq(|| false);

    // Presenter mode, with its layout, the explanation's points shown, and the QR code.
    let presenter = use_state(|| opened.1.presenter && !opened.1.embed);
    let presenting = use_mut_ref(|| *presenter);
    let one_panel = use_state(|| false);
    let showing_lab = use_state(|| false);
    let points_shown = use_state(|| 1usize);
    let qr_open = use_state(|| false);

    // Exercises mode: the exercise shown (from 0), and what the lab says for grading it.
    let page_exercises = use_memo(props.pattern, |pattern| exercises::for_page(pattern.slug()));
    // A link past the last exercise opens the last one.
    let exercise = use_state(|| opened.1.exercise.map(|n| (n - 1).min(page_exercises.len().saturating_sub(1))));
    let exercising = use_mut_ref(|| *exercise);
    let facts = use_state(LabFacts::default);

    // Every change goes to the URL (through the app) and to the page's kept edit.
    let publish = {
        let (on_state, pattern, embed) = (props.on_state.clone(), props.pattern, props.initial.embed);
        let (presenting, exercising) = (presenting.clone(), exercising.clone());
        Callback::from(move |state: PageState| {
            if !embed {
                edits::remember(pattern, &state);
            }
            let exercise = exercising.borrow().map(|i| i + 1);
            on_state.emit(PageState { presenter: *presenting.borrow(), exercise, ..state });
        })
    };
    {
        let (publish, restored) = (publish.clone(), opened.0);
        let state = opened.1.clone();
        use_effect_with((), move |_| {
            if restored {
                publish.emit(state);
            }
        });
    }

    let state_for = {
        let (embed, example) = (props.initial.embed, text.example);
        move |code: &str, fields: &BTreeMap<String, String>| PageState {
            code: (code != example).then(|| code.to_owned()),
            fields: fields.clone(),
            embed,
            presenter: false,
            exercise: None,
            ..PageState::default()
        }
    };

    let on_change = {
        let (code, fields, on_state, state_for) = (code.clone(), fields.clone(), publish.clone(), state_for);
        let (before_reset, labs_released) = (before_reset.clone(), labs_released.clone());
        Callback::from(move |new_code: String| {
            if *new_code != *code {
                before_reset.set(None);
                labs_released.set(true);
            }
            on_state.emit(state_for(&new_code, &fields));
            code.set(new_code);
        })
    };
    let on_field = {
        let (code, fields, on_state, state_for) = (code.clone(), fields.clone(), publish.clone(), state_for);
        let labs_released = labs_released.clone();
        Callback::from(move |(key, value): (String, String)| {
            labs_released.set(true);
            let mut next = (*fields).clone();
            next.insert(key, value);
            on_state.emit(state_for(&code, &next));
            fields.set(next);
        })
    };
    let on_run = {
        let (code, fields, ran, worker) = (code.clone(), fields.clone(), ran.clone(), engine.worker.clone());
        let (armed, awaiting_probe) = (armed.clone(), awaiting_probe.clone());
        // A Run does not start the labs: its probe can follow, and they start with its Python.
        Callback::from(move |()| {
            let code: Rc<str> = Rc::from(code.as_str());
            let arming = armed.borrow().clone().filter(|a| a.code == code && a.fields == *fields);
            let armed = arming.as_ref().and_then(|a| a.armed.clone());
            let run_id = worker.run(code.to_string(), run_probe(&armed), arming.is_none().then_some(WAIT_FOR_LAB_MS));
            *awaiting_probe.borrow_mut() =
                arming.is_none().then(|| AwaitingProbe { run_id, code: Rc::clone(&code), fields: (*fields).clone() });
            ran.set(Some(RanSnapshot { run_id, code, fields: (*fields).clone(), armed }));
        })
    };
    {
        let status = &engine.state.status;
        let settled = matches!(status, EngineStatus::Ready { .. } | EngineStatus::Failed(_));
        let downloading = matches!(status, EngineStatus::Loading { fraction, .. } if *fraction < DOWNLOADED_FRACTION);
        let waited = use_state_eq(|| false);
        {
            let waited = waited.clone();
            use_effect_with((), move |_| {
                let timer = Timeout::new(SLOW_DOWNLOAD_MS, move || waited.set(true));
                move || drop(timer)
            });
        }
        let labs_released = labs_released.clone();
        use_effect_with((settled, downloading && *waited), move |(settled, slow_download)| {
            if *settled || *slow_download {
                labs_released.set(true);
            }
        });
    }
    // Once Python is ready (again, after a restart), and after each edit, the worker loads
    // the shipped packages the code imports (pydantic), so its Run need not wait for them.
    // Finding the imports parses the code in Python, which on two cores competes with the
    // labs for every keystroke: an edit is prepared once typing pauses, a start at once.
    {
        let ready = matches!(engine.state.status, EngineStatus::Ready { .. });
        let worker = engine.worker.clone();
        let (prepared_ready, pending_prepare) = (use_mut_ref(|| false), use_mut_ref(|| None::<Timeout>));
        use_effect_with((ready, (*code).clone()), move |(ready, code)| {
            let started = *ready && !*prepared_ready.borrow();
            *prepared_ready.borrow_mut() = *ready;
            let (worker, code) = (worker.clone(), code.clone());
            *pending_prepare.borrow_mut() = match (*ready, started) {
                (false, _) => None,
                (true, true) => {
                    worker.prepare(code);
                    None
                }
                (true, false) => Some(Timeout::new(PREPARE_AFTER_TYPING_MS, move || worker.prepare(code))),
            };
        });
    }
    let on_stop = {
        let worker = engine.worker.clone();
        Callback::from(move |()| worker.stop())
    };
    let on_reset = {
        let (code, on_state, fields, state_for) = (code.clone(), publish.clone(), fields.clone(), state_for);
        let (example, before_reset) = (text.example, before_reset.clone());
        Callback::from(move |()| {
            before_reset.set(Some((*code).clone()));
            on_state.emit(state_for(example, &fields));
            code.set(example.to_owned());
        })
    };
    let on_undo_reset = before_reset.as_ref().map(|previous| {
        let (code, on_state, fields, state_for) = (code.clone(), publish.clone(), fields.clone(), state_for);
        let (previous, before_reset) = (previous.clone(), before_reset.clone());
        Callback::from(move |()| {
            on_state.emit(state_for(&previous, &fields));
            code.set(previous.clone());
            before_reset.set(None);
        })
    });

    let toggle_presenter = {
        let (presenter, presenting, publish) = (presenter.clone(), presenting.clone(), publish.clone());
        let (code, fields, state_for, embed) = (code.clone(), fields.clone(), state_for, props.initial.embed);
        Callback::from(move |()| {
            if embed {
                return;
            }
            let next = !*presenting.borrow();
            *presenting.borrow_mut() = next;
            presenter.set(next);
            publish.emit(state_for(&code, &fields));
        })
    };
    {
        let toggle = toggle_presenter.clone();
        use_effect_with((), move |_| {
            let listener = gloo::events::EventListener::new(&gloo::utils::window(), "keydown", move |event| {
                let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                if key.alt_key() && key.shift_key() && key.code() == "KeyP" {
                    key.prevent_default();
                    toggle.emit(());
                }
            });
            move || drop(listener)
        });
    }
    let set_exercise = {
        let (exercise, exercising, publish) = (exercise.clone(), exercising.clone(), publish.clone());
        let (code, fields, state_for, count) = (code.clone(), fields.clone(), state_for, page_exercises.len());
        Callback::from(move |next: Option<usize>| {
            let next = next.map(|i| i.min(count.saturating_sub(1)));
            *exercising.borrow_mut() = next;
            exercise.set(next);
            publish.emit(state_for(&code, &fields));
        })
    };
    let on_exercise_load = {
        let (code, fields, publish, state_for) = (code.clone(), fields.clone(), publish.clone(), state_for);
        let before_reset = before_reset.clone();
        Callback::from(move |loaded: OwnCode| {
            before_reset.set(None);
            publish.emit(state_for(&loaded.code, &loaded.fields));
            code.set(loaded.code);
            fields.set(loaded.fields);
        })
    };
    let flip = |state: &UseStateHandle<bool>| {
        let state = state.clone();
        Callback::from(move |()| state.set(!*state))
    };
    let on_next_point = {
        let points_shown = points_shown.clone();
        Callback::from(move |()| points_shown.set(*points_shown + 1))
    };
    let on_all_points = {
        let (points_shown, all) = (points_shown.clone(), text.explanation.len());
        Callback::from(move |()| points_shown.set(all))
    };

    let mine = |run_id: u32| ran.as_ref().is_some_and(|r| r.run_id == run_id);
    let running = engine.state.running.is_some_and(mine);
    let finished = engine.state.last_run.as_ref().filter(|r| mine(r.run_id)).cloned();
    let shows_output = running || finished.is_some();
    let (chunks, dropped) =
        if shows_output { (engine.state.output.clone(), engine.state.output_dropped) } else { (Vec::new(), false) };
    // An empty Output says which of three things it is: no Run yet, a Run still going, or a
    // Run that printed nothing (the prompt to press Run would read as if it never ran).
    let output_placeholder = if running {
        "Running…"
    } else if finished.is_some() {
        "The program printed nothing."
    } else {
        "Press Run (or Ctrl+Enter) to run the example in CPython."
    };
    let permalink = to_hash(Route::Pattern(props.pattern), &state_for(&code, &fields));
    let embed = props.initial.embed;
    let full_page = to_hash(Route::Pattern(props.pattern), &PageState { embed: false, ..state_for(&code, &fields) });
    let on_armed = {
        let (armed, awaiting_probe, ran, worker) =
            (armed.clone(), awaiting_probe.clone(), ran.clone(), engine.worker.clone());
        Callback::from(move |next: Arming| {
            let awaited = awaiting_probe.borrow_mut().take_if(|w| w.code == next.code && w.fields == next.fields);
            if let Some(AwaitingProbe { run_id, code, fields }) = awaited {
                worker.probe(run_id, run_probe(&next.armed));
                ran.set(Some(RanSnapshot { run_id, code, fields, armed: next.armed.clone() }));
            }
            *armed.borrow_mut() = Some(next);
        })
    };
    let on_marker = {
        let marker = marker.clone();
        Callback::from(move |next: Option<Marker>| {
            if *marker != next {
                marker.set(next);
            }
        })
    };
    // One `Rc` per edit, not per render: the page re-renders on every batch of output during a run.
    let shared_code = use_memo((*code).clone(), |code| Rc::<str>::from(code.as_str()));
    let lab = labs::lab(
        props.pattern,
        LabProps {
            code: Rc::clone(&shared_code),
            fields: (*fields).clone(),
            on_field,
            on_armed,
            on_marker,
            ran: (*ran).clone(),
            finished: finished.clone(),
            permalink: permalink.clone().into(),
            // Exercises grade by the facts; an embed reports the verdict to its host.
            on_facts: (exercise.is_some() || embed).then(|| {
                let facts = facts.clone();
                Callback::from(move |next: LabFacts| facts.set(next))
            }),
            may_predict: *labs_released,
        },
    );
    use_embed_bridge(
        EmbedOptions { embed, origin: props.initial.embed_origin.clone(), start: props.initial.embed_start },
        engine.clone(),
        EmbedCommands { set_code: on_change.clone(), run: on_run.clone(), stop: on_stop.clone() },
        EmbedRun {
            run_id: ran.as_ref().map(|r| r.run_id),
            output: chunks.clone(),
            finished: finished.clone(),
            comparison: facts.comparison.clone(),
        },
    );

    let presenting_now = *presenter;
    let shown_points =
        if presenting_now { (*points_shown).min(text.explanation.len()) } else { text.explanation.len() };
    let audience_link = {
        let location = gloo::utils::window().location();
        let page = format!("{}{}", location.origin().unwrap_or_default(), location.pathname().unwrap_or_default());
        format!("{page}{permalink}")
    };
    let presenter_classes = presenting_now.then(|| {
        classes!(
            "presenter",
            (*one_panel).then_some("one-panel"),
            (*one_panel && *showing_lab).then_some("showing-lab"),
            (*one_panel && !*showing_lab).then_some("showing-code")
        )
    });

    html! {
        <main id="main" class={classes!("pattern-page", embed.then_some("embedded"), presenter_classes)}>
            if presenting_now {
                <PresenterBar one_panel={*one_panel} showing_lab={*showing_lab} points_shown={shown_points}
                    points={text.explanation.len()} qr_open={*qr_open} on_layout={flip(&one_panel)}
                    on_panel={flip(&showing_lab)} on_next_point={on_next_point} on_all_points={on_all_points}
                    on_qr={flip(&qr_open)} on_leave={toggle_presenter.clone()} />
                if *qr_open {
                    <section id="presenter-qr" class="presenter-qr" role="dialog" aria-label="Open this code on your phone">
                        <h2>{ "Open this code on your phone" }</h2>
                        <button class="presenter-qr-close" onclick={flip(&qr_open).reform(|_: MouseEvent| ())}>{ "Close the QR code" }</button>
                        <QrCodeView text={AttrValue::from(audience_link.clone())} of="this page's permalink" />
                        <p class="presenter-qr-link"><code>{ audience_link.clone() }</code></p>
                    </section>
                }
            }
            <header class="page-title">
                <h1><code>{ text.api }</code>{ " " }<span>{ text.title }</span></h1>
                if !embed && exercise.is_none() && !page_exercises.is_empty() {
                    <button class="open-exercises" onclick={set_exercise.reform(|_: MouseEvent| Some(0))}>
                        { format!("Exercises ({})", page_exercises.len()) }
                    </button>
                }
                if embed {
                    <a class="open-full" href={full_page} target="_blank" rel="noopener">{ "Open in Pattern Playground ↗" }</a>
                }
            </header>
            if let Some(index) = *exercise {
                <ExercisePanel pattern={props.pattern} exercises={page_exercises.clone()} index={index}
                    facts={(*facts).clone()} code={AttrValue::from((*code).clone())} fields={(*fields).clone()}
                    on_select={set_exercise.reform(Some)} on_load={on_exercise_load}
                    on_leave={set_exercise.reform(|()| None)} />
            }
            if !embed {
                <section class="explanation" aria-label="Explanation">
                    { for text.explanation.iter().take(shown_points).map(|p| paragraph(p)) }
                    <details class="reality" open=true>
                        <summary>{ "What CPython really does" }</summary>
                        { for text.reality.iter().map(|p| paragraph(p)) }
                        <p class="source">{ inline("Source of the pattern: ") }
                            <a href={SOURCE_ARTICLE} rel="noopener">{ "the original article" }</a></p>
                    </details>
                </section>
            }
            <div class="workbench">
                <section class="code-panel" aria-label="Example">
                    <div class="code-panel-head">
                        <h2>{ "Example" }</h2>
                        <EngineStatusView status={engine.state.status.clone()} packages={engine.state.packages.clone()} />
                    </div>
                    <CodeEditor value={(*code).clone()} on_change={on_change} on_run={on_run.clone()} marker={(*marker).clone()} />
                    <RunBar running={running} on_run={on_run} on_stop={on_stop} on_reset={on_reset} on_undo_reset={on_undo_reset}
                        edited={*code != text.example} permalink={permalink} />
                    <Output chunks={chunks} dropped={dropped}
                        placeholder={AttrValue::Static(output_placeholder)} />
                </section>
                { lab }
            </div>
        </main>
    }
}

/// The Python the worker runs after the code to check `armed`'s prediction, if it has any.
fn run_probe(armed: &Option<Armed>) -> Option<RunProbe> {
    let probe = armed.as_ref()?.probe.as_ref()?;
    Some(RunProbe { source: probe.python_source()?.to_owned(), after_error: probe.after_error() })
}
