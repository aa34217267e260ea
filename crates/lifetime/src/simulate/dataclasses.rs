//! Classes decorated with `dataclasses.dataclass`, as CPython builds them: the decorator reads
//! the class body's annotated names as fields, in order, and adds an `__init__` that takes them
//! (those with a default after those without) and stores each as an attribute, in field order,
//! then calls `__post_init__` if the class defines one; a `__repr__` that shows each field's
//! repr (`...` for an object whose repr is already being made, as `reprlib.recursive_repr`
//! guards it); and, with `eq` (the default), an `__eq__` that compares the fields of two
//! instances of the same class, and `__hash__ = None`, which makes instances unhashable.
//!
//! The `__init__` is written as Python and read by `pysource`, so that its calls run, bind
//! arguments and raise CPython's TypeErrors like any method's; `__repr__` and `__eq__` run
//! natively (they create or free nothing). `field(default_factory=f)` makes `f()` for each
//! instance not given the field. With `frozen`, the `__init__` sets the fields as any does;
//! setting or deleting an attribute anywhere else (FrozenInstanceError), and hashing an
//! instance (by its fields, with `eq`), are declined. What the model does not follow (other
//! uses of `field(...)`, `order`, `slots`, inheritance, a class's own `__init__`, `__eq__` or `__hash__`)
//! is declined at the class statement, by name.

use pysource::{Expression, FunctionBody, Literal, MemberKind, Module, Source, Statement, StatementKind};

use crate::world::{referents, Val};

use super::{Outcome, Run, Stop};

/// A dataclass the model follows.
pub(super) struct DataClass {
    pub name: String,
    pub fields: Vec<String>,
    /// The fields `field(default_factory=...)` fills, by their place among the fields.
    pub factories: Vec<usize>,
    /// `eq=True`: fields compared by `==`, instances unhashable.
    pub eq: bool,
    /// `repr=True`: the generated `__repr__` (unless the class defines its own).
    pub repr: bool,
    /// `frozen=True`: only the generated `__init__` sets attributes; with `eq`, instances hash
    /// by their fields.
    pub frozen: bool,
}

/// The program's dataclasses, with the methods the decorator adds.
#[derive(Default)]
pub(super) struct Expansion {
    /// The module with each dataclass's generated `__init__` among its members; None when the
    /// program has no dataclass.
    pub module: Option<Module>,
    /// The generated `__init__` bodies.
    pub bodies: Vec<FunctionBody>,
    pub classes: Vec<DataClass>,
    /// Decorated classes and subclasses of dataclasses the model declines, and why.
    pub declined: Vec<(String, String)>,
}

/// The options of `dataclass(...)` the model follows, with the values it follows them at.
const FOLLOWED_OPTIONS: &[(&str, Option<bool>)] = &[
    ("eq", None),
    ("repr", None),
    ("init", Some(true)),
    ("frozen", None),
    ("order", Some(false)),
    ("unsafe_hash", Some(false)),
    ("match_args", None),
    ("kw_only", Some(false)),
    ("slots", Some(false)),
    ("weakref_slot", Some(false)),
];

/// What a field's `__init__` parameter defaults to.
enum Default {
    /// None: the argument is required.
    Required,
    /// A default as written in the class body.
    Value(String),
    /// `field(default_factory=name)`: `name()` is called for each instance not given one.
    Factory(String),
}

/// Reads the module's class statements decorated with `dataclass`.
pub(super) fn expand(statements: &[Statement], module: &Module) -> Expansion {
    let mut expansion = Expansion::default();
    let mut expanded = module.clone();
    for statement in statements {
        let StatementKind::Definition { name, decorators } = &statement.kind else { continue };
        let Some(class) = module.class(name) else { continue };
        if let Some(base) = class.bases.iter().find(|b| expansion.classes.iter().any(|c| &c.name == *b)) {
            let reason = format!("the class `{name}` derived from the dataclass `{base}` is not modelled");
            expansion.declined.push((name.clone(), reason));
            continue;
        }
        if !decorators.iter().any(|d| is_dataclass(d, module)) {
            continue;
        }
        let defined =
            statements.iter().filter(|s| matches!(&s.kind, StatementKind::Definition { name: n, .. } if n == name));
        let result = if defined.count() > 1 {
            Err(format!("the dataclass `{name}` defined more than once is not modelled"))
        } else {
            dataclass(name, decorators, statement.line, module)
        };
        match result {
            Ok((dataclass, init)) => {
                let model = expanded.classes.iter_mut().find(|c| &c.name == name).expect("the class is the module's");
                model.members.extend(init.members);
                expansion.bodies.extend(init.bodies);
                expansion.classes.push(dataclass);
            }
            Err(reason) => expansion.declined.push((name.clone(), reason)),
        }
    }
    if !expansion.classes.is_empty() {
        expansion.module = Some(expanded);
    }
    expansion
}

/// `dataclass`, `dataclass(...)`, `dataclasses.dataclass` or `dataclasses.dataclass(...)`, by
/// the module's imports.
fn is_dataclass(decorator: &Expression, module: &Module) -> bool {
    let callee = match decorator {
        Expression::Call { func, .. } => func,
        other => other,
    };
    callee.dotted().and_then(|name| module.imported(&name)).as_deref() == Some("dataclasses.dataclass")
}

/// The generated `__init__`: its member and its body.
struct Init {
    members: Vec<pysource::Member>,
    bodies: Vec<FunctionBody>,
}

fn dataclass(name: &str, decorators: &[Expression], line: usize, module: &Module) -> Result<(DataClass, Init), String> {
    let [decorator] = decorators else {
        return Err(format!("the dataclass `{name}` with other decorators is not modelled"));
    };
    let (mut eq, mut repr, mut frozen) = (true, true, false);
    if let Expression::Call { args, keywords, .. } = decorator {
        if !args.is_empty() {
            return Err(format!("dataclass(...) with positional arguments on `{name}` is not modelled"));
        }
        for (option, value) in keywords {
            let value = match value {
                Expression::Literal { literal: Literal::Bool(value) } => *value,
                _ => return Err(format!("dataclass({option}=...) on `{name}` is not modelled")),
            };
            match FOLLOWED_OPTIONS.iter().find(|(o, _)| o == option) {
                Some((_, Some(followed))) if *followed != value => {
                    return Err(format!("dataclass({option}={}) on `{name}` is not modelled", py_bool(value)))
                }
                Some(_) => {}
                None => return Err(format!("dataclass({option}=...) on `{name}` is not modelled")),
            }
            match option.as_str() {
                "eq" => eq = value,
                "repr" => repr = value,
                "frozen" => frozen = value,
                _ => {}
            }
        }
    }
    let class = module.class(name).expect("the class is the module's");
    if !class.bases.is_empty() {
        return Err(format!("the dataclass `{name}` with base classes is not modelled"));
    }
    if let Some(line) = class.unread_statements.first() {
        return Err(format!("the dataclass `{name}` with a statement on line {line} in its body is not modelled"));
    }
    let mut fields: Vec<(String, Default)> = Vec::new();
    let mut post_init = false;
    for member in class.members.iter().filter(|m| m.owner == name) {
        match &member.kind {
            MemberKind::Method(function) => {
                let method = function.name.as_str();
                if matches!(method, "__init__" | "__eq__" | "__hash__" | "__setattr__" | "__delattr__") {
                    return Err(format!("the dataclass `{name}` that defines {method} is not modelled"));
                }
                post_init |= method == "__post_init__";
            }
            MemberKind::Property { .. } => {}
            MemberKind::Attribute(attribute) if attribute.class_var => {}
            MemberKind::Attribute(attribute) => {
                let Some(annotation) = &attribute.annotation else {
                    return Err(format!(
                        "the dataclass `{name}` with the unannotated attribute `{}` is not modelled",
                        member.name
                    ));
                };
                if annotation.contains("InitVar") || annotation.contains("KW_ONLY") {
                    return Err(format!("the dataclass field `{name}.{}: {annotation}` is not modelled", member.name));
                }
                let default = match &attribute.class_value {
                    Some(value) => field_default(value, module).map_err(|what| {
                        format!("the dataclass field `{name}.{} = {value}` ({what}) is not modelled", member.name)
                    })?,
                    None => Default::Required,
                };
                if matches!(default, Default::Required) && fields.iter().any(|(_, d)| !matches!(d, Default::Required)) {
                    return Err(format!(
                        "the dataclass `{name}`'s field `{}` without a default after one with a default (TypeError) is not modelled",
                        member.name
                    ));
                }
                fields.push((member.name.clone(), default));
            }
        }
    }
    let init = init(name, &fields, post_init, line)?;
    let factories = fields.iter().enumerate().filter(|(_, (_, d))| matches!(d, Default::Factory(_))).map(|(i, _)| i);
    let factories = factories.collect();
    let fields = fields.into_iter().map(|(field, _)| field).collect();
    Ok((DataClass { name: name.to_owned(), fields, factories, eq, repr, frozen }, init))
}

/// The default a class body's `value` gives a field: `field(default_factory=f)`, with `f` one
/// of `list`, `dict`, `set` or the module's functions, or a value as written; or what about
/// `field(...)` is not followed.
fn field_default(value: &str, module: &Module) -> Result<Default, &'static str> {
    let statements = pysource::statements(value).map_err(|_| "its text")?;
    let [Statement { kind: StatementKind::Expr { value: Expression::Call { func, args, keywords } }, .. }] =
        statements.as_slice()
    else {
        return Ok(Default::Value(value.to_owned()));
    };
    if func.dotted().and_then(|name| module.imported(&name)).as_deref() != Some("dataclasses.field") {
        return Ok(Default::Value(value.to_owned()));
    }
    let ([], [(keyword, factory)]) = (args.as_slice(), keywords.as_slice()) else {
        return Err("field() with other than one default_factory");
    };
    if keyword != "default_factory" {
        return Err("field() with other than one default_factory");
    }
    match factory {
        Expression::Name { id }
            if matches!(id.as_str(), "list" | "dict" | "set") || module.functions.iter().any(|f| &f.name == id) =>
        {
            Ok(Default::Factory(id.clone()))
        }
        _ => Err("a factory other than list, dict, set or the program's function"),
    }
}

fn py_bool(value: bool) -> &'static str {
    if value {
        "True"
    } else {
        "False"
    }
}

/// The `__init__` the decorator writes, read by `pysource`; its statements are reported at
/// the class statement's `line`.
/// A field `field(default_factory=f)` fills defaults to None here, and is given `f()` when it
/// is None: a call that passes None for it is declined ([`Run::no_none_for_factory`]).
fn init(name: &str, fields: &[(String, Default)], post_init: bool, line: usize) -> Result<Init, String> {
    let mut parameters = vec!["self".to_owned()];
    for (field, default) in fields {
        parameters.push(match default {
            Default::Value(default) => format!("{field}={default}"),
            Default::Factory(_) => format!("{field}=None"),
            Default::Required => field.clone(),
        });
    }
    let mut code = format!("class {name}:\n    def __init__({}):\n", parameters.join(", "));
    for (field, default) in fields {
        if let Default::Factory(factory) = default {
            code.push_str(&format!("        if {field} is None:\n            {field} = {factory}()\n"));
        }
        code.push_str(&format!("        self.{field} = {field}\n"));
    }
    if post_init {
        code.push_str("        self.__post_init__()\n");
    }
    if fields.is_empty() && !post_init {
        code.push_str("        pass\n");
    }
    let source = Source::parse(&code).map_err(|_| format!("the fields of the dataclass `{name}` are not modelled"))?;
    let generated = source.module();
    let members = generated.classes.into_iter().flat_map(|class| class.members).collect();
    let mut bodies = source.function_bodies();
    for body in &mut bodies {
        for statement in &mut body.statements {
            statement.line = line;
        }
    }
    Ok(Init { members, bodies })
}

impl Run<'_> {
    /// The dataclass `obj` is an instance of, if any.
    fn dataclass_of(&self, value: &Val) -> Option<&DataClass> {
        let Val::Obj(obj) = value else { return None };
        let object = &self.world.objs[*obj];
        if object.items.is_some() || object.exception.is_some() || object.weak.is_some() {
            return None;
        }
        self.dataclasses.iter().find(|c| c.name == object.class)
    }

    /// An instance of a dataclass with `eq` and not `frozen`: `__hash__` is None.
    pub(super) fn unhashable_dataclass(&self, value: &Val) -> Option<&str> {
        self.dataclass_of(value).filter(|c| c.eq && !c.frozen).map(|c| c.name.as_str())
    }

    /// An instance of a dataclass with `eq`, whose hash is not its identity's.
    pub(super) fn dataclass_hash_is_not_identity(&self, value: &Val) -> bool {
        self.dataclass_of(value).is_some_and(|c| c.eq)
    }

    /// An instance of a frozen dataclass with `eq`, which hashes by its fields (not modelled).
    pub(super) fn field_hashed_dataclass(&self, value: &Val) -> Option<&str> {
        self.dataclass_of(value).filter(|c| c.eq && c.frozen).map(|c| c.name.as_str())
    }

    /// Setting (or with `deleting`, deleting) `attr` of `base`: on an instance of a frozen
    /// dataclass anywhere but in its generated `__init__`, CPython raises FrozenInstanceError,
    /// which the model does not raise.
    pub(super) fn not_frozen(&self, base: &Val, attr: &str, deleting: bool) -> Outcome<()> {
        let Some(class) = self.dataclass_of(base).filter(|c| c.frozen) else { return Ok(()) };
        let in_init =
            self.locals.last().is_some_and(|(_, _, _, qualname)| *qualname == format!("{}.__init__", class.name));
        if in_init && !deleting {
            return Ok(());
        }
        let what = if deleting { "deleting" } else { "assigning" };
        Err(not_modelled!(
            "{what} the attribute `{attr}` of a frozen `{}` (FrozenInstanceError) is not modelled",
            class.name
        ))
    }

    /// `left == right` where either is an instance of a dataclass with `eq`: the fields of two
    /// instances of the same class compared in order (as a tuple up to 3.12, which takes an
    /// identical pair as equal; one by one from 3.13); else identity, unless the other side
    /// defines `__eq__`. None where neither is such an instance.
    pub(super) fn dataclass_equal(&self, left: &Val, right: &Val, depth: usize) -> Outcome<Option<bool>> {
        let (instance, other) = match (self.dataclass_of(left), self.dataclass_of(right)) {
            (Some(class), _) if class.eq => (class, right),
            (_, Some(class)) if class.eq => (class, left),
            _ => return Ok(None),
        };
        let (Val::Obj(a), Val::Obj(b)) = (left, right) else { return Ok(Some(false)) };
        // Each version finds an instance equal to itself, by identity or by its fields' identity.
        if a == b {
            return Ok(Some(true));
        }
        if self.world.objs[*a].class != self.world.objs[*b].class {
            if let Val::Obj(o) = other {
                let class = &self.world.objs[*o].class;
                if self.defines(class, &["__eq__", "__ne__"]) {
                    return Err(not_modelled!("`==` on a `{class}` (it defines __eq__) is not modelled"));
                }
            }
            return Ok(Some(false));
        }
        for field in &instance.fields {
            let (Some(x), Some(y)) = (self.field(*a, field), self.field(*b, field)) else {
                return Err(not_modelled!("`==` on a `{}` without its field `{field}` is not modelled", instance.name));
            };
            if [x, y].iter().any(|v| matches!(v, Val::Float(f) if f.is_nan())) {
                // Up to 3.12 the tuple comparison takes the same NaN object as equal to itself.
                return Err(not_modelled!("`==` on a `{}` with a NaN field is not modelled", instance.name));
            }
            let same = self.minor < 13 && referents(x).is_some() && x == y;
            if !same && !self.equal(x, y, depth + 1)? {
                return Ok(Some(false));
            }
        }
        Ok(Some(true))
    }

    /// A call of a dataclass's generated `__init__` that passes None for a field its
    /// `default_factory` fills: CPython stores the None, the generated code would call the
    /// factory, so it is declined.
    pub(super) fn no_none_for_factory(&self, class: &str, args: &[Val], keywords: &[(String, Val)]) -> Outcome<()> {
        let Some(dataclass) = self.dataclasses.iter().find(|c| c.name == class) else { return Ok(()) };
        for &place in &dataclass.factories {
            let field = &dataclass.fields[place];
            let by_keyword = keywords.iter().find(|(name, _)| name == field).map(|(_, value)| value);
            if args.get(place).or(by_keyword) == Some(&Val::None) {
                return Err(not_modelled!(
                    "None for `{class}.{field}`, which a default_factory fills, is not modelled"
                ));
            }
        }
        Ok(())
    }

    fn field(&self, obj: usize, field: &str) -> Option<&Val> {
        self.world.objs[obj].attrs.iter().find(|(attr, _)| attr == field).map(|(_, value)| value)
    }

    /// The generated `__repr__` of a dataclass instance, with `reprlib.recursive_repr`'s guard;
    /// None for anything else.
    pub(super) fn dataclass_repr(&mut self, value: &Val, depth: usize) -> Outcome<Option<String>> {
        let Some(class) = self.dataclass_of(value).filter(|c| c.repr) else { return Ok(None) };
        let Val::Obj(obj) = value else { return Ok(None) };
        let obj = *obj;
        if self.repr_guard.contains(&obj) {
            return Ok(Some("...".into()));
        }
        let (name, fields) = (class.name.clone(), class.fields.clone());
        self.repr_guard.push(obj);
        let shown = self.dataclass_fields_repr(obj, &name, &fields, depth);
        self.repr_guard.pop();
        Ok(Some(format!("{name}({})", shown?)))
    }

    fn dataclass_fields_repr(&mut self, obj: usize, name: &str, fields: &[String], depth: usize) -> Outcome<String> {
        let mut shown = Vec::new();
        for field in fields {
            let Some(value) = self.field(obj, field).cloned() else {
                return Err(not_modelled!("the repr of a `{name}` without its field `{field}` is not modelled"));
            };
            shown.push(format!("{field}={}", self.repr_running(&value, depth + 1)?));
        }
        Ok(shown.join(", "))
    }
}
