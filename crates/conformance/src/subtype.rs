use pysource::{Module, TypeExpr};

use crate::callable::show;

/// mypy's `is_subtype` for the annotations the lab handles: `Any` both ways, `object` on top,
/// the numeric promotions bool < int < float < complex, literal types under their value's class,
/// unions, `None`, module classes by
/// inheritance, and generics (mutable containers invariant, read-only ones covariant; a
/// coroutine is awaitable).
/// The names of the empty type, once `typing.` is stripped.
pub(crate) const NEVER: &[&str] = &["Never", "NoReturn", "typing_extensions.Never", "typing_extensions.NoReturn"];

pub(crate) fn is_subtype(sub: &TypeExpr, sup: &TypeExpr, module: &Module) -> bool {
    use TypeExpr::*;
    match (sub, sup) {
        (Any, _) | (_, Any) => true,
        (_, Name(top)) if top == "object" => true,
        // The empty type, below every type (what mypy solves a type variable nothing constrains to).
        (Name(bottom), _) if NEVER.contains(&bottom.as_str()) => true,
        _ if sub == sup => true,
        // `Literal[True]` is a bool (and so an int), and only itself among literal types.
        (Generic(..), _) if crate::types::literal_class(sub).is_some() => match sup {
            Union(members) => members.iter().any(|m| is_subtype(sub, m, module)),
            _ if crate::types::literal_class(sup).is_some() => false,
            _ => is_subtype(&Name(crate::types::literal_class(sub).unwrap_or("object").into()), sup, module),
        },
        // mypy expands `bool` to `Literal[True, False]` against a union.
        (Name(b), Union(members)) if b == "bool" && ["True", "False"].iter().all(|v| members.contains(&literal(v))) => {
            true
        }
        (_, Generic(..)) if crate::types::literal_class(sup).is_some() => match sub {
            Union(members) => members.iter().all(|m| is_subtype(m, sup, module)),
            _ => false,
        },
        (Name(a) | Generic(a, _), Name(b) | Generic(b, _))
            if crate::declines::typeshed_only(a, module) || crate::declines::typeshed_only(b, module) =>
        {
            if let (Name(a), Name(b)) = (sub, sup) {
                if let Some(conforms) = typeshed_structural(a, b, module) {
                    return conforms;
                }
            }
            if let Some(inherits) = typeshed_nominal(sub, sup, module) {
                return inherits;
            }
            // The stub's own types (`dict_keys`, `SupportsIndex`): mypy's judgment, not the lab's.
            UNJUDGED.with(|unjudged| unjudged.borrow_mut().push((show(sub), show(sup))));
            OPTIMISTIC.with(std::cell::Cell::get)
        }
        (Union(members), _) => members.iter().all(|m| is_subtype(m, sup, module)),
        (_, Union(members)) => members.iter().any(|m| is_subtype(sub, m, module)),
        (None, None) => true,
        (None, _) | (_, None) => false,
        (Name(a), Name(b)) => a == b || promotes(a, b) || inherits(module, a, b),
        (Generic(a, _), Generic(b, _)) if a == "Callable" && b == "Callable" => callable_subtype(sub, sup, module),
        (Generic(a, _), Name(b)) if a == "Callable" => {
            // A Protocol of the code with only `__call__` is a callback type; with other members
            // too, mypy's judgment.
            if let Some(protocol) = module.class(b).filter(|p| p.is_protocol) {
                if let Some(conforms) = callable_to_callback(sub, protocol, module) {
                    note_structural(&show(sub), b);
                    return conforms;
                }
                UNJUDGED.with(|unjudged| unjudged.borrow_mut().push((show(sub), b.clone())));
                return OPTIMISTIC.with(std::cell::Cell::get);
            }
            false
        }
        (Generic(a, args), Name(b)) => (a == b && args.iter().all(|t| *t == Any)) || promotes(a, b),
        (Name(a), Generic(b, args)) if a == b => args.iter().all(|t| *t == Any),
        (Name(a), Generic(b, _))
            if typeshed_protocol(b) && module.class(a).is_some_and(|c| judged_by_its_members(c, module)) =>
        {
            // A class of the code is an `Iterator[int]` if its members fit the stub's.
            let class = module.class(a).expect("checked by the guard");
            match class_to_typeshed_protocol(class, sup, module) {
                Some(conforms) => {
                    note_structural(a, &show(sup));
                    conforms
                }
                Option::None => {
                    UNJUDGED.with(|unjudged| unjudged.borrow_mut().push((a.clone(), show(sup))));
                    OPTIMISTIC.with(std::cell::Cell::get)
                }
            }
        }
        (Name(a), Generic(b, _))
            if b == "Callable" && module.class(a).is_some_and(|c| judged_by_its_members(c, module)) =>
        {
            // An instance of a class of the code is called through its `__call__`.
            let class = module.class(a).expect("checked by the guard");
            let conforms = class_to_callable(class, sup, module);
            if conforms.is_some() {
                note_structural(a, &show(sup));
            }
            conforms.unwrap_or(false)
        }
        (Name(a), Generic(b, _)) => {
            // `str` is a `Sequence[str]` through its stub bases.
            if let Some(inherits) = typeshed_nominal(sub, sup, module) {
                return inherits;
            }
            // A class of the code is an `Iterator[...]` if it has the members (a typeshed Protocol),
            // a `Callable[...]` if its `__call__` fits, or through a standard-library base; a
            // typeshed class may match a Protocol: mypy's judgment, not the lab's.
            let judged_by_mypy = |class| typeshed_protocol(b) || b == "Callable" || has_stdlib_base(module, class);
            let typeshed_base = module.class(a).is_none() && crate::stdlib::annotation_class(a).is_some();
            if module.class(a).is_some_and(judged_by_mypy) || typeshed_base {
                UNJUDGED.with(|unjudged| unjudged.borrow_mut().push((a.clone(), show(sup))));
                return OPTIMISTIC.with(std::cell::Cell::get);
            }
            false
        }
        (Generic(a, sub_args), Generic(b, sup_args)) if a == "tuple" && b == "tuple" => {
            // `tuple[X, ...]` holds any number of X: a tuple of Xs fits it, not the other way.
            match (crate::types::variadic_item(sub), crate::types::variadic_item(sup)) {
                (Some(item), Some(wanted)) => is_subtype(item, wanted, module),
                (Option::None, Some(wanted)) => sub_args.iter().all(|item| is_subtype(item, wanted, module)),
                (Some(_), Option::None) => false,
                (Option::None, Option::None) => {
                    sub_args.len() == sup_args.len()
                        && sub_args.iter().zip(sup_args).all(|(item, wanted)| is_subtype(item, wanted, module))
                }
            }
        }
        (Generic(a, sub_args), Generic(b, sup_args)) => {
            if a == b && sub_args.len() == sup_args.len() {
                // A coroutine's yield and send types are always Any here (see
                // `callable::called_signature`), so only its result's variance matters.
                let covariant = matches!(
                    a.as_str(),
                    "tuple" | "Sequence" | "Iterable" | "Iterator" | "frozenset" | "type" | "Awaitable" | "Coroutine"
                );
                sub_args.iter().zip(sup_args).all(|(s, t)| {
                    if covariant {
                        is_subtype(s, t, module)
                    } else {
                        is_subtype(s, t, module) && is_subtype(t, s, module)
                    }
                })
            } else if a == "Coroutine" && b == "Awaitable" && sub_args.len() == 3 && sup_args.len() == 1 {
                is_subtype(&sub_args[2], &sup_args[0], module)
            } else {
                let readable = matches!(
                    (a.as_str(), b.as_str()),
                    ("list" | "tuple", "Sequence")
                        | ("list" | "tuple" | "set" | "frozenset" | "dict" | "Sequence" | "Iterator", "Iterable")
                );
                // A tuple's items are all its arguments (or the one of `tuple[X, ...]`); a dict
                // iterates over its keys.
                let items = match crate::types::variadic_item(sub) {
                    Some(item) => std::slice::from_ref(item),
                    Option::None if a == "tuple" => &sub_args[..],
                    Option::None => &sub_args[..sub_args.len().min(1)],
                };
                readable
                    && !items.is_empty()
                    && sup_args.len() == 1
                    && items.iter().all(|item| is_subtype(item, &sup_args[0], module))
            }
        }
        (Unknown(a), Unknown(b)) => a == b,
        _ => false,
    }
}

/// Whether the `Callable` type `sub` fits `protocol`, a callback Protocol (its only member is
/// `__call__`, a method); None for any other Protocol.
fn callable_to_callback(sub: &TypeExpr, protocol: &pysource::Class, module: &Module) -> Option<bool> {
    let members = crate::statics::protocol_members(module, protocol);
    let [only] = members.as_slice() else { return None };
    let pysource::MemberKind::Method(call) = &only.member.kind else { return None };
    if only.member.name != "__call__" {
        return None;
    }
    let want = crate::callable::bind_self(&crate::callable::called_signature(call), &protocol.name);
    let have = crate::statics::callable_signature(sub)?;
    Some(crate::callable::callable_compatible(&have, &want, module).is_ok())
}

/// Whether the lab judges instances of `class` as callables or against a typeshed Protocol by
/// the members of its MRO in the code: no standard-library base or `__getattr__` stands in.
fn judged_by_its_members(class: &pysource::Class, module: &Module) -> bool {
    !has_stdlib_base(module, class) && crate::statics::getattr_method(module, class).is_none()
}

/// Whether instances of `class` fit the `Callable` type `sup` through the `__call__` method of
/// its MRO (false without one); None when its `__call__` is no plain method.
fn class_to_callable(class: &pysource::Class, sup: &TypeExpr, module: &Module) -> Option<bool> {
    let Some(call) = module.lookup(class, "__call__") else { return Some(false) };
    let pysource::MemberKind::Method(call) = &call.member.kind else { return None };
    let have = crate::callable::bind_self(&crate::callable::called_signature(call), &class.name);
    let want = crate::statics::callable_signature(sup)?;
    Some(crate::callable::callable_compatible(&have, &want, module).is_ok())
}

/// Whether `class` has the members of the typeshed Protocol `sup` (`Iterator[int]`), read from
/// its stub with `sup`'s arguments; None when the stub cannot be read. A check already this deep
/// is assumed to hold, as for the Protocols of the code.
fn class_to_typeshed_protocol(class: &pysource::Class, sup: &TypeExpr, module: &Module) -> Option<bool> {
    let TypeExpr::Generic(name, _) = sup else { return None };
    let (known, _) = crate::stdlib::annotation_class(name)?;
    let base = format!("{known}{}", &show(sup)[name.len()..]);
    let protocol = crate::stdlib::protocol_class(&base, &base)?;
    let members: Vec<pysource::InheritedMember> =
        protocol.members.iter().map(|member| pysource::InheritedMember { member, owner: &protocol }).collect();
    Some(DEPTH.with(|depth| {
        if depth.get() >= 4 {
            return true;
        }
        depth.set(depth.get() + 1);
        let conforms = !crate::statics::check(module, class, &protocol, &members)
            .iter()
            .any(|r| r.severity == crate::Severity::Error);
        depth.set(depth.get() - 1);
        conforms
    }))
}

/// Notes that a judgment rested on `class` (or a Callable type) conforming to `protocol` (or to
/// a Callable type), for [`take_structural`].
fn note_structural(class: &str, protocol: &str) {
    STRUCTURAL.with(|pairs| {
        let mut pairs = pairs.borrow_mut();
        if !pairs.iter().any(|(c, p)| c == class && p == protocol) {
            pairs.push((class.to_string(), protocol.to_string()));
        }
    });
}

/// mypy's `Callable[[A...], R] <: Callable[[B...], S]`: returns covariant, parameters
/// contravariant and as many; `...` stands for any parameters, either side.
fn callable_subtype(sub: &TypeExpr, sup: &TypeExpr, module: &Module) -> bool {
    let (Some((sub_params, sub_returns)), Some((sup_params, sup_returns))) =
        (crate::types::callable_parts(sub), crate::types::callable_parts(sup))
    else {
        return false;
    };
    is_subtype(sub_returns, sup_returns, module)
        && match (sub_params, sup_params) {
            (Some(sub_params), Some(sup_params)) => {
                sub_params.len() == sup_params.len()
                    && sub_params.iter().zip(sup_params).all(|(mine, theirs)| is_subtype(theirs, mine, module))
            }
            _ => true,
        }
}

/// Whether the typeshed class `sub` (`int`) has the members of the typeshed Protocol `sup`
/// (`SupportsIndex`), comparing their stub signatures as mypy does; None when `sub` is a class
/// of the code, `sup` no Protocol, or a member is not a `def` the lab reads on both sides.
fn typeshed_structural(sub: &str, sup: &str, module: &Module) -> Option<bool> {
    let (sub_name, sub_class) = crate::stdlib::annotation_class(sub).filter(|_| module.class(sub).is_none())?;
    let (sup_name, sup_class) = crate::stdlib::annotation_class(sup).filter(|(_, c)| c.protocol)?;
    for member in &sup_class.protocol_members {
        if !sub_class.members.contains_key(member) && !sub_class.conditional.contains_key(member) {
            return Some(false);
        }
        let method = |stub: Option<pysource::Class>| match stub?.members.into_iter().next()?.kind {
            pysource::MemberKind::Method(function) => Some(crate::callable::called_signature(&function)),
            _ => None,
        };
        let (have, want) = (
            method(crate::stdlib::stub_class(sub_name, member))?,
            method(crate::stdlib::stub_class(sup_name, member))?,
        );
        if crate::callable::callable_compatible(&have, &want, module).is_err() {
            return Some(false);
        }
    }
    Some(true)
}

/// Nominal subtyping between classes of typeshed, as mypy maps a class to its stub bases: false
/// when `sup`'s class is not among `sub`'s stub bases (or, for a Protocol, `sub`'s stub lacks one
/// of its members); when it is, the arguments `sub` passes it compared with `sup`'s by their
/// variance. None for anything else (a class of the code, a Protocol `sub` may match, arguments
/// the data cannot line up).
fn typeshed_nominal(sub: &TypeExpr, sup: &TypeExpr, module: &Module) -> Option<bool> {
    let parts = |typ: &TypeExpr| match typ {
        TypeExpr::Name(name) => Some((name.clone(), Vec::new())),
        TypeExpr::Generic(name, args) => Some((name.clone(), args.clone())),
        _ => None,
    };
    let ((sub_name, sub_args), (sup_name, sup_args)) = (parts(sub)?, parts(sup)?);
    let sub_args = crate::stdlib::with_defaults(&sub_name, &sub_args)?;
    let sup_args = crate::stdlib::with_defaults(&sup_name, &sup_args)?;
    if module.class(&sub_name).is_some() || module.class(&sup_name).is_some() {
        return None;
    }
    let (_, sub_class) = crate::stdlib::annotation_class(&sub_name)?;
    if sup_name == "Callable" {
        // A `Callable[...]` is the type of anything with `__call__`.
        return (!sub_class.members.contains_key("__call__")).then_some(false);
    }
    let (_, sup_class) = crate::stdlib::annotation_class(&sup_name)?;
    let ancestor = sup_class.mro.first()?;
    if !sub_class.mro.contains(ancestor) {
        if sup_class.protocol {
            // A member the stub of `sub` lacks is missing for mypy too.
            let lacks = |m: &String| !sub_class.members.contains_key(m) && !sub_class.conditional.contains_key(m);
            return sup_class.protocol_members.iter().any(lacks).then_some(false);
        }
        return Some(false);
    }
    if sup_args.is_empty() {
        return Some(true);
    }
    // What `sub` passes `sup`'s class, with `sub`'s own arguments (Any for a bare class) put in.
    let passed: Vec<TypeExpr> = if sub_class.mro.first() == Some(ancestor) {
        sub_class.type_params.iter().map(|p| TypeExpr::Name(p.clone())).collect()
    } else {
        sub_class.ancestors.get(ancestor)?.iter().map(|t| crate::types::parse(t)).collect()
    };
    let arguments = match sub_args.len() {
        0 => vec![TypeExpr::Any; sub_class.type_params.len()],
        n if n == sub_class.type_params.len() => sub_args,
        _ => return None,
    };
    let replace = |name: &str| sub_class.type_params.iter().position(|p| p == name).map(|i| arguments[i].clone());
    let passed: Vec<TypeExpr> = passed.iter().map(|t| crate::callable::substitute(t, &replace)).collect();
    if passed.len() != sup_args.len() || sup_class.variance.len() != sup_args.len() {
        return None;
    }
    Some(passed.iter().zip(&sup_args).zip(sup_class.variance.chars()).all(|((have, want), variance)| match variance {
        '+' => is_subtype(have, want, module),
        '-' => is_subtype(want, have, module),
        _ => is_subtype(have, want, module) && is_subtype(want, have, module),
    }))
}

/// The literal type of one value, as `types::parse` reads it.
fn literal(value: &str) -> TypeExpr {
    TypeExpr::Generic(crate::types::LITERAL.into(), vec![TypeExpr::Name(value.into())])
}

fn promotes(sub: &str, sup: &str) -> bool {
    matches!((sub, sup), ("bool", "int" | "float" | "complex") | ("int", "float" | "complex") | ("float", "complex"))
}

/// Nominal inheritance, or structural conformance when `sup` is a Protocol of the module. Like
/// mypy, a protocol check already in progress (a recursive protocol) is assumed to hold.
fn inherits(module: &Module, sub: &str, sup: &str) -> bool {
    let Some(class) = module.class(sub) else { return false };
    if module.inherits(class, sup) {
        return true;
    }
    let Some(protocol) = module.class(sup).filter(|p| p.is_protocol) else { return false };
    note_structural(sub, sup);
    DEPTH.with(|depth| {
        if depth.get() >= 4 {
            return true;
        }
        depth.set(depth.get() + 1);
        let conforms =
            !crate::statics::check(module, class, protocol, &crate::statics::protocol_members(module, protocol))
                .iter()
                .any(|r| r.severity == crate::Severity::Error);
        depth.set(depth.get() - 1);
        conforms
    })
}

/// Whether `name` (as annotations spell it, `typing.` stripped) is a Protocol in typeshed.
fn typeshed_protocol(name: &str) -> bool {
    crate::stdlib::class(&format!("collections.abc.{name}")).is_some_and(|(_, std)| std.protocol)
}

/// Whether a class of `class`'s MRO has a base the code does not define, besides `object` and
/// `Protocol`.
fn has_stdlib_base(module: &Module, class: &pysource::Class) -> bool {
    module
        .mro(class)
        .iter()
        .flat_map(|c| c.base_names())
        .any(|base| module.class(base).is_none() && !crate::runtime::is_object(base))
}

thread_local! {
    /// (class, type) judgments [`is_subtype`] answered false without knowing.
    static UNJUDGED: std::cell::RefCell<Vec<(String, String)>> = const { std::cell::RefCell::new(Vec::new()) };
    /// What [`is_subtype`] answers for a judgment it cannot make: false, or true under [`optimistic`].
    static OPTIMISTIC: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    /// The (class, protocol) pairs judged structurally since the last [`take_structural`].
    static STRUCTURAL: std::cell::RefCell<Vec<(String, String)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The (class, protocol) pairs whose conformance a subtype judgment needed since the last call:
/// a verdict that rests on one of them rests on what the lab says of that pair.
pub(crate) fn take_structural() -> Vec<(String, String)> {
    STRUCTURAL.with(|pairs| std::mem::take(&mut *pairs.borrow_mut()))
}

/// The (class, type) judgments [`is_subtype`] could not make since the last call: a verdict that
/// rests on one of them is declined.
pub(crate) fn take_unjudged() -> Vec<(String, String)> {
    UNJUDGED.with(|unjudged| std::mem::take(&mut *unjudged.borrow_mut()))
}

/// `judge` with every judgment [`is_subtype`] cannot make answered true. Its verdicts only gain
/// errors from false answers, so an error that remains is certain.
pub(crate) fn optimistic<T>(judge: impl FnOnce() -> T) -> T {
    OPTIMISTIC.with(|o| o.set(true));
    let judged = judge();
    OPTIMISTIC.with(|o| o.set(false));
    take_unjudged();
    judged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_types_are_their_values_class_and_themselves() {
        let module = pysource::parse("class Local:\n    pass\n").unwrap();
        let judge = |sub: &str, sup: &str| is_subtype(&crate::types::parse(sub), &crate::types::parse(sup), &module);
        assert!(judge("Literal[True]", "bool"));
        assert!(judge("Literal[True]", "int"), "bool is an int");
        assert!(judge("Literal[True]", "Literal[True, False]"));
        assert!(judge("Literal[1, 2]", "int | None"));
        assert!(judge("Literal['a']", "str"));
        assert!(judge("Literal['a']", "object"));
        assert!(!judge("Literal['a']", "int"));
        assert!(!judge("Literal[True]", "Literal[False]"));
        assert!(!judge("Literal[1]", "Literal[True]"), "1 == True, but not the same literal type");
        assert!(!judge("bool", "Literal[True]"));
        assert!(judge("bool", "Literal[True, False]"), "mypy expands bool against a union");
        assert!(judge("bool", "Literal[False] | None | Literal[True]"));
        assert!(!judge("bool", "Literal[True] | None"));
        assert!(!judge("Local", "Literal[1]"));
        assert!(judge("Any", "Literal[1]"));
    }

    #[test]
    fn typeshed_types_are_judged_from_their_stubs_or_left_to_mypy() {
        let module = pysource::parse(
            "from typing import Protocol\nclass Local:\n    pass\n\
             class Callback(Protocol):\n    def __call__(self, x: int) -> str: ...\n\
             class Doubler:\n    def __call__(self, x: int) -> str: return ''\n\
             class Steps:\n    def __next__(self) -> int: return 0\n    def __iter__(self) -> 'Steps': return self\n",
        )
        .unwrap();
        let judge = |sub: &str, sup: &str| {
            take_unjudged();
            let verdict = is_subtype(&crate::types::parse(sub), &crate::types::parse(sup), &module);
            (verdict, !take_unjudged().is_empty())
        };
        assert_eq!(judge("int", "SupportsIndex"), (true, false), "int's stub has __index__");
        assert_eq!(judge("str", "SupportsIndex"), (false, false));
        assert_eq!(judge("KeyError", "LookupError"), (true, false), "a stub base");
        assert_eq!(judge("BaseException", "Exception"), (false, false));
        assert_eq!(judge("dict_keys[str, int]", "dict_keys[str, int]"), (true, false));
        assert_eq!(judge("list[str]", "KeysView[str]"), (false, false), "not among list's stub bases");
        assert_eq!(judge("dict_keys[str, int]", "KeysView[str]"), (true, false), "through its stub bases");
        assert_eq!(judge("dict_keys[str, int]", "Iterable[object]"), (true, false), "covariant");
        assert_eq!(judge("dict_keys[object, int]", "KeysView[str]"), (false, false));
        assert_eq!(judge("str", "Sequence[str]"), (true, false));
        assert_eq!(judge("bytes", "Sequence[str]"), (false, false));
        assert_eq!(judge("dict_keys", "Iterable[int]"), (true, false), "a bare class passes Any");
        assert_eq!(judge("Local", "SupportsIndex"), (false, true), "a class of the code");
        assert_eq!(judge("bytes", "Callable[..., int]"), (false, false), "no __call__");
        assert_eq!(judge("Callable[[int], str]", "Callable[[bool], object]"), (true, false));
        assert_eq!(judge("Callable[[bool], str]", "Callable[[int], str]"), (false, false), "contravariant");
        assert_eq!(judge("tuple[bool, int]", "tuple[int, ...]"), (true, false));
        assert_eq!(judge("Callable[[int], str]", "Callback"), (true, false), "a callback Protocol");
        assert_eq!(judge("Callable[[str], str]", "Callback"), (false, false));
        assert_eq!(judge("Local", "Callable[[int], str]"), (false, false), "no __call__");
        assert_eq!(judge("Doubler", "Callable[[bool], object]"), (true, false));
        assert_eq!(judge("Doubler", "Callable[[], str]"), (false, false));
        assert_eq!(judge("Steps", "Iterator[int]"), (true, false), "by its members, recursively");
        assert_eq!(judge("Steps", "Iterator[str]"), (false, false));
        assert_eq!(judge("Local", "Iterable[int]"), (false, false));
        assert_eq!(judge("tuple[int, ...]", "tuple[int, int]"), (false, false));
        assert_eq!(judge("tuple[bool, ...]", "Sequence[int]"), (true, false));
    }
}
