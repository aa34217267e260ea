//! Classes decorated with `dataclasses.dataclass`, as CPython builds them: the decorator reads
//! the class body's annotated names as fields, in order, after those of a dataclass it derives
//! from (a field it names again keeps its place), leaving out `ClassVar`s; `InitVar`s are
//! parameters of `__init__` passed on to `__post_init__`, not fields. It adds an `__init__` that
//! takes the fields `init` leaves in (positional ones first, then the keyword-only ones:
//! `kw_only=True`, after `_: KW_ONLY`, or `field(kw_only=True)`) and stores each as an
//! attribute in field order (a field left out of `init` gets its `default_factory()` there, or
//! with `slots` its default, else it reads its default from the class), then calls
//! `__post_init__`; a `__repr__` that shows each `repr` field's repr (`...` for an object whose
//! repr is already being made, as `reprlib.recursive_repr` guards it); with `eq` (the default),
//! an `__eq__` that compares the `compare` fields of two instances of the same class, and
//! `__hash__ = None`, which makes instances unhashable unless `frozen`, when they hash by those
//! fields; with `order`, `<`, `<=`, `>` and `>=` comparing the fields as tuples; with `frozen`,
//! a `__setattr__` and `__delattr__` that raise `dataclasses.FrozenInstanceError`; with
//! `slots`, `__slots__` (no `__dict__`, so no other attribute and no weak reference unless
//! `weakref_slot`; CPython sorts the slots by name, and an instance lets go of them in that
//! order). A class the decorator rejects raises its TypeError at the class statement.
//!
//! The `__init__` is written as Python and read by `pysource`, so that its calls run, bind
//! arguments and raise CPython's TypeErrors like any method's; the other methods run natively
//! (they create or free nothing). What the model does not follow (other uses of `field(...)`,
//! `unsafe_hash`, subclasses that are not dataclasses, a class's own `__init__`, `__eq__`,
//! `__hash__` or ordering methods) is declined at the class statement, by name.

use pysource::{Expression, FunctionBody, Literal, MemberKind, Module, Source, Statement, StatementKind};

use crate::world::{referents, Val};

use super::{throw, Outcome, Run, Stop};

/// A field, or an `InitVar` (a parameter of `__init__` only).
#[derive(Clone)]
pub(super) struct Field {
    pub name: String,
    default: Default,
    /// A parameter of the generated `__init__`.
    init: bool,
    /// Passed to `__init__` by keyword only.
    kw_only: bool,
    /// Shown by the generated `__repr__`.
    repr: bool,
    /// Compared by `==` and the orderings, and hashed.
    compare: bool,
    /// An `InitVar`: passed to `__post_init__`, not stored.
    init_var: bool,
}

/// Why the decorator rejects a class: it raises TypeError at the class statement.
#[derive(Clone)]
enum Rejection {
    /// A positional field without a default after one with (3.13 names the latter).
    NonDefaultAfterDefault {
        field: String,
        after: String,
    },
    WeakrefSlotWithoutSlots,
    /// A frozen dataclass deriving from one that is not (or with `thawed`, the other way).
    FrozenMix {
        thawed: bool,
    },
}

/// A dataclass the model follows.
#[derive(Clone)]
pub(super) struct DataClass {
    pub name: String,
    fields: Vec<Field>,
    eq: bool,
    repr: bool,
    frozen: bool,
    order: bool,
    pub(super) slots: bool,
    weakref_slot: bool,
    post_init: bool,
    /// The class defines `__repr__` (or inherits one), which its decorator leaves alone.
    own_repr: bool,
    rejected: Option<Rejection>,
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
    ("order", None),
    ("unsafe_hash", Some(false)),
    ("match_args", None),
    ("kw_only", None),
    ("slots", None),
    ("weakref_slot", None),
];

/// What a field's `__init__` parameter defaults to.
#[derive(Clone)]
enum Default {
    /// None: the argument is required.
    Required,
    /// A default as written in the class body.
    Value(String),
    /// `field(default_factory=name)`: `name()` is called for each instance not given one.
    Factory(String),
}

impl Default {
    fn given(&self) -> bool {
        !matches!(self, Default::Required)
    }
}

/// The options `dataclass(...)` sets.
struct Options {
    eq: bool,
    repr: bool,
    frozen: bool,
    order: bool,
    kw_only: bool,
    slots: bool,
    weakref_slot: bool,
}

/// Reads the module's class statements decorated with `dataclass`.
pub(super) fn expand(statements: &[Statement], module: &Module) -> Expansion {
    let mut expansion = Expansion::default();
    let mut expanded = module.clone();
    for statement in statements {
        let StatementKind::Definition { name, decorators } = &statement.kind else { continue };
        let Some(class) = module.class(name) else { continue };
        let decorated = decorators.iter().any(|d| is_dataclass(d, module));
        if let Some(base) = class.bases.iter().find(|b| expansion.classes.iter().any(|c| &c.name == *b)) {
            if !decorated {
                let reason = format!("the class `{name}` derived from the dataclass `{base}` is not modelled");
                expansion.declined.push((name.clone(), reason));
                continue;
            }
        }
        if !decorated {
            continue;
        }
        let defined =
            statements.iter().filter(|s| matches!(&s.kind, StatementKind::Definition { name: n, .. } if n == name));
        let result = if defined.count() > 1 {
            Err(format!("the dataclass `{name}` defined more than once is not modelled"))
        } else {
            dataclass(name, decorators, statement.line, module, &expansion.classes)
        };
        match result {
            Ok((dataclass, init)) => {
                let model = expanded.classes.iter_mut().find(|c| &c.name == name).expect("the class is the module's");
                if let Some(init) = init {
                    model.members.extend(init.members);
                    expansion.bodies.extend(init.bodies);
                }
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

fn options(name: &str, decorators: &[Expression]) -> Result<Options, String> {
    let [decorator] = decorators else {
        return Err(format!("the dataclass `{name}` with other decorators is not modelled"));
    };
    let mut options = Options {
        eq: true,
        repr: true,
        frozen: false,
        order: false,
        kw_only: false,
        slots: false,
        weakref_slot: false,
    };
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
                "eq" => options.eq = value,
                "repr" => options.repr = value,
                "frozen" => options.frozen = value,
                "order" => options.order = value,
                "kw_only" => options.kw_only = value,
                "slots" => options.slots = value,
                "weakref_slot" => options.weakref_slot = value,
                _ => {}
            }
        }
    }
    if options.order && !options.eq {
        return Err(format!("dataclass(order=True, eq=False) on `{name}` (ValueError) is not modelled"));
    }
    Ok(options)
}

/// The dataclass `name`, and its generated `__init__` (None when the decorator rejects it).
fn dataclass(
    name: &str,
    decorators: &[Expression],
    line: usize,
    module: &Module,
    known: &[DataClass],
) -> Result<(DataClass, Option<Init>), String> {
    let options = options(name, decorators)?;
    let class = module.class(name).expect("the class is the module's");
    let base = match class.bases.as_slice() {
        [] => None,
        [base] => match known.iter().find(|c| &c.name == base && c.rejected.is_none()) {
            Some(base) => Some(base),
            None => return Err(format!("the dataclass `{name}` with the base class `{base}` is not modelled")),
        },
        _ => return Err(format!("the dataclass `{name}` with base classes is not modelled")),
    };
    if let Some(line) = class.unread_statements.first() {
        return Err(format!("the dataclass `{name}` with a statement on line {line} in its body is not modelled"));
    }
    let mut fields: Vec<Field> = Vec::new();
    let (mut post_init, mut own_repr) = (false, false);
    if let Some(base) = base {
        if base.slots || options.slots {
            return Err(format!("the dataclass `{name}` with slots, derived from a dataclass, is not modelled"));
        }
        if (base.eq, base.repr, base.order) != (options.eq, options.repr, options.order) {
            return Err(format!(
                "the dataclass `{name}` with other eq, repr or order than its base `{}` is not modelled",
                base.name
            ));
        }
        if base.own_repr && options.repr {
            return Err(format!(
                "the dataclass `{name}` derived from `{}`, which defines __repr__, is not modelled",
                base.name
            ));
        }
        fields.clone_from(&base.fields);
        (post_init, own_repr) = (base.post_init, base.own_repr);
    }
    let (mut kw_only, mut seen_kw_only) = (options.kw_only, false);
    for member in class.members.iter().filter(|m| m.owner == name) {
        match &member.kind {
            MemberKind::Method(function) => {
                let method = function.name.as_str();
                let ordering = matches!(method, "__lt__" | "__le__" | "__gt__" | "__ge__");
                if matches!(method, "__init__" | "__eq__" | "__hash__" | "__setattr__" | "__delattr__")
                    || (ordering && options.order)
                {
                    return Err(format!("the dataclass `{name}` that defines {method} is not modelled"));
                }
                if matches!(method, "__getattr__" | "__getattribute__" | "__slots__") {
                    return Err(format!("the dataclass `{name}` that defines {method} is not modelled"));
                }
                post_init |= method == "__post_init__";
                own_repr |= method == "__repr__";
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
                let kind = annotation.split('[').next().unwrap_or_default().trim();
                let kind = module.imported(kind).unwrap_or_default();
                if kind == "dataclasses.KW_ONLY" {
                    if seen_kw_only || attribute.class_value.is_some() {
                        return Err(format!("the dataclass `{name}`'s second or assigned KW_ONLY is not modelled"));
                    }
                    (kw_only, seen_kw_only) = (true, true);
                    continue;
                }
                let declined = |what: &str| {
                    format!("the dataclass field `{name}.{} = {}` ({what}) is not modelled", member.name, {
                        attribute.class_value.as_deref().unwrap_or_default()
                    })
                };
                let mut field = Field {
                    name: member.name.clone(),
                    default: Default::Required,
                    init: true,
                    kw_only,
                    repr: true,
                    compare: true,
                    init_var: kind == "dataclasses.InitVar",
                };
                if let Some(value) = &attribute.class_value {
                    field_options(value, module, &mut field).map_err(declined)?;
                }
                if field.init_var && (!field.init || matches!(field.default, Default::Factory(_))) {
                    return Err(declined("an InitVar's field()"));
                }
                match fields.iter_mut().find(|f| f.name == field.name) {
                    Some(inherited) => *inherited = field,
                    None => fields.push(field),
                }
            }
        }
    }
    let mut dataclass = DataClass {
        name: name.to_owned(),
        fields,
        eq: options.eq,
        repr: options.repr,
        frozen: options.frozen,
        order: options.order,
        slots: options.slots,
        weakref_slot: options.weakref_slot,
        post_init,
        own_repr,
        rejected: None,
    };
    dataclass.rejected = rejection(&dataclass, base, &options);
    if dataclass.rejected.is_some() {
        return Ok((dataclass, None));
    }
    let init = init(&dataclass, line)?;
    Ok((dataclass, Some(init)))
}

/// The TypeError the decorator raises for the class, in the order `_process_class` checks.
fn rejection(dataclass: &DataClass, base: Option<&DataClass>, options: &Options) -> Option<Rejection> {
    if let Some(base) = base {
        if base.frozen != options.frozen {
            return Some(Rejection::FrozenMix { thawed: base.frozen });
        }
    }
    let mut seen_default: Option<&str> = None;
    for field in dataclass.fields.iter().filter(|f| f.init && !f.kw_only) {
        if field.default.given() {
            seen_default = Some(&field.name);
        } else if let Some(after) = seen_default {
            return Some(Rejection::NonDefaultAfterDefault { field: field.name.clone(), after: after.to_owned() });
        }
    }
    if options.weakref_slot && !options.slots {
        return Some(Rejection::WeakrefSlotWithoutSlots);
    }
    None
}

/// Reads a field's value in the class body into `field`: `field(...)` with `default` (as
/// written), `default_factory` (`list`, `dict`, `set` or one of the module's functions),
/// `init`, `repr`, `compare` or `kw_only`; or a default as written. Else what is not followed.
fn field_options(value: &str, module: &Module, field: &mut Field) -> Result<(), &'static str> {
    let statements = pysource::statements(value).map_err(|_| "its text")?;
    let [Statement { kind: StatementKind::Expr { value: Expression::Call { func, args, keywords } }, .. }] =
        statements.as_slice()
    else {
        field.default = Default::Value(value.to_owned());
        return Ok(());
    };
    if func.dotted().and_then(|name| module.imported(&name)).as_deref() != Some("dataclasses.field") {
        field.default = Default::Value(value.to_owned());
        return Ok(());
    }
    if !args.is_empty() {
        return Err("field() with positional arguments");
    }
    for (keyword, argument) in keywords {
        let flag = match argument {
            Expression::Literal { literal: Literal::Bool(flag) } => Some(*flag),
            _ => None,
        };
        match (keyword.as_str(), flag) {
            ("default", _) if field.default.given() => return Err("field() with both default and default_factory"),
            ("default", _) => {
                let Expression::Literal { literal } = argument else { return Err("a default that is not a literal") };
                field.default = Default::Value(literal_text(literal).ok_or("a default that is not a literal")?);
            }
            ("default_factory", _) if field.default.given() => {
                return Err("field() with both default and default_factory")
            }
            ("default_factory", _) => match argument {
                Expression::Name { id }
                    if matches!(id.as_str(), "list" | "dict" | "set")
                        || module.functions.iter().any(|f| &f.name == id) =>
                {
                    field.default = Default::Factory(id.clone());
                }
                _ => return Err("a factory other than list, dict, set or the program's function"),
            },
            ("init", Some(flag)) => field.init = flag,
            ("repr", Some(flag)) => field.repr = flag,
            ("compare", Some(flag)) => field.compare = flag,
            ("kw_only", Some(flag)) => field.kw_only = flag,
            _ => return Err("field() with other than default, default_factory, init, repr, compare and kw_only"),
        }
    }
    Ok(())
}

/// A literal as Python source.
fn literal_text(literal: &Literal) -> Option<String> {
    Some(match literal {
        Literal::Int(i) => i.to_string(),
        Literal::Str(s) => format!("{s:?}"),
        Literal::Bool(b) => py_bool(*b).to_owned(),
        Literal::None => "None".to_owned(),
        Literal::Float(_) | Literal::Ellipsis => return None,
    })
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
fn init(dataclass: &DataClass, line: usize) -> Result<Init, String> {
    let name = &dataclass.name;
    let parameter = |field: &Field| match &field.default {
        Default::Value(default) => format!("{}={default}", field.name),
        Default::Factory(_) => format!("{}=None", field.name),
        Default::Required => field.name.clone(),
    };
    let mut parameters = vec!["self".to_owned()];
    parameters.extend(dataclass.fields.iter().filter(|f| f.init && !f.kw_only).map(parameter));
    let keyword_only: Vec<String> = dataclass.fields.iter().filter(|f| f.init && f.kw_only).map(parameter).collect();
    if !keyword_only.is_empty() {
        parameters.push("*".to_owned());
        parameters.extend(keyword_only);
    }
    let mut code = format!("class {name}:\n    def __init__({}):\n", parameters.join(", "));
    let mut body = 0;
    for field in dataclass.fields.iter().filter(|f| !f.init_var) {
        let field_name = &field.name;
        let value = match (&field.default, field.init) {
            (Default::Factory(factory), true) => {
                code.push_str(&format!("        if {field_name} is None:\n            {field_name} = {factory}()\n"));
                field_name.clone()
            }
            (Default::Factory(factory), false) => format!("{factory}()"),
            (_, true) => field_name.clone(),
            (Default::Value(default), false) if dataclass.slots => default.clone(),
            // The instance reads it from the class.
            (_, false) => continue,
        };
        code.push_str(&format!("        self.{field_name} = {value}\n"));
        body += 1;
    }
    if dataclass.post_init {
        let passed: Vec<&str> = dataclass.fields.iter().filter(|f| f.init_var).map(|f| f.name.as_str()).collect();
        code.push_str(&format!("        self.__post_init__({})\n", passed.join(", ")));
        body += 1;
    }
    if body == 0 {
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

/// The class of an exception the `dataclasses` module raises.
pub(super) const FROZEN_INSTANCE_ERROR: &str = "FrozenInstanceError";

impl Run<'_> {
    /// `class` is a dataclass with `slots`: its instances have no `__dict__`.
    pub(super) fn has_slots(&self, class: &str) -> bool {
        self.dataclasses.iter().any(|c| c.name == class && c.slots)
    }

    /// The dataclass `obj` is an instance of, if any.
    pub(super) fn dataclass_of(&self, value: &Val) -> Option<&DataClass> {
        let Val::Obj(obj) = value else { return None };
        let object = &self.world.objs[*obj];
        if object.items.is_some() || object.exception.is_some() || object.weak.is_some() {
            return None;
        }
        self.dataclasses.iter().find(|c| c.name == object.class)
    }

    /// The class statement of a dataclass the decorator rejects raises its TypeError.
    #[inline(never)]
    pub(super) fn dataclass_created(&self, name: &str) -> Outcome<()> {
        let Some(rejected) = self.dataclasses.iter().find(|c| c.name == name).and_then(|c| c.rejected.as_ref()) else {
            return Ok(());
        };
        let message = match rejected {
            Rejection::NonDefaultAfterDefault { field, after } if self.minor >= 13 => {
                format!("non-default argument '{field}' follows default argument '{after}'")
            }
            Rejection::NonDefaultAfterDefault { field, .. } => {
                format!("non-default argument '{field}' follows default argument")
            }
            Rejection::WeakrefSlotWithoutSlots => "weakref_slot is True but slots is False".to_owned(),
            Rejection::FrozenMix { thawed: true } => "cannot inherit non-frozen dataclass from a frozen one".to_owned(),
            Rejection::FrozenMix { thawed: false } => {
                "cannot inherit frozen dataclass from a non-frozen one".to_owned()
            }
        };
        Err(throw("TypeError", &message))
    }

    /// `FrozenInstanceError` by the name or attribute the program spells it with (imported from
    /// `dataclasses`); None for any other expression.
    #[inline(never)]
    pub(super) fn dataclasses_name(&self, expression: &Expression) -> Option<Val> {
        let dotted = expression.dotted()?;
        let head = dotted.split('.').next().unwrap_or_default();
        let imported = self.module.imported(&dotted)?;
        (imported == "dataclasses.FrozenInstanceError" && self.world.global(head).is_none())
            .then(|| Val::Class(FROZEN_INSTANCE_ERROR.to_owned()))
    }

    /// Declines an escaping FrozenInstanceError: its traceback ends in the `__setattr__` or
    /// `__delattr__` the decorator generated, at a line of that code which depends on the
    /// version and on the class.
    pub(super) fn traceback_in_program(&self, class: &str) -> Outcome<()> {
        if class == FROZEN_INSTANCE_ERROR && self.module.class(class).is_none() {
            return Err(not_modelled!(
                "the traceback of an escaping dataclasses.FrozenInstanceError (it ends in the generated __setattr__) is not modelled"
            ));
        }
        Ok(())
    }

    /// An instance of a dataclass with `eq` and not `frozen`: `__hash__` is None.
    pub(super) fn unhashable_dataclass(&self, value: &Val) -> Option<&str> {
        self.dataclass_of(value).filter(|c| c.eq && !c.frozen).map(|c| c.name.as_str())
    }

    /// The fields a frozen dataclass's instance with `eq` hashes as a tuple; None for anything
    /// else.
    #[inline(never)]
    pub(super) fn hashed_fields(&self, value: &Val) -> Outcome<Option<Vec<Val>>> {
        let Some(class) = self.dataclass_of(value).filter(|c| c.eq && c.frozen) else { return Ok(None) };
        let Val::Obj(obj) = value else { return Ok(None) };
        let mut values = Vec::new();
        for field in class.fields.iter().filter(|f| f.compare && !f.init_var) {
            values.push(self.field_value(*obj, class, &field.name, "hash")?);
        }
        Ok(Some(values))
    }

    /// An instance of a frozen dataclass with `eq`, which hashes by its fields: a weak
    /// reference to it equals another to an equal object.
    pub(super) fn field_hashed(&self, value: &Val) -> bool {
        self.dataclass_of(value).is_some_and(|c| c.eq && c.frozen)
    }

    /// Setting (or with `deleting`, deleting) `attr` of `base`, as the `__setattr__` and
    /// `__delattr__` a frozen dataclass is given do before anything else: FrozenInstanceError
    /// anywhere but in its generated `__init__`, so before a property of that name is asked
    /// (`object.__setattr__` goes past them to the property).
    #[inline(never)]
    pub(super) fn frozen_settable(&self, base: &Val, attr: &str, deleting: bool) -> Outcome<()> {
        let Some(class) = self.dataclass_of(base).filter(|c| c.frozen) else { return Ok(()) };
        let generated_init = format!("{}.__init__", class.name);
        let in_init = self.locals.last().is_some_and(|(_, _, _, qualname)| *qualname == generated_init);
        let field = class.fields.iter().any(|f| f.name == attr && !f.init_var);
        if class.slots && !field {
            // The generated method's closure holds the class the decorator was given, which
            // `slots` replaced: it is not `type(self)`, so it calls `super(cls, self)`.
            let message = match self.minor {
                ..13 => "super(type, obj): obj must be an instance or subtype of type".to_owned(),
                _ => format!(
                    "super(type, obj): obj (instance of {0}) is not an instance or subtype of type ({0}).",
                    class.name
                ),
            };
            return Err(throw("TypeError", &message));
        }
        if deleting || !in_init {
            let what = if deleting { "delete" } else { "assign to" };
            return Err(throw(FROZEN_INSTANCE_ERROR, &format!("cannot {what} field '{attr}'")));
        }
        Ok(())
    }

    /// Setting (or with `deleting`, deleting) `attr` of `base` where no property answered: an
    /// instance of a dataclass with `slots` has no attribute but its fields (the message
    /// changed in 3.13).
    #[inline(never)]
    pub(super) fn settable(&self, base: &Val, attr: &str, deleting: bool) -> Outcome<()> {
        let Some(class) = self.dataclass_of(base) else { return Ok(()) };
        let field = class.fields.iter().any(|f| f.name == attr && !f.init_var);
        if class.slots && !field {
            let name = &class.name;
            let message = match (deleting, self.minor) {
                (true, _) => {
                    return Err(not_modelled!("deleting `{attr}` of a `{name}` (it has slots) is not modelled"))
                }
                (false, ..13) => format!("'{name}' object has no attribute '{attr}'"),
                (false, _) => {
                    format!("'{name}' object has no attribute '{attr}' and no __dict__ for setting new attributes")
                }
            };
            return Err(throw("AttributeError", &message));
        }
        Ok(())
    }

    /// After an attribute of `base` was set: a dataclass with `slots` keeps its slots in the
    /// order CPython lets go of them and visits them, by name.
    #[inline(never)]
    pub(super) fn attribute_stored(&mut self, base: &Val) -> Outcome<()> {
        let Val::Obj(obj) = base else { return Ok(()) };
        if self.dataclass_of(base).is_some_and(|class| class.slots) {
            self.world.objs[*obj].attrs.sort_by(|(a, _), (b, _)| a.cmp(b));
        }
        Ok(())
    }

    /// `object.__setattr__(obj, name, value)`: sets the attribute past a frozen dataclass's
    /// `__setattr__` (the idiom of its `__post_init__`); None comes back held. Kept out of
    /// `call_expression`, whose stack frame every nested call repeats.
    #[inline(never)]
    pub(super) fn object_setattr(
        &mut self,
        args: &[Expression],
        keywords: &[(String, Expression)],
        frame: super::Frame,
    ) -> Outcome<Val> {
        let values = self.positional_arguments("object.__setattr__", args, keywords, frame)?;
        let [base @ Val::Obj(obj), name @ Val::Str(attr), value] = values.as_slice() else {
            return Err("object.__setattr__ with other than an instance, a name and a value is not modelled".into());
        };
        super::addresses::unread(name, "object.__setattr__ with")?;
        if self.world.objs[*obj].items.is_some() || self.world.objs[*obj].weak.is_some() {
            return Err("object.__setattr__ on a built-in object is not modelled".into());
        }
        let class = self.dataclass_of(base).filter(|c| c.slots && !c.fields.iter().any(|f| &f.name == attr));
        if let Some(class) = class {
            return Err(not_modelled!(
                "object.__setattr__ of `{attr}` on a `{}` (it has slots) is not modelled",
                class.name
            ));
        }
        if !self.property_store(base, attr, Some(value))? {
            self.store_attribute(base, attr, value.clone())?;
        }
        for value in &values {
            self.drop_temporary(value)?;
        }
        self.hold(&Val::None);
        Ok(Val::None)
    }

    /// A weak reference to `obj`: TypeError for an instance of a dataclass with `slots` and
    /// without `weakref_slot`; declined for a traceback.
    #[inline(never)]
    pub(super) fn weakly_referable_instance(&self, obj: usize) -> Outcome<()> {
        if self.world.objs[obj].class == crate::world::TRACEBACK {
            return Err(not_modelled!("a weak reference to a traceback (a TypeError) is not modelled"));
        }
        match self.dataclass_of(&Val::Obj(obj)) {
            Some(class) if class.slots && !class.weakref_slot => {
                Err(throw("TypeError", &format!("cannot create weak reference to '{}' object", class.name)))
            }
            _ => Ok(()),
        }
    }

    /// The value an instance of a dataclass reads from its class for a field it has no
    /// attribute for: its default, as written (a literal); None where there is none.
    #[inline(never)]
    pub(super) fn class_default(&self, obj: usize, attr: &str) -> Outcome<Option<Val>> {
        let Some(class) = self.dataclass_of(&Val::Obj(obj)).filter(|c| !c.slots) else { return Ok(None) };
        let Some(Field { default: Default::Value(text), .. }) = class.fields.iter().find(|f| f.name == attr) else {
            return Ok(None);
        };
        let statements = pysource::statements(text).map_err(|_| Stop::from("a dataclass default's text"))?;
        match statements.as_slice() {
            [Statement { kind: StatementKind::Expr { value: Expression::Literal { literal } }, .. }] => {
                super::literal_value(literal).map(Some)
            }
            _ => Err(not_modelled!("`{attr}` read from the class `{}` is not modelled", class.name)),
        }
    }

    /// `left == right` where either is an instance of a dataclass with `eq`: the fields of two
    /// instances of the same class compared in order (as a tuple up to 3.12, which takes an
    /// identical pair as equal; one by one from 3.13); else identity, unless the other side
    /// defines `__eq__`. None where neither is such an instance.
    #[inline(never)]
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
        for field in instance.fields.iter().filter(|f| f.compare && !f.init_var) {
            let x = self.field_value(*a, instance, &field.name, "`==`")?;
            let y = self.field_value(*b, instance, &field.name, "`==`")?;
            if [&x, &y].iter().any(|v| matches!(v, Val::Float(f) if f.is_nan())) {
                // Up to 3.12 the tuple comparison takes the same NaN object as equal to itself.
                return Err(not_modelled!("`==` on a `{}` with a NaN field is not modelled", instance.name));
            }
            let same = self.minor < 13 && referents(&x).is_some() && x == y;
            if !same && !self.equal(&x, &y, depth + 1)? {
                return Ok(Some(false));
            }
        }
        Ok(Some(true))
    }

    /// `left op right` (`op` one of `<`, `<=`, `>`, `>=`) where either is a dataclass's
    /// instance: with `order`, two instances of the same class compare their fields as tuples;
    /// otherwise both sides return NotImplemented and `op` raises TypeError, where the model
    /// knows the other side has no ordering of its own. None where neither is an instance.
    #[inline(never)]
    pub(super) fn dataclass_order(&self, op: &str, left: &Val, right: &Val) -> Outcome<Option<bool>> {
        let (left_class, right_class) = (self.dataclass_of(left), self.dataclass_of(right));
        if left_class.is_none() && right_class.is_none() {
            return Ok(None);
        }
        if let (Some(class), Val::Obj(a), Val::Obj(b)) = (left_class, left, right) {
            if class.order && right_class.is_some_and(|c| c.name == class.name) {
                return self.fields_order(op, class, *a, *b).map(Some);
            }
        }
        let type_name = |value: &Val| -> Outcome<String> {
            Ok(match value {
                Val::Int(_) => "int".to_owned(),
                Val::Bool(_) => "bool".to_owned(),
                Val::Str(_) => "str".to_owned(),
                Val::None => "NoneType".to_owned(),
                Val::Obj(obj) if self.dataclass_of(value).is_some() => self.world.objs[*obj].class.clone(),
                _ => return Err(not_modelled!("`{op}` between a dataclass's instance and this value is not modelled")),
            })
        };
        let (left_name, right_name) = (type_name(left)?, type_name(right)?);
        for class in [left_class, right_class].into_iter().flatten() {
            if self.defines(&class.name, &["__lt__", "__le__", "__gt__", "__ge__"]) {
                return Err(not_modelled!("`{op}` on a `{}` (it defines an ordering) is not modelled", class.name));
            }
        }
        Err(throw("TypeError", &format!("'{op}' not supported between instances of '{left_name}' and '{right_name}'")))
    }

    /// The fields of `a` and `b`, instances of `class`, compared as tuples by `op`: the first
    /// pair that is not the same object and not equal decides; all equal, the tuples are.
    fn fields_order(&self, op: &str, class: &DataClass, a: usize, b: usize) -> Outcome<bool> {
        for field in class.fields.iter().filter(|f| f.compare && !f.init_var) {
            let x = self.field_value(a, class, &field.name, "ordering")?;
            let y = self.field_value(b, class, &field.name, "ordering")?;
            if [&x, &y].iter().any(|v| matches!(v, Val::Float(f) if f.is_nan())) {
                return Err(not_modelled!("ordering a `{}` with a NaN field is not modelled", class.name));
            }
            let same = referents(&x).is_some() && x == y;
            if same || self.equal(&x, &y, 1)? {
                continue;
            }
            let builtin = |value: &Val| match value {
                Val::Int(_) => Some("int"),
                Val::Bool(_) => Some("bool"),
                Val::Str(_) => Some("str"),
                Val::None => Some("NoneType"),
                _ => None,
            };
            if let (Some(left), Some(right)) = (builtin(&x), builtin(&y)) {
                let numbers = |name| matches!(name, "int" | "bool");
                if !(left == right && left != "NoneType" || numbers(left) && numbers(right)) {
                    let message = format!("'{op}' not supported between instances of '{left}' and '{right}'");
                    return Err(throw("TypeError", &message));
                }
            }
            return self.compare(op, &x, &y);
        }
        Ok(matches!(op, "<=" | ">="))
    }

    /// For sorting instances of a dataclass with `order`: whether each of `keys` is less than
    /// each other. Its `__lt__` calls nothing, prints nothing and leaves nothing behind, so how
    /// often the sort calls it does not show. None for other classes.
    pub(super) fn dataclass_less_table(&self, class: &str, keys: &[Val]) -> Outcome<Option<Vec<Vec<bool>>>> {
        let Some(dataclass) = self.dataclasses.iter().find(|c| c.name == class) else { return Ok(None) };
        let ordered = self.defines(class, &["__lt__", "__le__", "__gt__", "__ge__"]);
        if !dataclass.order && !ordered {
            // The sort's first comparison, between two instances of the class, raises.
            let message = format!("'<' not supported between instances of '{class}' and '{class}'");
            return Err(throw("TypeError", &message));
        }
        if !dataclass.order {
            return Ok(None);
        }
        let mut less = vec![vec![false; keys.len()]; keys.len()];
        for (a, left) in keys.iter().enumerate() {
            for (b, right) in keys.iter().enumerate().filter(|(b, _)| *b != a) {
                less[a][b] = match self.compare("<", left, right) {
                    Ok(answer) => answer,
                    Err(Stop::Throw(..) | Stop::Raised(_)) => {
                        return Err(not_modelled!(
                            "sorting `{class}` instances whose fields `<` cannot compare (TypeError) is not modelled"
                        ))
                    }
                    Err(stop) => return Err(stop),
                };
            }
        }
        Ok(Some(less))
    }

    /// Sorting `keys` that mix dataclasses' instances with other instances or with ints,
    /// strings and None: CPython's sort makes its comparisons in its order, each `<` answered
    /// natively (by the fields of two instances of one class with `order`) or raising
    /// TypeError, and the first that raises ends the sort. The keys' order, by their indices;
    /// None where the keys are not such a mix.
    #[inline(never)]
    pub(super) fn mixed_sort(&self, keys: &[Val], reverse: bool) -> Outcome<Option<Vec<usize>>> {
        let instance = |key: &Val| self.dataclass_of(key).map(|c| c.name.clone());
        let Some(first) = keys.iter().find_map(instance) else { return Ok(None) };
        if keys.iter().all(|key| instance(key).as_deref() == Some(first.as_str())) {
            return Ok(None);
        }
        let builtin = |key: &Val| matches!(key, Val::Int(_) | Val::Bool(_) | Val::Str(_) | Val::None);
        if let Some(other) = keys.iter().find(|key| instance(key).is_none() && !builtin(key)) {
            return Err(not_modelled!("sorting dataclasses' instances with {} is not modelled", self.kind_name(other)));
        }
        // A reverse sort reverses the list, sorts it and reverses it back.
        let compared: Vec<&Val> = if reverse { keys.iter().rev().collect() } else { keys.iter().collect() };
        let (mut less, mut raised) =
            (vec![vec![None; keys.len()]; keys.len()], vec![vec![None; keys.len()]; keys.len()]);
        for (a, left) in compared.iter().enumerate() {
            for (b, right) in compared.iter().enumerate().filter(|(b, _)| *b != a) {
                match self.compare("<", left, right) {
                    Ok(answer) => less[a][b] = Some(answer),
                    Err(Stop::Throw(class, message)) => raised[a][b] = Some((class, message)),
                    Err(stop) => return Err(stop),
                }
            }
        }
        let Some(sorted) = super::unorderable::sort_order(keys.len(), self.minor, &less) else {
            return Err("sorting 64 keys or more that mix dataclasses' instances is not modelled".into());
        };
        match sorted {
            Ok(order) if reverse => Ok(Some(order.into_iter().rev().map(|i| keys.len() - 1 - i).collect())),
            Ok(order) => Ok(Some(order)),
            Err((a, b)) => match raised[a][b].clone() {
                Some((class, message)) => Err(Stop::Throw(class, message)),
                None => Err("a sort comparing a key with itself is not modelled".into()),
            },
        }
    }

    /// A call of a dataclass's generated `__init__` that passes None for a field its
    /// `default_factory` fills: CPython stores the None, the generated code would call the
    /// factory, so it is declined.
    pub(super) fn no_none_for_factory(&self, class: &str, args: &[Val], keywords: &[(String, Val)]) -> Outcome<()> {
        let Some(dataclass) = self.dataclasses.iter().find(|c| c.name == class) else { return Ok(()) };
        let positional: Vec<&Field> = dataclass.fields.iter().filter(|f| f.init && !f.kw_only).collect();
        for field in dataclass.fields.iter().filter(|f| f.init && matches!(f.default, Default::Factory(_))) {
            let place = positional.iter().position(|f| f.name == field.name);
            let by_keyword = keywords.iter().find(|(name, _)| *name == field.name).map(|(_, value)| value);
            if place.and_then(|p| args.get(p)).or(by_keyword) == Some(&Val::None) {
                return Err(not_modelled!(
                    "None for `{class}.{}`, which a default_factory fills, is not modelled",
                    field.name
                ));
            }
        }
        Ok(())
    }

    /// The value of `field` of `obj` (an instance of `class`): its attribute, or the default
    /// it reads from the class; `what` uses it.
    fn field_value(&self, obj: usize, class: &DataClass, field: &str, what: &str) -> Outcome<Val> {
        if let Some((_, value)) = self.world.objs[obj].attrs.iter().find(|(attr, _)| attr == field) {
            return Ok(value.clone());
        }
        match self.class_default(obj, field)? {
            Some(value) => Ok(value),
            None => Err(not_modelled!("{what} of a `{}` without its field `{field}` is not modelled", class.name)),
        }
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
        let class = class.clone();
        self.repr_guard.push(obj);
        let shown = self.dataclass_fields_repr(obj, &class, depth);
        self.repr_guard.pop();
        Ok(Some(format!("{}({})", class.name, shown?)))
    }

    fn dataclass_fields_repr(&mut self, obj: usize, class: &DataClass, depth: usize) -> Outcome<String> {
        let mut shown = Vec::new();
        for field in class.fields.iter().filter(|f| f.repr && !f.init_var) {
            let value = self.field_value(obj, class, &field.name, "the repr")?;
            shown.push(format!("{}={}", field.name, self.repr_running(&value, depth + 1)?));
        }
        Ok(shown.join(", "))
    }
}
