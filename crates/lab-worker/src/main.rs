//! The labs' worker as a Web Worker (Trunk builds it with `data-type="worker"`): it answers the
//! page's `PredictRequest`s, posted as JSON text, one at a time. A model's panic is posted as
//! `Panicked` before the wasm traps; the page then replaces the worker.

fn main() {
    #[cfg(target_arch = "wasm32")]
    glue::start();
}

#[cfg(target_arch = "wasm32")]
mod glue {
    use std::cell::Cell;

    use lab::remote::{FromLabWorker, PredictRequest};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    thread_local! {
        /// The request being served, for the panic hook's message.
        static SERVING: Cell<u64> = const { Cell::new(0) };
    }

    fn scope() -> DedicatedWorkerGlobalScope {
        js_sys::global().unchecked_into()
    }

    fn post(message: &FromLabWorker) {
        match serde_json::to_string(message) {
            Ok(text) => {
                if let Err(error) = scope().post_message(&JsValue::from_str(&text)) {
                    web_sys::console::error_2(&"lab worker: could not post".into(), &error);
                }
            }
            Err(error) => web_sys::console::error_1(&format!("lab worker: could not write a message: {error}").into()),
        }
    }

    pub fn start() {
        std::panic::set_hook(Box::new(|info| {
            post(&FromLabWorker::Panicked { seq: SERVING.get(), message: info.to_string() });
        }));
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
            let request = event.data().as_string().map(|text| serde_json::from_str::<PredictRequest>(&text));
            match request {
                Some(Ok(request)) => {
                    SERVING.set(request.seq);
                    post(&FromLabWorker::Answer(lab_worker::answer(&request)));
                }
                // Only the page posts here, and it posts requests: anything else is its bug.
                _ => web_sys::console::error_1(&"lab worker: a message that is not a PredictRequest".into()),
            }
        });
        scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        post(&FromLabWorker::Ready);
    }
}
