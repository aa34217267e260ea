//! Generator expressions (`sum(x.size for x in items)`, `any(...)`, `", ".join(...)`, or one
//! kept in a name), as CPython makes them on every version (they are never inlined): the first
//! iterable is evaluated where the expression is and its iterator (GET_ITER) is the one
//! argument, `.0`, of the generator function pysource reads the expression as
//! (`pysource::GENERATOR_EXPRESSION`), whose call makes a generator object holding that frame,
//! as `generators.rs` follows it: whoever walks it resumes it, it lets go of its frame when
//! exhausted, and one freed while suspended is closed. In a function, one that reads the
//! function's locals is a closure over their cells (`closures.rs`), which its frame holds.
//!
//! Declined: one written over several lines (a traceback's line), one in a comprehension (its
//! scope is a function's on 3.11 only), and a first iterable other than a list, a tuple, a
//! range, a string, a generator (a weak dictionary's too), a weak dictionary or a list's or
//! tuple's iterator.

use pysource::{FunctionBody, GENERATOR_EXPRESSION};

use crate::world::Val;

use super::{first_line, public_qualname, Frame, Outcome, Run, Stop, KEY_MARK};

/// What the model keys a generator expression's function by, each its own: CPython's
/// qualified name `qualname` with its place among them (`<genexpr>#2`), in the key of the
/// generator expression it is in, if it is in one (`<genexpr>#1.<locals>.<genexpr>#2`), the
/// latest of those `made` (public qualified name, key) so far, which pysource reads outside in.
pub(super) fn generator_expression_key(qualname: &str, made: &[(String, String)], place: usize) -> String {
    let nested = qualname.rsplit_once(".<locals>.").and_then(|(outer, _)| {
        let (_, key) = made.iter().rev().find(|(public, _)| public == outer)?;
        Some(format!("{key}.<locals>.{GENERATOR_EXPRESSION}"))
    });
    format!("{}{KEY_MARK}{place}", nested.as_deref().unwrap_or(qualname))
}

/// `body` is a generator expression's function.
pub(super) fn is_generator_expression(body: &FunctionBody) -> bool {
    public_qualname(&body.qualname).ends_with(GENERATOR_EXPRESSION) && body.params == [".0"]
}

impl Run<'_> {
    /// The generator object the generator expression `text` makes in `frame`'s scope, held as
    /// a temporary.
    #[inline(never)]
    pub(super) fn generator_expression(&mut self, text: &str, frame: Frame) -> Outcome<Val> {
        if text.contains('\n') {
            return Err(not_modelled!(
                "the generator expression `{}` written over several lines is not modelled",
                first_line(text)
            ));
        }
        if self.scopes.iter().any(|(scope, _)| Some(*scope) == frame) {
            return Err(not_modelled!("a generator expression in a comprehension is not modelled"));
        }
        let outer = match frame {
            None => None,
            Some(index) => match self.locals.iter().rev().find(|(f, ..)| *f == index) {
                Some((.., qualname)) => Some(qualname.clone()),
                None => return Err(not_modelled!("`{text}` here is not modelled")),
            },
        };
        // Its function is keyed inside the key of the function it is in (none at module level).
        let prefix = outer.as_ref().map(|outer| format!("{outer}.<locals>.")).unwrap_or_default();
        let own = |key: &String| {
            key.strip_prefix(&prefix)
                .is_some_and(|name| name.starts_with(GENERATOR_EXPRESSION) && !name.contains(".<locals>."))
        };
        let (key, iterable) = self
            .generator_expressions
            .iter()
            .find(|(written, key, _)| written == text && own(key))
            .map(|(_, key, iterable)| (key.clone(), iterable.clone()))
            .ok_or_else(|| not_modelled!("`{text}` here is not modelled"))?;
        let free = self.free_variables(&key)?;
        // A closure's function is made first, then the iterable evaluated.
        let function = match free.is_empty() {
            true => None,
            false => Some(self.make_closure(&key[prefix.len()..], frame)?),
        };
        let iterable = self.iterable(&iterable, frame)?;
        let iterator = self.iterator_of(&iterable)?;
        self.unhold(&iterator);
        let generator = match &function {
            Some(function) => self.call_closure(function, vec![iterator], Vec::new())?,
            None => self.run_function(&key, vec![iterator], Vec::new(), Vec::new(), None)?,
        };
        if let Some(function) = &function {
            self.drop_temporary(function)?;
        }
        Ok(generator)
    }

    /// GET_ITER of a generator expression's first iterable, held as a temporary: a list's or
    /// tuple's new iterator takes the stack's reference to it; an iterator is its own. A range
    /// and a string stand for their own iterators, which hold no object.
    fn iterator_of(&mut self, iterable: &Val) -> Outcome<Val> {
        match iterable {
            Val::Range(..) | Val::Str(_) => Ok(iterable.clone()),
            _ if self.generator_of(iterable).is_some()
                || self.weak_dict_generator_of(iterable).is_some()
                || self.sequence_iterator(iterable).is_some() =>
            {
                Ok(iterable.clone())
            }
            _ if self.weak_dict(iterable).is_some() => {
                // Its `__iter__`, `keys()`, makes the generator, which holds it.
                let (weak_dict, _) = self.weak_dict(iterable).unwrap_or_default();
                let generator = self.weak_dict_generator(weak_dict, "keys")?;
                self.hold(&generator);
                self.drop_temporary(iterable)?;
                Ok(generator)
            }
            _ => match self.new_sequence_iterator(iterable)? {
                Some(iterator) => {
                    self.hold(&iterator);
                    self.drop_temporary(iterable)?;
                    Ok(iterator)
                }
                None => Err(not_modelled!("a generator expression over {} is not modelled", self.kind_name(iterable))),
            },
        }
    }
}
