//! The iterator `iter()` makes of a list or tuple (`list_iterator`, `tuple_iterator`), as
//! CPython's `listiterobject` is: it holds the sequence and a position, reads the sequence as it
//! is at each step, and lets go of it once exhausted (the object stays, giving nothing more).
//! `reversed()` makes those that walk backwards from the last item: `list_reverseiterator` (which
//! lets go of the list at a position past its end, and before 3.13 past its start too), `reversed` over a tuple
//! or a string, and `range_iterator` over a range.

use crate::world::{Obj, Val};

use super::{range_items, Outcome, Run};

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
        let made_by_iter = matches!(
            object.class.as_str(),
            "list_iterator" | "tuple_iterator" | "list_reverseiterator" | "reversed" | "range_iterator"
        );
        (made_by_iter && object.items.is_none() && self.module.class(&object.class).is_none()).then_some(*obj)
    }

    /// A new iterator of `class` walking `sequence` (of `len` items) backwards from its end.
    pub(super) fn new_reverse_iterator(&mut self, class: &str, sequence: Val, len: usize) -> Outcome<Val> {
        let number = self.world.objs.iter().filter(|o| o.class == class).count() + 1;
        let last = i64::try_from(len).unwrap_or(i64::MAX) - 1;
        let attrs = vec![(SEQUENCE.to_owned(), sequence), (INDEX.to_owned(), Val::Int(last))];
        Ok(Val::Obj(self.new_object(Obj::new(class, format!("{class} #{number}"), attrs))?))
    }

    /// The iterator's next item (held by nobody yet), or None: the first time it finds the
    /// sequence at its end, it lets go of it.
    pub(super) fn sequence_iterator_next(&mut self, iterator: usize) -> Outcome<Option<Val>> {
        let backwards =
            matches!(self.world.objs[iterator].class.as_str(), "list_reverseiterator" | "reversed" | "range_iterator");
        let attrs = &self.world.objs[iterator].attrs;
        let sequence = attrs.iter().find(|(n, _)| n == SEQUENCE).map(|(_, v)| v.clone()).unwrap_or(Val::None);
        let index = match attrs.iter().find(|(n, _)| n == INDEX) {
            Some((_, Val::Int(index))) => *index,
            _ => return Err("a sequence iterator without its position".into()),
        };
        let class = self.world.objs[iterator].class.as_str();
        if index < 0 && class == "list_reverseiterator" && self.minor >= 13 {
            // From 3.13 `listreviter_next` returns at a negative position before it looks at
            // the list: one walked down past its first item keeps it until the iterator goes.
            return Ok(None);
        }
        let item = usize::try_from(index).ok().and_then(|at| self.sequence_item(&sequence, at));
        let attrs = &mut self.world.objs[iterator].attrs;
        match item {
            Some(item) => {
                if let Some((_, position)) = attrs.iter_mut().find(|(n, _)| n == INDEX) {
                    *position = Val::Int(if backwards { index - 1 } else { index + 1 });
                }
                Ok(Some(item))
            }
            None => {
                if let Some((_, held)) = attrs.iter_mut().find(|(n, _)| n == SEQUENCE) {
                    *held = Val::None;
                }
                if backwards {
                    if let Some((_, position)) = attrs.iter_mut().find(|(n, _)| n == INDEX) {
                        *position = Val::Int(-1);
                    }
                }
                self.released(&sequence)?;
                Ok(None)
            }
        }
    }

    /// The item at `index` of a list, a tuple, an ASCII string or a range, as it is now.
    fn sequence_item(&self, sequence: &Val, index: usize) -> Option<Val> {
        match sequence {
            Val::Obj(seq) => self.world.objs[*seq].items.as_ref().and_then(|items| items.get(index)).cloned(),
            Val::Str(text) => text.as_bytes().get(index).map(|b| Val::Str(char::from(*b).to_string())),
            Val::Range(start, _, step) => {
                let [length, ..] = range_items(sequence)?;
                let offset = i64::try_from(index).ok()?;
                (i128::from(offset) < length?).then(|| Val::Int(start + offset * step))
            }
            _ => None,
        }
    }
}
