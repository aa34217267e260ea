//! Decorated `def` statements, as CPython runs them: the decorator expressions are evaluated
//! first to last, then the function is made, then each decorator is called with what the one
//! below it returned, the nearest to the `def` first, and the name is bound to the last result.
//! A decorator is one of the program's functions (or a closure, or a bound method), which runs
//! like any call, `atexit.register`, which registers the function and returns it, or
//! `functools.wraps(wrapped)`, which gives the wrapper a `__wrapped__` reference to `wrapped`
//! (in the function's `__dict__`, which it lets go of before its closure) and the wrapped
//! function's names. Anything else is declined, by its text. A method of a class is decorated
//! as the class statement runs; the class holds the wrapper its decorators made, which a call
//! through an instance runs with the instance first. The builtins a class body names to make
//! its methods (`property`, `staticmethod`, `classmethod`) are read by name, where the program
//! does not bind that name itself.

use pysource::{Class, Expression, MemberKind, Statement, StatementKind};

use crate::world::{referents, ExitHandler, Val};

use super::properties::is_property_call;
use super::{is_container_method, Frame, Outcome, Run, Stop};

/// A decorator, evaluated.
enum Decorator {
    /// A callable of the program's, called with the function.
    Call(Val),
    /// `atexit.register`.
    AtexitRegister,
    /// `functools.wraps(wrapped)`: the partial it returns holds `wrapped`.
    Wraps(Val),
    /// `contextlib.contextmanager`, at module level.
    ContextManager,
}

impl Run<'_> {
    /// Declines the class statement of `class` where its body decorates a method with
    /// `property`, `staticmethod` or `classmethod` (or calls `property()`) and the program binds
    /// that name itself, at module level or in the class body: the model reads it as the builtin.
    pub(super) fn builtin_decorators_not_rebound(&self, class: &Class) -> Outcome<()> {
        for name in ["property", "staticmethod", "classmethod"] {
            let used = class.members.iter().any(|member| match &member.kind {
                MemberKind::Method(function) | MemberKind::Property { getter: function, .. } => {
                    function.decorators.iter().any(|d| d == name)
                }
                MemberKind::Attribute(attribute) => name == "property" && is_property_call(attribute),
            });
            if used && (self.binds(name, None) || class.members.iter().any(|m| m.name == name)) {
                return Err(not_modelled!(
                    "`{name}` in the class body of `{}`, where the program binds that name itself, is not modelled",
                    class.name
                ));
            }
        }
        Ok(())
    }

    /// A `def` of `name` with `decorators`, at module level (`frame` None) or in a function.
    pub(super) fn decorated_definition(&mut self, name: &str, decorators: &[Expression], frame: Frame) -> Outcome<()> {
        self.with_temporaries(|run| {
            let mut evaluated = Vec::new();
            for decorator in decorators {
                evaluated.push(run.decorator(decorator, frame)?);
            }
            let mut function = match frame {
                None => Val::Func(name.to_owned()),
                Some(_) => run.make_closure(name, frame)?,
            };
            for (decorator, text) in evaluated.iter().zip(decorators).rev() {
                function = run.apply_decorator(decorator, function, text)?;
            }
            // The name is bound only now: a decorator that reads it is declined.
            if frame.is_none() {
                run.defined.push(name.to_owned());
            }
            run.assign(&Expression::Name { id: name.to_owned() }, function.clone(), frame)?;
            run.drop_temporary(&function)
        })
    }

    fn decorator(&mut self, decorator: &Expression, frame: Frame) -> Outcome<Decorator> {
        if frame.is_none() && self.is_contextmanager(decorator) {
            return Ok(Decorator::ContextManager);
        }
        if self.imported_name(decorator, frame).as_deref() == Some("atexit.register") {
            return Ok(Decorator::AtexitRegister);
        }
        if let Expression::Call { func, args, keywords } = decorator {
            if self.imported_name(func, frame).as_deref() == Some("functools.wraps") {
                let [wrapped] = args.as_slice() else {
                    return Err("functools.wraps with other than one argument is not modelled".into());
                };
                if !keywords.is_empty() {
                    return Err("functools.wraps with keyword arguments is not modelled".into());
                }
                return Ok(Decorator::Wraps(self.eval(wrapped, frame)?));
            }
        }
        Ok(Decorator::Call(self.eval(decorator, frame)?))
    }

    /// Calls one decorator with `function` (a temporary), and returns what it returned, a
    /// temporary too.
    fn apply_decorator(&mut self, decorator: &Decorator, function: Val, text: &Expression) -> Outcome<Val> {
        match decorator {
            Decorator::AtexitRegister => {
                self.events.push(format!("atexit will call {}", self.describe(&function)));
                self.world.atexit.push(ExitHandler::Call(function.clone(), Vec::new()));
                Ok(function)
            }
            Decorator::ContextManager => self.contextmanager_helper(&function),
            Decorator::Wraps(wrapped) => {
                let Some(wrapper) = self.closure_of(&function).and(referents(&function)) else {
                    return Err(not_modelled!("functools.wraps on {} is not modelled", self.describe(&function)));
                };
                let attrs = &mut self.world.objs[wrapper].attrs;
                if attrs.iter().any(|(attr, _)| attr == "__wrapped__") {
                    return Err("functools.wraps on a function it wrapped already is not modelled".into());
                }
                // The function lets go of its defaults, then its `__dict__`, then its closure.
                let at = attrs.iter().take_while(|(attr, _)| attr == "__defaults__").count();
                attrs.insert(at, ("__wrapped__".to_owned(), wrapped.clone()));
                Ok(function)
            }
            Decorator::Call(callable) => {
                let python_code = match callable {
                    Val::Func(_) => true,
                    Val::Bound(_, qualname) => !is_container_method(qualname),
                    other => self.closure_of(other).is_some(),
                };
                if !python_code {
                    let shown = text.dotted().unwrap_or_else(|| "this".to_owned());
                    return Err(not_modelled!("the decorator `{shown}` is not modelled"));
                }
                // The decorator's frame takes over the function (and the decorator, `self`).
                self.unhold(&function);
                self.unhold(callable);
                match callable {
                    Val::Func(name) => self.run_body_with(name, vec![function], Vec::new()),
                    Val::Bound(obj, qualname) => {
                        self.run_body_with(qualname, vec![Val::Obj(*obj), function], Vec::new())
                    }
                    closure => self.call_closure(closure, vec![function], Vec::new()),
                }
            }
        }
    }

    /// A method of the module class's body decorated by the program's own decorators (`@logged`
    /// over `def open(self)`), run as the class statement runs: the decorators' expressions
    /// first to last, then each called with what the one below returned. The class then holds
    /// what the last returned as the method's name: the function itself, or a function object
    /// (a wrapper), with what its closure holds, until the interpreter's last collection (as
    /// it holds a class attribute's container, `class_containers.rs`).
    pub(super) fn decorated_method(&mut self, qualname: &str, texts: &[String]) -> Outcome<()> {
        let declined = |text: &String, why: &str| {
            Stop::NotModelled(format!("the method `{qualname}` decorated with `{text}`{why} is not modelled"))
        };
        let Some(first) = texts.first() else { return Ok(()) };
        if self.bodies.iter().filter(|b| b.qualname == qualname).count() > 1 {
            return Err(declined(first, ", defined more than once,"));
        }
        let mut decorators = Vec::new();
        for text in texts {
            match pysource::statements(text).as_deref() {
                Ok([Statement { kind: StatementKind::Expr { value }, .. }]) => decorators.push(value.clone()),
                _ => return Err(declined(text, "")),
            }
        }
        let function = self.with_temporaries(|run| {
            let mut evaluated = Vec::new();
            for (decorator, text) in decorators.iter().zip(texts) {
                match run.decorator(decorator, None)? {
                    call @ Decorator::Call(_) => evaluated.push(call),
                    _ => return Err(declined(text, "")),
                }
            }
            let mut function = Val::Func(qualname.to_owned());
            for (decorator, text) in evaluated.iter().zip(&decorators).rev() {
                function = run.apply_decorator(decorator, function, text)?;
            }
            if function != Val::Func(qualname.to_owned()) && run.closure_of(&function).is_none() {
                let why = format!(", which made {} (only a function object is followed),", run.describe(&function));
                return Err(declined(&texts.join(" "), &why));
            }
            run.world.class_members.push((qualname.to_owned(), function.clone()));
            run.drop_temporary(&function)?;
            Ok(function)
        })?;
        if function == Val::Func(qualname.to_owned()) {
            // The method itself, which the model calls by its name.
            self.world.class_members.retain(|(member, _)| member != qualname);
        }
        Ok(())
    }

    /// What a decorated method's name is bound to in its class, where `base.attr` reaches it:
    /// `base` an instance of the program's classes without an attribute of its own by that name.
    pub(super) fn decorated_member(&self, base: &Val, attr: &str) -> Option<Val> {
        let Val::Obj(obj) = base else { return None };
        let object = &self.world.objs[*obj];
        if object.items.is_some() || object.exception.is_some() || object.attrs.iter().any(|(n, _)| n == attr) {
            return None;
        }
        let class = self.module.class(&object.class)?;
        let member = self.module.members_of(class).into_iter().find(|m| m.member.name == attr)?;
        if matches!(member.member.kind, pysource::MemberKind::Attribute(_)) {
            return None;
        }
        let qualname = format!("{}.{attr}", member.owner.name);
        self.world.class_members.iter().find(|(q, _)| *q == qualname).map(|(_, v)| v.clone())
    }

    /// The `__name__` of a function of the program's: the last part of its qualified name, or
    /// for a wrapper `functools.wraps` renamed, the name of the function it wraps. None for a
    /// lambda.
    pub(super) fn function_name(&self, function: &Val) -> Option<String> {
        let qualname = match function {
            Val::Func(qualname) => qualname.clone(),
            wrapper if self.renamed_by_wraps(Some(wrapper)) => {
                let obj = referents(wrapper)?;
                let (_, wrapped) = self.world.objs[obj].attrs.iter().find(|(attr, _)| attr == "__wrapped__")?;
                return self.function_name(wrapped);
            }
            other => self.closure_of(other)?.0,
        };
        let name = qualname.rsplit('.').next()?;
        (!name.contains(['<', '#'])).then(|| name.to_owned())
    }

    /// A function `functools.wraps` renamed after the function it wraps: CPython's messages
    /// and its `__qualname__` name that one, which the model does not keep.
    pub(super) fn renamed_by_wraps(&self, function: Option<&Val>) -> bool {
        function
            .and_then(referents)
            .is_some_and(|f| self.world.objs[f].attrs.iter().any(|(attr, _)| attr == "__wrapped__"))
    }
}
