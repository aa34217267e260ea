//! Renders the pages' plain-text paragraphs, where `backticks` mark code.

use yew::prelude::*;

/// One paragraph; text between backticks becomes `<code>`.
pub fn paragraph(text: &str) -> Html {
    html! { <p>{ inline(text) }</p> }
}

pub fn inline(text: &str) -> Html {
    text.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                html! { <code>{ part }</code> }
            } else {
                html! { part }
            }
        })
        .collect()
}
