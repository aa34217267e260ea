//! Predicts what a validator that reads `Annotated` metadata does with a function's arguments,
//! and what `get_type_hints` shows of the metadata, for the Annotated lab.
//!
//! The validator is the reference pipeline in [`REFERENCE_PIPELINE`], the example's `check`
//! made independent of the page's helper: for each (parameter, value) in the values' order it
//! takes `get_type_hints(f, include_extras=True)[parameter]` (a missing hint is a `KeyError`
//! that stops it), splits an `Annotated` hint into base and metadata (any other hint is its own
//! base with no metadata), masks the value as `***` if a `Secret` is among the metadata, prints
//! `expected <base name>` when `isinstance` fails, and otherwise applies `MinLen` (`len(v) >= n`)
//! and `Between` (`low <= v <= high`) in order, ignoring any other metadata. Metadata is matched
//! by class name, so it works whatever the page calls its classes' module. Where the example's
//! `check` would raise, the pipeline stops and reports the exception line instead.
//!
//! # Probe output format (stable; the page and the differential tests parse it)
//! [`probe`] prints one line `__PATTERN_PLAYGROUND__ ` + JSON
//! `{"params": {name: {"hint": str|null, "hint_extras": str|null, "messages": [str]}},
//!   "messages": [str], "error": str|null}` where `hint`/`hint_extras` are the reprs of
//! `get_type_hints(f)` and `get_type_hints(f, include_extras=True)` for each parameter (null if
//! unannotated), with object addresses written `0x…`.

mod compare;
mod hints;
mod pipeline;
mod probe;
mod value;

pub use compare::{compare, Agreement};
pub use hints::{Hint, Meta, Rule};
pub use pipeline::{functions, predict, MetaStep, ParamPrediction, Predicted, Prediction};
pub use probe::{probe, REFERENCE_PIPELINE};
pub use value::{parse_object, PyValue};

/// The line prefix every probe prints before its JSON.
pub const PROBE_MARKER: &str = "__PATTERN_PLAYGROUND__";

/// The CPython minor version Pyodide runs, which the page uses.
pub const PYODIDE_PYTHON_MINOR: u8 = 14;
