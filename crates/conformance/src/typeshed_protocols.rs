//! A Protocol of the code that inherits a typeshed Protocol (`class SizedCloser(Sized, Protocol)`)
//! asks for that Protocol's members too (`__len__`). The module is rewritten so that such a base
//! is a Protocol class of the code read from its stub (`stdlib::protocol_class`), named after the
//! base (and its arguments) with [`SUFFIX`]: the static and runtime checks then read its members
//! like any other. Only
//! Protocols' bases are rewritten: a class that inherits the ABC itself keeps its base, which the
//! typeshed data describes. A base the lab cannot read this way stays, and is declined.

use std::borrow::Cow;

use pysource::{Class, Module};

/// What the name of a typeshed Protocol read into the code ends with: no class of the code can
/// be named so.
const SUFFIX: &str = " (typeshed)";

/// The typeshed Protocols CPython lets a Protocol inherit from (`typing._PROTO_ALLOWLIST`, the
/// same in 3.11 to 3.14 for these): any other base makes the class statement raise TypeError.
const RUNTIME_ALLOWED: &[&str] = &[
    "collections.abc.Awaitable",
    "collections.abc.AsyncIterable",
    "collections.abc.Collection",
    "collections.abc.Container",
    "collections.abc.Hashable",
    "collections.abc.Iterable",
    "collections.abc.Iterator",
    "collections.abc.Reversible",
    "collections.abc.Sized",
    "contextlib.AbstractContextManager",
];

/// `module` with the typeshed Protocol bases of its Protocols read into classes of the code.
pub(crate) fn inline(module: &Module) -> Cow<'_, Module> {
    let mut read: Vec<Class> = Vec::new();
    let mut renamed: Vec<(usize, usize, String)> = Vec::new();
    for (index, class) in module.classes.iter().enumerate().filter(|(_, c)| c.is_protocol) {
        for (position, base) in class.bases.iter().enumerate() {
            let Some((known, _)) = crate::stdlib::class(base) else { continue };
            // `Iterable[int]` and `Iterable[str]` are two Protocols; a name has no brackets.
            let name = match base.split_once('[') {
                Some((_, arguments)) => format!("{known}{{{}}}{SUFFIX}", arguments.trim_end_matches(']')),
                None => format!("{known}{SUFFIX}"),
            };
            if !read.iter().any(|c| c.name == name) {
                let Some(protocol) = crate::stdlib::protocol_class(base, &name) else { continue };
                read.push(protocol);
            }
            renamed.push((index, position, name));
        }
    }
    if renamed.is_empty() {
        return Cow::Borrowed(module);
    }
    let mut rewritten = module.clone();
    for (index, position, name) in renamed {
        rewritten.classes[index].bases[position] = name;
    }
    rewritten.classes.extend(read);
    Cow::Owned(rewritten)
}

/// The typeshed name of a class [`inline`] read (`collections.abc.Sized`), if `class` is one.
pub(crate) fn inlined(class: &Class) -> Option<&str> {
    let read = class.name.strip_suffix(SUFFIX)?;
    Some(read.split_once('{').map_or(read, |(known, _)| known))
}

/// Why the class statement of `class`, a Protocol, raises at runtime, if a typeshed Protocol it
/// inherits is not one CPython allows as a Protocol's base.
pub(crate) fn runtime_refusal(module: &Module, class: &Class) -> Option<String> {
    let base = class.bases.iter().filter_map(|b| module.class(b)).find_map(inlined)?;
    (!RUNTIME_ALLOWED.contains(&base)).then(|| {
        format!(
            "{} (line {}) inherits from {base}, which CPython does not let a Protocol inherit from: the class \
             statement raises TypeError",
            class.name, class.line
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use pysource::MemberKind;

    #[test]
    fn a_typeshed_protocol_base_is_read_into_the_code() {
        let code = "from collections.abc import Sized, Iterable\nfrom typing import Protocol\n\
                    class SizedCloser(Sized, Protocol):\n    def close(self) -> None: ...\n\
                    class Items(Iterable, Protocol):\n    pass\n\
                    class Local(Sized):\n    pass\n";
        let module = crate::imports::spell_bases(&pysource::parse(code).unwrap()).into_owned();
        let module = inline(&module);
        let bases: Vec<&[String]> = module.classes.iter().map(|c| c.bases.as_slice()).collect();
        assert_eq!(bases[0], ["collections.abc.Sized (typeshed)", "typing.Protocol"]);
        assert_eq!(bases[2], ["collections.abc.Sized"], "a class that is no Protocol keeps its base");
        let sized = module.class("collections.abc.Sized (typeshed)").unwrap();
        assert!(sized.is_protocol);
        assert_eq!(inlined(sized), Some("collections.abc.Sized"));
        let MemberKind::Method(len) = &sized.members[0].kind else { panic!("a method") };
        assert_eq!((len.name.as_str(), len.signature.returns.as_deref()), ("__len__", Some("int")));
        let iterable = module.class("collections.abc.Iterable (typeshed)").unwrap();
        let MemberKind::Method(iter) = &iterable.members[0].kind else { panic!("a method") };
        assert_eq!(iter.signature.returns.as_deref(), Some("Iterator[Any]"), "a type variable is Any");
        assert!(runtime_refusal(&module, &module.classes[0]).is_none());

        let code = "from collections.abc import Iterable\nfrom typing import Protocol\n\
                    class Ints(Iterable[int], Protocol):\n    pass\n";
        let module = crate::imports::spell_bases(&pysource::parse(code).unwrap()).into_owned();
        let module = inline(&module);
        assert_eq!(module.classes[0].bases[0], "collections.abc.Iterable{int} (typeshed)");
        let ints = module.class("collections.abc.Iterable{int} (typeshed)").unwrap();
        assert_eq!(inlined(ints), Some("collections.abc.Iterable"));
        let MemberKind::Method(iter) = &ints.members[0].kind else { panic!("a method") };
        assert_eq!(iter.signature.returns.as_deref(), Some("Iterator[int]"));
    }
}
