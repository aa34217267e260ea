//! The lab contract across a boundary: the page asks the labs' worker (`crates/lab-worker`)
//! for a prediction and gets it back as plain data, so that the page's own wasm holds no
//! parser and no model. One request is one parse and one model run.

use pysource::SyntaxError;
use serde::{Deserialize, Serialize};

use crate::{InputProblem, Probe};

/// The page to the worker: predict `lab` (a [`crate::Lab::NAME`]) for `code` and `input` (the
/// lab's own input, as JSON) on CPython 3.`python_minor`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PredictRequest {
    /// Increases with every request the page sends; an answer for an older request is stale.
    pub seq: u64,
    pub lab: String,
    pub code: String,
    pub input: serde_json::Value,
    pub python_minor: u8,
    /// Make the model fail on purpose (`lab_fault=panic` or `lab_fault=hang`), so that the page
    /// can be seen to survive it.
    #[serde(default)]
    pub fault: Option<LabFault>,
}

/// A failure a request can ask the worker for, to test that the page survives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LabFault {
    /// The model panics, which takes the worker with it.
    Panic,
    /// The model never returns, as a model caught in an endless loop would.
    Hang,
}

impl LabFault {
    /// The fault a `lab_fault` URL field names, if any.
    pub fn parse(field: &str) -> Option<LabFault> {
        match field {
            "panic" => Some(LabFault::Panic),
            "hang" => Some(LabFault::Hang),
            _ => None,
        }
    }
}

/// The worker's answer to one request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PredictAnswer {
    pub seq: u64,
    pub outcome: PredictOutcome,
    /// The names the lab's controls offer (handlers, functions), read from this parse; None
    /// when the code does not parse, so that the page keeps the last ones.
    pub names: Option<Vec<String>>,
}

/// What one request came to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PredictOutcome {
    /// The prediction (the lab's `Prediction`, as JSON text: neither side builds it as a JSON
    /// tree, which costs more than the model on a large file) and the probe for it.
    Ready {
        prediction: String,
        probe: Option<Probe>,
    },
    Syntax {
        error: SyntaxError,
    },
    Input {
        problem: InputProblem,
    },
    /// The request was not one the worker could serve (an unknown lab, an unreadable input),
    /// or the model panicked on it.
    Failed {
        message: String,
    },
}

/// Everything the worker posts to the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FromLabWorker {
    /// Loaded: requests are served from now on.
    Ready,
    Answer(PredictAnswer),
    /// The answer to request `seq` is in the answer slot (`answer_slot`), which the page may
    /// have read already.
    AnswerInSlot {
        seq: u64,
    },
    /// The model panicked on request `seq`; the worker is unusable and must be replaced.
    Panicked {
        seq: u64,
        message: String,
    },
}

/// The answer slot: a `SharedArrayBuffer` that a cross-origin-isolated page shares with the
/// labs' worker, so that the page can read an answer in the very task that asked for it (it
/// waits for it up to a few milliseconds) and draw it in the keystroke's own frame. An answer
/// in the slot is then announced by a small message (`FromLabWorker::AnswerInSlot`) for a page
/// that stopped waiting, so the answer itself crosses once and is read once.
///
/// Layout: two `i32` words, then the answer as UTF-8 JSON (a `PredictAnswer`). The worker writes
/// the JSON, then the length word (`ANSWER_TOO_BIG` when it does not fit: it is then posted
/// whole, as `FromLabWorker::Answer`), then the sequence word, last.
pub mod answer_slot {
    /// The whole buffer: room for a prediction of a few hundred kilobytes.
    pub const BYTES: u32 = 1 << 20;
    /// The word index of the sequence number of the answer in the slot (`seq_word`).
    pub const SEQ_WORD: u32 = 0;
    /// The word index of the length of the JSON in bytes.
    pub const LENGTH_WORD: u32 = 1;
    /// Where the JSON starts.
    pub const HEADER_BYTES: u32 = 8;
    /// The length word of an answer that did not fit.
    pub const ANSWER_TOO_BIG: i32 = -1;

    /// A request's sequence number as the slot's `i32` word holds it (wrapping; the page
    /// compares it with the one request in flight, so a wrap never confuses two).
    pub fn seq_word(seq: u64) -> i32 {
        seq as u32 as i32
    }
}
