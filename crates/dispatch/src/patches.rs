//! Methods set on a class after its statement, at the top level: `C.__init__ = lambda self, b: ...`
//! or `C.method = f` with `f` a plain top-level `def` bound once before. Python stores the
//! function in the class's `__dict__` as the statement would have, so the model reads the class
//! with that function as the method's last definition; only the name CPython gives the function
//! differs (`<lambda>`, `f`), and errors name it. Any other attribute set on a class (a dunder
//! other than `__init__`, a value that is not such a function, a class that is not a plain one
//! of the code, a statement in a block) is left to the refusal that names it.

use ruff_python_ast::visitor::{walk_expr, Visitor};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::Ranged;

use crate::recognize::{binds, nested_binds};

/// A method set on a class by a top-level statement.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Patch {
    pub class: String,
    pub attribute: String,
    /// The `__qualname__` of the function set: `<lambda>` or the `def`'s name.
    pub qualname: String,
    /// Where the statement starts.
    pub at: usize,
}

/// The patches of `body` the model follows, and `body` with each patched class statement
/// carrying the function set as its last member definition; None when there is none.
pub(crate) fn apply(body: &[Stmt]) -> Option<(Vec<Stmt>, Vec<Patch>)> {
    let mut patched = body.to_vec();
    let mut patches = Vec::new();
    for (index, stmt) in body.iter().enumerate() {
        let Some((class, attribute, value)) = class_attribute_set(stmt) else { continue };
        if attribute != "__init__" && attribute.starts_with("__") {
            continue;
        }
        let Some(class_index) = bound_once_before(body, class, index) else { continue };
        let Stmt::ClassDef(class_def) = &patched[class_index] else { continue };
        if !is_plain_class(body, class_def) || read_between(body, class, class_index, index) {
            continue;
        }
        let Some((qualname, function)) = function_of(body, value, attribute, index) else { continue };
        let mut class_def = class_def.clone();
        class_def.body.push(Stmt::FunctionDef(function));
        patched[class_index] = Stmt::ClassDef(class_def);
        patches.push(Patch {
            class: class.to_string(),
            attribute: attribute.to_string(),
            qualname,
            at: usize::from(stmt.start()),
        });
    }
    (!patches.is_empty()).then_some((patched, patches))
}

/// `C.attribute = value`, with one target.
fn class_attribute_set(stmt: &Stmt) -> Option<(&str, &str, &Expr)> {
    let Stmt::Assign(assign) = stmt else { return None };
    let [Expr::Attribute(target)] = assign.targets.as_slice() else { return None };
    let Expr::Name(class) = &*target.value else { return None };
    Some((class.id.as_str(), target.attr.id.as_str(), &assign.value))
}

/// The index of the one top-level statement binding `name`, when it comes before `index` and
/// no block binds the name.
fn bound_once_before(body: &[Stmt], name: &str, index: usize) -> Option<usize> {
    if body.iter().any(|s| nested_binds(s, name)) {
        return None;
    }
    let mut binding = body.iter().enumerate().filter(|(_, s)| binds(s, name));
    let (found, _) = binding.next()?;
    (binding.next().is_none() && found < index).then_some(found)
}

/// A statement between the class and the patch reads the class (other than as a base, or to set
/// another of its attributes): it may keep the function the patch replaces (`h = C().get`).
fn read_between(body: &[Stmt], class: &str, class_index: usize, index: usize) -> bool {
    body[class_index + 1..index].iter().any(|stmt| {
        if let Some((patched, _, value)) = class_attribute_set(stmt) {
            if patched == class {
                return mentions(value, class);
            }
        }
        if let Stmt::ClassDef(def) = stmt {
            return def.decorator_list.iter().any(|d| mentions(&d.expression, class))
                || def.arguments.iter().flat_map(|a| a.keywords.iter()).any(|k| mentions(&k.value, class))
                || def.body.iter().any(|s| stmt_mentions(s, class));
        }
        stmt_mentions(stmt, class)
    })
}

struct Mentions<'n> {
    name: &'n str,
    found: bool,
}

impl<'a> Visitor<'a> for Mentions<'_> {
    fn visit_expr(&mut self, expr: &'a Expr) {
        if matches!(expr, Expr::Name(n) if n.id.as_str() == self.name) {
            self.found = true;
        }
        walk_expr(self, expr);
    }
}

fn mentions(expr: &Expr, name: &str) -> bool {
    let mut visitor = Mentions { name, found: false };
    visitor.visit_expr(expr);
    visitor.found
}

fn stmt_mentions(stmt: &Stmt, name: &str) -> bool {
    let mut visitor = Mentions { name, found: false };
    visitor.visit_stmt(stmt);
    visitor.found
}

/// A class whose bases are classes of the code (or none): a built-in base, a named tuple or an
/// exception brings a `__new__` or `__init__` that the patch would meet in ways not followed.
fn is_plain_class(body: &[Stmt], class: &ast::StmtClassDef) -> bool {
    let Some(arguments) = &class.arguments else { return true };
    arguments.keywords.is_empty()
        && arguments.args.iter().all(|base| match base {
            Expr::Name(name) => {
                name.id.as_str() == "object"
                    || body
                        .iter()
                        .any(|s| matches!(s, Stmt::ClassDef(c) if c.name.id == name.id && is_plain_class(body, c)))
            }
            _ => false,
        })
}

/// The function `value` is, as a method named `attribute`: a lambda, or a plain top-level
/// `def` bound once before `index`. Its qualname, and the `def` statement that defines it.
fn function_of(body: &[Stmt], value: &Expr, attribute: &str, index: usize) -> Option<(String, ast::StmtFunctionDef)> {
    let name = ast::Identifier::new(attribute, value.range());
    match value {
        Expr::Lambda(lambda) => {
            let returned = Stmt::Return(ast::StmtReturn {
                node_index: Default::default(),
                range: lambda.body.range(),
                value: Some(lambda.body.clone()),
            });
            let function = ast::StmtFunctionDef {
                node_index: Default::default(),
                range: lambda.range,
                is_async: false,
                decorator_list: Default::default(),
                name,
                type_params: None,
                parameters: lambda.parameters.clone().unwrap_or_default(),
                returns: None,
                body: vec![returned].into(),
            };
            Some(("<lambda>".to_string(), function))
        }
        Expr::Name(function) => {
            let found = bound_once_before(body, function.id.as_str(), index)?;
            let Stmt::FunctionDef(def) = &body[found] else { return None };
            if def.is_async || !def.decorator_list.is_empty() || def.type_params.is_some() {
                return None;
            }
            Some((def.name.id.to_string(), ast::StmtFunctionDef { name, ..def.clone() }))
        }
        _ => None,
    }
}
