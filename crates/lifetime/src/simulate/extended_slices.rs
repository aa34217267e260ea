//! Extended slices of a list as targets, `del a[::2]` and `a[1::2] = items` (a step other than
//! 1, negative too), as CPython's `list_ass_subscript` does them: a deletion closes the list
//! up, then lets go of the items it took out in the order of their positions, first to last,
//! whichever way the step goes; an assignment needs as many items as the slice has (else
//! ValueError), puts each in at its position in the slice's order, then lets go of the items it
//! replaced in that order. What it is given other than a list or a tuple (a generator, a
//! range, a string, a dict or a set) `PySequence_Fast` first makes a list of, running a
//! generator to its end; that list goes last, after the items replaced, as does the copy
//! `a[::-1] = a` reads.

use crate::world::Val;

use super::sequences::slice_positions;
use super::{throw, Outcome, Run, Stop};

impl Run<'_> {
    /// `list[lower:upper:step] = value` (value Some) or `del list[lower:upper:step]` (None), the
    /// bounds read as ints and the step not 1.
    pub(super) fn extended_slice_store(
        &mut self,
        list: usize,
        parts: [Option<i64>; 3],
        value: Option<&Val>,
    ) -> Outcome<()> {
        let step = parts[2].unwrap_or(1);
        if step == 0 {
            return Err(throw("ValueError", "slice step cannot be zero"));
        }
        let len = self.world.objs[list].items.as_ref().map_or(0, Vec::len);
        let positions = slice_positions(len as i64, parts[0], parts[1], step);
        match value {
            None => self.extended_slice_deleted(list, positions),
            Some(value) => self.extended_slice_assigned(list, &positions, value),
        }
    }

    fn extended_slice_deleted(&mut self, list: usize, mut positions: Vec<usize>) -> Outcome<()> {
        positions.sort_unstable();
        let items = self.world.objs[list].items.get_or_insert_with(Vec::new);
        let removed: Vec<(String, Val)> = positions.iter().map(|&p| (String::new(), items[p].clone())).collect();
        let mut position = 0;
        items.retain(|_| {
            let kept = positions.binary_search(&position).is_err();
            position += 1;
            kept
        });
        self.release_in_turn(removed)
    }

    fn extended_slice_assigned(&mut self, list: usize, positions: &[usize], value: &Val) -> Outcome<()> {
        let (new, copy) = match value {
            // `a[::-1] = a` reads a copy of the list.
            Val::Obj(other) if *other == list => {
                let new = self.world.objs[list].items.clone().unwrap_or_default();
                (new.clone(), Some(Val::Obj(self.new_container("list", new)?)))
            }
            Val::Obj(other) if matches!(self.world.objs[*other].class.as_str(), "list" | "tuple") => {
                (self.world.objs[*other].items.clone().unwrap_or_default(), None)
            }
            iterable if self.listed_for_slice(iterable) => {
                let listed = self.list_of(iterable)?;
                let Val::Obj(made) = listed else { unreachable!("list() makes a list") };
                (self.world.objs[made].items.clone().unwrap_or_default(), Some(listed))
            }
            other => {
                return Err(not_modelled!("assigning {} to an extended slice is not modelled", self.kind_name(other)))
            }
        };
        copy.iter().for_each(|copy| self.hold(copy));
        if new.len() != positions.len() {
            if let Some(copy) = &copy {
                self.drop_temporary(copy)?;
            }
            let message = format!(
                "attempt to assign sequence of size {} to extended slice of size {}",
                new.len(),
                positions.len()
            );
            return Err(throw("ValueError", &message));
        }
        let items = self.world.objs[list].items.get_or_insert_with(Vec::new);
        let replaced: Vec<(String, Val)> = positions
            .iter()
            .zip(new)
            .map(|(&p, item)| (String::new(), std::mem::replace(&mut items[p], item)))
            .collect();
        self.release_in_turn(replaced)?;
        match &copy {
            Some(copy) => self.drop_temporary(copy),
            None => Ok(()),
        }
    }

    /// An iterable `PySequence_Fast` makes a list of as the model knows it: not one whose
    /// TypeError ("must assign iterable to extended slice") or `__iter__` the model would
    /// have to answer for.
    fn listed_for_slice(&self, value: &Val) -> bool {
        match value {
            Val::Range(..) | Val::Str(_) => true,
            Val::Obj(obj) => {
                self.generator_of(value).is_some()
                    || matches!(self.world.objs[*obj].class.as_str(), "dict" | "set")
                        && self.world.objs[*obj].items.is_some()
            }
            _ => false,
        }
    }
}
