//! The Output: what the program printed, stdout and stderr interleaved in
//! order, as an ARIA log so screen readers announce new output.

use yew::prelude::*;

use crate::python::{OutputChunk, Stream};

#[derive(Properties, PartialEq)]
pub struct OutputProps {
    pub chunks: Vec<OutputChunk>,
    pub dropped: bool,
    /// Shown while there is no output yet.
    pub placeholder: AttrValue,
}

#[function_component(Output)]
pub fn output(props: &OutputProps) -> Html {
    let body: Html = if props.chunks.is_empty() {
        html! { <span class="placeholder">{ props.placeholder.clone() }</span> }
    } else {
        props
            .chunks
            .iter()
            .map(|chunk| {
                let class = match chunk.stream {
                    Stream::Stdout => "stdout",
                    Stream::Stderr => "stderr",
                    Stream::Note => "note",
                };
                html! { <span class={class}>{ chunk.text.clone() }</span> }
            })
            .collect()
    };
    html! {
        <section class="output-panel">
            <h3 id="output-heading">{ "Output" }</h3>
            if props.dropped {
                <p class="output-dropped">{ "Earlier output was dropped to keep the page responsive." }</p>
            }
            <pre class="output" role="log" aria-label="Output" aria-live="polite" tabindex="0">{ body }</pre>
        </section>
    }
}
