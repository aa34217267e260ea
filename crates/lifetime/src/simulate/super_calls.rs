//! Zero-argument `super()` in a method: `super().name` looks `name` up in the MRO of the
//! instance's class after the class whose body defines the method (the `__class__` cell the
//! compiler gives a method that uses `super` or `__class__`), and binds what it finds to the
//! method's first argument as it stands then.
//!
//! 3.11 makes a super object (holding the class and the instance) and, for a method, a bound
//! method, and lets go of both before the call; from 3.12 LOAD_SUPER_ATTR makes neither once
//! specialized, but its first run and a call with `*` arguments still do. Both hold only what
//! the method's frame holds anyway, so no object dies with them: they count only as
//! allocations, checked against garbage waiting for CPython's automatic collection. The
//! `__class__` cell holds the class, which its dict's functions hold in turn: a cycle every
//! class is already in (its `__mro__` holds it), so it changes when nothing dies.
//!
//! Declined: `super` anywhere else (two arguments, a bare `super()`, outside a method, in a
//! comprehension or nested function), classmethods and staticmethods, classes with bases or
//! metaclasses that are not the program's, properties and decorated methods found through it,
//! and what `object` answers but a bare `super().__init__()`.

use pysource::{Expression, MemberKind};

use crate::world::Val;

use super::class_attributes::{method_kind, ClassLookup};
use super::{Frame, Outcome, Run, Stop};

impl Run<'_> {
    /// Whether `expr` is a call of the built-in `super` with no arguments.
    pub(super) fn is_zero_argument_super(&self, expr: &Expression, frame: Frame) -> bool {
        let Expression::Call { func, args, keywords } = expr else { return false };
        let Expression::Name { id } = func.as_ref() else { return false };
        let shadowed = frame.is_some_and(|f| self.world.frames[f].iter().any(|(n, _)| n == "super"))
            || self.world.global("super").is_some()
            || self.module.class("super").is_some()
            || self.module.function("super").is_some();
        id == "super" && args.is_empty() && keywords.is_empty() && !shadowed
    }

    /// The class whose body defines the method running in `frame` (its `__class__` cell), and
    /// the method's first argument as it stands; declined outside a plain method's own frame.
    fn method_context(&self, frame: Frame, what: &str) -> Outcome<(String, Val)> {
        let outside = || not_modelled!("{what} outside a method's own frame is not modelled");
        let Some(f) = frame else { return Err(outside()) };
        if self.scopes.iter().any(|(scope, _)| *scope == f) {
            return Err(not_modelled!("{what} in a comprehension is not modelled"));
        }
        let Some((_, names, params, qualname)) = self.locals.last().filter(|(index, ..)| *index == f) else {
            return Err(outside());
        };
        let Some((owner, method)) = qualname.split_once('.').filter(|(_, m)| !m.contains('.')) else {
            return Err(outside());
        };
        let class = self.module.class(owner).ok_or_else(outside)?;
        let function = class.members.iter().find_map(|m| match &m.kind {
            MemberKind::Method(function) if m.name == method => Some(function),
            _ => None,
        });
        let Some(function) = function else { return Err(outside()) };
        if let Some(kind) = method_kind(function) {
            return Err(not_modelled!("{what} in the {kind} `{qualname}` is not modelled"));
        }
        let first = names.first().filter(|_| *params > 0).ok_or_else(|| {
            not_modelled!("{what} in `{qualname}`, which has no parameter (RuntimeError), is not modelled")
        })?;
        let bound = self.world.frames[f].iter().find(|(n, _)| n == first).map(|(_, v)| v.clone());
        let value = match bound {
            Some(value) => match self.cell(&value) {
                Some(cell) => self.cell_contents(cell, first)?,
                None => value,
            },
            None => return Err(not_modelled!("{what} after `{first}` was deleted (RuntimeError) is not modelled")),
        };
        Ok((owner.to_owned(), value))
    }

    /// `super().attr` in the running method, held as a temporary; None for `__init__` that
    /// only `object` defines.
    pub(super) fn super_attribute(&mut self, attr: &str, frame: Frame) -> Outcome<Option<Val>> {
        let (owner, first) = self.method_context(frame, "`super()`")?;
        let Val::Obj(obj) = first else {
            return Err(not_modelled!(
                "`super()` with {} as the method's first argument is not modelled",
                self.kind_name(&first)
            ));
        };
        let object = &self.world.objs[obj];
        let class = object.class.clone();
        let module = self.module;
        let mro = match module.class(&class) {
            Some(model) if object.items.is_none() && object.exception.is_none() => module.mro(model),
            _ => return Err(not_modelled!("`super()` on a `{class}` is not modelled")),
        };
        let Some(position) = mro.iter().position(|c| c.name == owner) else {
            return Err(not_modelled!(
                "`super()` in `{owner}` on a `{class}`, not an instance of it (TypeError), is not modelled"
            ));
        };
        if !self.only_program_classes(&class) {
            return Err(not_modelled!(
                "`super()` on a `{class}`, whose bases or metaclass are not all the program's, is not modelled"
            ));
        }
        if self.dataclass_of(&Val::Obj(obj)).is_some_and(|d| d.slots) {
            return Err(not_modelled!(
                "`super()` on a `{class}` (a dataclass with slots makes a new class) is not modelled"
            ));
        }
        // The super object, or the bound method, is an allocation.
        self.no_waiting_garbage()?;
        let found = mro[position + 1..].iter().find_map(|next| self.own_lookup(next, attr));
        let value = match found {
            Some(ClassLookup::Method { owner: found_in, function }) => {
                let qualname = format!("{found_in}.{attr}");
                if self.world.class_members.iter().any(|(q, _)| *q == qualname) {
                    return Err(not_modelled!("the decorated method `{qualname}` through `super()` is not modelled"));
                }
                match method_kind(function) {
                    Some("classmethod") => Val::ClassBound(class.clone(), qualname),
                    Some(_) => Val::Func(qualname),
                    None => Val::Bound(obj, qualname),
                }
            }
            Some(ClassLookup::Value(value)) => {
                self.no_descriptor(&value, &class, attr)?;
                if matches!(value, Val::Func(_)) || self.closure_of(&value).is_some() || self.is_helper(&value) {
                    return Err(not_modelled!("the function object `.{attr}` through `super()` is not modelled"));
                }
                value
            }
            Some(ClassLookup::Property { owner }) => {
                return Err(not_modelled!("the property `{owner}.{attr}` through `super()` is not modelled"))
            }
            Some(ClassLookup::Unevaluated(qualname, _)) => {
                return Err(not_modelled!("the class attribute `{qualname}` that is not a literal is not modelled"))
            }
            Some(ClassLookup::Foreign(base)) => {
                return Err(not_modelled!("`super().{attr}` through `{base}` is not modelled"))
            }
            None | Some(ClassLookup::Missing) if attr == "__init__" => return Ok(None),
            None | Some(ClassLookup::Missing) => {
                return Err(not_modelled!(
                    "`super().{attr}` that none of `{owner}`'s bases defines (`object`'s, or AttributeError) is not modelled"
                ))
            }
        };
        self.hold(&value);
        Ok(Some(value))
    }

    /// `super().__init__(...)` that reaches `object.__init__`, which takes no arguments: None,
    /// held as a temporary.
    pub(super) fn object_init(&mut self, arguments: usize) -> Outcome<Val> {
        if arguments > 0 {
            return Err(not_modelled!(
                "`object.__init__` through `super()` with arguments (TypeError) is not modelled"
            ));
        }
        self.hold(&Val::None);
        Ok(Val::None)
    }

    /// `__class__` read in a method: the class whose body defines it (its cell).
    pub(super) fn class_cell(&self, frame: Frame) -> Outcome<Val> {
        let (owner, _) = self.method_context(frame, "`__class__`")?;
        Ok(Val::Class(owner))
    }
}
