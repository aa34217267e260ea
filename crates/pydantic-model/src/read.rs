//! Reads the code, through `pysource`, into the schema pydantic builds from it: the target's
//! fields, their types and constraints, and the classes and enums they refer to. Whatever this
//! does not know how pydantic treats is a [`Decline`], naming what and where.

use std::collections::HashMap;

use pysource::{
    Class, ClassHeader, Expression, Function, Import, Literal, MemberKind, Module, ParamKind, StatementKind,
};
use serde::{Deserialize, Serialize};

use crate::number::{BigInt, Num};

/// Something the model does not follow, so predicts nothing from it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decline {
    pub line: usize,
    /// What, as written: `Annotated[int, AfterValidator(f)]`.
    pub what: String,
    pub why: String,
}

impl std::fmt::Display for Decline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}: {}", self.line, self.what, self.why)
    }
}

/// Metadata pydantic does not act on: it keeps it in the type and ignores it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ignored {
    pub line: usize,
    /// The field (or parameter) whose annotation holds it, with its class or function.
    pub field: String,
    /// The metadata as written.
    pub metadata: String,
}

/// A constant of the code: a literal, a container of literals, or an enum member.
#[derive(Clone, Debug, PartialEq)]
pub enum Const {
    Int(BigInt),
    Float(f64),
    Str(String),
    Bool(bool),
    None,
    List(Vec<Const>),
    Dict(Vec<(Const, Const)>),
    /// An enum member: its enum and its value.
    Member(String, Box<Const>),
}

impl Const {
    /// As JSON, as pydantic writes it into a schema (an enum member by its value).
    pub fn to_json(&self) -> Option<serde_json::Value> {
        Some(match self {
            Const::Int(n) => n.to_json()?,
            Const::Float(f) => serde_json::Number::from_f64(*f).map(serde_json::Value::Number)?,
            Const::Str(s) => s.clone().into(),
            Const::Bool(b) => (*b).into(),
            Const::None => serde_json::Value::Null,
            Const::List(items) => items.iter().map(Const::to_json).collect::<Option<Vec<_>>>()?.into(),
            Const::Dict(entries) => {
                let mut map = serde_json::Map::new();
                for (key, value) in entries {
                    let Const::Str(key) = key else { return None };
                    map.insert(key.clone(), value.to_json()?);
                }
                map.into()
            }
            Const::Member(_, value) => value.to_json()?,
        })
    }

    /// Python's repr, for the expected values of a `Literal` or an enum in messages.
    pub fn repr(&self) -> String {
        match self {
            Const::Int(n) => n.to_string(),
            Const::Float(f) => pysource::float_repr(*f),
            Const::Str(s) => pysource::str_repr(s),
            Const::Bool(true) => "True".into(),
            Const::Bool(false) => "False".into(),
            Const::None => "None".into(),
            _ => "…".into(),
        }
    }
}

/// The constraints pydantic puts into a type's core schema.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Constraints {
    pub gt: Option<Num>,
    pub ge: Option<Num>,
    pub lt: Option<Num>,
    pub le: Option<Num>,
    pub multiple_of: Option<Num>,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub strip_whitespace: bool,
    pub to_lower: bool,
    pub to_upper: bool,
    pub pattern: Option<String>,
    /// `annotated_types.Predicate` callables the model knows, by qualified name (`str.islower`).
    pub predicates: Vec<String>,
    pub strict: Option<bool>,
}

impl Constraints {
    fn numeric(&self) -> bool {
        self.gt.is_some() || self.ge.is_some() || self.lt.is_some() || self.le.is_some() || self.multiple_of.is_some()
    }

    fn length(&self) -> bool {
        self.min_length.is_some() || self.max_length.is_some()
    }

    fn string(&self) -> bool {
        self.strip_whitespace || self.to_lower || self.to_upper || self.pattern.is_some()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    Any,
    Int,
    Float,
    Str,
    Bool,
    NoneType,
    List(Box<Node>),
    Set(Box<Node>),
    /// `tuple[int, str]`.
    Tuple(Vec<Node>),
    /// `tuple[int, ...]`.
    TupleOf(Box<Node>),
    Dict(Box<Node>, Box<Node>),
    /// `X | None`: pydantic's nullable schema, whose errors are X's.
    Nullable(Box<Node>),
    /// A union of two or more types other than None.
    Union(Vec<Node>),
    Literal(Vec<Const>),
    Enum(String),
    Class(String),
}

/// A type with the constraints of its `Annotated` metadata.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub kind: Kind,
    pub c: Constraints,
}

impl Node {
    fn plain(kind: Kind) -> Node {
        Node { kind, c: Constraints::default() }
    }

    /// The tag pydantic gives a union member in an error's location.
    pub fn union_tag(&self) -> Option<String> {
        if self.c != Constraints::default() {
            return None;
        }
        Some(match &self.kind {
            Kind::Int => "int".into(),
            Kind::Float => "float".into(),
            Kind::Str => "str".into(),
            Kind::Bool => "bool".into(),
            Kind::List(item) => format!("list[{}]", item.union_tag()?),
            Kind::Set(item) => format!("set[{}]", item.union_tag()?),
            Kind::Dict(key, value) => format!("dict[{},{}]", key.union_tag()?, value.union_tag()?),
            Kind::Class(name) => name.clone(),
            _ => return None,
        })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum FieldDefault {
    Required,
    Value(Const),
    Factory,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FieldDef {
    pub name: String,
    /// The key the input must use: the alias, or the name.
    pub key: String,
    pub node: Node,
    pub default: FieldDefault,
    pub title: Option<String>,
    pub description: Option<String>,
    pub line: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClassKind {
    BaseModel,
    PydanticDataclass,
    StdlibDataclass,
    TypedDict,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Extra {
    Ignore,
    Forbid,
    Allow,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ClassDef {
    pub name: String,
    pub kind: ClassKind,
    pub fields: Vec<FieldDef>,
    pub extra: Extra,
    pub strict: bool,
    pub description: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EnumDef {
    pub name: String,
    pub values: Vec<Const>,
    pub description: Option<String>,
}

/// What the target is.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    Class(String),
    /// A `validate_call` function: its parameters as fields.
    Function {
        name: String,
        params: Vec<FieldDef>,
    },
}

/// The target and everything it refers to, read from the code.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct World {
    pub classes: Vec<ClassDef>,
    pub enums: Vec<EnumDef>,
    pub ignored: Vec<Ignored>,
}

impl World {
    pub fn class(&self, name: &str) -> &ClassDef {
        self.classes.iter().find(|c| c.name == name).expect("every class referred to is read")
    }

    pub fn enumeration(&self, name: &str) -> &EnumDef {
        self.enums.iter().find(|e| e.name == name).expect("every enum referred to is read")
    }
}

/// The kinds of target the lab predicts, and what each name in the code is.
pub struct Reader<'m> {
    module: &'m Module,
    imports: Vec<Import>,
    headers: Vec<ClassHeader>,
    /// Module-level `Name = expression`, the last binding of each name.
    aliases: HashMap<String, (usize, Expression)>,
    python_minor: u8,
    reading: Vec<String>,
    world: World,
}

type Read<T> = Result<T, Decline>;

fn decline<T>(line: usize, what: impl Into<String>, why: impl Into<String>) -> Read<T> {
    Err(Decline { line, what: what.into(), why: why.into() })
}

/// Library names by the path pydantic's users import them from, with the spellings that are
/// the same object.
fn canonical(path: &str) -> String {
    let path = path.strip_prefix("typing_extensions.").map_or_else(
        || path.to_owned(),
        |name| if name == "TypedDict" { path.to_owned() } else { format!("typing.{name}") },
    );
    match path.as_str() {
        "pydantic.fields.Field" => "pydantic.Field".into(),
        "pydantic.types.StringConstraints" => "pydantic.StringConstraints".into(),
        "pydantic.main.BaseModel" => "pydantic.BaseModel".into(),
        "pydantic.config.ConfigDict" => "pydantic.ConfigDict".into(),
        "pydantic.validate_call_decorator.validate_call" => "pydantic.validate_call".into(),
        "typing.List" => "builtins.list".into(),
        "typing.Dict" => "builtins.dict".into(),
        "typing.Set" => "builtins.set".into(),
        "typing.Tuple" => "builtins.tuple".into(),
        _ => path,
    }
}

const BUILTINS: [&str; 9] = ["int", "float", "str", "bool", "list", "dict", "set", "tuple", "object"];

/// What a name or dotted name in the code refers to.
enum Named {
    /// A library object by its canonical path (`typing.Optional`, `builtins.int`).
    Library(String),
    Class(String),
    Alias(usize, Expression),
    Unknown,
}

impl<'m> Reader<'m> {
    pub fn new(source: &pysource::Source, module: &'m Module, python_minor: u8) -> Reader<'m> {
        let mut aliases = HashMap::new();
        for statement in source.statements() {
            if let StatementKind::Assign { targets, value } = statement.kind {
                for target in targets {
                    if let Expression::Name { id } = target {
                        aliases.insert(id, (statement.line, value.clone()));
                    }
                }
            }
        }
        Reader {
            module,
            imports: source.imports(),
            headers: source.class_headers(),
            aliases,
            python_minor,
            reading: Vec::new(),
            world: World::default(),
        }
    }

    /// The names the lab can validate against: models, dataclasses, TypedDicts and
    /// `validate_call` functions, in the order of the code.
    pub fn targets(&self) -> Vec<String> {
        let mut found: Vec<(usize, String)> = self
            .module
            .classes
            .iter()
            .filter(|class| self.class_kind(class).is_some())
            .map(|class| (class.line, class.name.clone()))
            .collect();
        found.extend(
            self.module
                .functions
                .iter()
                .filter(|f| f.decorators.iter().any(|d| self.is_library(d, "pydantic.validate_call")))
                .map(|f| (f.line, f.name.clone())),
        );
        found.sort();
        found.into_iter().map(|(_, name)| name).collect()
    }

    /// Reads `target` and everything it refers to.
    pub fn read(mut self, target: &str) -> Result<(Target, World), Decline> {
        if let Some(class) = self.module.class(target) {
            if self.class_kind(class).is_none() {
                return decline(
                    class.line,
                    format!("class {target}"),
                    "not a BaseModel, dataclass or TypedDict: pydantic validates no such class here",
                );
            }
            self.read_class(class)?;
            return Ok((Target::Class(target.to_owned()), self.world));
        }
        if let Some(function) = self.module.function(target) {
            let params = self.read_function(function)?;
            return Ok((Target::Function { name: target.to_owned(), params }, self.world));
        }
        decline(1, target, "the code defines no class or function of that name")
    }

    fn named(&self, dotted: &str) -> Named {
        let (first, rest) = dotted.split_once('.').map_or((dotted, None), |(a, b)| (a, Some(b)));
        if rest.is_none() {
            if self.module.class(first).is_some() {
                return Named::Class(first.to_owned());
            }
            if let Some((line, value)) = self.aliases.get(first) {
                return Named::Alias(*line, value.clone());
            }
        }
        if let Some(import) = self.imports.iter().rev().find(|i| i.bound == first) {
            let path = match rest {
                Some(rest) => format!("{}.{rest}", import.target),
                None => import.target.clone(),
            };
            return Named::Library(canonical(&path));
        }
        if rest.is_none() && BUILTINS.contains(&first) && self.module.function(first).is_none() {
            return Named::Library(format!("builtins.{first}"));
        }
        Named::Unknown
    }

    fn library(&self, expr: &Expression) -> Option<String> {
        match self.named(&expr.dotted()?) {
            Named::Library(path) => Some(path),
            _ => None,
        }
    }

    fn is_library(&self, text: &str, path: &str) -> bool {
        pysource::expression(text).and_then(|e| self.library(&e)).as_deref() == Some(path)
    }

    fn header(&self, name: &str) -> Option<&ClassHeader> {
        self.headers.iter().rev().find(|h| h.name == name)
    }

    fn class_kind(&self, class: &Class) -> Option<ClassKind> {
        for decorator in &class.decorators {
            if self.is_library(decorator, "pydantic.dataclasses.dataclass") {
                return Some(ClassKind::PydanticDataclass);
            }
            if self.is_library(decorator, "dataclasses.dataclass") {
                return Some(ClassKind::StdlibDataclass);
            }
        }
        class.bases.iter().find_map(|base| {
            let expr = pysource::expression(base)?;
            match self.named(&expr.dotted()?) {
                Named::Library(path) if path == "pydantic.BaseModel" => Some(ClassKind::BaseModel),
                Named::Library(path) if path == "typing.TypedDict" || path == "typing_extensions.TypedDict" => {
                    Some(ClassKind::TypedDict)
                }
                Named::Class(name) if name != class.name => self
                    .module
                    .class(&name)
                    .and_then(|base| self.class_kind(base))
                    .filter(|k| matches!(k, ClassKind::BaseModel | ClassKind::TypedDict)),
                _ => None,
            }
        })
    }

    fn is_enum(&self, class: &Class) -> bool {
        class.bases.iter().any(|b| self.is_library(b, "enum.Enum"))
    }

    fn read_class(&mut self, class: &Class) -> Read<()> {
        if self.world.classes.iter().any(|c| c.name == class.name) {
            return Ok(());
        }
        if self.reading.contains(&class.name) {
            return decline(
                class.line,
                format!("class {}", class.name),
                "a class that refers to itself is not modelled",
            );
        }
        let kind = self.class_kind(class).expect("read_class is called for validated classes");
        let what = format!("class {}", class.name);
        if let Some(line) = class.unread_statements.first() {
            return decline(*line, what, "a statement in the class body the lab does not read");
        }
        if class.type_params.is_some() || class.metaclass.is_some() {
            return decline(class.line, what, "generic classes and metaclasses are not modelled");
        }
        let header = self.header(&class.name).cloned();
        let description = match header.as_ref().and_then(|h| h.docstring.clone()) {
            Some(doc) if doc.contains('\n') => {
                return decline(
                    class.line,
                    what,
                    "a docstring of several lines (the schema's description) is not modelled",
                )
            }
            doc => doc.map(|d| d.trim().to_owned()).filter(|d| !d.is_empty()),
        };
        let mut total = true;
        for (keyword, value) in header.iter().flat_map(|h| h.keywords.iter()) {
            match (kind, keyword.as_str(), value.as_str()) {
                (ClassKind::TypedDict, "total", "False") => total = false,
                (ClassKind::TypedDict, "total", "True") => {}
                _ => return decline(class.line, what, format!("the class keyword {keyword}={value} is not modelled")),
            }
        }
        if kind == ClassKind::TypedDict
            && self.python_minor < 12
            && class.bases.iter().any(|b| self.is_library(b, "typing.TypedDict"))
        {
            return decline(
                class.line,
                what,
                "before Python 3.12 pydantic refuses typing.TypedDict (it asks for typing_extensions.TypedDict)",
            );
        }
        for decorator in &class.decorators {
            let Some(expr) = pysource::expression(decorator) else { continue };
            if !matches!(expr, Expression::Name { .. } | Expression::Attribute { .. }) {
                return decline(class.line, format!("@{decorator}"), "a decorator with arguments is not modelled");
            }
        }
        self.reading.push(class.name.clone());
        let mut fields: Vec<FieldDef> = Vec::new();
        let mut extra = Extra::Ignore;
        let mut strict = false;
        // Fields of base classes come first; a field redefined keeps its place.
        for base in &class.bases {
            let Some(Named::Class(base_name)) =
                pysource::expression(base).and_then(|e| e.dotted()).map(|d| self.named(&d))
            else {
                continue;
            };
            let base_class = self.module.class(&base_name).expect("a named class exists");
            if base_name == class.name || self.class_kind(base_class) != Some(kind) {
                return decline(
                    class.line,
                    format!("class {}({base_name})", class.name),
                    "a base class of another kind (a mixin) is not modelled",
                );
            }
            self.read_class(base_class)?;
            let read = self.world.class(&base_name).clone();
            fields.extend(read.fields);
            extra = read.extra;
            strict = read.strict;
        }
        for member in &class.members {
            if let MemberKind::Method(method) = &member.kind {
                let plain = method.decorators.iter().all(|d| ["staticmethod", "classmethod"].contains(&d.as_str()));
                if !plain
                    || ["__init__", "__post_init__", "model_post_init", "__new__"].contains(&method.name.as_str())
                    || method.name.starts_with("__get_pydantic")
                {
                    return decline(method.line, format!("{}.{}", class.name, method.name), "a method that may take part in validation (a validator, a decorator, an __init__ or a pydantic hook) is not modelled");
                }
            }
            let MemberKind::Attribute(attribute) = &member.kind else { continue };
            // What a field's note or decline cites: its own line.
            let line = if attribute.line > 0 { attribute.line } else { class.line };
            if member.owner != class.name || attribute.class_var {
                continue;
            }
            if member.name == "model_config" && kind == ClassKind::BaseModel {
                let value = attribute.class_value.clone().unwrap_or_default();
                (extra, strict) = self.read_config(line, &value, extra, strict)?;
                continue;
            }
            let Some(annotation) = &attribute.annotation else {
                return decline(
                    line,
                    format!("{}.{}", class.name, member.name),
                    "an attribute without annotation is not modelled",
                );
            };
            if member.name.starts_with('_') {
                return decline(line, format!("{}.{}", class.name, member.name), "private attributes are not modelled");
            }
            let owner = format!("{}.{}", class.name, member.name);
            let mut field =
                self.read_field(line, &owner, &member.name, annotation, attribute.class_value.as_deref(), kind)?;
            if kind == ClassKind::TypedDict && !total {
                if field.default != FieldDefault::Required {
                    return decline(line, owner, "a TypedDict field with a default is not modelled");
                }
                field.default = FieldDefault::Factory;
            }
            match fields.iter_mut().find(|f| f.name == field.name) {
                Some(existing) => *existing = field,
                None => fields.push(field),
            }
        }
        self.reading.pop();
        self.world.classes.push(ClassDef { name: class.name.clone(), kind, fields, extra, strict, description });
        Ok(())
    }

    fn read_config(&self, line: usize, value: &str, mut extra: Extra, mut strict: bool) -> Read<(Extra, bool)> {
        let what = format!("model_config = {value}");
        let Some(Expression::Call { func, args, keywords }) = pysource::expression(value) else {
            return decline(line, what, "only model_config = ConfigDict(...) is modelled");
        };
        if self.library(&func).as_deref() != Some("pydantic.ConfigDict") || !args.is_empty() {
            return decline(line, what, "only model_config = ConfigDict(...) is modelled");
        }
        for (key, value) in keywords {
            match (key.as_str(), self.constant(&value)) {
                ("extra", Some(Const::Str(s))) if s == "ignore" => extra = Extra::Ignore,
                ("extra", Some(Const::Str(s))) if s == "forbid" => extra = Extra::Forbid,
                ("extra", Some(Const::Str(s))) if s == "allow" => extra = Extra::Allow,
                ("strict", Some(Const::Bool(b))) => strict = b,
                _ => return decline(line, what, format!("the setting {key} is not modelled")),
            }
        }
        Ok((extra, strict))
    }

    fn read_function(&mut self, function: &Function) -> Read<Vec<FieldDef>> {
        let what = format!("def {}", function.name);
        if !function.decorators.iter().any(|d| self.is_library(d, "pydantic.validate_call")) {
            return decline(function.line, what, "not a validate_call function, so pydantic validates no call of it");
        }
        if function.decorators.len() > 1 || function.is_async || function.type_params.is_some() {
            return decline(function.line, what, "other decorators, async and generic functions are not modelled");
        }
        let mut params = Vec::new();
        for param in &function.signature.params {
            let owner = format!("{}({})", function.name, param.name);
            if !matches!(param.kind, ParamKind::PositionalOrKeyword | ParamKind::KeywordOnly) {
                return decline(
                    function.line,
                    owner,
                    "only parameters that take keywords are modelled (the input is an object)",
                );
            }
            let annotation = param.annotation.clone().unwrap_or_else(|| "typing.Any".into());
            let field = match param.annotation {
                Some(_) => self.read_field(
                    function.line,
                    &owner,
                    &param.name,
                    &annotation,
                    param.default.as_deref(),
                    ClassKind::BaseModel,
                )?,
                None => FieldDef {
                    name: param.name.clone(),
                    key: param.name.clone(),
                    node: Node::plain(Kind::Any),
                    default: match param.default.as_deref() {
                        None => FieldDefault::Required,
                        Some(text) => FieldDefault::Value(self.constant_text(function.line, &owner, text)?),
                    },
                    title: None,
                    description: None,
                    line: function.line,
                },
            };
            params.push(field);
        }
        Ok(params)
    }

    fn constant_text(&self, line: usize, owner: &str, text: &str) -> Read<Const> {
        pysource::expression(text).and_then(|e| self.constant(&e)).map_or_else(
            || decline(line, format!("{owner} = {text}"), "a default that is not a constant is not modelled"),
            Ok,
        )
    }

    /// One field: its annotation, and its default (a constant, `Field(...)` or `field(...)`).
    fn read_field(
        &mut self,
        line: usize,
        owner: &str,
        name: &str,
        annotation: &str,
        value: Option<&str>,
        kind: ClassKind,
    ) -> Read<FieldDef> {
        let Some(expr) = pysource::expression(annotation) else {
            return decline(line, owner, format!("the annotation {annotation} is not read"));
        };
        let mut info = FieldInfo::default();
        let mut node = self.resolve(line, owner, &expr, &mut info)?;
        if let Some(value) = value {
            let Some(value_expr) = pysource::expression(value) else {
                return decline(line, format!("{owner} = {value}"), "a default the lab does not read");
            };
            match &value_expr {
                Expression::Call { func, .. } if self.library(func).as_deref() == Some("pydantic.Field") => {
                    self.field_call(line, owner, &value_expr, &mut info, true)?;
                }
                Expression::Call { func, args, keywords }
                    if self.library(func).as_deref() == Some("dataclasses.field") && kind != ClassKind::BaseModel =>
                {
                    if !args.is_empty() {
                        return decline(line, format!("{owner} = {value}"), "field() takes no positional argument");
                    }
                    for (key, arg) in keywords {
                        match key.as_str() {
                            "default" => {
                                info.default = Some(FieldDefault::Value(self.constant(arg).ok_or_else(|| Decline {
                                    line,
                                    what: format!("{owner} = {value}"),
                                    why: "a default that is not a constant is not modelled".into(),
                                })?))
                            }
                            "default_factory" => info.default = Some(FieldDefault::Factory),
                            _ => {
                                return decline(
                                    line,
                                    format!("{owner} = {value}"),
                                    format!("field({key}=...) is not modelled"),
                                )
                            }
                        }
                    }
                }
                _ => match self.constant(&value_expr) {
                    Some(constant) => info.default = Some(FieldDefault::Value(constant)),
                    None => {
                        return decline(
                            line,
                            format!("{owner} = {value}"),
                            "a default that is not a constant is not modelled",
                        )
                    }
                },
            }
        }
        if kind == ClassKind::TypedDict && info.default.is_some() {
            return decline(line, owner, "a TypedDict field with a default is not modelled");
        }
        self.constrain(line, owner, &mut node, info.constraints.clone())?;
        Ok(FieldDef {
            name: name.to_owned(),
            key: info.alias.clone().unwrap_or_else(|| name.to_owned()),
            node,
            default: info.default.unwrap_or(FieldDefault::Required),
            title: info.title,
            description: info.description,
            line,
        })
    }

    /// The type an annotation means; `Field(...)` in `Annotated` metadata goes into `info`.
    fn resolve(&mut self, line: usize, owner: &str, expr: &Expression, info: &mut FieldInfo) -> Read<Node> {
        let text = || shown(expr);
        match expr {
            Expression::Literal { literal: Literal::None } => Ok(Node::plain(Kind::NoneType)),
            Expression::Name { .. } | Expression::Attribute { .. } => {
                let dotted = expr.dotted().expect("names are dotted");
                match self.named(&dotted) {
                    Named::Library(path) => Ok(Node::plain(match path.as_str() {
                        "builtins.int" => Kind::Int,
                        "builtins.float" => Kind::Float,
                        "builtins.str" => Kind::Str,
                        "builtins.bool" => Kind::Bool,
                        "builtins.list" => Kind::List(Box::new(Node::plain(Kind::Any))),
                        "builtins.set" => Kind::Set(Box::new(Node::plain(Kind::Any))),
                        "builtins.tuple" => Kind::TupleOf(Box::new(Node::plain(Kind::Any))),
                        "builtins.dict" => {
                            Kind::Dict(Box::new(Node::plain(Kind::Any)), Box::new(Node::plain(Kind::Any)))
                        }
                        "typing.Any" | "builtins.object" => Kind::Any,
                        _ => {
                            return decline(
                                line,
                                format!("{owner}: {}", text()),
                                format!("the type {path} is not modelled"),
                            )
                        }
                    })),
                    Named::Class(name) => {
                        let class = self.module.class(&name).expect("a named class exists");
                        if self.is_enum(class) {
                            self.read_enum(class)?;
                            Ok(Node::plain(Kind::Enum(name)))
                        } else if self.class_kind(class).is_some() {
                            self.read_class(class)?;
                            Ok(Node::plain(Kind::Class(name)))
                        } else {
                            decline(line, format!("{owner}: {name}"), "a class pydantic validates in ways the lab does not model (not a model, dataclass, TypedDict or Enum)")
                        }
                    }
                    Named::Alias(alias_line, value) => {
                        if self.reading.contains(&dotted) {
                            return decline(alias_line, dotted, "a type alias that refers to itself is not modelled");
                        }
                        self.reading.push(dotted);
                        let node = self.resolve(alias_line, owner, &value, info);
                        self.reading.pop();
                        node
                    }
                    Named::Unknown => {
                        if dotted == "typing.Any" {
                            return Ok(Node::plain(Kind::Any));
                        }
                        decline(line, format!("{owner}: {dotted}"), "a name the code does not define or import")
                    }
                }
            }
            Expression::Subscript { value, elements } => {
                let Some(path) = self.library(value) else {
                    return decline(line, format!("{owner}: {}", text()), "a generic the lab does not model");
                };
                let inner = |reader: &mut Reader<'m>, e: &Expression| {
                    let mut nested = FieldInfo::default();
                    let node = reader.resolve(line, owner, e, &mut nested)?;
                    if nested.has_field_settings() {
                        return decline(
                            line,
                            format!("{owner}: {}", shown(e)),
                            "Field() inside a nested type is not modelled",
                        );
                    }
                    Ok(node)
                };
                match (path.as_str(), elements.as_slice()) {
                    ("typing.Annotated", [base, metadata @ ..]) if !metadata.is_empty() => {
                        let mut node = self.resolve(line, owner, base, info)?;
                        for meta in metadata {
                            self.metadata(line, owner, meta, &mut node, info)?;
                        }
                        Ok(node)
                    }
                    ("typing.Optional", [member]) => {
                        let member = inner(self, member)?;
                        Ok(union(vec![member, Node::plain(Kind::NoneType)]))
                    }
                    ("typing.Union", members) if !members.is_empty() => {
                        let members = members.iter().map(|m| inner(self, m)).collect::<Read<Vec<_>>>()?;
                        Ok(union(members))
                    }
                    ("typing.Literal", values) if !values.is_empty() => {
                        let mut consts = Vec::new();
                        for value in values {
                            match self.constant(value) {
                                Some(c @ (Const::Int(_) | Const::Str(_) | Const::Bool(_) | Const::None)) => {
                                    consts.push(c)
                                }
                                _ => {
                                    return decline(
                                        line,
                                        format!("{owner}: {}", text()),
                                        "a Literal value other than an int, str, bool or None is not modelled",
                                    )
                                }
                            }
                        }
                        Ok(Node::plain(Kind::Literal(consts)))
                    }
                    ("builtins.list", [item]) => Ok(Node::plain(Kind::List(Box::new(inner(self, item)?)))),
                    ("builtins.set", [item]) => {
                        let item = inner(self, item)?;
                        if !matches!(item.kind, Kind::Int | Kind::Str | Kind::Bool | Kind::Float) {
                            return decline(
                                line,
                                format!("{owner}: {}", text()),
                                "a set of anything but int, float, str or bool is not modelled",
                            );
                        }
                        Ok(Node::plain(Kind::Set(Box::new(item))))
                    }
                    ("builtins.tuple", [item, Expression::Literal { literal: Literal::Ellipsis }]) => {
                        Ok(Node::plain(Kind::TupleOf(Box::new(inner(self, item)?))))
                    }
                    ("builtins.tuple", items)
                        if !items.iter().any(|i| matches!(i, Expression::Literal { literal: Literal::Ellipsis })) =>
                    {
                        Ok(Node::plain(Kind::Tuple(items.iter().map(|i| inner(self, i)).collect::<Read<Vec<_>>>()?)))
                    }
                    ("builtins.dict", [key, value]) => {
                        let key = inner(self, key)?;
                        if !matches!(key.kind, Kind::Str | Kind::Int) || key.c != Constraints::default() {
                            return decline(
                                line,
                                format!("{owner}: {}", text()),
                                "dict keys other than plain str or int are not modelled",
                            );
                        }
                        Ok(Node::plain(Kind::Dict(Box::new(key), Box::new(inner(self, value)?))))
                    }
                    _ => decline(line, format!("{owner}: {}", text()), format!("{path}[...] is not modelled")),
                }
            }
            Expression::BitOr { left, right } => {
                let mut nested = FieldInfo::default();
                let left = self.resolve(line, owner, left, &mut nested)?;
                let right = self.resolve(line, owner, right, &mut nested)?;
                if nested.has_field_settings() {
                    return decline(line, format!("{owner}: {}", text()), "Field() inside a union is not modelled");
                }
                Ok(union(vec![left, right]))
            }
            Expression::Literal { literal: Literal::Str(_) } => {
                decline(line, format!("{owner}: {}", text()), "string (forward) annotations are not modelled")
            }
            _ => decline(line, format!("{owner}: {}", text()), "an annotation the lab does not read"),
        }
    }

    fn read_enum(&mut self, class: &Class) -> Read<()> {
        if self.world.enums.iter().any(|e| e.name == class.name) {
            return Ok(());
        }
        let what = format!("class {}", class.name);
        if class.bases.len() != 1 || !class.decorators.is_empty() || !class.unread_statements.is_empty() {
            return decline(
                class.line,
                what,
                "only a plain Enum subclass (no mixin, decorator or other statement) is modelled",
            );
        }
        let description = match self.header(&class.name).and_then(|h| h.docstring.clone()) {
            Some(doc) if doc.contains('\n') => {
                return decline(class.line, what, "a docstring of several lines is not modelled")
            }
            doc => doc.map(|d| d.trim().to_owned()).filter(|d| !d.is_empty()),
        };
        let mut values: Vec<Const> = Vec::new();
        for member in &class.members {
            match &member.kind {
                MemberKind::Attribute(attribute) if attribute.annotation.is_none() => {
                    let value =
                        attribute.class_value.as_deref().and_then(pysource::expression).and_then(|e| self.constant(&e));
                    match value {
                        Some(c @ (Const::Int(_) | Const::Str(_))) if !values.contains(&c) => values.push(c),
                        _ => {
                            return decline(
                                class.line,
                                format!("{}.{}", class.name, member.name),
                                "enum members other than distinct int or str values are not modelled",
                            )
                        }
                    }
                }
                _ => {
                    return decline(
                        class.line,
                        format!("{}.{}", class.name, member.name),
                        "enum classes with methods or annotations are not modelled",
                    )
                }
            }
        }
        if values.is_empty() {
            return decline(class.line, what, "an enum without members is not modelled");
        }
        self.world.enums.push(EnumDef { name: class.name.clone(), values, description });
        Ok(())
    }

    /// One `Annotated` metadata item: a constraint, `Field(...)`, `StringConstraints(...)`, or
    /// something pydantic ignores.
    fn metadata(
        &mut self,
        line: usize,
        owner: &str,
        meta: &Expression,
        node: &mut Node,
        info: &mut FieldInfo,
    ) -> Read<()> {
        let what = || format!("{owner}: {}", shown(meta));
        let ignored = |reader: &mut Reader<'m>| {
            reader.world.ignored.push(Ignored { line, field: owner.to_owned(), metadata: shown(meta) });
            Ok(())
        };
        let Expression::Call { func, args, keywords } = meta else {
            return match meta {
                Expression::Literal { .. } => ignored(self),
                _ => decline(line, what(), "metadata the lab does not read"),
            };
        };
        let path = match func.dotted().map(|d| self.named(&d)) {
            Some(Named::Library(path)) => path,
            Some(Named::Class(name)) => {
                let class = self.module.class(&name).expect("a named class exists");
                let hooks = class.members.iter().any(|m| m.name.starts_with("__get_pydantic"));
                let plain = class.bases.is_empty() && class.decorators.is_empty() && class.metaclass.is_none();
                return if !hooks && plain {
                    ignored(self)
                } else {
                    decline(
                        line,
                        what(),
                        format!("{name} may hook into pydantic (a base, decorator or __get_pydantic_*__ method)"),
                    )
                };
            }
            _ => return decline(line, what(), "metadata the lab does not read"),
        };
        let mut c = Constraints::default();
        let number = |reader: &Reader<'m>, e: &Expression| match reader.constant(e) {
            Some(Const::Int(n)) => Ok(Num::Int(n)),
            Some(Const::Float(f)) => Ok(Num::Float(f)),
            _ => decline(line, what(), "a bound that is not a number literal"),
        };
        let count = |reader: &Reader<'m>, e: &Expression| match reader.constant(e) {
            Some(Const::Int(n)) => n.to_string().parse::<usize>().map_err(|_| Decline {
                line,
                what: what(),
                why: "a length that is not a small non-negative int".into(),
            }),
            _ => decline(line, what(), "a length that is not an int literal"),
        };
        let single = || match (args.as_slice(), keywords.as_slice()) {
            ([arg], []) => Ok(arg),
            _ => decline(line, what(), "expected one positional argument"),
        };
        match path.as_str() {
            "annotated_types.Gt" => c.gt = Some(number(self, single()?)?),
            "annotated_types.Ge" => c.ge = Some(number(self, single()?)?),
            "annotated_types.Lt" => c.lt = Some(number(self, single()?)?),
            "annotated_types.Le" => c.le = Some(number(self, single()?)?),
            "annotated_types.MultipleOf" => c.multiple_of = Some(number(self, single()?)?),
            "annotated_types.MinLen" => c.min_length = Some(count(self, single()?)?),
            "annotated_types.MaxLen" => c.max_length = Some(count(self, single()?)?),
            "annotated_types.Len" => {
                let mut named: Vec<(&str, &Expression)> = Vec::new();
                for (i, arg) in args.iter().enumerate() {
                    named.push((["min_length", "max_length"].get(i).copied().unwrap_or("?"), arg));
                }
                named.extend(keywords.iter().map(|(k, v)| (k.as_str(), v)));
                for (key, value) in named {
                    match key {
                        "min_length" => c.min_length = Some(count(self, value)?),
                        "max_length" => c.max_length = Some(count(self, value)?),
                        _ => return decline(line, what(), "Len takes min_length and max_length"),
                    }
                }
            }
            "annotated_types.Interval" => {
                if !args.is_empty() {
                    return decline(line, what(), "Interval's bounds by keyword only are modelled");
                }
                for (key, value) in keywords {
                    let bound = Some(number(self, value)?);
                    match key.as_str() {
                        "gt" => c.gt = bound,
                        "ge" => c.ge = bound,
                        "lt" => c.lt = bound,
                        "le" => c.le = bound,
                        _ => return decline(line, what(), format!("Interval({key}=...) is not a bound")),
                    }
                }
            }
            "annotated_types.Predicate" => {
                let callable = single()?;
                let str_is_builtin = matches!(self.named("str"), Named::Library(path) if path == "builtins.str");
                let known = callable.dotted().filter(|d| str_is_builtin && KNOWN_PREDICATES.contains(&d.as_str()));
                match known {
                    Some(name) => c.predicates.push(name),
                    None => {
                        return decline(
                            line,
                            what(),
                            format!("only these predicates are modelled: {}", KNOWN_PREDICATES.join(", ")),
                        )
                    }
                }
            }
            "pydantic.Field" => {
                self.field_call(line, owner, meta, info, false)?;
                return Ok(());
            }
            "pydantic.StringConstraints" => {
                if !args.is_empty() {
                    return decline(line, what(), "StringConstraints takes keywords");
                }
                for (key, value) in keywords {
                    let flag = || match self.constant(value) {
                        Some(Const::Bool(b)) => Ok(b),
                        _ => decline(line, what(), format!("{key} must be True or False")),
                    };
                    match key.as_str() {
                        "strip_whitespace" => c.strip_whitespace = flag()?,
                        "to_lower" => c.to_lower = flag()?,
                        "to_upper" => c.to_upper = flag()?,
                        "strict" => c.strict = Some(flag()?),
                        "min_length" => c.min_length = Some(count(self, value)?),
                        "max_length" => c.max_length = Some(count(self, value)?),
                        "pattern" => c.pattern = Some(self.pattern(line, &what(), value)?),
                        _ => return decline(line, what(), format!("StringConstraints({key}=...) is not modelled")),
                    }
                }
                if !matches!(node.kind, Kind::Str) {
                    return decline(line, what(), "StringConstraints on a type other than str");
                }
            }
            _ => return decline(line, what(), format!("{path} is not modelled")),
        }
        self.constrain(line, owner, node, c)
    }

    fn pattern(&self, line: usize, what: &str, value: &Expression) -> Read<String> {
        let Some(Const::Str(pattern)) = self.constant(value) else {
            return decline(line, what, "a pattern that is not a string literal");
        };
        // pydantic-core matches with Rust's `regex` crate (Unicode-aware); the lab's smaller
        // engine agrees with it on patterns without classes, case folding or Unicode escapes.
        let unicode_dependent =
            ["\\d", "\\D", "\\w", "\\W", "\\s", "\\S", "\\b", "\\B", "\\p", "\\P", "(?i", "[[:", "(?u", "(?x"];
        if unicode_dependent.iter().any(|u| pattern.contains(u)) || regex_lite::Regex::new(&pattern).is_err() {
            return decline(
                line,
                what,
                format!("the pattern {pattern:?} uses classes or flags whose Unicode meaning the lab does not model"),
            );
        }
        Ok(pattern)
    }

    /// Reads `Field(...)` into `info`; as a default (`x: int = Field(...)`) its first argument
    /// is the default.
    fn field_call(
        &mut self,
        line: usize,
        owner: &str,
        call: &Expression,
        info: &mut FieldInfo,
        as_default: bool,
    ) -> Read<()> {
        let Expression::Call { args, keywords, .. } = call else { unreachable!("field_call takes a call") };
        let what = || format!("{owner}: {}", shown(call));
        let mut entries: Vec<(&str, &Expression)> = Vec::new();
        match args.as_slice() {
            [] => {}
            [default] => entries.push(("default", default)),
            _ => return decline(line, what(), "Field takes one positional argument"),
        }
        entries.extend(keywords.iter().map(|(k, v)| (k.as_str(), v)));
        for (key, value) in entries {
            let number = |reader: &Reader<'m>| match reader.constant(value) {
                Some(Const::Int(n)) => Ok(Some(Num::Int(n))),
                Some(Const::Float(f)) => Ok(Some(Num::Float(f))),
                Some(Const::None) => Ok(None),
                _ => decline(line, what(), format!("{key} is not a number literal")),
            };
            let count = |reader: &Reader<'m>| match reader.constant(value) {
                Some(Const::Int(n)) => n.to_string().parse::<usize>().map(Some).map_err(|_| Decline {
                    line,
                    what: what(),
                    why: format!("{key} is not a small non-negative int"),
                }),
                Some(Const::None) => Ok(None),
                _ => decline(line, what(), format!("{key} is not an int literal")),
            };
            let text = |reader: &Reader<'m>| match reader.constant(value) {
                Some(Const::Str(s)) => Ok(s),
                _ => decline(line, what(), format!("{key} is not a string literal")),
            };
            match key {
                "default" => {
                    if !as_default {
                        return decline(line, what(), "a default inside Annotated is not modelled");
                    }
                    if !matches!(value, Expression::Literal { literal: Literal::Ellipsis }) {
                        match self.constant(value) {
                            Some(c) => info.default = Some(FieldDefault::Value(c)),
                            None => return decline(line, what(), "a default that is not a constant is not modelled"),
                        }
                    }
                }
                "default_factory" => info.default = Some(FieldDefault::Factory),
                "alias" | "validation_alias" => {
                    if info.alias.is_some() {
                        return decline(line, what(), "both alias and validation_alias are not modelled");
                    }
                    info.alias = Some(text(self)?);
                }
                "title" => info.title = Some(text(self)?),
                "description" => info.description = Some(text(self)?),
                "gt" => info.constraints.gt = number(self)?,
                "ge" => info.constraints.ge = number(self)?,
                "lt" => info.constraints.lt = number(self)?,
                "le" => info.constraints.le = number(self)?,
                "multiple_of" => info.constraints.multiple_of = number(self)?,
                "min_length" => info.constraints.min_length = count(self)?,
                "max_length" => info.constraints.max_length = count(self)?,
                "pattern" => info.constraints.pattern = Some(self.pattern(line, &what(), value)?),
                "strict" => match self.constant(value) {
                    Some(Const::Bool(b)) => info.constraints.strict = Some(b),
                    _ => return decline(line, what(), "strict must be True or False"),
                },
                _ => return decline(line, what(), format!("Field({key}=...) is not modelled")),
            }
        }
        info.used_field = true;
        Ok(())
    }

    /// Puts `c` on `node`, where pydantic puts it in the core schema; anywhere else pydantic
    /// validates differently (or refuses), so the lab declines.
    fn constrain(&self, line: usize, owner: &str, node: &mut Node, c: Constraints) -> Read<()> {
        if c == Constraints::default() {
            return Ok(());
        }
        let what = owner.to_owned();
        let fits = match &node.kind {
            Kind::Int => {
                let ints = [&c.gt, &c.ge, &c.lt, &c.le, &c.multiple_of]
                    .into_iter()
                    .flatten()
                    .all(|n| matches!(n, Num::Int(_)));
                if !ints {
                    return decline(
                        line,
                        what,
                        "a float bound on an int (pydantic refuses it unless it is whole) is not modelled",
                    );
                }
                !c.length() && !c.string() && c.predicates.is_empty()
            }
            Kind::Float => !c.length() && !c.string() && c.predicates.is_empty(),
            Kind::Str => !c.numeric(),
            Kind::List(_) | Kind::TupleOf(_) | Kind::Dict(..) => !c.numeric() && !c.string() && c.predicates.is_empty(),
            Kind::Bool => !c.numeric() && !c.length() && !c.string() && c.predicates.is_empty(),
            _ => false,
        };
        let only_strict = Constraints { strict: c.strict, ..Constraints::default() } == c;
        if !fits && !only_strict {
            return decline(line, what, "constraints on this type are not modelled");
        }
        if let Some(multiple) = &c.multiple_of {
            if multiple.to_f64() == 0.0 {
                return decline(line, what, "multiple_of=0 is not modelled");
            }
        }
        let merged = &mut node.c;
        macro_rules! take {
            ($($field:ident),*) => { $( if c.$field.is_some() { merged.$field = c.$field.clone(); } )* };
        }
        take!(gt, ge, lt, le, multiple_of, min_length, max_length, pattern, strict);
        merged.strip_whitespace |= c.strip_whitespace;
        merged.to_lower |= c.to_lower;
        merged.to_upper |= c.to_upper;
        merged.predicates.extend(c.predicates);
        Ok(())
    }

    /// The value of a constant expression: literals, negated numbers, lists, tuples and dicts of
    /// them, and enum members of the code's enums.
    pub fn constant(&self, expr: &Expression) -> Option<Const> {
        Some(match expr {
            Expression::Literal { literal } => match literal {
                Literal::Int(n) => Const::Int(BigInt::from_i64(*n)),
                Literal::Float(f) => Const::Float(*f),
                Literal::Str(s) => Const::Str(s.clone()),
                Literal::Bool(b) => Const::Bool(*b),
                Literal::None => Const::None,
                Literal::Ellipsis => return None,
            },
            Expression::UnaryOp { op, operand } if op == "-" => match self.constant(operand)? {
                Const::Int(n) => {
                    Const::Int(BigInt::parse(&format!("-{n}")).map(|m| if n.is_zero() { n.clone() } else { m })?)
                }
                Const::Float(f) => Const::Float(-f),
                _ => return None,
            },
            Expression::List { elements } | Expression::Tuple { elements } => {
                Const::List(elements.iter().map(|e| self.constant(e)).collect::<Option<_>>()?)
            }
            Expression::Dict { items } => Const::Dict(
                items.iter().map(|(k, v)| Some((self.constant(k)?, self.constant(v)?))).collect::<Option<_>>()?,
            ),
            Expression::Call { func, args, keywords } if args.is_empty() && keywords.is_empty() => {
                match self.library(func)?.as_str() {
                    "builtins.list" | "builtins.set" | "builtins.tuple" => Const::List(Vec::new()),
                    "builtins.dict" => Const::Dict(Vec::new()),
                    _ => return None,
                }
            }
            Expression::Attribute { value, attr } => {
                let Expression::Name { id } = &**value else { return None };
                let class = self.module.class(id).filter(|c| self.is_enum(c))?;
                let member = class.members.iter().find(|m| m.name == *attr)?;
                let MemberKind::Attribute(attribute) = &member.kind else { return None };
                let value = self.constant(&pysource::expression(attribute.class_value.as_deref()?)?)?;
                Const::Member(id.clone(), Box::new(value))
            }
            _ => return None,
        })
    }
}

/// The predicates whose results the lab computes (for ASCII text; others are declined).
pub const KNOWN_PREDICATES: [&str; 6] =
    ["str.islower", "str.isupper", "str.isdigit", "str.isalpha", "str.isalnum", "str.isascii"];

/// What `Field(...)` says about a field besides its type.
#[derive(Clone, Debug, Default)]
struct FieldInfo {
    default: Option<FieldDefault>,
    alias: Option<String>,
    title: Option<String>,
    description: Option<String>,
    constraints: Constraints,
    used_field: bool,
}

impl FieldInfo {
    fn has_field_settings(&self) -> bool {
        self.used_field
    }
}

/// `X | Y | None`: members flattened; None makes the union nullable, as pydantic does.
fn union(members: Vec<Node>) -> Node {
    let mut flat = Vec::new();
    let mut nullable = false;
    for member in members {
        match member.kind {
            Kind::NoneType => nullable = true,
            Kind::Union(inner) if member.c == Constraints::default() => flat.extend(inner),
            Kind::Nullable(inner) if member.c == Constraints::default() => {
                nullable = true;
                flat.push(*inner);
            }
            _ => flat.push(member),
        }
    }
    let mut unique: Vec<Node> = Vec::new();
    for member in flat {
        if !unique.contains(&member) {
            unique.push(member);
        }
    }
    let inner = match unique.len() {
        0 => return Node::plain(Kind::NoneType),
        1 => unique.pop().expect("one member"),
        _ => Node::plain(Kind::Union(unique)),
    };
    if nullable {
        Node::plain(Kind::Nullable(Box::new(inner)))
    } else {
        inner
    }
}

/// An expression as the user would recognize it in a message.
fn shown(expr: &Expression) -> String {
    match expr {
        Expression::Other { text } => text.clone(),
        Expression::Name { id } => id.clone(),
        Expression::Attribute { .. } => expr.dotted().unwrap_or_default(),
        Expression::Literal { literal } => match literal {
            Literal::Str(s) => pysource::str_repr(s),
            Literal::Int(n) => n.to_string(),
            Literal::Float(f) => pysource::float_repr(*f),
            Literal::Bool(true) => "True".into(),
            Literal::Bool(false) => "False".into(),
            Literal::None => "None".into(),
            Literal::Ellipsis => "...".into(),
        },
        Expression::Call { func, args, keywords } => {
            let mut parts: Vec<String> = args.iter().map(shown).collect();
            parts.extend(keywords.iter().map(|(k, v)| format!("{k}={}", shown(v))));
            format!("{}({})", shown(func), parts.join(", "))
        }
        Expression::Subscript { value, elements } => {
            format!("{}[{}]", shown(value), elements.iter().map(shown).collect::<Vec<_>>().join(", "))
        }
        Expression::BitOr { left, right } => format!("{} | {}", shown(left), shown(right)),
        Expression::UnaryOp { op, operand } => format!("{op}{}", shown(operand)),
        Expression::BinOp { op, left, right } => format!("{} {op} {}", shown(left), shown(right)),
        Expression::List { elements } => format!("[{}]", elements.iter().map(shown).collect::<Vec<_>>().join(", ")),
        Expression::Tuple { elements } => format!("({})", elements.iter().map(shown).collect::<Vec<_>>().join(", ")),
        _ => "…".into(),
    }
}
