//! A report read against the simulator: for each Python and workload, what was measured with
//! and without freeze, what the closed form predicts for the same configuration, and what each
//! worker kept private. The browser lab draws these rows; it computes nothing itself.

use crate::report::{kb_to_mb, ConfigurationResult, FreezeReport, Role, Run, TotalPss};
use crate::{HeapShape, Workload};

/// One configuration as measured, next to the simulator's prediction for it.
#[derive(Clone, Debug, PartialEq)]
pub struct Measurement {
    pub total: TotalPss,
    /// Median over the runs of the workers' mean Private_Dirty, in MB.
    pub private_per_worker_mb: f64,
    /// The closed form's total Pss for this configuration, in MB.
    pub predicted_total_mb: f64,
    /// The closed form's private memory per worker, in MB.
    pub predicted_private_per_worker_mb: f64,
}

impl Measurement {
    /// How far the prediction lands from the median measurement, in % of the measurement.
    pub fn prediction_error_percent(&self) -> f64 {
        if self.total.median_mb == 0.0 {
            return 0.0;
        }
        100.0 * (self.predicted_total_mb - self.total.median_mb) / self.total.median_mb
    }
}

/// One Python and workload, with and without freeze where the report measured them.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportRow {
    pub python: String,
    pub workload: Workload,
    pub no_freeze: Option<Measurement>,
    pub freeze: Option<Measurement>,
}

impl ReportRow {
    /// Share of the no-freeze total that freezing saved, when both were measured.
    pub fn saved_percent(&self) -> Option<f64> {
        Some(saved_percent(self.no_freeze.as_ref()?.total.median_mb, self.freeze.as_ref()?.total.median_mb))
    }
}

/// Share of `no_freeze_mb` that `freeze_mb` saves, in %, as the report's savings count it.
pub fn saved_percent(no_freeze_mb: f64, freeze_mb: f64) -> f64 {
    if no_freeze_mb == 0.0 {
        return 0.0;
    }
    100.0 * (no_freeze_mb - freeze_mb) / no_freeze_mb
}

/// The master's memory before any worker copies, which the simulator takes as its heap: the
/// measured total when the workers do nothing, or the configured heap if that was not measured.
pub fn master_heap_mb(report: &FreezeReport, python: &str) -> f64 {
    report
        .result(python, Workload::NOTHING, false)
        .or_else(|| report.result(python, Workload::NOTHING, true))
        .map_or(report.config.heap_mb as f64, |result| result.summary.median_mb)
}

/// Every (Python, workload) the report measured, in the order it first lists them.
pub fn report_rows(report: &FreezeReport) -> Vec<ReportRow> {
    let shape = HeapShape::companion();
    let workers = report.config.workers;
    let measure = |result: &ConfigurationResult| {
        let heap_mb = master_heap_mb(report, &result.python);
        Measurement {
            total: result.summary.clone(),
            private_per_worker_mb: median(result.runs.iter().map(worker_private_mb).collect()),
            predicted_total_mb: shape.predict_total(heap_mb, workers, result.workload, result.freeze),
            predicted_private_per_worker_mb: heap_mb * shape.copied_fraction(result.workload, result.freeze),
        }
    };
    let mut rows: Vec<ReportRow> = Vec::new();
    for result in &report.results {
        let index = match rows.iter().position(|row| row.python == result.python && row.workload == result.workload) {
            Some(index) => index,
            None => {
                rows.push(ReportRow {
                    python: result.python.clone(),
                    workload: result.workload,
                    no_freeze: None,
                    freeze: None,
                });
                rows.len() - 1
            }
        };
        let slot = if result.freeze { &mut rows[index].freeze } else { &mut rows[index].no_freeze };
        *slot = Some(measure(result));
    }
    rows
}

/// The largest measured or predicted total, so every bar of a report shares one scale.
pub fn largest_total_mb(rows: &[ReportRow]) -> f64 {
    rows.iter()
        .flat_map(|row| [&row.no_freeze, &row.freeze])
        .flatten()
        .map(|measurement| measurement.total.max_mb.max(measurement.predicted_total_mb))
        .fold(0.0, f64::max)
}

/// The prediction error farthest from zero over the whole report, in %.
pub fn largest_prediction_error_percent(rows: &[ReportRow]) -> Option<f64> {
    rows.iter()
        .flat_map(|row| [&row.no_freeze, &row.freeze])
        .flatten()
        .map(Measurement::prediction_error_percent)
        .max_by(|a, b| a.abs().total_cmp(&b.abs()))
}

fn worker_private_mb(run: &Run) -> f64 {
    let workers: Vec<u64> = run
        .processes
        .iter()
        .filter(|process| process.role == Role::Worker)
        .map(|process| process.private_dirty_kb)
        .collect();
    if workers.is_empty() {
        return 0.0;
    }
    kb_to_mb(workers.iter().sum::<u64>()) / workers.len() as f64
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => 0.0,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{ExperimentConfig, Machine, ProcessMemory};
    use crate::Reads;

    const REQUESTS: Workload = Workload { requests: true, reads: Reads::None };

    fn process(role: Role, private_mb: u64) -> ProcessMemory {
        ProcessMemory {
            role,
            pid: 1,
            pss_kb: 0,
            private_dirty_kb: private_mb * 1024,
            shared_clean_kb: 0,
            shared_dirty_kb: 0,
            rss_kb: 0,
            gen2_collections: None,
        }
    }

    fn run(total_mb: u64, worker_private_mb: [u64; 2]) -> Run {
        let processes = vec![
            process(Role::Master, 1),
            process(Role::Worker, worker_private_mb[0]),
            process(Role::Worker, worker_private_mb[1]),
        ];
        Run { records: 1, tracked_objects: 1, processes, total_pss_kb: total_mb * 1024 }
    }

    fn report(results: Vec<ConfigurationResult>) -> FreezeReport {
        let machine =
            Machine { kernel: "6.1".into(), transparent_hugepage: "never".into(), cores: 2, pythons: Vec::new() };
        let config = ExperimentConfig {
            heap_mb: 100,
            heap_shape: "records".into(),
            workers: 2,
            workloads: vec![Workload::NOTHING, REQUESTS],
            runs: 3,
        };
        FreezeReport::new(machine, config, results)
    }

    fn sample() -> FreezeReport {
        let result = |workload, freeze, totals: [u64; 3], private| {
            let runs = totals.iter().map(|&total| run(total, private)).collect();
            ConfigurationResult::new("3.12.1".into(), workload, freeze, runs)
        };
        report(vec![
            result(Workload::NOTHING, false, [120, 120, 120], [1, 1]),
            result(REQUESTS, false, [230, 240, 235], [60, 50]),
            result(REQUESTS, true, [121, 122, 120], [1, 2]),
        ])
    }

    #[test]
    fn rows_pair_freeze_with_no_freeze() {
        let rows = report_rows(&sample());
        assert_eq!(rows.len(), 2);
        let requests = &rows[1];
        assert_eq!((requests.python.as_str(), requests.workload), ("3.12.1", REQUESTS));
        let off = requests.no_freeze.as_ref().expect("measured without freeze");
        assert_eq!(off.total.median_mb, 235.0);
        assert_eq!(off.private_per_worker_mb, 55.0);
        assert_eq!(requests.freeze.as_ref().map(|on| on.private_per_worker_mb), Some(1.5));
        let saved = requests.saved_percent().expect("measured both ways");
        assert!((saved - 100.0 * (235.0 - 121.0) / 235.0).abs() < 1e-9);
        assert_eq!(rows[0].saved_percent(), None);
    }

    #[test]
    fn predictions_start_from_the_measured_master() {
        let rows = report_rows(&sample());
        let off = rows[1].no_freeze.as_ref().unwrap();
        let expected = HeapShape::companion().predict_total(120.0, 2, REQUESTS, false);
        assert!((off.predicted_total_mb - expected).abs() < 1e-9);
        assert!((off.prediction_error_percent() - 100.0 * (expected - 235.0) / 235.0).abs() < 1e-9);
        assert!(largest_total_mb(&rows) >= 240.0);
        assert!(largest_prediction_error_percent(&rows).is_some());
    }

    #[test]
    fn without_a_nothing_run_the_configured_heap_is_the_master() {
        let only_requests =
            report(vec![ConfigurationResult::new("3.11.7".into(), REQUESTS, true, vec![run(100, [1, 1])])]);
        assert_eq!(master_heap_mb(&only_requests, "3.11.7"), 100.0);
        assert_eq!(saved_percent(0.0, 0.0), 0.0);
        assert_eq!(largest_prediction_error_percent(&[]), None);
    }
}
