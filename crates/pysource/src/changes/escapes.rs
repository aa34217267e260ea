//! Attribute writes that may reach a class through another name.
//!
//! [`super::AttributeChanges::changed_objects`] names the object each write goes through:
//! `Alias.close = f` changes `Alias`, `type(obj).close = f` and `registry[0].close = f` no name
//! at all. Those are the top-level class the write reaches when `Alias = Greeter`, when
//! `obj = Greeter()`, or when `registry = [Greeter]`, and a lab that looked only at the class's
//! own name would predict the class unchanged. So the module is read once more:
//! - a class *escapes* where its name is used as a value another name or object can keep
//!   (`Alias = Greeter`, `[Greeter]`, `register(Greeter)`, `return Greeter`), not where it is
//!   only called, read from, tested (`isinstance`, `is`), used as a base, a key or an annotation;
//! - a write goes through an object the lab cannot name when that object is a name bound to
//!   something other than an instance of one of the module's classes, a function or a module (a
//!   parameter, a loop variable, `Alias = ...`), or any other expression; through `type(x)` or
//!   `x.__class__` it may reach any class of the module.
//!
//! Every escaping class is then changed at each write the lab cannot name, every class at each
//! write through `type(x)` or `x.__class__`, and a class at each write through a name its
//! statement gives as a base that is not a class of the module (`StringIO.write = f` changes
//! `class Buffer(StringIO)`).

use std::collections::{BTreeMap, BTreeSet};

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, Stmt};

use super::{class_receiver, sets_attributes, Lines};

/// The builtins that take a class without keeping it or changing it.
const LOOKS_ONLY: [&str; 14] = [
    "isinstance",
    "issubclass",
    "print",
    "repr",
    "str",
    "id",
    "hash",
    "type",
    "callable",
    "dir",
    "vars",
    "hasattr",
    "getattr",
    "len",
];

/// The lines at which classes of the module may change through other names, per class name.
pub(super) fn changes_through_other_names(code: &str, body: &[Stmt]) -> BTreeMap<String, BTreeSet<usize>> {
    let class_statements: Vec<&ast::StmtClassDef> = body
        .iter()
        .filter_map(|stmt| match stmt {
            Stmt::ClassDef(class) => Some(class),
            _ => None,
        })
        .collect();
    let classes: BTreeSet<String> = class_statements.iter().map(|class| class.name.id.to_string()).collect();
    let lines = Lines::new(code);
    let mut read = Escapes::new(&lines, &classes);
    read.visit_body(body);
    let unnamed: BTreeSet<usize> = read
        .writes
        .iter()
        .filter(|write| match &write.object {
            WrittenObject::Name(name) => read.bindings.get(name).is_none_or(|kind| *kind == Binding::Unknown),
            WrittenObject::Unnamed => true,
            WrittenObject::AnyClass => false,
        })
        .map(|write| write.line)
        .collect();
    let any_class: BTreeSet<usize> =
        read.writes.iter().filter(|w| w.object == WrittenObject::AnyClass).map(|w| w.line).collect();
    class_statements
        .iter()
        .filter_map(|class| {
            let name = class.name.id.as_str();
            let mut lines = any_class.clone();
            if read.escaping.contains(name) {
                lines.extend(&unnamed);
            }
            let bases: Vec<&str> = class
                .arguments
                .iter()
                .flat_map(|arguments| arguments.args.iter())
                .filter_map(|base| match base {
                    Expr::Name(base) => Some(base.id.as_str()),
                    Expr::Attribute(base) => Some(base.attr.id.as_str()),
                    _ => None,
                })
                .filter(|base| !classes.contains(*base))
                .collect();
            lines.extend(
                read.writes.iter().filter(|w| w.named.as_deref().is_some_and(|n| bases.contains(&n))).map(|w| w.line),
            );
            (!lines.is_empty()).then(|| (name.to_owned(), lines))
        })
        .collect()
}

/// What a name is bound to, over all its bindings in the module.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Binding {
    /// Only instances of the module's classes, functions and modules: a write through it never
    /// reaches one of the module's classes.
    NotAClass,
    /// Anything else, at least once.
    Unknown,
}

#[derive(Debug, PartialEq, Eq)]
enum WrittenObject {
    /// A name other than a class of the module (whose writes the name itself shows) or the
    /// instance a method runs on.
    Name(String),
    /// `type(x)` or `x.__class__`.
    AnyClass,
    /// Any other expression: a subscript, a call, an attribute of another object.
    Unnamed,
}

struct Write {
    object: WrittenObject,
    /// The name the object has in the write (`Alias`, and `StringIO` in `io.StringIO.x = v`).
    named: Option<String>,
    line: usize,
}

struct Escapes<'r> {
    lines: &'r Lines,
    classes: &'r BTreeSet<String>,
    escaping: BTreeSet<String>,
    bindings: BTreeMap<String, Binding>,
    writes: Vec<Write>,
    /// The first parameter of the method whose body is being read: the instance it runs on, or
    /// in a classmethod the class, whose writes [`super::Walk`] shows under the class's name.
    receiver: Option<String>,
    /// The class statement whose body is being read, if any.
    class_body: Option<String>,
    /// How the statement being read binds its targets.
    binding: Binding,
}

impl<'r> Escapes<'r> {
    fn new(lines: &'r Lines, classes: &'r BTreeSet<String>) -> Escapes<'r> {
        Escapes {
            lines,
            classes,
            escaping: BTreeSet::new(),
            bindings: BTreeMap::new(),
            writes: Vec::new(),
            receiver: None,
            class_body: None,
            binding: Binding::Unknown,
        }
    }

    fn bind(&mut self, name: &str, binding: Binding) {
        let kind = self.bindings.entry(name.to_owned()).or_insert(binding);
        if binding == Binding::Unknown {
            *kind = Binding::Unknown;
        }
    }

    /// Whether `value` makes only objects that are not classes: an instance of a class of the module.
    fn makes_an_instance(&self, value: &Expr) -> bool {
        matches!(value, Expr::Call(call) if matches!(&*call.func, Expr::Name(callee) if self.classes.contains(callee.id.as_str())))
    }

    fn write_through(&mut self, object: &Expr, line: usize) {
        let named = match object {
            Expr::Name(name) => Some(name.id.to_string()),
            Expr::Attribute(attribute) => Some(attribute.attr.id.to_string()),
            _ => None,
        };
        let written = match object {
            Expr::Name(name) if self.classes.contains(name.id.as_str()) => return,
            Expr::Name(name) if self.receiver.as_deref() == Some(name.id.as_str()) => return,
            Expr::Name(name) => WrittenObject::Name(name.id.to_string()),
            Expr::Attribute(attribute) if attribute.attr.id.as_str() == "__class__" => WrittenObject::AnyClass,
            // `m.Greeter.x = v`: the class's own name shows the write.
            Expr::Attribute(attribute) if self.classes.contains(attribute.attr.id.as_str()) => return,
            Expr::Call(call)
                if matches!(&*call.func, Expr::Name(callee) if callee.id.as_str() == "type")
                    && call.arguments.args.len() == 1 =>
            {
                WrittenObject::AnyClass
            }
            _ => WrittenObject::Unnamed,
        };
        self.writes.push(Write { object: written, named, line });
    }

    /// Reads `expr` where a class named in it is only looked at, not kept.
    fn look_at(&mut self, expr: &Expr) {
        match expr {
            Expr::Name(_) => {}
            Expr::Tuple(tuple) => tuple.elts.iter().for_each(|e| self.look_at(e)),
            other => self.visit_expr(other),
        }
    }
}

impl<'a> Visitor<'a> for Escapes<'_> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::Assign(assign) => {
                self.binding =
                    if self.makes_an_instance(&assign.value) { Binding::NotAClass } else { Binding::Unknown };
                for target in &assign.targets {
                    self.visit_expr(target);
                }
                self.binding = Binding::Unknown;
                self.visit_expr(&assign.value);
            }
            Stmt::AnnAssign(assign) => {
                let instance = assign.value.as_deref().is_some_and(|value| self.makes_an_instance(value));
                self.binding = if instance { Binding::NotAClass } else { Binding::Unknown };
                self.visit_expr(&assign.target);
                self.binding = Binding::Unknown;
                if let Some(value) = &assign.value {
                    self.visit_expr(value);
                }
            }
            Stmt::FunctionDef(function) => {
                self.bind(function.name.id.as_str(), Binding::NotAClass);
                for decorator in &function.decorator_list {
                    self.visit_decorator(decorator);
                }
                let receiver = self.class_body.as_deref().and_then(|class| class_receiver(class, function));
                let inner = receiver.map(|r| r.receiver).or_else(|| self.receiver.clone());
                let outer = std::mem::replace(&mut self.receiver, inner);
                let outer_class = self.class_body.take();
                self.visit_parameters(&function.parameters);
                self.visit_body(&function.body);
                self.class_body = outer_class;
                self.receiver = outer;
            }
            Stmt::ClassDef(class) => {
                for decorator in &class.decorator_list {
                    self.visit_decorator(decorator);
                }
                if let Some(arguments) = &class.arguments {
                    arguments.args.iter().for_each(|base| self.look_at(base));
                    arguments.keywords.iter().for_each(|keyword| self.look_at(&keyword.value));
                }
                let outer = self.class_body.replace(class.name.id.to_string());
                self.visit_body(&class.body);
                self.class_body = outer;
            }
            Stmt::Import(import) => {
                for alias in &import.names {
                    let bound = alias.asname.as_ref().unwrap_or(&alias.name);
                    self.bind(bound.id.split('.').next().unwrap_or_default(), Binding::NotAClass);
                }
            }
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    fn visit_annotation(&mut self, _: &'a Expr) {}

    fn visit_parameter(&mut self, parameter: &'a ast::Parameter) {
        self.bind(parameter.name.id.as_str(), Binding::Unknown);
        visitor::walk_parameter(self, parameter);
    }

    fn visit_except_handler(&mut self, handler: &'a ast::ExceptHandler) {
        let ast::ExceptHandler::ExceptHandler(handler) = handler;
        if let Some(kind) = &handler.type_ {
            self.look_at(kind);
        }
        if let Some(name) = &handler.name {
            self.bind(name.id.as_str(), Binding::Unknown);
        }
        self.visit_body(&handler.body);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        let line = self.lines.of(expr);
        match expr {
            Expr::Name(name) => match name.ctx {
                ast::ExprContext::Load if self.classes.contains(name.id.as_str()) => {
                    self.escaping.insert(name.id.to_string());
                }
                ast::ExprContext::Store => self.bind(name.id.as_str(), self.binding),
                _ => {}
            },
            Expr::Attribute(attribute) => {
                if matches!(attribute.ctx, ast::ExprContext::Store | ast::ExprContext::Del) {
                    self.write_through(&attribute.value, line);
                }
                // Reading from a class, or writing to it through its own name, keeps nothing.
                self.look_at(&attribute.value);
                return;
            }
            Expr::Call(call) => {
                let sets = sets_attributes(call);
                if sets {
                    match call.arguments.args.first() {
                        Some(Expr::Starred(_)) | None => {
                            self.writes.push(Write { object: WrittenObject::Unnamed, named: None, line })
                        }
                        Some(first) => self.write_through(first, line),
                    }
                }
                self.look_at(&call.func);
                let looks_only = matches!(&*call.func, Expr::Name(name) if LOOKS_ONLY.contains(&name.id.as_str()));
                for (index, argument) in call.arguments.args.iter().enumerate() {
                    // The object `setattr` changes is not kept by it.
                    if looks_only || (sets && index == 0) {
                        self.look_at(argument)
                    } else {
                        self.visit_expr(argument)
                    }
                }
                for keyword in &call.arguments.keywords {
                    self.visit_expr(&keyword.value);
                }
                return;
            }
            Expr::Subscript(subscript) => {
                // A key is looked up, not kept; the container may be a class (`Box[int]` keeps it).
                self.visit_expr(&subscript.value);
                self.look_at(&subscript.slice);
                return;
            }
            Expr::Compare(compare) => {
                self.look_at(&compare.left);
                compare.comparators.iter().for_each(|c| self.look_at(c));
                return;
            }
            Expr::Lambda(lambda) => {
                if let Some(parameters) = &lambda.parameters {
                    self.visit_parameters(parameters);
                }
                self.visit_expr(&lambda.body);
                return;
            }
            _ => {}
        }
        visitor::walk_expr(self, expr);
    }
}
