//! Named tuples: `class N(typing.NamedTuple)` with annotated fields, and
//! `N = collections.namedtuple("N", "x y", defaults=[...])`. Both are called through the `__new__`
//! they generate, `__new__(_cls, x, y=...)`, whose binding errors name `N.__new__` (`N` the
//! typename). What CPython refuses when the tuple type is made (a field named with a leading
//! underscore, twice, or not an identifier, a field without a default after one with a default,
//! more defaults than fields, a prohibited name such as `__init__` in the class body) and what
//! the lab does not read (field names or defaults it cannot read as literals) are refused with the
//! line. `rename=True` renames the fields CPython would refuse as CPython does.

use pysource::{Param, ParamKind, Signature};
use ruff_python_ast::{self as ast, Expr, Stmt};

use crate::scope::Scope;

/// A named tuple type: its typename and its fields with their defaults, as written.
pub(crate) struct NamedTuple {
    pub typename: String,
    pub fields: Vec<(String, Option<String>, Option<String>)>,
}

impl NamedTuple {
    /// The parameters of `__new__` as `inspect.signature` reports them, and its own (with `_cls`).
    pub(crate) fn signatures(&self) -> (Signature, Signature) {
        let params: Vec<Param> = self
            .fields
            .iter()
            .map(|(name, annotation, default)| Param {
                name: name.clone(),
                kind: ParamKind::PositionalOrKeyword,
                default: default.clone(),
                annotation: annotation.clone(),
            })
            .collect();
        let signature = Signature { params, returns: None };
        let mut code = signature.clone();
        code.params.insert(
            0,
            Param { name: "_cls".into(), kind: ParamKind::PositionalOrKeyword, default: None, annotation: None },
        );
        (signature, code)
    }
}

const PROHIBITED: &[&str] = &[
    "__new__",
    "__init__",
    "__slots__",
    "__getnewargs__",
    "_fields",
    "_field_defaults",
    "_make",
    "_replace",
    "_asdict",
    "_source",
];

/// The class statement as a `typing.NamedTuple` subclass: None when its only base is not
/// `NamedTuple`.
pub(crate) fn class(scope: &Scope, def: &ast::StmtClassDef) -> Option<Result<NamedTuple, String>> {
    let arguments = def.arguments.as_ref()?;
    let [base] = &*arguments.args else { return None };
    if !scope.refers_to(base, "typing", "NamedTuple") {
        return None;
    }
    let name = def.name.id.as_str();
    Some(class_fields(scope, def, name))
}

fn class_fields(scope: &Scope, def: &ast::StmtClassDef, name: &str) -> Result<NamedTuple, String> {
    let line = scope.line(def);
    if let Some(decorator) = def.decorator_list.first() {
        return Err(format!(
            "{name} is decorated with @{} (line {}), which may replace the class; the lab does not follow class decorators",
            scope.text(&decorator.expression),
            scope.line(decorator)
        ));
    }
    if def.type_params.is_some() || def.arguments.as_ref().is_some_and(|a| !a.keywords.is_empty()) {
        return Err(format!(
            "{name} (line {line}) has type parameters or class keywords, which the lab does not follow"
        ));
    }
    let mut fields: Vec<(String, Option<String>, Option<String>)> = Vec::new();
    let mut others: Vec<(&str, usize)> = Vec::new();
    for stmt in &def.body {
        let line = scope.line(stmt);
        match stmt {
            Stmt::AnnAssign(assign) => {
                let Expr::Name(target) = &*assign.target else {
                    return Err(format!(
                        "{name} annotates {} (line {line}), which the lab does not follow",
                        scope.quote(&*assign.target)
                    ));
                };
                let field = target.id.to_string();
                if fields.iter().any(|(f, _, _)| *f == field) {
                    return Err(format!("{name} annotates {field} twice (line {line}), which the lab does not follow"));
                }
                let default = assign.value.as_ref().map(|v| scope.text(&**v).to_string());
                fields.push((field, Some(scope.text(&*assign.annotation).to_string()), default));
            }
            Stmt::Expr(expr) if matches!(&*expr.value, Expr::StringLiteral(_) | Expr::EllipsisLiteral(_)) => {}
            Stmt::Pass(_) => {}
            Stmt::FunctionDef(def) => others.push((def.name.id.as_str(), line)),
            Stmt::Assign(assign) => {
                for target in &assign.targets {
                    let Expr::Name(target) = target else {
                        return Err(format!(
                            "{name} assigns {} (line {line}), which the lab does not follow",
                            scope.quote(target)
                        ));
                    };
                    others.push((target.id.as_str(), line));
                }
            }
            other => {
                return Err(format!(
                    "{name}'s body has {} (line {line}), which the lab does not follow for a NamedTuple",
                    scope.quote(other)
                ))
            }
        }
    }
    if let Some((other, line)) = others.iter().find(|(n, _)| PROHIBITED.contains(n)) {
        return Err(format!(
            "{name} defines {other} (line {line}), and typing raises AttributeError when the class is made"
        ));
    }
    if let Some((other, line)) = others.iter().find(|(n, _)| fields.iter().any(|(f, _, _)| f == n)) {
        return Err(format!("{name} binds its field {other} again (line {line}), which the lab does not follow"));
    }
    let names: Vec<&str> = fields.iter().map(|(f, _, _)| f.as_str()).collect();
    validate(name, &names, line)?;
    let mut seen_default: Option<&str> = None;
    for (field, _, default) in &fields {
        match (default, seen_default) {
            (Some(_), _) => seen_default = Some(field),
            (None, Some(before)) => {
                return Err(format!(
                    "in {name}, the field {field} without a default follows {before}, which has one, and typing raises TypeError when the class is made"
                ))
            }
            (None, None) => {}
        }
    }
    Ok(NamedTuple { typename: name.to_string(), fields })
}

/// `rename=True`: a name that is not an identifier, is a keyword, starts with an underscore or
/// repeats an earlier one becomes `_` and its index, as `collections.namedtuple` renames it.
fn renamed(names: Vec<String>) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    names
        .into_iter()
        .enumerate()
        .map(|(index, name)| {
            let invalid = !crate::binding::is_identifier(&name) || name.starts_with('_') || seen.contains(&name);
            seen.push(name.clone());
            if invalid {
                format!("_{index}")
            } else {
                name
            }
        })
        .collect()
}

/// Field names `collections.namedtuple` accepts: identifiers, not keywords, no leading
/// underscore, no repeats.
fn validate(typename: &str, names: &[&str], line: usize) -> Result<(), String> {
    for (index, name) in names.iter().enumerate() {
        let why = if !crate::binding::is_identifier(name) {
            "is not an identifier (or is a keyword)"
        } else if name.starts_with('_') {
            "starts with an underscore"
        } else if names[..index].contains(name) {
            "is repeated"
        } else {
            continue;
        };
        return Err(format!(
            "the field name '{name}' of {typename} (line {line}) {why}, and namedtuple raises ValueError when the type is made"
        ));
    }
    Ok(())
}

/// `collections.namedtuple(typename, field_names, *, defaults=..., rename=False, module=...)`:
/// None when `value` is not a call of it.
pub(crate) fn call(scope: &Scope, value: &Expr) -> Option<Result<NamedTuple, String>> {
    let Expr::Call(call) = value else { return None };
    if !scope.refers_to(&call.func, "collections", "namedtuple") {
        return None;
    }
    Some(read_call(scope, call))
}

fn read_call(scope: &Scope, call: &ast::ExprCall) -> Result<NamedTuple, String> {
    let line = scope.line(call);
    let refuse = |what: String| Err(format!("{} (line {line}) {what}", scope.quote(call)));
    let arguments = &call.arguments;
    let typename = arguments.find_argument_value("typename", 0);
    let field_names = arguments.find_argument_value("field_names", 1);
    if arguments.args.len() > 2 {
        return refuse("passes more than two positional arguments".into());
    }
    let Some(Expr::StringLiteral(typename)) = typename else {
        return refuse("does not name its type with a string literal the lab reads".into());
    };
    let typename = typename.value.to_str().to_string();
    let names: Vec<String> = match field_names {
        Some(Expr::StringLiteral(names)) => {
            names.value.to_str().replace(',', " ").split_whitespace().map(str::to_owned).collect()
        }
        Some(Expr::List(ast::ExprList { elts, .. }) | Expr::Tuple(ast::ExprTuple { elts, .. })) => {
            let mut names = Vec::new();
            for elt in elts {
                let Expr::StringLiteral(name) = elt else {
                    return refuse("has a field name that is not a string literal".into());
                };
                names.push(name.value.to_str().to_string());
            }
            names
        }
        _ => return refuse("does not give its field names as a string or a list of strings".into()),
    };
    let mut defaults: Vec<String> = Vec::new();
    let mut rename = false;
    for keyword in &arguments.keywords {
        let Some(arg) = &keyword.arg else { return refuse("passes **arguments, which the lab does not read".into()) };
        match arg.id.as_str() {
            "typename" | "field_names" | "module" => {}
            "rename" => match &keyword.value {
                Expr::BooleanLiteral(literal) => rename = literal.value,
                _ => return refuse("passes rename that is not True or False".into()),
            },
            "defaults" => match &keyword.value {
                Expr::List(ast::ExprList { elts, .. }) | Expr::Tuple(ast::ExprTuple { elts, .. }) => {
                    defaults = elts.iter().map(|e| scope.text(e).to_string()).collect();
                }
                Expr::NoneLiteral(_) => {}
                _ => return refuse("passes defaults that are not a list or tuple display".into()),
            },
            other => return refuse(format!("passes {other}, which the lab does not follow")),
        }
    }
    if !crate::binding::is_identifier(&typename) {
        return refuse(format!("names its type '{typename}', and namedtuple raises ValueError"));
    }
    let names = if rename {
        // The lab's identifier test is exact for ASCII only.
        if !names.iter().all(|name| name.is_ascii()) {
            return refuse(
                "passes rename=True with a field name that is not ASCII, which the lab does not follow".into(),
            );
        }
        renamed(names)
    } else {
        let names_ref: Vec<&str> = names.iter().map(String::as_str).collect();
        validate(&typename, &names_ref, line)?;
        names
    };
    if defaults.len() > names.len() {
        return refuse("has more defaults than fields, and namedtuple raises TypeError".into());
    }
    let first_default = names.len() - defaults.len();
    let fields = names
        .into_iter()
        .enumerate()
        .map(|(index, name)| (name, None, index.checked_sub(first_default).map(|i| defaults[i].clone())))
        .collect();
    Ok(NamedTuple { typename, fields })
}
