//! `@dataclass` as the lab models it: the class is rewritten into the plain class the decorator
//! makes, so the static and runtime models judge it like any other. Fields are the annotated
//! class-level names (not `ClassVar`); `frozen=True` makes them read-only; the generated `__init__`
//! takes every field (and `InitVar`, which is no attribute) of the class and its dataclass bases
//! but those of `field(init=False)` (keyword-only after the others with `kw_only=True`, of the
//! decorator or of `field()`, or after `_: KW_ONLY`), and sets them and those with a
//! `default_factory`, unless the class defines its own `__init__`, which the decorator keeps. A
//! `field()` leaves its `default` as the class attribute, or none. `__match_args__` names the
//! positional parameters (mypy types it as a tuple of their literal types), unless
//! `match_args=False`. `slots=True` (followed for a class without bases whose methods set only its
//! fields) gives it `__slots__` of the fields and no class attribute for them. `order=True` adds
//! `__lt__`, `__le__`, `__gt__` and `__ge__`, whose operand is of the class they are looked up on
//! (mypy's plugin types it with a type variable bound to self's type, which the lab writes `Self`).
//! Options and fields the lab does not model, classes the decorator refuses (`order=True` beside
//! `eq=False` or beside an ordering method of the class's own), and a frozen class whose own
//! `__init__` sets attributes of self (raising FrozenInstanceError) leave the decorator in place,
//! and the pair is declined. From Python 3.13 the class also gets `__replace__`.

use pysource::{
    Attribute, Class, Expression, Function, Literal, Member, MemberKind, Module, Param, ParamKind, Signature,
};

/// `dataclass` keywords the lab models; any other keeps the class declined.
const MODELLED_OPTIONS: &[&str] =
    &["init", "repr", "eq", "order", "frozen", "unsafe_hash", "kw_only", "match_args", "slots"];

/// `field()` keywords the lab models; any other keeps the class declined.
const MODELLED_FIELD_OPTIONS: &[&str] =
    &["default", "default_factory", "init", "kw_only", "repr", "hash", "compare", "metadata"];

/// The methods `order=True` generates.
const ORDER_METHODS: [&str; 4] = ["__lt__", "__le__", "__gt__", "__ge__"];

struct Options {
    init: bool,
    frozen: bool,
    eq: bool,
    order: bool,
    unsafe_hash: bool,
    kw_only: bool,
    match_args: bool,
    slots: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            init: true,
            frozen: false,
            eq: true,
            order: false,
            unsafe_hash: false,
            kw_only: false,
            match_args: true,
            slots: false,
        }
    }
}

/// One field of a dataclass.
#[derive(Clone)]
struct Field {
    name: String,
    /// A parameter of the generated `__init__` (not `field(init=False)`).
    init: bool,
    /// Its parameter has a default (a value, or a `default_factory`).
    has_default: bool,
    /// Its parameter is keyword-only (`kw_only=True` of the decorator or of `field()`).
    kw_only: bool,
    /// `field(default_factory=...)`: the generated `__init__` sets it, a parameter or not.
    factory: bool,
    /// What the decorator leaves as the class attribute.
    class_value: ClassValue,
    /// `InitVar[...]`: a parameter of `__init__` (passed on to `__post_init__`), not an attribute.
    init_var: bool,
    /// The type of its parameter: the annotation as written, inside `InitVar[...]`.
    typ: String,
}

/// The class attribute of a field once the decorator is done.
#[derive(Clone)]
enum ClassValue {
    /// The value written in the class body.
    Kept,
    /// None: a `field()` without a default is deleted from the class.
    Removed,
    /// The default of a `field(default=...)`, written as Python.
    Default(String),
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
pub(crate) fn normalize(module: &Module, python_minor: u8) -> std::borrow::Cow<'_, Module> {
    let named_tuples = module.classes.iter().any(is_named_tuple);
    let typed_dicts: Vec<String> =
        module.classes.iter().filter(|c| is_typed_dict(module, c)).map(|c| c.name.clone()).collect();
    if !named_tuples && typed_dicts.is_empty() && !module.classes.iter().any(|c| matches!(read(c), Some((_, Ok(_))))) {
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
    let mut fields_of: Vec<(String, Vec<Field>)> = Vec::new();
    for index in 0..rewritten.classes.len() {
        let class = &rewritten.classes[index];
        let Some((position, Ok((options, own)))) = read(class) else { continue };
        let own_init = class.member("__init__").is_some();
        // Fields of dataclass bases come first, in reverse MRO order; a redefined field keeps its place.
        let mut all: Vec<Field> = Vec::new();
        let mro: Vec<String> = module.mro(&module.classes[index]).iter().skip(1).map(|c| c.name.clone()).collect();
        let inherited = mro.iter().rev().filter_map(|base| fields_of.iter().find(|(name, _)| name == base));
        for field in inherited.flat_map(|(_, fields)| fields).chain(&own) {
            match all.iter_mut().find(|f| f.name == field.name) {
                Some(existing) => *existing = field.clone(),
                None => all.push(field.clone()),
            }
        }
        let class = &mut rewritten.classes[index];
        // mypy removes an `InitVar` from the class, and without a default CPython has none.
        class.members.retain(|m| !own.iter().any(|f| f.init_var && f.name == m.name));
        let generates_init = options.init && !own_init;
        for field in &own {
            if let Some(Member { kind: MemberKind::Attribute(attribute), .. }) =
                class.members.iter_mut().find(|m| m.name == field.name)
            {
                attribute.read_only = options.frozen;
                // With slots, where no class attribute holds it, `__init__` sets an init=False
                // field's default too.
                let set = field.init || field.factory || (options.slots && field.has_default);
                attribute.assigned_in_init |= generates_init && set;
                match &field.class_value {
                    // The new class of `slots=True` holds a slot descriptor for each field instead.
                    _ if options.slots => attribute.class_value = None,
                    ClassValue::Kept => {}
                    ClassValue::Removed => attribute.class_value = None,
                    ClassValue::Default(value) => attribute.class_value = Some(value.clone()),
                }
            }
        }
        if generates_init {
            // Keyword-only parameters come after the others, each group in field order.
            let (positional, keyword): (Vec<&Field>, Vec<&Field>) =
                all.iter().filter(|f| f.init).partition(|f| !f.kw_only);
            let params = positional.into_iter().chain(keyword).map(|field| Param {
                name: field.name.clone(),
                kind: if field.kw_only { ParamKind::KeywordOnly } else { ParamKind::PositionalOrKeyword },
                default: field.has_default.then(|| "...".to_string()),
                annotation: None,
            });
            class.members.push(generated_method(class, "__init__", params.collect(), "None"));
        }
        if options.slots {
            let names: Vec<String> = own.iter().filter(|f| !f.init_var).map(|f| pysource::str_repr(&f.name)).collect();
            let value = match names.as_slice() {
                [name] => format!("({name},)"),
                names => format!("({})", names.join(", ")),
            };
            let attribute = Attribute { class_value: Some(value), ..Attribute::default() };
            class.members.push(Member {
                name: "__slots__".into(),
                owner: class.name.clone(),
                kind: MemberKind::Attribute(attribute),
            });
        }
        // From 3.13 the decorator adds `__replace__` (for `copy.replace`); mypy's plugin types it
        // as taking each `__init__` field by keyword, with a default but for an `InitVar` (which
        // has no value to keep), and returning the class.
        if python_minor >= 13 && class.member("__replace__").is_none() {
            let params = all.iter().filter(|f| f.init).map(|field| Param {
                name: field.name.clone(),
                kind: ParamKind::KeywordOnly,
                default: (!field.init_var).then(|| "...".into()),
                annotation: Some(field.typ.clone()),
            });
            let returns = class.name.clone();
            class.members.push(generated_method(class, "__replace__", params.collect(), &returns));
        }
        if options.match_args && class.member("__match_args__").is_none() {
            class.members.push(match_args(class, &all));
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

/// `__match_args__`: the names of the positional parameters of `__init__` (whether generated or
/// not), which mypy's plugin types as a tuple of their literal types.
fn match_args(class: &Class, fields: &[Field]) -> Member {
    let names: Vec<String> =
        fields.iter().filter(|f| f.init && !f.kw_only).map(|f| pysource::str_repr(&f.name)).collect();
    let (annotation, value) = match names.as_slice() {
        [] => ("tuple[()]".to_owned(), "()".to_owned()),
        [name] => (format!("tuple[Literal[{name}]]"), format!("({name},)")),
        names => (
            format!("tuple[{}]", names.iter().map(|n| format!("Literal[{n}]")).collect::<Vec<_>>().join(", ")),
            format!("({})", names.join(", ")),
        ),
    };
    let attribute = Attribute { annotation: Some(annotation), class_value: Some(value), ..Attribute::default() };
    Member { name: "__match_args__".into(), owner: class.name.clone(), kind: MemberKind::Attribute(attribute) }
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
            let options = class.decorators.iter().find_map(|d| options(d)?.ok())?;
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

/// The classes of `module` that a `@dataclass(frozen=True)` the lab models makes (before
/// [`normalize`]): their `__setattr__` raises FrozenInstanceError.
pub(crate) fn frozen(module: &Module) -> std::collections::HashSet<String> {
    module
        .classes
        .iter()
        .filter(|class| class.decorators.iter().any(|d| matches!(options(d), Some(Ok(options)) if options.frozen)))
        .map(|class| class.name.clone())
        .collect()
}

/// Whether `decorator` is a `@dataclass` the lab models that generates `__init__` (where the
/// class defines none) for instances that can be set: that `__init__` ends by calling
/// `__post_init__`, which may set attributes.
pub(crate) fn calls_post_init(decorator: &str) -> bool {
    matches!(options(decorator), Some(Ok(options)) if options.init && !options.frozen)
}

/// Why the lab leaves `decorator`, a `@dataclass` of `class`, in place (and declines the class's
/// pairs); None for any other decorator, or one the lab follows.
pub(crate) fn refusal(class: &Class, decorator: &str) -> Option<String> {
    match read(class)? {
        (position, Err(why)) if class.decorators.get(position).is_some_and(|d| d == decorator) => Some(why),
        _ => None,
    }
}

/// A `@dataclass` as the lab reads it: its options and the class's own fields, or why the lab
/// does not follow it.
type Reading = Result<(Options, Vec<Field>), String>;

/// The position of `class`'s `@dataclass` decorator, and its options and the class's own fields
/// where the lab follows them, or why it does not; None when the class has no such decorator.
fn read(class: &Class) -> Option<(usize, Reading)> {
    let (position, options) = class.decorators.iter().enumerate().find_map(|(i, d)| Some((i, options(d)?)))?;
    let read = options.and_then(|options| {
        // A class's own `__init__` is kept by the decorator; in a frozen class, where it sets an
        // attribute of self it raises FrozenInstanceError.
        if class.member("__init__").is_some()
            && options.frozen
            && class.attribute_writes.iter().any(|w| w.method == "__init__")
        {
            return Err(format!(
                "whose own __init__ sets attributes of the frozen instance, which raises FrozenInstanceError: {}() \
                 is not made, which the lab does not model",
                class.name
            ));
        }
        if let Some(name) = ORDER_METHODS.iter().find(|name| options.order && class.member(name).is_some()) {
            return Err(format!("which raises TypeError: order=True cannot overwrite the class's own {name}"));
        }
        let own = fields(class, options.kw_only)?;
        // `slots=True` makes a new class whose `__slots__` are the fields; the lab follows it for a
        // class without bases (whose slots are then its own fields) and whose methods set no
        // other attribute (which would raise AttributeError without a `__dict__`).
        if options.slots
            && (!class.bases.is_empty()
                || class.member("__slots__").is_some()
                || class.attribute_writes.iter().any(|w| own.iter().all(|f| f.init_var || f.name != w.name)))
        {
            return Err("which the lab follows with slots=True only for a class without bases whose methods set \
                        only its fields"
                .to_owned());
        }
        Ok((options, own))
    });
    Some((position, read))
}

/// The options of a `@dataclass` decorator, or why the lab does not follow them; None for any
/// other decorator.
fn options(decorator: &str) -> Option<Result<Options, String>> {
    let is_dataclass = |name: &str| matches!(name, "dataclass" | "dataclasses.dataclass");
    if is_dataclass(decorator) {
        return Some(Ok(Options::default()));
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
    if !is_dataclass(&name) {
        return None;
    }
    if !args.is_empty() {
        return Some(Err("which the lab does not model with a positional argument".to_owned()));
    }
    let mut options = Options::default();
    for (keyword, value) in keywords {
        if !MODELLED_OPTIONS.contains(&keyword.as_str()) {
            return Some(Err(format!("whose option {keyword} the lab does not model")));
        }
        let Expression::Literal { literal: Literal::Bool(value) } = value else {
            return Some(Err(format!("whose {keyword} is not True or False as written, which the lab does not read")));
        };
        match keyword.as_str() {
            "init" => options.init = value,
            "frozen" => options.frozen = value,
            "eq" => options.eq = value,
            "order" => options.order = value,
            "unsafe_hash" => options.unsafe_hash = value,
            "kw_only" => options.kw_only = value,
            "match_args" => options.match_args = value,
            "slots" => options.slots = value,
            _ => {}
        }
    }
    if options.order && !options.eq {
        return Some(Err("which raises ValueError: order=True needs eq=True".to_owned()));
    }
    Some(Ok(options))
}

/// The class's own fields and `InitVar`s (keyword-only where `kw_only` or a `_: KW_ONLY` before
/// them says so and `field()` does not say otherwise), or why one is of a kind the lab does not
/// model (an `InitVar` with a default, which stays a class attribute that mypy does not see;
/// `field()` with a positional argument, a keyword it does not model or a default that is not a
/// literal; a mutable default; a second `KW_ONLY`).
fn fields(class: &Class, kw_only: bool) -> Result<Vec<Field>, String> {
    let mut fields = Vec::new();
    let mut kw_only = kw_only;
    let mut marked = false;
    for member in &class.members {
        let MemberKind::Attribute(attribute) = &member.kind else { continue };
        let Some(annotation) = &attribute.annotation else { continue };
        if attribute.class_var {
            continue;
        }
        let head = annotation.split('[').next().unwrap_or(annotation).trim();
        // The fields after `_: KW_ONLY` are keyword-only; the marker is none (a second one makes
        // the decorator raise TypeError).
        if matches!(head, "KW_ONLY" | "dataclasses.KW_ONLY") {
            if marked || attribute.class_value.is_some() {
                return Err(format!("whose field {} is a second KW_ONLY, or one with a value", member.name));
            }
            (marked, kw_only) = (true, true);
            continue;
        }
        let init_var = matches!(head, "InitVar" | "dataclasses.InitVar");
        if init_var && attribute.class_value.is_some() {
            return Err(format!(
                "whose InitVar {} has a default: a class attribute at runtime that mypy does not see, which the lab \
                 does not model",
                member.name
            ));
        }
        let mut field = Field {
            name: member.name.clone(),
            init: true,
            has_default: false,
            kw_only,
            factory: false,
            class_value: ClassValue::Kept,
            init_var,
            typ: match annotation.split_once('[') {
                Some((_, inner)) if init_var => inner.strip_suffix(']').unwrap_or(inner).trim().to_owned(),
                _ => annotation.clone(),
            },
        };
        match attribute.class_value.as_deref() {
            None => {}
            // A list, dict or set default makes the decorator raise ValueError.
            Some(value) if value.trim_start().starts_with(['[', '{']) => {
                return Err(format!("which raises ValueError: the default of {} is mutable", member.name));
            }
            Some(value) => match pysource::expression(value).ok_or_else(|| unread(&member.name, value))? {
                Expression::Call { func, args, keywords } => {
                    let field_call = matches!(&*func, Expression::Name { id } if id == "field")
                        || matches!(&*func, Expression::Attribute { value, attr }
                            if attr == "field" && matches!(&**value, Expression::Name { id } if id == "dataclasses"));
                    if !field_call || !args.is_empty() {
                        return Err(unread(&member.name, value));
                    }
                    field.class_value = ClassValue::Removed;
                    for (keyword, value) in &keywords {
                        let unmodelled =
                            || format!("whose field {} has {keyword}=, which the lab does not read", member.name);
                        if !MODELLED_FIELD_OPTIONS.contains(&keyword.as_str()) {
                            return Err(unmodelled());
                        }
                        let flag = || match value {
                            Expression::Literal { literal: Literal::Bool(flag) } => Ok(*flag),
                            _ => Err(unmodelled()),
                        };
                        match keyword.as_str() {
                            "default" => {
                                field.has_default = true;
                                let Some(text) = literal_text(value) else { return Err(unmodelled()) };
                                field.class_value = ClassValue::Default(text);
                            }
                            "default_factory" => {
                                field.has_default = true;
                                field.factory = true;
                            }
                            "init" => field.init = flag()?,
                            "kw_only" => field.kw_only = flag()?,
                            _ => {}
                        }
                    }
                    if field.factory && matches!(field.class_value, ClassValue::Default(_)) {
                        return Err(format!(
                            "which raises ValueError: {} has both a default and a factory",
                            member.name
                        ));
                    }
                }
                _ => field.has_default = true,
            },
        }
        fields.push(field);
    }
    Ok(fields)
}

/// Why the lab does not read the value of field `name`.
fn unread(name: &str, value: &str) -> String {
    format!("whose field {name} = {value} the lab does not read")
}

/// A literal `field(default=...)` value written as Python; None for any other expression.
fn literal_text(value: &Expression) -> Option<String> {
    let Expression::Literal { literal } = value else { return None };
    Some(match literal {
        Literal::Int(value) => value.to_string(),
        Literal::Str(value) => pysource::str_repr(value),
        Literal::Bool(value) => if *value { "True" } else { "False" }.to_owned(),
        Literal::None => "None".to_owned(),
        // Rust writes a finite float as Python reads it back (`1.5`, `1e20`).
        Literal::Float(value) if value.is_finite() => format!("{value:?}"),
        Literal::Float(_) | Literal::Ellipsis => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rewritten_class_has_what_the_decorator_makes() {
        let code = "from dataclasses import dataclass, field, InitVar, KW_ONLY\n\
                    @dataclass(order=True)\nclass A:\n    x: int\n    seed: InitVar[int]\n    _: KW_ONLY\n    \
                    k: int = field(default=2, init=False)\n    m: str = 'm'\n\
                    @dataclass(slots=True)\nclass S:\n    x: int = 0\n\
                    @dataclass(eq=False, order=True)\nclass Refused:\n    x: int = 0\n";
        let module = pysource::parse(code).unwrap();
        let rewritten = normalize(&module, 13);
        let class = |name: &str| rewritten.class(name).unwrap();
        let a = class("A");
        assert!(a.decorators.is_empty());
        assert!(a.member("seed").is_none(), "an InitVar is no attribute");
        let Some(MemberKind::Method(init)) = a.member("__init__").map(|m| &m.kind) else { panic!("no __init__") };
        let params: Vec<(&str, ParamKind)> = init.signature.params.iter().map(|p| (p.name.as_str(), p.kind)).collect();
        assert_eq!(
            params,
            [
                ("self", ParamKind::PositionalOrKeyword),
                ("x", ParamKind::PositionalOrKeyword),
                ("seed", ParamKind::PositionalOrKeyword),
                ("m", ParamKind::KeywordOnly)
            ]
        );
        let Some(MemberKind::Attribute(k)) = a.member("k").map(|m| &m.kind) else { panic!("no k") };
        assert_eq!((k.class_value.as_deref(), k.assigned_in_init), (Some("2"), false), "init=False keeps the default");
        let Some(MemberKind::Attribute(matched)) = a.member("__match_args__").map(|m| &m.kind) else { panic!() };
        assert_eq!(matched.annotation.as_deref(), Some("tuple[Literal['x'], Literal['seed']]"));
        assert!(ORDER_METHODS.iter().all(|name| a.member(name).is_some()));
        let Some(MemberKind::Attribute(slot)) = class("S").member("x").map(|m| &m.kind) else { panic!() };
        assert_eq!((slot.class_value.as_deref(), slot.assigned_in_init), (None, true), "a slot, set by __init__");
        assert_eq!(class("Refused").decorators, ["dataclass(eq=False, order=True)"], "ValueError: left declined");
        let refusal = refusal(class("Refused"), "dataclass(eq=False, order=True)").unwrap();
        assert!(refusal.contains("order=True needs eq=True"), "{refusal}");
        assert_eq!(
            refusal_of("@dataclass\nclass C:\n    x: list[int] = []\n"),
            "which raises ValueError: the default of x is mutable"
        );
        assert!(refusal_of("@dataclass(weakref_slot=True, slots=True)\nclass C:\n    x: int = 0\n")
            .contains("weakref_slot"));
        assert!(
            refusal_of("@dataclass\nclass C:\n    x: int = field(default_factory=list, default=1)\n").contains("both")
        );
        assert!(refusal_of("@dataclass\nclass C:\n    x: InitVar[int] = 1\n").contains("InitVar x has a default"));
        let frozen =
            "@dataclass(frozen=True)\nclass C:\n    x: int = 0\n    def __init__(self) -> None:\n        self.x = 1\n";
        assert!(refusal_of(frozen).contains("FrozenInstanceError"));
    }

    /// Why the lab declines the first class of `code`, whose first decorator is a `@dataclass`.
    fn refusal_of(code: &str) -> String {
        let module = pysource::parse(code).unwrap();
        refusal(&module.classes[0], &module.classes[0].decorators[0]).unwrap()
    }

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
