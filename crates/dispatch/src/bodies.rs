//! What the lab reads of a top-level function handler's body (not decorated, not a generator or
//! coroutine): a list or dict display default, and a body that starts with a `raise`.
//!
//! A list or dict display of literals as a default is one object made when the `def` runs and
//! shared by every call: the handler receives it as made only if nothing can have changed it
//! before the dispatch. The lab predicts its repr when the body never mentions the parameter
//! (an earlier call could change the list through it, or a closure or a frame of the body
//! could) and nothing in the module mentions a way to the function's defaults or to frames'
//! locals ([`REACHES_DEFAULTS`]); otherwise it declines, naming the line.
//!
//! A body whose first statement (after a docstring) is `raise E(...)` or `raise E` (with an
//! optional `from None` or `from` a built-in exception) raises as soon as the parameters are
//! bound. `E` is a built-in exception the code does not rebind, or a top-level exception class
//! of the code bringing nothing to calls and no `__str__` (every class of the code on its way
//! too); its arguments are literals, parameters, or f-strings of them. The last traceback line
//! is `E: str(exception)` (just `E` for an empty str), `E` the class's `__qualname__` as CPython
//! shows a class of `__main__` or a built-in: `BaseException.__str__` shows nothing for no
//! argument, `str()` of one, the tuple's repr for several; `KeyError.__str__` (first in the MRO
//! of a class of the code reaching it) shows the repr of a single argument. Declined: a bare
//! `raise`, keywords, `*` arguments, an `OSError` family class given two or more arguments
//! (`[Errno ...]`, and a subclass chosen by the errno), the built-ins whose `__init__` reads
//! the arguments or whose `__str__` is their own (`SyntaxError`, the Unicode errors, exception
//! groups), those whose traceback line may gain a suggestion (`NameError`, `AttributeError`,
//! `ImportError`), a class outside `Exception` (it escapes the probe), a class name the function
//! makes local, and a class of the code setting its own `__module__` or `__qualname__`.

use ruff_python_ast::{self as ast, Expr, Stmt};

use pysource::Module;

use crate::exceptions::{brings_nothing_to_calls, is_builtin_exception};
use crate::pyrepr::tuple_repr;
use crate::scope::{Binding, Scope};
use crate::{BodyReading, ParamSource, ParamWiring};

/// Names through which code may reach a function's defaults or a frame's locals: attributes and
/// functions that read them, and the dynamic ways of reaching any name.
pub(crate) const REACHES_DEFAULTS: &[&str] = &[
    "__defaults__",
    "__kwdefaults__",
    "default",
    "defaults",
    "kwonlydefaults",
    "apply_defaults",
    "getcallargs",
    "getargvalues",
    "getattr",
    "getattr_static",
    "attrgetter",
    "__getattribute__",
    "setattr",
    "__setattr__",
    "eval",
    "exec",
    "compile",
    "__import__",
    "import_module",
    "globals",
    "locals",
    "vars",
    "_getframe",
    "currentframe",
    "stack",
    "trace",
    "f_locals",
    "f_back",
    "tb_frame",
    "gi_frame",
    "cr_frame",
    "get_referents",
    "get_referrers",
    "get_objects",
    "ctypes",
];

/// The top-level function a handler name binds, when the lab reads its body: not decorated,
/// not async, no generator.
fn plain_function<'s>(scope: &'s Scope, handler: &str) -> Option<&'s ast::StmtFunctionDef> {
    match scope.binding(handler) {
        Ok(Some(Binding::Function(def)))
            if def.decorator_list.is_empty() && !def.is_async && !pysource::yields(def) =>
        {
            Some(def)
        }
        _ => None,
    }
}

/// The repr of a list or dict display of literals (nested displays and tuples too); None for
/// anything else.
pub(crate) fn display_repr(expression: &pysource::Expression) -> Option<String> {
    match expression {
        pysource::Expression::List { elements } => {
            let items = elements.iter().map(display_repr).collect::<Option<Vec<_>>>()?;
            Some(format!("[{}]", items.join(", ")))
        }
        pysource::Expression::Dict { items } => {
            // A repeated key (by Python's equality: 1, 1.0 and True are one key) keeps its first
            // spelling and its last value.
            let mut entries: Vec<(Key, String, String)> = Vec::new();
            for (key, value) in items {
                let (equal, key_repr) = (Key::of(key)?, display_repr(key)?);
                let value = display_repr(value)?;
                match entries.iter_mut().find(|(k, _, _)| *k == equal) {
                    Some(entry) => entry.2 = value,
                    None => entries.push((equal, key_repr, value)),
                }
            }
            let entries: Vec<String> = entries.into_iter().map(|(_, k, v)| format!("{k}: {v}")).collect();
            Some(format!("{{{}}}", entries.join(", ")))
        }
        pysource::Expression::Tuple { elements } => {
            let items = elements.iter().map(display_repr).collect::<Option<Vec<_>>>()?;
            Some(tuple_repr(&items))
        }
        other => crate::binding::expression_repr(other),
    }
}

/// A dict key as Python compares it: numbers (and bools) by value, strings by text.
#[derive(PartialEq)]
enum Key {
    Number(f64),
    Str(String),
    None,
    Ellipsis,
}

impl Key {
    fn of(expression: &pysource::Expression) -> Option<Key> {
        let pysource::Expression::Literal { literal } = expression else { return None };
        Some(match literal {
            // Integers beyond 2**53 are not kept apart from their neighbours here: declined.
            pysource::Literal::Int(i) if i.unsigned_abs() < (1 << 53) => Key::Number(*i as f64),
            pysource::Literal::Int(_) => return None,
            pysource::Literal::Float(f) => Key::Number(*f),
            pysource::Literal::Bool(b) => Key::Number(f64::from(u8::from(*b))),
            pysource::Literal::Str(s) => Key::Str(s.clone()),
            pysource::Literal::None => Key::None,
            pysource::Literal::Ellipsis => Key::Ellipsis,
        })
    }
}

/// What the handler's parameter `param` receives from its list or dict display default
/// `default`: its repr, or why the lab cannot be sure of it. None when the default is no display.
pub(crate) fn display_default(
    scope: &Scope,
    handler: &str,
    param: &str,
    default: &str,
) -> Option<Result<String, String>> {
    let expression = pysource::expression(default)?;
    if !matches!(expression, pysource::Expression::List { .. } | pysource::Expression::Dict { .. }) {
        return None;
    }
    let repr = display_repr(&expression)?;
    let kind = if matches!(expression, pysource::Expression::List { .. }) { "list" } else { "dict" };
    let Some(def) = plain_function(scope, handler) else {
        return Some(Err(format!(
            "the default `{default}` is a {kind} made once and shared by every call; the lab follows it only for a top-level function that is not decorated or a generator"
        )));
    };
    if let Some(used) = pysource::mentions(scope.code(), &def.body, &[param]).first() {
        return Some(Err(format!(
            "the default {kind} may have been changed by an earlier call: line {} uses {param}",
            used.line
        )));
    }
    if let Some(reach) = pysource::mentions(scope.code(), scope.raw_body(), REACHES_DEFAULTS).first() {
        return Some(Err(format!(
            "the default {kind} may have been changed: line {} mentions `{}`, through which code may reach it",
            reach.line, reach.word
        )));
    }
    Some(Ok(repr))
}

/// What the handler's body does once its parameters are bound, as far as the lab reads it.
pub(crate) fn read_body(code: &lab::Code, scope: &Scope, handler: &str, params: &[ParamWiring]) -> BodyReading {
    let Some(def) = plain_function(scope, handler) else { return BodyReading::Unread };
    let body = match def.body.as_slice() {
        [Stmt::Expr(docstring), rest @ ..] if docstring.value.is_string_literal_expr() => rest,
        body => body,
    };
    let raise = match body.first() {
        Some(Stmt::Raise(raise)) => raise,
        Some(first) => {
            return BodyReading::Declined {
                line: scope.line(first),
                why: format!(
                    "{} is not a raise, and the lab follows a body only when it starts with one",
                    scope.quote(first)
                ),
            }
        }
        None => return BodyReading::Unread,
    };
    let line = scope.line(raise);
    match raised(code, scope, def, raise, params) {
        Ok(error) => BodyReading::Raises { line, error },
        Err(why) => BodyReading::Declined { line, why },
    }
}

/// The last traceback line of what `raise` raises, or why the lab does not follow it.
fn raised(
    code: &lab::Code,
    scope: &Scope,
    def: &ast::StmtFunctionDef,
    raise: &ast::StmtRaise,
    params: &[ParamWiring],
) -> Result<String, String> {
    let quote = scope.quote(raise);
    let Some(exception) = raise.exc.as_deref() else {
        return Err(format!("{quote} re-raises the exception being handled, which the lab does not follow"));
    };
    if let Some(cause) = raise.cause.as_deref() {
        let plain_cause = match cause {
            Expr::NoneLiteral(_) => true,
            Expr::Name(name) => builtin_plain(scope, &name.id),
            Expr::Call(call) => match &*call.func {
                Expr::Name(name) => {
                    builtin_plain(scope, &name.id)
                        && call.arguments.keywords.is_empty()
                        && call.arguments.args.iter().all(|a| argument(scope, def, a, params).is_ok())
                }
                _ => false,
            },
            _ => false,
        };
        if !plain_cause {
            return Err(format!(
                "{quote}: the lab follows `from None` or `from` a built-in exception, not `from {}`",
                scope.text(cause)
            ));
        }
    }
    let (class, args) = match exception {
        Expr::Name(name) => (name.id.as_str(), Vec::new()),
        Expr::Call(call) => {
            let Expr::Name(name) = &*call.func else {
                return Err(format!("{quote} does not raise a class named in the code or a built-in one"));
            };
            if !call.arguments.keywords.is_empty() || call.arguments.args.iter().any(Expr::is_starred_expr) {
                return Err(format!("{quote} passes keywords or `*` arguments, which the lab does not follow"));
            }
            (name.id.as_str(), call.arguments.args.iter().collect())
        }
        _ => return Err(format!("{quote} does not raise a class named in the code or a built-in one")),
    };
    // A name the function binds anywhere (a parameter too) is its local, not the class.
    let cause_class = match raise.cause.as_deref() {
        Some(Expr::Name(name)) => Some(name.id.as_str()),
        Some(Expr::Call(call)) => call.func.as_name_expr().map(|name| name.id.as_str()),
        _ => None,
    };
    for name in std::iter::once(class).chain(cause_class) {
        let local = def.parameters.iter().any(|p| p.name().id == name)
            || !pysource::mentions(scope.code(), &def.body, &[name]).iter().all(|m| m.line == scope.line(raise));
        if local {
            return Err(format!("{quote}: the function itself uses the name {name}, which the lab does not follow"));
        }
    }
    let str_kind = str_kind(code, scope, class).map_err(|why| format!("{quote}: {why}"))?;
    let args = args.into_iter().map(|a| argument(scope, def, a, params)).collect::<Result<Vec<_>, _>>();
    let args = args.map_err(|why| format!("{quote}: {why}"))?;
    let text = match (str_kind, args.as_slice()) {
        (StrKind::Os, [_, _, ..]) => {
            return Err(format!(
                "{quote}: an OSError given two or more arguments reads them as errno and strerror (and may become a subclass); the lab does not follow it"
            ))
        }
        (_, []) => String::new(),
        (StrKind::Key, [(_, repr)]) => repr.clone(),
        (_, [(str, _)]) => str.clone(),
        (_, args) => tuple_repr(&args.iter().map(|(_, repr)| repr.clone()).collect::<Vec<_>>()),
    };
    let shown = match class {
        "EnvironmentError" | "IOError" => "OSError",
        class => class,
    };
    Ok(if text.is_empty() { shown.to_owned() } else { format!("{shown}: {text}") })
}

/// Which `__str__` an exception class's instances use.
#[derive(Clone, Copy, PartialEq, Eq)]
enum StrKind {
    /// `BaseException.__str__`.
    Plain,
    /// `KeyError.__str__`: the repr of a single argument.
    Key,
    /// `OSError.__str__`: plain below two arguments.
    Os,
}

/// Built-ins whose instances are no `Exception` (they escape the probe), whose construction or
/// `__str__` reads the arguments in ways the lab does not follow, or whose traceback line may
/// gain a suggestion from the `name` the traceback module reads (it varies by version).
const UNFOLLOWED_BUILTINS: &[&str] = &[
    "AttributeError",
    "NameError",
    "UnboundLocalError",
    "ImportError",
    "ModuleNotFoundError",
    "BaseException",
    "SystemExit",
    "KeyboardInterrupt",
    "GeneratorExit",
    "BaseExceptionGroup",
    "ExceptionGroup",
    "SyntaxError",
    "IndentationError",
    "TabError",
    "UnicodeError",
    "UnicodeDecodeError",
    "UnicodeEncodeError",
    "UnicodeTranslateError",
];

/// A built-in exception (not rebound) whose `__str__` the lab knows, with no argument.
fn builtin_plain(scope: &Scope, name: &str) -> bool {
    is_builtin_exception(scope, name) && !UNFOLLOWED_BUILTINS.contains(&name)
}

fn builtin_str_kind(name: &str) -> Result<StrKind, String> {
    if UNFOLLOWED_BUILTINS.contains(&name) {
        return Err(format!("the lab does not follow how {name} is made, shown or caught"));
    }
    Ok(match name {
        "KeyError" => StrKind::Key,
        other if crate::exceptions::is_os_error(other) => StrKind::Os,
        _ => StrKind::Plain,
    })
}

/// The `__str__` of `class`: a built-in exception, or an exception class of the code.
fn str_kind(code: &lab::Code, scope: &Scope, class: &str) -> Result<StrKind, String> {
    if is_builtin_exception(scope, class) {
        return builtin_str_kind(class);
    }
    let module = scope.module(code);
    let module: &Module = &module;
    let Some(code_class) = module.class(class).filter(|_| matches!(scope.binding(class), Ok(Some(Binding::Class(_)))))
    else {
        return Err(format!("{class} is neither a built-in exception nor a class of the code the lab follows"));
    };
    crate::exceptions::hierarchy(module, scope, code_class)?;
    let mut kinds: Vec<(String, StrKind)> = Vec::new();
    let mut reached = false;
    for owner in module.mro(code_class) {
        let Ok(Some(Binding::Class(def))) = scope.binding(&owner.name) else {
            return Err(format!("{} is not a plain class statement the lab follows", owner.name));
        };
        let shows = ["__str__", "__module__", "__qualname__"];
        if !brings_nothing_to_calls(def) || def.body.iter().any(|s| shows.iter().any(|m| crate::recognize::binds(s, m)))
        {
            return Err(format!(
                "{} defines how it is called or shown (`__init__`, `__new__`, `__str__`, `__module__`, `__qualname__`, a decorator or a block), which the lab does not follow here",
                owner.name
            ));
        }
        for base in owner.base_names() {
            if is_builtin_exception(scope, base) {
                reached = true;
                let kind = builtin_str_kind(base)?;
                if kind != StrKind::Plain && !kinds.iter().any(|(_, k)| *k == kind) {
                    kinds.push((base.to_owned(), kind));
                }
            } else if base != "object" && module.class(base).is_none() {
                return Err(format!("{}'s base {base} is not a class of the code or a built-in exception", owner.name));
            }
        }
    }
    if !reached {
        return Err(format!("{class} does not reach a built-in exception"));
    }
    // A built-in with its own `__str__` comes before BaseException in the MRO, and wins.
    match kinds.as_slice() {
        [] => Ok(StrKind::Plain),
        [(_, kind)] => Ok(*kind),
        [(first, _), (second, _), ..] => Err(format!(
            "{class} reaches both {first} and {second}, whose __str__ differ; the lab does not follow which wins"
        )),
    }
}

/// `(str, repr)` of one argument of the raised exception: a literal, a parameter of `def`, or an
/// f-string of those.
fn argument(
    scope: &Scope,
    def: &ast::StmtFunctionDef,
    expr: &Expr,
    params: &[ParamWiring],
) -> Result<(String, String), String> {
    match expr {
        Expr::Name(name) => {
            let is_param = def.parameters.iter().any(|p| p.name().id == name.id);
            let wiring = params.iter().find(|p| p.name == name.id.as_str()).filter(|_| is_param);
            let wiring = wiring.ok_or_else(|| format!("{} is not one of the handler's parameters", name.id))?;
            param_str(wiring).ok_or_else(|| format!("the lab does not know the str of what {} holds", name.id))
        }
        Expr::FString(fstring) => {
            let mut text = String::new();
            for part in fstring.value.iter() {
                let elements = match part {
                    ast::FStringPart::Literal(literal) => {
                        text.push_str(&literal.value);
                        continue;
                    }
                    ast::FStringPart::FString(f) => &f.elements,
                };
                for element in elements.iter() {
                    let field = match element {
                        ast::InterpolatedStringElement::Literal(literal) => {
                            text.push_str(&literal.value);
                            continue;
                        }
                        ast::InterpolatedStringElement::Interpolation(field) => field,
                    };
                    if field.format_spec.is_some() || field.debug_text.is_some() {
                        return Err(format!("{}: a format spec or `=` is not followed", scope.quote(field)));
                    }
                    // format(value, "") is str(value) for every value the lab knows.
                    let (str, repr) = argument(scope, def, &field.expression, params)?;
                    match field.conversion {
                        ast::ConversionFlag::None | ast::ConversionFlag::Str => text.push_str(&str),
                        ast::ConversionFlag::Repr => text.push_str(&repr),
                        ast::ConversionFlag::Ascii => {
                            return Err(format!("{}: `!a` is not followed", scope.quote(field)))
                        }
                    }
                }
            }
            let repr = pysource::str_repr(&text);
            Ok((text, repr))
        }
        other => pysource::expression(scope.text(other))
            .as_ref()
            .and_then(literal_str)
            .ok_or_else(|| format!("{} is not a literal or a parameter", scope.quote(other))),
    }
}

/// `(str, repr)` of a literal (or a display of literals).
fn literal_str(expression: &pysource::Expression) -> Option<(String, String)> {
    match expression {
        pysource::Expression::Literal { literal: pysource::Literal::Str(s) } => {
            Some((s.clone(), pysource::str_repr(s)))
        }
        other => display_repr(other).map(|repr| (repr.clone(), repr)),
    }
}

/// `(str, repr)` of what a bound parameter holds: str() differs from repr() only for a str.
fn param_str(param: &ParamWiring) -> Option<(String, String)> {
    let repr = param.repr.clone()?;
    match param.source {
        ParamSource::Payload => match &param.value {
            Some(serde_json::Value::String(s)) => Some((s.clone(), repr)),
            _ => Some((repr.clone(), repr)),
        },
        ParamSource::Default => {
            let (str, literal_repr) = literal_str(&pysource::expression(param.default.as_deref()?)?)?;
            (literal_repr == repr).then_some((str, repr))
        }
        ParamSource::Collected => Some((repr.clone(), repr)),
        ParamSource::Missing => None,
    }
}

#[cfg(test)]
mod tests {
    use lab::Code;
    use serde_json::json;

    use crate::{predict_on, BodyReading, Dispatcher, Outcome};

    fn predicted(code: &str, handler: &str, payload: serde_json::Value) -> crate::DispatchPrediction {
        predict_on(&Code::parse(code).unwrap(), handler, &payload, Dispatcher::Naive, 13).unwrap()
    }

    fn default_of(code: &str, param: &str) -> Result<String, String> {
        let prediction = predicted(code, "f", json!({}));
        let wiring = prediction.wiring.params.iter().find(|p| p.name == param).unwrap();
        wiring.repr.clone().ok_or_else(|| wiring.unknown.clone().unwrap_or_default())
    }

    #[test]
    fn a_display_default_nothing_can_reach_is_its_repr_at_def_time() {
        let code = "def f(a=0, b=[1, 'x', (2,)], c={1: 'a', True: 'b', 1.0: [], 'k': {}}):\n    return a\n";
        assert_eq!(default_of(code, "b"), Ok("[1, 'x', (2,)]".into()));
        // Equal keys make one entry: the first key as written, the last value.
        assert_eq!(default_of(code, "c"), Ok("{1: [], 'k': {}}".into()));
    }

    #[test]
    fn a_display_default_the_body_or_the_module_may_reach_is_declined_with_the_line() {
        let used = "def f(b=[]):\n    \"\"\"Doc.\"\"\"\n    b.append(1)\n";
        assert_eq!(
            default_of(used, "b"),
            Err("the default list may have been changed by an earlier call: line 3 uses b".into())
        );
        let reached = "def f(b={}):\n    return 1\n\n\nf.__defaults__[0]['k'] = 1\n";
        assert_eq!(
            default_of(reached, "b"),
            Err("the default dict may have been changed: line 5 mentions `__defaults__`, through which code may reach it".into())
        );
        let decorated = "import functools\n\n\n@functools.cache\ndef f(b=[]):\n    return 1\n";
        assert!(default_of(decorated, "b").unwrap_err().contains("only for a top-level function"));
    }

    fn raised(code: &str, payload: serde_json::Value) -> Result<String, String> {
        let prediction = predicted(code, "f", payload);
        match prediction.body {
            BodyReading::Raises { error, .. } => {
                assert_eq!((prediction.outcome, prediction.error.as_deref()), (Outcome::Error, Some(error.as_str())));
                Ok(error)
            }
            BodyReading::Declined { why, .. } => Err(why),
            BodyReading::Unread => Err("unread".into()),
        }
    }

    #[test]
    fn a_first_raise_shows_the_exceptions_str() {
        assert_eq!(raised("def f(a):\n    raise ValueError(a)\n", json!({"a": "x y"})), Ok("ValueError: x y".into()));
        assert_eq!(raised("def f(a):\n    raise KeyError(a)\n", json!({"a": "k"})), Ok("KeyError: 'k'".into()));
        assert_eq!(raised("def f(a):\n    raise KeyError(a, 1)\n", json!({"a": "k"})), Ok("KeyError: ('k', 1)".into()));
        assert_eq!(raised("def f(a):\n    raise RuntimeError\n", json!({"a": 1})), Ok("RuntimeError".into()));
        assert_eq!(raised("def f(a):\n    raise ValueError('')\n", json!({"a": 1})), Ok("ValueError".into()));
        assert_eq!(raised("def f(a):\n    raise IOError(a)\n", json!({"a": [1.0]})), Ok("OSError: [1.0]".into()));
        assert_eq!(
            raised("def f(a, b='c'):\n    raise TypeError(f'{a!r} {b}') from None\n", json!({"a": "q"})),
            Ok("TypeError: 'q' c".into())
        );
        let missing = "class NotFound(Exception):\n    pass\n\n\nclass Missing(NotFound, KeyError):\n    pass\n\n\ndef f(a):\n    raise Missing(a)\n";
        assert_eq!(raised(missing, json!({"a": "k"})), Ok("Missing: 'k'".into()));
    }

    #[test]
    fn a_raise_the_lab_does_not_follow_is_declined_with_a_reason() {
        assert!(raised("def f(a):\n    raise OSError(2, a)\n", json!({"a": "p"})).unwrap_err().contains("errno"));
        assert!(raised("def f(a):\n    raise SystemExit(a)\n", json!({"a": 1})).unwrap_err().contains("SystemExit"));
        assert!(raised("def f(a):\n    raise ModuleNotFoundError(a)\n", json!({"a": 1})).is_err());
        assert!(raised("def f(a):\n    raise ValueError(a) from a\n", json!({"a": 1})).unwrap_err().contains("from a"));
        assert!(raised("def f(a):\n    x = a\n    raise ValueError(x)\n", json!({"a": 1}))
            .unwrap_err()
            .contains("`x = a` is not a raise"));
        assert_eq!(raised("def f(a):\n    raise ValueError(a)\n    yield\n", json!({"a": 1})), Err("unread".into()));
        let shadowed = "def f(a):\n    raise KeyError(a)\n    KeyError = 1\n";
        assert!(raised(shadowed, json!({"a": 1})).unwrap_err().contains("uses the name KeyError"));
        let named = "class E(Exception):\n    __module__ = 'api'\n\n\ndef f(a):\n    raise E(a)\n";
        assert!(raised(named, json!({"a": 1})).unwrap_err().contains("E defines how it is called or shown"));
        let patched =
            "class E(Exception):\n    pass\n\n\nE.__str__ = lambda self: 'e'\n\n\ndef f(a):\n    raise E(a)\n";
        assert!(raised(patched, json!({"a": 1})).is_err());
        let reads = "import enum\n\n\nclass C(enum.Enum):\n    A = 1\n\n\ndef f(a=C.A):\n    raise ValueError(a)\n";
        assert!(raised(reads, json!({})).unwrap_err().contains("str of what a holds"));
    }
}
