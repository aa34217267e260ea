//! Type hints as `get_type_hints` returns them: aliases resolved, string annotations read,
//! nested `Annotated` flattened, metadata objects built from the module's classes, and their
//! CPython reprs (which differ between 3.11 and 3.14 for unions).

use std::collections::HashMap;

use pysource::{Class, Expression, Literal, Module, StatementKind};

/// A resolved type hint.
#[derive(Clone, Debug, PartialEq)]
pub enum Hint {
    /// A builtin class (`str`) or a class defined in the module.
    Class {
        name: String,
        builtin: bool,
    },
    NoneType,
    /// A parameterized builtin, e.g. `list[int]`.
    Generic {
        origin: String,
        args: Vec<Hint>,
    },
    /// `typing_form`: a `typing.Union` (spelled `Optional[...]`/`Union[...]`, or `|` over a typing
    /// construct); otherwise a `types.UnionType` from `|` over classes. Only 3.11 tells them apart.
    Union {
        members: Vec<Hint>,
        typing_form: bool,
    },
    Annotated {
        base: Box<Hint>,
        metadata: Vec<Meta>,
    },
}

/// One metadata object of an `Annotated` hint.
#[derive(Clone, Debug, PartialEq)]
pub struct Meta {
    /// `type(m).__name__`.
    pub class: String,
    /// `repr(m)`; None where the lab cannot know it (a class with its own `__repr__`).
    /// Object addresses are written `0x…`, as the probe normalizes them.
    pub repr: Option<String>,
    pub rule: Rule,
}

/// What the reference pipeline does with a metadata object, chosen by its class name.
#[derive(Clone, Debug, PartialEq)]
pub enum Rule {
    MinLen { n: f64, shown: String },
    Between { low: Literal, high: Literal },
    Secret,
    Ignored,
}

const BUILTIN_CLASSES: [&str; 11] =
    ["str", "int", "float", "bool", "bytes", "list", "dict", "tuple", "set", "object", "complex"];
const BUILTIN_GENERICS: [&str; 6] = ["list", "dict", "tuple", "set", "frozenset", "type"];

/// What names mean at the point `get_type_hints` evaluates the annotations.
pub struct Scope<'m> {
    module: &'m Module,
    names: HashMap<String, Expression>,
}

impl<'m> Scope<'m> {
    /// Module-level `Name = value` bindings as the function's annotations see them: up to the
    /// `def` before 3.14 (annotations evaluated at definition), the whole module from 3.14
    /// (PEP 649: evaluated when `get_type_hints` asks, after the module ran).
    pub fn new(module: &'m Module, statements: &[pysource::Statement], def_line: usize, minor: u8) -> Self {
        let mut names = HashMap::new();
        for statement in statements {
            if minor < 14 && statement.line >= def_line {
                break;
            }
            if let StatementKind::Assign { targets, value } = &statement.kind {
                for target in targets {
                    if let Expression::Name { id } = target {
                        names.insert(id.clone(), value.clone());
                    }
                }
            }
        }
        Scope { module, names }
    }

    /// Resolves an annotation; Err says why the lab does not model it.
    pub fn hint(&self, expr: &Expression) -> Result<Hint, String> {
        self.resolve(expr, 0)
    }

    fn resolve(&self, expr: &Expression, depth: usize) -> Result<Hint, String> {
        if depth > 8 {
            return Err("the alias chain is too deep".into());
        }
        match expr {
            Expression::Literal { literal: Literal::None } => Ok(Hint::NoneType),
            Expression::Literal { literal: Literal::Str(text) } => {
                let inner = pysource::expression(text)
                    .ok_or_else(|| format!("the string annotation {text:?} does not parse"))?;
                self.resolve(&inner, depth + 1)
            }
            Expression::Name { id } => {
                if let Some(value) = self.names.get(id) {
                    return self.resolve(value, depth + 1);
                }
                if self.module.class(id).is_some() {
                    return Ok(Hint::Class { name: id.clone(), builtin: false });
                }
                if BUILTIN_CLASSES.contains(&id.as_str()) {
                    return Ok(Hint::Class { name: id.clone(), builtin: true });
                }
                Err(format!("`{id}` is not a type the lab knows"))
            }
            Expression::Subscript { value, elements } => self.subscript(value, elements, depth),
            Expression::BitOr { left, right } => {
                let (left, right) = (self.resolve(left, depth + 1)?, self.resolve(right, depth + 1)?);
                let typing_form = [&left, &right].iter().any(|h| is_typing_construct(h));
                let mut members = Vec::new();
                for side in [left, right] {
                    match side {
                        Hint::Union { members: inner, .. } => members.extend(inner),
                        other => members.push(other),
                    }
                }
                Ok(Hint::Union { members, typing_form })
            }
            other => Err(format!("the annotation `{}` is not modelled", show(other))),
        }
    }

    fn subscript(&self, value: &Expression, elements: &[Expression], depth: usize) -> Result<Hint, String> {
        let head = value.dotted().ok_or_else(|| "a subscript of a non-name is not modelled".to_string())?;
        let head = head.strip_prefix("typing.").or_else(|| head.strip_prefix("typing_extensions.")).unwrap_or(&head);
        match head {
            "Annotated" => {
                let (base, extras) = elements.split_first().ok_or("Annotated needs a type")?;
                if extras.is_empty() {
                    return Err("Annotated needs at least one metadata item (CPython raises TypeError)".into());
                }
                let metadata = extras.iter().map(|m| self.meta(m, depth)).collect::<Result<Vec<_>, _>>()?;
                Ok(match self.resolve(base, depth + 1)? {
                    // Annotated[Annotated[T, a], b] is Annotated[T, a, b].
                    Hint::Annotated { base, metadata: mut inner } => {
                        inner.extend(metadata);
                        Hint::Annotated { base, metadata: inner }
                    }
                    base => Hint::Annotated { base: Box::new(base), metadata },
                })
            }
            "Optional" if elements.len() == 1 => {
                let inner = self.resolve(&elements[0], depth + 1)?;
                Ok(Hint::Union { members: vec![inner, Hint::NoneType], typing_form: true })
            }
            "Union" => {
                let members = elements.iter().map(|e| self.resolve(e, depth + 1)).collect::<Result<Vec<_>, _>>()?;
                Ok(Hint::Union { members, typing_form: true })
            }
            origin if BUILTIN_GENERICS.contains(&origin) && self.module.class(origin).is_none() => {
                let args = elements.iter().map(|e| self.resolve(e, depth + 1)).collect::<Result<Vec<_>, _>>()?;
                Ok(Hint::Generic { origin: origin.to_owned(), args })
            }
            other => Err(format!("`{other}[...]` is not modelled")),
        }
    }

    /// Builds a metadata object: a literal, or a call of a class defined in the module.
    fn meta(&self, expr: &Expression, depth: usize) -> Result<Meta, String> {
        match expr {
            Expression::Name { id } if self.names.contains_key(id) && depth < 8 => {
                self.meta(&self.names[id], depth + 1)
            }
            Expression::Literal { literal } => {
                Ok(Meta { class: literal_type(literal).into(), repr: Some(literal_repr(literal)), rule: Rule::Ignored })
            }
            Expression::Call { func, args, keywords } => {
                let Expression::Name { id } = &**func else {
                    return Err(format!("the metadata `{}` is not modelled", show(expr)));
                };
                let class = self
                    .module
                    .class(id)
                    .ok_or_else(|| format!("the metadata class `{id}` is not defined in the module"))?;
                let mut literal_args = Vec::new();
                for arg in args {
                    literal_args.push(literal_of(arg).ok_or_else(|| format!("`{}` is not a literal", show(arg)))?);
                }
                let mut literal_keywords = Vec::new();
                for (name, value) in keywords {
                    literal_keywords.push((
                        name.clone(),
                        literal_of(value).ok_or_else(|| format!("`{}` is not a literal", show(value)))?,
                    ));
                }
                instance(class, &literal_args, &literal_keywords)
            }
            other => Err(format!("the metadata `{}` is not modelled", show(other))),
        }
    }
}

fn literal_of(expr: &Expression) -> Option<Literal> {
    match expr {
        Expression::Literal { literal } => Some(literal.clone()),
        _ => None,
    }
}

/// An instance of `class` called with literal arguments: its fields, its repr and its rule.
fn instance(class: &Class, args: &[Literal], keywords: &[(String, Literal)]) -> Result<Meta, String> {
    let dataclass = class.decorators.iter().find(|d| {
        let head = d.split('(').next().unwrap_or(d);
        head == "dataclass" || head == "dataclasses.dataclass"
    });
    let own_repr = class.members.iter().any(|m| m.name == "__repr__");
    let (field_names, defaults): (Vec<String>, Vec<Option<String>>) = match dataclass {
        Some(_) => class
            .members
            .iter()
            .filter_map(|m| match &m.kind {
                pysource::MemberKind::Attribute(a) if a.annotation.is_some() && !a.class_var && !a.assigned_in_init => {
                    Some((m.name.clone(), a.class_value.clone()))
                }
                _ => None,
            })
            .unzip(),
        None => match class.members.iter().find(|m| m.name == "__init__").map(|m| &m.kind) {
            Some(pysource::MemberKind::Method(init)) => {
                init.signature.params.iter().skip(1).map(|p| (p.name.clone(), p.default.clone())).unzip()
            }
            _ => (Vec::new(), Vec::new()),
        },
    };
    if args.len() > field_names.len() {
        return Err(format!("{}() takes {} arguments, the lab cannot build it", class.name, field_names.len()));
    }
    let mut fields: Vec<(String, Literal)> = Vec::new();
    for (index, (name, default)) in field_names.iter().zip(&defaults).enumerate() {
        let value = match (args.get(index), keywords.iter().find(|(k, _)| k == name)) {
            (Some(value), None) | (None, Some((_, value))) => value.clone(),
            (Some(_), Some(_)) => return Err(format!("{}() gets `{name}` twice", class.name)),
            (None, None) => match default.as_deref().and_then(pysource::expression) {
                Some(Expression::Literal { literal }) => literal,
                _ => return Err(format!("{}() is missing `{name}`, or its default is not a literal", class.name)),
            },
        };
        fields.push((name.clone(), value));
    }
    if let Some((unknown, _)) = keywords.iter().find(|(k, _)| !field_names.contains(k)) {
        return Err(format!("{}() has no field `{unknown}`", class.name));
    }
    let wants_dataclass_repr = dataclass.is_some_and(|d| !d.replace(' ', "").contains("repr=False"));
    let repr = if own_repr {
        None
    } else if wants_dataclass_repr {
        let shown: Vec<String> = fields.iter().map(|(k, v)| format!("{k}={}", literal_repr(v))).collect();
        Some(format!("{}({})", class.name, shown.join(", ")))
    } else {
        Some(format!("<__main__.{} object at 0x…>", class.name))
    };
    let field = |name: &str| fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let number = |literal: &Literal| match literal {
        Literal::Int(i) => Some(*i as f64),
        Literal::Float(f) => Some(*f),
        Literal::Bool(b) => Some(f64::from(u8::from(*b))),
        _ => None,
    };
    let rule = match class.name.as_str() {
        "MinLen" => {
            let n = field("n").ok_or("MinLen has no field `n`")?;
            Rule::MinLen { n: number(&n).ok_or("MinLen.n is not a number")?, shown: literal_str(&n) }
        }
        "Between" => {
            let (low, high) = (
                field("low").ok_or("Between has no field `low`")?,
                field("high").ok_or("Between has no field `high`")?,
            );
            if number(&low).is_none() || number(&high).is_none() {
                return Err("Between's bounds are not numbers".into());
            }
            Rule::Between { low, high }
        }
        "Secret" => Rule::Secret,
        _ => Rule::Ignored,
    };
    Ok(Meta { class: class.name.clone(), repr, rule })
}

fn is_typing_construct(hint: &Hint) -> bool {
    matches!(hint, Hint::Annotated { .. } | Hint::Union { typing_form: true, .. })
}

fn show(expr: &Expression) -> String {
    match expr {
        Expression::Other { text } => text.clone(),
        other => other.dotted().unwrap_or_else(|| "expression".into()),
    }
}

pub fn literal_type(literal: &Literal) -> &'static str {
    match literal {
        Literal::Int(_) => "int",
        Literal::Float(_) => "float",
        Literal::Str(_) => "str",
        Literal::Bool(_) => "bool",
        Literal::None => "NoneType",
        Literal::Ellipsis => "ellipsis",
    }
}

pub fn literal_repr(literal: &Literal) -> String {
    match literal {
        Literal::Str(s) => pysource::str_repr(s),
        other => literal_str(other),
    }
}

/// `str(literal)`, as an f-string shows it.
pub fn literal_str(literal: &Literal) -> String {
    match literal {
        Literal::Int(i) => i.to_string(),
        Literal::Float(f) => pysource::float_repr(*f),
        Literal::Str(s) => s.clone(),
        Literal::Bool(true) => "True".into(),
        Literal::Bool(false) => "False".into(),
        Literal::None => "None".into(),
        Literal::Ellipsis => "Ellipsis".into(),
    }
}

impl Hint {
    /// `get_type_hints(f)`'s view: every `Annotated` stripped to its base.
    pub fn stripped(&self) -> Hint {
        match self {
            Hint::Annotated { base, .. } => base.stripped(),
            Hint::Union { members, typing_form } => {
                Hint::Union { members: members.iter().map(Hint::stripped).collect(), typing_form: *typing_form }
            }
            Hint::Generic { origin, args } => {
                Hint::Generic { origin: origin.clone(), args: args.iter().map(Hint::stripped).collect() }
            }
            other => other.clone(),
        }
    }

    /// `repr(hint)` in CPython 3.`minor`; None if a metadata repr is unknown.
    pub fn repr(&self, minor: u8) -> Option<String> {
        match self {
            Hint::Class { name, builtin: true } => Some(format!("<class '{name}'>")),
            Hint::Class { name, builtin: false } => Some(format!("<class '__main__.{name}'>")),
            Hint::NoneType => Some("<class 'NoneType'>".into()),
            other => other.type_repr(minor),
        }
    }

    /// `typing._type_repr`: how a hint shows inside another one.
    pub fn type_repr(&self, minor: u8) -> Option<String> {
        Some(match self {
            Hint::Class { name, builtin: true } => name.clone(),
            Hint::Class { name, builtin: false } => format!("__main__.{name}"),
            Hint::NoneType => "None".into(),
            Hint::Generic { origin, args } => {
                format!("{origin}[{}]", args.iter().map(|a| a.type_repr(minor)).collect::<Option<Vec<_>>>()?.join(", "))
            }
            Hint::Annotated { base, metadata } => {
                let mut parts = vec![base.type_repr(minor)?];
                for meta in metadata {
                    parts.push(meta.repr.clone()?);
                }
                format!("typing.Annotated[{}]", parts.join(", "))
            }
            Hint::Union { members, typing_form } => {
                let shown = members.iter().map(|m| m.type_repr(minor)).collect::<Option<Vec<_>>>()?;
                if minor >= 14 || !typing_form {
                    shown.join(" | ")
                } else if let Some(other) = self.optional_of() {
                    format!("typing.Optional[{}]", other.type_repr(minor)?)
                } else {
                    format!("typing.Union[{}]", shown.join(", "))
                }
            }
        })
    }

    /// The X of a two-member union of X and None.
    fn optional_of(&self) -> Option<&Hint> {
        match self {
            Hint::Union { members, .. } if members.len() == 2 => match (&members[0], &members[1]) {
                (Hint::NoneType, other) | (other, Hint::NoneType) => Some(other),
                _ => None,
            },
            _ => None,
        }
    }

    /// `getattr(base, "__name__", repr(base))`, as the pipeline names the expected type.
    pub fn name(&self, minor: u8) -> Option<String> {
        match self {
            Hint::Class { name, .. } => Some(name.clone()),
            Hint::NoneType => Some("NoneType".into()),
            Hint::Generic { origin, .. } => Some(origin.clone()),
            Hint::Annotated { .. } => Some("Annotated".into()),
            Hint::Union { typing_form, .. } => {
                if minor >= 14 {
                    Some("Union".into())
                } else if !typing_form {
                    self.type_repr(minor)
                } else if self.optional_of().is_some() {
                    Some("Optional".into())
                } else {
                    Some("Union".into())
                }
            }
        }
    }
}
