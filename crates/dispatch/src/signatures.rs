//! A function's `__signature__`, set by one top-level statement after its `def`
//! (`f.__signature__ = ...`). `inspect.signature` returns it instead of reading the code when it
//! is a `Signature`, ignores it when it is None, and raises TypeError for an object that is
//! neither (nor, from 3.12 on, a string it parses or a callable it calls): the dispatcher then
//! picks the keys the declared signature names, and the function's own parameters bind them.

use pysource::{Module, Param, ParamKind, Signature};
use ruff_python_ast::visitor::{walk_expr, Visitor};
use ruff_python_ast::{self as ast, Expr};
use ruff_text_size::Ranged;

use crate::scope::{Binding, Scope};

/// What `inspect.signature` makes of a function's `__signature__`.
pub(crate) enum Declared {
    /// None set, or None: the code's own signature.
    Own,
    Signature(Signature),
    /// The error `inspect.signature` raises.
    Raises(String),
}

/// What `inspect.signature(name)` reports for the function `name`, given its `__signature__`;
/// a refusal naming the statement when its value is one the lab does not read.
pub(crate) fn declared(module: &Module, scope: &Scope, name: &str) -> Result<Declared, String> {
    match scope.signature_assignment(name) {
        Some(assign) => declared_by(module, scope, name, assign),
        None => Ok(Declared::Own),
    }
}

/// The class body's own `__signature__ = value`, when it has one such statement.
pub(crate) fn class_assignment(class: &ast::StmtClassDef) -> Option<&ast::StmtAssign> {
    class.body.iter().find_map(|stmt| match stmt {
        ast::Stmt::Assign(assign)
            if matches!(assign.targets.as_slice(), [Expr::Name(n)] if n.id.as_str() == "__signature__") =>
        {
            Some(assign)
        }
        _ => None,
    })
}

/// What `inspect.signature` reports for the class `class`, whose body sets `__signature__`: the
/// value is read as at the top level, when no statement of the body binds a name it uses (the
/// body's names come first there).
pub(crate) fn class_declared(module: &Module, scope: &Scope, class: &ast::StmtClassDef) -> Result<Declared, String> {
    let name = class.name.id.as_str();
    let Some(assign) = class_assignment(class) else { return Ok(Declared::Own) };
    let mut names = Names::default();
    names.visit_expr(&assign.value);
    if let Some(shadowed) = names.0.iter().find(|n| class.body.iter().any(|s| crate::recognize::binds(s, n))) {
        return Err(format!(
            "{name}'s body binds {shadowed}, which its __signature__ (line {}) uses; the lab does not follow it",
            scope.line(assign)
        ));
    }
    declared_by(module, scope, name, assign)
}

/// The names an expression reads.
#[derive(Default)]
struct Names(Vec<String>);

impl<'a> Visitor<'a> for Names {
    fn visit_expr(&mut self, expr: &'a Expr) {
        if let Expr::Name(name) = expr {
            self.0.push(name.id.to_string());
        }
        walk_expr(self, expr);
    }
}

fn declared_by(module: &Module, scope: &Scope, name: &str, assign: &ast::StmtAssign) -> Result<Declared, String> {
    let refuse = |what: &str| {
        format!(
            "line {} sets {name}.__signature__ ({}) to {what}; the lab reads None, `inspect.Signature([inspect.Parameter(...), ...])` and `inspect.signature(f)` of a plain function or lambda",
            scope.line(assign),
            scope.quote(assign)
        )
    };
    let value = &*assign.value;
    match value {
        Expr::NoneLiteral(_) => Ok(Declared::Own),
        Expr::BooleanLiteral(_) => Ok(unexpected(scope.text(value))),
        Expr::NumberLiteral(_) if scope.text(value).bytes().all(|b| b.is_ascii_digit()) => {
            Ok(unexpected(scope.text(value)))
        }
        Expr::Call(call) if scope.refers_to(&call.func, "inspect", "Signature") => {
            literal_signature(scope, call).map(Declared::Signature).map_err(|what| refuse(&what))
        }
        Expr::Call(call) if scope.refers_to(&call.func, "inspect", "signature") => {
            let ([argument], []) = (&call.arguments.args[..], &call.arguments.keywords[..]) else {
                return Err(refuse("a call of inspect.signature with other than one argument"));
            };
            signature_of(module, scope, argument, assign).map(Declared::Signature).map_err(|what| refuse(&what))
        }
        _ => Err(refuse("a value the lab does not read")),
    }
}

/// The error `inspect.signature(handler)` raises for the function's `__signature__`, if any.
pub(crate) fn signature_error(code: &lab::Code, scope: &Scope, handler: &str) -> Option<String> {
    if !matches!(scope.binding(handler), Ok(Some(Binding::Function(_)))) {
        return None;
    }
    match declared(&scope.module(code), scope, handler) {
        Ok(Declared::Raises(error)) => Some(error),
        _ => None,
    }
}

/// The error of `inspect.signature` when a Python 3.11–3.14 would reject the object as written.
fn unexpected(repr: &str) -> Declared {
    Declared::Raises(format!("TypeError: unexpected object {repr} in __signature__ attribute"))
}

/// `inspect.signature(argument)` at the assignment: of a lambda, or of a plain top-level function
/// bound once, before it.
fn signature_of(
    module: &Module,
    scope: &Scope,
    argument: &Expr,
    assign: &ast::StmtAssign,
) -> Result<Signature, String> {
    match argument {
        Expr::Lambda(lambda) => Ok(match &lambda.parameters {
            Some(parameters) => crate::binding::signature_of(scope, parameters),
            None => Signature::default(),
        }),
        Expr::Name(other) => {
            let other = other.id.as_str();
            let plain = match scope.binding(other) {
                Ok(Some(Binding::Function(def))) => {
                    scope.bound_once(other)
                        && def.start() < assign.start()
                        && def.decorator_list.is_empty()
                        && scope.signature_assignment(other).is_none()
                }
                _ => false,
            };
            match module.function(other) {
                Some(function) if plain => Ok(function.signature.clone()),
                _ => Err(format!("the signature of {other}, which is not a function defined once before it without decorators or a __signature__ of its own")),
            }
        }
        _ => Err("the signature of an object that is not a lambda or a function's name".into()),
    }
}

/// `inspect.Signature([inspect.Parameter(name, kind, default=...), ...])`: a refusal when
/// CPython would refuse it (ValueError) or it has what the lab does not read.
fn literal_signature(scope: &Scope, call: &ast::ExprCall) -> Result<Signature, String> {
    let parameters = match (&call.arguments.args[..], &call.arguments.keywords[..]) {
        ([parameters], []) => parameters,
        ([], [keyword]) if keyword.arg.as_ref().is_some_and(|a| a.id.as_str() == "parameters") => &keyword.value,
        _ => return Err("a Signature with arguments other than its list of parameters".into()),
    };
    let elements = match parameters {
        Expr::List(list) => &list.elts,
        Expr::Tuple(tuple) => &tuple.elts,
        _ => return Err("a Signature whose parameters are not a list or tuple as written".into()),
    };
    let mut params: Vec<Param> = Vec::new();
    for element in elements {
        let param = literal_parameter(scope, element)?;
        if params.iter().any(|p| p.name == param.name) {
            return Err(format!("a Signature with the parameter {} twice, which CPython refuses", param.name));
        }
        if params.last().is_some_and(|last| kind_order(last.kind) > kind_order(param.kind)) {
            return Err(format!("a Signature whose parameter {} is out of order, which CPython refuses", param.name));
        }
        let positional = matches!(param.kind, ParamKind::PositionalOnly | ParamKind::PositionalOrKeyword);
        let after_default = params.iter().any(|p| {
            matches!(p.kind, ParamKind::PositionalOnly | ParamKind::PositionalOrKeyword) && p.default.is_some()
        });
        if positional && param.default.is_none() && after_default {
            return Err(format!(
                "a Signature whose parameter {} has no default after one that has, which CPython refuses",
                param.name
            ));
        }
        params.push(param);
    }
    Ok(Signature { params, returns: None })
}

fn kind_order(kind: ParamKind) -> u8 {
    match kind {
        ParamKind::PositionalOnly => 0,
        ParamKind::PositionalOrKeyword => 1,
        ParamKind::VarPositional => 2,
        ParamKind::KeywordOnly => 3,
        ParamKind::VarKeyword => 4,
    }
}

/// `inspect.Parameter(name, kind)` with an optional `default=` and `annotation=`, its name a
/// literal identifier and its kind one of `inspect.Parameter`'s constants.
fn literal_parameter(scope: &Scope, element: &Expr) -> Result<Param, String> {
    let not_read =
        || format!("a parameter {} that is not `inspect.Parameter(name, kind[, default=...])`", scope.quote(element));
    let Expr::Call(call) = element else { return Err(not_read()) };
    if !scope.refers_to(&call.func, "inspect", "Parameter") {
        return Err(not_read());
    }
    let mut arguments: [Option<&Expr>; 4] = [None; 4];
    for (slot, argument) in arguments.iter_mut().zip(&call.arguments.args) {
        *slot = Some(argument);
    }
    if call.arguments.args.len() > 2 {
        return Err(not_read());
    }
    for keyword in &call.arguments.keywords {
        let index = match keyword.arg.as_ref().map(|a| a.id.as_str()) {
            Some("name") => 0,
            Some("kind") => 1,
            Some("default") => 2,
            Some("annotation") => 3,
            _ => return Err(not_read()),
        };
        if arguments[index].replace(&keyword.value).is_some() {
            return Err(not_read());
        }
    }
    let [Some(Expr::StringLiteral(name)), Some(Expr::Attribute(kind)), default, annotation] = arguments else {
        return Err(not_read());
    };
    let name = name.value.to_str().to_string();
    if !crate::binding::is_identifier(&name) {
        return Err(format!("a parameter named {name:?}, which CPython refuses"));
    }
    if !scope.refers_to(&kind.value, "inspect", "Parameter") {
        return Err(not_read());
    }
    let kind = match kind.attr.id.as_str() {
        "POSITIONAL_ONLY" => ParamKind::PositionalOnly,
        "POSITIONAL_OR_KEYWORD" => ParamKind::PositionalOrKeyword,
        "VAR_POSITIONAL" => ParamKind::VarPositional,
        "KEYWORD_ONLY" => ParamKind::KeywordOnly,
        "VAR_KEYWORD" => ParamKind::VarKeyword,
        _ => return Err(not_read()),
    };
    if default.is_some() && matches!(kind, ParamKind::VarPositional | ParamKind::VarKeyword) {
        return Err(format!("a variadic parameter {name} with a default, which CPython refuses"));
    }
    // The strict dispatcher converts by the annotation object: a string, or the built-in
    // `int`, `float`, `str` or `bool` itself; any other object passes values through, but a
    // name may be bound to one of those, so only these are read.
    let annotation = match annotation {
        None => None,
        // A string's value is read as `_strict_convert` reads it (stripped, then unquoted once).
        Some(Expr::StringLiteral(text)) => Some(text.value.to_str().to_string()),
        Some(Expr::Name(builtin))
            if ["int", "float", "str", "bool"].contains(&builtin.id.as_str())
                && matches!(scope.binding(builtin.id.as_str()), Ok(None)) =>
        {
            Some(builtin.id.to_string())
        }
        Some(other) => {
            return Err(format!(
                "a parameter {name} annotated {}, which the lab reads only as a string or the built-in int, float, str or bool",
                scope.quote(other)
            ))
        }
    };
    Ok(Param { name, kind, default: default.map(|d| scope.text(d).to_string()), annotation })
}
