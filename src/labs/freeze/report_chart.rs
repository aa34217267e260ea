//! One report drawn: for each Python and workload, total Pss with and without freeze as bars
//! on one scale, the simulator's prediction marked on each bar, the saving, and what each
//! worker kept private.

use std::rc::Rc;

use cow::{FreezeReport, Measurement, ReportRow};
use yew::prelude::*;

use super::inputs::describe;

#[derive(Properties, PartialEq)]
pub struct ReportChartProps {
    pub report: Rc<FreezeReport>,
}

#[function_component(ReportChart)]
pub fn report_chart(props: &ReportChartProps) -> Html {
    let rows = use_memo(props.report.clone(), |report| cow::report_rows(report));
    let report = &props.report;
    let scale_mb = cow::largest_total_mb(&rows).max(1.0);
    let machine = &report.machine;
    let pythons: Vec<&str> = machine.pythons.iter().map(|python| python.version.as_str()).collect();
    let mut row_pythons: Vec<&str> = Vec::new();
    for row in rows.iter() {
        if !row_pythons.contains(&row.python.as_str()) {
            row_pythons.push(&row.python);
        }
    }
    html! {
        <div class="freeze-report">
            <p class="freeze-machine">
                { format!(
                    "Linux {}, transparent huge pages: {}, {} cores, Python {}. Heap {} MB, {} workers, {} runs per configuration.",
                    machine.kernel, machine.transparent_hugepage, machine.cores, pythons.join(", "),
                    report.config.heap_mb, report.config.workers, report.config.runs
                ) }
            </p>
            if let Some(error) = cow::largest_prediction_error_percent(&rows) {
                <p class="lab-note">
                    { format!(
                        "Calibration: given each Python's master as measured (its total when the workers do nothing), the simulator lands within {:.1} % of every measured total here. ◆ marks its prediction on each bar.",
                        error.abs()
                    ) }
                </p>
            }
            { for row_pythons.iter().enumerate().map(|(index, python)| {
                let python_rows: Vec<&ReportRow> = rows.iter().filter(|row| row.python == *python).collect();
                html! {
                    <details class="freeze-python" open={index == 0}>
                        <summary>{ format!("Python {python}") }</summary>
                        { python_table(python, &python_rows, scale_mb, report.config.workers) }
                    </details>
                }
            }) }
        </div>
    }
}

fn python_table(python: &str, rows: &[&ReportRow], scale_mb: f64, workers: u32) -> Html {
    html! {
        <div class="table-scroll" tabindex="0" role="group" aria-label="Measured reports table (scrolls sideways)">
            <table class="freeze-results">
                <caption>{ format!("Python {python}: total Pss of the master and {workers} workers, median of the runs") }</caption>
                <thead><tr>
                    <th scope="col">{ "workload" }</th>
                    <th scope="col">{ "total Pss, and private memory per worker" }</th>
                    <th scope="col">{ "freeze saves" }</th>
                </tr></thead>
                <tbody>
                    { for rows.iter().map(|row| html! {
                        <tr>
                            <th scope="row">
                                <code title={describe(row.workload)}>{ row.workload.to_string() }</code>
                            </th>
                            <td class="freeze-bars">
                                { bar("no freeze", "bar-no-freeze", row.no_freeze.as_ref(), scale_mb) }
                                { bar("freeze", "bar-freeze", row.freeze.as_ref(), scale_mb) }
                                <div class="freeze-private-line">
                                    { "private per worker: " }
                                    { private("no freeze", row.no_freeze.as_ref()) }
                                    { " · " }
                                    { private("freeze", row.freeze.as_ref()) }
                                </div>
                            </td>
                            <td class="freeze-number" data-label="freeze saves">
                                { row.saved_percent().map_or("—".to_owned(), one_decimal_percent) }
                            </td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

fn bar(setting: &str, class: &'static str, measurement: Option<&Measurement>, scale_mb: f64) -> Html {
    let Some(measurement) = measurement else {
        return html! { <div class="freeze-bar-row"><span class="freeze-bar-name">{ setting.to_owned() }</span>{ "not measured" }</div> };
    };
    let percent = |mb: f64| format!("{:.2}%", 100.0 * mb / scale_mb);
    let total = &measurement.total;
    html! {
        <div class="freeze-bar-row">
            <span class="freeze-bar-name">{ setting.to_owned() }</span>
            <span class="freeze-bar-track" aria-hidden="true">
                <span class={classes!("freeze-bar", class)} style={format!("width: {}", percent(total.median_mb))} />
                <span class="freeze-bar-predicted" style={format!("left: {}", percent(measurement.predicted_total_mb))}>{ "◆" }</span>
            </span>
            <span class="freeze-bar-value">
                { format!("{:.0} MB", total.median_mb) }
                <span class="lab-note">{ format!(" (range {:.0}–{:.0}; simulator {:.0})", total.min_mb, total.max_mb, measurement.predicted_total_mb) }</span>
            </span>
        </div>
    }
}

fn private(setting: &str, measurement: Option<&Measurement>) -> Html {
    match measurement {
        Some(m) => html! {
            <span>
                { format!("{setting} {:.1} MB", m.private_per_worker_mb) }
                <span class="lab-note">{ format!(" (simulator {:.1})", m.predicted_private_per_worker_mb) }</span>
            </span>
        },
        None => html! {},
    }
}

/// `-0.04` shows as `0.0 %`, not `-0.0 %`: a saving too small to print has no sign.
pub(crate) fn one_decimal_percent(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    format!("{:.1} %", if rounded == 0.0 { 0.0 } else { rounded })
}
