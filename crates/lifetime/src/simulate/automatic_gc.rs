//! `gc.disable()`, `gc.enable()` and `gc.isenabled()`, and what switching CPython's automatic
//! collection off makes certain: the order of the collector's lists. The collector tracks an
//! instance of the program's classes when it is allocated (before `__init__` runs), at the
//! tail of its youngest list; only a collection moves objects out of it (its survivors go to
//! an older list, which a full collection puts before or after the youngest one, by version),
//! and automatic collections start on allocations from a count the model does not know. While
//! automatic collection is off, the objects made since it went off and that no `gc.collect()`
//! has kept stay in the youngest list in the order they were made, and a full collection's
//! unreachable list keeps that order for garbage: `handle_weakrefs` runs their callbacks and
//! `finalize_garbage` their `__del__` methods in it (PEP 442). `gc.collect()` collects whether
//! or not automatic collection is on.

use pysource::Expression;

use crate::world::Val;

use super::{Outcome, Run, Stop};

impl Run<'_> {
    /// `gc.disable()`, `gc.enable()` or `gc.isenabled()` (`call` names it), which take no
    /// arguments.
    pub(super) fn automatic_gc_call(
        &mut self,
        call: &str,
        args: &[Expression],
        keywords: &[(String, Expression)],
    ) -> Outcome<Val> {
        if !args.is_empty() || !keywords.is_empty() {
            return Err(not_modelled!("{call}() with arguments (a TypeError) is not modelled"));
        }
        let result = match call {
            "gc.disable" => {
                if self.automatic_off_since.is_none() {
                    self.automatic_off_since = Some(self.world.objs.len());
                }
                self.events.push("gc.disable(): automatic collection is off".into());
                Val::None
            }
            "gc.enable" => {
                self.automatic_off_since = None;
                self.events.push("gc.enable(): automatic collection is on".into());
                Val::None
            }
            _ => Val::Bool(self.automatic_off_since.is_none()),
        };
        Ok(result)
    }

    /// CPython's automatic collection is off: the program ran `gc.disable()` and has not run
    /// `gc.enable()` since.
    pub(super) fn automatic_gc_off(&self) -> bool {
        self.automatic_off_since.is_some()
    }

    /// Declines a collection (`by` says which) that finalizes the `showing` objects (two or
    /// more, in the model's order of their making) in an order the model cannot be sure of:
    /// one was made while automatic collection was on (or before it went off for the last
    /// time), one survived an earlier collection (which moved it to an older list), or one is
    /// not an instance of the program's classes with a `__dict__` (whose place in the
    /// collector's lists is not followed).
    pub(super) fn order_followed(&self, showing: &[usize], by: &str) -> Outcome<()> {
        let labels: Vec<String> = showing.iter().map(|&obj| self.world.objs[obj].label.clone()).collect();
        let labels = labels.join(", ");
        if let Some(&other) = showing.iter().find(|&&obj| !self.tracked_when_made(obj)) {
            return Err(not_modelled!(
                "the order {by} finalizes {labels} in ({}'s place in the collector's lists is not followed) is not modelled",
                self.world.objs[other].label
            ));
        }
        let off_since = self.automatic_off_since.unwrap_or(usize::MAX);
        if showing.iter().any(|&obj| obj < off_since) {
            return Err(not_modelled!(
                "the order {by} finalizes {labels} in is not modelled: it is the collector's lists', which CPython's automatic collections, started by allocations from a count the model does not know, reorder (gc.disable() before making them would make it certain)"
            ));
        }
        if showing.iter().any(|&obj| self.world.objs[obj].survived) {
            return Err(not_modelled!(
                "the order {by} finalizes {labels} in, after an earlier collection kept some of them (it reorders the collector's lists), is not modelled"
            ));
        }
        Ok(())
    }

    /// An instance of the program's classes with a `__dict__`: CPython's collector tracks it
    /// when it is allocated.
    fn tracked_when_made(&self, obj: usize) -> bool {
        let object = &self.world.objs[obj];
        object.items.is_none()
            && object.exception.is_none()
            && object.weak.is_none()
            && self.module.class(&object.class).is_some()
            && !self.has_slots(&object.class)
    }
}
