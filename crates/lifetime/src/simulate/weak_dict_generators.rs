//! The generators a weak dictionary's `keys()`, `values()` and `items()` return (`__iter__` is
//! `keys`), as `weakref.py` writes them: the frame holds the dictionary (`self`) from the call,
//! and from the first step the locals of its loop over `data` (the key, the weak reference,
//! and the object it gave), each moving on to the next entry's; `items()` gives a new tuple
//! each step. The first step enters an `_IterationGuard`, which holds the dictionary's
//! removals back while the generator runs or is suspended; it exits when the generator is
//! exhausted or closed, before the frame lets go of its locals (first to last up to 3.13, last
//! to first from 3.14). Whoever walks one (a loop, `list()`, a generator expression, another
//! loop after a `break`) takes its next step: it is its own iterator.
//!
//! Declined, naming what: anything changing the dictionary between its first step and its end
//! (by the dictionary's own checks), which would wait among the guard's pending removals.

use crate::world::{Obj, Val, WeakRef, GENERATOR};

use super::weakdicts::WEAK_VALUES;
use super::{Outcome, Run};

/// The methods that return one.
pub(super) const WEAK_DICT_GENERATORS: [&str; 3] = ["keys", "values", "items"];

/// What its frame calls the dictionary.
const SELF: &str = "self";

/// One made by a call of a weak dictionary's `keys()`, `values()` or `items()`.
pub(super) struct WeakDictGenerator {
    obj: usize,
    method: &'static str,
    started: bool,
    done: bool,
    /// The steps it takes, read from the entries at its first (the dictionary cannot change
    /// until its end), and how many it took.
    steps: Vec<WeakDictStep>,
    taken: usize,
}

/// One step of its loop: its locals' new values, in the order its code numbers them, and
/// what it gives (two for `items()`, which it gives as a tuple).
#[derive(Clone)]
struct WeakDictStep {
    locals: Vec<(&'static str, Val)>,
    gives: Vec<Val>,
}

impl Run<'_> {
    /// `weak_dict.method()`: a new generator, not started, holding the dictionary.
    pub(super) fn weak_dict_generator(&mut self, weak_dict: usize, method: &str) -> Outcome<Val> {
        let Some(method) = WEAK_DICT_GENERATORS.into_iter().find(|m| *m == method) else {
            return Err(format!("`{method}` makes no generator").into());
        };
        let label = format!("generator {}.{method}()", self.world.objs[weak_dict].label);
        let attrs = vec![(SELF.to_owned(), Val::Obj(weak_dict))];
        let obj = self.new_object(Obj::new(GENERATOR, label, attrs))?;
        let generator = WeakDictGenerator { obj, method, started: false, done: false, steps: Vec::new(), taken: 0 };
        self.weak_dict_generators.push(generator);
        Ok(Val::Obj(obj))
    }

    /// The weak dictionary generator `value` is, by number.
    pub(super) fn weak_dict_generator_of(&self, value: &Val) -> Option<usize> {
        let Val::Obj(obj) = value else { return None };
        self.weak_dict_generators.iter().position(|g| g.obj == *obj)
    }

    /// The dictionary (and its `data`) its frame holds, until it ends.
    fn generator_dict(&self, obj: usize) -> Option<(usize, usize)> {
        let (_, own) = self.world.objs[obj].attrs.iter().find(|(name, _)| name == SELF)?;
        self.weak_dict(own)
    }

    /// Its first step: the steps it will take, from the entries the dictionary has now.
    fn weak_dict_generator_started(&mut self, g: usize) -> Outcome<()> {
        let WeakDictGenerator { obj, method, .. } = self.weak_dict_generators[g];
        let Some((weak_dict, data)) = self.generator_dict(obj) else {
            return Err("a weak dictionary generator without its dictionary".into());
        };
        // The _IterationGuard (with a weak reference to the dictionary) is made.
        self.no_waiting_garbage()?;
        let by_values = self.world.objs[weak_dict].class == WEAK_VALUES;
        let mut steps = Vec::new();
        for (key, held) in self.entries(data) {
            let (reference, other) = if by_values { (held, key) } else { (key, held) };
            let Val::Obj(r) = reference else {
                return Err("a weak dictionary's entry without a weak reference".into());
            };
            let Some(WeakRef { cleared: false, target, .. }) = &self.world.objs[r].weak else { continue };
            let (wr, target) = (Val::Obj(r), Val::Obj(*target));
            steps.push(match (by_values, method) {
                (true, "keys") => WeakDictStep { locals: vec![("k", other.clone()), ("wr", wr)], gives: vec![other] },
                (true, "values") => {
                    WeakDictStep { locals: vec![("wr", wr), ("obj", target.clone())], gives: vec![target] }
                }
                (true, _) => WeakDictStep {
                    locals: vec![("k", other.clone()), ("wr", wr), ("v", target.clone())],
                    gives: vec![other, target],
                },
                (false, "keys") => {
                    WeakDictStep { locals: vec![("wr", wr), ("obj", target.clone())], gives: vec![target] }
                }
                (false, "values") => {
                    WeakDictStep { locals: vec![("wr", wr), ("value", other.clone())], gives: vec![other] }
                }
                (false, _) => WeakDictStep {
                    locals: vec![("wr", wr), ("value", other.clone()), ("key", target.clone())],
                    gives: vec![target, other],
                },
            });
        }
        self.weak_dict_generators[g].started = true;
        self.weak_dict_generators[g].steps = steps;
        self.weak_iterating.push(weak_dict);
        Ok(())
    }

    /// `next()` of it: its locals move on (each old value going as the new one is stored) and
    /// it gives the item, held by nobody yet; None once it is exhausted.
    pub(super) fn weak_dict_generator_next(&mut self, g: usize) -> Outcome<Option<Val>> {
        let WeakDictGenerator { obj, started, done, taken, .. } = self.weak_dict_generators[g];
        if done {
            return Ok(None);
        }
        if !started {
            self.weak_dict_generator_started(g)?;
        }
        let step = self.weak_dict_generators[g].steps.get(taken).cloned();
        self.weak_dict_generators[g].taken += 1;
        let Some(WeakDictStep { locals, mut gives }) = step else {
            self.weak_dict_generator_finished(g)?;
            return Ok(None);
        };
        for (name, value) in locals {
            let attrs = &mut self.world.objs[obj].attrs;
            let old = match attrs.iter_mut().find(|(n, _)| n == name) {
                Some((_, slot)) => Some(std::mem::replace(slot, value)),
                None => {
                    attrs.push((name.to_owned(), value));
                    None
                }
            };
            if let Some(old) = old {
                self.released(&old)?;
            }
        }
        Ok(Some(match gives.len() {
            1 => gives.remove(0),
            _ => Val::Obj(self.new_container("tuple", gives)?),
        }))
    }

    /// It returns, or is closed: its `_IterationGuard` exits, then its frame lets go of the
    /// dictionary and its locals.
    fn weak_dict_generator_finished(&mut self, g: usize) -> Outcome<()> {
        let WeakDictGenerator { obj, started, done, .. } = self.weak_dict_generators[g];
        if let Some((weak_dict, _)) = self.generator_dict(obj).filter(|_| started && !done) {
            if let Some(position) = self.weak_iterating.iter().rposition(|w| *w == weak_dict) {
                self.weak_iterating.remove(position);
            }
        }
        self.weak_dict_generators[g].done = true;
        let mut frame = std::mem::take(&mut self.world.objs[obj].attrs);
        if self.minor >= 14 {
            frame.reverse();
        }
        self.release_in_turn(frame)
    }

    /// A weak dictionary generator being freed, its weak references cleared (None for other
    /// objects): closed if it is suspended, then its frame lets go of what it holds, in a
    /// frame's order.
    pub(super) fn weak_dict_generator_freed(&mut self, obj: usize) -> Option<Outcome<()>> {
        let g = self.weak_dict_generator_of(&Val::Obj(obj))?;
        Some(self.weak_dict_generator_finished(g))
    }
}
