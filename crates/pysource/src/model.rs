use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Where and why the parser gave up; `line` and `column` are 1-based, columns count characters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyntaxError {
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// Not an error in the code but code the labs do not read: a `\N{...}` escape, which the
    /// parser is built without the names for (see `crates/unicode-names-declined`), or an
    /// expression nested deeper than the labs walk. CPython runs such code; the labs decline it.
    #[serde(default)]
    pub unread: bool,
}

/// The top level of one Python source file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Module {
    pub classes: Vec<Class>,
    pub functions: Vec<Function>,
    /// Names bound by top-level absolute imports, with what they name: `from abc import ABC as
    /// Base` gives `Base` → `abc.ABC`, `import collections.abc` gives `collections` →
    /// `collections`. A name the module also binds at top level otherwise is left out.
    #[serde(default)]
    pub imports: BTreeMap<String, String>,
    /// Names bound once at top level to a plain type variable, `T = TypeVar("T")`: no bound,
    /// constraints, variance or default.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub type_variables: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Class {
    pub name: String,
    pub line: usize,
    /// Base expressions as written, e.g. `Protocol[T]` or `abc.ABC`.
    pub bases: Vec<String>,
    pub metaclass: Option<String>,
    pub decorators: Vec<String>,
    pub is_protocol: bool,
    pub is_runtime_checkable: bool,
    pub is_abc: bool,
    /// PEP 695 type parameters as written (`[T]` in `class C[T]:`), if any.
    #[serde(default)]
    pub type_params: Option<String>,
    /// Lines of class-body statements the model does not read (`if`, `for`, `try`, `with`,
    /// assignments to anything but a plain name, ...): members may hide in them.
    #[serde(default)]
    pub unread_statements: Vec<usize>,
    /// Members defined in this class body (and `self.x` set in its `__init__`), in definition order.
    pub members: Vec<Member>,
    /// Every `self.x = ...` (or `self.x: T = ...`) in the class's methods, in any block of their
    /// bodies and in the functions nested in them, in source order: what a type checker counts
    /// as the class's attributes. `members` keeps only those at the top level of `__init__`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attribute_writes: Vec<AttributeWrite>,
}

/// `receiver.name = value` in a method whose first parameter is `receiver` (not a
/// `staticmethod` or `classmethod`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttributeWrite {
    pub name: String,
    /// The method whose body writes it (a property setter's is the property's name).
    pub method: String,
    pub line: usize,
    /// At the top level of the method's body, not in an `if`, `for`, `while`, `with`, `try` or
    /// `match` block or a nested function.
    pub top_level: bool,
    /// The function whose body writes it (the method, or a function nested in it) has no
    /// annotation at all: mypy does not check its body, and types what it sets as Any.
    pub untyped_method: bool,
    /// `self.x: T = ...`'s annotation as written.
    pub annotation: Option<String>,
    pub value: WrittenValue,
}

/// What an [`AttributeWrite`] assigns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WrittenValue {
    /// An expression as written, other than a parameter of the method.
    Expression { text: String },
    /// A parameter of the method (not `*args` or `**kwargs`) that its body never binds again,
    /// with its annotation as written.
    Parameter { name: String, annotation: Option<String> },
    /// A parameter of the method that its body binds again only by plain `name = value`
    /// statements at its top level (or alone in an `if name is None:` there), written at the top
    /// level after some of them: `values` are those before the write, in order; `annotation` is
    /// the parameter's.
    Rebound { name: String, annotation: Option<String>, values: Vec<Rebinding> },
    /// What the model does not read: an annotation without a value, a target unpacked from
    /// anything but a display of as many values, or bound by `for`/`with`, a parameter the body
    /// binds again otherwise.
    Unread,
}

/// One `name = value` of a [`WrittenValue::Rebound`] parameter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rebinding {
    /// The value as written.
    pub value: String,
    /// The statement is the whole body of an `if name is None:` without `elif` or `else`.
    pub if_none: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Member {
    pub name: String,
    /// The class whose body defines the member.
    pub owner: String,
    pub kind: MemberKind,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MemberKind {
    Method(Function),
    /// A property of the body's `@property` def, with the defs its `@name.setter` and
    /// `@name.deleter` decorated since. A def of another name (`@x.setter def set_x`) binds a
    /// second property to its own name, a copy of `x` with the new function, and leaves `x` as
    /// it was.
    Property {
        getter: Function,
        #[serde(default)]
        setter: Option<Box<Function>>,
        #[serde(default)]
        deleter: Option<Box<Function>>,
    },
    Attribute(Attribute),
}

/// A data member: annotated and/or assigned in the class body, or assigned on `self` in `__init__`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Attribute {
    pub annotation: Option<String>,
    /// The value assigned in the class body, as written; `x: int` alone has none.
    pub class_value: Option<String>,
    pub assigned_in_init: bool,
    pub class_var: bool,
    /// Cannot be set on an instance (a frozen dataclass field, a NamedTuple field). The parser
    /// never sets it: models that know such classes do.
    #[serde(default)]
    pub read_only: bool,
    /// The line that declares it: its annotation in the class body, else its first assignment
    /// there, else its first `self.x = ...` in `__init__`.
    #[serde(default)]
    pub line: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Function {
    pub name: String,
    pub line: usize,
    pub decorators: Vec<String>,
    pub signature: Signature,
    pub is_async: bool,
    pub is_staticmethod: bool,
    pub is_classmethod: bool,
    pub is_property: bool,
    pub is_abstract: bool,
    /// The body is only `...`, `pass` and docstrings.
    pub is_stub: bool,
    /// PEP 695 type parameters as written (`[T]` in `def f[T](x: T)`), if any.
    #[serde(default)]
    pub type_params: Option<String>,
    /// This definition, or an earlier one of the same name in the same class body, is decorated
    /// with `@overload` (the model keeps only the last definition).
    #[serde(default)]
    pub overloaded: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Signature {
    pub params: Vec<Param>,
    pub returns: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Param {
    pub name: String,
    pub kind: ParamKind,
    /// The default expression as written.
    pub default: Option<String>,
    pub annotation: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamKind {
    PositionalOnly,
    PositionalOrKeyword,
    VarPositional,
    KeywordOnly,
    VarKeyword,
}

/// A member seen through a class: found on `owner`, the first class in the MRO defining it.
#[derive(Clone, Copy, Debug)]
pub struct InheritedMember<'m> {
    pub member: &'m Member,
    pub owner: &'m Class,
}

impl Module {
    pub fn class(&self, name: &str) -> Option<&Class> {
        self.classes.iter().find(|c| c.name == name)
    }

    /// `expression` (a dotted name such as `Sized` or `cabc.Sized`) spelled from its module,
    /// when its first name is imported: `collections.abc.Sized`. None for anything else.
    pub fn imported(&self, expression: &str) -> Option<String> {
        let (head, rest) = expression.split_once('.').map_or((expression, None), |(h, r)| (h, Some(r)));
        let path = self.imports.get(head)?;
        Some(match rest {
            Some(rest) => format!("{path}.{rest}"),
            None => path.clone(),
        })
    }

    pub fn function(&self, name: &str) -> Option<&Function> {
        self.functions.iter().find(|f| f.name == name)
    }

    /// Every member visible on `class`, the nearest definition winning, in MRO order. Bases not
    /// defined in this module (`object`, `Protocol`, imported classes) contribute nothing.
    pub fn members_of<'m>(&'m self, class: &'m Class) -> Vec<InheritedMember<'m>> {
        let mut seen: Vec<InheritedMember<'m>> = Vec::new();
        for owner in self.mro(class) {
            for member in &owner.members {
                if !seen.iter().any(|m| m.member.name == member.name) {
                    seen.push(InheritedMember { member, owner });
                }
            }
        }
        seen
    }

    /// The member `name` as found on `class` through its MRO.
    pub fn lookup<'m>(&'m self, class: &'m Class, name: &str) -> Option<InheritedMember<'m>> {
        self.mro(class).into_iter().find_map(|owner| owner.member(name).map(|member| InheritedMember { member, owner }))
    }

    /// Whether `class` is `ancestor` or inherits from it within this module.
    pub fn inherits(&self, class: &Class, ancestor: &str) -> bool {
        self.mro(class).iter().any(|c| c.name == ancestor)
    }
}

impl Class {
    pub fn member(&self, name: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.name == name)
    }

    /// Base class names without subscripts (`Base[int]` names `Base`).
    pub fn base_names(&self) -> impl Iterator<Item = &str> {
        self.bases.iter().map(|b| b.split('[').next().unwrap_or(b).trim())
    }

    pub(crate) fn set_member(&mut self, member: Member) {
        match self.members.iter_mut().find(|m| m.name == member.name) {
            Some(existing) => *existing = member,
            None => self.members.push(member),
        }
    }

    /// Updates the attribute `name`, creating it if needed. A class-body assignment replaces a
    /// method or property of that name; `self.x = ...` in `__init__` does not replace a
    /// property, since it goes through the property's setter.
    pub(crate) fn set_attribute(&mut self, name: &str, from_init: bool, update: impl FnOnce(&mut Attribute)) {
        let owner = self.name.clone();
        let index = match self.members.iter().position(|m| m.name == name) {
            Some(index) => index,
            None => {
                self.members.push(Member {
                    name: name.to_string(),
                    owner,
                    kind: MemberKind::Attribute(Attribute::default()),
                });
                self.members.len() - 1
            }
        };
        let member = &mut self.members[index];
        if !matches!(member.kind, MemberKind::Attribute(_)) {
            if from_init {
                return;
            }
            member.kind = MemberKind::Attribute(Attribute::default());
        }
        if let MemberKind::Attribute(attribute) = &mut member.kind {
            update(attribute);
        }
    }
}

impl Function {
    /// The accessor its `@x.setter` or `@x.deleter` decorator makes of it, and the property it
    /// names (`x`).
    pub fn accessor_decorator(&self) -> Option<(&str, crate::Accessor)> {
        self.decorators.iter().find_map(|d| crate::Accessor::of_decorator(d))
    }

    /// The signature as seen through an instance (or the class, for a classmethod): the
    /// receiver is bound, so the first positional parameter disappears.
    pub fn bound_signature(&self) -> Signature {
        let mut signature = self.signature.clone();
        let binds_receiver = !self.is_staticmethod
            && signature
                .params
                .first()
                .is_some_and(|p| matches!(p.kind, ParamKind::PositionalOnly | ParamKind::PositionalOrKeyword));
        if binds_receiver {
            signature.params.remove(0);
        }
        signature
    }
}

impl Signature {
    pub fn param(&self, name: &str) -> Option<&Param> {
        self.params.iter().find(|p| p.name == name)
    }

    pub fn var_positional(&self) -> Option<&Param> {
        self.params.iter().find(|p| p.kind == ParamKind::VarPositional)
    }

    pub fn var_keyword(&self) -> Option<&Param> {
        self.params.iter().find(|p| p.kind == ParamKind::VarKeyword)
    }
}
