//! The root component: reads the URL hash, renders the page it names, and
//! writes page state back into the hash.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use urlstate::{parse_hash, to_hash, PageState, Route};
use yew::prelude::*;

use crate::components::offline_status::OfflineStatus;
use crate::components::site_header::SiteHeader;
use crate::pages::home::Home;
use crate::pages::not_found::NotFound;
use crate::pages::pattern_page::PatternPage;
use crate::python::PythonProvider;

/// Typing updates the address bar at most this often.
const URL_WRITE_DELAY_MS: u32 = 250;

fn current_hash() -> String {
    gloo::utils::window().location().hash().unwrap_or_default()
}

/// Replaces the current history entry, so editing does not bury the Back button.
/// Returns the address as the browser now spells it.
fn replace_hash(hash: &str) -> String {
    let window = gloo::utils::window();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(hash));
    }
    current_hash()
}

#[function_component(App)]
pub fn app() -> Html {
    let location = use_state(|| parse_hash(&current_hash()));
    // Bumped on every navigation, so a page re-reads the URL even when the
    // route stays the same (a pasted permalink to the current page).
    let visit = use_state(|| 0u32);
    let dismissed = use_state(|| false);

    let pending_write = use_mut_ref(|| None::<Timeout>);
    // The address the app last read or wrote. A write that finds another one in the
    // bar lost a race with a navigation (a permalink opened while typing): it is dropped.
    let known_hash = use_mut_ref(current_hash);
    {
        let (location, visit, dismissed) = (location.clone(), visit.clone(), dismissed.clone());
        let (pending_write, known_hash) = (pending_write.clone(), known_hash.clone());
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
                // A write still waiting belongs to the page just left: it must not overwrite the
                // new address. The page's edit is kept in storage all the same (`edits`).
                pending_write.borrow_mut().take();
                let hash = current_hash();
                location.set(parse_hash(&hash));
                *known_hash.borrow_mut() = hash;
                visit.set(*visit + 1);
                dismissed.set(false);
                gloo::utils::window().scroll_to_with_x_and_y(0.0, 0.0);
            });
            move || drop(listener)
        });
    }

    let on_state = {
        let route = location.route;
        let (origin, start) = (location.state.embed_origin.clone(), location.state.embed_start);
        let pending_write: Rc<RefCell<Option<Timeout>>> = pending_write.clone();
        let known_hash = known_hash.clone();
        Callback::from(move |state: PageState| {
            // The embed options stay in the address: the host page chose them.
            let state = PageState { embed_origin: origin.clone(), embed_start: start, ..state };
            let known_hash = known_hash.clone();
            // The address is written (and deflated) once, when typing pauses.
            *pending_write.borrow_mut() = Some(Timeout::new(URL_WRITE_DELAY_MS, move || {
                if current_hash() == *known_hash.borrow() {
                    *known_hash.borrow_mut() = replace_hash(&to_hash(route, &state));
                }
            }));
        })
    };
    let dismiss = {
        let dismissed = dismissed.clone();
        Callback::from(move |_: MouseEvent| dismissed.set(true))
    };

    let embed = location.state.embed;
    let page = match location.route {
        Route::Home => html! { <Home /> },
        Route::NotFound => html! { <NotFound /> },
        Route::Pattern(pattern) => html! {
            <PatternPage key={format!("{}-{}", pattern.slug(), *visit)} pattern={pattern}
                initial={location.state.clone()} on_state={on_state} link_failed={location.error.is_some()} />
        },
    };
    html! {
        <PythonProvider>
            <div class={classes!("app", embed.then_some("embed"))}>
                <a class="skip-link" href="#main" onclick={Callback::from(|e: MouseEvent| {
                    e.prevent_default();
                    if let Some(main) = gloo::utils::document().get_element_by_id("main") {
                        main.scroll_into_view();
                    }
                })}>{ "Skip to content" }</a>
                if !embed {
                    <SiteHeader route={location.route} />
                }
                if let (Some(error), false) = (&location.error, *dismissed) {
                    <div class="link-error" role="alert">
                        <p><strong>{ "This link could not be read. " }</strong>{ error.message.clone() }</p>
                        <button onclick={dismiss} aria-label="Dismiss the message">{ "Dismiss" }</button>
                    </div>
                }
                { page }
                if !embed {
                    <footer class="site-footer">
                        <p>{ "Python runs in your browser (Pyodide, CPython compiled to WebAssembly); nothing is sent anywhere. The labs are written in Rust." }</p>
                        <OfflineStatus />
                    </footer>
                }
            </div>
        </PythonProvider>
    }
}
