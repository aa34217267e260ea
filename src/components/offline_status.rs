//! Says when the playground works offline: once `www/offline.js` reports that the service
//! worker (sw.js) holds a whole build.

use gloo::events::EventListener;
use wasm_bindgen::JsValue;
use yew::prelude::*;

fn works_offline() -> bool {
    js_sys::Reflect::get(&gloo::utils::window(), &JsValue::from_str("ppWorksOffline")).is_ok_and(|v| v.is_truthy())
}

#[function_component(OfflineStatus)]
pub fn offline_status() -> Html {
    let ready = use_state(works_offline);
    {
        let ready = ready.clone();
        use_effect_with((), move |_| {
            let listener =
                EventListener::new(&gloo::utils::window(), "pp-works-offline", move |_| ready.set(works_offline()));
            move || drop(listener)
        });
    }
    html! {
        <p class="offline-status" role="status">
            if *ready { { "Works offline: this playground is kept in your browser, Python included." } }
        </p>
    }
}
