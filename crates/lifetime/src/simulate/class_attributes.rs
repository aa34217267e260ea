//! Class attributes as the classes' dicts hold them while the program runs: `C.attr` and
//! `self.attr` look `attr` up through the class's MRO, where each class's dict is its body's
//! members (literals read from the source; what the class statement evaluated, and what the
//! program set later, held in `world.class_members` under `C.attr`) less what `del C.attr`
//! took out. `C.attr = v` and `del C.attr` replace or take out the dict's entry, letting go of
//! the old value then, as CPython's `type.__setattr__` does once the new one is in. A
//! classmethod gets the class it is looked up on (for an instance, its class), a staticmethod
//! or a plain function read through the class the function itself, and a function held as a
//! class attribute read through an instance binds it.

use pysource::{Class, Function, MemberKind};

use crate::world::{referents, Val};

use super::properties::is_property_call;
use super::{is_container_method, literal_text, literal_value, Outcome, Run, Stop, BUILTIN_EXCEPTIONS};

/// What looking `attr` up on a class finds.
pub(super) enum ClassLookup<'m> {
    /// A value a class's dict holds: a literal its body binds, or an object the class holds.
    Value(Val),
    /// A method the body of `owner` defines.
    Method {
        owner: String,
        function: &'m Function,
    },
    /// A property the body of `owner` defines.
    Property {
        owner: String,
    },
    /// A body binding the model did not evaluate: the attribute's qualified name and text.
    Unevaluated(String, String),
    /// The class derives from a base the program does not define (`Enum`, `NamedTuple`, ...),
    /// whose machinery may replace its body's bindings: that base, as written.
    Foreign(String),
    Missing,
}

impl<'m> Run<'m> {
    /// `qualname` is a method (`Class.name`) one of the program's classes defines without a
    /// decorator.
    pub(super) fn plain_method(&self, qualname: &str) -> bool {
        qualname.split_once('.').is_some_and(|(class, method)| {
            self.module.class(class).and_then(|class| plain_method_of(class, method)).is_some()
        })
    }

    /// `attr` looked up on `class` through its MRO, as the program left the classes' dicts.
    pub(super) fn class_lookup(&self, class: &str, attr: &str) -> ClassLookup<'m> {
        match self.dict_lookup(class, attr) {
            found @ (ClassLookup::Value(_) | ClassLookup::Unevaluated(..)) => match self.foreign_base(class) {
                Some(base) => ClassLookup::Foreign(base),
                None => found,
            },
            found => found,
        }
    }

    /// A base of `class` (or of a class of its MRO) the program does not define, but `object`,
    /// `ABC` and the built-in exceptions, whose machinery leaves the body's bindings as they are.
    pub(super) fn foreign_base(&self, class: &str) -> Option<String> {
        let module = self.module;
        let chain = module.mro(module.class(class)?);
        let base = chain.iter().flat_map(|owner| owner.base_names()).find(|base| {
            module.class(base).is_none()
                && !matches!(*base, "object" | "ABC" | "abc.ABC")
                && !BUILTIN_EXCEPTIONS.iter().any(|(name, _)| name == base)
        });
        base.map(str::to_owned)
    }

    /// [`Run::class_lookup`] in the classes' dicts alone.
    fn dict_lookup(&self, class: &str, attr: &str) -> ClassLookup<'m> {
        let module = self.module;
        let Some(model) = module.class(class) else { return ClassLookup::Missing };
        module.mro(model).into_iter().find_map(|owner| self.own_lookup(owner, attr)).unwrap_or(ClassLookup::Missing)
    }

    /// `attr` in the dict of `owner` alone, as the program left it; None where it has none.
    pub(super) fn own_lookup(&self, owner: &'m Class, attr: &str) -> Option<ClassLookup<'m>> {
        let qualname = format!("{}.{attr}", owner.name);
        let member = owner.members.iter().find(|m| m.name == attr);
        match member.map(|m| &m.kind) {
            Some(MemberKind::Method(function)) => {
                return Some(ClassLookup::Method { owner: owner.name.clone(), function });
            }
            Some(MemberKind::Property { .. }) => return Some(ClassLookup::Property { owner: owner.name.clone() }),
            _ => {}
        }
        if let Some((_, value)) = self.world.class_members.iter().find(|(q, _)| *q == qualname) {
            return Some(ClassLookup::Value(value.clone()));
        }
        if self.deleted_class_attributes.contains(&qualname) {
            return None;
        }
        let Some(MemberKind::Attribute(attribute)) = member.map(|m| &m.kind) else { return None };
        if is_property_call(attribute) {
            return Some(ClassLookup::Property { owner: owner.name.clone() });
        }
        let text = attribute.class_value.as_ref()?;
        Some(match literal_text(text) {
            Some(literal) => match literal_value(&literal) {
                Ok(value) => ClassLookup::Value(value),
                Err(_) => ClassLookup::Unevaluated(qualname, text.clone()),
            },
            None => ClassLookup::Unevaluated(qualname, text.clone()),
        })
    }

    /// `C.attr`, for one of the program's classes: its value comes back held as a temporary.
    pub(super) fn class_attribute(&mut self, class: &str, attr: &str) -> Outcome<Val> {
        let value = match self.class_lookup(class, attr) {
            ClassLookup::Value(value) => {
                self.no_descriptor(&value, class, attr)?;
                value
            }
            ClassLookup::Method { owner, function } => {
                let qualname = format!("{owner}.{attr}");
                if self.world.class_members.iter().any(|(q, _)| *q == qualname) {
                    return Err(not_modelled!(
                        "the decorated method `{qualname}` read through the class is not modelled"
                    ));
                }
                match method_kind(function) {
                    Some("classmethod") => Val::ClassBound(class.to_owned(), qualname),
                    // A staticmethod, or a plain function: the function itself.
                    _ => Val::Func(qualname),
                }
            }
            ClassLookup::Property { owner } => {
                return Err(not_modelled!(
                    "the property object `{owner}.{attr}` read through the class is not modelled"
                ))
            }
            ClassLookup::Unevaluated(qualname, text) => {
                return Err(not_modelled!("the class attribute `{qualname} = {text}` is not modelled"))
            }
            ClassLookup::Foreign(base) => {
                return Err(not_modelled!("`{class}.{attr}` of a class derived from `{base}` is not modelled"))
            }
            ClassLookup::Missing if attr.starts_with("__") => {
                return Err(not_modelled!("`.{attr}` of the class `{class}` is not modelled"))
            }
            ClassLookup::Missing => {
                return Err(not_modelled!(
                    "`{class}.{attr}`, which the class does not have (an AttributeError), is not modelled"
                ))
            }
        };
        self.hold(&value);
        Ok(value)
    }

    /// `obj.attr` found on the class of the instance `obj` (which has no attribute of its own by
    /// that name); a property runs its getter. The value comes back held as a temporary.
    pub(super) fn instance_class_attribute(&mut self, obj: usize, attr: &str) -> Outcome<Val> {
        let class = self.world.objs[obj].class.clone();
        let value = match self.class_lookup(&class, attr) {
            ClassLookup::Value(value) => {
                self.no_descriptor(&value, &class, attr)?;
                match value {
                    // A function is a descriptor: read through an instance, it is bound to it.
                    Val::Func(name) if bound_name_is_plain(&name) => Val::Bound(obj, name),
                    function if self.closure_of(&function).is_some() || self.is_helper(&function) => {
                        return Err(not_modelled!(
                            "the function object `{class}.{attr}` read through an instance (a bound method holding it) is not modelled"
                        ))
                    }
                    Val::Func(name) => {
                        return Err(not_modelled!("the function `{name}` bound to an instance is not modelled"))
                    }
                    other => other,
                }
            }
            ClassLookup::Method { owner, function } => match method_kind(function) {
                // CPython passes the instance's class, and lets go of the instance once it has
                // loaded the method.
                Some("classmethod") => Val::ClassBound(class.clone(), format!("{owner}.{attr}")),
                Some("staticmethod") => Val::Func(format!("{owner}.{attr}")),
                _ => Val::Bound(obj, format!("{owner}.{attr}")),
            },
            ClassLookup::Property { owner } => return self.property_load(obj, &owner, attr),
            ClassLookup::Unevaluated(qualname, _) => {
                return Err(not_modelled!("the class attribute `{qualname}` that is not a literal is not modelled"))
            }
            ClassLookup::Foreign(base) => {
                return Err(not_modelled!("`.{attr}` of a `{class}`, derived from `{base}`, is not modelled"))
            }
            ClassLookup::Missing => return Err(self.missing_attribute(obj, &class, attr)),
        };
        self.hold(&value);
        Ok(value)
    }

    /// `obj.attr` found neither in the instance's dict nor on its class: CPython raises
    /// AttributeError holding the instance and the name. Declined where something else could
    /// answer (`__getattr__`, slots), for a dunder or mangled name, and beyond the program's classes.
    fn missing_attribute(&mut self, obj: usize, class: &str, attr: &str) -> Stop {
        let message = format!("'{class}' object has no attribute '{attr}'");
        if !self.plain_instance_dict(obj, class, attr) {
            return not_modelled!(
                "`.{attr}`, which a `{class}` does not have (an AttributeError the model does not raise here), is not modelled"
            );
        }
        let raised = self.new_exception("AttributeError", vec![Val::Str(message)]).and_then(|exception| {
            if let Some(state) = self.world.objs[exception].exception.as_mut() {
                state.missing = Some((Val::Obj(obj), attr.to_owned()));
            }
            self.raise(exception).map(|_| exception)
        });
        match raised {
            Ok(exception) => Stop::Raised(exception),
            Err(stop) => stop,
        }
    }

    /// Whether `obj.attr`, which neither the instance's dict nor its class's MRO holds, is only
    /// that: an instance of the program's class, which no `__getattr__`, `__getattribute__` or
    /// slots answer, and a name that is neither a dunder nor mangled (which every object, or the
    /// compiler, may answer otherwise), nor one `ABCMeta` sets on a class deriving from `ABC`
    /// (`_abc_impl`).
    pub(super) fn plain_instance_dict(&self, obj: usize, class: &str, attr: &str) -> bool {
        self.module.class(class).is_some()
            && self.foreign_base(class).is_none()
            && !attr.starts_with("__")
            && (!attr.starts_with("_abc") || self.only_program_classes(class))
            && class.len() <= 50
            && !self.defines(class, &["__getattr__", "__getattribute__", "__slots__"])
            && !self.dataclass_of(&Val::Obj(obj)).is_some_and(|c| c.slots)
    }

    /// An instance of a class with `__get__`, `__set__` or `__delete__` is a descriptor: read
    /// from a class it runs code the model does not follow.
    pub(super) fn no_descriptor(&self, value: &Val, class: &str, attr: &str) -> Outcome<()> {
        let Val::Obj(obj) = value else { return Ok(()) };
        let object = &self.world.objs[*obj];
        if object.items.is_none() && self.defines(&object.class, &["__get__", "__set__", "__delete__"]) {
            return Err(not_modelled!(
                "the descriptor `{class}.{attr}` (a `{}` with __get__, __set__ or __delete__) is not modelled",
                object.class
            ));
        }
        Ok(())
    }

    /// `C.attr = value` (`delete` None) or `del C.attr`: the class's dict takes the new value,
    /// then lets go of the old one.
    pub(super) fn store_class_attribute(&mut self, class: &str, attr: &str, value: Option<Val>) -> Outcome<()> {
        let qualname = format!("{class}.{attr}");
        let action = if value.is_some() { "setting" } else { "deleting" };
        let declined =
            |why: &str| Err(not_modelled!("{action} the class attribute `{qualname}` ({why}) is not modelled"));
        if attr.starts_with("__") && attr.ends_with("__") {
            return declined("a special name");
        }
        if self.redefined.iter().any(|c| c == class) {
            return declined("the class is defined more than once");
        }
        if self.defines(class, &["__slots__"]) {
            return declined("its class or a base has `__slots__`");
        }
        if let Some(base) = self.foreign_base(class) {
            return declined(&format!("the class derives from `{base}`"));
        }
        if self.dataclasses.iter().any(|d| d.name == class || self.in_mro(&d.name, class)) {
            return declined("a dataclass reads its defaults from its class");
        }
        if self.unnamed_classes.iter().any(|c| c == class) && value.as_ref().and_then(referents).is_some() {
            return declined("the module's name for the class was bound to something else");
        }
        let member = self.module.class(class).and_then(|c| c.members.iter().find(|m| m.name == attr));
        if member.is_some_and(|m| !matches!(m.kind, MemberKind::Attribute(_))) {
            return declined("the class body defines it as a method or property");
        }
        let in_body = member.is_some_and(|m| matches!(&m.kind, MemberKind::Attribute(a) if a.class_value.is_some()));
        let held = self.world.class_members.iter().position(|(q, _)| *q == qualname);
        let present = held.is_some() || (in_body && !self.deleted_class_attributes.contains(&qualname));
        let old = match value {
            Some(value) => {
                self.deleted_class_attributes.retain(|q| *q != qualname);
                match held {
                    Some(index) => Some(std::mem::replace(&mut self.world.class_members[index].1, value)),
                    None => {
                        self.world.class_members.push((qualname.clone(), value));
                        None
                    }
                }
            }
            None if !present => return declined("the class's dict has no such entry: an AttributeError"),
            None => {
                if in_body {
                    self.deleted_class_attributes.push(qualname.clone());
                }
                held.map(|index| self.world.class_members.remove(index).1)
            }
        };
        match old {
            Some(old) => self.released(&old),
            None => Ok(()),
        }
    }

    /// The module's name of the class statement's `class` is bound to something else: the
    /// class then lives only while something else refers to it (an instance, a subclass, a
    /// name), which the model does not follow, and the collector frees what its dict holds
    /// once it finds the class unreachable. Declined when its dict holds an object.
    pub(super) fn class_name_rebound(&mut self, class: &str) -> Outcome<()> {
        if self.module.class(class).is_none() {
            return Ok(());
        }
        let prefix = format!("{class}.");
        let held = self.world.class_members.iter().find(|(q, v)| q.starts_with(&prefix) && referents(v).is_some());
        if let Some((qualname, _)) = held {
            return Err(not_modelled!(
                "binding `{class}` to something else while the class attribute `{qualname}` holds an object (the class may then be collected) is not modelled"
            ));
        }
        self.unnamed_classes.push(class.to_owned());
        Ok(())
    }

    /// The code a class statement runs besides its body's bindings, which the model does not
    /// follow: a metaclass of the program's that defines anything (its `__new__`, `__init__`,
    /// `__setattr__`, ...) and a base's `__init_subclass__`.
    pub(super) fn class_statement_hooks(&self, class: &str) -> Outcome<()> {
        let Some(model) = self.module.class(class) else { return Ok(()) };
        for owner in self.module.mro(model) {
            let meta = owner.metaclass.as_deref().and_then(|m| self.module.class(m));
            if let Some(meta) = meta.filter(|m| !self.module.members_of(m).is_empty()) {
                return Err(not_modelled!(
                    "the class `{class}`, whose metaclass `{}` defines members of its own, is not modelled",
                    meta.name
                ));
            }
            if owner.name != class && owner.members.iter().any(|m| m.name == "__init_subclass__") {
                return Err(not_modelled!(
                    "the class `{class}`, whose base `{}` defines __init_subclass__ (the class statement calls it), is not modelled",
                    owner.name
                ));
            }
        }
        Ok(())
    }

    /// Setting (or deleting) an attribute of an instance whose class defines `__setattr__`
    /// (or `__delattr__`), which runs instead, or whose class holds an object with `__set__` or
    /// `__delete__` by that name, whose code runs or which raises instead of the instance's dict
    /// taking the value (a property's is `properties.rs`).
    pub(super) fn no_setattr_hook(&self, base: &Val, attr: &str, deleting: bool) -> Outcome<()> {
        let Val::Obj(obj) = base else { return Ok(()) };
        let object = &self.world.objs[*obj];
        let hook = if deleting { "__delattr__" } else { "__setattr__" };
        if object.items.is_none() && self.defines(&object.class, &[hook]) {
            return Err(not_modelled!(
                "`.{attr}` of a `{}`, whose class defines {hook}, is not modelled",
                object.class
            ));
        }
        if object.items.is_some() || object.exception.is_some() || self.module.class(&object.class).is_none() {
            return Ok(());
        }
        let action = if deleting { "deleting" } else { "setting" };
        match self.class_lookup(&object.class, attr) {
            ClassLookup::Value(Val::Obj(descriptor))
                if self.world.objs[descriptor].items.is_none()
                    && self.defines(&self.world.objs[descriptor].class, &["__set__", "__delete__"]) =>
            {
                Err(not_modelled!(
                    "{action} `.{attr}` of a `{}`, whose class holds a data descriptor by that name, is not modelled",
                    object.class
                ))
            }
            _ => Ok(()),
        }
    }

    /// Whether every class in the MRO of `class` is the program's (or `object`), and none has
    /// a metaclass: the real MRO is then the model's, and nothing else answers a lookup.
    pub(super) fn only_program_classes(&self, class: &str) -> bool {
        let module = self.module;
        module.class(class).is_some_and(|model| {
            module.mro(model).iter().all(|owner| {
                owner.metaclass.is_none()
                    && owner.base_names().all(|base| base == "object" || module.class(base).is_some())
            })
        })
    }

    /// Whether `base` is in the MRO of `class`.
    fn in_mro(&self, class: &str, base: &str) -> bool {
        self.module.class(class).is_some_and(|c| self.module.mro(c).iter().any(|k| k.name == base))
    }
}

/// `classmethod` or `staticmethod` where a method is decorated with one of them; None for a
/// method the class holds as a function (any decorator of the program's returned it, or the
/// class holds what it returned in `world.class_members`, which callers look at first).
pub(super) fn method_kind(function: &Function) -> Option<&str> {
    function.decorators.iter().find(|d| matches!(d.as_str(), "classmethod" | "staticmethod")).map(String::as_str)
}

/// Whether a function's qualified name, as the method name of a [`Val::Bound`], cannot be
/// taken for a built-in container's or weak dictionary's method (which the model names by
/// their class: `list.append`, `WeakValueDictionary.get`).
fn bound_name_is_plain(name: &str) -> bool {
    !is_container_method(name) && !name.starts_with("Weak")
}

/// The method `name` the body of `class` defines without a decorator.
pub(super) fn plain_method_of<'c>(class: &'c Class, name: &str) -> Option<&'c Function> {
    class.members.iter().find_map(|member| match &member.kind {
        MemberKind::Method(function) if member.name == name && function.decorators.is_empty() => Some(function),
        _ => None,
    })
}
