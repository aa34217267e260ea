//! The reprs that show a memory address: an instance of the program's class without
//! `__repr__` (`<__main__.Node object at 0x…>`), a weak reference alive or dead, a
//! `weakref.finalize` alive or dead, a module function and a method bound to an instance. Each
//! address is written as [`ADDRESS_HOLE`] (see `crate::addresses`), wherever the repr goes:
//! `print`, `str()`, `repr()`, f-strings, `str.format`, a `__repr__` of the program's. A string
//! holding a hole can be printed, stored, passed, concatenated, joined and shown inside a
//! container's repr, all of which keep its text as it is; what would read its characters (its
//! length, an index, iteration, a comparison or a hash lookup, a method, `int()`, a format
//! spec's width) would need the address's digits and is declined ([`unread`]).
//! Declined too where the shape itself is uncertain: a class with a
//! metaclass, a decorator or a base the program does not define, one whose `__repr__`,
//! `__str__`, `__format__` or `__name__` is not a method the model runs, and weak references
//! and finalizers whose object is dying or being collected (whether CPython has cleared them
//! yet depends on the path it dies by).

use crate::addresses::ADDRESS_HOLE;
use crate::world::{Val, FRAME, TRACEBACK};

use super::generators::{GENERATOR, MANAGER};
use super::weak_methods::WEAK_METHOD;
use super::weakdicts::{WEAK_KEYS, WEAK_VALUES};
use super::{Outcome, Run, Stop};

/// Class names the model gives its own objects: a program class by one of these names is not
/// told apart from them.
const MODEL_CLASSES: [&str; 11] =
    ["function", "weakref", "list", "tuple", "dict", "set", GENERATOR, MANAGER, WEAK_VALUES, WEAK_KEYS, WEAK_METHOD];

const DECLINED: &str = "this repr (it shows a memory address) is not modelled";

impl Run<'_> {
    /// The repr of `value` with its addresses as holes, where its shape is certain.
    pub(super) fn address_repr(&self, value: &Val) -> Outcome<String> {
        match value {
            Val::Obj(obj) if self.world.objs[*obj].weak.is_some() => self.weak_reference_repr(*obj),
            Val::Obj(obj) => Ok(format!("<__main__.{} object at {ADDRESS_HOLE}>", self.plain_class(*obj)?)),
            Val::Fin(fin) => {
                let finalizer = &self.world.fins[*fin];
                if !finalizer.alive {
                    return Ok(format!("<finalize object at {ADDRESS_HOLE}; dead>"));
                }
                let owner = finalizer.owner;
                self.referent_settled(owner)?;
                let class = self.program_class(owner)?;
                Ok(format!("<finalize object at {ADDRESS_HOLE}; for '{class}' at {ADDRESS_HOLE}>"))
            }
            Val::Func(name) if is_identifier(name) && self.module.class(name).is_none() => {
                Ok(format!("<function {name} at {ADDRESS_HOLE}>"))
            }
            _ => Err(DECLINED.into()),
        }
    }

    /// `<bound method Node.close of <__main__.Node object at 0x…>>`: the method's qualified
    /// name (the class that defines it) and the instance's repr, which may run its `__repr__`.
    pub(super) fn bound_method_repr(&mut self, obj: usize, qualname: &str, depth: usize) -> Outcome<String> {
        if !self.plain_method(qualname) || self.world.objs[obj].items.is_some() {
            return Err(not_modelled!("the repr of the bound method `{qualname}` is not modelled"));
        }
        let instance = self.repr_running(&Val::Obj(obj), depth + 1)?;
        Ok(format!("<bound method {qualname} of {instance}>"))
    }

    /// `<weakref at 0x…; to 'Node' at 0x…>`, or `<weakref at 0x…; dead>` once its object died.
    fn weak_reference_repr(&self, reference: usize) -> Outcome<String> {
        let Some(weak) = &self.world.objs[reference].weak else { return Err(DECLINED.into()) };
        if weak.method.is_some() {
            return Err("the repr of a weakref.WeakMethod is not modelled".into());
        }
        if weak.entry_of.is_some() {
            return Err("the repr of a weak dictionary's entry is not modelled".into());
        }
        // CPython clears a dying object's weak references before it calls their callbacks,
        // whichever way the object dies; outside a collection the model clears them then too.
        let cleared = weak.cleared && !self.collecting && !self.tearing_down;
        if self.world.objs[weak.target].freed || cleared {
            return Ok(format!("<weakref at {ADDRESS_HOLE}; dead>"));
        }
        self.referent_settled(weak.target)?;
        if weak.cleared {
            return Err(DECLINED.into());
        }
        let class = self.program_class(weak.target)?;
        Ok(format!("<weakref at {ADDRESS_HOLE}; to '{class}' at {ADDRESS_HOLE}>"))
    }

    /// A weak reference's object is neither dying nor in a collection: CPython clears its weak
    /// references at a point of the object's end that depends on how it dies.
    fn referent_settled(&self, target: usize) -> Outcome<()> {
        let object = &self.world.objs[target];
        if object.dying || object.freed || self.collecting || self.tearing_down {
            return Err(not_modelled!(
                "the repr of a weak reference or finalizer of {} while it dies is not modelled",
                object.label
            ));
        }
        Ok(())
    }

    /// The class of an instance whose default repr shows `<__main__.Class object at 0x…>`: one
    /// of [`Self::program_class`] without a decorator (but a dataclass the model follows, made
    /// without a `__repr__`), defining no `__repr__`, `__format__`, `__module__` or
    /// `__qualname__`, and `__str__` only as a method (which `str` runs before it comes here).
    fn plain_class(&self, obj: usize) -> Outcome<String> {
        let class = self.program_class(obj)?;
        let decorated = self.program_mro(&class).unwrap_or_default().iter().any(|c| !c.decorators.is_empty());
        let unknown_decorator = decorated && self.dataclass_of(&Val::Obj(obj)).is_none();
        let str_not_method = self.defines(&class, &["__str__"]) && self.method_of(&class, "__str__").is_none();
        let names = ["__repr__", "__format__", "__module__", "__qualname__"];
        if unknown_decorator || str_not_method || self.defines(&class, &names) {
            return Err(self.unknown_repr(obj));
        }
        Ok(class)
    }

    /// The `__name__` of an instance's class, which weak references' and finalizers' reprs
    /// show: one of the program's classes, derived only from the program's classes, without a
    /// metaclass, defining no `__name__` or `__getattr__`, and not given another `__class__`.
    fn program_class(&self, obj: usize) -> Outcome<String> {
        let object = &self.world.objs[obj];
        let class = object.class.clone();
        let model_object = object.items.is_some()
            || object.exception.is_some()
            || object.weak.is_some()
            || object.attrs.iter().any(|(name, _)| name == "__class__")
            || MODEL_CLASSES.contains(&class.as_str())
            || class == FRAME
            || class == TRACEBACK;
        let certain = self.program_mro(&class).is_some_and(|mro| {
            mro.iter().all(|c| c.metaclass.is_none() && c.type_params.as_deref().unwrap_or_default().is_empty())
        });
        if model_object || !certain || self.defines(&class, &["__name__", "__getattr__", "__getattribute__"]) {
            return Err(self.unknown_repr(obj));
        }
        Ok(class)
    }

    /// `class`'s method resolution order, or None where a base is not one of the program's
    /// classes (nor `object`).
    fn program_mro(&self, class: &str) -> Option<Vec<&pysource::Class>> {
        let mro = self.module.mro(self.module.class(class)?);
        let known = mro.iter().flat_map(|c| c.base_names()).all(|b| b == "object" || self.module.class(b).is_some());
        known.then_some(mro)
    }

    fn unknown_repr(&self, obj: usize) -> Stop {
        not_modelled!("the repr of {}, which shows a memory address, is not modelled", self.world.objs[obj].label)
    }
}

/// `value` is no string that shows an address: `what` (an operation on strings) would read
/// the address's digits, which no model knows.
pub(super) fn unread(value: &Val, what: &str) -> Outcome<()> {
    match value {
        Val::Str(text) if text.contains(ADDRESS_HOLE) => {
            Err(not_modelled!("{what} a string that shows a memory address (from a default repr) is not modelled"))
        }
        _ => Ok(()),
    }
}

/// The repr of a string that shows addresses, each hole kept where it is: a hole stands for
/// `0x` and hex digits, which a repr leaves as they are, so it is read as a letter the text
/// does not hold, never as the private-use character that `str_repr` would escape.
pub(super) fn str_repr_keeping_holes(text: &str) -> Outcome<String> {
    let stand_in = ('a'..='z')
        .chain('A'..='Z')
        .find(|c| !text.contains(*c))
        .ok_or_else(|| not_modelled!("the repr of this string that shows a memory address is not modelled"))?;
    let read = text.replace(ADDRESS_HOLE, &stand_in.to_string());
    if let Some(c) = pysource::version_dependent_char(&read) {
        return Err(not_modelled!(
            "the repr of a str holding U+{:04X}, which some CPythons print in a repr and others escape, is not modelled",
            c as u32
        ));
    }
    Ok(pysource::str_repr(&read).replace(stand_in, &ADDRESS_HOLE.to_string()))
}

/// A plain name (a module function's qualified name), not a lambda's or a method's.
fn is_identifier(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_alphanumeric() || c == '_')
}
