//! The labs' worker as a Web Worker (Trunk builds it with `data-type="worker"`): it answers the
//! page's `PredictRequest`s, posted as JSON text, one at a time. A model's panic is posted as
//! `Panicked` before the wasm traps; the page then replaces the worker. A cross-origin-isolated
//! page first posts its answer slot (`lab::remote::answer_slot`): each answer that fits is
//! written there and only announced by message.

fn main() {
    #[cfg(target_arch = "wasm32")]
    glue::start();
}

#[cfg(target_arch = "wasm32")]
mod glue {
    use std::cell::{Cell, RefCell};

    use js_sys::{Atomics, Int32Array, SharedArrayBuffer, Uint8Array};
    use lab::remote::{answer_slot, FromLabWorker, PredictAnswer, PredictRequest};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    thread_local! {
        /// The request being served, for the panic hook's message.
        static SERVING: Cell<u64> = const { Cell::new(0) };
        /// The page's answer slot, when it shared one.
        static SLOT: RefCell<Option<SharedArrayBuffer>> = const { RefCell::new(None) };
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

    /// Writes `answer` into the page's slot, if it shared one: the JSON, its length, and the
    /// sequence word last, which tells the page it may read. Whether the answer is there (one
    /// too big for the slot is marked so, and goes by message).
    fn write_slot(answer: &PredictAnswer) -> bool {
        SLOT.with_borrow(|slot| {
            let Some(slot) = slot else { return false };
            let Ok(text) = serde_json::to_string(answer) else { return false };
            let words = Int32Array::new_with_byte_offset_and_length(slot, 0, answer_slot::HEADER_BYTES / 4);
            let bytes = text.as_bytes();
            let length = match u32::try_from(bytes.len()) {
                Ok(length) if length <= slot.byte_length() - answer_slot::HEADER_BYTES => {
                    Uint8Array::new_with_byte_offset_and_length(slot, answer_slot::HEADER_BYTES, length)
                        .copy_from(bytes);
                    length as i32
                }
                _ => answer_slot::ANSWER_TOO_BIG,
            };
            // Atomics order the stores: the page that sees the sequence word sees the rest.
            let stored = Atomics::store(&words, answer_slot::LENGTH_WORD, length)
                .and_then(|_| Atomics::store(&words, answer_slot::SEQ_WORD, answer_slot::seq_word(answer.seq)));
            match stored {
                Ok(_) => length != answer_slot::ANSWER_TOO_BIG,
                Err(error) => {
                    web_sys::console::error_2(&"lab worker: could not write the answer slot".into(), &error);
                    false
                }
            }
        })
    }

    pub fn start() {
        std::panic::set_hook(Box::new(|info| {
            post(&FromLabWorker::Panicked { seq: SERVING.get(), message: info.to_string() });
        }));
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
            let data = event.data();
            if let Some(slot) = data.dyn_ref::<SharedArrayBuffer>() {
                SLOT.set(Some(slot.clone()));
                return;
            }
            let request = data.as_string().map(|text| serde_json::from_str::<PredictRequest>(&text));
            match request {
                Some(Ok(request)) => {
                    SERVING.set(request.seq);
                    let answer = lab_worker::answer(&request);
                    if write_slot(&answer) {
                        post(&FromLabWorker::AnswerInSlot { seq: answer.seq });
                    } else {
                        post(&FromLabWorker::Answer(answer));
                    }
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
