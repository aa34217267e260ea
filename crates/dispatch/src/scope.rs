//! What a handler's name is at the module's top level when the probe runs, read with Ruff's
//! syntax tree: the model follows a name only when its last binding is a top-level `def` or
//! `class` (or, see [`crate::bound`], one of the few assignments it models), nothing rebinds it
//! in a block that may or may not run, and no statement sets one of its attributes afterwards.
//! A module-level `if` whose condition the lab evaluates ([`crate::conditions`]) is no such
//! block: the statements of the clause that runs are read as top-level ones.
//! It also reads the class statements the model follows, for what may change how a class is
//! called: decorators, a metaclass, class keywords, bases not defined in the code, and
//! `__signature__`.

use std::cell::RefCell;
use std::collections::HashMap;

use ruff_python_ast::visitor::{walk_expr, walk_stmt, Visitor};
use ruff_python_ast::{self as ast, Expr, ModModule, Stmt};
use ruff_python_parser::Parsed;
use ruff_text_size::Ranged;

use crate::conditions::Conditions;
use crate::recognize::{binds, nested_binds};

/// The module's top-level statements, parsed once for the prediction.
pub(crate) struct Scope<'c> {
    code: &'c str,
    parsed: Option<Parsed<ModModule>>,
    /// The top-level statements as CPython runs them, when a module-level `if` is one the lab
    /// evaluates (see [`crate::conditions`]): each replaced by the clause that runs.
    flat: Option<Vec<Stmt>>,
    python_minor: Option<u8>,
    /// Names declared `global` anywhere, with where.
    globals: Vec<(String, usize)>,
    /// The first call of `globals()`, `vars()` or `exec()`, with where.
    dynamic: Option<(usize, String)>,
    /// Where an attribute of a name is set or deleted (`f.x = ...`, `setattr(f, ...)`), at any
    /// depth.
    setters: Vec<(String, usize)>,
    /// Methods set on classes by top-level statements that the model follows (see
    /// [`crate::patches`]): the class statements in `flat` carry them.
    patches: Vec<crate::patches::Patch>,
    /// The first place that may reach the runner's `__main__` module, with what it is.
    main_module: Option<(usize, String)>,
    /// The fields of each dataclass, once read (see `binding::dataclass_fields`).
    pub(crate) dataclass_fields: RefCell<HashMap<String, Vec<crate::dataclass::Field>>>,
}

/// Collects what may rebind top-level names from inside functions.
struct Finder {
    globals: Vec<(String, usize)>,
    dynamic: Option<(usize, String)>,
    setters: Vec<(String, usize)>,
    main_module: Option<(usize, String)>,
}

impl<'a> Visitor<'a> for Finder {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        let at = usize::from(stmt.start());
        let targets: Vec<&Expr> = match stmt {
            Stmt::Global(global) => {
                self.globals.extend(global.names.iter().map(|n| (n.id.to_string(), at)));
                Vec::new()
            }
            Stmt::Assign(assign) => assign.targets.iter().collect(),
            Stmt::AugAssign(assign) => vec![&*assign.target],
            Stmt::AnnAssign(assign) => vec![&*assign.target],
            Stmt::Delete(delete) => delete.targets.iter().collect(),
            Stmt::Import(import) => {
                if import.names.iter().any(|alias| alias.name.id.as_str() == "__main__") {
                    self.reach_main(at, "`import __main__`");
                }
                Vec::new()
            }
            Stmt::ImportFrom(import) => {
                if import.module.as_ref().is_some_and(|m| m.id.as_str() == "__main__") {
                    self.reach_main(at, "`from __main__ import`");
                }
                Vec::new()
            }
            _ => Vec::new(),
        };
        for target in targets {
            if let Expr::Attribute(attribute) = target {
                if let Expr::Name(name) = &*attribute.value {
                    self.setters.push((name.id.to_string(), at));
                }
            }
        }
        walk_stmt(self, stmt);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        let at = usize::from(expr.start());
        match expr {
            Expr::Attribute(attribute) if attribute.attr.id.as_str() == "modules" => {
                self.reach_main(at, "`.modules`");
            }
            Expr::Call(call) if call.arguments.args.iter().any(is_main_string) => {
                self.reach_main(at, "a call with the argument '__main__'");
            }
            _ => {}
        }
        if let Expr::Call(call) = expr {
            if let Expr::Name(func) = &*call.func {
                if self.dynamic.is_none() && matches!(func.id.as_str(), "globals" | "vars" | "exec") {
                    self.dynamic = Some((usize::from(expr.start()), format!("a call of {}()", func.id)));
                }
                if matches!(func.id.as_str(), "setattr" | "delattr") {
                    if let Some(Expr::Name(name)) = call.arguments.args.first() {
                        self.setters.push((name.id.to_string(), usize::from(expr.start())));
                    }
                }
            }
        }
        walk_expr(self, expr);
    }
}

impl Finder {
    fn reach_main(&mut self, at: usize, what: &str) {
        if self.main_module.is_none() {
            self.main_module = Some((at, what.to_string()));
        }
    }
}

fn is_main_string(expr: &Expr) -> bool {
    matches!(expr, Expr::StringLiteral(s) if s.value.to_str() == "__main__")
}

/// The last top-level statement binding a name, when it is one the model reads.
pub(crate) enum Binding<'s> {
    Function(&'s ast::StmtFunctionDef),
    Class(&'s ast::StmtClassDef),
    /// `name = value` (one target, a plain name).
    Assign {
        stmt: &'s Stmt,
        value: &'s Expr,
    },
}

impl<'c> Scope<'c> {
    /// The scope with no Python version chosen (for the tests of code that has no version
    /// comparison).
    #[cfg(test)]
    pub(crate) fn new(code: &'c str) -> Scope<'c> {
        Scope::for_python(code, None)
    }

    /// The scope as CPython 3.`python_minor` runs the module's top-level statements.
    pub(crate) fn for_python(code: &'c str, python_minor: Option<u8>) -> Scope<'c> {
        let parsed = ruff_python_parser::parse_module(code).ok();
        let mut finder = Finder { globals: Vec::new(), dynamic: None, setters: Vec::new(), main_module: None };
        for stmt in parsed.iter().flat_map(|p| p.syntax().body.iter()) {
            finder.visit_stmt(stmt);
        }
        let flat = parsed.as_ref().and_then(|parsed| {
            let rebound_unseen = |name: &str| finder.dynamic.is_some() || finder.globals.iter().any(|(n, _)| n == name);
            Conditions { raw: &parsed.syntax().body, python_minor, rebound_unseen: &rebound_unseen, enclosing: None }
                .flatten()
        });
        let as_run = flat.as_deref().or(parsed.as_ref().map(|p| &p.syntax().body[..])).unwrap_or_default();
        let (flat, patches) = match crate::patches::apply(as_run) {
            Some((patched, patches)) => (Some(patched), patches),
            None => (flat, Vec::new()),
        };
        if let Some(flat) = &flat {
            // A clause that does not run changes nothing: only the statements that run are read.
            finder = Finder { globals: Vec::new(), dynamic: None, setters: Vec::new(), main_module: None };
            for stmt in flat {
                finder.visit_stmt(stmt);
            }
        }
        Scope {
            code,
            parsed,
            flat,
            python_minor,
            globals: finder.globals,
            dynamic: finder.dynamic,
            setters: finder.setters,
            patches,
            main_module: finder.main_module,
            dataclass_fields: RefCell::default(),
        }
    }

    /// The top-level statements as they run: a module-level `if` the lab evaluates is replaced
    /// by the statements of the clause that runs.
    pub(crate) fn body(&self) -> &[Stmt] {
        match &self.flat {
            Some(flat) => flat,
            None => self.parsed.as_ref().map(|p| &p.syntax().body[..]).unwrap_or_default(),
        }
    }

    /// The classes and functions of the module as they run: those of the clause a module-level
    /// `if` runs count as top-level ones.
    pub(crate) fn module<'m>(&self, code: &'m lab::Code) -> std::borrow::Cow<'m, pysource::Module> {
        match &self.flat {
            Some(flat) => std::borrow::Cow::Owned(code.source().module_of(flat)),
            None => std::borrow::Cow::Borrowed(code.module()),
        }
    }

    pub(crate) fn line(&self, node: &impl Ranged) -> usize {
        self.code[..usize::from(node.start())].matches('\n').count() + 1
    }

    pub(crate) fn code(&self) -> &'c str {
        self.code
    }

    pub(crate) fn text(&self, node: &impl Ranged) -> &'c str {
        &self.code[node.range()]
    }

    /// The module's top-level statements as written, every clause of every `if` included.
    pub(crate) fn raw_body(&self) -> &[Stmt] {
        self.parsed.as_ref().map(|p| &p.syntax().body[..]).unwrap_or_default()
    }

    /// `text` on one line, shortened for a message.
    pub(crate) fn quote(&self, node: &impl Ranged) -> String {
        let text = self.text(node);
        let first = text.lines().next().unwrap_or_default();
        let short: String = first.chars().take(60).collect();
        if short.len() < text.len() {
            format!("`{short}…`")
        } else {
            format!("`{short}`")
        }
    }

    /// A refusal when code anywhere (a function body too) may rebind `name` at the top level
    /// in ways the statements do not show: `global name`, or a call of `globals()`, `vars()` or
    /// `exec(...)`.
    fn rebinder(&self, name: &str) -> Option<String> {
        let (at, what) = match &self.dynamic {
            Some((at, what)) => (*at, what.clone()),
            None => (*self.globals.iter().find(|(n, _)| n == name).map(|(_, at)| at)?, format!("`global {name}`")),
        };
        let line = self.code[..at].matches('\n').count() + 1;
        Some(format!(
            "line {line} has {what}, which may rebind {name} where the lab does not look; the lab does not follow it"
        ))
    }

    /// What the module's conditions may read, for an `if` left in the body as it runs.
    fn with_conditions<T>(&self, read: impl FnOnce(&Conditions) -> T) -> T {
        let rebound_unseen = |n: &str| self.rebinder(n).is_some();
        read(&Conditions {
            raw: self.raw_body(),
            python_minor: self.python_minor,
            rebound_unseen: &rebound_unseen,
            enclosing: None,
        })
    }

    /// What `name` is bound to when the probe runs: None when nothing binds it at the top level;
    /// a refusal, with the statement's line, when what binds it is not one the model follows.
    pub(crate) fn binding(&self, name: &str) -> Result<Option<Binding<'_>>, String> {
        let body = self.body();
        if let Some(why) = self.rebinder(name) {
            return Err(why);
        }
        if let Some(block) = body.iter().find(|s| nested_binds(s, name)) {
            if let Stmt::If(if_stmt) = block {
                if let Err(condition) = self.with_conditions(|c| c.taken(if_stmt)) {
                    return Err(format!(
                        "{name} is bound inside the `if` at line {}, whose condition {} the lab does not evaluate (it evaluates True, False, TYPE_CHECKING, __name__, __debug__, len() of a literal, comparisons of sys.version_info and names bound once before to a literal); the lab follows only top-level bindings",
                        self.line(block),
                        self.quote(condition)
                    ));
                }
            }
            return Err(format!(
                "{name} is bound inside the block at line {}, which may or may not run; the lab follows only top-level bindings",
                self.line(block)
            ));
        }
        let Some(index) = body.iter().rposition(|s| binds(s, name)) else { return Ok(None) };
        let stmt = &body[index];
        // A function's one `__signature__` assignment is read by `crate::signatures`.
        let signature_set = self.signature_assignment(name).map(|assign| assign.start());
        let followed = |at: usize| self.patches.iter().any(|p| p.at == at);
        let setters =
            body[index..].iter().filter(|s| Some(s.start()) != signature_set && !followed(usize::from(s.start())));
        if let Some(setter) = setters.filter_map(|s| self.sets_attribute(s, name)).next() {
            return Err(setter);
        }
        // Set elsewhere than by a top-level statement before the binding: in a function, a class
        // body or a block, which may run after it.
        let read_elsewhere = |at: &usize| signature_set.is_some_and(|start| usize::from(start) == *at) || followed(*at);
        for (_, at) in self.setters.iter().filter(|(n, at)| n == name && !read_elsewhere(at)) {
            let harmless = body[..index].iter().any(|s| {
                usize::from(s.start()) == *at
                    || (matches!(s, Stmt::Expr(_))
                        && s.range().contains(ruff_text_size::TextSize::try_from(*at).unwrap_or_default()))
            });
            if !harmless {
                let line = self.code[..*at].matches('\n').count() + 1;
                return Err(format!(
                    "line {line} changes an attribute of {name} inside a function, a class or a block, which may change how it is called; the lab does not follow it"
                ));
            }
        }
        match stmt {
            Stmt::FunctionDef(def) if def.name.id.as_str() == name => Ok(Some(Binding::Function(def))),
            Stmt::ClassDef(class) if class.name.id.as_str() == name => Ok(Some(Binding::Class(class))),
            Stmt::Assign(assign) if matches!(assign.targets.as_slice(), [Expr::Name(n)] if n.id.as_str() == name) => {
                Ok(Some(Binding::Assign { stmt, value: &assign.value }))
            }
            other => Err(format!(
                "{name} is bound at line {} by {}, which the lab does not follow",
                self.line(other),
                self.quote(other)
            )),
        }
    }

    /// The `__qualname__` of the function `class.attribute` finds in the class's own `__dict__`:
    /// the one a followed patch set there, else the `def` in the class body.
    pub(crate) fn qualname(&self, class: &str, attribute: &str) -> String {
        match self.patches.iter().rev().find(|p| p.class == class && p.attribute == attribute) {
            Some(patch) => patch.qualname.clone(),
            None => format!("{class}.{attribute}"),
        }
    }

    /// The top-level `name.__signature__ = value` after the function statement that last binds
    /// `name`, when it is the only statement after it that changes an attribute of `name`.
    pub(crate) fn signature_assignment(&self, name: &str) -> Option<&ast::StmtAssign> {
        let body = self.body();
        let index = body.iter().rposition(|s| binds(s, name))?;
        if !matches!(&body[index], Stmt::FunctionDef(def) if def.name.id.as_str() == name) {
            return None;
        }
        let mut setters = body[index..].iter().filter(|s| self.sets_attribute(s, name).is_some());
        let (Some(Stmt::Assign(assign)), None) = (setters.next(), setters.next()) else { return None };
        let [Expr::Attribute(target)] = assign.targets.as_slice() else { return None };
        (target.attr.id.as_str() == "__signature__").then_some(assign)
    }

    /// `name` is bound by exactly one top-level statement and in no block: what it names when
    /// another statement uses it is that statement's, whenever it runs.
    pub(crate) fn bound_once(&self, name: &str) -> bool {
        let body = self.body();
        self.rebinder(name).is_none()
            && !body.iter().any(|s| nested_binds(s, name))
            && body.iter().filter(|s| binds(s, name)).count() == 1
    }

    /// What the top-level `import` that last binds `name` imports: `(module, Some(name))` for
    /// `from module import name [as alias]`, `(module, None)` for `import module`. None when the
    /// name is bound otherwise, in a block, or not at all.
    pub(crate) fn imported(&self, name: &str) -> Option<(String, Option<String>)> {
        if !self.bound_once(name) {
            return None;
        }
        match self.body().iter().find(|s| binds(s, name))? {
            Stmt::ImportFrom(import) if import.level == 0 => {
                let module = import.module.as_ref()?.id.to_string();
                let alias =
                    import.names.iter().rev().find(|a| a.asname.as_ref().unwrap_or(&a.name).id.as_str() == name)?;
                (alias.name.id.as_str() != "*").then(|| (module, Some(alias.name.id.to_string())))
            }
            Stmt::Import(import) => {
                let alias =
                    import.names.iter().rev().find(|a| a.asname.as_ref().unwrap_or(&a.name).id.as_str() == name)?;
                // `import a.b` binds `a`, to the package: only a plain `import module` is read.
                (alias.asname.is_some() || !alias.name.id.as_str().contains('.'))
                    .then(|| (alias.name.id.to_string(), None))
            }
            _ => None,
        }
    }

    /// Where and how the code may reach the runner's `__main__` module (`import __main__`,
    /// `sys.modules`, `__import__('__main__')`), in which `dataclasses` looks up the names of
    /// string annotations: `line N has ...`.
    pub(crate) fn reaches_main_module(&self) -> Option<String> {
        let (at, what) = self.main_module.as_ref()?;
        Some(format!("line {} has {what}", self.code[..*at].matches('\n').count() + 1))
    }

    /// The code has `from __future__ import annotations`: every annotation is a string.
    pub(crate) fn future_annotations(&self) -> bool {
        self.body().iter().any(|s| {
            matches!(s, Stmt::ImportFrom(import) if import.module.as_ref().is_some_and(|m| m.id.as_str() == "__future__")
                && import.names.iter().any(|a| a.name.id.as_str() == "annotations"))
        })
    }

    /// `expr` names `module.attribute`: `attribute` imported from `module`, or `module.attribute`
    /// with `module` imported.
    pub(crate) fn refers_to(&self, expr: &Expr, module: &str, attribute: &str) -> bool {
        match expr {
            Expr::Name(name) => {
                self.imported(name.id.as_str()) == Some((module.to_string(), Some(attribute.to_string())))
            }
            Expr::Attribute(attr) => {
                attr.attr.id.as_str() == attribute
                    && matches!(&*attr.value, Expr::Name(m) if self.imported(m.id.as_str()) == Some((module.to_string(), None)))
            }
            _ => false,
        }
    }

    /// A refusal when `stmt` sets or deletes an attribute of `name` (`f.__signature__ = ...`,
    /// `C.__init__ = ...`, `setattr(C, ...)`), which may change how it is called.
    fn sets_attribute(&self, stmt: &Stmt, name: &str) -> Option<String> {
        let on_name = |expr: &Expr| matches!(expr, Expr::Attribute(a) if matches!(&*a.value, Expr::Name(n) if n.id.as_str() == name));
        let targets: Vec<&Expr> = match stmt {
            Stmt::Assign(assign) => assign.targets.iter().collect(),
            Stmt::AugAssign(assign) => vec![&*assign.target],
            Stmt::AnnAssign(assign) => vec![&*assign.target],
            Stmt::Delete(delete) => delete.targets.iter().collect(),
            Stmt::Expr(expr) => match &*expr.value {
                Expr::Call(call)
                    if matches!(&*call.func, Expr::Name(f) if matches!(f.id.as_str(), "setattr" | "delattr"))
                        && matches!(call.arguments.args.first(), Some(Expr::Name(n)) if n.id.as_str() == name) =>
                {
                    return Some(self.attribute_refusal(stmt, name));
                }
                _ => Vec::new(),
            },
            _ => Vec::new(),
        };
        targets.into_iter().any(on_name).then(|| self.attribute_refusal(stmt, name))
    }

    fn attribute_refusal(&self, stmt: &Stmt, name: &str) -> String {
        format!(
            "line {} changes an attribute of {name} ({}), which may change how it is called; the lab does not follow it",
            self.line(stmt),
            self.quote(stmt)
        )
    }

    /// A refusal when the class statement has something the model does not follow in how the
    /// class is called or its attributes are found: a decorator not in `followed`, a
    /// metaclass or other class keyword, type parameters, a base that is not a class defined in
    /// the code, a `__signature__` (but the one `signature_read` says the caller reads) or
    /// `__init_subclass__` in its body.
    pub(crate) fn class_refusal(
        &self,
        class: &ast::StmtClassDef,
        followed: impl Fn(&Expr) -> bool,
        is_defined: impl Fn(&str) -> bool,
        signature_read: bool,
    ) -> Option<String> {
        let name = class.name.id.as_str();
        if let Some(decorator) = class.decorator_list.iter().find(|d| !followed(&d.expression)) {
            return Some(format!(
                "{name} is decorated with @{} (line {}), which may replace the class or what calling it does; the lab does not follow class decorators",
                self.text(&decorator.expression),
                self.line(decorator)
            ));
        }
        if class.type_params.is_some() {
            return Some(format!(
                "{name} has type parameters (line {}), which the lab does not follow",
                self.line(class)
            ));
        }
        if let Some(arguments) = &class.arguments {
            if let Some(keyword) = arguments.keywords.first() {
                let what = match &keyword.arg {
                    Some(arg) if arg.id.as_str() == "metaclass" => format!(
                        "has the metaclass {} (line {}): calling the class runs the metaclass's __call__ first, and inspect.signature reports the parameters of a __call__ of the code while its body decides what reaches __new__ and __init__",
                        self.text(&keyword.value),
                        self.line(keyword)
                    ),
                    _ => format!("has the class keyword {} (line {})", self.quote(keyword), self.line(keyword)),
                };
                return Some(format!("{name} {what}, which the lab does not follow"));
            }
            for base in arguments.args.iter() {
                let defined = matches!(base, Expr::Name(n) if n.id.as_str() == "object" || is_defined(n.id.as_str()));
                if !defined {
                    return Some(format!(
                        "{name}'s base {} (line {}) is not a class defined in the code: the __init__, __new__ and signature it brings are not followed",
                        self.quote(base),
                        self.line(base)
                    ));
                }
            }
        }
        for stmt in &class.body {
            if let Stmt::If(if_stmt) = stmt {
                // An `if` whose condition the lab evaluates is gone from the body as it runs.
                if let Err(condition) = self.with_conditions(|c| c.taken_in_class(class, if_stmt)) {
                    return Some(format!(
                        "{name}'s body has an `if` at line {}, whose condition {} the lab does not evaluate (it evaluates True, False, TYPE_CHECKING, __name__, __debug__, len() of a literal, comparisons of sys.version_info and names bound once before to a literal), and it may define the class's members",
                        self.line(stmt),
                        self.quote(condition)
                    ));
                }
            }
            if matches!(
                stmt,
                Stmt::If(_) | Stmt::For(_) | Stmt::While(_) | Stmt::With(_) | Stmt::Try(_) | Stmt::Match(_)
            ) {
                return Some(format!(
                    "{name}'s body has a block at line {}, which may define its members; the lab does not follow it",
                    self.line(stmt)
                ));
            }
            if binds(stmt, "__init_subclass__") || nested_binds(stmt, "__init_subclass__") {
                return Some(format!(
                    "{name} defines __init_subclass__ (line {}), which may change its subclasses; the lab does not follow it",
                    self.line(stmt)
                ));
            }
            let read = signature_read
                && crate::signatures::class_assignment(class).is_some_and(|assign| assign.start() == stmt.start());
            if !read && (binds(stmt, "__signature__") || nested_binds(stmt, "__signature__")) {
                return Some(format!(
                    "{name} sets __signature__ (line {}), which inspect.signature reports instead of __init__'s; the lab does not follow it",
                    self.line(stmt)
                ));
            }
        }
        None
    }
}
