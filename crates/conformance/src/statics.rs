use pysource::{Attribute, Class, InheritedMember, MemberKind, Module, Param, ParamKind, Signature, TypeExpr};

use crate::callable::{bind_self, callable_compatible, called_signature, renamed_parameters, show};
use crate::subtype::is_subtype;
use crate::{Check, Reason, ReasonKind, Severity};

/// Names `typing` never treats as protocol members.
const NOT_PROTOCOL_MEMBERS: &[&str] = &["__init__", "__new__", "__slots__", "__class_getitem__", "__init_subclass__"];

/// The members a protocol asks for: those declared in the bodies of the protocol classes of its
/// MRO (attributes only assigned on `self` in a protocol's `__init__` are not members).
pub(crate) fn protocol_members<'m>(module: &'m Module, protocol: &'m Class) -> Vec<InheritedMember<'m>> {
    module
        .members_of(protocol)
        .into_iter()
        .filter(|m| m.owner.is_protocol && !NOT_PROTOCOL_MEMBERS.contains(&m.member.name.as_str()))
        .filter(|m| match &m.member.kind {
            MemberKind::Attribute(a) => a.annotation.is_some() || a.class_value.is_some(),
            _ => true,
        })
        .collect()
}

/// What default-mode mypy says about `x: Protocol = Class()`, as reasons (errors fail it).
/// `members` are the protocol's [`protocol_members`], computed once per protocol by the caller.
pub(crate) fn check(module: &Module, class: &Class, protocol: &Class, members: &[InheritedMember]) -> Vec<Reason> {
    let mut reasons = Vec::new();
    for wanted in members {
        let name = &wanted.member.name;
        let mut error = |kind: ReasonKind, message: String| {
            reasons.push(Reason {
                check: Check::Static,
                kind,
                member: name.clone(),
                message,
                severity: Severity::Error,
            })
        };
        // A member a standard-library base declares, read from its stub, is compared like one of
        // the code (the declines say when the stub cannot be read).
        let stub = module.lookup(class, name).is_none().then(|| crate::stdlib::declaring_stub(module, class, name));
        let found = match &stub {
            Some(Some(stub)) => Some(InheritedMember { member: &stub.members[0], owner: stub }),
            _ => module.lookup(class, name),
        };
        let Some(found) = found else {
            match getattr_method(module, class) {
                Some(getattr) => {
                    if let Err((kind, message)) = through_getattr(&wanted.member.kind, &return_type(getattr), module) {
                        error(
                            kind,
                            format!(
                                "{} has no member {name}, so mypy types it with __getattr__: {message}.",
                                class.name
                            ),
                        );
                    }
                }
                None => error(
                    ReasonKind::MissingMember,
                    format!("{} has no member {name}, which {} requires.", class.name, protocol.name),
                ),
            }
            continue;
        };
        let inherited = if found.owner.name == class.name {
            String::new()
        } else {
            format!(" (inherited from {})", found.owner.name)
        };
        match (&wanted.member.kind, &found.member.kind) {
            (MemberKind::Method(want), MemberKind::Method(have)) => {
                // A method generic in its own type variables is compared as mypy unifies it (the
                // declines say when the lab cannot).
                let solved = crate::method_generics::solve(module, &found.owner.name, have, want).and_then(Result::ok);
                let have = solved.as_ref().unwrap_or(have);
                let (want, have) =
                    (bind_self(&called_signature(want), &class.name), bind_self(&called_signature(have), &class.name));
                match callable_compatible(&have, &want, module) {
                    Err(why) => error(
                        ReasonKind::SignatureIncompatible,
                        format!("{}.{name}{inherited} does not match the protocol's signature: {why}.", class.name),
                    ),
                    Ok(()) => {
                        for (expected, actual) in renamed_parameters(&have, &want) {
                            let message = match actual {
                                Some(actual) => format!(
                                    "{}.{name} calls parameter '{expected}' '{actual}'. mypy accepts it for protocols, \
                                     but callers passing {expected}=... by keyword break.",
                                    class.name
                                ),
                                None => format!(
                                    "{}.{name} makes '{expected}' positional-only. mypy accepts it for protocols, \
                                     but callers passing {expected}=... by keyword break.",
                                    class.name
                                ),
                            };
                            reasons.push(Reason {
                                check: Check::Static,
                                kind: ReasonKind::ParameterRenamed,
                                member: name.clone(),
                                message,
                                severity: Severity::Warning,
                            });
                        }
                    }
                }
            }
            (MemberKind::Method(want), MemberKind::Attribute(attribute)) => {
                // An attribute of a Callable type is called like a method (mypy does not bind it).
                if let Some(have) = callable_signature(&attribute_type(attribute)) {
                    let want = bind_self(&called_signature(want), &class.name);
                    if let Err(why) = callable_compatible(&have, &want, module) {
                        error(
                            ReasonKind::SignatureIncompatible,
                            format!(
                                "{}.{name}{inherited} is {}, which does not match the protocol's signature: {why}.",
                                class.name,
                                show(&attribute_type(attribute))
                            ),
                        );
                    }
                } else if attribute_type(attribute) != TypeExpr::Any {
                    error(
                        ReasonKind::WrongMemberKind,
                        format!(
                            "{} requires a method {name}; {}.{name} is a data attribute.",
                            protocol.name, class.name
                        ),
                    );
                }
            }
            (MemberKind::Method(_), MemberKind::Property { .. }) => {
                error(
                    ReasonKind::WrongMemberKind,
                    format!("{} requires a method {name}; {}.{name} is a property.", protocol.name, class.name),
                );
            }
            (MemberKind::Property { getter, setter, .. }, have) => {
                let want = return_type(getter);
                let settable = setter.is_some();
                let (have_type, have_settable) = match have {
                    MemberKind::Attribute(attribute) => {
                        (attribute_type(attribute), !attribute.class_var && !attribute.read_only)
                    }
                    MemberKind::Property { getter, setter, .. } => (return_type(getter), setter.is_some()),
                    MemberKind::Method(_) => {
                        error(
                            ReasonKind::WrongMemberKind,
                            format!("{} requires a property {name}; {}.{name} is a method.", protocol.name, class.name),
                        );
                        continue;
                    }
                };
                if settable && !have_settable {
                    error(
                        ReasonKind::ReadOnlyProperty,
                        format!("{}'s {name} can be set, but {}.{name} is read-only.", protocol.name, class.name),
                    );
                } else if !is_subtype(&have_type, &want, module) || (settable && !is_subtype(&want, &have_type, module))
                {
                    error(
                        ReasonKind::AttributeTypeIncompatible,
                        format!(
                            "{}.{name} is {} but {} expects {}.",
                            class.name,
                            show(&have_type),
                            protocol.name,
                            show(&want)
                        ),
                    );
                }
            }
            (MemberKind::Attribute(want), have) => {
                let want_type = attribute_type(want);
                let have_type = match have {
                    MemberKind::Attribute(attribute) if attribute.class_var && !want.class_var => {
                        error(
                            ReasonKind::ClassVarMismatch,
                            format!(
                                "{}.{name} is a ClassVar, but {} expects an instance attribute.",
                                class.name, protocol.name
                            ),
                        );
                        continue;
                    }
                    MemberKind::Attribute(attribute) if want.class_var && !attribute.class_var => {
                        error(
                            ReasonKind::ClassVarMismatch,
                            format!(
                                "{} declares {name} as a ClassVar, but {}.{name} is an instance attribute.",
                                protocol.name, class.name
                            ),
                        );
                        continue;
                    }
                    MemberKind::Attribute(attribute) if attribute.read_only => {
                        error(
                            ReasonKind::ReadOnlyProperty,
                            format!(
                                "{} declares {name} as a settable attribute; {}.{name} is read-only (Final, or a frozen or \
                                 NamedTuple field).",
                                protocol.name, class.name
                            ),
                        );
                        continue;
                    }
                    MemberKind::Attribute(attribute) => attribute_type(attribute),
                    MemberKind::Property { getter, setter: Some(_), .. } => return_type(getter),
                    MemberKind::Property { .. } => {
                        error(
                            ReasonKind::ReadOnlyProperty,
                            format!(
                                "{} declares {name} as a settable attribute; {}.{name} is a read-only property.",
                                protocol.name, class.name
                            ),
                        );
                        continue;
                    }
                    MemberKind::Method(_) => {
                        error(
                            ReasonKind::WrongMemberKind,
                            format!(
                                "{} requires an attribute {name}; {}.{name} is a method.",
                                protocol.name, class.name
                            ),
                        );
                        continue;
                    }
                };
                // Settable attributes are invariant: reading needs have <: want, writing want <: have.
                if !is_subtype(&have_type, &want_type, module) || !is_subtype(&want_type, &have_type, module) {
                    error(
                        ReasonKind::AttributeTypeIncompatible,
                        format!(
                            "{}.{name} is {} but {} declares {}; settable attributes must match exactly.",
                            class.name,
                            show(&have_type),
                            protocol.name,
                            show(&want_type)
                        ),
                    );
                }
            }
        }
    }
    reasons
}

/// A `Callable[[A, B], R]` type as the signature of a function that takes A and B positionally
/// (`Callable[..., R]` takes anything); None for any other type.
pub(crate) fn callable_signature(typ: &TypeExpr) -> Option<Signature> {
    let (params, returns) = crate::types::callable_parts(typ)?;
    let param =
        |name: String, kind, typ: Option<&TypeExpr>| Param { name, kind, default: None, annotation: typ.map(show) };
    let params = match params {
        Some(params) => params
            .iter()
            .enumerate()
            .map(|(i, t)| param(format!("__p{i}"), ParamKind::PositionalOnly, Some(t)))
            .collect(),
        None => vec![
            param("args".into(), ParamKind::VarPositional, None),
            param("kwargs".into(), ParamKind::VarKeyword, None),
        ],
    };
    Some(Signature { params, returns: Some(show(returns)) })
}

/// The class's own `__getattr__` (from its module MRO), which answers for missing attributes.
pub(crate) fn getattr_method<'m>(module: &'m Module, class: &'m Class) -> Option<&'m pysource::Function> {
    match &module.lookup(class, "__getattr__")?.member.kind {
        MemberKind::Method(getattr) => Some(getattr),
        _ => None,
    }
}

/// mypy's verdict on a protocol member that the class only provides through `__getattr__`,
/// typed as what `__getattr__` returns (Any when unannotated).
fn through_getattr(wanted: &MemberKind, have: &TypeExpr, module: &Module) -> Result<(), (ReasonKind, String)> {
    if *have == TypeExpr::Any {
        return Ok(());
    }
    match wanted {
        MemberKind::Method(_) => Err((ReasonKind::WrongMemberKind, format!("it returns {}, not a method", show(have)))),
        MemberKind::Property { getter, .. } => {
            let want = return_type(getter);
            if is_subtype(have, &want, module) {
                Ok(())
            } else {
                Err((
                    ReasonKind::AttributeTypeIncompatible,
                    format!("it returns {} but the protocol expects {}", show(have), show(&want)),
                ))
            }
        }
        MemberKind::Attribute(attribute) => {
            let want = attribute_type(attribute);
            if is_subtype(have, &want, module) && is_subtype(&want, have, module) {
                Ok(())
            } else {
                Err((
                    ReasonKind::AttributeTypeIncompatible,
                    format!(
                        "it returns {} but the protocol declares {}, and settable attributes must match exactly",
                        show(have),
                        show(&want)
                    ),
                ))
            }
        }
    }
}

fn return_type(function: &pysource::Function) -> TypeExpr {
    function.signature.returns.as_deref().map_or(TypeExpr::Any, crate::types::parse)
}

/// The declared type, else what mypy infers from a literal class-level value, else Any
/// (attributes only assigned in `__init__` are modelled as Any).
pub(crate) fn attribute_type(attribute: &Attribute) -> TypeExpr {
    if let Some(annotation) = &attribute.annotation {
        return crate::types::parse(annotation);
    }
    let Some(value) = attribute.class_value.as_deref().map(str::trim) else { return TypeExpr::Any };
    let name = |n: &str| TypeExpr::Name(n.to_string());
    match value {
        "None" => TypeExpr::None,
        "True" | "False" => name("bool"),
        _ if value.starts_with(['"', '\'']) => name("str"),
        _ if value.starts_with(['b', 'B']) && value[1..].starts_with(['"', '\'']) => name("bytes"),
        _ if value.trim_start_matches('-').chars().all(|c| c.is_ascii_digit() || c == '_') && !value.is_empty() => {
            name("int")
        }
        _ if value.trim_start_matches('-').chars().all(|c| c.is_ascii_digit() || c == '.') && value.contains('.') => {
            name("float")
        }
        // A display of literals: `[1]` is `list[int]`.
        _ => pysource::expression(value)
            .and_then(|expression| crate::inferred::literal_type(&expression))
            .map_or(TypeExpr::Any, |typ| crate::types::parse(&typ)),
    }
}
