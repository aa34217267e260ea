//! The object graph drawn: names on the left with arrows to their objects, objects in a
//! column with their refcounts, references between objects as arcs on the right, cycles and
//! objects waiting for the collector outlined. Hidden from screen readers: the lists next to it
//! say the same.

use std::rc::Rc;

use lifetime::Simulation;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct GraphDrawingProps {
    pub simulation: Rc<Simulation>,
    pub selected: usize,
}

const ROW: f64 = 46.0;
const TOP: f64 = 12.0;
const NAME_X: f64 = 4.0;
const NAME_W: f64 = 104.0;
/// Between the names' column and the objects', where the names' arrows go.
const GAP: f64 = 36.0;
const OBJECT_W: f64 = 216.0;
const BOX_H: f64 = 36.0;

fn shorten(text: &str, most: usize) -> String {
    if text.chars().count() <= most {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(most - 1).collect::<String>())
    }
}

fn middle(row: usize) -> f64 {
    TOP + row as f64 * ROW + BOX_H / 2.0
}

#[function_component(GraphDrawing)]
pub fn graph_drawing(props: &GraphDrawingProps) -> Html {
    let Some(step) = props.simulation.steps.get(props.selected) else { return html! {} };
    let row_of = |id: usize| step.objects.iter().position(|o| o.id == id);
    // Without names, the objects take the names' place.
    let object_x = if step.names.is_empty() { NAME_X } else { NAME_X + NAME_W + GAP };
    let right = object_x + OBJECT_W;
    let arcs: Vec<(f64, Html)> = step
        .references
        .iter()
        .enumerate()
        .filter_map(|(n, reference)| {
            let (from, to) = (row_of(reference.from)?, row_of(reference.to)?);
            let (y1, y2) = (middle(from), middle(to));
            let (path, reach, label_y) = if from == to {
                let reach = 40.0;
                let (a, b) = (y1 - 8.0, y1 + 8.0);
                let curve = format!("M {right} {a} C {} {}, {} {}, {right} {b}", right + reach, a - 18.0, right + reach, b + 18.0);
                (curve, reach, y1)
            } else {
                // References going up reach further than those going down, so that the two
                // halves of a two-object cycle do not overlap; each label sits by its arc's tip.
                let up = to < from;
                let reach = 28.0 + 12.0 * from.abs_diff(to) as f64 + if up { 30.0 } else { 0.0 } + 4.0 * (n % 3) as f64;
                let (a, b) = (y1 + if up { -6.0 } else { 6.0 }, y2 + if up { 6.0 } else { -6.0 });
                let curve = format!("M {right} {a} C {} {a}, {} {b}, {right} {b}", right + reach, right + reach);
                (curve, reach, (a + b) / 2.0 + if up { 12.0 } else { -6.0 })
            };
            let drawn = html! {
                <g class="lifetime-arc">
                    <path d={path} marker-end="url(#lifetime-arrow)" />
                    <text x={(right + reach * 0.75 + 3.0).to_string()} y={(label_y + 4.0).to_string()}>{ shorten(&reference.via, 14) }</text>
                </g>
            };
            Some((reach, drawn))
        })
        .collect();
    let widest = arcs.iter().map(|(reach, _)| *reach).fold(0.0, f64::max);
    let rows = step.names.len().max(step.objects.len()).max(1);
    let height = TOP * 2.0 + rows as f64 * ROW;
    let width = right + widest + 84.0;
    html! {
        <svg class="lifetime-drawing" aria-hidden="true" focusable="false" viewBox={format!("0 0 {width} {height}")}
            width={width.to_string()} height={height.to_string()}>
            <defs>
                <marker id="lifetime-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                    <path d="M 0 0 L 10 5 L 0 10 z" />
                </marker>
            </defs>
            { for step.names.iter().enumerate().map(|(row, name)| {
                let y = TOP + row as f64 * ROW;
                let text = match name.object {
                    Some(_) => name.name.clone(),
                    None => format!("{} = {}", name.name, name.value),
                };
                let arrow = name.object.and_then(row_of).map(|target| html! {
                    <line class="lifetime-name-arrow" x1={(NAME_X + NAME_W).to_string()} y1={(y + BOX_H / 2.0).to_string()}
                        x2={object_x.to_string()} y2={middle(target).to_string()} marker-end="url(#lifetime-arrow)" />
                });
                html! {
                    <g class="lifetime-name">
                        <rect x={NAME_X.to_string()} y={y.to_string()} width={NAME_W.to_string()} height={BOX_H.to_string()} rx="4" />
                        <text x={(NAME_X + 6.0).to_string()} y={(y + 23.0).to_string()}>{ shorten(&text, 13) }</text>
                        { arrow.unwrap_or_default() }
                    </g>
                }
            }) }
            { for step.objects.iter().enumerate().map(|(row, object)| {
                let y = TOP + row as f64 * ROW;
                let classes = classes!(
                    "lifetime-object",
                    object.in_cycle.then_some("in-cycle"),
                    object.waiting_for_gc.then_some("waiting"),
                );
                let state = if object.waiting_for_gc {
                    " · waits for gc"
                } else if object.in_cycle {
                    " · in a cycle"
                } else if object.pinned_by_finalizer {
                    " · finalizer pins it"
                } else {
                    ""
                };
                let second = format!("refcount {}{state}", object.refcount);
                html! {
                    <g class={classes}>
                        <rect x={object_x.to_string()} y={y.to_string()} width={OBJECT_W.to_string()} height={BOX_H.to_string()} rx="4" />
                        <text x={(object_x + 6.0).to_string()} y={(y + 15.0).to_string()}>{ shorten(&object.label, 24) }</text>
                        <text class="lifetime-object-count" x={(object_x + 6.0).to_string()} y={(y + 30.0).to_string()}>{ second }</text>
                    </g>
                }
            }) }
            { for arcs.into_iter().map(|(_, drawn)| drawn) }
        </svg>
    }
}
