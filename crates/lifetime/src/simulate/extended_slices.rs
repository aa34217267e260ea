//! Extended slices of a list as targets, `del a[::2]` and `a[1::2] = items` (a step other than
//! 1, negative too), as CPython's `list_ass_subscript` does them: a deletion closes the list
//! up, then lets go of the items it took out in the order of their positions, first to last,
//! whichever way the step goes; an assignment needs as many items as the slice has (else
//! ValueError), puts each in at its position in the slice's order, then lets go of the items it
//! replaced in that order.

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
        let sequence = match value {
            Val::Obj(other) if matches!(self.world.objs[*other].class.as_str(), "list" | "tuple") => *other,
            other => {
                return Err(not_modelled!("assigning {} to an extended slice is not modelled", self.kind_name(other)))
            }
        };
        let new = self.world.objs[sequence].items.clone().unwrap_or_default();
        // `a[::-1] = a` reads a copy of the list, which goes last.
        let copy = match sequence == list {
            true => Some(Val::Obj(self.new_container("list", new.clone())?)),
            false => None,
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
}
