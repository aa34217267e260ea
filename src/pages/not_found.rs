//! A hash that names no page.

use yew::prelude::*;

#[function_component(NotFound)]
pub fn not_found() -> Html {
    html! {
        <main id="main" class="not-found">
            <h1>{ "No such page" }</h1>
            <p>{ "This link names a page the playground does not have. " }<a href="#/">{ "See the five patterns" }</a>{ "." }</p>
        </main>
    }
}
