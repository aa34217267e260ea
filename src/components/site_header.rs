//! The navigation bar: the home link and the five pattern pages.

use urlstate::{to_hash, PageState, Pattern, Route};
use yew::prelude::*;

use crate::content::content;

#[derive(Properties, PartialEq)]
pub struct SiteHeaderProps {
    pub route: Route,
}

#[function_component(SiteHeader)]
pub fn site_header(props: &SiteHeaderProps) -> Html {
    let links: Html = Pattern::ALL
        .into_iter()
        .map(|pattern| {
            let current = (props.route == Route::Pattern(pattern)).then_some("page");
            html! {
                <li><a href={to_hash(Route::Pattern(pattern), &PageState::default())} aria-current={current}>
                    <code>{ content(pattern).api }</code>
                </a></li>
            }
        })
        .collect();
    html! {
        <header class="site-header">
            <a class="brand" href="#/">{ "Pattern Playground" }</a>
            <nav aria-label="Patterns"><ul>{ links }</ul></nav>
        </header>
    }
}
