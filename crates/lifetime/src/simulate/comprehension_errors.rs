//! An exception out of a list, set or dict comprehension's element, condition or iteration,
//! as CPython 3.11 to 3.14 unwind it.
//!
//! On 3.11 a comprehension is a function of its own (`<listcomp>`), called with the first
//! iterable's iterator (`.0`): unwinding its frame pops its stack (inner loops' iterators, then
//! the result being built, whose items go), and the traceback keeps the frame, with its locals
//! (the iterator, and so the iterable, and the loop variables), until the exception goes.
//! From 3.12 (PEP 709) it is inlined in the enclosing frame with a handler of its own: the
//! unwinding pops the iterator (which lets go of the iterable), the handler pops the result
//! being built, then restores the variables it saved, last to first, which lets go of what the
//! comprehension bound them to; then it raises the exception again.

use pysource::Generator;

use crate::world::Val;

use super::{target_names, Built, Outcome, Run, Stop};

impl Run<'_> {
    /// `exception` leaves the comprehension building `built` (`list`, now held as a temporary
    /// of the enclosing frame) over `iterable`; `scope` is what the comprehension's scope held:
    /// the first iterator's references (unnamed) and its variables.
    pub(super) fn comprehension_raised(
        &mut self,
        exception: usize,
        iterable: &Val,
        built: Built,
        list: usize,
        scope: Vec<(String, Val)>,
        generators: &[Generator],
    ) -> Outcome<Val> {
        if self.weak_dict(iterable).is_some() || self.weak_dict_generator_of(iterable).is_some() {
            return Err(not_modelled!(
                "an exception out of a comprehension over a weak dictionary (whose iterator is a generator it closes) is not modelled"
            ));
        }
        let mut order: Vec<String> = Vec::new();
        generators.iter().for_each(|g| target_names(&g.target, &mut order));
        if scope.iter().any(|(name, _)| !name.is_empty() && !order.contains(name)) {
            return Err("a comprehension binding other than its targets is not modelled".into());
        }
        // What the scope held stays held (above the enclosing frame, which holds the result
        // being built) while the rest goes.
        let enclosing = self.world.frames.len() - 1;
        self.world.frames.push(scope);
        let unwound = self.comprehension_unwound(enclosing, list);
        let scope = self.world.frames.pop().unwrap_or_default();
        unwound?;
        let (iterator, mut variables): (Vec<_>, Vec<_>) = scope.into_iter().partition(|(name, _)| name.is_empty());
        if self.minor >= 12 {
            // The handler restores the variables last to first: what each saved takes its
            // place back.
            variables.sort_by_key(|(name, _)| std::cmp::Reverse(order.iter().position(|n| n == name)));
            self.release_in_turn(variables)?;
            return Err(Stop::Raised(exception));
        }
        // The frame's locals in the order the compiler numbered them: `.0`, then the variables
        // in the order they were first bound, which is the order the scope holds them in.
        let mut locals: Vec<(String, Val)> = iterator.into_iter().map(|(_, value)| (".0".to_owned(), value)).collect();
        locals.extend(variables);
        let name = match built {
            Built::List(_) => "<listcomp>",
            Built::Set(_) => "<setcomp>",
            Built::Dict(..) => "<dictcomp>",
        };
        // No exception is handled in the comprehension's own frame: its traceback keeps it,
        // unless a frame it called went to another's, whose `f_back` then keeps this one.
        let keeper = self.frames_followed(exception);
        if let Some(state) = self.world.objs[keeper].exception.as_mut() {
            state.frames.push((name.to_owned(), locals));
        }
        Err(Stop::Raised(exception))
    }

    /// The comprehension's stack unwinds, with its scope on top of the frames: from 3.12 the
    /// iterator goes first (the scope's unnamed entries, its references), then the result
    /// being built, which `enclosing` holds; on 3.11 only the result, the frame's `.0` keeping
    /// the iterator.
    fn comprehension_unwound(&mut self, enclosing: usize, list: usize) -> Outcome<()> {
        if self.minor >= 12 {
            let scope = self.world.frames.len() - 1;
            let (iterator, variables): (Vec<_>, Vec<_>) =
                std::mem::take(&mut self.world.frames[scope]).into_iter().partition(|(name, _)| name.is_empty());
            self.world.frames[scope] = variables;
            self.release_in_turn(iterator)?;
        }
        let frame = &mut self.world.frames[enclosing];
        if let Some(index) = frame.iter().rposition(|(name, value)| name.is_empty() && *value == Val::Obj(list)) {
            frame.remove(index);
        }
        self.released(&Val::Obj(list))
    }
}
