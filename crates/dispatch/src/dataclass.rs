//! `@dataclass` classes (`dataclasses.dataclass`, bare, called with options, or as
//! `dataclasses.dataclass`): the fields of one class statement, read as `dataclasses` reads
//! them, for the `__init__` it generates. What the module does not follow is refused with the
//! construct and its line.
//!
//! Followed: the options `init`, `kw_only` and the ones that do not change `__init__` (`repr`,
//! `eq`, `order`, `unsafe_hash`, `frozen`, `match_args`, `slots`), as `True`/`False` literals;
//! annotated names in the class body, `ClassVar` ones left out (`typing.ClassVar`), `InitVar`
//! ones kept as parameters, the `KW_ONLY` sentinel; defaults written as values or as
//! `field(default=..., default_factory=..., init=..., kw_only=...)`. Refused: anything else in
//! the class body besides docstrings, methods and plain assignments, a field also bound by an
//! assignment or a `def`, a default `dataclasses` rejects when the class is made (a list, dict or
//! set display), several `KW_ONLY`s, and names that read like `ClassVar`, `InitVar` or
//! `KW_ONLY` without being imported from where they belong.

use ruff_python_ast::{self as ast, Expr, Stmt};

use crate::scope::Scope;

/// The options of a `@dataclass` decorator that change what the class is called with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Options {
    pub init: bool,
    pub kw_only: bool,
    pub frozen: bool,
}

/// One field, as `dataclasses.fields` and `InitVar` pseudo-fields hold it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Field {
    pub name: String,
    pub annotation: String,
    pub default: Option<Default>,
    pub init: bool,
    pub kw_only: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Default {
    /// The default's expression, as written.
    Value(String),
    /// `default_factory=...`: the generated `__init__`'s default is a sentinel whose repr is
    /// `<factory>`; the factory is called in its body.
    Factory,
}

/// The options of `decorator` when it is `dataclasses.dataclass`; None when it is not; a refusal
/// when it is, with something the lab does not follow.
pub(crate) fn options(scope: &Scope, decorator: &Expr) -> Option<Result<Options, String>> {
    let (func, arguments) = match decorator {
        Expr::Call(call) => (&*call.func, Some(&call.arguments)),
        other => (other, None),
    };
    if !scope.refers_to(func, "dataclasses", "dataclass") {
        return None;
    }
    let mut options = Options { init: true, kw_only: false, frozen: false };
    let Some(arguments) = arguments else { return Some(Ok(options)) };
    let refuse =
        |what: String| Some(Err(format!("@{} (line {}) {what}", scope.text(decorator), scope.line(decorator))));
    if !arguments.args.is_empty() {
        return refuse("passes positional arguments, which the lab does not follow".into());
    }
    let (mut eq, mut order) = (true, false);
    for keyword in &arguments.keywords {
        let Some(arg) = &keyword.arg else { return refuse("passes **options, which the lab does not read".into()) };
        let Expr::BooleanLiteral(value) = &keyword.value else {
            return refuse(format!(
                "sets {} to something other than True or False, which the lab does not evaluate",
                arg.id
            ));
        };
        let value = value.value;
        match arg.id.as_str() {
            "init" => options.init = value,
            "kw_only" => options.kw_only = value,
            "frozen" => options.frozen = value,
            "eq" => eq = value,
            "order" => order = value,
            "repr" | "unsafe_hash" | "match_args" | "slots" => {}
            other => return refuse(format!("sets {other}, which the lab does not follow")),
        }
    }
    if order && !eq {
        return refuse(
            "sets order=True with eq=False, and dataclasses raises ValueError when the class is made".into(),
        );
    }
    Some(Ok(options))
}

enum Kind {
    Regular,
    ClassVar,
    InitVar,
    KwOnly,
}

/// What `dataclasses` makes of an annotation. A string (every annotation, under `from __future__
/// import annotations`) is matched as `dataclasses._is_type` does: its leading `name` or
/// `module.name` is looked up in `sys.modules[cls.__module__]`, never in the code's namespace.
/// The runner executes the code in a fresh dict named `__main__`, so that module is the
/// runner's own, which binds no `ClassVar`, `InitVar`, `KW_ONLY`, `typing` or `dataclasses`:
/// every string annotation is a regular field, as CPython and Pyodide make it. Code that may
/// reach the runner's module (`import __main__`, `sys.modules`) is declined.
fn kind(scope: &Scope, annotation: &Expr, line: usize) -> Result<Kind, String> {
    if scope.future_annotations() || matches!(annotation, Expr::StringLiteral(_)) {
        if let Some(reach) = scope.reaches_main_module() {
            return Err(format!(
                "the annotation {} (line {line}) is a string, which dataclasses looks up in sys.modules['__main__'], and {reach}; the lab does not follow it",
                scope.quote(annotation)
            ));
        }
        return Ok(Kind::Regular);
    }
    let head = match annotation {
        Expr::Subscript(subscript) => &*subscript.value,
        other => other,
    };
    for (module, name, kind) in [
        ("typing", "ClassVar", Kind::ClassVar),
        ("dataclasses", "InitVar", Kind::InitVar),
        ("dataclasses", "KW_ONLY", Kind::KwOnly),
    ] {
        if scope.refers_to(head, module, name) {
            return Ok(kind);
        }
    }
    let last = match head {
        Expr::Name(name) => name.id.as_str(),
        Expr::Attribute(attribute) => attribute.attr.id.as_str(),
        _ => "",
    };
    if matches!(last, "ClassVar" | "InitVar" | "KW_ONLY") {
        return Err(format!(
            "the annotation `{last}` (line {line}) is not imported as the lab can follow (from typing or dataclasses)"
        ));
    }
    Ok(Kind::Regular)
}

/// A default `dataclasses` rejects with ValueError when the class is made (an unhashable value).
fn is_mutable_display(expr: &Expr) -> bool {
    matches!(
        expr,
        Expr::List(_) | Expr::Dict(_) | Expr::Set(_) | Expr::ListComp(_) | Expr::DictComp(_) | Expr::SetComp(_)
    )
}

/// The default, `init` and `kw_only` a field's value gives: a plain default, or `field(...)`.
fn spec(scope: &Scope, value: &Expr, name: &str, line: usize) -> Result<(Option<Default>, bool, Option<bool>), String> {
    let mutable = || {
        format!("the default of {name} (line {line}) is a mutable {}, which dataclasses rejects with ValueError when the class is made", scope.quote(value))
    };
    let Expr::Call(call) = value else {
        if is_mutable_display(value) {
            return Err(mutable());
        }
        return Ok((Some(Default::Value(scope.text(value).to_string())), true, None));
    };
    if !scope.refers_to(&call.func, "dataclasses", "field") {
        return Ok((Some(Default::Value(scope.text(value).to_string())), true, None));
    }
    let refuse = |what: String| Err(format!("{} (line {line}) {what}", scope.quote(value)));
    if !call.arguments.args.is_empty() {
        return refuse("passes positional arguments to field(), which the lab does not follow".into());
    }
    let (mut default, mut init, mut kw_only) = (None, true, None);
    for keyword in &call.arguments.keywords {
        let Some(arg) = &keyword.arg else { return refuse("passes **arguments to field()".into()) };
        let flag = || match &keyword.value {
            Expr::BooleanLiteral(b) => Ok(b.value),
            _ => Err(format!(
                "{} (line {line}) sets {} to something other than True or False",
                scope.quote(value),
                arg.id
            )),
        };
        match arg.id.as_str() {
            "default" if default.is_none() => {
                if is_mutable_display(&keyword.value) {
                    return Err(mutable());
                }
                default = Some(Default::Value(scope.text(&keyword.value).to_string()));
            }
            "default_factory" if default.is_none() => default = Some(Default::Factory),
            "default" | "default_factory" => {
                return refuse("sets both default and default_factory, and dataclasses raises ValueError".into())
            }
            "init" => init = flag()?,
            "kw_only" => kw_only = Some(flag()?),
            "repr" | "hash" | "compare" | "metadata" => {}
            other => return refuse(format!("passes {other} to field(), which the lab does not follow")),
        }
    }
    Ok((default, init, kw_only))
}

/// The fields one dataclass statement defines, in order, with `options` applied.
pub(crate) fn own_fields(scope: &Scope, class: &ast::StmtClassDef, options: Options) -> Result<Vec<Field>, String> {
    let class_name = class.name.id.as_str();
    let mut fields: Vec<Field> = Vec::new();
    let mut others: Vec<(&str, usize)> = Vec::new();
    let mut kw_only = options.kw_only;
    let mut sentinel: Option<usize> = None;
    for (index, stmt) in class.body.iter().enumerate() {
        let line = scope.line(stmt);
        match stmt {
            Stmt::AnnAssign(assign) => {
                let Expr::Name(target) = &*assign.target else {
                    return Err(format!(
                        "{class_name} annotates {} (line {line}), which the lab does not follow",
                        scope.quote(&*assign.target)
                    ));
                };
                let name = target.id.as_str();
                match kind(scope, &assign.annotation, line)? {
                    // A pseudo-field: it takes its name's place among the fields, never a parameter.
                    Kind::ClassVar => {
                        if fields.iter().any(|f| f.name == name) {
                            return Err(format!(
                                "{class_name} annotates {name} twice (line {line}), which the lab does not follow"
                            ));
                        }
                        fields.push(Field {
                            name: name.to_string(),
                            annotation: scope.text(&*assign.annotation).to_string(),
                            default: None,
                            init: false,
                            kw_only,
                        });
                        continue;
                    }
                    Kind::KwOnly => {
                        if sentinel.is_some() {
                            return Err(format!(
                                "{class_name} has a second KW_ONLY (line {line}), and dataclasses raises TypeError"
                            ));
                        }
                        sentinel = Some(index);
                        kw_only = true;
                        continue;
                    }
                    Kind::InitVar | Kind::Regular => {}
                }
                if fields.iter().any(|f| f.name == name) {
                    return Err(format!(
                        "{class_name} annotates {name} twice (line {line}), which the lab does not follow"
                    ));
                }
                let (default, init, field_kw_only) = match &assign.value {
                    None => (None, true, None),
                    Some(value) => spec(scope, value, name, line)?,
                };
                fields.push(Field {
                    name: name.to_string(),
                    annotation: scope.text(&*assign.annotation).to_string(),
                    default,
                    init,
                    kw_only: field_kw_only.unwrap_or(kw_only),
                });
            }
            Stmt::Expr(expr) if matches!(&*expr.value, Expr::StringLiteral(_) | Expr::EllipsisLiteral(_)) => {}
            Stmt::Pass(_) => {}
            Stmt::FunctionDef(def) => others.push((def.name.id.as_str(), line)),
            Stmt::ClassDef(nested) => others.push((nested.name.id.as_str(), line)),
            Stmt::Assign(assign) => {
                for target in &assign.targets {
                    let Expr::Name(name) = target else {
                        return Err(format!(
                            "{class_name} assigns {} (line {line}), which the lab does not follow",
                            scope.quote(target)
                        ));
                    };
                    others.push((name.id.as_str(), line));
                }
            }
            other => {
                return Err(format!(
                    "{class_name}'s body has {} (line {line}), which the lab does not follow for a dataclass",
                    scope.quote(other)
                ))
            }
        }
    }
    if let Some((name, line)) = others.iter().find(|(name, _)| fields.iter().any(|f| f.name == *name)) {
        return Err(format!(
            "{class_name} binds its field {name} again (line {line}), which changes its default; the lab does not follow it"
        ));
    }
    Ok(fields)
}
