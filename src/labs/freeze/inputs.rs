//! The simulator's inputs as the URL stores them, read defensively: a link someone edited by
//! hand still opens a working lab.

use std::collections::BTreeMap;
use std::ops::RangeInclusive;

use cow::{Reads, Workload};

pub const HEAP_MB: RangeInclusive<u32> = 8..=512;
pub const WORKERS: RangeInclusive<u32> = 1..=8;
const DEFAULT_HEAP_MB: u32 = 64;
const DEFAULT_WORKERS: u32 = 4;
const DEFAULT_WORKLOAD: Workload = Workload { requests: true, reads: Reads::None };

/// The URL keys of the simulator's controls.
pub const HEAP_KEY: &str = "heap";
pub const WORKERS_KEY: &str = "workers";
pub const WORKLOAD_KEY: &str = "workload";
pub const FREEZE_KEY: &str = "freeze";

#[derive(Clone, Debug, PartialEq)]
pub struct SimulatorInputs {
    pub heap_mb: u32,
    pub workers: u32,
    pub workload: Workload,
    pub freeze: bool,
}

impl SimulatorInputs {
    /// Numbers out of range are clamped into it; anything unreadable falls back to its default.
    pub fn from_fields(fields: &BTreeMap<String, String>) -> SimulatorInputs {
        let number = |key: &str, range: RangeInclusive<u32>, default: u32| {
            fields
                .get(key)
                .and_then(|text| text.trim().parse::<u32>().ok())
                .map_or(default, |n| n.clamp(*range.start(), *range.end()))
        };
        SimulatorInputs {
            heap_mb: number(HEAP_KEY, HEAP_MB, DEFAULT_HEAP_MB),
            workers: number(WORKERS_KEY, WORKERS, DEFAULT_WORKERS),
            workload: fields
                .get(WORKLOAD_KEY)
                .and_then(|text| text.parse::<Workload>().ok())
                .filter(|workload| Workload::all().contains(workload))
                .unwrap_or(DEFAULT_WORKLOAD),
            freeze: fields.get(FREEZE_KEY).is_some_and(|text| text == "on"),
        }
    }
}

/// What a workload does, in words, for the workload pickers.
pub fn describe(workload: Workload) -> &'static str {
    match (workload.requests, workload.reads) {
        (false, Reads::None) => "nothing: workers sit idle",
        (false, Reads::All) => "read-all: read every record once",
        (false, Reads::Fraction(_)) => "read-fraction: read one record in 32",
        (true, Reads::None) => "requests: 3 requests, each ending in a full collection",
        (true, Reads::All) => "requests+read-all: requests that read every record",
        (true, Reads::Fraction(_)) => "requests+read-fraction: requests that read one record in 32",
    }
}
