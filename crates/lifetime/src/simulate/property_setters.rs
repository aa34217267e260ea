//! Setting and deleting a property through an instance. `obj.x = v` finds the property `x` in
//! the MRO of the instance's class before the instance's dict, and `property.__set__` calls its
//! setter with `(obj, v)` as a function call (a frame holding both, let go of as any frame's
//! locals), then lets go of what the setter returned; `del obj.x` calls the deleter with `obj`.
//! A property without one raises AttributeError, "property 'x' of 'C' object has no setter" (or
//! "deleter"), worded alike from 3.11 to 3.14 and holding neither the instance nor the name.
//!
//! A setter and a deleter share the getter's qualified name (`C.x`), which is what tracebacks and
//! reprs show; the model keys their bodies apart (`C.x#setter`, `C.x#deleter`). What it does not
//! follow is declined at the class statement: a setter or deleter bound under another name than
//! its property's (which makes a second property), one of a base's property (`@Base.x.setter`)
//! or with other decorators, a name the class body defines more than once, and functions defined
//! in a property's getter, setter or deleter (their qualified names collide). So is a property
//! set or deleted on an exception or a frozen dataclass's instance (a dataclass's instance
//! otherwise runs it as any instance does).

use pysource::{Accessor, Class, Function, FunctionBody, MemberKind};

use crate::world::Val;

use super::class_attributes::ClassLookup;
use super::{public_qualname, throw, Outcome, Run, Stop, KEY_MARK};

/// What the model's key of an accessor's body adds to its qualified name.
fn key_suffix(accessor: Accessor) -> &'static str {
    match accessor {
        Accessor::Setter => "setter",
        Accessor::Deleter => "deleter",
    }
}

/// The function a member, a property, runs as its setter or deleter.
fn accessor_function(kind: &MemberKind, accessor: Accessor) -> Option<&Function> {
    let MemberKind::Property { setter, deleter, .. } = kind else { return None };
    match accessor {
        Accessor::Setter => setter,
        Accessor::Deleter => deleter,
    }
    .as_deref()
}

/// Keys the bodies of properties' setters and deleters apart from their getters'.
pub(super) fn key_accessors(bodies: &mut [FunctionBody]) {
    for body in bodies {
        if let Some(accessor) = body.accessor {
            body.qualname = format!("{}{KEY_MARK}{}", body.qualname, key_suffix(accessor));
        }
    }
}

impl Run<'_> {
    /// `obj.attr = value`, or with `value` None `del obj.attr`, where the class of `obj` finds a
    /// property `attr` in its MRO: runs its setter or deleter, or raises CPython's AttributeError
    /// where it has none. False where the class has no such property (the instance's dict, or a
    /// class attribute, answers).
    pub(super) fn property_store(&mut self, base: &Val, attr: &str, value: Option<&Val>) -> Outcome<bool> {
        let Val::Obj(obj) = base else { return Ok(false) };
        let object = &self.world.objs[*obj];
        if object.items.is_some() || object.weak.is_some() || self.module.class(&object.class).is_none() {
            return Ok(false);
        }
        let class = object.class.clone();
        let ClassLookup::Property { owner } = self.class_lookup(&class, attr) else { return Ok(false) };
        let (action, accessor) = match value {
            Some(_) => ("setting", Accessor::Setter),
            None => ("deleting", Accessor::Deleter),
        };
        let qualname = format!("{owner}.{attr}");
        if self.world.objs[*obj].exception.is_some() {
            return Err(not_modelled!("{action} the property `{qualname}` of an exception is not modelled"));
        }
        if self.frozen_instance(base) {
            // Its `__setattr__` raises FrozenInstanceError before any property is asked, but
            // `object.__setattr__` in its `__post_init__` reaches the property.
            return Err(not_modelled!(
                "{action} the property `{qualname}` of a frozen dataclass's instance is not modelled"
            ));
        }
        if let Some(foreign) = self.foreign_base(&class) {
            return Err(not_modelled!(
                "{action} the property `{qualname}` of a `{class}`, derived from `{foreign}`, is not modelled"
            ));
        }
        let member = self.module.class(&owner).and_then(|c| c.members.iter().find(|m| m.name == attr));
        let Some(kind) = member.map(|m| &m.kind) else {
            return Err(not_modelled!("{action} the property `{qualname}` is not modelled"));
        };
        if accessor_function(kind, accessor).is_none() {
            let message = format!(
                "property {} of {} object has no {}",
                pysource::str_repr(attr),
                pysource::str_repr(&class),
                key_suffix(accessor)
            );
            return Err(throw("AttributeError", &message));
        }
        let key = format!("{qualname}{KEY_MARK}{}", key_suffix(accessor));
        let args = std::iter::once(base.clone()).chain(value.cloned()).collect();
        let returned = self.run_body(&key, args)?;
        self.drop_temporary(&returned)?;
        Ok(true)
    }

    /// The class statement of `class`, whose properties' setters and deleters the model runs as
    /// they are bound: declined where its body binds them otherwise, or defines a method's name
    /// more than once (the model keys one body per name).
    pub(super) fn accessors_followed(&self, class: &Class) -> Outcome<()> {
        for member in &class.members {
            let MemberKind::Property { setter, deleter, .. } = &member.kind else { continue };
            let qualname = format!("{}.{}", class.name, member.name);
            for accessor in [Accessor::Setter, Accessor::Deleter] {
                let Some(function) = accessor_function(&member.kind, accessor) else { continue };
                let role = key_suffix(accessor);
                if function.name != member.name {
                    return Err(not_modelled!(
                        "the {role} of the property `{qualname}` defined as `{}` (which binds a second property to that name) is not modelled",
                        function.name
                    ));
                }
                if function.decorators.len() > 1 {
                    return Err(not_modelled!(
                        "the {role} of the property `{qualname}` with other decorators is not modelled"
                    ));
                }
            }
            if setter.is_some() || deleter.is_some() {
                let nested = format!("{qualname}.<locals>.");
                let keys = self.bodies.iter().map(|b| &b.qualname).chain(self.lambdas.iter().map(|(_, key)| key));
                if keys.into_iter().any(|key| key.starts_with(&nested)) {
                    return Err(not_modelled!(
                        "a function defined in the getter, setter or deleter of the property `{qualname}` (which share its qualified name) is not modelled"
                    ));
                }
            }
        }
        let prefix = format!("{}.", class.name);
        let methods = self.bodies.iter().filter(|b| b.qualname.strip_prefix(&prefix).is_some_and(|n| !n.contains('.')));
        for body in methods {
            let qualname = public_qualname(&body.qualname);
            if self.bodies.iter().filter(|b| b.qualname == body.qualname).count() > 1 {
                let what = body.accessor.map_or("method", key_suffix);
                return Err(not_modelled!(
                    "the {what} `{qualname}` defined more than once in its class body is not modelled"
                ));
            }
            let Some(accessor) = body.accessor else { continue };
            let name = &qualname[prefix.len()..];
            let member = class.members.iter().find(|m| m.name == name);
            let bound = member.and_then(|m| accessor_function(&m.kind, accessor)).is_some_and(|f| f.name == name);
            if !bound {
                return Err(not_modelled!(
                    "`{qualname}`, a {} of a property its class body does not define by that name, is not modelled",
                    key_suffix(accessor)
                ));
            }
        }
        Ok(())
    }
}
