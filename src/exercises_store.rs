//! The exercises' browser side: which are solved (kept in the browser's storage, until reset),
//! the user's own code set aside while they do exercises, and the freeze page's measured report.
//! The exercises and their grading are `crates/exercises`.

use std::collections::{BTreeMap, BTreeSet};

use gloo::storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};
use urlstate::Pattern;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

const SOLVED_KEY: &str = "pattern-playground/exercises/solved";

/// The measured report the freeze page ships: `playground freeze` on this project's machine.
pub const MEASURED_REPORT_URL: &str = "./static/reference-freeze-report.json";

fn own_code_key(pattern: Pattern) -> String {
    format!("pattern-playground/exercises/own-code/{}", pattern.slug())
}

/// The ids of the solved exercises.
pub fn solved() -> BTreeSet<String> {
    LocalStorage::get(SOLVED_KEY).unwrap_or_default()
}

/// Keeps `id` as solved. A full or unavailable storage only loses the progress.
pub fn mark_solved(id: &str) -> BTreeSet<String> {
    let mut solved = solved();
    solved.insert(id.to_owned());
    let _ = LocalStorage::set(SOLVED_KEY, &solved);
    solved
}

/// Forgets which of `pattern`'s exercises are solved.
pub fn reset_progress(pattern: Pattern) -> BTreeSet<String> {
    let prefix = format!("{}/", pattern.slug());
    let solved: BTreeSet<String> = solved().into_iter().filter(|id| !id.starts_with(&prefix)).collect();
    let _ = LocalStorage::set(SOLVED_KEY, &solved);
    solved
}

/// The code and lab inputs the user had before an exercise's starter replaced them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OwnCode {
    pub code: String,
    pub fields: BTreeMap<String, String>,
}

pub fn own_code(pattern: Pattern) -> Option<OwnCode> {
    LocalStorage::get(own_code_key(pattern)).ok()
}

/// Sets `own` aside, unless some is already: the first is the user's, later ones are attempts.
pub fn keep_own_code(pattern: Pattern, own: &OwnCode) {
    if own_code(pattern).is_none() {
        let _ = LocalStorage::set(own_code_key(pattern), own);
    }
}

pub fn forget_own_code(pattern: Pattern) {
    LocalStorage::delete(own_code_key(pattern));
}

/// The freeze page's measured report, as text.
pub async fn measured_report() -> Result<String, String> {
    let describe = |error: wasm_bindgen::JsValue| error.as_string().unwrap_or_else(|| format!("{error:?}"));
    let window = web_sys::window().ok_or("no window to fetch from")?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(MEASURED_REPORT_URL))
        .await
        .map_err(describe)?
        .dyn_into()
        .map_err(describe)?;
    if !response.ok() {
        return Err(format!("{MEASURED_REPORT_URL} answered {}", response.status()));
    }
    let body = JsFuture::from(response.text().map_err(describe)?).await.map_err(describe)?;
    body.as_string().ok_or_else(|| "the report is not text".into())
}
