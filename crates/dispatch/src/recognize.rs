//! Recognizes the page's dispatcher in the user's code, with Ruff's syntax tree.
//!
//! The lab predicts one function of the user's: a top-level `def dispatch(handler, payload)`
//! whose body (a docstring aside) is the naive filter
//!
//! ```python
//! return handler(**{k: v for k, v in payload.items() if k in inspect.signature(handler).parameters})
//! ```
//!
//! or the same with the parameters bound to a local first (`wanted = inspect.signature(handler)
//! .parameters`, then `... if k in wanted`), with `import inspect` at the top level. The two
//! parameters, the local and the comprehension's variables may have any names; nothing else
//! varies. The same shape returning `handler(**payload)` passes every key
//! ([`Recognition::PassesAll`]). Anything else named `dispatch` is
//! [`Recognition::Unrecognized`], with what differs.

use ruff_python_ast::{self as ast, CmpOp, Expr, Stmt};
use ruff_text_size::Ranged;

/// What the code's `dispatch` is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Recognition {
    /// No top-level `dispatch` in the code.
    Absent,
    /// The naive filter, defined at `line`.
    Naive { line: usize },
    /// The naive filter's shape without the filter, defined at `line`: `return
    /// handler(**payload)` passes every payload key.
    PassesAll { line: usize },
    /// Something the lab cannot predict, and what differs from the naive filter.
    Unrecognized { line: usize, why: String },
}

/// How the dispatcher's call passes the payload.
enum Shape {
    /// `{k: v for k, v in payload.items() if k in inspect.signature(handler).parameters}`.
    Filter,
    /// `**payload`.
    PassesAll,
}

/// The name the page's dispatcher has.
pub const NAME: &str = "dispatch";

/// Reads the code's top-level `dispatch`. Code that does not parse has none.
pub fn recognize(code: &str) -> Recognition {
    match ruff_python_parser::parse_module(code) {
        Ok(parsed) => recognize_in(code, &parsed.syntax().body),
        Err(_) => Recognition::Absent,
    }
}

/// [`recognize`] over the code's statements, parsed already.
pub(crate) fn recognize_in(code: &str, body: &[Stmt]) -> Recognition {
    Reader { code }.module(body)
}

struct Reader<'c> {
    code: &'c str,
}

/// The names the naive filter's parts have in the user's code.
struct Names<'a> {
    handler: &'a str,
    payload: &'a str,
}

impl Reader<'_> {
    fn line(&self, node: &impl Ranged) -> usize {
        self.code[..usize::from(node.start())].matches('\n').count() + 1
    }

    fn text(&self, node: &impl Ranged) -> &str {
        &self.code[node.range()]
    }

    /// `text`, shortened to one line for a message.
    fn quote(&self, node: &impl Ranged) -> String {
        let text = self.text(node);
        let first = text.lines().next().unwrap_or_default();
        let short: String = first.chars().take(70).collect();
        if short.len() < text.len() {
            format!("`{short}…`")
        } else {
            format!("`{short}`")
        }
    }

    fn module(&self, body: &[Stmt]) -> Recognition {
        // The last top-level statement that binds `dispatch` decides what it is when the probe runs.
        let mut found: Option<&Stmt> = None;
        let mut nested: Option<&Stmt> = None;
        for stmt in body {
            if binds(stmt, NAME) {
                found = Some(stmt);
            } else if nested_binds(stmt, NAME) {
                nested = Some(stmt);
            }
        }
        let Some(stmt) = found else {
            return match nested {
                Some(stmt) => Recognition::Unrecognized {
                    line: self.line(stmt),
                    why: format!("dispatch is bound inside the block at line {}, which may not run", self.line(stmt)),
                },
                None => Recognition::Absent,
            };
        };
        let line = self.line(stmt);
        if let Some(later) = nested.filter(|n| n.start() > stmt.start()) {
            let why = format!("dispatch may be rebound by the block at line {}", self.line(later));
            return Recognition::Unrecognized { line, why };
        }
        let Stmt::FunctionDef(def) = stmt else {
            return Recognition::Unrecognized { line, why: format!("line {line} binds dispatch, but not with def") };
        };
        let line = self.line(&def.name);
        match self.function(def).and_then(|shape| self.imports_inspect(body).map(|()| shape)) {
            Ok(Shape::Filter) => Recognition::Naive { line },
            Ok(Shape::PassesAll) => Recognition::PassesAll { line },
            Err(why) => Recognition::Unrecognized { line, why },
        }
    }

    /// `import inspect` at the top level, and nothing else binding `inspect` there.
    fn imports_inspect(&self, body: &[Stmt]) -> Result<(), String> {
        let mut imported = false;
        for stmt in body.iter().filter(|s| binds(s, "inspect") || nested_binds(s, "inspect")) {
            let plain = matches!(stmt, Stmt::Import(import) if !import.is_lazy
                && import.names.iter().all(|a| a.asname.is_none() || a.asname.as_ref().is_some_and(|n| n.id.as_str() != "inspect"))
                && !nested_binds(stmt, "inspect"));
            if !plain {
                return Err(format!("line {} binds inspect to something other than the module", self.line(stmt)));
            }
            imported = true;
        }
        if imported {
            Ok(())
        } else {
            Err("the code does not `import inspect` at the top level".into())
        }
    }

    fn function(&self, def: &ast::StmtFunctionDef) -> Result<Shape, String> {
        if def.is_async {
            return Err("it is async".into());
        }
        if let Some(decorator) = def.decorator_list.first() {
            return Err(format!("it is decorated with @{}", self.text(&decorator.expression)));
        }
        if def.type_params.is_some() {
            return Err("it has type parameters".into());
        }
        let parameters = &def.parameters;
        let plain = parameters.posonlyargs.is_empty()
            && parameters.vararg.is_none()
            && parameters.kwonlyargs.is_empty()
            && parameters.kwarg.is_none()
            && parameters.args.len() == 2
            && parameters.args.iter().all(|p| p.default.is_none());
        if !plain {
            return Err(format!(
                "it takes {}, not two parameters (handler, payload) without defaults",
                self.quote(&**parameters)
            ));
        }
        let names = Names {
            handler: parameters.args[0].parameter.name.id.as_str(),
            payload: parameters.args[1].parameter.name.id.as_str(),
        };
        if names.handler == names.payload || [names.handler, names.payload].contains(&"inspect") {
            return Err("its parameters shadow inspect".into());
        }
        let mut body: &[Stmt] = &def.body;
        if let [Stmt::Expr(docstring), rest @ ..] = body {
            if docstring.value.is_string_literal_expr() {
                body = rest;
            }
        }
        let expected = self.expected(&names);
        match body {
            [Stmt::Return(ret)] => self.returned(ret, &names, None, &expected),
            [Stmt::Assign(assign), Stmt::Return(ret)] => {
                let local = match assign.targets.as_slice() {
                    [Expr::Name(local)] => local.id.as_str(),
                    _ => return Err(self.not_the_filter(assign, &expected)),
                };
                if [names.handler, names.payload, "inspect"].contains(&local) {
                    return Err(format!("line {} rebinds {local}", self.line(assign)));
                }
                if !self.is_parameters_of(&assign.value, names.handler) {
                    return Err(format!(
                        "line {}: {} is not `{local} = inspect.signature({}).parameters`",
                        self.line(assign),
                        self.quote(assign),
                        names.handler
                    ));
                }
                self.returned(ret, &names, Some(local), &expected)
            }
            [] => Err("its body is only a docstring".into()),
            [first, ..] => Err(self.not_the_filter(first, &expected)),
        }
    }

    /// The naive filter with the user's names, for messages.
    fn expected(&self, names: &Names) -> String {
        format!(
            "`return {h}(**{{k: v for k, v in {p}.items() if k in inspect.signature({h}).parameters}})`",
            h = names.handler,
            p = names.payload
        )
    }

    fn not_the_filter(&self, stmt: &impl Ranged, expected: &str) -> String {
        format!("line {}: {} is not {expected}", self.line(stmt), self.quote(stmt))
    }

    fn returned(
        &self,
        ret: &ast::StmtReturn,
        names: &Names,
        local: Option<&str>,
        expected: &str,
    ) -> Result<Shape, String> {
        let not_the_filter = || self.not_the_filter(ret, expected);
        let Some(Expr::Call(call)) = ret.value.as_deref() else { return Err(not_the_filter()) };
        if !is_name(&call.func, names.handler) {
            return Err(not_the_filter());
        }
        let [ast::Keyword { arg: None, value, .. }] = &*call.arguments.keywords else {
            return Err(not_the_filter());
        };
        if !call.arguments.args.is_empty() {
            return Err(not_the_filter());
        }
        if is_name(value, names.payload) {
            return Ok(Shape::PassesAll);
        }
        let Expr::DictComp(comprehension) = value else { return Err(not_the_filter()) };
        if self.is_filter(comprehension, names, local) {
            Ok(Shape::Filter)
        } else {
            Err(format!(
                "line {}: {} is not the filter {{k: v for k, v in {}.items() if k in {}}}",
                self.line(comprehension),
                self.quote(comprehension),
                names.payload,
                local.map_or_else(|| format!("inspect.signature({}).parameters", names.handler), str::to_owned)
            ))
        }
    }

    /// `{k: v for k, v in payload.items() if k in <parameters>}`.
    fn is_filter(&self, comprehension: &ast::ExprDictComp, names: &Names, local: Option<&str>) -> bool {
        let [generator] = comprehension.generators.as_slice() else { return false };
        if generator.is_async {
            return false;
        }
        let Expr::Tuple(target) = &generator.target else { return false };
        let [Expr::Name(key), Expr::Name(value)] = target.elts.as_slice() else { return false };
        let (key, value) = (key.id.as_str(), value.id.as_str());
        let taken = [names.handler, names.payload, "inspect", local.unwrap_or(names.handler)];
        if key == value || taken.contains(&key) || taken.contains(&value) {
            return false;
        }
        let key_ok = comprehension.key.as_deref().is_some_and(|k| is_name(k, key));
        if !key_ok || !is_name(&comprehension.value, value) {
            return false;
        }
        let Expr::Call(items) = &generator.iter else { return false };
        let Expr::Attribute(method) = &*items.func else { return false };
        if method.attr.id.as_str() != "items"
            || !is_name(&method.value, names.payload)
            || !items.arguments.args.is_empty()
            || !items.arguments.keywords.is_empty()
        {
            return false;
        }
        let [Expr::Compare(test)] = generator.ifs.as_slice() else { return false };
        let ([CmpOp::In], [container]) = (&*test.ops, &*test.comparators) else { return false };
        if !is_name(&test.left, key) {
            return false;
        }
        match local {
            Some(local) => is_name(container, local),
            None => self.is_parameters_of(container, names.handler),
        }
    }

    /// `inspect.signature(handler).parameters`.
    fn is_parameters_of(&self, expr: &Expr, handler: &str) -> bool {
        let Expr::Attribute(parameters) = expr else { return false };
        let Expr::Call(call) = &*parameters.value else { return false };
        let Expr::Attribute(signature) = &*call.func else { return false };
        parameters.attr.id.as_str() == "parameters"
            && signature.attr.id.as_str() == "signature"
            && is_name(&signature.value, "inspect")
            && matches!(&*call.arguments.args, [arg] if is_name(arg, handler))
            && call.arguments.keywords.is_empty()
    }
}

fn is_name(expr: &Expr, name: &str) -> bool {
    matches!(expr, Expr::Name(n) if n.id.as_str() == name)
}

/// The statement binds `name` at the level it runs at (not inside its own blocks).
pub(crate) fn binds(stmt: &Stmt, name: &str) -> bool {
    let target = |expr: &Expr| target_binds(expr, name);
    match stmt {
        Stmt::FunctionDef(def) => def.name.id.as_str() == name,
        Stmt::ClassDef(class) => class.name.id.as_str() == name,
        Stmt::Assign(assign) => assign.targets.iter().any(target),
        Stmt::AnnAssign(assign) => assign.value.is_some() && target(&assign.target),
        Stmt::AugAssign(assign) => target(&assign.target),
        Stmt::TypeAlias(alias) => target(&alias.name),
        Stmt::Delete(delete) => delete.targets.iter().any(target),
        Stmt::Import(import) => import.names.iter().any(|alias| {
            let bound = alias.asname.as_ref().unwrap_or(&alias.name);
            bound.id.as_str().split('.').next() == Some(name)
        }),
        Stmt::ImportFrom(import) => import.names.iter().any(|alias| {
            alias.name.id.as_str() == "*" || alias.asname.as_ref().unwrap_or(&alias.name).id.as_str() == name
        }),
        Stmt::Expr(expr) => walrus_binds(&expr.value, name),
        _ => false,
    }
}

fn target_binds(expr: &Expr, name: &str) -> bool {
    match expr {
        Expr::Name(n) => n.id.as_str() == name,
        Expr::Tuple(t) => t.elts.iter().any(|e| target_binds(e, name)),
        Expr::List(l) => l.elts.iter().any(|e| target_binds(e, name)),
        Expr::Starred(s) => target_binds(&s.value, name),
        _ => false,
    }
}

fn walrus_binds(expr: &Expr, name: &str) -> bool {
    matches!(expr, Expr::Named(named) if target_binds(&named.target, name))
}

/// A block statement (`if`, `for`, `try`, ...) that binds `name` somewhere inside at this level.
pub(crate) fn nested_binds(stmt: &Stmt, name: &str) -> bool {
    let any = |body: &[Stmt]| body.iter().any(|s| binds(s, name) || nested_binds(s, name));
    match stmt {
        Stmt::If(s) => any(&s.body) || s.elif_else_clauses.iter().any(|c| any(&c.body)),
        Stmt::For(s) => target_binds(&s.target, name) || any(&s.body) || any(&s.orelse),
        Stmt::While(s) => any(&s.body) || any(&s.orelse),
        Stmt::With(s) => {
            s.items.iter().any(|i| i.optional_vars.as_deref().is_some_and(|v| target_binds(v, name))) || any(&s.body)
        }
        Stmt::Try(s) => {
            any(&s.body)
                || any(&s.orelse)
                || any(&s.finalbody)
                || s.handlers.iter().any(|h| {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    h.name.as_ref().is_some_and(|n| n.id.as_str() == name) || any(&h.body)
                })
        }
        Stmt::Match(s) => s.cases.iter().any(|c| any(&c.body)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"import inspect


def dispatch(handler, payload: dict):
    """Calls handler with the payload keys its signature names."""
    wanted = inspect.signature(handler).parameters
    return handler(**{key: value for key, value in payload.items() if key in wanted})
"#;

    fn why(code: &str) -> String {
        match recognize(code) {
            Recognition::Unrecognized { why, .. } => why,
            other => panic!("expected unrecognized, got {other:?} for\n{code}"),
        }
    }

    #[test]
    fn the_pages_dispatcher_is_recognized() {
        assert_eq!(recognize(PAGE), Recognition::Naive { line: 4 });
        let example = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../src/examples/dispatch.py"));
        if let Ok(example) = example {
            assert!(matches!(recognize(&example), Recognition::Naive { line: 5 }));
        }
    }

    #[test]
    fn renamings_are_recognized() {
        let inline = "import inspect\ndef dispatch(fn, data) -> object:\n    return fn(**{name: val for (name, val) in data.items() if name in inspect.signature(fn).parameters})\n";
        assert_eq!(recognize(inline), Recognition::Naive { line: 2 });
        let local = "import inspect, json\n\ndef dispatch(h, p):\n    params = inspect.signature(h).parameters\n    return h(**{a: b for a, b in p.items() if a in params})\n";
        assert_eq!(recognize(local), Recognition::Naive { line: 3 });
        // The lab's own naive dispatcher is the page's.
        assert_eq!(recognize(crate::probe::NAIVE_DISPATCHER), Recognition::Naive { line: 4 });
    }

    #[test]
    fn no_dispatch_is_absent() {
        assert_eq!(recognize("def handler(a):\n    return a\n"), Recognition::Absent);
        assert_eq!(recognize("def broken(:\n"), Recognition::Absent);
    }

    #[test]
    fn variants_are_recognized_or_rejected_with_what_differs() {
        let passes_all = PAGE.replace(
            "return handler(**{key: value for key, value in payload.items() if key in wanted})",
            "return handler(**payload)",
        );
        assert_eq!(recognize(&passes_all), Recognition::PassesAll { line: 4 });
        let without_inspect = passes_all.replace("import inspect", "import json");
        assert!(why(&without_inspect).contains("does not `import inspect`"));

        let cases = [
            (PAGE.replace("if key in wanted", "if key not in wanted"), "is not the filter"),
            (PAGE.replace("if key in wanted", "if key in wanted if key"), "is not the filter"),
            (PAGE.replace("{key: value for", "{key: str(value) for"), "is not the filter"),
            (PAGE.replace("payload.items()", "payload.values()"), "is not the filter"),
            (PAGE.replace("for key, value in", "for handler, value in"), "is not the filter"),
            (PAGE.replace("if key in wanted", "if key in inspect.signature(handler).parameters"), "is not the filter"),
            (
                PAGE.replace("wanted = inspect.signature(handler).parameters", "wanted = {'a'}"),
                "is not `wanted = inspect.signature(handler).parameters`",
            ),
            (PAGE.replace("    return handler", "    print(payload)\n    return handler"), "is not `return"),
            (PAGE.replace("return handler(", "handler("), "is not `return"),
            (PAGE.replace("return handler(", "return print("), "is not `return"),
            (PAGE.replace("(handler, payload: dict)", "(handler, payload, extra=None)"), "not two parameters"),
            (PAGE.replace("(handler, payload: dict)", "(handler, /, payload)"), "not two parameters"),
            (PAGE.replace("def dispatch", "async def dispatch"), "async"),
            (PAGE.replace("def dispatch", "@staticmethod\ndef dispatch"), "decorated with @staticmethod"),
            (PAGE.replace("import inspect", "import json"), "does not `import inspect`"),
            (PAGE.replace("import inspect", "import inspect as ins"), "does not `import inspect`"),
            (PAGE.replace("import inspect", "import inspect\nfrom os import path as inspect"), "other than the module"),
            (format!("{PAGE}\ndispatch = print\n"), "not with def"),
            (format!("{PAGE}\nif True:\n    def dispatch(h, p):\n        return h(**p)\n"), "may be rebound"),
        ];
        for (code, expected) in cases {
            let why = why(&code);
            assert!(why.contains(expected), "{why:?} should say {expected:?} for\n{code}");
        }
    }
}
