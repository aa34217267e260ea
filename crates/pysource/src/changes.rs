//! What code does to objects' attributes besides what class statements define, read from the
//! syntax tree: which names' objects get attributes set or deleted anywhere in the module, and
//! which attributes each class statement's body writes, by name or through any object.

mod escapes;

use std::collections::{BTreeMap, BTreeSet};

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextSize};

/// The attribute writes of a module that a class's members may not show, found by walking its
/// syntax tree (strings and comments that mention them are not code, and are not counted).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AttributeChanges {
    /// Per name, every line anywhere in the module (top level, any block, function or class
    /// body) that changes the attributes of the object the name refers to, or unbinds the name:
    /// `X.a = v`, `X.a += v`, `X.a: T = v`, `for X.a in ...`, `del X.a`, `del X`, and
    /// `setattr(X, ...)`, `delattr(X, ...)` or `type.__setattr__(X, ...)` with `X` anywhere in
    /// the first argument (in any argument when the first is unpacked). In `m.X.a = v`, `X` counts
    /// too: `m` may be a module that holds `X`. In a method of a top-level class `X` (and the
    /// functions nested in it), `cls` stands for `X` in a classmethod or `__new__` (`cls.a = v`,
    /// `setattr(cls, ...)`), and `type(self)` and `self.__class__` in any other method. A
    /// top-level class also counts as changed at each write that may reach it through another
    /// object (`escapes.rs`): an alias, a container or a parameter it escaped into, `type(x)`,
    /// or a base it names.
    pub changed_objects: BTreeMap<String, BTreeSet<usize>>,
    /// Per top-level class statement (a later statement of the same name replaces an earlier one,
    /// as rebinding the name does), what its body writes, in its methods, nested functions and
    /// classes and any block.
    pub class_writes: BTreeMap<String, ClassBodyWrites>,
}

/// What one class statement's body writes to attributes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClassBodyWrites {
    /// Every attribute the body assigns, through any object (`self.x = v`, `other.x += v`,
    /// `self.x: T`, `for self.x in ...`, `with f() as self.x`, `f().x = v`), in source order.
    pub attributes: Vec<NamedWrite>,
    /// Every line that may set attributes by name, where the lab cannot tell which: a use of
    /// `setattr` or `vars`, of `__dict__` or `__setattr__` (as a name, an attribute, or a method
    /// the class defines).
    pub by_name: BTreeSet<usize>,
}

/// An attribute assigned, and the line of the target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedWrite {
    pub name: String,
    pub line: usize,
}

/// Reads [`AttributeChanges`] from a module's top-level statements.
pub(crate) fn read_attribute_changes(code: &str, body: &[Stmt]) -> AttributeChanges {
    let lines = Lines::new(code);
    let mut changes = AttributeChanges::default();
    for stmt in body {
        let mut walk = Walk { lines: &lines, changes: &mut changes.changed_objects, class: None, method: None };
        match stmt {
            Stmt::ClassDef(class) => {
                for decorator in &class.decorator_list {
                    walk.visit_decorator(decorator);
                }
                if let Some(arguments) = &class.arguments {
                    walk.visit_arguments(arguments);
                }
                let mut writes = ClassBodyWrites::default();
                walk.class = Some(&mut writes);
                for stmt in &class.body {
                    walk.method = match stmt {
                        Stmt::FunctionDef(method) => class_receiver(class.name.id.as_str(), method),
                        _ => None,
                    };
                    walk.visit_stmt(stmt);
                }
                changes.class_writes.insert(class.name.id.to_string(), writes);
            }
            other => walk.visit_stmt(other),
        }
    }
    for (class, lines) in escapes::changes_through_other_names(code, body) {
        changes.changed_objects.entry(class).or_default().extend(lines);
    }
    changes
}

/// Whether `call` sets or deletes an attribute of its first argument by name (`setattr`,
/// `delattr`, `object.__setattr__`, ...).
fn sets_attributes(call: &ast::ExprCall) -> bool {
    matches!(Walk::object_name(&call.func), Some("setattr" | "delattr" | "__setattr__" | "__delattr__"))
}

/// How a method of a top-level class names the class itself.
struct ClassReceiver {
    class: String,
    /// The method's first parameter.
    receiver: String,
    /// The receiver is the class (a classmethod, `__new__`), not an instance of it.
    is_class: bool,
}

fn class_receiver(class: &str, method: &ast::StmtFunctionDef) -> Option<ClassReceiver> {
    let decorators: Vec<&str> = method
        .decorator_list
        .iter()
        .filter_map(|d| match &d.expression {
            Expr::Name(name) => Some(name.id.as_str()),
            Expr::Attribute(attribute) => Some(attribute.attr.id.as_str()),
            _ => None,
        })
        .collect();
    if decorators.contains(&"staticmethod") {
        return None;
    }
    let receiver = method.parameters.posonlyargs.iter().chain(&method.parameters.args).next()?;
    Some(ClassReceiver {
        class: class.to_owned(),
        receiver: receiver.parameter.name.id.to_string(),
        is_class: decorators.contains(&"classmethod")
            || matches!(method.name.id.as_str(), "__new__" | "__init_subclass__" | "__class_getitem__"),
    })
}

/// The line of an offset, 1-based.
struct Lines {
    starts: Vec<TextSize>,
}

impl Lines {
    fn new(code: &str) -> Lines {
        let newlines = code.match_indices('\n').map(|(at, _)| TextSize::try_from(at + 1).unwrap_or(TextSize::new(0)));
        Lines { starts: std::iter::once(TextSize::new(0)).chain(newlines).collect() }
    }

    fn of(&self, node: &impl Ranged) -> usize {
        self.starts.partition_point(|start| *start <= node.start())
    }
}

struct Walk<'w> {
    lines: &'w Lines,
    changes: &'w mut BTreeMap<String, BTreeSet<usize>>,
    /// The writes of the class statement whose body is being walked, if any.
    class: Option<&'w mut ClassBodyWrites>,
    /// The method of that class being walked, if any.
    method: Option<ClassReceiver>,
}

impl Walk<'_> {
    fn changed(&mut self, name: &str, line: usize) {
        self.changes.entry(name.to_owned()).or_default().insert(line);
    }

    fn by_name(&mut self, line: usize) {
        if let Some(class) = &mut self.class {
            class.by_name.insert(line);
        }
    }

    /// The name of the object `expr` may be: `X`, and `X` in `m.X`.
    fn object_name(expr: &Expr) -> Option<&str> {
        match expr {
            Expr::Name(name) => Some(name.id.as_str()),
            Expr::Attribute(attribute) => Some(attribute.attr.id.as_str()),
            _ => None,
        }
    }

    /// The class whose method is being walked, where `expr` stands for it (see
    /// [`AttributeChanges::changed_objects`]).
    fn own_class(&self, expr: &Expr) -> Option<String> {
        let method = self.method.as_ref()?;
        let is_receiver = |e: &Expr| matches!(e, Expr::Name(name) if name.id.as_str() == method.receiver);
        let names_class = match expr {
            _ if method.is_class => is_receiver(expr),
            Expr::Call(call) => {
                matches!(&*call.func, Expr::Name(callee) if callee.id.as_str() == "type")
                    && matches!(call.arguments.args.as_ref(), [only] if is_receiver(only))
                    && call.arguments.keywords.is_empty()
            }
            Expr::Attribute(attribute) => attribute.attr.id.as_str() == "__class__" && is_receiver(&attribute.value),
            _ => false,
        };
        names_class.then(|| method.class.clone())
    }

    /// Every name and attribute name in `expr`, at any depth.
    fn mentioned(expr: &Expr) -> Vec<&str> {
        #[derive(Default)]
        struct Names<'a>(Vec<&'a str>);
        impl<'a> Visitor<'a> for Names<'a> {
            fn visit_expr(&mut self, expr: &'a Expr) {
                match expr {
                    Expr::Name(name) => self.0.push(name.id.as_str()),
                    Expr::Attribute(attribute) => self.0.push(attribute.attr.id.as_str()),
                    _ => {}
                }
                visitor::walk_expr(self, expr);
            }
        }
        let mut names = Names::default();
        names.visit_expr(expr);
        names.0
    }
}

impl<'a> Visitor<'a> for Walk<'_> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            // An annotation without a value sets nothing at runtime, but declares the attribute
            // for a type checker: a write of the class body, not a change of the object.
            Stmt::AnnAssign(ast::StmtAnnAssign { target, annotation, value: None, .. }) => {
                if let (Expr::Attribute(attribute), Some(class)) = (&**target, &mut self.class) {
                    class
                        .attributes
                        .push(NamedWrite { name: attribute.attr.id.to_string(), line: self.lines.of(&**target) });
                }
                if let Expr::Attribute(attribute) = &**target {
                    self.visit_expr(&attribute.value);
                }
                self.visit_annotation(annotation);
                return;
            }
            Stmt::FunctionDef(function) if function.name.id.as_str() == "__setattr__" => {
                self.by_name(self.lines.of(&function.name));
            }
            _ => {}
        }
        visitor::walk_stmt(self, stmt);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        let lines = self.lines;
        let line = || lines.of(expr);
        match expr {
            Expr::Attribute(attribute) => {
                match attribute.ctx {
                    ast::ExprContext::Store => {
                        if let Some(class) = &mut self.class {
                            class.attributes.push(NamedWrite { name: attribute.attr.id.to_string(), line: line() });
                        }
                        if let Some(name) = Self::object_name(&attribute.value) {
                            self.changed(name, line());
                        }
                        if let Some(class) = self.own_class(&attribute.value) {
                            self.changed(&class, line());
                        }
                    }
                    ast::ExprContext::Del => {
                        if let Some(name) = Self::object_name(&attribute.value) {
                            self.changed(name, line());
                        }
                        if let Some(class) = self.own_class(&attribute.value) {
                            self.changed(&class, line());
                        }
                    }
                    _ => {}
                }
                let builtin = matches!(&*attribute.value, Expr::Name(module) if matches!(module.id.as_str(), "builtins" | "__builtins__"));
                match attribute.attr.id.as_str() {
                    "__dict__" | "__setattr__" => self.by_name(line()),
                    "setattr" | "vars" if builtin => self.by_name(line()),
                    _ => {}
                }
            }
            Expr::Name(name) => {
                if name.ctx.is_del() {
                    self.changed(name.id.as_str(), line());
                }
                if matches!(name.id.as_str(), "setattr" | "vars" | "__dict__" | "__setattr__") {
                    self.by_name(line());
                }
            }
            Expr::Call(call) if sets_attributes(call) => {
                let args = &call.arguments.args;
                let objects: Vec<&Expr> = match args.first() {
                    Some(Expr::Starred(_)) => {
                        args.iter().chain(call.arguments.keywords.iter().map(|k| &k.value)).collect()
                    }
                    Some(first) => vec![first],
                    None => call.arguments.keywords.iter().map(|k| &k.value).collect(),
                };
                let line = line();
                for object in objects {
                    if let Some(class) = self.own_class(object) {
                        self.changed(&class, line);
                    }
                    for name in Self::mentioned(object) {
                        self.changed(name, line);
                    }
                }
            }
            _ => {}
        }
        visitor::walk_expr(self, expr);
    }
}

#[cfg(test)]
mod tests {
    use crate::Source;

    /// Each changed name with its first line.
    fn changed(code: &str) -> Vec<(String, usize)> {
        let changes = Source::parse(code).unwrap().attribute_changes().changed_objects;
        changes.into_iter().map(|(name, lines)| (name, *lines.first().unwrap())).collect()
    }

    fn class_writes(code: &str, class: &str) -> (Vec<(String, usize)>, Option<usize>) {
        let changes = Source::parse(code).unwrap().attribute_changes();
        let writes = &changes.class_writes[class];
        (writes.attributes.iter().map(|w| (w.name.clone(), w.line)).collect(), writes.by_name.first().copied())
    }

    fn owned(pairs: &[(&str, usize)]) -> Vec<(String, usize)> {
        pairs.iter().map(|(name, line)| (name.to_string(), *line)).collect()
    }

    #[test]
    fn module_code_that_sets_or_deletes_a_class_s_attributes_is_found_anywhere() {
        let code = "class Greeter:\n    pass\n\
                    if True:\n    Greeter.close = None\n\
                    def patch():\n    Greeter.count += 1\n\
                    del Greeter.open\n\
                    setattr(Other, 'x', Greeter)\n\
                    delattr(m.Third, 'y')\n";
        assert_eq!(changed(code), owned(&[("Greeter", 4), ("Other", 8), ("Third", 9), ("m", 9)]));
        // Greeter escapes into `Other.x` (line 8): the writes through objects the lab cannot name
        // (lines 8 and 9) may reach it too.
        let every_line = Source::parse(code).unwrap().attribute_changes().changed_objects["Greeter"].clone();
        assert_eq!(every_line.into_iter().collect::<Vec<_>>(), [4, 6, 7, 8, 9]);
        assert_eq!(changed("class A:\n    def f(self):\n        A.x: int = 1\n"), owned(&[("A", 3)]));
        assert_eq!(changed("del A\n"), owned(&[("A", 1)]));
        assert_eq!(changed("setattr(*pair, B)\n"), owned(&[("B", 1), ("pair", 1)]));
    }

    #[test]
    fn a_method_changes_its_own_class_through_cls_or_type_of_self() {
        let class_changed =
            |body: &str| changed(&format!("class Counter:\n{body}")).into_iter().find(|(n, _)| n == "Counter");
        let classmethod = "    @classmethod\n    def reset(cls):\n";
        assert_eq!(class_changed(&format!("{classmethod}        cls.count = 0\n")), Some(("Counter".to_owned(), 4)));
        assert_eq!(
            class_changed(&format!("{classmethod}        setattr(cls, 'count', 0)\n")),
            Some(("Counter".to_owned(), 4))
        );
        assert_eq!(class_changed(&format!("{classmethod}        cls.cache[1] = 0\n        cls()\n")), None);
        let method = "    def add(self):\n";
        assert_eq!(class_changed(&format!("{method}        type(self).count += 1\n")), Some(("Counter".to_owned(), 3)));
        assert_eq!(
            class_changed(&format!("{method}        def later():\n            del self.__class__.count\n")),
            Some(("Counter".to_owned(), 4))
        );
        assert_eq!(class_changed(&format!("{method}        self.count = 1\n")), None);
        // `other` may be a Counter: `type(other)` may be any class of the module.
        assert_eq!(class_changed(&format!("{method}        type(other).count = 1\n")), Some(("Counter".to_owned(), 3)));
        assert_eq!(class_changed("    @staticmethod\n    def make(cls):\n        cls.count = 0\n"), None);
    }

    #[test]
    fn a_write_through_another_name_the_class_escaped_into_changes_it() {
        let greeter = |code: &str| {
            changed(&format!("class Greeter:\n    pass\n{code}")).into_iter().find(|(n, _)| n == "Greeter")
        };
        let at = |line: usize| Some(("Greeter".to_owned(), line));
        assert_eq!(greeter("Alias = Greeter\nAlias.close = None\n"), at(4));
        assert_eq!(greeter("registry = [Greeter]\nregistry[0].close = None\n"), at(4));
        assert_eq!(greeter("def patch(c):\n    c.close = None\npatch(Greeter)\n"), at(4));
        assert_eq!(greeter("for c in (Greeter,):\n    setattr(c, 'close', None)\n"), at(4));
        assert_eq!(greeter("g = Greeter()\ntype(g).close = None\n"), at(4));
        assert_eq!(greeter("g = Greeter()\ng.__class__.close = None\n"), at(4));
        assert_eq!(greeter("x = [Greeter]\ny = make()\ny.close = None\n"), at(5));
    }

    #[test]
    fn a_write_to_a_base_the_class_names_changes_it() {
        let code = "import io\nfrom io import StringIO\nclass Buffer(StringIO):\n    pass\nclass Other(io.BytesIO):\n    pass\nStringIO.write = None\nio.BytesIO.read = None\n";
        assert_eq!(changed(code), owned(&[("Buffer", 7), ("BytesIO", 8), ("Other", 8), ("StringIO", 7)]));
    }

    #[test]
    fn writes_that_cannot_reach_a_class_leave_it_unchanged() {
        let greeter = |code: &str| {
            changed(&format!("class Greeter:\n    def __init__(self):\n        self.name = 1\n{code}"))
                .into_iter()
                .find(|(n, _)| n == "Greeter")
        };
        // The class escapes, but every write goes to an instance, a function or a module.
        assert_eq!(greeter("kinds = [Greeter]\ng = Greeter()\ng.close = None\ndef f():\n    pass\nf.tag = 1\nimport os\nos.x = 1\n"), None);
        // Writes the lab cannot name, to a class that never escapes.
        assert_eq!(greeter("def f(obj):\n    obj.close = None\nx = make()\nx[0].y = 1\n"), None);
        // Looked at, called, tested, used as a base, a key or an annotation: not kept.
        let looked = "print(Greeter, isinstance(1, (Greeter, int)))\nif x is Greeter: pass\nclass Sub(Greeter): pass\nd = {}\nd[Greeter].y = 1\nv: Greeter = Greeter()\nGreeter.name\n";
        assert_eq!(greeter(&format!("{looked}def f(obj):\n    obj.close = None\n")), None);
    }

    #[test]
    fn what_only_mentions_a_class_does_not_change_it() {
        assert_eq!(changed("print(Greeter.close)\nx = Greeter.close\n"), owned(&[]));
        assert_eq!(changed("g = Greeter()\ng.close = 1\nGreeter().x = 2\nd[Greeter].y = 3\n"), owned(&[("g", 2)]));
        assert_eq!(changed("# setattr(Greeter, 'x', 1)\ns = 'Greeter.x = 1'\nGreeter.x: int\n"), owned(&[]));
        assert_eq!(changed("del registry[Greeter]\n"), owned(&[]));
    }

    #[test]
    fn a_class_body_s_attribute_writes_are_read_in_methods_blocks_and_nested_functions() {
        let code = "class Greeter:\n    \
                    def open(self, other):\n        \
                        \"\"\"Never self.doc = 1 or setattr(self, 'x', 1).\"\"\"\n        \
                        self.name = 1  # self.comment = 2, setattr(\n        \
                        if other:\n            other.size += 1\n        \
                        def inner():\n            self.level: int = 0\n        \
                        self.a, self.b = 1, 2\n        \
                        x = {self.key: 1}\n";
        let (writes, by_name) = class_writes(code, "Greeter");
        assert_eq!(writes, owned(&[("name", 4), ("size", 6), ("level", 8), ("a", 9), ("b", 9)]));
        assert_eq!(by_name, None);
    }

    #[test]
    fn a_class_body_that_may_set_attributes_by_name_is_found() {
        let by_name = |body: &str| class_writes(&format!("class C:\n{body}"), "C").1;
        assert_eq!(by_name("    def f(self):\n        def g():\n            setattr(self, 'x', 1)\n"), Some(4));
        assert_eq!(by_name("    def f(self):\n        self.__dict__.update(x=1)\n"), Some(3));
        assert_eq!(by_name("    def f(self):\n        vars(self)['x'] = 1\n"), Some(3));
        assert_eq!(by_name("    def __setattr__(self, name, value):\n        pass\n"), Some(2));
        assert_eq!(by_name("    def f(self):\n        object.__setattr__(self, 'x', 1)\n"), Some(3));
        assert_eq!(by_name("    __slots__ = ('size', '__dict__')\n    def f(self):\n        self.vars()\n"), None);
        assert_eq!(by_name("    def f(self):\n        '''setattr(self, name, 1)'''\n        # vars(self)\n"), None);
    }
}
