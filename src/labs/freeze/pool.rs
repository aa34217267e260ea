//! One forked pool, simulated with and without freeze in lockstep so the other setting's
//! total is always there to compare; the freeze checkbox only picks which one is drawn.

use std::rc::Rc;

use cow::{page_cells, predict_total, saved_percent, HeapShape, Simulation, Workload, PAGES_PER_MB};
use yew::prelude::*;

use super::inputs::SimulatorInputs;
use super::page_grid::{GridRow, PageGrid};
use super::pool_counters::{PoolCounters, PoolFigures};

/// Cells per grid row: nine rows of at most two shapes per cell keep the drawing near 1,200
/// elements whatever the heap size.
const CELLS_PER_ROW: usize = 64;

#[derive(Clone)]
struct Pools {
    heap_mb: u32,
    workers: u32,
    workload: Workload,
    without_freeze: Simulation,
    with_freeze: Simulation,
}

impl Pools {
    fn fork(heap_mb: u32, workers: u32, workload: Workload) -> Pools {
        let simulate = |freeze| Simulation::new(HeapShape::companion(), heap_mb as f64, workers, workload, freeze);
        Pools { heap_mb, workers, workload, without_freeze: simulate(false), with_freeze: simulate(true) }
    }

    fn shown(&self, freeze: bool) -> &Simulation {
        if freeze {
            &self.with_freeze
        } else {
            &self.without_freeze
        }
    }
}

enum PoolAction {
    Step,
    RunToEnd,
    Reset,
}

impl Reducible for Pools {
    type Action = PoolAction;

    fn reduce(self: Rc<Self>, action: PoolAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            PoolAction::Step => {
                next.without_freeze.step();
                next.with_freeze.step();
            }
            PoolAction::RunToEnd => {
                next.without_freeze.run_to_end();
                next.with_freeze.run_to_end();
            }
            PoolAction::Reset => next = Pools::fork(self.heap_mb, self.workers, self.workload),
        }
        Rc::new(next)
    }
}

#[derive(Properties, PartialEq)]
pub struct PoolProps {
    pub inputs: SimulatorInputs,
}

#[function_component(Pool)]
pub fn pool(props: &PoolProps) -> Html {
    let inputs = &props.inputs;
    let pools = use_reducer(|| Pools::fork(inputs.heap_mb, inputs.workers, inputs.workload));
    let shown = pools.shown(inputs.freeze);
    let other = pools.shown(!inputs.freeze);
    let dispatch = |action: fn() -> PoolAction| {
        let pools = pools.clone();
        Callback::from(move |_: MouseEvent| pools.dispatch(action()))
    };

    let master = GridRow { label: "master".into(), cells: page_cells(&shown.page_kinds(), CELLS_PER_ROW) };
    let workers: Vec<GridRow> = (0..shown.worker_count())
        .map(|worker| GridRow {
            label: format!("worker {}", worker + 1),
            cells: page_cells(shown.page_states(worker), CELLS_PER_ROW),
        })
        .collect();
    let (no_freeze_mb, freeze_mb) = (pools.without_freeze.total_pss_mb(), pools.with_freeze.total_pss_mb());
    let figures = PoolFigures {
        freeze: inputs.freeze,
        page_count: shown.page_count(),
        shared_pages: shown.shared_pages(),
        private_pages: (0..shown.worker_count()).map(|worker| shown.private_pages(worker)).collect(),
        total_pss_mb: shown.total_pss_mb(),
        total_rss_mb: shown.total_rss_mb(),
        other_total_pss_mb: other.total_pss_mb(),
        saved_percent: saved_percent(no_freeze_mb, freeze_mb),
        predicted_no_freeze_mb: predict_total(inputs.heap_mb as f64, inputs.workers, inputs.workload, false),
        predicted_freeze_mb: predict_total(inputs.heap_mb as f64, inputs.workers, inputs.workload, true),
        pages_per_mb: PAGES_PER_MB,
    };
    let step_text = if inputs.workload.requests { "Step one request" } else { "Step: read" };
    html! {
        <div class="freeze-pool">
            <div class="run-bar">
                <button class="primary" onclick={dispatch(|| PoolAction::Step)} disabled={shown.is_done()}>{ step_text }</button>
                <button onclick={dispatch(|| PoolAction::RunToEnd)} disabled={shown.is_done()}>{ "Run to the end" }</button>
                <button onclick={dispatch(|| PoolAction::Reset)} disabled={shown.steps_done() == 0}>{ "Reset" }</button>
                <span class="run-state" role="status">
                    { format!("step {} of {}", shown.steps_done(), shown.total_steps()) }
                </span>
            </div>
            <PageGrid {master} {workers} pages_per_cell={cow::pages_per_cell(shown.page_count(), CELLS_PER_ROW)} />
            <PoolCounters {figures} />
        </div>
    }
}
