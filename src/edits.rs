//! Each page's last edit, kept in the browser's storage as well as in the URL, so that an edit
//! survives leaving the page through the navigation (whose links carry no code), Back, and a
//! reload. Stored as the page's own permalink hash, read back by the same parser.
//!
//! Embeds neither read nor write it: an embed shows the code its host page gave it.

use gloo::storage::{LocalStorage, Storage};
use urlstate::{parse_hash, to_hash, PageState, Pattern, Route};

fn key(pattern: Pattern) -> String {
    format!("pattern-playground/edit/{}", pattern.slug())
}

/// The page's last edit, if one was kept and still reads.
pub fn saved(pattern: Pattern) -> Option<PageState> {
    let hash: String = LocalStorage::get(key(pattern)).ok()?;
    let location = parse_hash(&hash);
    (location.error.is_none() && location.route == Route::Pattern(pattern)).then_some(location.state)
}

/// Keeps `state` as the page's last edit; the example with default inputs forgets it.
pub fn remember(pattern: Pattern, state: &PageState) {
    if state.code.is_none() && state.fields.is_empty() {
        LocalStorage::delete(key(pattern));
    } else {
        // A full or unavailable storage only loses this convenience: the URL still has the edit.
        let _ = LocalStorage::set(
            key(pattern),
            to_hash(Route::Pattern(pattern), &PageState { embed: false, presenter: false, ..state.clone() }),
        );
    }
}
