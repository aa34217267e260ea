//! The home page: what the playground is, and the five patterns.

use urlstate::{to_hash, PageState, Pattern, Route};
use yew::prelude::*;

use crate::components::prose::inline;
use crate::content::{content, SOURCE_ARTICLE};

#[function_component(Home)]
pub fn home() -> Html {
    let cards: Html = Pattern::ALL
        .into_iter()
        .map(|pattern| {
            let text = content(pattern);
            html! {
                <li class="card">
                    <a href={to_hash(Route::Pattern(pattern), &PageState::default())}>
                        <code class="api">{ text.api }</code>
                        <span class="card-title">{ text.title }</span>
                    </a>
                    <p>{ inline(text.summary) }</p>
                </li>
            }
        })
        .collect();
    html! {
        <main id="main" class="home">
            <h1>{ "Five Python patterns, run live" }</h1>
            <p class="lede">
                { "Each page explains one pattern, runs an example you can edit in real CPython (Pyodide, in your browser, nothing installed), and has a lab that predicts what Python will do as you type. When you press Run, the page shows whether CPython agreed." }
            </p>
            <ul class="cards">{ cards }</ul>
            <div class="home-notes">
                <section>
                    <h2>{ "For workshops" }</h2>
                    <p>{ inline("Everything runs in the browser from static files, so a room full of attendees puts no load on any server, and it works offline once loaded. The code you edit lives in the address: the Permalink button gives a link that opens the page exactly as you left it.") }</p>
                </section>
                <section>
                    <h2>{ "For documentation" }</h2>
                    <p>{ inline("Add `embed=1` to a page's link, for example `#/dispatch?embed=1`, and put it in an iframe: the page drops its navigation and explanation and keeps the editor, Run, Stop, the output and the lab.") }</p>
                </section>
                <section>
                    <h2>{ "On your machine" }</h2>
                    <p>{ inline("A browser cannot fork. The `playground` companion measures what `gc.freeze()` saves with your own CPython, and `playground serve` lets the freeze page run that experiment live.") }</p>
                </section>
            </div>
            <p class="source">
                { "The five patterns come from the article " }
                <a href={SOURCE_ARTICLE} rel="noopener">{ "5 Python Engineering Patterns for Resilience and Scale" }</a>
                { ". Where it simplifies, each page says what CPython really does." }
            </p>
        </main>
    }
}
