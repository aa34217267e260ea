//! Routes and permalinks: every piece of page state lives in the URL hash.
//!
//! A location hash looks like `#/dispatch?code=…&handler=create_user&embed=1`.
//! The hash (not the path) carries the route so that the app works from any
//! static host, from a `file`-less sub-folder, and inside an iframe, without
//! server rewrites. Code is deflated and base64url-encoded, because workshop
//! links get pasted into chat tools that mangle long URLs; every other value is
//! percent-encoded text.
//!
//! Decoding never panics: a broken link yields a [`PermalinkError`] whose
//! message the page shows next to the default example.

use std::collections::BTreeMap;
use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

pub mod embed;

pub use embed::EmbedStart;

/// The five patterns, in the order the home page introduces them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pattern {
    Protocol,
    Annotated,
    Freeze,
    Dispatch,
    Finalize,
}

impl Pattern {
    pub const ALL: [Pattern; 5] =
        [Pattern::Protocol, Pattern::Annotated, Pattern::Freeze, Pattern::Dispatch, Pattern::Finalize];

    /// The stable address segment: `#/protocol` and so on.
    pub fn slug(self) -> &'static str {
        match self {
            Pattern::Protocol => "protocol",
            Pattern::Annotated => "annotated",
            Pattern::Freeze => "freeze",
            Pattern::Dispatch => "dispatch",
            Pattern::Finalize => "finalize",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Pattern> {
        Pattern::ALL.into_iter().find(|p| p.slug() == slug)
    }
}

/// Which page the hash names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    Home,
    Pattern(Pattern),
    NotFound,
}

/// Everything a permalink restores.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageState {
    /// The editor's code, when it differs from the page's default example.
    pub code: Option<String>,
    /// Lab inputs other than the code (a dispatch payload, a handler name…).
    pub fields: BTreeMap<String, String>,
    /// Embed mode: the page drops its navigation so it fits an iframe.
    pub embed: bool,
    /// Embed mode: the host page's origin (`origin=`), the only one whose
    /// messages the embed takes and to which it posts its events.
    pub embed_origin: Option<String>,
    /// Embed mode: when Python starts (`start=visible|interaction`).
    pub embed_start: EmbedStart,
    /// Presenter mode: large type, one panel at a time or side by side, a QR code.
    pub presenter: bool,
    /// Exercises mode, open at this exercise (counted from 1).
    pub exercise: Option<usize>,
}

/// A link that could not be read; the message is written for the reader of the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PermalinkError {
    pub message: String,
}

impl fmt::Display for PermalinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// A parsed location hash. `state` is always usable: on a broken link it holds
/// whatever could be read, and `error` says what could not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub route: Route,
    pub state: PageState,
    pub error: Option<PermalinkError>,
}

/// Links longer than this are refused before decoding, so a pasted novel
/// cannot stall the page.
const MAX_HASH_LEN: usize = 64 * 1024;
/// Code inflated from a link is capped too: deflate can expand 1000-fold.
const MAX_CODE_LEN: usize = 256 * 1024;

/// Reads `#/route?key=value&…` (the leading `#` is optional).
pub fn parse_hash(hash: &str) -> Location {
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    if hash.len() > MAX_HASH_LEN {
        return Location {
            route: Route::Home,
            state: PageState::default(),
            error: Some(PermalinkError {
                message: format!(
                    "This link is {} KB long, more than the {} KB a permalink may be. The default example is shown instead.",
                    hash.len() / 1024,
                    MAX_HASH_LEN / 1024
                ),
            }),
        };
    }
    let (path, query) = match hash.split_once('?') {
        Some((path, query)) => (path, query),
        None => (hash, ""),
    };
    let route = match path.trim_matches('/') {
        "" => Route::Home,
        slug => Pattern::from_slug(slug).map_or(Route::NotFound, Route::Pattern),
    };
    let mut state = PageState::default();
    let mut error = None;
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let key = match percent_decode(key) {
            Ok(key) => key,
            Err(e) => {
                error.get_or_insert(e);
                continue;
            }
        };
        match key.as_str() {
            "code" => match decode_code(value) {
                Ok(code) => state.code = Some(code),
                Err(e) => {
                    error.get_or_insert(e);
                }
            },
            "embed" => state.embed = value != "0",
            "origin" => match percent_decode(value).and_then(|v| {
                embed::parse_origin(&v).map_err(|message| PermalinkError { message: format!("This link's {message}.") })
            }) {
                Ok(origin) => state.embed_origin = Some(origin),
                Err(e) => {
                    error.get_or_insert(e);
                }
            },
            "start" => {
                match EmbedStart::from_option(value) {
                    Some(start) => state.embed_start = start,
                    None => {
                        error.get_or_insert(PermalinkError {
                        message: format!("start={value:?} is not visible or interaction; Python starts when the page is visible."),
                    });
                    }
                }
            }
            "present" => state.presenter = value != "0",
            // A number that is not one opens the first exercise: the mode was asked for.
            "exercise" => state.exercise = Some(value.parse().ok().filter(|n| *n >= 1).unwrap_or(1)),
            _ => match percent_decode(value) {
                Ok(value) => {
                    state.fields.insert(key, value);
                }
                Err(e) => {
                    error.get_or_insert(e);
                }
            },
        }
    }
    Location { route, state, error }
}

/// Writes the hash (with its leading `#`) that [`parse_hash`] reads back.
pub fn to_hash(route: Route, state: &PageState) -> String {
    let mut hash = match route {
        Route::Home | Route::NotFound => String::from("#/"),
        Route::Pattern(p) => format!("#/{}", p.slug()),
    };
    let mut query = Vec::new();
    if let Some(code) = &state.code {
        query.push(format!("code={}", encode_code(code)));
    }
    for (key, value) in &state.fields {
        query.push(format!("{}={}", percent_encode(key), percent_encode(value)));
    }
    if state.embed {
        query.push("embed=1".to_owned());
        if let Some(origin) = &state.embed_origin {
            query.push(format!("origin={}", percent_encode(origin)));
        }
        if state.embed_start != EmbedStart::default() {
            query.push(format!("start={}", state.embed_start.option()));
        }
    }
    if state.presenter {
        query.push("present=1".to_owned());
    }
    if let Some(exercise) = state.exercise {
        query.push(format!("exercise={exercise}"));
    }
    if !query.is_empty() {
        hash.push('?');
        hash.push_str(&query.join("&"));
    }
    hash
}

/// Deflate, then base64url without padding.
pub fn encode_code(code: &str) -> String {
    let deflated = miniz_oxide::deflate::compress_to_vec(code.as_bytes(), 9);
    URL_SAFE_NO_PAD.encode(deflated)
}

pub fn decode_code(encoded: &str) -> Result<String, PermalinkError> {
    let broken = |why: &str| {
        PermalinkError {
        message: format!(
            "The code in this link is damaged ({why}); it may have been cut off when it was copied. The default example is shown instead."
        ),
    }
    };
    let bytes = URL_SAFE_NO_PAD.decode(encoded.trim_end_matches('=')).map_err(|_| broken("it is not base64url"))?;
    let inflated = miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, MAX_CODE_LEN)
        .map_err(|_| broken("it does not decompress"))?;
    String::from_utf8(inflated).map_err(|_| broken("it is not UTF-8 text"))
}

/// Percent-encodes everything outside RFC 3986's unreserved set.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

pub fn percent_decode(text: &str) -> Result<String, PermalinkError> {
    let broken =
        || PermalinkError { message: "This link has a malformed %-escape; part of it could not be read.".to_owned() };
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes.get(i + 1..i + 3).ok_or_else(broken)?;
                let hex = std::str::from_utf8(hex).map_err(|_| broken())?;
                out.push(u8::from_str_radix(hex, 16).map_err(|_| broken())?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            byte => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| broken())
}

#[cfg(test)]
mod tests {

    #[test]
    fn presenter_mode_round_trips_beside_the_code() {
        let state = PageState { code: Some("print(1)\n".into()), presenter: true, ..PageState::default() };
        let hash = to_hash(Route::Pattern(Pattern::Finalize), &state);
        assert!(hash.ends_with("&present=1"), "{hash}");
        assert_eq!(parse_hash(&hash).state, state);
        assert!(!parse_hash("#/finalize?present=0").state.presenter);
    }

    use super::*;

    #[test]
    fn exercises_mode_round_trips_beside_the_code() {
        let state = PageState { code: Some("print(1)\n".into()), exercise: Some(2), ..PageState::default() };
        let hash = to_hash(Route::Pattern(Pattern::Protocol), &state);
        assert!(hash.ends_with("&exercise=2"), "{hash}");
        assert_eq!(parse_hash(&hash).state, state);
        assert_eq!(parse_hash("#/protocol?exercise=0").state.exercise, Some(1));
        assert_eq!(parse_hash("#/protocol?exercise=x").state.exercise, Some(1));
        assert_eq!(parse_hash("#/protocol").state.exercise, None);
        assert!(parse_hash("#/protocol?exercise=3").state.fields.is_empty());
    }

    #[test]
    fn embed_options_round_trip_and_bad_ones_are_reported() {
        let state = PageState {
            embed: true,
            embed_origin: Some("https://docs.example:8443".into()),
            embed_start: EmbedStart::Interaction,
            ..PageState::default()
        };
        let hash = to_hash(Route::Pattern(Pattern::Dispatch), &state);
        assert_eq!(parse_hash(&hash).state, state);
        assert!(!to_hash(Route::Pattern(Pattern::Dispatch), &PageState { embed: false, ..state }).contains("origin"));
        for bad in ["#/dispatch?embed=1&origin=https%3A%2F%2Fx.example%2Fpath", "#/dispatch?embed=1&start=soon"] {
            let location = parse_hash(bad);
            assert!(location.error.is_some(), "{bad}");
            assert_eq!(location.state.embed_origin, None);
            assert_eq!(location.state.embed_start, EmbedStart::Visible);
        }
    }

    #[test]
    fn every_pattern_has_a_stable_address() {
        for pattern in Pattern::ALL {
            let hash = format!("#/{}", pattern.slug());
            assert_eq!(parse_hash(&hash).route, Route::Pattern(pattern));
        }
        assert_eq!(parse_hash("").route, Route::Home);
        assert_eq!(parse_hash("#/").route, Route::Home);
        assert_eq!(parse_hash("#/nope").route, Route::NotFound);
    }

    #[test]
    fn state_round_trips_through_the_hash() {
        let mut state = PageState {
            code: Some("def f(x, /, *, y=1):\n    return 'ünï©ødé'\n".to_owned()),
            embed: true,
            ..PageState::default()
        };
        state.fields.insert("payload".into(), r#"{"user_id": 7, "x": "a&b=c"}"#.into());
        state.fields.insert("handler".into(), "create user".into());
        let hash = to_hash(Route::Pattern(Pattern::Dispatch), &state);
        let back = parse_hash(&hash);
        assert_eq!(back.route, Route::Pattern(Pattern::Dispatch));
        assert_eq!(back.state, state);
        assert_eq!(back.error, None);
    }

    #[test]
    fn truncated_code_is_reported_not_panicked() {
        let hash = to_hash(
            Route::Pattern(Pattern::Protocol),
            &PageState { code: Some("class A:\n    pass\n".repeat(20)), ..PageState::default() },
        );
        let cut = &hash[..hash.len() - 6];
        let location = parse_hash(cut);
        assert_eq!(location.route, Route::Pattern(Pattern::Protocol));
        assert_eq!(location.state.code, None);
        let message = location.error.expect("a cut link is an error").message;
        assert!(message.contains("damaged"), "{message}");
    }

    #[test]
    fn garbage_is_reported() {
        for hash in ["#/protocol?code=%%%", "#/protocol?code=!!!!", "#/dispatch?payload=%zz", "#/x?code=AAAA"] {
            let location = parse_hash(hash);
            assert!(location.error.is_some(), "{hash} should be an error");
        }
    }

    #[test]
    fn a_deflate_bomb_is_refused() {
        let bomb = encode_code(&"a".repeat(MAX_CODE_LEN * 4));
        assert!(decode_code(&bomb).is_err());
    }

    #[test]
    fn an_overlong_link_is_refused() {
        let location = parse_hash(&format!("#/protocol?x={}", "a".repeat(MAX_HASH_LEN + 1)));
        assert!(location.error.unwrap().message.contains("KB"));
    }
}
