//! Operations that make a new list, tuple or string out of others: slices (`a[1:]`, `s[::-1]`),
//! `+` and `*` between sequences, and `reversed()`. A new list or tuple holds its items; the
//! sequence it came from lets go of nothing. A tuple CPython can give back as it is (`t[:]`,
//! `t + ()`, `t * 1`) is given back, as `tuplesubscript`, `tupleconcat` and `tuplerepeat` do.

use pysource::{Expression, Slice};

use crate::world::Val;

use super::{number, range_items, throw, Frame, Outcome, Run, Stop, MAX_ITEMS};

/// The type name CPython's TypeErrors give a value, for the operands modelled here.
fn operand_type(run: &Run, value: &Val) -> Option<String> {
    Some(match value {
        Val::Int(_) => "int".into(),
        Val::Bool(_) => "bool".into(),
        Val::Float(_) => "float".into(),
        Val::Str(_) => "str".into(),
        Val::None => "NoneType".into(),
        Val::Obj(obj) if run.world.objs[*obj].items.is_some() => run.world.objs[*obj].class.clone(),
        _ => return None,
    })
}

/// The positions a slice takes from a sequence of `len` items, as `PySlice_AdjustIndices`
/// computes them.
pub(super) fn slice_positions(len: i64, lower: Option<i64>, upper: Option<i64>, step: i64) -> Vec<usize> {
    let adjust = |bound: Option<i64>, default: i64| match bound {
        None => default,
        Some(b) if b < 0 => {
            let b = b + len;
            if b < 0 {
                if step < 0 {
                    -1
                } else {
                    0
                }
            } else {
                b
            }
        }
        Some(b) if b >= len => {
            if step < 0 {
                len - 1
            } else {
                len
            }
        }
        Some(b) => b,
    };
    let (start, stop) =
        if step < 0 { (adjust(lower, len - 1), adjust(upper, -1)) } else { (adjust(lower, 0), adjust(upper, len)) };
    let mut positions = Vec::new();
    let mut at = start;
    while (step > 0 && at < stop) || (step < 0 && at > stop) {
        positions.push(usize::try_from(at).unwrap_or_default());
        at += step;
    }
    positions
}

impl Run<'_> {
    /// `value[lower:upper:step]`: the sequence, then each bound written, evaluated; the bounds
    /// (ints) and the sequence go once the slice is made.
    pub(super) fn slice_expression(&mut self, value: &Expression, slice: &Slice, frame: Frame) -> Outcome<Val> {
        let base = self.eval(value, frame)?;
        let bounds = self.slice_bounds(slice, frame)?;
        let result = self.sliced(&base, [&bounds[0], &bounds[1], &bounds[2]])?;
        self.hold(&result);
        for bound in bounds.iter().rev() {
            self.drop_temporary(bound)?;
        }
        self.drop_temporary(&base)?;
        self.unhold(&result);
        Ok(result)
    }

    /// A slice's bounds as written, evaluated in order; None where one is left out.
    fn slice_bounds(&mut self, slice: &Slice, frame: Frame) -> Outcome<Vec<Val>> {
        let mut bounds = Vec::new();
        for part in [&slice.lower, &slice.upper, &slice.step] {
            bounds.push(match part {
                Some(part) => self.eval(part, frame)?,
                None => Val::None,
            });
        }
        Ok(bounds)
    }

    /// A slice's bounds as the ints they are (a bool is one), None where left out or None.
    fn bound_numbers(&self, bounds: [&Val; 3]) -> Outcome<[Option<i64>; 3]> {
        let mut parts = [None; 3];
        for (part, bound) in parts.iter_mut().zip(bounds) {
            *part = match bound {
                Val::None => None,
                Val::Int(_) | Val::Bool(_) => number(bound),
                _ => return Err(not_modelled!("slice bounds that are {} are not modelled", self.kind_name(bound))),
            };
        }
        Ok(parts)
    }

    /// The slice a subscript's one element spells, if it is one (`a[1:3]`).
    pub(super) fn slice_of(elements: &[Expression]) -> Option<Slice> {
        match elements {
            [Expression::Other { text }] => pysource::slice(text),
            _ => None,
        }
    }

    /// `list[lower:upper:step] = value` (value Some) or `del list[lower:upper:step]` (None): the
    /// sequence, then each bound, evaluated (the value was, before them); then the bounds and
    /// the sequence go.
    pub(super) fn slice_store(
        &mut self,
        target: &Expression,
        slice: &Slice,
        value: Option<&Val>,
        frame: Frame,
    ) -> Outcome<()> {
        let base = self.eval(target, frame)?;
        let bounds = self.slice_bounds(slice, frame)?;
        let Some(list) = self.container(&base, "list") else {
            let what = if value.is_some() { "slice assignment" } else { "`del` of a slice" };
            return Err(not_modelled!("{what} on {} is not modelled", self.kind_name(&base)));
        };
        let parts = self.bound_numbers([&bounds[0], &bounds[1], &bounds[2]])?;
        if value.is_some_and(|value| self.minor < 14 && self.only_the_call_holds(value))
            && self.only_the_call_holds(&base)
        {
            // Both go after the store: the value first up to 3.13, the list first from 3.14.
            return Err(not_modelled!(
                "a slice assignment of a sequence only the statement holds to a list only the statement holds is not modelled before 3.14"
            ));
        }
        match parts[2] {
            Some(step) if step != 1 => self.extended_slice_store(list, parts, value)?,
            _ => self.simple_slice_store(list, parts, value)?,
        }
        for bound in bounds.iter().rev() {
            self.drop_temporary(bound)?;
        }
        self.drop_temporary(&base)
    }

    /// `list[lower:upper] = value` or `del list[lower:upper]`: `list_ass_slice` puts the new
    /// items in, then lets go of the ones it took out, last to first.
    fn simple_slice_store(&mut self, list: usize, parts: [Option<i64>; 3], value: Option<&Val>) -> Outcome<()> {
        let items = self.world.objs[list].items.clone().unwrap_or_default();
        let len = items.len() as i64;
        let clamp = |bound: Option<i64>, default: i64| match bound {
            None => default,
            Some(b) if b < 0 => (b + len).max(0),
            Some(b) => b.min(len),
        };
        let lower = clamp(parts[0], 0);
        let upper = clamp(parts[1], len).max(lower);
        let new: Vec<Val> = match value {
            None => Vec::new(),
            Some(Val::Obj(other)) if matches!(self.world.objs[*other].class.as_str(), "list" | "tuple") => {
                self.world.objs[*other].items.clone().unwrap_or_default()
            }
            Some(other) => return Err(not_modelled!("assigning {} to a slice is not modelled", self.kind_name(other))),
        };
        if items.len() - (upper - lower) as usize + new.len() > MAX_ITEMS {
            return Err(not_modelled!("lists longer than {MAX_ITEMS} items are not modelled"));
        }
        let removed: Vec<Val> = self.world.objs[list]
            .items
            .get_or_insert_with(Vec::new)
            .splice(lower as usize..upper as usize, new)
            .collect();
        removed.iter().rev().try_for_each(|v| self.released(v))
    }

    /// `base[lower:upper:step]` of a list, a tuple or a string, the bounds ints or None.
    pub(super) fn sliced(&mut self, base: &Val, bounds: [&Val; 3]) -> Outcome<Val> {
        let parts = self.bound_numbers(bounds)?;
        let step = parts[2].unwrap_or(1);
        if step == 0 {
            return Err(throw("ValueError", "slice step cannot be zero"));
        }
        if let Val::Str(text) = base {
            super::addresses::unread(base, "slicing")?;
            if !text.is_ascii() {
                return Err("slicing non-ASCII text is not modelled".into());
            }
            let bytes = text.as_bytes();
            let positions = slice_positions(bytes.len() as i64, parts[0], parts[1], step);
            return Ok(Val::Str(positions.iter().map(|&p| char::from(bytes[p])).collect()));
        }
        let class = match base {
            Val::Obj(obj) if self.container(base, "list").is_some() || self.container(base, "tuple").is_some() => {
                self.world.objs[*obj].class.clone()
            }
            _ => return Err(not_modelled!("slicing {} is not modelled", self.kind_name(base))),
        };
        let Val::Obj(obj) = base else { unreachable!("a list or tuple") };
        let items = self.world.objs[*obj].items.clone().unwrap_or_default();
        let positions = slice_positions(items.len() as i64, parts[0], parts[1], step);
        if class == "tuple" && step == 1 && positions.len() == items.len() {
            return Ok(base.clone());
        }
        let taken = positions.iter().map(|&p| items[p].clone()).collect();
        Ok(Val::Obj(self.new_container(&class, taken)?))
    }

    /// `left op right` where either is a list or a tuple: `+` of two of one kind, `*` by an
    /// int; CPython's TypeError for another operand of `+`.
    pub(super) fn sequence_binary(&mut self, op: &str, left: &Val, right: &Val) -> Outcome<Option<Val>> {
        let sequence = |run: &Self, v: &Val| ["list", "tuple"].into_iter().find(|c| run.container(v, c).is_some());
        let (left_kind, right_kind) = (sequence(self, left), sequence(self, right));
        if left_kind.is_none() && right_kind.is_none() {
            return Ok(None);
        }
        let items = |run: &Self, v: &Val| match v {
            Val::Obj(obj) => run.world.objs[*obj].items.clone().unwrap_or_default(),
            _ => Vec::new(),
        };
        let result = match (op, left_kind, right_kind) {
            ("+", Some(a), Some(b)) if a == b => {
                let (first, second) = (items(self, left), items(self, right));
                if a == "tuple" && second.is_empty() {
                    return Ok(Some(left.clone()));
                }
                if a == "tuple" && first.is_empty() {
                    return Ok(Some(right.clone()));
                }
                if first.len() + second.len() > MAX_ITEMS {
                    return Err(not_modelled!("{a}s longer than {MAX_ITEMS} items are not modelled"));
                }
                Val::Obj(self.new_container(a, first.into_iter().chain(second).collect())?)
            }
            ("+", Some(a), _) => {
                let Some(other) = operand_type(self, right) else {
                    return Err(not_modelled!("`+` between a {a} and {} is not modelled", self.kind_name(right)));
                };
                return Err(throw("TypeError", &format!("can only concatenate {a} (not \"{other}\") to {a}")));
            }
            ("*", Some(kind), None) | ("*", None, Some(kind)) => {
                let (sequence, count) = if left_kind.is_some() { (left, right) } else { (right, left) };
                if matches!(count, Val::Float(_)) || number(count).is_none() {
                    let Some(other) = operand_type(self, count) else {
                        return Err(not_modelled!("`*` of a {kind} by {} is not modelled", self.kind_name(count)));
                    };
                    return Err(throw("TypeError", &format!("can't multiply sequence by non-int of type '{other}'")));
                }
                let times = usize::try_from(number(count).unwrap_or_default()).unwrap_or(0);
                let items = items(self, sequence);
                if kind == "tuple" && times == 1 {
                    return Ok(Some(sequence.clone()));
                }
                if items.len().saturating_mul(times) > MAX_ITEMS {
                    return Err(not_modelled!("{kind}s longer than {MAX_ITEMS} items are not modelled"));
                }
                let repeated = std::iter::repeat_n(items, times).flatten().collect();
                Val::Obj(self.new_container(kind, repeated)?)
            }
            _ => {
                return Err(not_modelled!(
                    "`{op}` between {} and {} is not modelled",
                    self.kind_name(left),
                    self.kind_name(right)
                ))
            }
        };
        Ok(Some(result))
    }

    /// `reversed(sequence)`: a `list_reverseiterator` holding a list, a `reversed` object
    /// holding a tuple or a string (each lets go of it once exhausted), or a `range_iterator`
    /// over the range backwards (a range is not an object the model follows).
    pub(super) fn reversed(&mut self, sequence: &Val) -> Outcome<Val> {
        let (class, held, len) = match sequence {
            Val::Obj(obj)
                if self.container(sequence, "list").is_some() || self.container(sequence, "tuple").is_some() =>
            {
                let object = &self.world.objs[*obj];
                let class = if object.class == "list" { "list_reverseiterator" } else { "reversed" };
                (class, sequence.clone(), object.items.as_ref().map_or(0, Vec::len))
            }
            Val::Str(text) if text.is_ascii() => ("reversed", sequence.clone(), text.len()),
            Val::Range(..) => {
                let length = range_items(sequence).and_then(|[length, ..]| length).unwrap_or_default();
                let len = usize::try_from(length).map_err(|_| Stop::from("ranges this long are not modelled"))?;
                ("range_iterator", sequence.clone(), len)
            }
            _ => return Err(not_modelled!("reversed() of {} is not modelled", self.kind_name(sequence))),
        };
        let iterator = self.new_reverse_iterator(class, held, len)?;
        self.hold(&iterator);
        Ok(iterator)
    }
}
