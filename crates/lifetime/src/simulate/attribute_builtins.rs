//! `getattr(obj, name)`, `getattr(obj, name, default)`, `hasattr(obj, name)` and
//! `setattr(obj, name, value)`: the model's own attribute lookup and store, as `obj.name` and
//! `obj.name = value` do them (C functions add no frame to a traceback).
//!
//! `getattr` without a default is `PyObject_GetAttr`: a missing attribute raises the
//! AttributeError `obj.name` raises, holding the instance (`.obj`) and the name. With a default,
//! and `hasattr`, CPython asks without making that exception where it can
//! (`_PyObject_LookupAttr`, `PyObject_GetOptionalAttr` from 3.13): an instance of a class with
//! the generic lookup makes none in any version, so nothing is kept; a class (`type_getattro`)
//! makes one on 3.11 that holds no object and is cleared at once, and none from 3.12. That
//! allocation, like a bound method's, matters only to CPython's automatic collection, so both
//! are checked against garbage waiting for it. A property's getter that raises under them
//! (CPython clears an AttributeError, keeping nothing of its frames only then) is declined, and
//! so are names CPython or the compiler may answer otherwise (dunders, mangled names).

use crate::world::Val;

use super::class_attributes::ClassLookup;
use super::{Outcome, Run, Stop};

impl Run<'_> {
    /// `getattr`, `hasattr` or `setattr` (`builtin`) called with `args`; the result is not held.
    pub(super) fn attribute_builtin(&mut self, builtin: &str, args: &[Val]) -> Outcome<Val> {
        let (base, name, rest) = match args {
            [base, name @ Val::Str(text), rest @ ..] => {
                super::addresses::unread(name, &format!("{builtin}() with"))?;
                (base, text.as_str(), rest)
            }
            [_, name, ..] => {
                return Err(not_modelled!("{builtin}() with the name {} is not modelled", self.kind_name(name)))
            }
            _ => return Err(not_modelled!("{builtin}() with {} arguments (TypeError) is not modelled", args.len())),
        };
        if name.contains("__") {
            return Err(not_modelled!(
                "{builtin}() of `{name}` (a special or mangled name, which the object or the compiler may answer) is not modelled"
            ));
        }
        match (builtin, rest) {
            ("getattr", []) => {
                let value = self.attribute(base, name)?;
                self.bound_method_made(&value)?;
                self.unhold(&value);
                Ok(value)
            }
            ("getattr", [default]) => match self.looked_up(builtin, base, name)? {
                Some(value) => {
                    self.unhold(&value);
                    Ok(value)
                }
                None => Ok(default.clone()),
            },
            ("hasattr", []) => {
                let found = self.looked_up(builtin, base, name)?;
                if let Some(value) = &found {
                    self.drop_temporary(value)?;
                }
                Ok(Val::Bool(found.is_some()))
            }
            ("setattr", [value]) => {
                self.set_attribute(base, name, value.clone())?;
                Ok(Val::None)
            }
            _ => Err(not_modelled!("{builtin}() with {} arguments (TypeError) is not modelled", args.len())),
        }
    }

    /// `name` of `base` looked up without raising for a missing attribute: None then; else its
    /// value, held as a temporary.
    fn looked_up(&mut self, builtin: &str, base: &Val, name: &str) -> Outcome<Option<Val>> {
        if let Val::Obj(obj) = base {
            let class = &self.world.objs[*obj].class;
            if self.world.objs[*obj].items.is_none() && self.defines(class, &["__getattr__"]) {
                return Err(not_modelled!(
                    "{builtin}() on a `{class}`, whose class defines __getattr__ (its AttributeError is made and cleared), is not modelled"
                ));
            }
        }
        if self.lacks_attribute(base, name)? {
            if matches!(base, Val::Class(_)) && self.minor < 12 {
                // type_getattro makes the AttributeError that the lookup then clears.
                self.no_waiting_garbage()?;
            }
            return Ok(None);
        }
        match self.attribute(base, name) {
            Ok(value) => {
                self.bound_method_made(&value)?;
                Ok(Some(value))
            }
            Err(Stop::NotModelled(reason)) => Err(Stop::NotModelled(reason)),
            Err(_) => Err(not_modelled!(
                "an exception raised while {builtin}() looks up `.{name}` (a property's getter) is not modelled"
            )),
        }
    }

    /// A bound method object was made for `value`: an allocation CPython's automatic
    /// collection may follow.
    fn bound_method_made(&self, value: &Val) -> Outcome<()> {
        if matches!(value, Val::Bound(..)) {
            self.no_waiting_garbage()?;
        }
        Ok(())
    }

    /// Whether `name` is surely missing on `base` where `base.name` would raise the
    /// AttributeError the model makes: an instance of the program's classes that nothing but
    /// its dict and its classes answer (see [`Run::plain_instance_dict`]), or one of the program's
    /// classes whose bases and metaclass are all the program's. False where the lookup may find
    /// it, or decline.
    fn lacks_attribute(&self, base: &Val, name: &str) -> Outcome<bool> {
        match base {
            Val::Obj(obj) => {
                let object = &self.world.objs[*obj];
                let special = object.items.is_some()
                    || object.exception.is_some()
                    || object.weak.is_some()
                    || self.weak_dict(base).is_some()
                    || self.generator_of(base).is_some()
                    || self.closure_of(base).is_some()
                    || self.decorated_member(base, name).is_some();
                if special || object.attrs.iter().any(|(n, _)| n == name) || self.class_default(*obj, name)?.is_some() {
                    return Ok(false);
                }
                let class = object.class.clone();
                Ok(matches!(self.class_lookup(&class, name), ClassLookup::Missing)
                    && self.plain_instance_dict(*obj, &class, name))
            }
            Val::Class(class) => Ok(self.module.class(class).is_some()
                && self.only_program_classes(class)
                && name != "mro"
                && matches!(self.class_lookup(class, name), ClassLookup::Missing)),
            _ => Ok(false),
        }
    }
}
