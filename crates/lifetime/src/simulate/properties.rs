//! Properties read, set and deleted through an instance. `obj.x` finds the property `x` in the
//! MRO of the instance's class before the instance's dict and calls its getter with `obj`;
//! `obj.x = v` calls its setter with `(obj, v)` as a function call (a frame holding both, let go
//! of as any frame's locals), then lets go of what the setter returned; `del obj.x` calls the
//! deleter with `obj`. A property without one raises AttributeError, "property 'x' of 'C' object
//! has no setter" (or "getter", "deleter"), named by the name the class bound it to, worded
//! alike from 3.11 to 3.14 and holding neither the instance nor the name.
//!
//! A class body makes a property in two ways the model follows. A `@property` def, whose
//! `@x.setter` and `@x.deleter` defs under the name `x` share the getter's qualified name
//! (`C.x`), which is what tracebacks and reprs show: the model keys their bodies apart
//! (`C.x#setter`, `C.x#deleter`). One under another name (`@x.setter def set_x`) binds a copy
//! of `x` with it to `set_x` and leaves `x` as it was (pysource's members say so). And
//! `x = property(fget, fset, fdel, doc)` of methods its body defined before, which stay methods
//! too. What the model does not follow is declined at the class statement: an accessor of a
//! base's property (`@Base.x.setter`) or with other decorators, a name the class body defines
//! more than once, functions defined in accessors that share a qualified name (theirs collide),
//! and a `property(...)` of anything but the body's plain methods, None and a docstring. So is a
//! property set or deleted on an exception. A dataclass's instance runs it as any instance does,
//! except that a frozen one's `__setattr__` raises FrozenInstanceError first (`object.__setattr__`
//! reaches the property).

use pysource::{Accessor, Attribute, Class, Expression, Function, FunctionBody, Literal, MemberKind, StatementKind};

use crate::world::Val;

use super::class_attributes::{plain_method_of, ClassLookup};
use super::{public_qualname, throw, Outcome, Run, Stop, KEY_MARK};

/// The roles of a property's functions, in `property()`'s order of parameters.
const ROLES: [&str; 3] = ["getter", "setter", "deleter"];

/// What the model's key of an accessor's body adds to its qualified name.
fn key_suffix(accessor: Accessor) -> &'static str {
    match accessor {
        Accessor::Setter => "setter",
        Accessor::Deleter => "deleter",
    }
}

/// The model's key of the body of `function`, defined in the class body of `owner`.
fn body_key(owner: &str, function: &Function) -> String {
    match function.accessor_decorator() {
        Some((_, accessor)) => format!("{owner}.{}{KEY_MARK}{}", function.name, key_suffix(accessor)),
        None => format!("{owner}.{}", function.name),
    }
}

/// Keys the bodies of properties' setters and deleters apart from their getters'.
pub(super) fn key_accessors(bodies: &mut [FunctionBody]) {
    for body in bodies {
        if let Some(accessor) = body.accessor {
            body.qualname = format!("{}{KEY_MARK}{}", body.qualname, key_suffix(accessor));
        }
    }
}

/// Whether the class body binds `attribute` to `property(...)`.
pub(super) fn is_property_call(attribute: &Attribute) -> bool {
    property_call(attribute).is_some()
}

/// `property(...)` as a class body binds it, if `attribute`'s value is that call: its arguments
/// by role (getter, setter, deleter, docstring), as written.
fn property_call(attribute: &Attribute) -> Option<Outcome<[Option<Expression>; 4]>> {
    let text = attribute.class_value.as_deref()?;
    let statements = pysource::statements(text).ok()?;
    let [statement] = statements.as_slice() else { return None };
    let StatementKind::Expr { value: Expression::Call { func, args, keywords } } = &statement.kind else {
        return None;
    };
    if !matches!(&**func, Expression::Name { id } if id == "property") {
        return None;
    }
    let mut slots: [Option<Expression>; 4] = Default::default();
    if args.len() > slots.len() {
        return Some(Err(not_modelled!("`property()` with more than four arguments (a TypeError) is not modelled")));
    }
    for (slot, arg) in slots.iter_mut().zip(args) {
        *slot = Some(arg.clone());
    }
    for (keyword, value) in keywords {
        let Some(index) = ["fget", "fset", "fdel", "doc"].iter().position(|k| k == keyword) else {
            return Some(Err(not_modelled!("`property()` with the keyword `{keyword}` (a TypeError) is not modelled")));
        };
        if slots[index].replace(value.clone()).is_some() {
            return Some(Err(not_modelled!("`property()` given `{keyword}` twice (a TypeError) is not modelled")));
        }
    }
    Some(Ok(slots))
}

/// The bodies a property runs, by the model's keys: None where it has no such function.
pub(super) struct PropertyBodies {
    by_role: [Option<String>; 3],
}

impl PropertyBodies {
    /// The body the property runs as `role` (an index of [`ROLES`]), or CPython's AttributeError
    /// where it has none.
    fn body(&self, role: usize, attr: &str, class: &str) -> Outcome<&str> {
        self.by_role[role].as_deref().ok_or_else(|| {
            let message = format!(
                "property {} of {} object has no {}",
                pysource::str_repr(attr),
                pysource::str_repr(class),
                ROLES[role]
            );
            throw("AttributeError", &message)
        })
    }
}

impl Run<'_> {
    /// The property the class body of `owner` binds to `attr`, which its class statement has
    /// checked the model follows; None where it binds none.
    pub(super) fn property_bodies(&self, owner: &str, attr: &str) -> Option<PropertyBodies> {
        let member = self.module.class(owner)?.members.iter().find(|m| m.name == attr)?;
        let by_role = match &member.kind {
            MemberKind::Property { getter, setter, deleter } => {
                [Some(getter), setter.as_deref(), deleter.as_deref()].map(|f| f.map(|f| body_key(owner, f)))
            }
            MemberKind::Attribute(attribute) => {
                let Ok(arguments) = property_call(attribute)? else { return None };
                let [getter, setter, deleter, _] = arguments;
                [getter, setter, deleter].map(|argument| match argument {
                    Some(Expression::Name { id }) => Some(format!("{owner}.{id}")),
                    _ => None,
                })
            }
            MemberKind::Method(_) => return None,
        };
        Some(PropertyBodies { by_role })
    }

    /// `obj.attr`, where the class of the instance `obj` finds the property `attr` in the body
    /// of `owner`: what its getter returns.
    pub(super) fn property_load(&mut self, obj: usize, owner: &str, attr: &str) -> Outcome<Val> {
        let class = self.world.objs[obj].class.clone();
        let bodies = self
            .property_bodies(owner, attr)
            .ok_or_else(|| not_modelled!("the property `{owner}.{attr}` is not modelled"))?;
        let key = bodies.body(0, attr, &class)?.to_owned();
        self.run_body(&key, vec![Val::Obj(obj)])
    }

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
        let (action, role) = match value {
            Some(_) => ("setting", 1),
            None => ("deleting", 2),
        };
        let qualname = format!("{owner}.{attr}");
        if self.world.objs[*obj].exception.is_some() {
            return Err(not_modelled!("{action} the property `{qualname}` of an exception is not modelled"));
        }
        if let Some(foreign) = self.foreign_base(&class) {
            return Err(not_modelled!(
                "{action} the property `{qualname}` of a `{class}`, derived from `{foreign}`, is not modelled"
            ));
        }
        let Some(bodies) = self.property_bodies(&owner, attr) else {
            return Err(not_modelled!("{action} the property `{qualname}` is not modelled"));
        };
        let key = bodies.body(role, attr, &class)?.to_owned();
        let args = std::iter::once(base.clone()).chain(value.cloned()).collect();
        let returned = self.run_body(&key, args)?;
        self.drop_temporary(&returned)?;
        Ok(true)
    }

    /// The class statement of `class`, whose properties the model runs as its body binds them:
    /// declined where it binds them otherwise, or defines a method's name more than once (the
    /// model keys one body per name).
    pub(super) fn properties_followed(&self, class: &Class) -> Outcome<()> {
        for member in &class.members {
            let qualname = format!("{}.{}", class.name, member.name);
            let functions = match &member.kind {
                MemberKind::Property { getter, setter, deleter } => {
                    [Some(getter), setter.as_deref(), deleter.as_deref()]
                }
                MemberKind::Attribute(attribute) => {
                    self.property_call_followed(class, &qualname, attribute)?;
                    continue;
                }
                MemberKind::Method(_) => continue,
            };
            for (role, function) in ROLES.iter().zip(functions).skip(1) {
                if function.is_some_and(|f| f.decorators.len() > 1) {
                    return Err(not_modelled!(
                        "the {role} of the property `{qualname}` with other decorators is not modelled"
                    ));
                }
            }
            let names: Vec<&str> = functions.iter().flatten().map(|f| f.name.as_str()).collect();
            for (index, name) in names.iter().enumerate() {
                let nested = format!("{}.{name}.<locals>.", class.name);
                let keys = self.bodies.iter().map(|b| &b.qualname).chain(self.lambdas.iter().map(|(_, key)| key));
                if names[..index].contains(name) && keys.into_iter().any(|key| key.starts_with(&nested)) {
                    return Err(not_modelled!(
                        "a function defined in the getter, setter or deleter of the property `{qualname}` (which share the qualified name `{}.{name}`) is not modelled",
                        class.name
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
            let bound = class.members.iter().any(|m| match &m.kind {
                MemberKind::Property { setter, deleter, .. } => {
                    let function = if accessor == Accessor::Setter { setter } else { deleter };
                    m.name == name && function.as_ref().is_some_and(|f| f.name == name)
                }
                _ => false,
            });
            if !bound {
                return Err(not_modelled!(
                    "`{qualname}`, a {} of a property its class body does not define by that name, is not modelled",
                    key_suffix(accessor)
                ));
            }
        }
        Ok(())
    }

    /// `name = property(fget, fset, fdel, doc)` in the class body of `class`: followed where each
    /// function is a plain method the body defined before (the model runs its body, keyed by
    /// its own name) or None, and the docstring a string or None.
    fn property_call_followed(&self, class: &Class, qualname: &str, attribute: &Attribute) -> Outcome<()> {
        let Some(arguments) = property_call(attribute) else { return Ok(()) };
        let [getter, setter, deleter, doc] = arguments?;
        if attribute.annotation.is_some() {
            return Err(not_modelled!("the annotated property `{qualname} = property(...)` is not modelled"));
        }
        let defined_before = |id: &str| plain_method_of(class, id).is_some_and(|f| f.line < attribute.line);
        for (role, argument) in ROLES.iter().zip([getter, setter, deleter]) {
            match argument {
                None | Some(Expression::Literal { literal: Literal::None }) => {}
                Some(Expression::Name { id }) if defined_before(&id) => {}
                Some(_) => {
                    return Err(not_modelled!(
                        "the {role} of the property `{qualname} = property(...)` other than a method its class body defined before, or None, is not modelled"
                    ))
                }
            }
        }
        match doc {
            None | Some(Expression::Literal { literal: Literal::None | Literal::Str(_) }) => Ok(()),
            Some(_) => Err(not_modelled!(
                "the docstring of the property `{qualname} = property(...)` other than a string is not modelled"
            )),
        }
    }
}
