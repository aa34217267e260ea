//! What the lab does not model, pair by pair: rather than guess, it declines the static and/or
//! the runtime verdict and names the construct and its line.

use std::collections::{HashMap, HashSet};

use pysource::{
    Attribute, Class, Expression, Function, FunctionBody, InheritedMember, MemberKind, Module, Statement,
    StatementKind, TypeExpr,
};

use crate::runtime::init_needs_no_arguments;
use crate::statics::getattr_method;

/// Bases the lab knows add no members it does not model.
const KNOWN_BASES: &[&str] =
    &["object", "builtins.object", "Protocol", "typing.Protocol", "typing_extensions.Protocol"];

/// Method decorators the lab models (setters and deleters are folded into their property).
const KNOWN_METHOD_DECORATORS: &[&str] =
    &["property", "builtins.property", "staticmethod", "classmethod", "abstractmethod", "abc.abstractmethod"];

/// Type names the lab's subtype rules know, besides the classes of the code.
const KNOWN_NAMES: &[&str] = &["int", "float", "complex", "bool", "str", "bytes", "object"];

/// Generic types the lab's subtype rules know (always with their arguments).
const KNOWN_GENERICS: &[&str] =
    &["list", "dict", "set", "frozenset", "tuple", "type", "Sequence", "Iterable", "Iterator"];

/// Special methods that change how classes or instances are made.
const CREATION_HOOKS: &[&str] = &["__new__", "__init_subclass__", "__class_getitem__", "__set_name__"];

/// What every instance has without defining it: `dir(object)` (CPython 3.11 to 3.14) and what
/// `class` statements and the dataclass machinery add. A protocol asking for one of them is
/// answered by `object` (or typeshed's view of it), which the lab does not model.
const IMPLICIT_ATTRIBUTES: &[&str] = &[
    "__class__",
    "__delattr__",
    "__dir__",
    "__doc__",
    "__eq__",
    "__format__",
    "__ge__",
    "__getattribute__",
    "__getstate__",
    "__gt__",
    "__hash__",
    "__init__",
    "__init_subclass__",
    "__le__",
    "__lt__",
    "__ne__",
    "__new__",
    "__reduce__",
    "__reduce_ex__",
    "__repr__",
    "__setattr__",
    "__sizeof__",
    "__str__",
    "__subclasshook__",
    "__dict__",
    "__weakref__",
    "__module__",
    "__annotations__",
    "__match_args__",
    "__dataclass_fields__",
    "__dataclass_params__",
];

/// Why the lab declines a pair's verdicts: None where it predicts.
#[derive(Debug, Default)]
pub(crate) struct Declines {
    pub static_reason: Option<String>,
    pub runtime_reason: Option<String>,
}

impl Declines {
    fn add(&mut self, statically: bool, at_runtime: bool, reason: impl Into<String>) {
        let reason = reason.into();
        if statically && self.static_reason.is_none() {
            self.static_reason = Some(reason.clone());
        }
        if at_runtime && self.runtime_reason.is_none() {
            self.runtime_reason = Some(reason);
        }
    }

    fn all(&self) -> bool {
        self.static_reason.is_some() && self.runtime_reason.is_some()
    }
}

/// What the model reads of the code besides its classes: which names methods write on objects.
pub(crate) struct Context<'m> {
    pub module: &'m Module,
    /// Per class: `(attribute, line)` written as `x.attribute = ...` (or annotated, augmented)
    /// anywhere in its methods, nested blocks included.
    written: HashMap<&'m str, Vec<(String, usize)>>,
    /// Per class: the line of a method that writes attributes by name (`setattr`, `__dict__`).
    dynamic_writes: HashMap<&'m str, usize>,
    /// Classes with nothing the lab does not model about them or their bases (see `class_issues`).
    clean: HashSet<&'m str>,
    /// What the lab does not model about each class itself: (static, runtime, reason).
    issues: HashMap<&'m str, Vec<(bool, bool, String)>>,
    /// Classes whose attributes module-level code sets or deletes, and the line.
    patched: HashMap<&'m str, usize>,
}

impl<'m> Context<'m> {
    pub fn new(module: &'m Module, bodies: &[FunctionBody], statements: &[Statement]) -> Context<'m> {
        let mut patched: HashMap<&str, usize> = HashMap::new();
        for statement in statements {
            if matches!(statement.kind, StatementKind::Definition { .. } | StatementKind::Import) {
                continue;
            }
            for (offset, line) in statement.text.lines().enumerate() {
                for class in &module.classes {
                    if patches(line, &class.name) {
                        patched.entry(class.name.as_str()).or_insert(statement.line + offset);
                    }
                }
            }
        }
        let mut written: HashMap<&str, Vec<(String, usize)>> = HashMap::new();
        let mut dynamic_writes = HashMap::new();
        for class in &module.classes {
            let prefix = format!("{}.", class.name);
            for body in bodies.iter().filter(|b| b.qualname.starts_with(&prefix)) {
                for statement in &body.statements {
                    for (offset, line_text) in statement.text.lines().enumerate() {
                        let line = statement.line + offset;
                        if ["setattr(", "__dict__", "vars(", "__setattr__"].iter().any(|s| line_text.contains(s)) {
                            dynamic_writes.entry(class.name.as_str()).or_insert(line);
                        }
                        for name in attribute_writes(line_text) {
                            written.entry(class.name.as_str()).or_default().push((name, line));
                        }
                    }
                }
            }
        }
        let issues: HashMap<&str, Vec<(bool, bool, String)>> =
            module.classes.iter().map(|c| (c.name.as_str(), class_issues(module, c))).collect();
        let clean = module
            .classes
            .iter()
            .filter(|c| module.mro(c).iter().all(|c| issues.get(c.name.as_str()).is_none_or(Vec::is_empty)))
            .map(|c| c.name.as_str())
            .collect();
        Context { module, written, dynamic_writes, clean, issues, patched }
    }

    /// The declines of `class` against `protocol`, whose members are `members`.
    pub fn declines(&self, class: &Class, protocol: &Class, members: &[InheritedMember]) -> Declines {
        let mut declines = Declines::default();
        for subject in [class, protocol] {
            for owner in self.module.mro(subject) {
                for (statically, at_runtime, reason) in self.issues.get(owner.name.as_str()).into_iter().flatten() {
                    declines.add(*statically, *at_runtime, reason.as_str());
                }
            }
        }
        for subject in [class, protocol] {
            for owner in self.module.mro(subject) {
                if let Some(line) = self.patched.get(owner.name.as_str()) {
                    declines.add(
                        false,
                        true,
                        format!("line {line} changes {}'s attributes after the class statement", owner.name),
                    );
                }
            }
        }
        if declines.all() {
            return declines;
        }
        let runs_init = init_needs_no_arguments(self.module, class);
        if let Some(slots) = self.module.lookup(class, "__slots__") {
            declines.add(
                false,
                true,
                format!(
                    "{} defines __slots__: isinstance() on 3.12+ finds an unset slot's descriptor on the class, \
                     which the lab does not model",
                    slots.owner.name
                ),
            );
        }
        for wanted in members {
            let name = wanted.member.name.as_str();
            self.member_issues(&mut declines, &wanted.member.kind, protocol, name);
            let found = self.module.lookup(class, name);
            match found {
                Some(found) => {
                    self.member_issues(&mut declines, &found.member.kind, found.owner, name);
                    self.pair_issues(&mut declines, wanted, found, runs_init, class);
                }
                None => {
                    if IMPLICIT_ATTRIBUTES.contains(&name) {
                        declines.add(
                            true,
                            true,
                            format!(
                                "{} asks for {name}, which {} only has from object: the lab does not model object's members",
                                protocol.name, class.name
                            ),
                        );
                    }
                    if let Some(getattr) = getattr_method(self.module, class) {
                        if let Err(what) = known_type(&return_type(getattr), &self.clean) {
                            declines.add(true, false, unknown_type(&class.name, "__getattr__", getattr.line, &what));
                        }
                    }
                    if let Some((writer, line)) = self.writer(class, name) {
                        declines.add(
                            true,
                            runs_init,
                            format!(
                                "{writer} writes .{name} at line {line}: mypy counts attributes set in any method, \
                                 the lab reads only the top level of __init__"
                            ),
                        );
                    }
                }
            }
        }
        if runs_init {
            if let Some((owner, line)) = self.dynamic_writer(class) {
                declines.add(false, true, format!("{owner} sets attributes by name at line {line}"));
            }
        }
        declines
    }

    /// Why a verdict resting on the conformance of `pairs` (class, protocol) cannot be given:
    /// the lab declines one of them.
    pub fn nested_decline(&self, pairs: &[(String, String)]) -> Option<String> {
        pairs.iter().find_map(|(class, protocol)| {
            let (class, protocol) = (self.module.class(class)?, self.module.class(protocol)?);
            let members = crate::statics::protocol_members(self.module, protocol);
            let reason = self.declines(class, protocol, &members).static_reason?;
            Some(format!(
                "it needs {} to conform to {}, which the lab does not predict: {reason}",
                class.name, protocol.name
            ))
        })
    }

    /// What the lab cannot judge about one member, of the class or of the protocol.
    fn member_issues(&self, declines: &mut Declines, kind: &MemberKind, owner: &Class, name: &str) {
        let function = match kind {
            MemberKind::Method(f) => f,
            MemberKind::Property { getter, .. } => getter,
            MemberKind::Attribute(attribute) => {
                self.attribute_issues(declines, attribute, owner, name);
                return;
            }
        };
        let at = format!("{}.{name} (line {})", owner.name, function.line);
        for decorator in &function.decorators {
            if !KNOWN_METHOD_DECORATORS.contains(&decorator.as_str()) {
                if is_overload(decorator) {
                    continue;
                }
                declines.add(true, true, format!("{at} is decorated with @{decorator}, which the lab does not model"));
            }
        }
        if function.overloaded {
            declines.add(true, false, format!("{at} is overloaded (@overload): the lab does not model overloads"));
        }
        if let Some(params) = &function.type_params {
            declines.add(true, false, format!("{at} has type parameters {params}: the lab does not model them"));
        }
        let signature = if matches!(kind, MemberKind::Property { .. }) {
            pysource::Signature { params: Vec::new(), returns: function.signature.returns.clone() }
        } else {
            function.bound_signature()
        };
        let annotations =
            signature.params.iter().filter_map(|p| p.annotation.as_deref()).chain(signature.returns.as_deref());
        for annotation in annotations {
            if let Err(what) = known_type(&TypeExpr::parse(annotation), &self.clean) {
                declines.add(true, false, unknown_type(&owner.name, name, function.line, &what));
            }
        }
    }

    fn attribute_issues(&self, declines: &mut Declines, attribute: &Attribute, owner: &Class, name: &str) {
        let at = format!("{}.{name}", owner.name);
        if let Some(annotation) = &attribute.annotation {
            let head = annotation.split('[').next().unwrap_or(annotation).trim();
            if matches!(head, "Final" | "typing.Final" | "typing_extensions.Final") {
                declines.add(true, false, format!("{at} is {annotation}: the lab does not model Final"));
            } else if let Err(what) = known_type(&TypeExpr::parse(annotation), &self.clean) {
                declines.add(true, false, format!("{at} is annotated {what}, a type the lab does not model"));
            }
        }
        if let Some(value) = &attribute.class_value {
            if !plain_value(value) {
                declines.add(
                    attribute.annotation.is_none(),
                    true,
                    format!(
                        "{at} = {value}: the lab does not evaluate it (it may be a descriptor, a function or None)"
                    ),
                );
            } else if attribute.annotation.is_none() && crate::statics::attribute_type(attribute) == TypeExpr::Any {
                declines.add(true, false, format!("{at} = {value}: the lab does not infer its type"));
            }
        } else if attribute.annotation.is_none() && attribute.assigned_in_init {
            declines.add(
                true,
                false,
                format!(
                    "{at} is set in {}.__init__ without an annotation: the lab does not infer its type",
                    owner.name
                ),
            );
        }
    }

    /// What the lab cannot judge about a protocol member and the class member found for it.
    fn pair_issues(
        &self,
        declines: &mut Declines,
        wanted: &InheritedMember,
        found: InheritedMember,
        runs_init: bool,
        class: &Class,
    ) {
        let name = &wanted.member.name;
        match (&wanted.member.kind, &found.member.kind) {
            (MemberKind::Method(want), MemberKind::Method(have)) if want.is_async != have.is_async => {
                let kind = |f: &Function| if f.is_async { "async def" } else { "def" };
                declines.add(
                    true,
                    false,
                    format!(
                        "{}.{name} (line {}) is {} but {}.{name} (line {}) is {}: the lab does not model coroutine types",
                        found.owner.name,
                        have.line,
                        kind(have),
                        wanted.owner.name,
                        want.line,
                        kind(want)
                    ),
                );
            }
            (MemberKind::Attribute(want), MemberKind::Property { .. } | MemberKind::Method(_)) if want.class_var => {
                declines.add(
                    true,
                    false,
                    format!(
                        "{}.{name} is a ClassVar and {}.{name} is not an attribute: the lab does not model it",
                        wanted.owner.name, found.owner.name
                    ),
                );
            }
            (_, MemberKind::Attribute(attribute)) if runs_init && attribute.class_value.is_none() => {
                let init_owner = self.module.lookup(class, "__init__").map(|m| m.owner.name.as_str());
                if attribute.assigned_in_init && init_owner != Some(found.owner.name.as_str()) {
                    declines.add(
                        false,
                        true,
                        format!(
                            "{}.{name} is set in {}.__init__, but {}() runs {}.__init__: the lab does not follow super()",
                            found.owner.name,
                            found.owner.name,
                            class.name,
                            init_owner.unwrap_or("object")
                        ),
                    );
                } else if !attribute.assigned_in_init {
                    if let Some((writer, line)) = self.writer(class, name) {
                        declines.add(
                            false,
                            true,
                            format!(
                                "{writer} writes .{name} at line {line}, which {}() may run: the lab reads only the top \
                                 level of __init__",
                                class.name
                            ),
                        );
                    }
                }
            }
            _ => {}
        }
    }

    /// A class of `class`'s MRO whose methods write `.name`, and where.
    fn writer(&self, class: &Class, name: &str) -> Option<(String, usize)> {
        self.module.mro(class).into_iter().find_map(|owner| {
            let writes = self.written.get(owner.name.as_str())?;
            writes.iter().find(|(n, _)| n == name).map(|(_, line)| (owner.name.clone(), *line))
        })
    }

    fn dynamic_writer(&self, class: &Class) -> Option<(String, usize)> {
        self.module
            .mro(class)
            .into_iter()
            .find_map(|owner| self.dynamic_writes.get(owner.name.as_str()).map(|line| (owner.name.clone(), *line)))
    }
}

/// What the lab does not model about a class itself: (static, runtime, reason).
fn class_issues(module: &Module, class: &Class) -> Vec<(bool, bool, String)> {
    let mut issues = Vec::new();
    let at = format!("{} (line {})", class.name, class.line);
    for base in &class.bases {
        let name = base.split('[').next().unwrap_or(base).trim();
        let local = module.class(name).is_some_and(|b| b.name != class.name);
        if !local && !KNOWN_BASES.contains(&name) {
            if matches!(name, "Generic" | "typing.Generic" | "typing_extensions.Generic") {
                issues.push((true, false, format!("{at} is generic ({base}): the lab does not model type parameters")));
            } else {
                issues.push((
                    true,
                    true,
                    format!("{at} inherits from {base}, which is not defined in the code: its members are unknown to the lab"),
                ));
            }
        } else if base.contains('[') {
            issues.push((true, false, format!("{at} is generic ({base}): the lab does not model type parameters")));
        }
    }
    if let Some(params) = &class.type_params {
        issues.push((true, false, format!("{at} has type parameters {params}: the lab does not model them")));
    }
    if let Some(metaclass) = &class.metaclass {
        issues.push((true, true, format!("{at} has the metaclass {metaclass}, which the lab does not model")));
    }
    for decorator in &class.decorators {
        let known = ["runtime_checkable", "typing.runtime_checkable", "typing_extensions.runtime_checkable"];
        if !known.contains(&decorator.as_str()) {
            issues.push((true, true, format!("{at} is decorated with @{decorator}, which the lab does not model")));
        }
    }
    if let Some(line) = class.unread_statements.first() {
        issues.push((
            true,
            true,
            format!(
                "{}'s body has a statement at line {line} the lab does not read: members may be defined there",
                class.name
            ),
        ));
    }
    for hook in CREATION_HOOKS {
        if let Some(member) = class.member(hook) {
            let line = match &member.kind {
                MemberKind::Method(f) => format!(" (line {})", f.line),
                _ => String::new(),
            };
            issues.push((
                true,
                true,
                format!("{}.{hook}{line} changes how objects are made; the lab does not model it", class.name),
            ));
        }
    }
    issues
}

fn is_overload(decorator: &str) -> bool {
    matches!(decorator, "overload" | "typing.overload" | "typing_extensions.overload")
}

fn unknown_type(owner: &str, name: &str, line: usize, what: &str) -> String {
    format!("{owner}.{name} (line {line}) uses {what}, a type the lab does not model")
}

fn return_type(function: &Function) -> TypeExpr {
    function.signature.returns.as_deref().map_or(TypeExpr::Any, TypeExpr::parse)
}

/// Ok when the lab's subtype rules know every part of `typ`; else the part they do not.
/// `clean` are the classes of the code the lab models, with all their bases.
pub(crate) fn known_type(typ: &TypeExpr, clean: &HashSet<&str>) -> Result<(), String> {
    match typ {
        TypeExpr::Any | TypeExpr::None => Ok(()),
        TypeExpr::Name(name) => {
            if KNOWN_NAMES.contains(&name.as_str()) || clean.contains(name.as_str()) {
                Ok(())
            } else {
                Err(name.clone())
            }
        }
        TypeExpr::Generic(name, args) if KNOWN_GENERICS.contains(&name.as_str()) && !args.is_empty() => {
            args.iter().try_for_each(|a| known_type(a, clean))
        }
        TypeExpr::Generic(name, args) => {
            Err(format!("{name}[{}]", args.iter().map(crate::callable::show).collect::<Vec<_>>().join(", ")))
        }
        TypeExpr::Union(members) => members.iter().try_for_each(|m| known_type(m, clean)),
        TypeExpr::Unknown(text) => Err(text.clone()),
    }
}

/// A class-level value the runtime model can take at its word: a literal or a display.
fn plain_value(value: &str) -> bool {
    match pysource::expression(value) {
        Some(
            Expression::Literal { .. }
            | Expression::Tuple { .. }
            | Expression::FString { .. }
            | Expression::List { .. }
            | Expression::Dict { .. },
        ) => true,
        Some(Expression::Other { text }) => text.starts_with(['[', '{', '(']),
        _ => false,
    }
}

/// Whether module-level `line` sets or deletes an attribute of `class` (`C.x = ...`, `del C.x`,
/// `setattr(C, ...)`).
fn patches(line: &str, class: &str) -> bool {
    let word = |at: usize| at == 0 || !line[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '.');
    let mentions = line.match_indices(class).any(|(at, _)| {
        let after = &line[at + class.len()..];
        word(at) && !after.starts_with(|c: char| c.is_alphanumeric() || c == '_')
    });
    if !mentions {
        return false;
    }
    if line.contains("setattr(") || line.contains("delattr(") || line.trim_start().starts_with("del ") {
        return true;
    }
    line.match_indices(&format!("{class}.")).any(|(at, _)| word(at) && !attribute_writes(&line[at..]).is_empty())
}

/// Names written as `x.name = ...`, `x.name: T = ...` or `x.name += ...` on one line.
fn attribute_writes(line: &str) -> Vec<String> {
    let mut names = Vec::new();
    let bytes = line.as_bytes();
    let mut i = 0;
    while let Some(dot) = line[i..].find('.') {
        let start = i + dot + 1;
        let end =
            start + line[start..].find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(line.len() - start);
        i = end.max(start);
        if end == start {
            continue;
        }
        let rest = line[end..].trim_start();
        let assigns = (rest.starts_with('=') && !rest.starts_with("=="))
            || (rest.starts_with(':') && !rest.starts_with(":="))
            || ["+=", "-=", "*=", "/=", "|=", "&=", "//=", "%=", "**=", "^=", ">>=", "<<=", "@="]
                .iter()
                .any(|op| rest.starts_with(op));
        let after_name = start >= 2
            && (bytes[start - 2].is_ascii_alphanumeric() || bytes[start - 2] == b'_' || bytes[start - 2] == b')');
        if assigns && after_name {
            names.push(line[start..end].to_string());
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_writes_are_found_on_a_line() {
        assert_eq!(attribute_writes("self.name = 1"), ["name"]);
        assert_eq!(attribute_writes("    self.size: int = 0"), ["size"]);
        assert_eq!(attribute_writes("if self.x == 1: self.y += 2"), ["y"]);
        assert!(attribute_writes("return self.x").is_empty());
        assert!(attribute_writes("f(a=self.x)").is_empty());
        assert!(attribute_writes("x = 1.5").is_empty());
    }

    #[test]
    fn module_level_patches_of_a_class_are_found() {
        assert!(patches("Greeter.close = None", "Greeter"));
        assert!(patches("del Greeter.close", "Greeter"));
        assert!(patches("setattr(Greeter, 'close', f)", "Greeter"));
        assert!(!patches("MyGreeter.close = None", "Greeter"));
        assert!(!patches("print(Greeter.close)", "Greeter"));
        assert!(!patches("g = Greeter()", "Greeter"));
    }
}
