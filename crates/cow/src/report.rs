//! `FreezeReport`: what one `playground freeze` measured, as the companion writes it and the
//! browser loads it.

use crate::Workload;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The `schema` value of every report this version reads and writes.
pub const SCHEMA: &str = "pattern-playground/freeze-report/v1";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FreezeReport {
    pub schema: String,
    pub machine: Machine,
    pub config: ExperimentConfig,
    /// One entry per (python, workload, freeze) configuration.
    pub results: Vec<ConfigurationResult>,
    /// Freeze against no freeze, per (python, workload) measured both ways.
    pub savings: Vec<Saving>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Machine {
    /// `uname -r`.
    pub kernel: String,
    /// `/sys/kernel/mm/transparent_hugepage/enabled`, e.g. `always [madvise] never`.
    pub transparent_hugepage: String,
    pub cores: u32,
    pub pythons: Vec<PythonInfo>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PythonInfo {
    pub path: String,
    pub version: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExperimentConfig {
    /// Heap the master builds before forking, in MB of resident memory.
    pub heap_mb: u32,
    /// What the heap is made of, in words.
    pub heap_shape: String,
    pub workers: u32,
    pub workloads: Vec<Workload>,
    /// Fresh interpreters per configuration.
    pub runs: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConfigurationResult {
    /// The Python version, e.g. `3.11.7`.
    pub python: String,
    pub workload: Workload,
    pub freeze: bool,
    pub runs: Vec<Run>,
    pub summary: TotalPss,
}

/// One fresh interpreter: its master and workers once their memory had settled.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Run {
    pub records: u64,
    /// `len(gc.get_objects())` in the master after its last collection.
    pub tracked_objects: u64,
    pub processes: Vec<ProcessMemory>,
    /// Pss of the master plus the workers.
    pub total_pss_kb: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Master,
    Worker,
}

/// The `/proc/<pid>/smaps_rollup` figures of one process, in kB.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProcessMemory {
    pub role: Role,
    pub pid: u32,
    pub pss_kb: u64,
    pub private_dirty_kb: u64,
    pub shared_clean_kb: u64,
    pub shared_dirty_kb: u64,
    pub rss_kb: u64,
    /// Full (generation 2) collections the worker ran after the fork; `None` for the master.
    pub gen2_collections: Option<u32>,
}

/// Median and range of the runs' total Pss, in MB.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TotalPss {
    pub median_mb: f64,
    pub min_mb: f64,
    pub max_mb: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Saving {
    pub python: String,
    pub workload: Workload,
    pub no_freeze_mb: f64,
    pub freeze_mb: f64,
    pub saved_mb: f64,
    /// Share of the no-freeze total that freezing saved.
    pub saved_percent: f64,
}

/// Why a report could not be loaded.
#[derive(Clone, Debug, PartialEq)]
pub enum ReportError {
    NotJson(String),
    WrongSchema { found: Option<String> },
    Invalid(String),
}

impl fmt::Display for ReportError {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReportError::NotJson(reason) => write!(out, "not a freeze report: not JSON ({reason})"),
            ReportError::WrongSchema { found: None } => {
                write!(out, "not a freeze report: no \"schema\" field (expected {SCHEMA:?})")
            }
            ReportError::WrongSchema { found: Some(found) } => {
                write!(out, "unsupported report schema {found:?} (expected {SCHEMA:?})")
            }
            ReportError::Invalid(reason) => write!(out, "invalid freeze report: {reason}"),
        }
    }
}

impl std::error::Error for ReportError {}

impl TotalPss {
    pub fn of(runs: &[Run]) -> TotalPss {
        let mut totals: Vec<f64> = runs.iter().map(|run| kb_to_mb(run.total_pss_kb)).collect();
        totals.sort_by(f64::total_cmp);
        let median = match totals.len() {
            0 => 0.0,
            n if n % 2 == 1 => totals[n / 2],
            n => (totals[n / 2 - 1] + totals[n / 2]) / 2.0,
        };
        TotalPss {
            median_mb: median,
            min_mb: totals.first().copied().unwrap_or(0.0),
            max_mb: totals.last().copied().unwrap_or(0.0),
        }
    }
}

impl ConfigurationResult {
    pub fn new(python: String, workload: Workload, freeze: bool, runs: Vec<Run>) -> Self {
        let summary = TotalPss::of(&runs);
        ConfigurationResult { python, workload, freeze, runs, summary }
    }
}

impl FreezeReport {
    /// Assembles a report, deriving the savings from every configuration measured both ways.
    pub fn new(machine: Machine, config: ExperimentConfig, results: Vec<ConfigurationResult>) -> Self {
        let savings = results
            .iter()
            .filter(|off| !off.freeze)
            .filter_map(|off| {
                let on =
                    results.iter().find(|on| on.freeze && on.python == off.python && on.workload == off.workload)?;
                let saved_mb = off.summary.median_mb - on.summary.median_mb;
                Some(Saving {
                    python: off.python.clone(),
                    workload: off.workload,
                    no_freeze_mb: off.summary.median_mb,
                    freeze_mb: on.summary.median_mb,
                    saved_mb,
                    saved_percent: 100.0 * saved_mb / off.summary.median_mb,
                })
            })
            .collect();
        FreezeReport { schema: SCHEMA.to_string(), machine, config, results, savings }
    }

    /// Parses a report, telling apart text that is not JSON, another schema and missing fields.
    pub fn from_json(text: &str) -> Result<FreezeReport, ReportError> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|error| ReportError::NotJson(error.to_string()))?;
        match value.get("schema") {
            Some(serde_json::Value::String(schema)) if schema == SCHEMA => {}
            Some(serde_json::Value::String(schema)) => {
                return Err(ReportError::WrongSchema { found: Some(schema.clone()) })
            }
            Some(other) => return Err(ReportError::WrongSchema { found: Some(other.to_string()) }),
            None => return Err(ReportError::WrongSchema { found: None }),
        }
        serde_json::from_value(value).map_err(|error| ReportError::Invalid(error.to_string()))
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a report always serializes")
    }

    pub fn result(&self, python: &str, workload: Workload, freeze: bool) -> Option<&ConfigurationResult> {
        self.results
            .iter()
            .find(|result| result.python == python && result.workload == workload && result.freeze == freeze)
    }

    pub fn saving(&self, python: &str, workload: Workload) -> Option<&Saving> {
        self.savings.iter().find(|saving| saving.python == python && saving.workload == workload)
    }
}

pub fn kb_to_mb(kb: u64) -> f64 {
    kb as f64 / 1024.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(total_mb: u64) -> Run {
        let process = ProcessMemory {
            role: Role::Master,
            pid: 1,
            pss_kb: total_mb * 1024,
            private_dirty_kb: 0,
            shared_clean_kb: 0,
            shared_dirty_kb: 0,
            rss_kb: total_mb * 1024,
            gen2_collections: None,
        };
        Run { records: 10, tracked_objects: 20, processes: vec![process], total_pss_kb: total_mb * 1024 }
    }

    fn sample() -> FreezeReport {
        let workload = Workload { requests: true, reads: crate::Reads::None };
        let machine = Machine {
            kernel: "6.1".into(),
            transparent_hugepage: "always [madvise] never".into(),
            cores: 2,
            pythons: vec![PythonInfo { path: "python3".into(), version: "3.11.7".into() }],
        };
        let config = ExperimentConfig {
            heap_mb: 20,
            heap_shape: "records".into(),
            workers: 2,
            workloads: vec![workload],
            runs: 3,
        };
        FreezeReport::new(
            machine,
            config,
            vec![
                ConfigurationResult::new("3.11.7".into(), workload, false, vec![run(100), run(90), run(95)]),
                ConfigurationResult::new("3.11.7".into(), workload, true, vec![run(40), run(41), run(39)]),
            ],
        )
    }

    #[test]
    fn summaries_and_savings_come_from_the_runs() {
        let report = sample();
        let off = &report.results[0].summary;
        assert_eq!((off.median_mb, off.min_mb, off.max_mb), (95.0, 90.0, 100.0));
        let saving = &report.savings[0];
        assert_eq!((saving.no_freeze_mb, saving.freeze_mb, saving.saved_mb), (95.0, 40.0, 55.0));
        assert!((saving.saved_percent - 57.894).abs() < 0.01);
    }

    #[test]
    fn reports_round_trip_through_json() {
        let report = sample();
        let text = report.to_json();
        assert!(text.contains("\"role\": \"master\""));
        assert!(text.contains("\"workload\": \"requests\""));
        assert_eq!(FreezeReport::from_json(&text), Ok(report));
    }

    #[test]
    fn malformed_reports_say_what_is_wrong() {
        let not_json = FreezeReport::from_json("<html>").unwrap_err();
        assert!(matches!(not_json, ReportError::NotJson(_)), "{not_json}");

        let other = FreezeReport::from_json(r#"{"schema": "pattern-playground/freeze-report/v0"}"#).unwrap_err();
        assert!(other.to_string().contains("freeze-report/v0"), "{other}");
        assert!(matches!(FreezeReport::from_json("{}"), Err(ReportError::WrongSchema { found: None })));

        let mut value: serde_json::Value = serde_json::from_str(&sample().to_json()).unwrap();
        value.as_object_mut().unwrap().remove("machine");
        let missing = FreezeReport::from_json(&value.to_string()).unwrap_err();
        assert!(missing.to_string().contains("missing field `machine`"), "{missing}");

        value["machine"] = serde_json::json!({"kernel": "6.1"});
        let partial = FreezeReport::from_json(&value.to_string()).unwrap_err();
        assert!(partial.to_string().contains("transparent_hugepage"), "{partial}");
    }
}
