//! The master's heap and each worker's view of it, one row of cells each. A cell stands for a
//! run of pages; its filled part is the share of those pages copied, stacked by what copied
//! them, so a big heap stays a small drawing.

use cow::{PageCell, PageKind, PageState, PAGES_PER_MB};
use yew::prelude::*;

use super::pool_counters::count;

/// Drawing units of one cell; rows scale to the lab's width.
const CELL_WIDTH: usize = 10;
const ROW_HEIGHT: f64 = 20.0;

#[derive(Clone, PartialEq)]
pub struct GridRow {
    pub label: String,
    pub cells: Vec<PageCell>,
}

#[derive(Properties, PartialEq)]
pub struct PageGridProps {
    /// Cells counted by [`PageKind`].
    pub master: GridRow,
    /// Cells counted by [`PageState`].
    pub workers: Vec<GridRow>,
    pub pages_per_cell: usize,
}

#[function_component(PageGrid)]
pub fn page_grid(props: &PageGridProps) -> Html {
    let cell_size = if props.pages_per_cell == 1 {
        "one page".to_owned()
    } else {
        format!("{} pages ({:.2} MB)", count(props.pages_per_cell), props.pages_per_cell as f64 / PAGES_PER_MB as f64)
    };
    html! {
        <figure class="freeze-grid">
            <svg class="freeze-patterns" width="0" height="0" aria-hidden="true" focusable="false">
                <defs>
                    <pattern id="freeze-dots" width="4" height="4" patternUnits="userSpaceOnUse">
                        <rect class="fill-refcount" width="4" height="4" />
                        <circle class="fill-refcount-mark" cx="2" cy="2" r="1" />
                    </pattern>
                    <pattern id="freeze-hatch" width="4" height="4" patternUnits="userSpaceOnUse">
                        <rect class="fill-collection" width="4" height="4" />
                        <path class="stroke-collection-mark" d="M-1,1 l2,-2 M0,4 l4,-4 M3,5 l2,-2" />
                    </pattern>
                    <pattern id="freeze-tracked" width="4" height="4" patternUnits="userSpaceOnUse">
                        <rect class="fill-tracked" width="4" height="4" />
                        <path class="stroke-tracked-mark" d="M-1,1 l2,-2 M0,4 l4,-4 M3,5 l2,-2" />
                    </pattern>
                </defs>
            </svg>
            <figcaption class="lab-note">
                { format!("Each cell is {cell_size}; the filled part of a cell is the share of its pages in that state.") }
            </figcaption>
            <div class="freeze-rows">
                { master_row(&props.master) }
                { for props.workers.iter().map(worker_row) }
            </div>
            { legend() }
        </figure>
    }
}

fn master_row(row: &GridRow) -> Html {
    let pages: usize = row.cells.iter().map(PageCell::pages).sum();
    let tracked: usize = row.cells.iter().map(|cell| cell.counts[PageKind::Tracked as usize]).sum();
    let untracked: usize = row.cells.iter().map(|cell| cell.counts[PageKind::Untracked as usize]).sum();
    let description = format!(
        "{}: {} pages, {} of GC-tracked objects, {} of untracked objects, the rest payload",
        row.label,
        count(pages),
        count(tracked),
        count(untracked)
    );
    cells_row(
        row,
        description,
        [(PageKind::Tracked as u8, "url(#freeze-tracked)"), (PageKind::Untracked as u8, "var(--freeze-untracked)")],
    )
}

fn worker_row(row: &GridRow) -> Html {
    let pages: usize = row.cells.iter().map(PageCell::pages).sum();
    let by_collection: usize = row.cells.iter().map(|cell| cell.counts[PageState::CopiedByCollection as usize]).sum();
    let by_refcount: usize = row.cells.iter().map(|cell| cell.counts[PageState::CopiedByRefcount as usize]).sum();
    let description = format!(
        "{}: {} of {} pages copied, {} by refcount writes, {} by collections",
        row.label,
        count(by_collection + by_refcount),
        count(pages),
        count(by_refcount),
        count(by_collection)
    );
    cells_row(
        row,
        description,
        [
            (PageState::CopiedByCollection as u8, "url(#freeze-hatch)"),
            (PageState::CopiedByRefcount as u8, "url(#freeze-dots)"),
        ],
    )
}

/// A row of cells, each filled from the bottom by the shares of the two `layers` (a byte
/// value and its fill); the rest of the cell shows the row's background.
fn cells_row(row: &GridRow, description: String, layers: [(u8, &'static str); 2]) -> Html {
    let width = (row.cells.len() * CELL_WIDTH).max(CELL_WIDTH);
    let shapes = row.cells.iter().enumerate().flat_map(|(index, cell)| {
        let mut top = ROW_HEIGHT;
        layers
            .iter()
            .filter_map(|&(value, fill)| {
                let height = cell.share(value) * ROW_HEIGHT;
                top -= height;
                (height > 0.0).then(|| {
                    html! {
                        <rect x={(index * CELL_WIDTH).to_string()} y={format!("{top:.2}")} width={CELL_WIDTH.to_string()}
                            height={format!("{height:.2}")} style={format!("fill: {fill}")} />
                    }
                })
            })
            .collect::<Vec<_>>()
    });
    html! {
        <div class="freeze-row">
            <span class="freeze-row-label" aria-hidden="true">{ &row.label }</span>
            <svg class="freeze-row-cells" viewBox={format!("0 0 {width} {ROW_HEIGHT}")} preserveAspectRatio="none"
                role="img" aria-label={description}>
                <rect class="freeze-row-background" width={width.to_string()} height={ROW_HEIGHT.to_string()} />
                { for shapes }
            </svg>
        </div>
    }
}

fn legend() -> Html {
    let swatch = |fill: &str, text: &str| {
        html! {
            <li>
                <svg class="freeze-swatch" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                    <rect width="16" height="16" style={format!("fill: {fill}")} />
                </svg>
                { text.to_owned() }
            </li>
        }
    };
    html! {
        <div class="freeze-legend">
            <ul aria-label="Worker rows">
                { swatch("var(--freeze-shared)", "still shared with the master") }
                { swatch("url(#freeze-dots)", "copied by a refcount write (dotted)") }
                { swatch("url(#freeze-hatch)", "copied by a collection's GC header write (hatched)") }
            </ul>
            <ul aria-label="Master row">
                { swatch("url(#freeze-tracked)", "GC-tracked objects: dicts, lists (hatched)") }
                { swatch("var(--freeze-untracked)", "untracked objects: strs, ints") }
                { swatch("var(--freeze-shared)", "payload: arrays, key tables") }
            </ul>
        </div>
    }
}
