//! Generic classes as mypy reads a bare name: the lab checks a class against a Protocol by
//! their bare names, and mypy reads a bare generic class `Reader` as `Reader[Any]`. So every
//! class generic over plain type variables (`Protocol[T]`, `Generic[T, U]`) is rewritten with
//! those variables replaced by `Any` and the subscript dropped; the models then judge it like
//! any other class. Variance plays no part for `Any`. A class that subscripts a generic class of
//! the code (`Sub(Box[int])`) inherits its members with the arguments put in (`specialize`).
//! Other subscripted bases and PEP 695 parameters are left as they are, and declined; type
//! variables of single methods are `method_generics.rs`'s.

use std::borrow::Cow;

use pysource::{Class, Member, MemberKind, Module, TypeExpr};

use crate::callable::substitute_annotation;

/// The bases that declare a class's type variables.
const GENERIC_BASES: &[&str] = &[
    "Protocol",
    "typing.Protocol",
    "typing_extensions.Protocol",
    "Generic",
    "typing.Generic",
    "typing_extensions.Generic",
];

/// The type variables `class` declares through a `Protocol[...]` or `Generic[...]` base, if all
/// of them are plain names.
fn declared_type_variables(class: &Class) -> Option<Vec<String>> {
    let mut variables = Vec::new();
    for base in &class.bases {
        let Some((head, rest)) = base.split_once('[') else { continue };
        if !GENERIC_BASES.contains(&head.trim()) {
            continue;
        }
        let inner = rest.trim_end().strip_suffix(']')?;
        for name in inner.split(',').map(str::trim) {
            if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
                return None;
            }
            variables.push(name.to_owned());
        }
    }
    (!variables.is_empty()).then_some(variables)
}

/// The module with every class generic over plain type variables read as `Class[Any]`; the
/// module itself when there is none.
pub(crate) fn erase<'m>(module: &'m Module) -> Cow<'m, Module> {
    if !module.classes.iter().any(|c| declared_type_variables(c).is_some()) {
        return Cow::Borrowed(module);
    }
    let mut rewritten = module.clone();
    specialize(module, &mut rewritten);
    for class in &mut rewritten.classes {
        let Some(variables) = declared_type_variables(class) else { continue };
        class.bases = class
            .bases
            .iter()
            .filter_map(|base| {
                let head = base.split('[').next().unwrap_or(base).trim();
                match head {
                    _ if !GENERIC_BASES.contains(&head) => Some(base.clone()),
                    "Generic" | "typing.Generic" | "typing_extensions.Generic" => None,
                    _ => Some(head.to_owned()),
                }
            })
            .collect();
        let erased = |name: &str| variables.iter().any(|v| v == name).then_some(TypeExpr::Any);
        for member in &mut class.members {
            substitute_member(member, &erased);
        }
    }
    Cow::Owned(rewritten)
}

/// A class that subscripts a generic class of the code (`IntHolder(Holder[int])`) inherits that
/// class's members with its type variables replaced, as mypy reads them: they are copied into
/// the subclass (where it does not define them itself), and the base is left bare. Only a base
/// whose own bases declare its variables and nothing generic besides, given as many arguments
/// as it has variables, is read this way; any other subscripted base stays, and is declined.
fn specialize(module: &Module, rewritten: &mut Module) {
    for index in 0..rewritten.classes.len() {
        let mut inherited = Vec::new();
        let mut bases = Vec::new();
        for base in &rewritten.classes[index].bases {
            match specialized(module, base) {
                Some((generic, members)) => {
                    bases.push(generic.name.clone());
                    inherited.extend(members);
                }
                None => bases.push(base.clone()),
            }
        }
        let class = &mut rewritten.classes[index];
        class.bases = bases;
        for member in inherited {
            if class.member(&member.name).is_none() {
                class.members.push(member);
            }
        }
    }
}

/// The generic class `base` subscripts and its members with the arguments put in, when
/// [`specialize`] reads it.
fn specialized<'m>(module: &'m Module, base: &str) -> Option<(&'m Class, Vec<Member>)> {
    let TypeExpr::Generic(name, arguments) = crate::types::parse(base) else { return None };
    let generic = module.class(&name)?;
    let variables = declared_type_variables(generic)?;
    let only_declaring = generic.bases.iter().all(|b| {
        let head = b.split('[').next().unwrap_or(b).trim();
        GENERIC_BASES.contains(&head) || !b.contains('[')
    });
    let local_generic_ancestor =
        module.mro(generic).iter().skip(1).any(|ancestor| declared_type_variables(ancestor).is_some());
    if variables.len() != arguments.len() || !only_declaring || local_generic_ancestor || generic.is_protocol {
        return None;
    }
    let replace = |n: &str| variables.iter().position(|v| v == n).map(|i| arguments[i].clone());
    let members = generic
        .members
        .iter()
        .cloned()
        .map(|mut member| {
            substitute_member(&mut member, &replace);
            member
        })
        .collect();
    Some((generic, members))
}

/// Every annotation of `member` with the type variables `replace` knows put in.
fn substitute_member(member: &mut Member, replace: &impl Fn(&str) -> Option<TypeExpr>) {
    let function = match &mut member.kind {
        MemberKind::Method(function) => function,
        MemberKind::Property { getter, .. } => getter,
        MemberKind::Attribute(attribute) => {
            substitute_in(&mut attribute.annotation, replace);
            return;
        }
    };
    for param in &mut function.signature.params {
        substitute_in(&mut param.annotation, replace);
    }
    substitute_in(&mut function.signature.returns, replace);
}

fn substitute_in(annotation: &mut Option<String>, replace: &impl Fn(&str) -> Option<TypeExpr>) {
    if let Some(text) = annotation {
        *text = substitute_annotation(text, replace);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generic_protocol_is_read_with_any() {
        let code = "from typing import Generic, Protocol, TypeVar\nT = TypeVar('T')\nK = TypeVar('K')\n\n\
                    class Reader(Protocol[T]):\n    last: T\n    def read(self, n: int) -> list[T]: ...\n\n\
                    class Box(Generic[K]):\n    def get(self) -> K | None: ...\n\n\
                    class Sub(Box[int]):\n    pass\n";
        let module = pysource::parse(code).unwrap();
        let erased = erase(&module);
        let reader = erased.class("Reader").unwrap();
        assert_eq!(reader.bases, ["Protocol"]);
        let MemberKind::Method(read) = &reader.member("read").unwrap().kind else { panic!() };
        assert_eq!(read.signature.returns.as_deref(), Some("list[Any]"));
        let MemberKind::Attribute(last) = &reader.member("last").unwrap().kind else { panic!() };
        assert_eq!(last.annotation.as_deref(), Some("Any"));
        assert!(erased.class("Box").unwrap().bases.is_empty());
        let sub = erased.class("Sub").unwrap();
        assert_eq!(sub.bases, ["Box"]);
        let MemberKind::Method(get) = &sub.member("get").unwrap().kind else { panic!() };
        assert_eq!(get.signature.returns.as_deref(), Some("int | None"), "Box[int]'s get");
    }

    #[test]
    fn a_base_the_lab_cannot_specialize_stays_subscripted() {
        let code = "from typing import Generic, TypeVar\nT = TypeVar('T')\nK = TypeVar('K')\n\n\
                    class Box(Generic[T]):\n    pass\n\n\
                    class Pair(Box[K], Generic[K, T]):\n    pass\n\n\
                    class TooMany(Box[int, str]):\n    pass\n\n\
                    class FromPair(Pair[int, str]):\n    pass\n";
        let module = pysource::parse(code).unwrap();
        let erased = erase(&module);
        assert_eq!(erased.class("TooMany").unwrap().bases, ["Box[int, str]"]);
        assert_eq!(erased.class("FromPair").unwrap().bases, ["Pair[int, str]"], "a generic ancestor of its own");
    }
}
