use pysource::{Module, TypeExpr};

/// mypy's `is_subtype` for the annotations the lab handles: `Any` both ways, `object` on top,
/// the numeric promotions bool < int < float < complex, unions, `None`, module classes by
/// inheritance, and generics (mutable containers invariant, read-only ones covariant).
pub(crate) fn is_subtype(sub: &TypeExpr, sup: &TypeExpr, module: &Module) -> bool {
    use TypeExpr::*;
    match (sub, sup) {
        (Any, _) | (_, Any) => true,
        (_, Name(top)) if top == "object" => true,
        (Union(members), _) => members.iter().all(|m| is_subtype(m, sup, module)),
        (_, Union(members)) => members.iter().any(|m| is_subtype(sub, m, module)),
        (None, None) => true,
        (None, _) | (_, None) => false,
        (Name(a), Name(b)) => a == b || promotes(a, b) || inherits(module, a, b),
        (Generic(a, args), Name(b)) => (a == b && args.iter().all(|t| *t == Any)) || promotes(a, b),
        (Name(a), Generic(b, args)) => a == b && args.iter().all(|t| *t == Any),
        (Generic(a, sub_args), Generic(b, sup_args)) => {
            if a == b && sub_args.len() == sup_args.len() {
                let covariant =
                    matches!(a.as_str(), "tuple" | "Sequence" | "Iterable" | "Iterator" | "frozenset" | "type");
                sub_args.iter().zip(sup_args).all(|(s, t)| {
                    if covariant {
                        is_subtype(s, t, module)
                    } else {
                        is_subtype(s, t, module) && is_subtype(t, s, module)
                    }
                })
            } else {
                let readable = matches!(
                    (a.as_str(), b.as_str()),
                    ("list" | "tuple", "Sequence") | ("list" | "tuple" | "set" | "frozenset" | "dict", "Iterable")
                );
                readable
                    && !sub_args.is_empty()
                    && !sup_args.is_empty()
                    && is_subtype(&sub_args[0], &sup_args[0], module)
            }
        }
        (Unknown(a), Unknown(b)) => a == b,
        _ => false,
    }
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

thread_local! {
    static DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}
