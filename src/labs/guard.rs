//! The lab boundary on the page: a model that panics on odd input must not take the page with
//! it. Predictions run in the labs' worker, which is replaced when one panics (`worker.rs`);
//! what runs here is `Lab::compare`, the one model function the page calls.
//!
//! On wasm32 a panic aborts: the panic hook runs, then the module traps. A trap unwinds the
//! wasm frames up to the nearest JavaScript frame, so the model runs inside a call through
//! JavaScript (`pp_guarded`), which catches the trap. Only the model's own frames are lost; the
//! app's frames below the JavaScript call (Yew's scheduler, the page) carry on. The hook keeps
//! the panic's message for the page to show.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

#[wasm_bindgen(
    inline_js = "export function pp_guarded(f) { try { f(); return null; } catch (e) { return String((e && e.message) || e); } }"
)]
extern "C" {
    fn pp_guarded(f: &mut dyn FnMut()) -> Option<String>;
}

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Keeps each panic's message (and still logs it to the console).
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&JsValue::from_str(&message));
        LAST_PANIC.with(|last| last.replace(Some(message)));
    }));
}

/// Runs `model`; a panic inside it comes back as `Err` with the panic's message.
pub fn catch<T>(model: impl FnOnce() -> T) -> Result<T, String> {
    let mut model = Some(model);
    let mut result = None;
    let trapped = pp_guarded(&mut || {
        if let Some(model) = model.take() {
            result = Some(model());
        }
    });
    match (result, trapped) {
        (Some(value), None) => Ok(value),
        (_, trapped) => {
            let panic = LAST_PANIC.with(|last| last.take());
            Err(panic.or(trapped).unwrap_or_else(|| "the model stopped without a message".into()))
        }
    }
}
