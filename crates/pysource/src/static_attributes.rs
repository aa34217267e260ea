//! A class's `__static_attributes__` (3.13+): the names its body stores through `self.X`, in
//! its methods, the functions nested in them and the body itself, but not in nested classes,
//! which have their own. CPython's compiler adds the attribute of every `self.X` it compiles
//! as a store target (not `self.X += v`, nor `self.X: T` without a value), whatever `self`
//! names, unmangled, and sorts the names; from 3.14 an instance's shared keys start with them,
//! which decides the order an instance lets go of its attributes.

use std::collections::BTreeMap;

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, ExprContext, Stmt};

/// The static attributes of each top-level class statement, sorted (a later statement of the
/// same name replaces an earlier one, as rebinding the name does).
pub(crate) fn read_static_attributes(body: &[Stmt]) -> BTreeMap<String, Vec<String>> {
    let mut classes = BTreeMap::new();
    for stmt in body {
        if let Stmt::ClassDef(class) = stmt {
            let mut walk = SelfStores { names: Vec::new() };
            class.body.iter().for_each(|stmt| walk.visit_stmt(stmt));
            walk.names.sort();
            walk.names.dedup();
            classes.insert(class.name.id.to_string(), walk.names);
        }
    }
    classes
}

struct SelfStores {
    names: Vec<String>,
}

impl<'a> Visitor<'a> for SelfStores {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            // A nested class collects its own.
            Stmt::ClassDef(_) => {}
            // `self.x: T` without a value stores nothing: the compiler checks the target and
            // does not compile it as a store.
            Stmt::AnnAssign(annotated) if annotated.value.is_none() => {
                if let Expr::Attribute(attribute) = &*annotated.target {
                    self.visit_expr(&attribute.value);
                }
                self.visit_annotation(&annotated.annotation);
            }
            // `self.x += v` loads and stores the attribute by name, not as a store target.
            Stmt::AugAssign(augmented) => {
                match &*augmented.target {
                    Expr::Attribute(attribute) => self.visit_expr(&attribute.value),
                    target => self.visit_expr(target),
                }
                self.visit_expr(&augmented.value);
            }
            other => visitor::walk_stmt(self, other),
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if let Expr::Attribute(ast::ExprAttribute { value, attr, ctx: ExprContext::Store, .. }) = expr {
            if matches!(&**value, Expr::Name(name) if name.id.as_str() == "self") {
                self.names.push(attr.id.to_string());
            }
        }
        visitor::walk_expr(self, expr);
    }
}
