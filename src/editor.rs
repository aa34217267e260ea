//! The code editor component: CodeMirror 6 (bundled from `www/editor.js`)
//! behind a small wasm-bindgen binding. If the editor bundle failed to load,
//! a plain textarea takes its place, so the page still works.

use std::cell::RefCell;
use std::rc::Rc;

use serde::Serialize;
use wasm_bindgen::prelude::*;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[wasm_bindgen]
extern "C" {
    type EditorHandle;

    #[wasm_bindgen(js_namespace = PatternEditor, js_name = create, catch)]
    fn create_editor(parent: &web_sys::Element, options: &JsValue) -> Result<EditorHandle, JsValue>;
    #[wasm_bindgen(method, js_name = setDoc)]
    fn set_doc(this: &EditorHandle, text: &str);
    #[wasm_bindgen(method, js_name = showError)]
    fn show_error(this: &EditorHandle, error: &JsValue);
    #[wasm_bindgen(method)]
    fn destroy(this: &EditorHandle);
}

/// A position in the code to flag, 1-based as Python reports it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Marker {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

#[derive(Properties, PartialEq)]
pub struct CodeEditorProps {
    pub value: String,
    pub on_change: Callback<String>,
    pub on_run: Callback<()>,
    #[prop_or_default]
    pub marker: Option<Marker>,
    #[prop_or(AttrValue::Static("Python code"))]
    pub label: AttrValue,
}

/// Closures the JavaScript editor calls; kept alive as long as the editor.
struct Mounted {
    handle: EditorHandle,
    _on_change: Closure<dyn FnMut(String)>,
    _on_run: Closure<dyn FnMut()>,
}

#[function_component(CodeEditor)]
pub fn code_editor(props: &CodeEditorProps) -> Html {
    let host = use_node_ref();
    let mounted = use_mut_ref(|| None::<Mounted>);
    let fallback = use_state(|| false);
    // The JavaScript side keeps the closures from the first render; they call
    // whatever callbacks the latest render handed us.
    let latest = use_mut_ref(|| (props.on_change.clone(), props.on_run.clone()));
    *latest.borrow_mut() = (props.on_change.clone(), props.on_run.clone());
    // The text the editor last reported: when it comes back as `value`, the editor has it
    // already, and a keystroke does not pay for reading the whole document back to compare.
    let reported = use_mut_ref(String::new);

    {
        let (host, mounted, fallback, latest) = (host.clone(), mounted.clone(), fallback.clone(), latest.clone());
        let (initial, label, reported) = (props.value.clone(), props.label.clone(), reported.clone());
        use_effect_with((), move |_| {
            if let Some(parent) = host.cast::<web_sys::Element>() {
                match mount(&parent, &initial, &label, &latest, &reported) {
                    Some(editor) => *mounted.borrow_mut() = Some(editor),
                    None => fallback.set(true),
                }
            }
            move || {
                if let Some(editor) = mounted.borrow_mut().take() {
                    editor.handle.destroy();
                }
            }
        });
    }
    {
        let (mounted, reported) = (mounted.clone(), reported.clone());
        use_effect_with(props.value.clone(), move |value| {
            if let Some(editor) = mounted.borrow().as_ref() {
                if **value != *reported.borrow() {
                    editor.handle.set_doc(value);
                }
            }
        });
    }
    {
        // Separate from the text: most keystrokes leave the marker as it was,
        // and re-dispatching diagnostics would redraw the editor for nothing.
        let mounted = mounted.clone();
        use_effect_with(props.marker.clone(), move |marker| {
            if let Some(editor) = mounted.borrow().as_ref() {
                let marker =
                    marker.as_ref().map_or(JsValue::NULL, |m| serde_wasm_bindgen::to_value(m).unwrap_or(JsValue::NULL));
                editor.handle.show_error(&marker);
            }
        });
    }

    if *fallback {
        let on_change = props.on_change.clone();
        let on_run = props.on_run.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            on_change.emit(e.target_unchecked_into::<HtmlTextAreaElement>().value());
        });
        let onkeydown = Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
                e.prevent_default();
                on_run.emit(());
            }
        });
        return html! {
            <textarea class="editor-fallback" aria-label={props.label.clone()} spellcheck="false"
                value={props.value.clone()} {oninput} {onkeydown} />
        };
    }
    html! { <div class="editor" ref={host} /> }
}

type LatestCallbacks = Rc<RefCell<(Callback<String>, Callback<()>)>>;

fn mount(
    parent: &web_sys::Element,
    doc: &str,
    label: &str,
    latest: &LatestCallbacks,
    reported: &Rc<RefCell<String>>,
) -> Option<Mounted> {
    let (change_target, reported) = (latest.clone(), reported.clone());
    let on_change = Closure::<dyn FnMut(String)>::new(move |text: String| {
        reported.borrow_mut().clone_from(&text);
        change_target.borrow().0.emit(text);
    });
    let run_target = latest.clone();
    let on_run = Closure::<dyn FnMut()>::new(move || run_target.borrow().1.emit(()));
    let options = js_sys::Object::new();
    let set = |key: &str, value: &JsValue| js_sys::Reflect::set(&options, &key.into(), value).is_ok();
    let ok = set("doc", &doc.into())
        && set("label", &label.into())
        && set("onChange", on_change.as_ref())
        && set("onRun", on_run.as_ref());
    if !ok {
        return None;
    }
    let handle = create_editor(parent, &options).ok()?;
    Some(Mounted { handle, _on_change: on_change, _on_run: on_run })
}
