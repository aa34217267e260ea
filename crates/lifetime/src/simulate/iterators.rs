//! The iterator `iter()` makes of a list or tuple (`list_iterator`, `tuple_iterator`), as
//! CPython's `listiterobject` is: it holds the sequence and a position, reads the sequence as it
//! is at each step, and lets go of it once exhausted (the object stays, giving nothing more).

use crate::world::{Obj, Val};

use super::{Outcome, Run};

const SEQUENCE: &str = "sequence";
const INDEX: &str = "index";

impl Run<'_> {
    /// `iter(sequence)` of a list or tuple: a new iterator, held by nobody yet.
    pub(super) fn new_sequence_iterator(&mut self, sequence: &Val) -> Outcome<Option<Val>> {
        let Some(class) = ["list", "tuple"].into_iter().find(|class| self.container(sequence, class).is_some()) else {
            return Ok(None);
        };
        let class = format!("{class}_iterator");
        let number = self.world.objs.iter().filter(|o| o.class == class).count() + 1;
        let attrs = vec![(SEQUENCE.to_owned(), sequence.clone()), (INDEX.to_owned(), Val::Int(0))];
        let iterator = self.new_object(Obj::new(&class, format!("{class} #{number}"), attrs))?;
        Ok(Some(Val::Obj(iterator)))
    }

    /// The list or tuple iterator `value` is.
    pub(super) fn sequence_iterator(&self, value: &Val) -> Option<usize> {
        let Val::Obj(obj) = value else { return None };
        let object = &self.world.objs[*obj];
        let made_by_iter = matches!(object.class.as_str(), "list_iterator" | "tuple_iterator");
        (made_by_iter && object.items.is_none() && self.module.class(&object.class).is_none()).then_some(*obj)
    }

    /// The iterator's next item (held by nobody yet), or None: the first time it finds the
    /// sequence at its end, it lets go of it.
    pub(super) fn sequence_iterator_next(&mut self, iterator: usize) -> Outcome<Option<Val>> {
        let attrs = &self.world.objs[iterator].attrs;
        let sequence = attrs.iter().find(|(n, _)| n == SEQUENCE).map(|(_, v)| v.clone()).unwrap_or(Val::None);
        let index = match attrs.iter().find(|(n, _)| n == INDEX) {
            Some((_, Val::Int(index))) => usize::try_from(*index).unwrap_or_default(),
            _ => return Err("a sequence iterator without its position".into()),
        };
        let Val::Obj(seq) = sequence else { return Ok(None) };
        let item = self.world.objs[seq].items.as_ref().and_then(|items| items.get(index)).cloned();
        let attrs = &mut self.world.objs[iterator].attrs;
        match item {
            Some(item) => {
                if let Some((_, position)) = attrs.iter_mut().find(|(n, _)| n == INDEX) {
                    *position = Val::Int(i64::try_from(index + 1).unwrap_or(i64::MAX));
                }
                Ok(Some(item))
            }
            None => {
                if let Some((_, held)) = attrs.iter_mut().find(|(n, _)| n == SEQUENCE) {
                    *held = Val::None;
                }
                self.released(&sequence)?;
                Ok(None)
            }
        }
    }
}
