//! Same-origin HTTP for the lab: the bundled report and the companion's API.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{RequestInit, Response};

/// A response's status and its body as text.
pub struct Reply {
    pub status: u16,
    pub body: String,
}

pub async fn get(url: &str) -> Result<Reply, String> {
    send(url, None).await
}

/// POSTs `body` as `application/json`, which the companion requires (a cross-site page cannot
/// send that content type without a preflight the companion never grants).
pub async fn post_json(url: &str, body: &str) -> Result<Reply, String> {
    let init = RequestInit::new();
    init.set_method("POST");
    let headers = js_sys::Object::new();
    js_sys::Reflect::set(&headers, &"Content-Type".into(), &"application/json".into()).map_err(describe)?;
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(body));
    send(url, Some(init)).await
}

async fn send(url: &str, init: Option<RequestInit>) -> Result<Reply, String> {
    let window = web_sys::window().ok_or("no window to fetch from")?;
    let promise = match &init {
        Some(init) => window.fetch_with_str_and_init(url, init),
        None => window.fetch_with_str(url),
    };
    let response: Response = JsFuture::from(promise).await.map_err(describe)?.dyn_into().map_err(describe)?;
    let body = JsFuture::from(response.text().map_err(describe)?).await.map_err(describe)?;
    Ok(Reply { status: response.status(), body: body.as_string().unwrap_or_default() })
}

/// A JavaScript error's message, for showing to the user.
pub fn describe(error: JsValue) -> String {
    match error.dyn_ref::<js_sys::Error>() {
        Some(error) => String::from(error.message()),
        None => error.as_string().unwrap_or_else(|| format!("{error:?}")),
    }
}
