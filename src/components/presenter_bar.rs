//! Presenter mode's controls: side by side or one panel at a time, the explanation point by
//! point, the QR code of the permalink, and the way out (also Alt+Shift+P).

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PresenterBarProps {
    pub one_panel: bool,
    pub showing_lab: bool,
    pub points_shown: usize,
    pub points: usize,
    pub qr_open: bool,
    pub on_layout: Callback<()>,
    pub on_panel: Callback<()>,
    pub on_next_point: Callback<()>,
    pub on_all_points: Callback<()>,
    pub on_qr: Callback<()>,
    pub on_leave: Callback<()>,
}

#[function_component(PresenterBar)]
pub fn presenter_bar(props: &PresenterBarProps) -> Html {
    let click = |callback: &Callback<()>| callback.reform(|_: MouseEvent| ());
    html! {
        <div class="presenter-bar" role="toolbar" aria-label="Presenter">
            <button onclick={click(&props.on_layout)} aria-pressed={props.one_panel.to_string()}>{ "One panel at a time" }</button>
            if props.one_panel {
                <button onclick={click(&props.on_panel)}>{ if props.showing_lab { "Show the code" } else { "Show the lab" } }</button>
            }
            <button onclick={click(&props.on_next_point)} disabled={props.points_shown >= props.points}>
                { format!("Next point ({} of {})", props.points_shown, props.points) }
            </button>
            <button onclick={click(&props.on_all_points)} disabled={props.points_shown >= props.points}>{ "All points" }</button>
            <button onclick={click(&props.on_qr)} aria-expanded={props.qr_open.to_string()} aria-controls="presenter-qr">{ "QR code" }</button>
            <button onclick={click(&props.on_leave)} title="Alt+Shift+P">{ "Leave presenter mode" }</button>
        </div>
    }
}
