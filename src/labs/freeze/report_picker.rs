//! Loading a report the user has: a file picker, and a drop zone around it for dragging.

use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{DragEvent, File, FileList, HtmlInputElement};
use yew::prelude::*;

use super::fetch::describe;

/// A file's name and its text, or why it could not be read.
pub type LoadedFile = (String, Result<String, String>);

#[derive(Properties, PartialEq)]
pub struct ReportPickerProps {
    pub on_loaded: Callback<LoadedFile>,
}

fn read_first(files: Option<FileList>, on_loaded: Callback<LoadedFile>) {
    let Some(file): Option<File> = files.and_then(|files| files.get(0)) else {
        return;
    };
    spawn_local(async move {
        let text = JsFuture::from(file.text()).await.map(|text| text.as_string().unwrap_or_default()).map_err(describe);
        on_loaded.emit((file.name(), text));
    });
}

#[function_component(ReportPicker)]
pub fn report_picker(props: &ReportPickerProps) -> Html {
    let dragging = use_state(|| false);
    let on_change = {
        let on_loaded = props.on_loaded.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            read_first(input.files(), on_loaded.clone());
            // Choosing the same file again after fixing it should load it again.
            input.set_value("");
        })
    };
    let on_drag_over = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            // Without this the browser refuses the drop and opens the file instead.
            e.prevent_default();
            dragging.set(true);
        })
    };
    let on_drag_leave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let on_drop = {
        let (dragging, on_loaded) = (dragging.clone(), props.on_loaded.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            read_first(e.data_transfer().and_then(|data| data.files()), on_loaded.clone());
        })
    };
    html! {
        <div class={classes!("freeze-drop", dragging.then_some("dragging"))}
            ondragover={on_drag_over} ondragleave={on_drag_leave} ondrop={on_drop}>
            <label for="freeze-report-file">{ "Load a report written by " }<code>{ "playground freeze --json FILE" }</code></label>
            <input id="freeze-report-file" type="file" accept=".json,application/json" onchange={on_change} />
            <p class="lab-note">{ "or drop a report file here." }</p>
        </div>
    }
}
