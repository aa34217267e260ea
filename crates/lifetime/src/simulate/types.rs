//! `type(x)` and the type objects it gives: a class of the module (`Val::Class`), a built-in
//! exception class, or a built-in type (`Val::Builtin`, which names the types the program can
//! spell and those it reaches only through `type()`: `NoneType`, `float`, `generator`,
//! `function`, `list_iterator`, `tuple_iterator`, the iterators `reversed()` makes, `weakref.ReferenceType`). Type objects live as long as the interpreter and hold nothing the model
//! follows, so `type(x)` changes no reference count the model keeps. Their `__name__`,
//! `__qualname__`, repr, `is` and `==` are followed.

use crate::world::Val;

use super::{dataclasses, generators, Outcome, Run, Stop, BUILTIN_EXCEPTIONS};

/// The type of `weakref.ref(x)`, by the dotted name its repr shows (its `__name__` is the last
/// part).
const REFERENCE_TYPE: &str = "weakref.ReferenceType";

/// The built-in functions among `Val::Builtin`s; the others are types.
const BUILTIN_FUNCTIONS: [&str; 16] = [
    "len",
    "repr",
    "isinstance",
    "sorted",
    "next",
    "iter",
    "getattr",
    "hasattr",
    "setattr",
    "min",
    "max",
    "sum",
    "any",
    "all",
    "abs",
    "divmod",
];

impl Run<'_> {
    /// `type(value)`: the type object of what the model knows the class of; declined, naming
    /// it, for anything else.
    pub(super) fn type_of(&self, value: &Val) -> Outcome<Val> {
        Ok(match value {
            Val::None => Val::Builtin("NoneType"),
            Val::Bool(_) => Val::Builtin("bool"),
            Val::Int(_) => Val::Builtin("int"),
            Val::Float(_) => Val::Builtin("float"),
            Val::Str(_) => Val::Builtin("str"),
            Val::Range(..) => Val::Builtin("range"),
            Val::Func(_) => Val::Builtin("function"),
            Val::Print => Val::Builtin("builtin_function_or_method"),
            Val::Builtin(name) if BUILTIN_FUNCTIONS.contains(name) => Val::Builtin("builtin_function_or_method"),
            Val::Builtin(_) => Val::Builtin("type"),
            Val::Class(name) if self.module.class(name).is_some_and(|c| c.metaclass.is_some()) => {
                return Err(not_modelled!("type() of `{name}`, which has a metaclass, is not modelled"))
            }
            Val::Class(name) if self.is_known_class(name) => Val::Builtin("type"),
            Val::Obj(obj) => {
                let object = &self.world.objs[*obj];
                let class = object.class.as_str();
                match class {
                    "list" | "tuple" | "dict" | "set" if object.items.is_some() => Val::Builtin(builtin_name(class)),
                    _ if object.exception.is_some() || self.module.class(class).is_some() => {
                        Val::Class(class.to_owned())
                    }
                    _ if self.generator_of(value).is_some() => Val::Builtin(generators::GENERATOR),
                    _ if self.closure_of(value).is_some() => Val::Builtin("function"),
                    _ if self.pairing(value).is_some() => Val::Builtin(builtin_name(class)),
                    _ if self.sequence_iterator(value).is_some() => Val::Builtin(builtin_name(class)),
                    // The weak references a weak dictionary keeps are `KeyedRef`s and the like,
                    // which the program does not reach.
                    "weakref" if object.weak.as_ref().is_some_and(|weak| weak.entry_of.is_none()) => {
                        Val::Builtin(REFERENCE_TYPE)
                    }
                    _ => return Err(not_modelled!("type() of a `{class}` is not modelled")),
                }
            }
            other => return Err(not_modelled!("type() of {} is not modelled", self.describe(other))),
        })
    }

    /// `__name__` or `__qualname__` of a type object or built-in function: None for other
    /// attributes and values. The module's classes are its top-level ones, whose qualified name
    /// is their name, as a built-in exception's is.
    pub(super) fn type_attribute(&self, value: &Val, attr: &str) -> Option<Val> {
        if !matches!(attr, "__name__" | "__qualname__") {
            return None;
        }
        match value {
            Val::Builtin(name) => Some(Val::Str(name.rsplit('.').next().unwrap_or(name).to_owned())),
            // Unless its class body or its metaclass's says otherwise.
            Val::Class(name) if self.defines(name, &[attr]) => None,
            Val::Class(name)
                if self
                    .module
                    .class(name)
                    .and_then(|c| c.metaclass.as_deref())
                    .is_some_and(|meta| self.defines(meta, &[attr])) =>
            {
                None
            }
            Val::Class(name) => Some(Val::Str(name.clone())),
            Val::Func(_) if attr == "__name__" => self.function_name(value).map(Val::Str),
            Val::Func(qualname) if !qualname.contains(['<', '#']) => Some(Val::Str(qualname.clone())),
            _ => None,
        }
    }

    /// The repr of a type object or built-in function (`<class 'int'>`, `<class '__main__.C'>`,
    /// `<built-in function len>`); None for other values.
    pub(super) fn type_repr(&self, value: &Val) -> Option<String> {
        match value {
            Val::Builtin(name) if BUILTIN_FUNCTIONS.contains(name) => Some(format!("<built-in function {name}>")),
            Val::Builtin(name) => Some(format!("<class '{name}'>")),
            Val::Class(name) if self.module.class(name).is_some() => Some(format!("<class '__main__.{name}'>")),
            Val::Class(name) if name == dataclasses::FROZEN_INSTANCE_ERROR => {
                Some(format!("<class 'dataclasses.{name}'>"))
            }
            Val::Class(name) if self.is_known_class(name) => Some(format!("<class '{name}'>")),
            _ => None,
        }
    }

    /// A class of the module's or a built-in exception class the model knows.
    fn is_known_class(&self, name: &str) -> bool {
        self.module.class(name).is_some() || BUILTIN_EXCEPTIONS.iter().any(|(builtin, _)| *builtin == name)
    }
}

/// The `'static` name of a built-in container or pairing class.
fn builtin_name(class: &str) -> &'static str {
    match class {
        "list" => "list",
        "tuple" => "tuple",
        "dict" => "dict",
        "set" => "set",
        "enumerate" => "enumerate",
        "list_iterator" => "list_iterator",
        "tuple_iterator" => "tuple_iterator",
        "list_reverseiterator" => "list_reverseiterator",
        "reversed" => "reversed",
        "range_iterator" => "range_iterator",
        _ => "zip",
    }
}
