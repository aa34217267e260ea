//! The traps of finalization, each a ready example. Each is a permalink with its code: opening
//! one is a new page in the history, so Back returns to the edit it replaced, and the page's
//! kept edit (`edits`) stays until the example itself is edited.

use urlstate::{to_hash, PageState, Pattern, Route};
use yew::prelude::*;

/// A trap: its name, what goes wrong, and its program.
pub struct Trap {
    pub name: &'static str,
    pub lesson: &'static str,
    pub code: &'static str,
}

pub const TRAPS: [Trap; 6] = [
    Trap {
        name: "A callback that holds self",
        lesson: "self.close as the callback keeps the object alive: the cleanup waits for exit.",
        code: include_str!("../../examples/finalize_traps/callback_holds_self.py"),
    },
    Trap {
        name: "__del__ in a cycle",
        lesson: "del leaves the cycle alive; only gc.collect() runs its __del__.",
        code: include_str!("../../examples/finalize_traps/del_in_cycle.py"),
    },
    Trap {
        name: "The order of two __del__s in a cycle",
        lesson: "certain only while automatic collection is off: one of CPython's own collections can reverse it.",
        code: include_str!("../../examples/finalize_traps/del_order_in_cycle.py"),
    },
    Trap {
        name: "A finalizer that runs only at exit",
        lesson: "a list still holds the object, so its cleanup waits for interpreter exit.",
        code: include_str!("../../examples/finalize_traps/runs_only_at_exit.py"),
    },
    Trap {
        name: "detach()",
        lesson: "a detached finalizer never runs, not even at exit.",
        code: include_str!("../../examples/finalize_traps/detach.py"),
    },
    Trap {
        name: "Cleanup that relies on del",
        lesson: "del removes a name, not the object: another reference keeps it alive.",
        code: include_str!("../../examples/finalize_traps/del_with_other_reference.py"),
    },
];

#[function_component(TrapExamples)]
pub fn trap_examples() -> Html {
    let link = |trap: &Trap| {
        let state = PageState { code: Some(trap.code.to_owned()), ..PageState::default() };
        to_hash(Route::Pattern(Pattern::Finalize), &state)
    };
    html! {
        <details class="lifetime-traps">
            <summary>{ "Traps to try" }</summary>
            <p class="lab-note">{ "Each opens its example in the editor. Your edit is kept: Back returns to it." }</p>
            <ul>
                { for TRAPS.iter().map(|trap| html! {
                    <li><a href={link(trap)}>{ trap.name }</a>{ ": " }{ trap.lesson }</li>
                }) }
            </ul>
        </details>
    }
}
