//! Copy-on-write memory of forked CPython workers, with and without `gc.freeze()`: a page
//! simulator with its closed form, and the `FreezeReport` schema of native measurements.
//!
//! Platform-neutral (it also runs in the browser lab): no OS or web dependency.

mod comparison;
mod freeze_lab;
mod grid;
mod report;
mod sim;
mod workload;

pub use comparison::{
    largest_prediction_error_percent, largest_total_mb, master_heap_mb, report_rows, saved_percent, Measurement,
    ReportRow,
};
pub use freeze_lab::{
    companion_args, compare as compare_freeze, predict as predict_freeze, FreezeInput, FreezeLab, COMPARED_KEYS,
    DEFAULT_HEAP_MB, DEFAULT_WORKERS, DEFAULT_WORKLOAD, INTERPRETER_MB, SAVED_PERCENT_TOLERANCE, SIMULATOR,
    TOTAL_TOLERANCE,
};
pub use grid::{page_cells, pages_per_cell, PageCell};
pub use report::{
    kb_to_mb, ConfigurationResult, ExperimentConfig, FreezeReport, Machine, ProcessMemory, PythonInfo, ReportError,
    Role, Run, Saving, TotalPss, SCHEMA,
};
pub use sim::{predict_total, HeapShape, PageKind, PageState, Simulation, PAGES_PER_MB};
pub use workload::{Reads, Workload, DEFAULT_READ_FRACTION, REQUESTS_PER_WORKER};
