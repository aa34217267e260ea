//! Page grids for drawing: a heap of tens of thousands of pages folded into a few dozen cells,
//! each counting how many of its pages are in each state, so a drawing stays small whatever
//! the heap size.

/// Consecutive master pages drawn as one cell, counted by their byte value: a [`PageKind`] or
/// a [`PageState`] as the simulator stores them.
///
/// [`PageKind`]: crate::PageKind
/// [`PageState`]: crate::PageState
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageCell {
    pub first_page: usize,
    /// Pages whose byte is 0, 1 and 2.
    pub counts: [usize; 3],
}

impl PageCell {
    pub fn pages(&self) -> usize {
        self.counts.iter().sum()
    }

    /// Share of the cell's pages whose byte is `value`, in [0, 1].
    pub fn share(&self, value: u8) -> f64 {
        match (self.counts.get(value as usize), self.pages()) {
            (Some(&count), pages) if pages > 0 => count as f64 / pages as f64,
            _ => 0.0,
        }
    }
}

/// Pages per cell when `page_count` pages are folded into at most `max_cells` cells.
pub fn pages_per_cell(page_count: usize, max_cells: usize) -> usize {
    page_count.div_ceil(max_cells.max(1)).max(1)
}

/// Folds `pages` (one byte per page, each 0, 1 or 2) into at most `max_cells` cells of
/// [`pages_per_cell`] pages; the last cell may hold fewer.
pub fn page_cells(pages: &[u8], max_cells: usize) -> Vec<PageCell> {
    pages
        .chunks(pages_per_cell(pages.len(), max_cells))
        .enumerate()
        .map(|(cell, chunk)| {
            let mut counts = [0usize; 3];
            for &byte in chunk {
                if let Some(count) = counts.get_mut(byte as usize) {
                    *count += 1;
                }
            }
            PageCell { first_page: cell * pages_per_cell(pages.len(), max_cells), counts }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{HeapShape, PageState, Simulation, Workload};

    #[test]
    fn small_heaps_get_one_page_per_cell() {
        let cells = page_cells(&[0, 1, 2], 64);
        assert_eq!(cells.len(), 3);
        assert_eq!(cells[1], PageCell { first_page: 1, counts: [0, 1, 0] });
        assert_eq!(cells[2].share(2), 1.0);
    }

    #[test]
    fn big_heaps_fold_into_at_most_max_cells() {
        let pages: Vec<u8> = (0..1000).map(|page| (page % 3) as u8).collect();
        let cells = page_cells(&pages, 64);
        assert!(cells.len() <= 64);
        assert_eq!(pages_per_cell(1000, 64), 16);
        assert_eq!(cells.iter().map(PageCell::pages).sum::<usize>(), 1000);
        assert_eq!(cells.last().map(|cell| cell.first_page), Some(62 * 16));
        assert!((cells[0].share(0) - 6.0 / 16.0).abs() < 1e-12);
    }

    #[test]
    fn cells_count_what_the_simulator_copied() {
        let workload = Workload { requests: true, reads: crate::Reads::None };
        let mut simulation = Simulation::new(HeapShape::companion(), 64.0, 2, workload, false);
        simulation.run_to_end();
        let cells = page_cells(simulation.page_states(0), 48);
        let by_collection: usize = cells.iter().map(|cell| cell.counts[PageState::CopiedByCollection as usize]).sum();
        assert_eq!(by_collection, simulation.private_pages(0));
        assert_eq!(PageCell { first_page: 0, counts: [0; 3] }.share(1), 0.0);
    }
}
