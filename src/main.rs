//! Pattern Playground: the Yew app. Pages render; the crates under `crates/`
//! decide. See ARCHITECTURE.md for the map.

mod app;
mod components;
mod content;
mod editor;
mod edits;
mod embed;
mod exercises_store;
mod labs;
mod pages;
mod python;

fn main() {
    labs::guard::install_panic_hook();
    yew::Renderer::<app::App>::new().render();
}
