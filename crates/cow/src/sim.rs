//! A page-level model of copy-on-write after `fork()`: which of the master's heap pages each
//! worker ends up copying, with and without `gc.freeze()`.
//!
//! The master's heap is a run of 4 KiB pages of three kinds. Pages of GC-tracked objects
//! (dicts, lists) get written by every full collection, which stores its bookkeeping in each
//! tracked object's GC header, unless the objects were frozen into the permanent generation.
//! Pages of untracked objects (strs, ints) and tracked ones get a refcount write whenever a
//! worker reads an object on them, freeze or not. Payload pages (list arrays, dict key tables)
//! are read without writes. A written page is copied into the worker: private from then on.

use crate::Workload;

/// 4 KiB pages per MB.
pub const PAGES_PER_MB: usize = 256;

/// What the master's heap pages hold: the shares of page kinds and how densely records sit
/// on them, which decides how many pages reading one record in N touches.
#[derive(Clone, Debug, PartialEq)]
pub struct HeapShape {
    /// Share of pages holding GC-tracked objects.
    pub tracked_share: f64,
    /// Records whose tracked objects share one page.
    pub tracked_records_per_page: u32,
    /// Share of pages holding untracked, refcounted objects; the rest is payload.
    pub untracked_share: f64,
    pub untracked_records_per_page: u32,
}

impl HeapShape {
    /// The record heap the companion's harness builds (a dict, a tuple and a list per record
    /// with their strs and ints), fitted to `static/reference-freeze-report.json`, where
    /// CPython 3.11, 3.12 and 3.13 agree within a point: a full collection copies 47.5% of the
    /// heap, reading every record 72.5%, reading one record in 32 about 40%.
    pub fn companion() -> HeapShape {
        HeapShape {
            tracked_share: 0.475,
            tracked_records_per_page: 11,
            untracked_share: 0.25,
            untracked_records_per_page: 30,
        }
    }

    fn payload_share(&self) -> f64 {
        (1.0 - self.tracked_share - self.untracked_share).max(0.0)
    }

    /// Share of the heap one worker copies by the end of `workload`: the `f` in
    /// total ≈ H(1 + W·f).
    pub fn copied_fraction(&self, workload: Workload, freeze: bool) -> f64 {
        let read = |records_per_page| match workload.read_stride() {
            Some(stride) => touched_fraction(records_per_page, stride),
            None => 0.0,
        };
        let tracked = if workload.requests && !freeze { 1.0 } else { read(self.tracked_records_per_page) };
        self.tracked_share * tracked + self.untracked_share * read(self.untracked_records_per_page)
    }

    /// Total Pss (master plus workers) in MB after `workload`, for a master holding `heap_mb`.
    pub fn predict_total(&self, heap_mb: f64, workers: u32, workload: Workload, freeze: bool) -> f64 {
        heap_mb * (1.0 + workers as f64 * self.copied_fraction(workload, freeze))
    }
}

/// [`HeapShape::predict_total`] for the companion's heap.
pub fn predict_total(heap_mb: f64, workers: u32, workload: Workload, freeze: bool) -> f64 {
    HeapShape::companion().predict_total(heap_mb, workers, workload, freeze)
}

/// Share of pages holding `records_per_page` consecutive records that contain at least one
/// record whose index is a multiple of `stride`, exact over one period of the pattern.
fn touched_fraction(records_per_page: u32, stride: u32) -> f64 {
    let (k, s) = (records_per_page.max(1) as u64, stride.max(1) as u64);
    // Reads at least a page apart each land on a page of their own: k reads' worth of pages
    // in every s. Exact, and the period below would be up to s pages long.
    if s >= k {
        return k as f64 / s as f64;
    }
    let period = lcm(k, s) / k;
    let touched = (0..period).filter(|&page| page_is_read(page, k, s)).count();
    touched as f64 / period as f64
}

fn page_is_read(page: u64, records_per_page: u64, stride: u64) -> bool {
    let first = page * records_per_page;
    first.div_ceil(stride) * stride < first + records_per_page
}

fn lcm(a: u64, b: u64) -> u64 {
    let (mut x, mut y) = (a, b);
    while y != 0 {
        (x, y) = (y, x % y);
    }
    a / x * b
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum PageKind {
    Tracked = 0,
    Untracked = 1,
    Payload = 2,
}

/// A worker's view of one master page, as stored in [`Simulation::page_states`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum PageState {
    Shared = 0,
    CopiedByRefcount = 1,
    CopiedByCollection = 2,
}

#[derive(Clone, Copy, Debug)]
struct Page {
    kind: PageKind,
    /// Position among the pages of its kind; records `index * records_per_page ..` live here.
    index: u64,
}

/// A forked pool stepped request by request.
#[derive(Clone, Debug)]
pub struct Simulation {
    shape: HeapShape,
    workload: Workload,
    freeze: bool,
    pages: Vec<Page>,
    pages_of_kind: [u64; 3],
    /// One byte per master page per worker, a [`PageState`].
    workers: Vec<Vec<u8>>,
    steps_done: u32,
}

impl Simulation {
    pub fn new(shape: HeapShape, heap_mb: f64, workers: u32, workload: Workload, freeze: bool) -> Simulation {
        let page_count = (heap_mb * PAGES_PER_MB as f64).round().max(1.0) as usize;
        let shares = [shape.tracked_share, shape.untracked_share, shape.payload_share()];
        let kinds = [PageKind::Tracked, PageKind::Untracked, PageKind::Payload];
        // Interleave the kinds evenly, as pymalloc's pools of different size classes are.
        let mut pages_of_kind = [0u64; 3];
        let pages = (0..page_count)
            .map(|i| {
                let behind = |k: usize| shares[k] * (i + 1) as f64 - pages_of_kind[k] as f64;
                let k = (0..3).max_by(|&a, &b| behind(a).total_cmp(&behind(b))).unwrap_or(2);
                pages_of_kind[k] += 1;
                Page { kind: kinds[k], index: pages_of_kind[k] - 1 }
            })
            .collect();
        Simulation {
            shape,
            workload,
            freeze,
            pages,
            pages_of_kind,
            workers: vec![vec![PageState::Shared as u8; page_count]; workers as usize],
            steps_done: 0,
        }
    }

    /// Requests each worker serves; a workload without requests reads in one step.
    pub fn total_steps(&self) -> u32 {
        self.workload.requests().max(1)
    }

    pub fn steps_done(&self) -> u32 {
        self.steps_done
    }

    pub fn is_done(&self) -> bool {
        self.steps_done >= self.total_steps()
    }

    /// Runs the next request in every worker: it reads its slice of the records (refcount
    /// writes), then, for request workloads, runs a full collection (GC header writes).
    pub fn step(&mut self) {
        if self.is_done() {
            return;
        }
        let (step, steps) = (self.steps_done as u64, self.total_steps() as u64);
        let stride = self.workload.read_stride();
        let collects = self.workload.requests && !self.freeze;
        let records_per_page = |kind| match kind {
            PageKind::Tracked => self.shape.tracked_records_per_page as u64,
            _ => self.shape.untracked_records_per_page as u64,
        };
        for (page_number, page) in self.pages.iter().enumerate() {
            let in_slice = {
                let of_kind = self.pages_of_kind[page.kind as usize];
                page.index * steps / of_kind.max(1) == step
            };
            let read = page.kind != PageKind::Payload
                && in_slice
                && stride.is_some_and(|s| page_is_read(page.index, records_per_page(page.kind).max(1), s as u64));
            let collected = collects && page.kind == PageKind::Tracked;
            for states in &mut self.workers {
                let state = &mut states[page_number];
                if *state != PageState::Shared as u8 {
                    continue;
                }
                if read {
                    *state = PageState::CopiedByRefcount as u8;
                } else if collected {
                    *state = PageState::CopiedByCollection as u8;
                }
            }
        }
        self.steps_done += 1;
    }

    pub fn run_to_end(&mut self) {
        while !self.is_done() {
            self.step();
        }
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    pub fn worker_count(&self) -> usize {
        self.workers.len()
    }

    /// The kind of every master page, as [`PageKind`] bytes, for rendering.
    pub fn page_kinds(&self) -> Vec<u8> {
        self.pages.iter().map(|page| page.kind as u8).collect()
    }

    /// One [`PageState`] byte per master page, for rendering worker `worker`.
    pub fn page_states(&self, worker: usize) -> &[u8] {
        &self.workers[worker]
    }

    pub fn private_pages(&self, worker: usize) -> usize {
        self.workers[worker].iter().filter(|&&state| state != PageState::Shared as u8).count()
    }

    /// Master pages that no worker has copied yet.
    pub fn shared_pages(&self) -> usize {
        (0..self.page_count())
            .filter(|&page| self.workers.iter().all(|states| states[page] == PageState::Shared as u8))
            .count()
    }

    /// Pss of one process in MB: a page mapped by n processes counts 1/n to each of them.
    /// Process 0 is the master, 1..=W the workers.
    pub fn process_pss_mb(&self, process: usize) -> f64 {
        let pages: f64 = (0..self.page_count())
            .map(|page| {
                let sharers = 1 + self.workers.iter().filter(|states| states[page] == PageState::Shared as u8).count();
                let shared_share = 1.0 / sharers as f64;
                match process {
                    0 => shared_share,
                    w if self.workers[w - 1][page] == PageState::Shared as u8 => shared_share,
                    _ => 1.0,
                }
            })
            .sum();
        pages / PAGES_PER_MB as f64
    }

    /// Total Pss of the master and the workers in MB: the heap once plus every private copy.
    pub fn total_pss_mb(&self) -> f64 {
        let private: usize = (0..self.worker_count()).map(|worker| self.private_pages(worker)).sum();
        (self.page_count() + private) as f64 / PAGES_PER_MB as f64
    }

    /// Total Rss in MB: every process maps the whole heap whatever it copied, which is why Rss
    /// cannot show what freeze does.
    pub fn total_rss_mb(&self) -> f64 {
        (self.page_count() * (1 + self.worker_count())) as f64 / PAGES_PER_MB as f64
    }
}

#[cfg(test)]
mod tests {

    /// The loop over one period, which the short cut for strides of a page or more replaces.
    fn touched_by_period(k: u64, s: u64) -> f64 {
        let period = lcm(k, s) / k;
        (0..period).filter(|&page| page_is_read(page, k, s)).count() as f64 / period as f64
    }

    #[test]
    fn strides_of_a_page_or_more_touch_k_pages_in_s() {
        for k in 1..=12u32 {
            for s in k..=200u32 {
                let exact = touched_by_period(k as u64, s as u64);
                assert!((touched_fraction(k, s) - exact).abs() < 1e-12, "k={k} s={s}");
            }
        }
    }

    #[test]
    fn a_tiny_read_fraction_is_quick() {
        // Found by lab-fuzz: read-fraction:1/4294967291 walked a period of 2^32 pages.
        let started = std::time::Instant::now();
        assert!(touched_fraction(7, u32::MAX - 4) < 1e-8);
        assert!(started.elapsed().as_millis() < 50);
    }

    use super::*;
    use crate::Reads;

    fn simulate(workload: Workload, freeze: bool) -> Simulation {
        let mut simulation = Simulation::new(HeapShape::companion(), 100.0, 4, workload, freeze);
        simulation.run_to_end();
        simulation
    }

    #[test]
    fn the_simulator_agrees_with_the_closed_form() {
        for workload in Workload::all() {
            for freeze in [false, true] {
                let simulated = simulate(workload, freeze).total_pss_mb();
                let predicted = predict_total(100.0, 4, workload, freeze);
                assert!(
                    (simulated - predicted).abs() / predicted < 0.005,
                    "{workload} freeze={freeze}: simulated {simulated:.1} MB, predicted {predicted:.1} MB"
                );
            }
        }
    }

    #[test]
    fn freeze_removes_exactly_the_collection_copies() {
        let requests = Workload { requests: true, reads: Reads::None };
        assert_eq!(simulate(requests, true).total_pss_mb(), 100.0);
        let copied = simulate(requests, false);
        assert_eq!(copied.shared_pages(), copied.page_count() - copied.private_pages(0));
        assert!(copied.page_states(0).contains(&(PageState::CopiedByCollection as u8)));

        let read_all = Workload { requests: true, reads: Reads::All };
        let (off, on) = (simulate(read_all, false).total_pss_mb(), simulate(read_all, true).total_pss_mb());
        assert!((off - on).abs() < 0.01 * off, "reading everything copies the same either way");
    }

    #[test]
    fn pss_adds_up_and_rss_does_not_move() {
        let simulation = simulate(Workload::all()[5], false);
        let sum: f64 = (0..=4).map(|process| simulation.process_pss_mb(process)).sum();
        assert!((sum - simulation.total_pss_mb()).abs() < 1e-6);
        assert_eq!(simulation.total_rss_mb(), simulate(Workload::NOTHING, true).total_rss_mb());
    }

    #[test]
    fn requests_step_one_at_a_time() {
        let workload = Workload { requests: true, reads: Reads::All };
        let mut simulation = Simulation::new(HeapShape::companion(), 10.0, 2, workload, true);
        assert_eq!(simulation.total_steps(), 3);
        simulation.step();
        let after_one = simulation.private_pages(0);
        assert!(after_one > 0 && !simulation.is_done());
        simulation.run_to_end();
        assert!(simulation.private_pages(0) > 2 * after_one);
    }

    #[test]
    fn sparse_reads_touch_pages_by_density() {
        assert_eq!(touched_fraction(32, 32), 1.0);
        assert_eq!(touched_fraction(8, 32), 0.25);
        assert_eq!(touched_fraction(11, 1), 1.0);
    }
}
