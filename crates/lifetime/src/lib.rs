//! Simulates object lifetimes in a small module-level program the way CPython runs it, to predict
//! when `weakref.finalize` callbacks fire and what the program prints.
//!
//! Modelled: instances of the module's classes (their `__init__` and methods run statement by
//! statement), `weakref.finalize(obj, func, *args)`, reference counting (an object is freed, and
//! its finalizer fires, when the last reference goes), reference cycles (freed only by
//! `gc.collect()`, which fires their finalizers in creation order), explicit finalizer calls
//! (at most once; `alive` turns False), and interpreter exit, where `weakref.finalize`'s atexit
//! hook calls the finalizers still alive with `atexit=True`, newest first. A finalizer whose
//! callback or arguments refer to its own object keeps that object alive until exit. Automatic
//! collections are assumed not to happen (small programs stay under CPython's thresholds).
//! The first statement outside this is reported as not modelled and the simulation stops there.
//!
//! # Probe output format (stable; the page and the differential tests parse it)
//! [`probe`] prints one line `__PATTERN_PLAYGROUND__ ` + JSON `{"lines": [str], "error": str|null}`:
//! every line the program printed, including the exit-time finalizers, and the exception that
//! stopped it. See [`probe`] for how exit is reproduced inside a running interpreter.

mod probe;
mod simulate;
mod world;

pub use probe::probe;
pub use simulate::{compare, simulate, simulate_parsed, LineCheck, NotModelled, ObjectView, Simulation, Step};

/// The line prefix every probe prints before its JSON.
pub const PROBE_MARKER: &str = "__PATTERN_PLAYGROUND__";
