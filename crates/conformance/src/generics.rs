//! Generic classes as mypy reads a bare name: the lab checks a class against a Protocol by
//! their bare names, and mypy reads a bare generic class `Reader` as `Reader[Any]`. So every
//! class generic over plain type variables (`Protocol[T]`, `Generic[T, U]`) is rewritten with
//! those variables replaced by `Any` and the subscript dropped; the models then judge it like
//! any other class. Variance plays no part for `Any`. A class that subscripts another base
//! (`Sub(Box[int])`), PEP 695 parameters and type variables of single methods are left as they
//! are, and declined.

use std::borrow::Cow;

use pysource::{Class, Function, MemberKind, Module, TypeExpr};

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
        for member in &mut class.members {
            match &mut member.kind {
                MemberKind::Method(function) => erase_function(function, &variables),
                MemberKind::Property { getter, .. } => erase_function(getter, &variables),
                MemberKind::Attribute(attribute) => erase_annotation(&mut attribute.annotation, &variables),
            }
        }
    }
    Cow::Owned(rewritten)
}

fn erase_function(function: &mut Function, variables: &[String]) {
    for param in &mut function.signature.params {
        erase_annotation(&mut param.annotation, variables);
    }
    erase_annotation(&mut function.signature.returns, variables);
}

fn erase_annotation(annotation: &mut Option<String>, variables: &[String]) {
    if let Some(text) = annotation {
        *text = substitute_annotation(text, &|name| variables.iter().any(|v| v == name).then_some(TypeExpr::Any));
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
        assert_eq!(erased.class("Sub").unwrap().bases, ["Box[int]"], "a subscripted base stays, and is declined");
    }
}
