//! Function decorators the model follows, read with Ruff's syntax tree:
//! - a forwarding decorator defined in the code, whose wrapper is made with
//!   `functools.wraps(func)` and only returns `func(*args, **kwargs)`:
//!
//!   ```python
//!   def traced(func):
//!       @functools.wraps(func)
//!       def wrapper(*args, **kwargs):
//!           return func(*args, **kwargs)
//!       return wrapper
//!   ```
//!
//!   `inspect.signature` follows `__wrapped__` to the function, and the wrapper passes the call on
//!   unchanged, so the call binds as the function's own;
//! - the same wrapper without `functools.wraps`: `inspect.signature` then reports the wrapper's
//!   `(*args, **kwargs)`, so the dispatcher filters by those names, and the function binds what
//!   the wrapper passes on;
//! - `functools.cache` and `functools.lru_cache` (bare, or called with a positive or `None`
//!   `maxsize` and a `typed` flag): the same, except that the cache hashes the arguments first,
//!   so a list or dict value raises "TypeError: unhashable type: 'list'" (the first one, positional
//!   arguments first) before the function binds.

use ruff_python_ast::{self as ast, Expr, Stmt};

use crate::scope::{Binding, Scope};

/// What a followed decorator adds to the call.
pub(crate) enum Followed {
    /// The call reaches the function unchanged.
    Forwarder,
    /// A wrapper without `functools.wraps`: `inspect.signature` reports the wrapper's own
    /// `(*args, **kwargs)`, with these names, and the call reaches the function unchanged.
    Plain { args: String, kwargs: String },
    /// The arguments are hashed first.
    Cache,
}

/// How the model follows `decorator` on the function `function`, or why it does not.
pub(crate) fn follow(scope: &Scope, function: &str, decorator: &ast::Decorator) -> Result<Followed, String> {
    let expr = &decorator.expression;
    let line = scope.line(decorator);
    let refuse = |why: &str| {
        Err(format!(
            "{function} is decorated with @{} (line {line}), {why}; the lab does not follow that decorator",
            scope.text(expr)
        ))
    };
    if scope.refers_to(expr, "functools", "cache") || scope.refers_to(expr, "functools", "lru_cache") {
        return Ok(Followed::Cache);
    }
    if let Expr::Call(call) = expr {
        if scope.refers_to(&call.func, "functools", "lru_cache") {
            let maxsize = call.arguments.find_argument_value("maxsize", 0);
            let maxsize_ok = match maxsize {
                None | Some(Expr::NoneLiteral(_)) => true,
                Some(Expr::NumberLiteral(n)) => {
                    matches!(&n.value, ast::Number::Int(i) if i.as_u64().is_some_and(|i| i > 0))
                }
                _ => false,
            };
            let typed_ok = match call.arguments.find_keyword("typed") {
                None => true,
                Some(keyword) => matches!(keyword.value, Expr::BooleanLiteral(_)),
            };
            let known = call.arguments.args.len() <= 1
                && call
                    .arguments
                    .keywords
                    .iter()
                    .all(|k| k.arg.as_ref().is_some_and(|a| matches!(a.id.as_str(), "maxsize" | "typed")));
            if maxsize_ok && typed_ok && known {
                return Ok(Followed::Cache);
            }
            return refuse("with arguments other than a positive or None maxsize and a True/False typed");
        }
        return refuse("which may replace the function or change its signature");
    }
    let Expr::Name(name) = expr else { return refuse("which may replace the function or change its signature") };
    if !scope.bound_once(name.id.as_str()) {
        return refuse("whose name is bound more than once, so which one decorates it depends on the order");
    }
    match scope.binding(name.id.as_str()) {
        Ok(Some(Binding::Function(def))) => match forwarder(scope, def) {
            Ok(Wrapper { wraps: true, .. }) => Ok(Followed::Forwarder),
            Ok(Wrapper { args, kwargs, .. }) => Ok(Followed::Plain { args, kwargs }),
            Err(why) => refuse(&why),
        },
        _ => refuse("which may replace the function or change its signature"),
    }
}

/// A forwarding wrapper: made with `functools.wraps` or not, and its parameters' names.
struct Wrapper {
    wraps: bool,
    args: String,
    kwargs: String,
}

/// `def deco(func): [@functools.wraps(func)] def wrapper(*args, **kwargs): return func(*args,
/// **kwargs); return wrapper`, docstrings allowed; or what differs.
fn forwarder(scope: &Scope, def: &ast::StmtFunctionDef) -> Result<Wrapper, String> {
    let name = def.name.id.as_str();
    let differs = |what: &str| Err(format!("whose definition at line {} {what}", scope.line(def)));
    if def.is_async || !def.decorator_list.is_empty() || def.type_params.is_some() {
        return differs("is async, decorated or generic");
    }
    let p = &def.parameters;
    let [func] = &*p.args else { return differs("does not take exactly one parameter") };
    if !p.posonlyargs.is_empty()
        || p.vararg.is_some()
        || !p.kwonlyargs.is_empty()
        || p.kwarg.is_some()
        || func.default.is_some()
    {
        return differs("does not take exactly one parameter");
    }
    let func = func.parameter.name.id.as_str();
    let body = strip_docstring(&def.body);
    let [Stmt::FunctionDef(wrapper), Stmt::Return(ret)] = body else {
        return differs(&format!("is not a wrapper made with functools.wraps({func}) and returned"));
    };
    let wrapper_name = wrapper.name.id.as_str();
    if !matches!(ret.value.as_deref(), Some(Expr::Name(n)) if n.id.as_str() == wrapper_name)
        || wrapper_name == func
        || name == func
    {
        return differs(&format!("does not return its wrapper {wrapper_name}"));
    }
    let plain = wrapper.decorator_list.is_empty();
    let wraps = plain
        || match &*wrapper.decorator_list {
            [decorator] => match &decorator.expression {
                Expr::Call(call) => {
                    scope.refers_to(&call.func, "functools", "wraps")
                        && matches!(&*call.arguments.args, [Expr::Name(n)] if n.id.as_str() == func)
                        && call.arguments.keywords.is_empty()
                }
                _ => false,
            },
            _ => false,
        };
    if !wraps || wrapper.is_async || wrapper.type_params.is_some() {
        return differs(&format!(
            "makes a wrapper {wrapper_name} that is not decorated only with functools.wraps({func})"
        ));
    }
    let w = &wrapper.parameters;
    let (Some(args), Some(kwargs)) = (&w.vararg, &w.kwarg) else {
        return differs(&format!("makes a wrapper {wrapper_name} that does not take (*args, **kwargs)"));
    };
    if !w.posonlyargs.is_empty() || !w.args.is_empty() || !w.kwonlyargs.is_empty() {
        return differs(&format!("makes a wrapper {wrapper_name} that does not take only (*args, **kwargs)"));
    }
    let (args, kwargs) = (args.name.id.as_str(), kwargs.name.id.as_str());
    let passes_on = match strip_docstring(&wrapper.body) {
        [Stmt::Return(ast::StmtReturn { value: Some(value), .. })] => match &**value {
            Expr::Call(call) => {
                matches!(&*call.func, Expr::Name(n) if n.id.as_str() == func)
                    && matches!(&*call.arguments.args, [Expr::Starred(s)] if matches!(&*s.value, Expr::Name(n) if n.id.as_str() == args))
                    && matches!(&*call.arguments.keywords, [ast::Keyword { arg: None, value: Expr::Name(n), .. }] if n.id.as_str() == kwargs)
            }
            _ => false,
        },
        _ => false,
    };
    if !passes_on || [func, wrapper_name].contains(&args) || [func, wrapper_name].contains(&kwargs) {
        return differs(&format!(
            "makes a wrapper {wrapper_name} whose body is not only `return {func}(*{args}, **{kwargs})`"
        ));
    }
    Ok(Wrapper { wraps: !plain, args: args.to_string(), kwargs: kwargs.to_string() })
}

fn strip_docstring(body: &[Stmt]) -> &[Stmt] {
    match body {
        [Stmt::Expr(docstring), rest @ ..] if docstring.value.is_string_literal_expr() => rest,
        body => body,
    }
}
