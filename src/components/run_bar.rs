//! Run and Stop, with the state of the current run.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RunBarProps {
    pub running: bool,
    pub on_run: Callback<()>,
    pub on_stop: Callback<()>,
    pub on_reset: Callback<()>,
    /// Offered after a Reset, until the next edit.
    pub on_undo_reset: Option<Callback<()>>,
    /// The example was edited: Reset is offered.
    pub edited: bool,
    pub permalink: AttrValue,
}

#[function_component(RunBar)]
pub fn run_bar(props: &RunBarProps) -> Html {
    let run = props.on_run.reform(|_: MouseEvent| ());
    let stop = props.on_stop.reform(|_: MouseEvent| ());
    let reset = props.on_reset.reform(|_: MouseEvent| ());
    html! {
        <div class="run-bar">
            <button class="primary" onclick={run} disabled={props.running} title="Run (Ctrl+Enter)">{ "Run" }</button>
            <button onclick={stop} disabled={!props.running}>{ "Stop" }</button>
            <button onclick={reset} disabled={!props.edited} title="Back to the page's example">{ "Reset" }</button>
            if let Some(undo) = &props.on_undo_reset {
                <button onclick={undo.reform(|_: MouseEvent| ())} title="Bring back the code Reset replaced">{ "Undo reset" }</button>
            }
            <a class="permalink" href={props.permalink.clone()} title="A link to this page with your code">{ "Permalink" }</a>
            <span class="run-state" aria-live="polite">{ if props.running { "Running…" } else { "" } }</span>
        </div>
    }
}
