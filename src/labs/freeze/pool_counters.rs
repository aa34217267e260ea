//! The pool's memory as counters, read out politely to screen readers as the pool steps.

use yew::prelude::*;

use super::report_chart::one_decimal_percent;

/// What the pool measures now, for the shown freeze setting and for the other one.
#[derive(Clone, PartialEq)]
pub struct PoolFigures {
    pub freeze: bool,
    pub page_count: usize,
    pub shared_pages: usize,
    pub private_pages: Vec<usize>,
    pub total_pss_mb: f64,
    pub total_rss_mb: f64,
    /// The same pool at the same step with freeze set the other way.
    pub other_total_pss_mb: f64,
    pub saved_percent: f64,
    pub predicted_no_freeze_mb: f64,
    pub predicted_freeze_mb: f64,
    pub pages_per_mb: usize,
}

/// `12345` as `12,345`.
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut grouped = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

fn setting(freeze: bool) -> &'static str {
    if freeze {
        "with freeze"
    } else {
        "without freeze"
    }
}

#[derive(Properties, PartialEq)]
pub struct PoolCountersProps {
    pub figures: PoolFigures,
}

#[function_component(PoolCounters)]
pub fn pool_counters(props: &PoolCountersProps) -> Html {
    let f = &props.figures;
    let mb = |pages: usize| pages as f64 / f.pages_per_mb as f64;
    let stat = |name: String, value: String| {
        html! {
            <div class="freeze-stat">
                <dt>{ name }</dt>
                <dd>{ value }</dd>
            </div>
        }
    };
    let workers = f.private_pages.len();
    html! {
        <div class="freeze-counters">
            <div aria-live="polite">
            <dl class="freeze-stats">
                { stat("Shared pages".into(), format!("{} of {} ({:.1} MB)", count(f.shared_pages), count(f.page_count), mb(f.shared_pages))) }
                { stat(format!("Total Pss, {}", setting(f.freeze)), format!("{:.1} MB", f.total_pss_mb)) }
                { stat(format!("Total Pss, {}", setting(!f.freeze)), format!("{:.1} MB", f.other_total_pss_mb)) }
                { stat("Freeze saves".into(), one_decimal_percent(f.saved_percent)) }
                { stat("Total Rss, either way".into(), format!("{:.1} MB", f.total_rss_mb)) }
            </dl>
            <table class="freeze-private">
                <caption>{ format!("Private pages per worker, {}", setting(f.freeze)) }</caption>
                <thead><tr>
                    { for (1..=workers).map(|worker| html! { <th scope="col">{ format!("worker {worker}") }</th> }) }
                </tr></thead>
                <tbody><tr>
                    { for f.private_pages.iter().map(|&pages| html! {
                        <td>{ count(pages) }<span class="lab-note">{ format!(" ({:.1} MB)", mb(pages)) }</span></td>
                    }) }
                </tr></tbody>
            </table>
            </div>
            <p class="lab-note">
                { format!(
                    "Pss splits every shared page between the processes mapping it, so it adds up to real memory; Rss counts each shared page once per process and stays the same. Once every request has run, the closed form predicts {:.1} MB without freeze and {:.1} MB with it.",
                    f.predicted_no_freeze_mb, f.predicted_freeze_mb
                ) }
            </p>
        </div>
    }
}
