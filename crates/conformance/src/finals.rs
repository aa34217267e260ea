//! `Final` attributes as mypy reads them: an instance attribute of the declared type (`Final[int]`)
//! or, written bare with a class-level value (`Final = 3`), of the type it infers from the value
//! (the literal type `Literal[3]` of a bool, int or string), that cannot be set, like a frozen dataclass field. It is not a `ClassVar` for Protocol
//! matching, and has no effect at runtime. A bare `Final` in `__init__` (`self.x: Final = ...`)
//! and a Protocol's own `Final` member are left as written, and declined.
//!
//! `@final` on a class forbids subclasses (mypy reports them), and on a method overrides of it; it
//! changes nothing else, for mypy's Protocol matching as for isinstance: the decorator is dropped
//! from every class but a Protocol, and from their methods. At runtime it also sets the class's
//! `__final__` to True, which typeshed does not declare: where a Protocol of the module asks for
//! `__final__`, a final class keeps its decorator, and is declined.

use std::borrow::Cow;

use pysource::{Attribute, MemberKind, Module};

/// The annotation's head when it is `Final`, and what it wraps (None when bare).
fn final_parts(annotation: &str) -> Option<Option<&str>> {
    let annotation = annotation.trim();
    let (head, rest) = annotation.split_once('[').map_or((annotation, None), |(head, rest)| (head, Some(rest)));
    if !matches!(head.trim(), "Final" | "typing.Final" | "typing_extensions.Final") {
        return None;
    }
    match rest {
        None => Some(None),
        Some(rest) => rest.strip_suffix(']').map(|inner| Some(inner.trim())),
    }
}

/// `attribute` read as mypy reads it, when it is `Final` and the lab knows how.
fn read_only(attribute: &Attribute) -> Option<Attribute> {
    let wrapped = final_parts(attribute.annotation.as_deref()?)?;
    let annotation = match (wrapped, attribute.class_value.as_deref()) {
        (Some(wrapped), _) => Some(wrapped.to_owned()),
        (None, None) => return None,
        // mypy keeps the literal type of a bool, int or string it infers a bare Final from.
        (None, Some(value)) => literal_value(value).then(|| format!("Literal[{}]", value.trim())),
    };
    Some(Attribute { annotation, read_only: true, ..attribute.clone() })
}

/// Whether `value` is a bool, int or string literal, which `Literal[...]` can hold.
fn literal_value(value: &str) -> bool {
    matches!(
        pysource::expression(value),
        Some(pysource::Expression::Literal {
            literal: pysource::Literal::Bool(_) | pysource::Literal::Int(_) | pysource::Literal::Str(_)
        })
    )
}

/// Whether `decorator` is `typing.final`.
fn is_final(decorator: &str) -> bool {
    matches!(decorator, "final" | "typing.final" | "typing_extensions.final")
}

/// `module` with the `Final` attributes of its classes other than Protocols made read-only and
/// typed, and their `@final` (and their methods') dropped; `module` itself when it has neither.
pub(crate) fn normalize(module: &Module) -> Cow<'_, Module> {
    let finals = |member: &pysource::Member| matches!(&member.kind, MemberKind::Attribute(a) if read_only(a).is_some());
    let final_method = |member: &pysource::Member| {
        matches!(&member.kind, MemberKind::Method(f) | MemberKind::Property { getter: f, .. }
            if f.decorators.iter().any(|d| is_final(d)))
    };
    let changed = |c: &pysource::Class| {
        c.members.iter().any(|m| finals(m) || final_method(m)) || c.decorators.iter().any(|d| is_final(d))
    };
    if !module.classes.iter().any(|c| !c.is_protocol && changed(c)) {
        return Cow::Borrowed(module);
    }
    let asks_final = module.classes.iter().any(|c| c.is_protocol && c.member("__final__").is_some());
    let mut rewritten = module.clone();
    for class in rewritten.classes.iter_mut().filter(|c| !c.is_protocol) {
        if !asks_final {
            class.decorators.retain(|d| !is_final(d));
        }
        for member in &mut class.members {
            match &mut member.kind {
                MemberKind::Attribute(attribute) => {
                    if let Some(normalized) = read_only(attribute) {
                        *attribute = normalized;
                    }
                }
                MemberKind::Method(function) | MemberKind::Property { getter: function, .. } => {
                    function.decorators.retain(|d| !is_final(d));
                }
            }
        }
    }
    Cow::Owned(rewritten)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attribute(annotation: &str, class_value: Option<&str>) -> Attribute {
        Attribute {
            annotation: Some(annotation.to_owned()),
            class_value: class_value.map(str::to_owned),
            ..Attribute::default()
        }
    }

    #[test]
    fn final_attributes_are_read_only_of_their_declared_or_inferred_type() {
        let typed = read_only(&attribute("Final[int]", Some("3"))).unwrap();
        assert_eq!((typed.annotation.as_deref(), typed.read_only), (Some("int"), true));
        let spelled = read_only(&attribute("typing.Final[list[str]]", None)).unwrap();
        assert_eq!(spelled.annotation.as_deref(), Some("list[str]"));
        let bare = read_only(&attribute("Final", Some("3"))).unwrap();
        assert_eq!(
            (bare.annotation.as_deref(), bare.class_value.as_deref(), bare.read_only),
            (Some("Literal[3]"), Some("3"), true)
        );
        let text = read_only(&attribute("Final", Some("'r'"))).unwrap();
        assert_eq!(text.annotation.as_deref(), Some("Literal['r']"));
        let float = read_only(&attribute("Final", Some("1.5"))).unwrap();
        assert_eq!((float.annotation, float.class_value.as_deref()), (None, Some("1.5")), "typed from the value");
        assert!(read_only(&attribute("Final", None)).is_none(), "a bare Final without a value to infer from");
        assert!(read_only(&attribute("FinalSize", Some("3"))).is_none());
        assert!(read_only(&attribute("ClassVar[int]", Some("3"))).is_none());
    }

    #[test]
    fn final_is_dropped_from_classes_and_their_methods_but_protocols() {
        let code =
            "from typing import Protocol, final\n@final\nclass Sealed:\n    @final\n    def close(self) -> None: ...\n\
                    @final\nclass P(Protocol):\n    def close(self) -> None: ...\n";
        let module = pysource::parse(code).unwrap();
        let rewritten = normalize(&module);
        let sealed = rewritten.class("Sealed").unwrap();
        assert!(sealed.decorators.is_empty());
        assert!(matches!(&sealed.members[0].kind, MemberKind::Method(f) if f.decorators.is_empty()));
        assert_eq!(rewritten.class("P").unwrap().decorators, ["final"], "a Protocol is left as written");
        let asked = pysource::parse(&format!("{code}class Q(Protocol):\n    __final__: bool\n")).unwrap();
        assert_eq!(normalize(&asked).class("Sealed").unwrap().decorators, ["final"], "__final__ is set at runtime");
    }
}
