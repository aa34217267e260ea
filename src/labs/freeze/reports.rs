//! Reports measured with real CPython: the bundled reference, one the user loads, and one run
//! live by the companion; one of them is drawn at a time.

use std::rc::Rc;

use cow::FreezeReport;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::fetch;
use super::live_run::LiveRun;
use super::report_chart::ReportChart;
use super::report_picker::{LoadedFile, ReportPicker};

/// Trunk copies `static/` next to the app; fetched on demand rather than compiled in, since it
/// is as large as a fifth of the app.
const REFERENCE_URL: &str = "./static/reference-freeze-report.json";

#[derive(Clone, Copy, PartialEq)]
enum Source {
    Reference,
    Loaded,
    Live,
}

#[derive(Clone, PartialEq)]
enum Reference {
    Loading,
    Ready(Rc<FreezeReport>),
    Failed(String),
}

async fn fetch_reference() -> Reference {
    match fetch::get(REFERENCE_URL).await {
        Ok(reply) if reply.status == 200 => match FreezeReport::from_json(&reply.body) {
            Ok(report) => Reference::Ready(Rc::new(report)),
            Err(error) => Reference::Failed(error.to_string()),
        },
        Ok(reply) => Reference::Failed(format!("the server answered {}", reply.status)),
        Err(error) => Reference::Failed(error),
    }
}

#[function_component(Reports)]
pub fn reports() -> Html {
    let reference = use_state(|| Reference::Loading);
    let loaded = use_state(|| None::<(String, Rc<FreezeReport>)>);
    let load_error = use_state(|| None::<String>);
    let live = use_state(|| None::<Rc<FreezeReport>>);
    let source = use_state(|| Source::Reference);

    {
        let reference = reference.clone();
        use_effect_with((), move |_| spawn_local(async move { reference.set(fetch_reference().await) }));
    }
    let on_loaded = {
        let (loaded, load_error, source) = (loaded.clone(), load_error.clone(), source.clone());
        Callback::from(move |(name, text): LoadedFile| {
            match text
                .map_err(|error| error.to_string())
                .and_then(|text| FreezeReport::from_json(&text).map_err(|e| e.to_string()))
            {
                Ok(report) => {
                    loaded.set(Some((name, Rc::new(report))));
                    load_error.set(None);
                    source.set(Source::Loaded);
                }
                Err(error) => {
                    load_error.set(Some(format!("Could not load {name}: {error}. The report shown is unchanged.")))
                }
            }
        })
    };
    let on_live_report = {
        let (live, source) = (live.clone(), source.clone());
        Callback::from(move |report: FreezeReport| {
            live.set(Some(Rc::new(report)));
            source.set(Source::Live);
        })
    };

    let mut choices = vec![(Source::Reference, "Reference machine".to_owned())];
    if let Some((name, _)) = &*loaded {
        choices.push((Source::Loaded, format!("Your file: {name}")));
    }
    if live.is_some() {
        choices.push((Source::Live, "Run on this machine".to_owned()));
    }
    let shown: Html = match *source {
        Source::Loaded => match &*loaded {
            Some((_, report)) => html! { <ReportChart report={report.clone()} /> },
            None => html! {},
        },
        Source::Live => match &*live {
            Some(report) => html! { <ReportChart report={report.clone()} /> },
            None => html! {},
        },
        Source::Reference => match &*reference {
            Reference::Loading => html! { <p class="lab-note" role="status">{ "Loading the reference report…" }</p> },
            Reference::Failed(error) => html! {
                <p class="lab-problem" role="alert">{ format!("The reference report could not be loaded: {error}") }</p>
            },
            Reference::Ready(report) => html! { <ReportChart report={report.clone()} /> },
        },
    };
    html! {
        <section class="freeze-reports" aria-labelledby="freeze-reports-title">
            <h3 id="freeze-reports-title">{ "Measured with CPython" }</h3>
            <p class="lab-note">
                { "The companion forks real CPython workers, and reads each process's Pss and Private_Dirty from " }
                <code>{ "/proc/<pid>/smaps_rollup" }</code>
                { ". Next to every measurement is what the simulator predicts for the same heap and pool." }
            </p>
            <ReportPicker {on_loaded} />
            if let Some(error) = &*load_error {
                <p class="lab-problem" role="alert">{ error }</p>
            }
            <LiveRun on_report={on_live_report} />
            if choices.len() > 1 {
                <fieldset class="freeze-source">
                    <legend>{ "Report shown" }</legend>
                    { for choices.into_iter().map(|(choice, text)| {
                        let source = source.clone();
                        html! {
                            <label>
                                <input type="radio" name="freeze-source" checked={*source == choice}
                                    onchange={Callback::from(move |_: Event| source.set(choice))} />
                                { text }
                            </label>
                        }
                    }) }
                </fieldset>
            }
            { shown }
        </section>
    }
}
