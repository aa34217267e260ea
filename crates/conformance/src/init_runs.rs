//! What `C()` sets on the instance, found by running the `__init__` that runs (and what it calls)
//! on the values the lab knows: literals, the module's constants, the arguments each call passes
//! (a default where none is passed), and what the body computes from them (`not`, comparisons, `and`/`or`, integer
//! arithmetic). It follows `self.method(...)` to the method the instance's class resolves,
//! `super().__init__(...)` (or `super().method(...)`) to the next class of the instance's MRO,
//! and `Base.__init__(self, ...)` to the `__init__` `Base` resolves, whichever ancestor that
//! is; `Class(...)` of the module makes another instance, which its own run follows (as it does
//! `Base.__init__(other, ...)`), leaving this one as it is; an `if` runs the clause its test picks, and `return` ends a call.
//! A `for` over a tuple or list display, or a tuple the run holds, runs its body per item (with
//! `break`, `continue` and `else`). The builtin `setattr(self, name, value)` sets what
//! `self.name = value` would, where the name is a str the run knows (a literal, a default, a
//! module constant, a loop variable over literals) and no class of the instance takes the write
//! over (`__setattr__`, `__slots__`, a descriptor of that name).
//! A `raise` of a builtin exception class (or one of the code's that adds nothing to it), bare or
//! with one str it knows (a literal, a local, a default, or an f-string of strs and ints), and an
//! `assert` whose test is false end the construction with the exception ([`Raised`]), whose last
//! traceback line the lab writes as CPython does; a true `assert` goes on. So does setting a name
//! no `__slots__` lists on an instance without a `__dict__` (`slots::refused_write`). Anything that may run
//! code the lab does not follow (another call, an operator on a value it does not know, a `while`,
//! a `for` over anything else, a `setattr` whose name it does not know,
//! a `try`, a base from elsewhere, ...) or whose outcome it cannot tell (an `if` on a value it
//! does not know) is an error naming it and its line, which the runtime verdicts decline with.

use std::collections::HashMap;

use pysource::{
    Class, Expression, FStringPart, FunctionBody, Literal, MemberKind, Module, ModuleConstant, Statement, StatementKind,
};

use crate::values::MethodBodies;

/// A value the run holds.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    Literal(Literal),
    Tuple(Vec<Value>),
    /// The instance being made.
    Instance,
    /// Another instance of a class of the module (named), made while making this one.
    Other(String),
    /// An object other than None the lab does not know more of (a list display, ...).
    Object,
    /// Any value, None or not (a default the lab does not evaluate).
    Unknown,
}

impl Value {
    /// Python's truth of the value, where the lab knows it.
    fn truth(&self) -> Option<bool> {
        match self {
            Value::Literal(literal) => Some(literal.truth()),
            Value::Tuple(items) => Some(!items.is_empty()),
            Value::Instance => Some(true),
            // Another instance's truth may be its class's `__bool__` or `__len__`.
            Value::Other(_) | Value::Object | Value::Unknown => None,
        }
    }
}

/// The attributes `C()` sets on the instance and their last values.
pub(crate) type InstanceAttributes = HashMap<String, Value>;

/// The builtin exception classes a `raise` may name: each an `Exception` (which the probe
/// catches) whose message with one str argument is that str (KeyError's is its repr).
const BUILTIN_EXCEPTIONS: &[&str] = &[
    "Exception",
    "ArithmeticError",
    "AssertionError",
    "AttributeError",
    "EOFError",
    "IndexError",
    "KeyError",
    "LookupError",
    "NameError",
    "NotImplementedError",
    "OverflowError",
    "RecursionError",
    "RuntimeError",
    "TypeError",
    "ValueError",
    "ZeroDivisionError",
];

/// An exception that making the instance surely raises.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Raised {
    /// The last line of its traceback, as `traceback.format_exception_only` writes it
    /// (`ValueError: count`, `KeyError: 'k'`, `AssertionError`).
    pub error: String,
    /// Its class where the code defines it (CPython looks its name up when the module runs).
    pub code_class: Option<String>,
    /// The method and line that raise it.
    pub qualname: String,
    pub line: usize,
}

/// Why a construction stops: code the lab does not follow (what and where), or an exception.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Stop {
    Unfollowed(String),
    Raised(Raised),
}

impl Stop {
    /// The stop at a statement of `qualname` at `line`: what it does not follow, or an exception
    /// an operation raises, placed there unless a call from it placed it in its own method.
    fn at(self, qualname: &str, line: usize) -> Stop {
        match self {
            Stop::Unfollowed(what) if !what.contains(" at line ") => {
                Stop::Unfollowed(format!("{qualname} {what} at line {line}"))
            }
            Stop::Raised(raised) if raised.qualname.is_empty() => {
                Stop::Raised(Raised { qualname: qualname.to_owned(), line, ..raised })
            }
            stop => stop,
        }
    }
}

impl From<String> for Stop {
    fn from(what: String) -> Stop {
        Stop::Unfollowed(what)
    }
}

impl From<&str> for Stop {
    fn from(what: &str) -> Stop {
        Stop::Unfollowed(what.to_owned())
    }
}

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stop::Unfollowed(what) => f.write_str(what),
            Stop::Raised(raised) => write!(f, "{} raises {} at line {}", raised.qualname, raised.error, raised.line),
        }
    }
}

/// How deep calls may nest, and how many a construction may make in all, before the lab stops
/// following them (a body calling several helpers that call several more grows fast).
const MAX_CALLS: usize = 16;
const MAX_TOTAL_CALLS: usize = 256;

/// How many times a construction may run the body of a `for` in all (loops nested in loops
/// multiply).
const MAX_ITERATIONS: usize = 1024;

/// Why a construction stops where calls nest deeper than [`MAX_CALLS`]: CPython may recurse
/// until it raises RecursionError.
const TOO_DEEP: &str = "calls deep, as in a recursion";

/// Whether the lab stopped following a construction (`why`) as its calls nest too deep, where
/// making the instance may raise RecursionError.
pub(crate) fn too_deep(why: &str) -> bool {
    why.contains(TOO_DEEP)
}

/// What `class()` sets on the instance, or the exception it raises, or why the lab cannot tell.
/// `methods` are the bodies of the classes' methods and the module's constants; `dataclasses`
/// are the classes `@dataclass` made, whose `__init__` it generates, and `frozen` those of them
/// made with `frozen=True`, whose `__setattr__` raises FrozenInstanceError.
pub(crate) fn construct(
    module: &Module,
    methods: &MethodBodies,
    dataclasses: &dyn Fn(&str) -> bool,
    frozen: &dyn Fn(&str) -> bool,
    class: &Class,
    python_minor: u8,
) -> Result<InstanceAttributes, Stop> {
    let constants = methods.constants();
    let mut run = Run {
        module,
        methods,
        dataclasses,
        frozen,
        constants,
        mro: Vec::new(),
        attributes: HashMap::new(),
        calls: 0,
        total_calls: 0,
        iterations: 0,
        python_minor,
    };
    run.make(class, Vec::new(), Vec::new())?;
    Ok(run.attributes)
}

struct Run<'m> {
    module: &'m Module,
    methods: &'m MethodBodies,
    dataclasses: &'m dyn Fn(&str) -> bool,
    frozen: &'m dyn Fn(&str) -> bool,
    constants: &'m [ModuleConstant],
    /// The MRO of the class being made.
    mro: Vec<&'m Class>,
    attributes: InstanceAttributes,
    /// The calls running now, and all those made.
    calls: usize,
    total_calls: usize,
    /// The bodies of `for` loops run.
    iterations: usize,
    /// The CPython minor version that runs it, which words some errors.
    python_minor: u8,
}

/// Where a body's statements leave the call, or the loop they are in.
enum Flow {
    Next,
    Return(Value),
    Break,
    Continue,
}

impl<'m> Run<'m> {
    /// Makes this run's instance of `class`, calling its `__init__` with `args` and `keywords`.
    fn make(&mut self, class: &'m Class, args: Vec<Value>, keywords: Vec<(String, Value)>) -> Result<(), Stop> {
        self.mro = self.module.mro(class);
        for base in self.mro.iter().flat_map(|c| c.base_names()) {
            let known = self.module.class(base).is_some()
                || crate::runtime::is_object(base)
                || matches!(base, "Generic" | "typing.Generic" | "typing_extensions.Generic");
            if !known {
                return Err(format!("{}() runs code of {base}, which the lab does not follow", class.name).into());
            }
        }
        if let Some(owner) = self.mro.iter().find(|c| c.member("__new__").is_some()) {
            return Err(format!("{}() runs {}.__new__, which the lab does not follow", class.name, owner.name).into());
        }
        match self.mro.iter().position(|c| c.member("__init__").is_some()) {
            Some(position) => self.call(position, "__init__", args, keywords).map(|_| ()),
            // object's `__init__` takes no arguments.
            None if args.is_empty() && keywords.is_empty() => Ok(()),
            None => Err(format!("{}() is given arguments object's __init__ does not take", class.name).into()),
        }
    }

    /// A run for another instance, of `class`, within this one's bounds on calls: what it does
    /// to that instance is its own, and this instance is not among its arguments.
    fn other(&self, class: &'m Class, args: &[Value], keywords: &[(String, Value)]) -> Result<Run<'m>, Stop> {
        if args.iter().chain(keywords.iter().map(|(_, k)| k)).any(|v| *v == Value::Instance) {
            return Err(format!("passes the instance to {}, which the lab does not follow", class.name).into());
        }
        Ok(Run {
            mro: self.module.mro(class),
            attributes: HashMap::new(),
            calls: self.calls,
            total_calls: self.total_calls,
            iterations: self.iterations,
            ..*self
        })
    }

    /// Calls the method `name` that `self.mro[owner]` defines on the instance with `args` and
    /// `keywords` (the instance not among them), and gives what it returns.
    fn call(
        &mut self,
        owner: usize,
        name: &str,
        args: Vec<Value>,
        keywords: Vec<(String, Value)>,
    ) -> Result<Value, Stop> {
        let class = self.mro[owner];
        let qualname = format!("{}.{name}", class.name);
        let Some(MemberKind::Method(method)) = class.member(name).map(|m| &m.kind) else {
            return Err(format!("{qualname} is not a method the lab follows").into());
        };
        let static_method = method.is_staticmethod && method.decorators.len() == 1;
        if (!method.decorators.is_empty() && !static_method) || method.is_async {
            return Err(
                format!("{qualname} (line {}) is decorated or async: the lab does not follow it", method.line).into()
            );
        }
        if name == "__init__" && (self.dataclasses)(&class.name) && !self.methods.contains_key(&qualname) {
            return self.generated_init(method, args, keywords);
        }
        let body = self.methods.get(&qualname).ok_or_else(|| format!("the lab does not follow {qualname}"))?;
        self.calls += 1;
        self.total_calls += 1;
        if self.calls > MAX_CALLS {
            return Err(format!("{qualname} is called more than {MAX_CALLS} {TOO_DEEP} at line {}", method.line).into());
        }
        if self.total_calls > MAX_TOTAL_CALLS {
            return Err(format!("making the instance calls more than {MAX_TOTAL_CALLS} methods").into());
        }
        // A default is evaluated where the `def` runs: a constant bound before it holds its value.
        let constant = |name: &str| {
            let constant = self.constants.iter().find(|c| c.name == name && c.line < method.line)?;
            Some(Value::Literal(constant.value.clone()))
        };
        let mut locals = bind(body, &qualname, !static_method, &constant, args, keywords)?;
        let flow = self.run(owner, body, &mut locals, &body.statements)?;
        self.calls -= 1;
        match flow {
            Flow::Return(value) => Ok(value),
            Flow::Next => Ok(Value::Literal(Literal::None)),
            // CPython refuses to compile it.
            Flow::Break | Flow::Continue => Err(format!("{qualname} runs `break` or `continue` outside a loop").into()),
        }
    }

    /// A dataclass's generated `__init__` (`init`, as the dataclass model writes it): each
    /// field set from its argument or its default, then `self.__post_init__()` where the
    /// instance's class has one.
    fn generated_init(
        &mut self,
        init: &pysource::Function,
        args: Vec<Value>,
        keywords: Vec<(String, Value)>,
    ) -> Result<Value, Stop> {
        let fields: Vec<&pysource::Param> = init.signature.params.iter().skip(1).collect();
        if args.len() > fields.len() || !keywords.is_empty() {
            return Err("passes a dataclass's __init__ arguments the lab does not bind".to_owned().into());
        }
        let mut args = args.into_iter();
        for field in fields {
            // The model writes a default as `...`; the field's class-level value is the default.
            let default = self.mro.iter().find_map(|c| match c.member(&field.name).map(|m| &m.kind) {
                Some(MemberKind::Attribute(attribute)) => Some(attribute.class_value.as_deref()),
                _ => None,
            });
            let value = match (args.next(), field.default.is_some(), default.flatten().map(pysource::expression)) {
                (Some(value), ..) => value,
                (None, true, Some(Some(Expression::Literal { literal }))) => Value::Literal(literal),
                (None, true, _) => Value::Unknown,
                (None, false, _) => return Err(format!("does not give the dataclass field {}", field.name).into()),
            };
            if crate::slots::refused_write(self.module, self.mro[0], &field.name, self.python_minor).is_some() {
                return Err(format!("sets the dataclass field {}, which no __slots__ lists", field.name).into());
            }
            self.attributes.insert(field.name.clone(), value);
        }
        // It also sets the fields that take no parameter: a `default_factory`'s value, and with
        // `slots=True` an `init=False` field's default. The dataclass model marks every field a
        // generated `__init__` sets (`assigned_in_init`), in each dataclass of the MRO whose
        // `__init__` is generated; what the value is, the lab does not know.
        for class in self.mro.iter().filter(|c| (self.dataclasses)(&c.name)) {
            if self.methods.contains_key(&format!("{}.__init__", class.name)) {
                continue;
            }
            for member in &class.members {
                if let MemberKind::Attribute(attribute) = &member.kind {
                    if attribute.assigned_in_init && !self.attributes.contains_key(&member.name) {
                        self.attributes.insert(member.name.clone(), Value::Unknown);
                    }
                }
            }
        }
        match (0..self.mro.len()).find(|&i| self.mro[i].member("__post_init__").is_some()) {
            Some(at) => self.call(at, "__post_init__", Vec::new(), Vec::new()),
            None => Ok(Value::Literal(Literal::None)),
        }
    }

    /// Runs `statements` of the body of a method of `self.mro[owner]`.
    fn run(
        &mut self,
        owner: usize,
        body: &FunctionBody,
        locals: &mut HashMap<String, Value>,
        statements: &[Statement],
    ) -> Result<Flow, Stop> {
        let qualname = body.qualname.as_str();
        for statement in statements {
            // What a call from here fails on names its own method and line.
            let at = |stop: Stop| stop.at(qualname, statement.line);
            match &statement.kind {
                StatementKind::Pass => {}
                StatementKind::Expr { value: Expression::Literal { .. } } => {}
                StatementKind::Expr { value } => {
                    self.evaluate(owner, locals, value).map_err(at)?;
                }
                StatementKind::Return { value } => {
                    let value = match value {
                        Some(value) => self.evaluate(owner, locals, value).map_err(at)?,
                        None => Value::Literal(Literal::None),
                    };
                    return Ok(Flow::Return(value));
                }
                StatementKind::Assign { targets, value } => {
                    let value = self.evaluate(owner, locals, value).map_err(at)?;
                    for target in targets {
                        self.assign(locals, target, value.clone()).map_err(at)?;
                    }
                }
                StatementKind::AugAssign { target: Expression::Name { id }, op, value } => {
                    let left =
                        locals.get(id).cloned().ok_or_else(|| at(format!("reads {id}, which is not bound").into()))?;
                    let right = self.evaluate(owner, locals, value).map_err(at)?;
                    let result = arithmetic(op, &left, &right).map_err(|why| at(why.into()))?;
                    locals.insert(id.clone(), result);
                }
                StatementKind::If { test, body: then, orelse } => {
                    let test_value = self.evaluate(owner, locals, test).map_err(at)?;
                    let truth = test_value.truth().ok_or_else(|| {
                        at("has an `if` whose test's value the lab does not know (from a value it does not evaluate)"
                            .into())
                    })?;
                    let clause = if truth { then } else { orelse };
                    match self.run(owner, body, locals, clause)? {
                        Flow::Next => {}
                        flow => return Ok(flow),
                    }
                }
                StatementKind::For { target, iter, body: loop_body, orelse } => {
                    let items = self.items(owner, locals, iter).map_err(at)?;
                    let mut broken = false;
                    for item in items {
                        self.iterations += 1;
                        if self.iterations > MAX_ITERATIONS {
                            return Err(at(format!("runs more than {MAX_ITERATIONS} iterations of loops").into()));
                        }
                        self.assign(locals, target, item).map_err(at)?;
                        match self.run(owner, body, locals, loop_body)? {
                            Flow::Next | Flow::Continue => {}
                            Flow::Break => {
                                broken = true;
                                break;
                            }
                            flow @ Flow::Return(_) => return Ok(flow),
                        }
                    }
                    if !broken {
                        match self.run(owner, body, locals, orelse)? {
                            Flow::Next => {}
                            flow => return Ok(flow),
                        }
                    }
                }
                StatementKind::Break => return Ok(Flow::Break),
                StatementKind::Continue => return Ok(Flow::Continue),
                StatementKind::Assert { test, msg } => {
                    let test_value = self.evaluate(owner, locals, test).map_err(at)?;
                    let truth = test_value
                        .truth()
                        .ok_or_else(|| at("has an `assert` whose test's value the lab does not know".into()))?;
                    if !truth {
                        let message = match msg {
                            None => None,
                            Some(msg) => Some(self.message(owner, locals, msg).map_err(|stop| match stop {
                                Stop::Unfollowed(why) => {
                                    at(format!("fails an `assert` whose message the lab does not know ({why})").into())
                                }
                                raised => at(raised),
                            })?),
                        };
                        let error = error_line("AssertionError", false, message.as_deref())
                            .ok_or_else(|| at("fails an `assert` whose message the lab does not write".into()))?;
                        return Err(Stop::Raised(Raised {
                            error,
                            code_class: None,
                            qualname: qualname.to_owned(),
                            line: statement.line,
                        }));
                    }
                }
                // `from None` only hides the context, which the traceback's last line leaves out.
                StatementKind::Raise {
                    exception: Some(exception),
                    cause: None | Some(Expression::Literal { literal: Literal::None }),
                } => {
                    let (error, code_class) = self.raised(owner, locals, exception).map_err(at)?;
                    let line = statement.line;
                    return Err(Stop::Raised(Raised { error, code_class, qualname: qualname.to_owned(), line }));
                }
                _ => {
                    let first = statement.text.lines().next().unwrap_or_default().trim();
                    return Err(at(format!("runs `{first}`, which the lab does not follow").into()));
                }
            }
        }
        Ok(Flow::Next)
    }

    /// The last traceback line of what `raise exception` raises, and its class where the code
    /// defines it; an error where the lab does not know the class or the message.
    fn raised(
        &mut self,
        owner: usize,
        locals: &HashMap<String, Value>,
        exception: &Expression,
    ) -> Result<(String, Option<String>), Stop> {
        let unknown = || Stop::from(format!("raises {}, which the lab does not follow", describe(exception)));
        let (class, args) = match exception {
            Expression::Name { id } => (id, &[][..]),
            Expression::Call { func, args, keywords } if keywords.is_empty() => match &**func {
                Expression::Name { id } => (id, args.as_slice()),
                _ => return Err(unknown()),
            },
            _ => return Err(unknown()),
        };
        if locals.contains_key(class) {
            return Err(unknown());
        }
        let (by_repr, code_class) = self.exception_class(class).ok_or_else(unknown)?;
        let message = match args {
            [] => None,
            [message] => Some(self.message(owner, locals, message).map_err(|stop| match stop {
                Stop::Unfollowed(why) => format!("raises {class} with a message the lab does not know ({why})").into(),
                raised => raised,
            })?),
            _ => return Err(format!("raises {class} with arguments the lab does not write").into()),
        };
        let error = error_line(class, by_repr, message.as_deref())
            .ok_or_else(|| format!("raises {class} with a message whose traceback line the lab does not write"))?;
        Ok((error, code_class))
    }

    /// The str an exception's message `expression` is: one the run knows (a literal, a local, a
    /// default, a module constant), or an f-string of such strs and ints without format specs
    /// (`{x}`, `{x!s}`, `{x!r}`), written as CPython formats them.
    fn message(
        &mut self,
        owner: usize,
        locals: &HashMap<String, Value>,
        expression: &Expression,
    ) -> Result<String, Stop> {
        let parts = match expression {
            Expression::FString { parts } => parts,
            // An f-string with a format spec, `!a` or `=` among others.
            Expression::Other { text } => return Err(format!("`{text}`, which the lab does not evaluate").into()),
            _ => {
                return match self.evaluate(owner, locals, expression)? {
                    Value::Literal(Literal::Str(text)) => Ok(text),
                    _ => Err(format!("{} is not a str it knows", describe(expression)).into()),
                }
            }
        };
        let mut text = String::new();
        for part in parts {
            match part {
                FStringPart::Text { text: literal } => text.push_str(literal),
                FStringPart::Field { spec: Some(spec), .. } => {
                    return Err(format!("an f-string's format spec `{spec}`, which the lab does not apply").into())
                }
                FStringPart::Field { value, repr, spec: None } => match (self.evaluate(owner, locals, value)?, repr) {
                    (Value::Literal(Literal::Str(field)), false) => text.push_str(&field),
                    // Code holding a character whose printability differs between versions is
                    // declined whole (`lab::version_dependent_chars`): `str_repr` is Python's here.
                    (Value::Literal(Literal::Str(field)), true) => text.push_str(&pysource::str_repr(&field)),
                    (Value::Literal(Literal::Int(field)), _) => text.push_str(&field.to_string()),
                    _ => {
                        return Err(format!(
                            "an f-string formats {}, which is not a str or int the lab writes",
                            describe(value)
                        )
                        .into())
                    }
                },
            }
        }
        Ok(text)
    }

    /// For the exception class `name`: whether its message is its argument's repr (KeyError's),
    /// and whether the code defines it. None unless it is a builtin exception class the module
    /// does not bind again, or a class of the code bound once that adds nothing to one (no
    /// members, decorators or metaclass, one base).
    fn exception_class(&self, name: &str) -> Option<(bool, Option<String>)> {
        let Some(class) = self.module.class(name) else {
            let builtin = BUILTIN_EXCEPTIONS.contains(&name)
                && self.methods.bindings(name) == 0
                && self.methods.bindings("builtins") == 0
                && self.methods.bindings("__builtins__") == 0;
            return builtin.then_some((name == "KeyError", None));
        };
        let mut current = class;
        // Each class of the code on the way up is bound once, so there is no cycle to follow.
        for _ in 0..=self.module.classes.len() {
            let plain = self.methods.bindings(&current.name) == 1
                && current.members.is_empty()
                && current.decorators.is_empty()
                && current.metaclass.is_none()
                && current.type_params.is_none()
                && current.unread_statements.is_empty();
            let [base] = current.bases.as_slice() else { return None };
            if !plain {
                return None;
            }
            match self.module.class(base) {
                Some(next) => current = next,
                None => {
                    let (by_repr, _) = self.exception_class(base)?;
                    return Some((by_repr, Some(name.to_owned())));
                }
            }
        }
        None
    }

    /// The items a `for` runs over: those of a tuple or list display, or of a tuple the run
    /// holds; an error for any other iterable, whose iteration may run code.
    fn items(&mut self, owner: usize, locals: &HashMap<String, Value>, iter: &Expression) -> Result<Vec<Value>, Stop> {
        if let Expression::List { elements } = iter {
            return elements.iter().map(|e| self.evaluate(owner, locals, e)).collect();
        }
        match self.evaluate(owner, locals, iter)? {
            Value::Tuple(items) => Ok(items),
            _ => Err(format!("runs a `for` over {}, whose items the lab does not know", describe(iter)).into()),
        }
    }

    /// `setattr(object, name, value)`, the builtin: sets the attribute `name` of the instance
    /// as `self.name = value` would, where the lab knows the name (a str) and nothing of the
    /// instance's classes takes the write over (`__setattr__`, `__slots__`, a method, property
    /// or descriptor of that name).
    fn set_by_name(
        &mut self,
        owner: usize,
        locals: &HashMap<String, Value>,
        args: &[Expression],
        keywords: &[(String, Expression)],
    ) -> Result<Value, Stop> {
        let [object, name, value] = args else {
            return Err("calls setattr with other than three arguments".into());
        };
        if !keywords.is_empty() {
            return Err("calls setattr with keyword arguments".into());
        }
        let unknown_name = || {
            let what = match name {
                Expression::FString { .. } => "an f-string".to_owned(),
                other => describe(other),
            };
            Stop::from(format!("sets an attribute by a name the lab does not know ({what})"))
        };
        let object = self.evaluate(owner, locals, object)?;
        let name = match self.evaluate(owner, locals, name) {
            Ok(Value::Literal(Literal::Str(name))) => name,
            Err(raised @ Stop::Raised(_)) => return Err(raised),
            _ => return Err(unknown_name()),
        };
        let value = self.evaluate(owner, locals, value)?;
        if object != Value::Instance {
            return Err(format!("sets .{name} by name on an object other than the instance").into());
        }
        // A private name is not mangled as `self.__name` is; a dunder may be a special method.
        if name.starts_with("__") {
            return Err(format!("sets .{name} by name, which the lab does not follow").into());
        }
        for class in &self.mro {
            let taken_over = match class.member(&name).map(|m| &m.kind) {
                Some(MemberKind::Attribute(attribute)) => {
                    !attribute.class_value.as_deref().is_none_or(crate::declines::plain_value)
                }
                Some(_) => true,
                None => false,
            };
            let owner = &class.name;
            let why = if taken_over {
                format!("{owner}.{name} may be a descriptor (a property, ...)")
            } else if class.member("__setattr__").is_some() {
                format!("{owner} defines __setattr__")
            } else if class.member("__slots__").is_some() {
                format!("{owner} defines __slots__")
            } else {
                continue;
            };
            return Err(format!("sets .{name} by name, and {why}, which the lab does not follow there").into());
        }
        self.unfrozen(&name)?;
        self.attributes.insert(name, value);
        Ok(Value::Literal(Literal::None))
    }

    /// Where a frozen dataclass's `__setattr__` refuses setting `.name` on the instance: the
    /// FrozenInstanceError it raises where the instance's own class is that dataclass (CPython's
    /// `type(self) is cls`), else code the lab does not follow (it lets a subclass set names
    /// other than the fields).
    fn unfrozen(&self, name: &str) -> Result<(), Stop> {
        let Some(frozen) = self.mro.iter().find(|c| (self.frozen)(&c.name)) else { return Ok(()) };
        let own_setattr = self.mro.iter().any(|c| c.member("__setattr__").is_some());
        if std::ptr::eq(*frozen, self.mro[0]) && !own_setattr {
            let error = format!("dataclasses.FrozenInstanceError: cannot assign to field {}", pysource::str_repr(name));
            // Placed at its statement by `Stop::at`.
            return Err(Stop::Raised(Raised { error, code_class: None, qualname: String::new(), line: 0 }));
        }
        Err(format!(
            "sets .{name} on an instance of a subclass of the frozen dataclass {}, which the lab does not follow",
            frozen.name
        )
        .into())
    }

    /// Where the instance has no `__dict__` and no slot `name`: the AttributeError setting it
    /// raises, or why the lab cannot write it (`slots::refused_write`).
    fn unslotted(&self, name: &str) -> Result<(), Stop> {
        match crate::slots::refused_write(self.module, self.mro[0], name, self.python_minor) {
            None => Ok(()),
            // Placed at its statement by `Stop::at`.
            Some(Ok(error)) => Err(Stop::Raised(Raised { error, code_class: None, qualname: String::new(), line: 0 })),
            Some(Err(why)) => Err(why.into()),
        }
    }

    /// Whether `setattr` is the builtin: no local name, and nothing the module binds, shadows it.
    fn builtin_setattr(&self, locals: &HashMap<String, Value>) -> bool {
        !locals.contains_key("setattr")
            && ["setattr", "builtins", "__builtins__"].iter().all(|name| self.methods.bindings(name) == 0)
    }

    /// Binds `value` to `target`: a local name, an attribute of the instance, or a tuple of
    /// those unpacking a tuple of as many items.
    fn assign(&mut self, locals: &mut HashMap<String, Value>, target: &Expression, value: Value) -> Result<(), Stop> {
        match target {
            Expression::Name { id } => {
                locals.insert(id.clone(), value);
            }
            Expression::Attribute { value: object, attr } => {
                let Expression::Name { id } = &**object else {
                    return Err(
                        format!("sets an attribute of {}, which the lab does not follow", describe(object)).into()
                    );
                };
                match locals.get(id) {
                    Some(Value::Instance) => {
                        self.unslotted(attr)?;
                        self.unfrozen(attr)?;
                        self.attributes.insert(attr.clone(), value);
                    }
                    _ => return Err(format!("sets {id}.{attr}, which the lab does not follow").into()),
                }
            }
            Expression::Tuple { elements } | Expression::List { elements } => match value {
                Value::Tuple(items) if items.len() == elements.len() => {
                    for (element, item) in elements.iter().zip(items) {
                        self.assign(locals, element, item)?;
                    }
                }
                _ => return Err("unpacks a value the lab does not know the items of".into()),
            },
            other => return Err(format!("assigns to {}, which the lab does not follow", describe(other)).into()),
        }
        Ok(())
    }

    /// The value of `expression` in a method of `self.mro[owner]`; an error where evaluating it
    /// may run code the lab does not follow.
    fn evaluate(
        &mut self,
        owner: usize,
        locals: &HashMap<String, Value>,
        expression: &Expression,
    ) -> Result<Value, Stop> {
        Ok(match expression {
            Expression::Literal { literal } => Value::Literal(literal.clone()),
            // A module constant is bound by the time the probe makes the instance.
            Expression::Name { id } => match locals.get(id) {
                Some(value) => value.clone(),
                None => match self.constants.iter().find(|c| c.name == *id) {
                    Some(constant) => Value::Literal(constant.value.clone()),
                    None => {
                        return Err(format!("reads {id}, which is neither a local name nor a module constant").into())
                    }
                },
            },
            Expression::Tuple { elements } => {
                Value::Tuple(elements.iter().map(|e| self.evaluate(owner, locals, e)).collect::<Result<Vec<_>, _>>()?)
            }
            Expression::List { elements } | Expression::Set { elements } => {
                for element in elements {
                    self.evaluate(owner, locals, element)?;
                }
                Value::Object
            }
            Expression::Dict { items } => {
                for (key, value) in items {
                    self.evaluate(owner, locals, key)?;
                    self.evaluate(owner, locals, value)?;
                }
                Value::Object
            }
            Expression::Attribute { value, attr } => match self.evaluate(owner, locals, value)? {
                Value::Instance => self
                    .attributes
                    .get(attr)
                    .cloned()
                    .ok_or_else(|| format!("reads self.{attr} before setting it, which the lab does not follow"))?,
                _ => return Err(format!("reads {}, which the lab does not follow", describe(expression)).into()),
            },
            Expression::UnaryOp { op, operand } => {
                let operand = self.evaluate(owner, locals, operand)?;
                match (op.as_str(), &operand) {
                    ("not", _) => Value::Literal(Literal::Bool(
                        !operand.truth().ok_or("negates a value whose truth the lab does not know")?,
                    )),
                    ("-", Value::Literal(Literal::Int(i))) => Value::Literal(Literal::Int(
                        i.checked_neg().ok_or("negates an integer beyond the lab's range")?,
                    )),
                    _ => return Err(format!("applies {op} to a value the lab does not know").into()),
                }
            }
            Expression::BoolOp { op, values } => {
                let mut last = Value::Literal(Literal::None);
                for value in values {
                    last = self.evaluate(owner, locals, value)?;
                    let truth = last.truth().ok_or("tests a value whose truth the lab does not know")?;
                    if truth == (op == "or") {
                        break;
                    }
                }
                last
            }
            Expression::Compare { left, comparisons } => {
                let mut left = self.evaluate(owner, locals, left)?;
                for (op, right) in comparisons {
                    let right = self.evaluate(owner, locals, right)?;
                    if !compare(op, &left, &right)? {
                        return Ok(Value::Literal(Literal::Bool(false)));
                    }
                    left = right;
                }
                Value::Literal(Literal::Bool(true))
            }
            Expression::BinOp { op, left, right } => {
                let (left, right) = (self.evaluate(owner, locals, left)?, self.evaluate(owner, locals, right)?);
                arithmetic(op, &left, &right)?
            }
            Expression::Call { func, args, keywords }
                if matches!(&**func, Expression::Name { id } if id == "setattr") && self.builtin_setattr(locals) =>
            {
                self.set_by_name(owner, locals, args, keywords)?
            }
            Expression::Call { func, args, keywords } => {
                let args = args.iter().map(|a| self.evaluate(owner, locals, a)).collect::<Result<Vec<_>, _>>()?;
                let keywords = keywords
                    .iter()
                    .map(|(name, k)| Ok((name.clone(), self.evaluate(owner, locals, k)?)))
                    .collect::<Result<Vec<_>, Stop>>()?;
                self.call_expression(owner, locals, func, args, keywords)?
            }
            other => return Err(format!("evaluates {}, which the lab does not follow", describe(other)).into()),
        })
    }

    /// Calls what `func` names with the evaluated `args`: a method of the instance, a method of
    /// the next class on the MRO through `super()`, or `Base.method(self, ...)`.
    fn call_expression(
        &mut self,
        owner: usize,
        locals: &HashMap<String, Value>,
        func: &Expression,
        args: Vec<Value>,
        keywords: Vec<(String, Value)>,
    ) -> Result<Value, Stop> {
        let not_followed = || Stop::from(format!("calls {}, which the lab does not follow", describe(func)));
        // `Class(...)` of the module: another instance, made by its own run.
        if let Expression::Name { id } = func {
            let class = self.module.class(id).filter(|_| !locals.contains_key(id)).ok_or_else(not_followed)?;
            let mut other = self.other(class, &args, &keywords)?;
            other.make(class, args, keywords)?;
            self.total_calls = other.total_calls;
            self.iterations = other.iterations;
            return Ok(Value::Other(class.name.clone()));
        }
        let Expression::Attribute { value: object, attr } = func else { return Err(not_followed()) };
        match &**object {
            // `super().name(...)`: the next class after the method's own on the instance's MRO.
            Expression::Call { func: called, args: super_args, keywords: super_keywords }
                if matches!(&**called, Expression::Name { id } if id == "super")
                    && super_args.is_empty()
                    && super_keywords.is_empty()
                    && self.module.class("super").is_none() =>
            {
                match (owner + 1..self.mro.len()).find(|&i| self.mro[i].member(attr).is_some()) {
                    Some(next) => self.call(next, attr, args, keywords),
                    // object's `__init__` takes no arguments.
                    None if attr == "__init__" && args.is_empty() && keywords.is_empty() => {
                        Ok(Value::Literal(Literal::None))
                    }
                    None => Err(not_followed()),
                }
            }
            Expression::Name { id } => match locals.get(id) {
                // `self.name(...)`: what the instance's class resolves, unless the instance
                // holds an attribute of that name.
                Some(Value::Instance) if !self.attributes.contains_key(attr) => {
                    let at =
                        (0..self.mro.len()).find(|&i| self.mro[i].member(attr).is_some()).ok_or_else(not_followed)?;
                    let plain = matches!(self.mro[at].member(attr).map(|m| &m.kind),
                        Some(MemberKind::Method(f)) if !f.is_classmethod && !f.is_property);
                    if !plain {
                        return Err(not_followed());
                    }
                    self.call(at, attr, args, keywords)
                }
                Some(_) => Err(not_followed()),
                // `Base.name(obj, ...)`: what `Base` resolves, which must be on the MRO of `obj`,
                // this instance or another one made here.
                None => {
                    let named = self.module.class(id).ok_or_else(not_followed)?;
                    let resolved = self.module.mro(named).into_iter().find(|c| c.member(attr).is_some());
                    let resolved = resolved.ok_or_else(not_followed)?;
                    let mut args = args.into_iter();
                    match args.next() {
                        Some(Value::Instance) => {
                            let at =
                                self.mro.iter().position(|c| std::ptr::eq(*c, resolved)).ok_or_else(not_followed)?;
                            self.call(at, attr, args.collect(), keywords)
                        }
                        Some(Value::Other(class)) => {
                            let class = self.module.class(&class).ok_or_else(not_followed)?;
                            let args: Vec<Value> = args.collect();
                            let mut other = self.other(class, &args, &keywords)?;
                            let at =
                                other.mro.iter().position(|c| std::ptr::eq(*c, resolved)).ok_or_else(not_followed)?;
                            let returned = other.call(at, attr, args, keywords)?;
                            self.total_calls = other.total_calls;
                            self.iterations = other.iterations;
                            Ok(returned)
                        }
                        _ => Err(not_followed()),
                    }
                }
            },
            _ => Err(not_followed()),
        }
    }
}

/// The locals of a call of `body` (the instance first where `bound`) with `args` and
/// `keywords`: each parameter given its argument, else its default (a literal, or a value the
/// lab does not know).
fn bind(
    body: &FunctionBody,
    qualname: &str,
    bound: bool,
    constant: &dyn Fn(&str) -> Option<Value>,
    args: Vec<Value>,
    keywords: Vec<(String, Value)>,
) -> Result<HashMap<String, Value>, String> {
    if body.varargs.is_some() || body.kwargs.is_some() {
        return Err(format!("{qualname} takes *args or **kwargs, which the lab does not bind"));
    }
    let mut given: Vec<Option<Value>> = vec![None; body.params.len()];
    let skip = usize::from(bound);
    if bound {
        let Some(first) = given.first_mut() else {
            return Err(format!("{qualname} takes no parameter for the instance"));
        };
        *first = Some(Value::Instance);
    }
    if args.len() + skip > body.positional {
        return Err(format!("{qualname} is given more arguments than it takes: the call raises TypeError"));
    }
    for (slot, arg) in given.iter_mut().skip(skip).zip(args) {
        *slot = Some(arg);
    }
    for (name, value) in keywords {
        let index = body.params.iter().position(|p| *p == name).filter(|&i| i >= body.positional_only.max(skip));
        let Some(index) = index.filter(|&i| given[i].is_none()) else {
            return Err(format!("{qualname} is given {name}= that it does not take: the call raises TypeError"));
        };
        given[index] = Some(value);
    }
    let mut locals = HashMap::new();
    for ((name, value), default) in body.params.iter().zip(given).zip(&body.defaults) {
        let value = match (value, default) {
            (Some(value), _) => value,
            (None, Some(Expression::Literal { literal })) => Value::Literal(literal.clone()),
            (None, Some(Expression::Name { id })) => constant(id).unwrap_or(Value::Unknown),
            (None, Some(_)) => Value::Unknown,
            (None, None) => {
                return Err(format!("{qualname} is not given {name}: the call raises TypeError"));
            }
        };
        locals.insert(name.clone(), value);
    }
    Ok(locals)
}

/// `left op right` for the comparison operators on literals.
fn compare(op: &str, left: &Value, right: &Value) -> Result<bool, String> {
    let unknown = || format!("compares with {op} values the lab does not know");
    let (Value::Literal(l), Value::Literal(r)) = (left, right) else { return Err(unknown()) };
    let number = |literal: &Literal| match literal {
        Literal::Int(i) => Some(*i as f64),
        Literal::Float(f) => Some(*f),
        Literal::Bool(b) => Some(f64::from(u8::from(*b))),
        _ => None,
    };
    let ordering = match (number(l), number(r), l, r) {
        (Some(a), Some(b), ..) => a.partial_cmp(&b),
        (_, _, Literal::Str(a), Literal::Str(b)) => Some(a.cmp(b)),
        _ => None,
    };
    Ok(match op {
        "is" | "is not" => {
            let identical = match (l, r) {
                (Literal::None, Literal::None) => true,
                (Literal::Bool(a), Literal::Bool(b)) => a == b,
                (Literal::None | Literal::Bool(_), _) | (_, Literal::None | Literal::Bool(_)) => false,
                // Whether two equal numbers or strings are one object is CPython's choice.
                _ => return Err(unknown()),
            };
            identical == (op == "is")
        }
        "==" | "!=" => {
            let equal = match ordering {
                Some(ordering) => ordering.is_eq(),
                None if l == r => true,
                None if matches!((l, r), (Literal::None, _) | (_, Literal::None)) => false,
                None => return Err(unknown()),
            };
            equal == (op == "==")
        }
        "<" => ordering.ok_or_else(unknown)?.is_lt(),
        "<=" => ordering.ok_or_else(unknown)?.is_le(),
        ">" => ordering.ok_or_else(unknown)?.is_gt(),
        ">=" => ordering.ok_or_else(unknown)?.is_ge(),
        _ => return Err(unknown()),
    })
}

/// `left op right` for `+`, `-` and `*` on integers (booleans among them).
fn arithmetic(op: &str, left: &Value, right: &Value) -> Result<Value, String> {
    let integer = |value: &Value| match value {
        Value::Literal(Literal::Int(i)) => Some(*i),
        Value::Literal(Literal::Bool(b)) => Some(i64::from(*b)),
        _ => None,
    };
    let (Some(a), Some(b)) = (integer(left), integer(right)) else {
        return Err(format!("applies {op} to values the lab does not know (it may call their methods)"));
    };
    let result = match op {
        "+" => a.checked_add(b),
        "-" => a.checked_sub(b),
        "*" => a.checked_mul(b),
        _ => return Err(format!("applies {op}, which the lab does not compute")),
    };
    result.map(|i| Value::Literal(Literal::Int(i))).ok_or_else(|| format!("computes {op} beyond the lab's range"))
}

/// The last line `traceback.format_exception_only` writes for `class(message)` (`class()` where
/// None): the class's name, then `: ` and the message unless it is empty, its repr where
/// `by_repr`. None where the line would not show the message as it is: a line break or other
/// whitespace but spaces, or a control character, which the probe's `strip()` or the lines may
/// change, or a space at its end.
fn error_line(class: &str, by_repr: bool, message: Option<&str>) -> Option<String> {
    let shown = match message {
        None => return Some(class.to_owned()),
        Some(text) if by_repr => pysource::str_repr(text),
        Some(text)
            if text.ends_with(' ') || text.chars().any(|c| (c.is_whitespace() && c != ' ') || c.is_control()) =>
        {
            return None
        }
        Some(text) => text.to_owned(),
    };
    Some(if shown.is_empty() { class.to_owned() } else { format!("{class}: {shown}") })
}

/// A short rendering of an expression for reasons.
fn describe(expression: &Expression) -> String {
    match expression {
        Expression::Name { id } => id.clone(),
        Expression::Attribute { value, attr } => format!("{}.{attr}", describe(value)),
        Expression::Call { func, .. } => format!("{}(...)", describe(func)),
        _ => "an expression".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `class()` sets in `code`, by attribute, or why the lab cannot tell.
    fn constructed(code: &str, class: &str) -> Result<Vec<(String, Value)>, String> {
        let source = pysource::Source::parse(code).unwrap();
        let module = source.module();
        let methods = crate::values::method_bodies(Some(&source));
        let set = construct(&module, &methods, &|_| false, &|_| false, module.class(class).unwrap(), 13)
            .map_err(|s| s.to_string())?;
        let mut set: Vec<(String, Value)> = set.into_iter().collect();
        set.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(set)
    }

    #[test]
    fn helpers_run_with_their_arguments() {
        let code = "class Base:\n    def __init__(self, sized=False):\n        if sized:\n            self.size = 1\n\
                    class C(Base):\n    def __init__(self, level=3):\n        Base.__init__(self, level > 2)\n        \
                    self.setup(level - 1, clear=True)\n\n    def setup(self, level, clear=False):\n        \
                    self.level = level\n        if clear:\n            self.close = None\n            return\n        \
                    self.name = 'x'\n";
        let int = |i| Value::Literal(Literal::Int(i));
        assert_eq!(
            constructed(code, "C").unwrap(),
            [
                ("close".to_owned(), Value::Literal(Literal::None)),
                ("level".to_owned(), int(2)),
                ("size".to_owned(), int(1)),
            ]
        );
    }

    #[test]
    fn messages_are_strs_the_run_knows_and_f_strings_of_them() {
        let raised = |body: &str| {
            let code = format!("class C:\n    def __init__(self, word='it\\'s', count=-3, ratio=0.5):\n{body}");
            constructed(&code, "C").unwrap_err()
        };
        assert!(raised("        raise ValueError(word)\n").contains("raises ValueError: it's"));
        assert!(raised("        local = 'here'\n        assert count > 0, local\n").contains("AssertionError: here"));
        let fields = raised("        raise KeyError(f'{word!r}/{count}/{word!s}')\n");
        assert!(fields.contains(r#"raises KeyError: '"it\'s"/-3/it\'s'"#), "{fields}");
        for (body, why) in [
            ("        raise ValueError(f'{count:03}')\n", "format spec `03`, which the lab does not apply"),
            ("        raise ValueError(f'{ratio}')\n", "not a str or int"),
            ("        raise ValueError(count)\n", "count is not a str"),
        ] {
            assert!(raised(body).contains(why), "{body}: {}", raised(body));
        }
    }

    #[test]
    fn code_the_lab_does_not_follow_is_named_with_its_line() {
        let code =
            "class C:\n    def __init__(self):\n        self.setup(int('1'))\n\n    def setup(self, flag):\n        \
                    if flag:\n            self.size = 1\n";
        let why = constructed(code, "C").unwrap_err();
        assert_eq!(why, "C.__init__ calls int, which the lab does not follow at line 3");
        let unknown = "class C:\n    def __init__(self, flag=print):\n        if flag:\n            self.size = 1\n";
        let why = constructed(unknown, "C").unwrap_err();
        assert!(why.starts_with("C.__init__ has an `if` whose test's value the lab does not know"), "{why}");
    }

    #[test]
    fn setattr_sets_the_attribute_it_names_where_the_lab_knows_the_name() {
        let code = "FIELD = 'level'\nclass C:\n    def __init__(self, first='size'):\n        \
                    setattr(self, first, 1)\n        setattr(self, FIELD, None)\n        self.name(\'close\')\n\n    \
                    def name(self, field):\n        setattr(self, field, 'x')\n";
        let str_value = Value::Literal(Literal::Str("x".to_owned()));
        assert_eq!(
            constructed(code, "C").unwrap(),
            [
                ("close".to_owned(), str_value),
                ("level".to_owned(), Value::Literal(Literal::None)),
                ("size".to_owned(), Value::Literal(Literal::Int(1))),
            ]
        );
        let class = |body: &str| format!("class C:\n    def __init__(self, other=None, name=print):\n{body}");
        let declined = [
            (class("        setattr(self, name, 1)\n"), "by a name the lab does not know (name)"),
            (class("        setattr(self, f'a{1}', 1)\n"), "by a name the lab does not know (an f-string)"),
            (class("        setattr(other, 'a', 1)\n"), "on an object other than the instance"),
            (class("        setattr(self, '__a', 1)\n"), "sets .__a by name"),
            (class("        setattr(self, 'a', 1, 2)\n"), "other than three arguments"),
            (format!("{}    __slots__ = ('a',)\n", class("        setattr(self, 'a', 1)\n")), "C defines __slots__"),
            (format!("setattr = print\n{}", class("        setattr(self, 'a', 1)\n")), "calls setattr"),
        ];
        for (code, why) in declined {
            let found = constructed(&code, "C").unwrap_err();
            assert!(found.contains(why), "{code}: {found}");
        }
    }

    #[test]
    fn a_for_runs_its_body_per_item_of_a_display_or_a_tuple_it_holds() {
        let code = "class C:\n    def __init__(self):\n        pairs = (('a', 1), ('b', 2), ('c', 3))\n        \
                    for name, value in pairs:\n            if name == 'b':\n                continue\n            \
                    setattr(self, name, value)\n        else:\n            self.done = True\n        \
                    for self.last in [1, 2]:\n            break\n";
        let int = |i| Value::Literal(Literal::Int(i));
        assert_eq!(
            constructed(code, "C").unwrap(),
            [
                ("a".to_owned(), int(1)),
                ("c".to_owned(), int(3)),
                ("done".to_owned(), Value::Literal(Literal::Bool(true))),
                ("last".to_owned(), int(1)),
            ]
        );
        let unknown = "class C:\n    def __init__(self, names=print):\n        for name in names:\n            pass\n";
        let why = constructed(unknown, "C").unwrap_err();
        assert_eq!(why, "C.__init__ runs a `for` over names, whose items the lab does not know at line 3");
    }

    /// What `class()` raises in `code`, or why the lab cannot tell.
    fn raised(code: &str, class: &str) -> Result<String, String> {
        let source = pysource::Source::parse(code).unwrap();
        let module = source.module();
        let methods = crate::values::method_bodies(Some(&source));
        match construct(&module, &methods, &|_| false, &|_| false, module.class(class).unwrap(), 13) {
            Err(Stop::Raised(raised)) => Ok(format!("{} at {}:{}", raised.error, raised.qualname, raised.line)),
            Err(Stop::Unfollowed(why)) => Err(why),
            Ok(set) => Err(format!("sets {set:?}")),
        }
    }

    #[test]
    fn raises_and_failed_asserts_end_the_construction_with_their_last_traceback_line() {
        let class = |body: &str| format!("class C:\n    def __init__(self, flag=False, text='t'):\n{body}");
        let cases = [
            ("        raise ValueError('count')\n", "ValueError: count at C.__init__:3"),
            ("        raise ValueError\n", "ValueError at C.__init__:3"),
            ("        raise KeyError('k')\n", "KeyError: 'k' at C.__init__:3"),
            ("        raise TypeError('') from None\n", "TypeError at C.__init__:3"),
            ("        assert flag, 'no flag'\n", "AssertionError: no flag at C.__init__:3"),
            ("        assert not text\n", "AssertionError at C.__init__:3"),
            ("        assert text\n        raise RuntimeError('after')\n", "RuntimeError: after at C.__init__:4"),
        ];
        for (body, expected) in cases {
            assert_eq!(raised(&class(body), "C").as_deref(), Ok(expected), "{body}");
        }
        let own = "class Bad(KeyError):\n    pass\nclass C:\n    def __init__(self):\n        raise Bad('b')\n";
        assert_eq!(raised(own, "C").as_deref(), Ok("Bad: 'b' at C.__init__:5"));
    }

    #[test]
    fn a_raise_whose_line_the_lab_cannot_write_is_not_followed() {
        let declined = [
            "class C:\n    def __init__(self, text=None):\n        raise ValueError(text)\n",
            "class C:\n    def __init__(self):\n        raise ValueError(f'{1.5}')\n",
            "class C:\n    def __init__(self):\n        raise ValueError('a', 'b')\n",
            "class C:\n    def __init__(self):\n        raise ValueError('two\\nlines')\n",
            "class C:\n    def __init__(self):\n        raise ValueError('end ')\n",
            "class C:\n    def __init__(self):\n        raise SystemExit('bye')\n",
            "class C:\n    def __init__(self):\n        raise\n",
            "ValueError = KeyError\nclass C:\n    def __init__(self):\n        raise ValueError('v')\n",
            "class E(ValueError):\n    def __str__(self):\n        return 's'\nclass C:\n    def __init__(self):\n        \
             raise E('e')\n",
            "class C:\n    def __init__(self, why=1):\n        assert False, why\n",
        ];
        for code in declined {
            assert!(raised(code, "C").is_err(), "{code}");
        }
    }
}
