//! `@dataclass` as the lab models it: the class is rewritten into the plain class the decorator
//! makes, so the static and runtime models judge it like any other. Fields are the annotated
//! class-level names (not `ClassVar`); `frozen=True` makes them read-only; the generated
//! `__init__` takes every field of the class and its dataclass bases, and sets them, unless the
//! class defines its own, which the decorator keeps; `order=True` adds `__lt__`, `__le__`, `__gt__`
//! and `__ge__`, whose operand is of the class they are looked up on (mypy's plugin types it with a
//! type variable bound to self's type, which the lab writes `Self`). Options and fields the lab
//! does not model, and classes the decorator refuses (`order=True` beside `eq=False` or beside an
//! ordering method of the class's own), leave the decorator in place, and the pair is declined.

use pysource::{Class, Expression, Function, Literal, Member, MemberKind, Module, Param, ParamKind, Signature};

/// `dataclass` keywords the lab models; any other keeps the class declined.
const MODELLED_OPTIONS: &[&str] = &["init", "repr", "eq", "order", "frozen", "unsafe_hash"];

/// The methods `order=True` generates.
const ORDER_METHODS: [&str; 4] = ["__lt__", "__le__", "__gt__", "__ge__"];

struct Options {
    init: bool,
    frozen: bool,
    eq: bool,
    order: bool,
    unsafe_hash: bool,
}

/// One field: its name and whether it has a default (a value, or `field(default_factory=...)`).
struct Field {
    name: String,
    has_default: bool,
    /// `field(default_factory=...)`: the class attribute is removed, only `__init__` sets it.
    factory: bool,
}

/// Whether `class` is a `typing.NamedTuple` class (its base spelled from its module by
/// `imports::spell_bases`).
fn is_named_tuple(class: &Class) -> bool {
    class.bases == ["typing.NamedTuple"]
}

/// Whether `class` is a `TypedDict` class: a direct one (its base spelled from its module by
/// `imports::spell_bases`), or one deriving from another of `module`.
fn is_typed_dict(module: &Module, class: &Class) -> bool {
    module.mro(class).iter().any(|c| c.bases.iter().any(|b| is_typed_dict_base(b)))
}

/// `TypedDict` as a base, spelled from its module.
fn is_typed_dict_base(base: &str) -> bool {
    matches!(base, "typing.TypedDict" | "typing_extensions.TypedDict")
}

/// The module with every modelled dataclass rewritten, and every `NamedTuple` class's fields
/// made read-only (its base spelled `typing.NamedTuple`, for the typeshed data); the module
/// itself when there is nothing to rewrite.
pub(crate) fn normalize(module: &Module) -> std::borrow::Cow<'_, Module> {
    let named_tuples = module.classes.iter().any(is_named_tuple);
    let typed_dicts: Vec<String> =
        module.classes.iter().filter(|c| is_typed_dict(module, c)).map(|c| c.name.clone()).collect();
    if !named_tuples
        && typed_dicts.is_empty()
        && !module.classes.iter().any(|c| c.decorators.iter().any(|d| options(d).is_some()))
    {
        return std::borrow::Cow::Borrowed(module);
    }
    let mut rewritten = module.clone();
    // A TypedDict's fields are keys, not attributes; mypy reads the class as `typing._TypedDict`
    // (a Mapping), and calling it makes a plain dict.
    for class in rewritten.classes.iter_mut().filter(|c| typed_dicts.contains(&c.name)) {
        for base in &mut class.bases {
            if is_typed_dict_base(base) {
                *base = "typing._TypedDict".into();
            }
        }
        class.members.retain(|m| !matches!(&m.kind, MemberKind::Attribute(a) if a.annotation.is_some()));
    }
    for class in rewritten.classes.iter_mut().filter(|c| is_named_tuple(c)) {
        class.bases = vec!["typing.NamedTuple".into()];
        for member in &mut class.members {
            if let MemberKind::Attribute(attribute) = &mut member.kind {
                if attribute.annotation.is_some() && !attribute.class_var {
                    attribute.read_only = true;
                }
            }
        }
    }
    // Fields of each rewritten dataclass, for the `__init__` of its dataclass subclasses.
    let mut fields_of: Vec<(String, Vec<(String, bool)>)> = Vec::new();
    for index in 0..rewritten.classes.len() {
        let class = &rewritten.classes[index];
        let Some((position, options)) =
            class.decorators.iter().enumerate().find_map(|(i, d)| options(d).map(|o| (i, o)))
        else {
            continue;
        };
        // A class's own `__init__` is kept by the decorator; in a frozen class, where it sets a
        // field it raises FrozenInstanceError, which the lab does not model.
        let own_init = class.member("__init__").is_some();
        if own_init && options.frozen {
            continue;
        }
        // `order=True` raises TypeError where the class defines an ordering method itself.
        if options.order && ORDER_METHODS.iter().any(|name| class.member(name).is_some()) {
            continue;
        }
        let Some(own) = fields(class) else { continue };
        // Fields of dataclass bases come first, in reverse MRO order; a redefined field keeps its place.
        let mut all: Vec<(String, bool)> = Vec::new();
        let mro: Vec<String> = module.mro(&module.classes[index]).iter().skip(1).map(|c| c.name.clone()).collect();
        for base in mro.iter().rev() {
            if let Some((_, base_fields)) = fields_of.iter().find(|(name, _)| name == base) {
                for (name, default) in base_fields {
                    match all.iter_mut().find(|(n, _)| n == name) {
                        Some(existing) => existing.1 = *default,
                        None => all.push((name.clone(), *default)),
                    }
                }
            }
        }
        for field in &own {
            match all.iter_mut().find(|(n, _)| *n == field.name) {
                Some(existing) => existing.1 = field.has_default,
                None => all.push((field.name.clone(), field.has_default)),
            }
        }
        let class = &mut rewritten.classes[index];
        let generates_init = options.init && !own_init;
        for field in &own {
            if let Some(Member { kind: MemberKind::Attribute(attribute), .. }) =
                class.members.iter_mut().find(|m| m.name == field.name)
            {
                attribute.read_only = options.frozen;
                attribute.assigned_in_init |= generates_init;
                if field.factory {
                    attribute.class_value = None;
                }
            }
        }
        if generates_init {
            let params = all.iter().map(|(name, has_default)| Param {
                name: name.clone(),
                kind: ParamKind::PositionalOrKeyword,
                default: has_default.then(|| "...".to_string()),
                annotation: None,
            });
            class.members.push(generated_method(class, "__init__", params.collect(), "None"));
        }
        if options.order {
            for name in ORDER_METHODS {
                class.members.push(order_method(class, name));
            }
        }
        class.decorators.remove(position);
        fields_of.push((class.name.clone(), all));
    }
    std::borrow::Cow::Owned(rewritten)
}

/// A method the decorator adds to `class`, taking `params` after self.
fn generated_method(class: &Class, name: &str, params: Vec<Param>, returns: &str) -> Member {
    let receiver = Param { name: "self".into(), kind: ParamKind::PositionalOrKeyword, default: None, annotation: None };
    let function = Function {
        name: name.into(),
        line: class.line,
        decorators: Vec::new(),
        signature: Signature { params: [receiver].into_iter().chain(params).collect(), returns: Some(returns.into()) },
        is_async: false,
        is_staticmethod: false,
        is_classmethod: false,
        is_property: false,
        is_abstract: false,
        is_stub: false,
        type_params: None,
        overloaded: false,
    };
    Member { name: name.into(), owner: class.name.clone(), kind: MemberKind::Method(function) }
}

/// One of the methods `order=True` adds: `def __lt__(self: _DT, other: _DT) -> bool` in mypy's
/// plugin, `_DT` bound to the type the method is looked up on, as `Self` is.
fn order_method(class: &Class, name: &str) -> Member {
    let other = Param {
        name: "other".into(),
        kind: ParamKind::PositionalOrKeyword,
        default: None,
        annotation: Some("Self".into()),
    };
    generated_method(class, name, vec![other], "bool")
}

/// What `@dataclass` does to a class's `__hash__` (CPython's `dataclasses._hash_action`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum HashAction {
    /// The class keeps the `__hash__` it has (its own, None from `type()`, or inherited).
    Unchanged,
    /// `eq=True` without `frozen`: `__hash__` is set to None.
    SetNone,
    /// `__hash__` is generated from the fields.
    Generated,
    /// `unsafe_hash=True` with a `__hash__` of its own: the class statement raises TypeError.
    Raises,
}

/// The classes of `module` that a `@dataclass` the lab models makes (before [`normalize`]), and
/// what it does to their `__hash__`.
pub(crate) fn hash_actions(module: &Module) -> std::collections::HashMap<String, HashAction> {
    module
        .classes
        .iter()
        .filter_map(|class| {
            let options = class.decorators.iter().find_map(|d| options(d))?;
            // `type()` sets `__hash__` to None where the body defines `__eq__` alone: not explicit.
            let explicit_hash = class.member("__hash__").is_some_and(|hash| {
                let none = matches!(&hash.kind, MemberKind::Attribute(a) if a.class_value.as_deref() == Some("None"));
                !(none && class.member("__eq__").is_some())
            });
            let action = match (options.unsafe_hash, options.eq, options.frozen, explicit_hash) {
                (false, false, _, _) | (false, true, _, true) => HashAction::Unchanged,
                (false, true, false, false) => HashAction::SetNone,
                (false, true, true, false) | (true, _, _, false) => HashAction::Generated,
                (true, _, _, true) => HashAction::Raises,
            };
            Some((class.name.clone(), action))
        })
        .collect()
}

/// Whether `decorator` is a `@dataclass` the lab models that generates `__init__` (where the
/// class defines none) for instances that can be set: that `__init__` ends by calling
/// `__post_init__`, which may set attributes.
pub(crate) fn calls_post_init(decorator: &str) -> bool {
    options(decorator).is_some_and(|options| options.init && !options.frozen)
}

/// The options of a `@dataclass` decorator the lab models, None for anything else.
fn options(decorator: &str) -> Option<Options> {
    let is_dataclass = |name: &str| matches!(name, "dataclass" | "dataclasses.dataclass");
    if is_dataclass(decorator) {
        return Some(Options { init: true, frozen: false, eq: true, order: false, unsafe_hash: false });
    }
    if !(decorator.starts_with("dataclass(") || decorator.starts_with("dataclasses.dataclass(")) {
        return None;
    }
    let Some(Expression::Call { func, args, keywords }) = pysource::expression(decorator) else { return None };
    let name = match *func {
        Expression::Name { id } => id,
        Expression::Attribute { value, attr } => match *value {
            Expression::Name { id } => format!("{id}.{attr}"),
            _ => return None,
        },
        _ => return None,
    };
    if !is_dataclass(&name) || !args.is_empty() {
        return None;
    }
    let mut options = Options { init: true, frozen: false, eq: true, order: false, unsafe_hash: false };
    for (keyword, value) in keywords {
        let Expression::Literal { literal: Literal::Bool(value) } = value else { return None };
        if !MODELLED_OPTIONS.contains(&keyword.as_str()) {
            return None;
        }
        match keyword.as_str() {
            "init" => options.init = value,
            "frozen" => options.frozen = value,
            "eq" => options.eq = value,
            "order" => options.order = value,
            "unsafe_hash" => options.unsafe_hash = value,
            _ => {}
        }
    }
    // `order=True` beside `eq=False` makes the decorator raise ValueError.
    (options.eq || !options.order).then_some(options)
}

/// The class's own fields, or None when one is of a kind the lab does not model (`InitVar`,
/// `KW_ONLY`, `field()` with anything but `default_factory`, a mutable default).
fn fields(class: &Class) -> Option<Vec<Field>> {
    let mut fields = Vec::new();
    for member in &class.members {
        let MemberKind::Attribute(attribute) = &member.kind else { continue };
        let Some(annotation) = &attribute.annotation else { continue };
        if attribute.class_var {
            continue;
        }
        let head = annotation.split('[').next().unwrap_or(annotation).trim();
        if matches!(head, "InitVar" | "dataclasses.InitVar" | "KW_ONLY" | "dataclasses.KW_ONLY") {
            return None;
        }
        let (has_default, factory) = match attribute.class_value.as_deref() {
            None => (false, false),
            // A list, dict or set default makes the decorator raise ValueError.
            Some(value) if value.trim_start().starts_with(['[', '{']) => return None,
            Some(value) => match pysource::expression(value)? {
                Expression::Call { func, args, keywords } => {
                    let field_call = matches!(&*func, Expression::Name { id } if id == "field")
                        || matches!(&*func, Expression::Attribute { value, attr }
                            if attr == "field" && matches!(&**value, Expression::Name { id } if id == "dataclasses"));
                    if !field_call || !args.is_empty() || keywords.len() != 1 || keywords[0].0 != "default_factory" {
                        return None;
                    }
                    (true, true)
                }
                _ => (true, false),
            },
        };
        fields.push(Field { name: member.name.clone(), has_default, factory });
    }
    Some(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_action_follows_the_options_and_an_explicit_hash() {
        let code = "from dataclasses import dataclass\n\
                    @dataclass\nclass A:\n    x: int = 0\n\
                    @dataclass(frozen=True)\nclass B:\n    x: int = 0\n\
                    @dataclass(eq=False)\nclass C:\n    x: int = 0\n\
                    @dataclass(unsafe_hash=True)\nclass D:\n    x: int = 0\n    def __hash__(self) -> int: return 0\n\
                    @dataclass\nclass E:\n    x: int = 0\n    __hash__ = None\n\
                    @dataclass\nclass F:\n    x: int = 0\n    def __eq__(self, o: object) -> bool: return True\n    __hash__ = None\n\
                    class G:\n    pass\n";
        let actions = hash_actions(&pysource::parse(code).unwrap());
        let action = |name: &str| actions.get(name).copied();
        assert_eq!(action("A"), Some(HashAction::SetNone));
        assert_eq!(action("B"), Some(HashAction::Generated));
        assert_eq!(action("C"), Some(HashAction::Unchanged));
        assert_eq!(action("D"), Some(HashAction::Raises));
        assert_eq!(action("E"), Some(HashAction::Unchanged), "an explicit `__hash__ = None` stays");
        assert_eq!(action("F"), Some(HashAction::SetNone), "None beside __eq__ is type()'s, not explicit");
        assert_eq!(action("G"), None, "not a dataclass");
    }
}
