//! The embedding API's messages, as plain data: what a host page may send an
//! embedded page (`set-code`, `run`, `stop`) and what the embed tells it
//! (`ready`, `output`, `finished`, `error`, `resize`). Every message is a JSON
//! object with a `type` and the API's `version`; anything else is refused
//! with a reason, which the embed logs with `console.warn`.

use serde::{Deserialize, Serialize};

/// The version every message carries.
pub const API_VERSION: u32 = 1;

/// Code a host sends is capped like code in a permalink.
const MAX_CODE_LEN: usize = 256 * 1024;

/// A command from the host page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HostMessage {
    SetCode(String),
    Run,
    Stop,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHostMessage {
    #[serde(rename = "type")]
    kind: String,
    version: u32,
    code: Option<String>,
}

/// Reads a host's message (as JSON text). The error says why it is refused.
pub fn parse_host_message(json: &str) -> Result<HostMessage, String> {
    let raw: RawHostMessage = serde_json::from_str(json).map_err(|e| format!("not an embed API message ({e})"))?;
    if raw.version != API_VERSION {
        return Err(format!("version {} is not supported (this embed speaks version {API_VERSION})", raw.version));
    }
    match (raw.kind.as_str(), raw.code) {
        ("set-code", Some(code)) if code.len() <= MAX_CODE_LEN => Ok(HostMessage::SetCode(code)),
        ("set-code", Some(code)) => {
            Err(format!("set-code's code is {} KB, more than {} KB", code.len() / 1024, MAX_CODE_LEN / 1024))
        }
        ("set-code", None) => Err("set-code needs a string `code`".into()),
        ("run", None) => Ok(HostMessage::Run),
        ("stop", None) => Ok(HostMessage::Stop),
        ("run" | "stop", Some(_)) => Err(format!("{} takes no `code`", raw.kind)),
        (other, _) => Err(format!("unknown message type {other:?}")),
    }
}

/// The lab's verdict on a run, counted as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Verdict {
    pub checked: usize,
    pub agreed: usize,
    pub disagreed: usize,
    pub declined: usize,
    /// The badge's words, such as "3 of 3 facts agree".
    pub summary: String,
}

/// An event the embed posts to its host.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum EmbedEvent {
    /// Python is ready to run code.
    Ready { python_version: String },
    /// A chunk of a run's output, as it streams; `stream` is "stdout" or "stderr".
    Output { stream: &'static str, text: String },
    /// A run ended: `status` is "ok", "error" or "interrupted"; `verdict` is
    /// absent where the lab had nothing to compare.
    Finished { status: &'static str, error: Option<String>, verdict: Option<Verdict> },
    /// Python could not start.
    Error { message: String },
    /// The page's height in CSS pixels changed.
    Resize { height: u32 },
}

impl EmbedEvent {
    /// The event as JSON text, with the API version beside its type.
    pub fn to_json(&self) -> String {
        let mut value = serde_json::to_value(self).expect("events always serialize");
        value["version"] = API_VERSION.into();
        value.to_string()
    }
}

/// Whether the embed takes a message from `origin`: from any origin when
/// the URL named none, else only from the one it named.
pub fn accepts_origin(expected: Option<&str>, origin: &str) -> bool {
    expected.is_none_or(|expected| expected == origin)
}

/// Checks an `origin=` URL option: a scheme, a host and an optional port,
/// with no path, as `event.origin` spells it.
pub fn parse_origin(text: &str) -> Result<String, String> {
    let refuse = || format!("origin={text:?} is not an origin such as https://docs.example.org");
    let (scheme, rest) = text.split_once("://").ok_or_else(refuse)?;
    let scheme_ok = !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    let host_ok = !rest.is_empty()
        && rest.chars().all(|c| c.is_ascii_alphanumeric() || "-.:[]".contains(c))
        && !rest.starts_with(':');
    if scheme_ok && host_ok {
        Ok(text.to_owned())
    } else {
        Err(refuse())
    }
}

/// When an embed starts Python.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EmbedStart {
    /// When it scrolls into view (the default).
    #[default]
    Visible,
    /// On the first focus, key, click or Run.
    Interaction,
}

impl EmbedStart {
    pub fn from_option(text: &str) -> Option<EmbedStart> {
        match text {
            "visible" => Some(EmbedStart::Visible),
            "interaction" => Some(EmbedStart::Interaction),
            _ => None,
        }
    }

    pub fn option(self) -> &'static str {
        match self {
            EmbedStart::Visible => "visible",
            EmbedStart::Interaction => "interaction",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_messages_are_read() {
        assert_eq!(
            parse_host_message(r#"{"type":"set-code","version":1,"code":"print(1)"}"#),
            Ok(HostMessage::SetCode("print(1)".into()))
        );
        assert_eq!(parse_host_message(r#"{"type":"run","version":1}"#), Ok(HostMessage::Run));
        assert_eq!(parse_host_message(r#"{"type":"stop","version":1}"#), Ok(HostMessage::Stop));
    }

    #[test]
    fn malformed_messages_are_refused_with_a_reason() {
        for (json, why) in [
            ("\"run\"", "not an embed API message"),
            (r#"{"type":"run"}"#, "not an embed API message"),
            (r#"{"type":"run","version":2}"#, "version 2"),
            (r#"{"type":"set-code","version":1}"#, "needs a string"),
            (r#"{"type":"set-code","version":1,"code":7}"#, "not an embed API message"),
            (r#"{"type":"run","version":1,"code":"x"}"#, "takes no"),
            (r#"{"type":"eval","version":1}"#, "unknown message type"),
            (r#"{"type":"run","version":1,"extra":true}"#, "not an embed API message"),
        ] {
            let error = parse_host_message(json).expect_err(json);
            assert!(error.contains(why), "{json}: {error}");
        }
        let huge = format!(r#"{{"type":"set-code","version":1,"code":"{}"}}"#, "a".repeat(MAX_CODE_LEN + 1));
        assert!(parse_host_message(&huge).unwrap_err().contains("KB"));
    }

    #[test]
    fn events_carry_type_and_version() {
        let json = EmbedEvent::Resize { height: 480 }.to_json();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value, serde_json::json!({"type": "resize", "version": 1, "height": 480}));
        let finished = EmbedEvent::Finished {
            status: "ok",
            error: None,
            verdict: Some(Verdict { checked: 2, agreed: 2, disagreed: 0, declined: 1, summary: "2 of 2".into() }),
        };
        let value: serde_json::Value = serde_json::from_str(&finished.to_json()).unwrap();
        assert_eq!(value["type"], "finished");
        assert_eq!(value["verdict"]["declined"], 1);
    }

    #[test]
    fn origins_are_checked() {
        assert!(accepts_origin(None, "https://anyone.example"));
        assert!(accepts_origin(Some("https://docs.example"), "https://docs.example"));
        assert!(!accepts_origin(Some("https://docs.example"), "https://evil.example"));
        assert!(!accepts_origin(Some("https://docs.example"), "https://docs.example.evil"));
        assert_eq!(parse_origin("http://127.0.0.1:8000").as_deref(), Ok("http://127.0.0.1:8000"));
        for bad in ["docs.example", "https://docs.example/path", "https://", "*", "javascript:alert(1)"] {
            assert!(parse_origin(bad).is_err(), "{bad}");
        }
    }
}
