use std::collections::HashMap;

use pysource::{Attribute, Class, InheritedMember, MemberKind, Module, ParamKind};

use crate::dataclasses::HashAction;
use crate::declines::Context;
use crate::init_runs::Value;
use crate::statics::getattr_method;
use crate::stdlib::RuntimeMember;
use crate::{Check, Reason, ReasonKind, RuntimeVerdict, Severity};

/// `isinstance(instance, protocol)` on CPython 3.`python_minor` and how the instance is made (see
/// the crate documentation). `members` are the protocol's members, as for the static check.
pub(crate) fn check(
    module: &Module,
    class: &Class,
    protocol: &Class,
    members: &[InheritedMember],
    python_minor: u8,
    context: &Context,
    reasons: &mut Vec<Reason>,
) -> (RuntimeVerdict, String) {
    let named_tuple = named_tuple(module, class);
    let runs_init = named_tuple.is_some() || init_needs_no_arguments(module, class);
    let instance = match named_tuple {
        Some(tuple_class) => {
            let required = fields(tuple_class).filter(|(_, a)| a.class_value.is_none()).count();
            format!("{}({})", class.name, vec!["None"; required].join(", "))
        }
        None if runs_init => format!("{}()", class.name),
        None => format!("{0}.__new__({0})", class.name),
    };
    if !protocol.is_runtime_checkable {
        reasons.push(Reason {
            check: Check::Runtime,
            kind: ReasonKind::NotRuntimeCheckable,
            member: String::new(),
            message: format!(
                "{} is not decorated with @runtime_checkable, so isinstance() raises TypeError.",
                protocol.name
            ),
            severity: Severity::Error,
        });
        return (RuntimeVerdict::TypeError, instance);
    }
    // isinstance() asks ABCMeta first: an explicit subclass matches whatever its members.
    if module.inherits(class, &protocol.name) {
        return (RuntimeVerdict::Matches(true), instance);
    }
    // From 3.13 on `typing` leaves `__match_args__` out of a Protocol's members.
    let asked: Vec<InheritedMember> =
        members.iter().copied().filter(|m| python_minor < 13 || m.member.name != "__match_args__").collect();
    let members = asked.as_slice();
    // Up to 3.11 the check is `hasattr(instance, name)`, which falls back on `__getattr__`; from
    // 3.12 on it is `inspect.getattr_static`, which never calls it.
    let dynamic_attributes = getattr_method(module, class).is_some();
    let answered_by_getattr = dynamic_attributes && python_minor < 12;
    // A slot's descriptor is on the class whether or not the slot is set. From 3.12 on
    // `getattr_static` finds it; up to 3.11 a Protocol of methods only asks the class first, and
    // any other asks `hasattr(instance, name)`, which an unset slot fails.
    let slots = crate::slots::slots(module, class);
    let callable_only = members.iter().all(|m| matches!(m.member.kind, MemberKind::Method(_)));
    let construction = if runs_init && named_tuple.is_none() { context.construction(class).ok() } else { None };
    let mut matches = true;
    for wanted in members {
        let wants_callable = matches!(wanted.member.kind, MemberKind::Method(_));
        let inherited = module.lookup(class, &wanted.member.name);
        let found = inherited.as_ref().map(|m| &m.member.kind);
        // What making the instance sets, where the lab follows it (`init_runs.rs`); otherwise an
        // attribute a base's `__init__` sets exists when the `__init__` that runs calls it.
        let constructed = construction.as_ref().map(|set| set.get(&wanted.member.name));
        let set_by_init = match constructed {
            Some(value) => value.is_some(),
            None => {
                runs_init
                    && inherited.as_ref().is_some_and(|m| {
                        matches!(&m.member.kind, MemberKind::Attribute(a) if a.assigned_in_init)
                            && context.init_sets(class, m.owner) != Some(false)
                    })
            }
        };
        let set_to_none = constructed.flatten() == Some(&Value::Literal(pysource::Literal::None));
        let field = named_tuple
            .filter(|tuple_class| inherited.as_ref().is_some_and(|m| m.owner.name == tuple_class.name))
            .and_then(|tuple_class| fields(tuple_class).find(|(name, _)| *name == wanted.member.name.as_str()));
        let (present, is_none) = match (found, field) {
            // A field is a descriptor on the class, whatever its value. Up to 3.11 a Protocol with
            // data members reads the value from the instance, where a required field is None.
            (_, Some((_, attribute))) => {
                let value_is_none = attribute.class_value.as_deref().is_none_or(|value| value == "None");
                (true, python_minor < 12 && !callable_only && value_is_none)
            }
            _ if slots.contains(&wanted.member.name) => (python_minor >= 12 || callable_only || set_by_init, false),
            (None, _) if from_object(module, class, &wanted.member.name) => (true, false),
            (None, _) if set_by_init => (true, set_to_none),
            (None, _) => {
                let (present, is_none) =
                    stdlib_member(module, class, &wanted.member.name, python_minor, !callable_only);
                (present || answered_by_getattr, is_none)
            }
            (Some(MemberKind::Attribute(attribute)), _) => {
                let present = attribute.class_value.is_some() || set_by_init || answered_by_getattr;
                let class_none = attribute.class_value.as_deref() == Some("None") && !set_by_init;
                (present, class_none || set_to_none)
            }
            (Some(_), _) => (true, false),
        };
        // `type()` sets `__hash__` to None in a class that defines `__eq__` without it, and so
        // does `@dataclass` by its options.
        let unhashed =
            (wanted.member.name == "__hash__").then(|| hash_is_none(module, class, context.hash_actions())).flatten();
        let is_none = is_none || unhashed.is_some();
        if !present {
            matches = false;
            let message = match found {
                _ if slots.contains(&wanted.member.name) => format!(
                    "{}'s slot {} is not set on {instance}, and before 3.12 isinstance() asks hasattr(), which an \
                     unset slot fails.",
                    class.name, wanted.member.name
                ),
                Some(MemberKind::Attribute(a)) if a.assigned_in_init && runs_init => {
                    let owner = inherited.as_ref().map_or(class.name.as_str(), |m| m.owner.name.as_str());
                    format!(
                        "{} is only set in {owner}.__init__, which the __init__ that {instance} runs does not call.",
                        wanted.member.name
                    )
                }
                Some(MemberKind::Attribute(a)) if a.assigned_in_init => {
                    format!("{} is only set in __init__, which {instance} does not run.", wanted.member.name)
                }
                Some(MemberKind::Attribute(_))
                    if inherited
                        .as_ref()
                        .is_some_and(|m| m.owner.attribute_writes.iter().any(|w| w.name == m.member.name)) =>
                {
                    format!("{} is only set by methods, which making {instance} does not run.", wanted.member.name)
                }
                Some(MemberKind::Attribute(_)) => format!(
                    "{}.{} is only annotated: without a value the instance has no such attribute.",
                    class.name, wanted.member.name
                ),
                _ if dynamic_attributes => format!(
                    "{} has no attribute {}: since Python 3.12 isinstance() looks members up with \
                     inspect.getattr_static, which never calls __getattr__.",
                    class.name, wanted.member.name
                ),
                _ => format!("{} has no attribute {}.", class.name, wanted.member.name),
            };
            reasons.push(runtime_reason(ReasonKind::MissingAtRuntime, &wanted.member.name, message));
        } else if is_none && wants_callable {
            matches = false;
            let message = match unhashed {
                Some(why) => {
                    format!("{why}, which runtime_checkable treats as deliberately absent (mypy does not model it).")
                }
                None => format!(
                    "{}.{} is None, which runtime_checkable treats as deliberately absent.",
                    class.name, wanted.member.name
                ),
            };
            reasons.push(runtime_reason(ReasonKind::NoneAtRuntime, &wanted.member.name, message));
        }
    }
    (RuntimeVerdict::Matches(matches), instance)
}

/// The class of `class`'s MRO that `typing.NamedTuple` made (its base spelled so by
/// `dataclasses::normalize`), whose instances the probe makes with None for each required field.
fn named_tuple<'m>(module: &'m Module, class: &'m Class) -> Option<&'m Class> {
    module.mro(class).into_iter().find(|c| c.bases.iter().any(|b| b == "typing.NamedTuple"))
}

/// A `NamedTuple` class's fields in order: its annotated attributes that are not `ClassVar`.
fn fields(tuple_class: &Class) -> impl Iterator<Item = (&str, &Attribute)> {
    tuple_class.members.iter().filter_map(|m| match &m.kind {
        MemberKind::Attribute(a) if a.annotation.is_some() && !a.class_var => Some((m.name.as_str(), a)),
        _ => None,
    })
}

/// Whether `class` has `name` from `object` alone: no class of its MRO defines it, none has a
/// standard-library base, and `object` has it as a method ([`crate::stdlib::object_method`]).
pub(crate) fn from_object(module: &Module, class: &Class, name: &str) -> bool {
    let mro = module.mro(class);
    crate::stdlib::object_method(name)
        && mro.iter().all(|c| c.member(name).is_none())
        && mro.iter().flat_map(|c| c.base_names()).all(|base| module.class(base).is_some() || is_object(base))
}

/// `object` or `Protocol` as a base: they add no members the lab does not know.
pub(crate) fn is_object(base: &str) -> bool {
    matches!(base, "object" | "builtins.object" | "Protocol" | "typing.Protocol" | "typing_extensions.Protocol")
}

/// Why `class.__hash__` is None at runtime, if it is by a rule and not by an assignment: the
/// nearest class of its MRO that says anything about `__hash__` is a dataclass that sets it to
/// None, or a class that defines `__eq__` and not `__hash__` (`type()` sets it to None).
fn hash_is_none(module: &Module, class: &Class, hash_actions: &HashMap<String, HashAction>) -> Option<String> {
    for owner in module.mro(class) {
        match hash_actions.get(&owner.name) {
            Some(HashAction::SetNone) => {
                return Some(format!("@dataclass with eq=True and not frozen sets {}.__hash__ to None", owner.name))
            }
            Some(HashAction::Generated) => return None,
            _ => {}
        }
        if owner.member("__hash__").is_some() {
            return None;
        }
        if owner.member("__eq__").is_some() {
            return Some(format!(
                "{0} defines __eq__ without __hash__, so Python sets {0}.__hash__ to None",
                owner.name
            ));
        }
    }
    None
}

/// Whether the first standard-library base of `class` that has `name` (which `isinstance` finds
/// on the class) or sets it to None on CPython 3.`python_minor` has it, and whether it is None.
fn stdlib_member(module: &Module, class: &Class, name: &str, python_minor: u8, data_members: bool) -> (bool, bool) {
    let found = module.mro(class).iter().flat_map(|c| c.bases.iter()).find_map(|base| {
        let known = crate::stdlib::runtime_known(base);
        match known.then(|| crate::stdlib::runtime_member(base, name, python_minor, data_members))? {
            RuntimeMember::Method => Some(false),
            RuntimeMember::NoneValue => Some(true),
            _ => None,
        }
    });
    (found.is_some(), found == Some(true))
}

fn runtime_reason(kind: ReasonKind, member: &str, message: String) -> Reason {
    Reason { check: Check::Runtime, kind, member: member.to_string(), message, severity: Severity::Error }
}

/// Whether `C()` works: no `__init__` in the module MRO, or one whose parameters after `self`
/// all have defaults or are variadic.
pub(crate) fn init_needs_no_arguments(module: &Module, class: &Class) -> bool {
    match module.lookup(class, "__init__").map(|m| &m.member.kind) {
        None => true,
        Some(MemberKind::Method(init)) => init
            .bound_signature()
            .params
            .iter()
            .all(|p| p.default.is_some() || matches!(p.kind, ParamKind::VarPositional | ParamKind::VarKeyword)),
        Some(_) => false,
    }
}
