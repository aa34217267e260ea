//! What the lab does not model, pair by pair: rather than guess, it declines the static and/or
//! the runtime verdict and names the construct and its line.

use std::collections::{HashMap, HashSet};

use pysource::{
    Attribute, Class, Expression, Function, FunctionBody, InheritedMember, Member, MemberKind, Module, Source,
    Statement, StatementKind, TypeExpr,
};

use crate::dataclasses::HashAction;
use crate::init_runs::{InstanceAttributes, Raised, Stop};
use crate::runtime::init_needs_no_arguments;
use crate::slots::Slots;
use crate::statics::getattr_method;
use crate::stdlib::RuntimeMember;

/// Bases the lab knows add no members it does not model.
const KNOWN_BASES: &[&str] =
    &["object", "builtins.object", "Protocol", "typing.Protocol", "typing_extensions.Protocol"];

/// Method decorators the lab models (setters and deleters are folded into their property).
const KNOWN_METHOD_DECORATORS: &[&str] =
    &["property", "builtins.property", "staticmethod", "classmethod", "abstractmethod", "abc.abstractmethod"];

/// Type names the lab's subtype rules know, besides the classes of the code.
const KNOWN_NAMES: &[&str] = &[
    "int",
    "float",
    "complex",
    "bool",
    "str",
    "bytes",
    "object",
    "Never",
    "NoReturn",
    "typing_extensions.Never",
    "typing_extensions.NoReturn",
];

/// Generic types the lab's subtype rules know (always with their arguments).
const KNOWN_GENERICS: &[&str] = &[
    "list",
    "dict",
    "set",
    "frozenset",
    "tuple",
    "type",
    "Sequence",
    "Iterable",
    "Iterator",
    "Awaitable",
    "Coroutine",
];

/// Special methods that change how classes or instances are made.
const CREATION_HOOKS: &[&str] = &["__new__", "__init_subclass__", "__class_getitem__", "__set_name__"];

/// What every instance has without defining it: `dir(object)` (CPython 3.11 to 3.14) and what
/// `class` statements and the dataclass machinery add (but `__match_args__`, which
/// `dataclasses::normalize` writes into the class, and a `NamedTuple`'s stub declares). A
/// protocol asking for one of them is answered by `object` (or typeshed's view of it): the lab
/// models `object`'s methods for a class without standard-library bases
/// (`runtime::from_object`) and declines the others.
const IMPLICIT_ATTRIBUTES: &[&str] = &[
    "__class__",
    "__delattr__",
    "__dir__",
    "__doc__",
    "__eq__",
    "__format__",
    "__ge__",
    "__getattribute__",
    "__getstate__",
    "__gt__",
    "__hash__",
    "__init__",
    "__init_subclass__",
    "__le__",
    "__lt__",
    "__ne__",
    "__new__",
    "__reduce__",
    "__reduce_ex__",
    "__repr__",
    "__setattr__",
    "__sizeof__",
    "__str__",
    "__subclasshook__",
    "__dict__",
    "__weakref__",
    "__module__",
    "__annotations__",
    "__dataclass_fields__",
    "__dataclass_params__",
];

/// Why the lab declines a pair's verdicts: None where it predicts.
#[derive(Debug, Default)]
pub(crate) struct Declines {
    pub static_reason: Option<String>,
    pub runtime_reason: Option<String>,
    /// An abstract method the class leaves unimplemented, when nothing the lab does not model
    /// comes before it: making the instance raises TypeError, whatever the Protocol, and no
    /// runtime decline after it counts.
    pub abstract_method: Option<String>,
    /// The exception making the instance surely raises, when nothing the lab does not model
    /// comes before it: isinstance() is not called, whatever the Protocol.
    pub raised: Option<Raised>,
}

impl Declines {
    fn add(&mut self, statically: bool, at_runtime: bool, reason: impl Into<String>) {
        let reason = reason.into();
        if statically && self.static_reason.is_none() {
            self.static_reason = Some(reason.clone());
        }
        if at_runtime && self.runtime_reason.is_none() && self.abstract_method.is_none() {
            self.runtime_reason = Some(reason);
        }
    }

    fn all(&self) -> bool {
        self.static_reason.is_some() && (self.runtime_reason.is_some() || self.abstract_method.is_some())
    }
}

/// What the model reads of the code besides its classes: which names methods write on objects.
pub(crate) struct Context<'m> {
    pub module: &'m Module,
    /// Per class: `(attribute, line)` written as `x.attribute = ...` (or annotated, augmented,
    /// a `for` or `with` target) through any object anywhere in its body, nested blocks and
    /// functions included, but at the lines the module shows already (`patches.rs`).
    written: HashMap<&'m str, Vec<(String, usize)>>,
    /// Per class: the lines of its body that may write attributes by name (`setattr`, `vars`,
    /// `__dict__`, `__setattr__`), in order.
    dynamic_writes: HashMap<&'m str, Vec<usize>>,
    /// Per class: the lines of its methods' `setattr(...)` statements (`by_name.rs`).
    setattr_statements: HashMap<&'m str, HashSet<usize>>,
    /// Classes with nothing the lab does not model about them or their bases (see `class_issues`).
    clean: HashSet<&'m str>,
    /// What the lab does not model about each class itself: (static, runtime, reason).
    issues: HashMap<&'m str, Vec<(bool, bool, String)>>,
    /// Classes whose attributes code anywhere in the module sets or deletes where the lab does not
    /// follow it, and the first such line.
    patched: HashMap<&'m str, usize>,
    /// Each class's MRO within the module, computed once.
    mros: HashMap<&'m str, Vec<&'m Class>>,
    /// What the lab does not model about one member (keyed by its address in the module).
    members: std::cell::RefCell<HashMap<usize, Declines>>,
    /// The classes that `@dataclass` made, and what it did to their `__hash__`.
    hash_actions: HashMap<String, HashAction>,
    /// The classes that `@dataclass(frozen=True)` made.
    frozen_dataclasses: HashSet<String>,
    /// The bodies of the methods of the code's top-level classes, by `Class.method`.
    methods: crate::values::MethodBodies,
    /// The CPython minor version the runtime verdicts are for.
    python_minor: u8,
    /// What making an instance of each class sets on it, once computed (`init_runs.rs`).
    constructions: std::cell::RefCell<HashMap<String, Result<InstanceAttributes, Stop>>>,
}

impl<'m> Context<'m> {
    /// `source` is the parsed code the module was read from (None when the caller has only the
    /// module): the lab reads from it the attribute writes the classes' members do not show,
    /// besides those at the lines of `patches`, which `module` shows (`patches.rs`).
    pub fn new(module: &'m Module, source: Option<&Source>, patches: &HashSet<usize>) -> Context<'m> {
        let changes = source.map(Source::attribute_changes).unwrap_or_default();
        let mut patched = HashMap::new();
        let mut written = HashMap::new();
        let mut dynamic_writes = HashMap::new();
        for class in &module.classes {
            let name = class.name.as_str();
            if let Some(line) =
                changes.changed_objects.get(name).and_then(|lines| lines.iter().find(|line| !patches.contains(line)))
            {
                patched.insert(name, *line);
            }
            let Some(writes) = changes.class_writes.get(name) else { continue };
            let run = writes.attributes.iter().filter(|w| !patches.contains(&w.line));
            written.insert(name, run.map(|w| (w.name.clone(), w.line)).collect());
            let by_name: Vec<usize> = writes.by_name.iter().filter(|line| !patches.contains(line)).copied().collect();
            if !by_name.is_empty() {
                dynamic_writes.insert(name, by_name);
            }
        }
        let issues: HashMap<&str, Vec<(bool, bool, String)>> =
            module.classes.iter().map(|c| (c.name.as_str(), class_issues(module, c))).collect();
        let clean = module
            .classes
            .iter()
            .filter(|c| module.mro(c).iter().all(|c| issues.get(c.name.as_str()).is_none_or(Vec::is_empty)))
            .map(|c| c.name.as_str())
            .collect();
        let mros = module.classes.iter().map(|c| (c.name.as_str(), module.mro(c))).collect();
        let methods = crate::values::method_bodies(source);
        let setattr_statements =
            dynamic_writes.keys().map(|class| (*class, crate::by_name::setattr_statements(&methods, class))).collect();
        Context {
            module,
            written,
            dynamic_writes,
            setattr_statements,
            clean,
            issues,
            patched,
            mros,
            members: Default::default(),
            hash_actions: HashMap::new(),
            frozen_dataclasses: HashSet::new(),
            methods,
            python_minor: lab::PYODIDE_PYTHON_MINOR,
            constructions: Default::default(),
        }
    }

    /// What `class()` sets on the instance, or the exception it raises, or why the lab cannot tell
    /// (`init_runs.rs`).
    pub fn construction(&self, class: &Class) -> Result<InstanceAttributes, Stop> {
        if let Some(known) = self.constructions.borrow().get(&class.name) {
            return known.clone();
        }
        let dataclass = |name: &str| self.hash_actions.contains_key(name);
        let frozen = |name: &str| self.frozen_dataclasses.contains(name);
        let made =
            crate::init_runs::construct(self.module, &self.methods, &dataclass, &frozen, class, self.python_minor);
        self.constructions.borrow_mut().insert(class.name.clone(), made.clone());
        made
    }

    /// Why the lab cannot write what `raised` shows, where its class is the code's and the lab
    /// does not model something about it or its bases (changes after the class statement, ...),
    /// which could give it a message of its own.
    fn unfollowed_exception_class(&self, raised: &Raised) -> Option<String> {
        let class = self.module.class(raised.code_class.as_deref()?)?;
        self.mro(class).into_iter().find_map(|owner| {
            let name = owner.name.as_str();
            let issue = self.issues.get(name).into_iter().flatten().find(|(_, at_runtime, _)| *at_runtime);
            match (issue, self.patched.get(name)) {
                (Some((_, _, reason)), _) => Some(format!("{} raises {name}, but {reason}", raised.qualname)),
                (None, Some(line)) => Some(format!(
                    "{} raises {name}, whose attributes line {line} changes after the class statement",
                    raised.qualname
                )),
                (None, None) => None,
            }
        })
    }

    /// The classes that `@dataclass` made, and what it did to their `__hash__`.
    pub fn hash_actions(&self) -> &HashMap<String, HashAction> {
        &self.hash_actions
    }

    /// Whether making an instance of `class` runs `owner.__init__` (a class of its MRO), when
    /// the lab can follow it: the `__init__` that runs calls `super().__init__(...)` (or names
    /// the class whose `__init__` that is: `Base.__init__(self, ...)`), and so on up to
    /// `owner`'s, through bodies with nothing else that could run code (assignments of values
    /// without calls, `pass`, docstrings, calls of the instance's undecorated methods whose
    /// bodies do nothing). None where it cannot tell.
    pub fn init_sets(&self, class: &Class, owner: &Class) -> Option<bool> {
        let mro = self.mro(class);
        let known_bases = mro.iter().flat_map(|c| c.base_names()).all(|base| {
            self.module.class(base).is_some()
                || crate::runtime::is_object(base)
                || matches!(base, "Generic" | "typing.Generic" | "typing_extensions.Generic")
        });
        if !known_bases {
            return None;
        }
        let mut running = mro.iter().position(|c| c.member("__init__").is_some())?;
        loop {
            let current = mro[running];
            if std::ptr::eq(current, owner) {
                return Some(true);
            }
            let next = mro[running + 1..].iter().position(|c| c.member("__init__").is_some()).map(|i| running + 1 + i);
            let init = self.methods.get(&format!("{}.__init__", current.name))?;
            let calls_next = init.statements.iter().try_fold(false, |calls, statement| {
                self.calls_next_init(class, init, next.map(|i| mro[i]), statement).map(|this| calls || this)
            })?;
            if !calls_next {
                return Some(false);
            }
            running = next?;
        }
    }

    /// The context predicting runtime verdicts for CPython 3.`python_minor`.
    pub fn for_python(mut self, python_minor: u8) -> Context<'m> {
        self.python_minor = python_minor;
        self
    }

    /// The context saying, for a class whose first unread statement is an `if` clause, a `for`
    /// or a `try` at a line of `unread_blocks`, why the lab left it unread.
    pub fn explaining_unread_blocks(mut self, unread_blocks: &HashMap<usize, String>) -> Context<'m> {
        for class in &self.module.classes {
            let Some(line) = class.unread_statements.first() else { continue };
            let (Some(reason), Some(issues)) = (unread_blocks.get(line), self.issues.get_mut(class.name.as_str()))
            else {
                continue;
            };
            let unread = unread_statement(class, *line);
            for issue in issues.iter_mut().filter(|issue| issue.2 == unread) {
                issue.2 = format!("{}'s body has {reason}", class.name);
            }
        }
        self
    }

    /// The context knowing which classes `@dataclass` made (the module it reads has them
    /// rewritten into plain classes) and what it did to their `__hash__`.
    pub fn with_hash_actions(mut self, actions: &HashMap<String, HashAction>) -> Context<'m> {
        self.hash_actions = actions.clone();
        self
    }

    /// The context knowing which classes `@dataclass(frozen=True)` made.
    pub fn with_frozen_dataclasses(mut self, frozen: HashSet<String>) -> Context<'m> {
        self.frozen_dataclasses = frozen;
        self
    }

    /// The declines of `class` against `protocol`, whose members are `members`.
    pub fn declines(&self, class: &'m Class, protocol: &'m Class, members: &[InheritedMember]) -> Declines {
        let mut declines = Declines::default();
        for subject in [class, protocol] {
            for owner in self.mro(subject) {
                for (statically, at_runtime, reason) in self.issues.get(owner.name.as_str()).into_iter().flatten() {
                    declines.add(*statically, *at_runtime, reason.as_str());
                }
            }
        }
        for subject in [class, protocol] {
            for owner in self.mro(subject) {
                if let Some(line) = self.patched.get(owner.name.as_str()) {
                    declines.add(
                        false,
                        true,
                        format!("line {line} changes {}'s attributes after the class statement", owner.name),
                    );
                }
            }
        }
        if let Some(dataclass) =
            self.mro(class).into_iter().find(|c| self.hash_actions.get(&c.name) == Some(&HashAction::Raises))
        {
            declines.add(
                false,
                true,
                format!("@dataclass(unsafe_hash=True) raises TypeError for {}, which defines __hash__", dataclass.name),
            );
        }
        if declines.runtime_reason.is_none() {
            // Only `object.__new__` refuses an abstract class: a builtin base's own `__new__`
            // (dict's, int's, an exception's, ...) makes the instance, asked about as any other.
            let concrete_base = self.mro(class).iter().flat_map(|c| c.bases.iter()).any(|base| {
                crate::stdlib::class(base).is_some()
                    && !crate::stdlib::is_abstract_base(base)
                    && !crate::runtime::is_object(base)
            });
            if !concrete_base {
                declines.abstract_method = unimplemented_abstract_method(self.module, class);
            }
        }
        if declines.all() {
            return declines;
        }
        let runs_init = init_needs_no_arguments(self.module, class);
        let mut raised = None;
        if runs_init {
            match self.construction(class) {
                Err(Stop::Raised(exception)) => match self.unfollowed_exception_class(&exception) {
                    Some(why) => declines.add(false, true, why),
                    None => raised = Some(exception),
                },
                Err(why) => {
                    if let Some((owner, line)) = self.raise_in_init(class) {
                        declines.add(
                            false,
                            true,
                            format!(
                                "{owner}.__init__ may raise at line {line}, and the lab does not follow {}(): {why}",
                                class.name
                            ),
                        );
                    } else if crate::init_runs::too_deep(&why.to_string()) {
                        declines.add(false, true, format!("{}() may raise RecursionError: {why}", class.name));
                    }
                }
                Ok(_) => {}
            }
        }
        match crate::slots::slots(self.module, class) {
            Slots::Absent => {}
            Slots::Unreadable(why) => declines.add(false, true, format!("{why}: the lab cannot read the slots")),
            Slots::Names { names, has_dict } => {
                // A run of `C()` the lab follows to its end or to an exception meets each write
                // that no slot takes where it happens (`slots::refused_write`).
                let run_followed = matches!(self.construction(class), Ok(_) | Err(Stop::Raised(_)));
                for owner in self.mro(class) {
                    for member in &owner.members {
                        let MemberKind::Attribute(attribute) = &member.kind else { continue };
                        if names.contains(&member.name) && attribute.class_value.is_some() {
                            declines.add(
                                false,
                                true,
                                format!(
                                    "{}.{} is both a slot and a class attribute, which makes the class statement \
                                     raise ValueError",
                                    owner.name, member.name
                                ),
                            );
                        } else if runs_init
                            && !run_followed
                            && !has_dict
                            && attribute.assigned_in_init
                            && !names.contains(&member.name)
                        {
                            declines.add(
                                false,
                                true,
                                format!(
                                    "{}.__init__ sets .{}, which no __slots__ lists: {}() raises AttributeError",
                                    owner.name, member.name, class.name
                                ),
                            );
                        }
                    }
                }
            }
        }
        // Without @runtime_checkable, isinstance() raises TypeError before it looks at a member,
        // and where making the instance raises, isinstance() is not called: only what keeps the
        // instance from being made (above) counts at runtime.
        let making_instance = declines.runtime_reason.clone();
        let data_members = !members.iter().all(|m| matches!(m.member.kind, MemberKind::Method(_)));
        let stdlib_bases: Vec<(&str, &crate::stdlib::StdClass)> =
            self.mro(class).iter().flat_map(|c| c.bases.iter()).filter_map(|base| crate::stdlib::class(base)).collect();
        for wanted in members {
            let name = wanted.member.name.as_str();
            let defined_here = self.lookup(class, name).is_some();
            // The static check compares the first stub that declares the member, when the lab can
            // read it (`stdlib::stub_class`) and knows its types.
            let stub_problem = match crate::stdlib::declaring_stub(self.module, class, name) {
                _ if defined_here => None,
                Some(stub) => {
                    let mut issues = Declines::default();
                    self.member_issues(&mut issues, &stub.members[0].kind, &stub, name);
                    issues.static_reason
                }
                None => Some("the lab reads only a plain def or an annotated attribute of a stub".to_owned()),
            };
            for (base, std) in &stdlib_bases {
                let declared = std.members.get(name).or_else(|| std.conditional.get(name));
                if let Some(signature) = declared {
                    if let Some(problem) = &stub_problem {
                        declines.add(
                            true,
                            false,
                            format!("{} inherits {name} from {base} (typeshed: `{signature}`): {problem}", class.name),
                        );
                    }
                } else if std.getattr {
                    declines.add(true, false, format!("{base} answers any name through __getattr__ in typeshed"));
                }
                if self.lookup(class, name).is_none() && crate::stdlib::runtime_known(base) {
                    match crate::stdlib::runtime_member(base, name, self.python_minor, data_members) {
                        RuntimeMember::Method | RuntimeMember::NoneValue | RuntimeMember::Absent => {}
                        RuntimeMember::Unsure(why) => declines.add(
                            false,
                            true,
                            format!("{} inherits {name} from {base}, but {why}: the lab cannot tell if isinstance() finds it", class.name),
                        ),
                        RuntimeMember::Unlisted => declines.add(
                            false,
                            true,
                            format!(
                                "{} may inherit {name} from {base}: typeshed does not list it, and stubs leave out \
                                 private and special names a class has at runtime",
                                class.name
                            ),
                        ),
                    }
                }
            }
            self.cached_member_issues(&mut declines, wanted.member, wanted.owner);
            let found = self.lookup(class, name);
            match found {
                Some(found) => {
                    let solved = match (&wanted.member.kind, &found.member.kind) {
                        (MemberKind::Method(want), MemberKind::Method(have)) => {
                            crate::method_generics::solve(self.module, &found.owner.name, have, want)
                        }
                        _ => None,
                    };
                    match solved {
                        // The method's type variables are solved for this Protocol: what else the
                        // lab does not model about it is judged with them put in.
                        Some(Ok(function)) => {
                            let mut issues = Declines::default();
                            self.member_issues(&mut issues, &MemberKind::Method(function), found.owner, name);
                            if let Some(reason) = issues.static_reason {
                                declines.add(true, false, reason);
                            }
                            if let Some(reason) = issues.runtime_reason {
                                declines.add(false, true, reason);
                            }
                        }
                        Some(Err(why)) => {
                            declines.add(true, false, why);
                            self.cached_member_issues(&mut declines, found.member, found.owner);
                        }
                        None => self.cached_member_issues(&mut declines, found.member, found.owner),
                    }
                    if let Some(line) = self.unread_write(&found) {
                        declines.add(
                            true,
                            false,
                            format!(
                                "{} writes .{name} at line {line}, where the lab does not read it, and mypy may type \
                                 the attribute from that write",
                                found.owner.name
                            ),
                        );
                    }
                    self.pair_issues(&mut declines, wanted, found, runs_init, class);
                }
                None if crate::runtime::from_object(self.module, class, name) => {
                    let object_stub = crate::stdlib::object_member(name);
                    if let (Some(signature), Some(problem)) = (object_stub, &stub_problem) {
                        declines.add(
                            true,
                            false,
                            format!("{} inherits {name} from object (typeshed: `{signature}`): {problem}", class.name),
                        );
                    }
                }
                None => {
                    // A standard-library base declares what it has from object (the data has
                    // object's members in every class, and the rich comparisons are on every
                    // class at runtime): the checks above judge it.
                    let declared = crate::stdlib::OBJECT_COMPARISONS.contains(&name)
                        || stdlib_bases.iter().any(|(_, std)| std.members.contains_key(name));
                    if IMPLICIT_ATTRIBUTES.contains(&name) && !declared {
                        declines.add(
                            true,
                            true,
                            format!(
                                "{} asks for {name}, which {} only has from object: the lab does not model object's members",
                                protocol.name, class.name
                            ),
                        );
                    }
                    if let Some(getattr) = getattr_method(self.module, class) {
                        if let Err(what) = known_type(&return_type(getattr), &self.clean, self.module) {
                            declines.add(true, false, unknown_type(&class.name, "__getattr__", getattr.line, &what));
                        }
                    }
                    if let Some((owner, write)) = self.method_write(class, name) {
                        let why = crate::inferred::written_type(self.module, owner, write, &self.methods)
                            .err()
                            .unwrap_or_else(|| {
                                "a base declares it, and the lab does not follow assignments to inherited attributes"
                                    .to_owned()
                            });
                        declines.add(
                            true,
                            false,
                            format!(
                                "{}.{} sets .{name} at line {} (mypy counts it), but the lab cannot type it: {why}",
                                owner.name, write.method, write.line
                            ),
                        );
                    } else if let Some((writer, line)) = self.writer(class, name) {
                        declines.add(
                            true,
                            false,
                            format!(
                                "{writer} writes .{name} at line {line}, where the lab does not read it: mypy counts \
                                 attributes set through self in any method"
                            ),
                        );
                    }
                    if runs_init && self.construction_runs_code(class) && !self.construction_runs_no_method(class) {
                        if let (Some((writer, line)), Err(why)) = (self.writer(class, name), self.construction(class)) {
                            declines.add(false, true, may_run(class, &writer, name, line, &why.to_string()));
                        }
                    }
                }
            }
        }
        if runs_init {
            if let Some(why) = self.unfollowed_write_by_name(class) {
                declines.add(false, true, why);
            }
        }
        if !protocol.is_runtime_checkable || raised.is_some() {
            declines.runtime_reason = making_instance;
        }
        if declines.runtime_reason.is_none() && declines.abstract_method.is_none() {
            declines.raised = raised;
        }
        declines
    }

    fn mro(&self, class: &'m Class) -> Vec<&'m Class> {
        match self.mros.get(class.name.as_str()) {
            Some(mro) if mro.first().is_some_and(|c| std::ptr::eq(*c, class)) => mro.clone(),
            _ => self.module.mro(class),
        }
    }

    fn lookup(&self, class: &'m Class, name: &str) -> Option<InheritedMember<'m>> {
        self.mro(class).into_iter().find_map(|owner| owner.member(name).map(|member| InheritedMember { member, owner }))
    }

    /// [`Self::member_issues`], once per member.
    fn cached_member_issues(&self, declines: &mut Declines, member: &Member, owner: &Class) {
        let key = std::ptr::from_ref(member) as usize;
        let mut cache = self.members.borrow_mut();
        let found = cache.entry(key).or_insert_with(|| {
            let mut found = Declines::default();
            self.member_issues(&mut found, &member.kind, owner, &member.name);
            found
        });
        if let Some(reason) = &found.static_reason {
            declines.add(true, false, reason.as_str());
        }
        if let Some(reason) = &found.runtime_reason {
            declines.add(false, true, reason.as_str());
        }
    }

    /// Why a verdict resting on the conformance of `pairs` (class, protocol) cannot be given:
    /// the lab declines one of them.
    /// A pair may also be a Callable type and a callback Protocol, or a class and a Callable
    /// type or a typeshed Protocol: then what the lab declines about the class and the members
    /// asked of it counts.
    pub fn nested_decline(&self, pairs: &[(String, String)]) -> Option<String> {
        pairs.iter().find_map(|(class, protocol)| {
            let reason = match (self.module.class(class), self.module.class(protocol)) {
                (Some(class), Some(protocol)) => {
                    let members = crate::statics::protocol_members(self.module, protocol);
                    self.declines(class, protocol, &members).static_reason
                }
                (None, Some(callback)) => self.members_decline(callback, &["__call__".to_owned()]),
                (Some(class), None) => {
                    let head = protocol.split('[').next().unwrap_or(protocol);
                    let members = match crate::stdlib::annotation_class(head) {
                        Some((_, typeshed)) if typeshed.protocol => typeshed.protocol_members.clone(),
                        _ => vec!["__call__".to_owned()],
                    };
                    self.members_decline(class, &members)
                }
                (None, None) => None,
            }?;
            Some(format!("it needs {class} to conform to {protocol}, which the lab does not predict: {reason}"))
        })
    }

    /// What the lab does not model about `class` or the members `names` of its MRO, statically.
    fn members_decline(&self, class: &'m Class, names: &[String]) -> Option<String> {
        let mut declines = Declines::default();
        for owner in self.mro(class) {
            for (statically, at_runtime, reason) in self.issues.get(owner.name.as_str()).into_iter().flatten() {
                declines.add(*statically, *at_runtime, reason.as_str());
            }
        }
        for name in names {
            if let Some(found) = self.lookup(class, name) {
                self.cached_member_issues(&mut declines, found.member, found.owner);
            }
        }
        declines.static_reason
    }

    /// What the lab cannot judge about one member, of the class or of the protocol.
    fn member_issues(&self, declines: &mut Declines, kind: &MemberKind, owner: &Class, name: &str) {
        let function = match kind {
            MemberKind::Method(f) => f,
            MemberKind::Property { getter, .. } => getter,
            MemberKind::Attribute(attribute) => {
                self.attribute_issues(declines, attribute, owner, name);
                return;
            }
        };
        let at = format!("{}.{name} (line {})", owner.name, function.line);
        if let MemberKind::Property { setter, deleter, .. } = kind {
            // `@x.setter def set_x` binds a second property to `set_x`: mypy reports the
            // decorator and does not type `set_x` as a property. At runtime it is one.
            let accessors = [setter.as_deref(), deleter.as_deref()].into_iter().flatten();
            let made_by =
                accessors.filter(|f| f.name == name).find_map(|f| f.accessor_decorator().filter(|(p, _)| *p != name));
            if let Some((property, _)) = made_by {
                let reason = format!(
                    "{at} is a property `@{property}.setter` or `.deleter` bound to another name, which mypy reports as an error: the lab does not model it"
                );
                declines.add(true, false, reason);
            }
        }
        for decorator in &function.decorators {
            if !KNOWN_METHOD_DECORATORS.contains(&decorator.as_str()) {
                if is_overload(decorator) {
                    continue;
                }
                declines.add(true, true, format!("{at} is decorated with @{decorator}, which the lab does not model"));
            }
        }
        if function.overloaded {
            declines.add(true, false, format!("{at} is overloaded (@overload): the lab does not model overloads"));
        }
        if let Some(params) = &function.type_params {
            declines.add(true, false, format!("{at} has type parameters {params}: the lab does not model them"));
        }
        let signature = if matches!(kind, MemberKind::Property { .. }) {
            pysource::Signature { params: Vec::new(), returns: function.signature.returns.clone() }
        } else {
            function.bound_signature()
        };
        let annotations =
            signature.params.iter().filter_map(|p| p.annotation.as_deref()).chain(signature.returns.as_deref());
        for annotation in annotations {
            let typ = crate::types::parse(annotation);
            // A method's Self is bound to the class being checked (see `callable::bind_self`);
            // elsewhere it stays a type the lab does not model.
            let typ = match kind {
                MemberKind::Method(_) => crate::callable::bind_self_type(&typ, "object"),
                _ => typ,
            };
            if let Err(what) = known_type(&typ, &self.clean, self.module) {
                declines.add(true, false, unknown_type(&owner.name, name, function.line, &what));
            }
        }
    }

    fn attribute_issues(&self, declines: &mut Declines, attribute: &Attribute, owner: &Class, name: &str) {
        let at = format!("{}.{name}", owner.name);
        if let Some(annotation) = &attribute.annotation {
            let head = annotation.split('[').next().unwrap_or(annotation).trim();
            if matches!(head, "Final" | "typing.Final" | "typing_extensions.Final") {
                // `finals::normalize` has read every other Final as a read-only attribute.
                let why = if owner.is_protocol {
                    "a Protocol member declared Final, which mypy reports"
                } else {
                    "a bare Final set in __init__, whose type the lab does not infer"
                };
                declines.add(true, false, format!("{at} is {annotation}: {why}"));
            } else if let Err(what) = known_type(&crate::types::parse(annotation), &self.clean, self.module) {
                declines.add(true, false, format!("{at} is annotated {what}, a type the lab does not model"));
            }
        }
        if let Some(value) = &attribute.class_value {
            if is_lambda(value) {
                // A function, neither None nor a data descriptor: what isinstance asks of it.
                declines.add(
                    attribute.annotation.is_none(),
                    false,
                    format!("{at} = {value}: the lab does not infer the type of a lambda"),
                );
            } else if !plain_value(value) && !self.builtin_instance(value) {
                declines.add(
                    attribute.annotation.is_none(),
                    true,
                    format!(
                        "{at} = {value}: the lab does not evaluate it (it may be a descriptor, a function or None)"
                    ),
                );
            } else if attribute.annotation.is_none() && crate::statics::attribute_type(attribute) == TypeExpr::Any {
                declines.add(true, false, format!("{at} = {value}: the lab does not infer its type"));
            }
        } else if attribute.annotation.is_none() && attribute.assigned_in_init {
            let why = crate::inferred::first_writes(owner)
                .into_iter()
                .find(|w| w.name == name)
                .and_then(|w| crate::inferred::written_type(self.module, owner, w, &self.methods).err())
                .unwrap_or_else(|| "it does not read the value it is set to".to_owned());
            declines.add(
                true,
                false,
                format!(
                    "{at} is set in {}.__init__ without an annotation, and the lab cannot type it: {why}",
                    owner.name
                ),
            );
        }
    }

    /// What the lab cannot judge about a protocol member and the class member found for it.
    fn pair_issues(
        &self,
        declines: &mut Declines,
        wanted: &InheritedMember,
        found: InheritedMember,
        runs_init: bool,
        class: &Class,
    ) {
        let name = &wanted.member.name;
        match (&wanted.member.kind, &found.member.kind) {
            (MemberKind::Attribute(want), MemberKind::Property { .. } | MemberKind::Method(_)) if want.class_var => {
                declines.add(
                    true,
                    false,
                    format!(
                        "{}.{name} is a ClassVar and {}.{name} is not an attribute: the lab does not model it",
                        wanted.owner.name, found.owner.name
                    ),
                );
            }
            (_, MemberKind::Attribute(attribute)) if runs_init && attribute.class_value.is_none() => {
                let init_owner = self.lookup(class, "__init__").map(|m| m.owner.name.as_str());
                let followed =
                    init_owner == Some(found.owner.name.as_str()) || self.init_sets(class, found.owner).is_some();
                let construction = self.construction(class);
                match &construction {
                    Err(why) if attribute.assigned_in_init && !followed => declines.add(
                        false,
                        true,
                        format!(
                            "{}.{name} is set in {}.__init__, but {}() runs {}.__init__, which the lab does not \
                             follow: {why}",
                            found.owner.name,
                            found.owner.name,
                            class.name,
                            init_owner.unwrap_or("object")
                        ),
                    ),
                    Err(why)
                        if !attribute.assigned_in_init
                            && self.construction_runs_code(class)
                            && !self.construction_runs_no_method(class) =>
                    {
                        if let Some((writer, line)) = self.writer(class, name) {
                            declines.add(false, true, may_run(class, &writer, name, line, &why.to_string()));
                        }
                    }
                    Err(why) if attribute.assigned_in_init => {
                        if let Some(line) = self.returns_in_block(found.owner).filter(|l| *l < attribute.line) {
                            declines.add(
                                false,
                                true,
                                format!(
                                    "{}.__init__ may return at line {line} before it sets .{name}, and the lab does \
                                     not follow {}(): {why}",
                                    found.owner.name, class.name
                                ),
                            );
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        // isinstance() treats a method member set to None as absent.
        if runs_init && matches!(wanted.member.kind, MemberKind::Method(_)) {
            let set = self.construction(class).ok().and_then(|set| set.get(name.as_str()).cloned());
            if set == Some(crate::init_runs::Value::Unknown) {
                declines.add(
                    false,
                    true,
                    format!(
                        "{}() sets .{name} to a value the lab does not know, which isinstance() treats as absent \
                         if it is None",
                        class.name
                    ),
                );
            }
        }
    }

    /// Whether `value` calls a builtin scalar class the module does not shadow on literals
    /// (`str(1)`): an instance of it, neither None nor a descriptor.
    fn builtin_instance(&self, value: &str) -> bool {
        let Some(Expression::Call { func, args, keywords }) = pysource::expression(value) else { return false };
        let Expression::Name { id } = &*func else { return false };
        matches!(id.as_str(), "int" | "str" | "float" | "bool" | "bytes")
            && keywords.is_empty()
            && args.iter().all(|a| matches!(a, Expression::Literal { .. }))
            && self.module.class(id).is_none()
            && self.module.functions.iter().all(|f| f.name != *id)
            && !self.module.imports.contains_key(id)
    }

    /// A class of `class`'s MRO whose `__init__` (or `__post_init__`) has a `raise` or a
    /// statement the reader keeps whole (`assert`, ...), and its line.
    fn raise_in_init(&self, class: &Class) -> Option<(String, usize)> {
        fn raises(statements: &[Statement]) -> Option<usize> {
            statements.iter().find_map(|statement| match &statement.kind {
                // A statement the reader keeps whole may raise too.
                StatementKind::Raise { .. } | StatementKind::Assert { .. } | StatementKind::Other => {
                    Some(statement.line)
                }
                StatementKind::If { body, orelse, .. }
                | StatementKind::For { body, orelse, .. }
                | StatementKind::While { body, orelse, .. } => raises(body).or_else(|| raises(orelse)),
                StatementKind::With { body, .. } => raises(body),
                StatementKind::Try { body, handlers, orelse, finalbody, .. } => raises(body)
                    .or_else(|| handlers.iter().find_map(|(_, handler)| raises(handler)))
                    .or_else(|| raises(orelse))
                    .or_else(|| raises(finalbody)),
                _ => None,
            })
        }
        self.mro(class).into_iter().find_map(|owner| {
            ["__init__", "__post_init__"].iter().find_map(|method| {
                let body = self.methods.get(&format!("{}.{method}", owner.name))?;
                raises(&body.statements).map(|line| (owner.name.clone(), line))
            })
        })
    }

    /// The line of the first `return` in a block of `owner.__init__`, which may end it before
    /// what follows the block.
    fn returns_in_block(&self, owner: &Class) -> Option<usize> {
        let init = self.methods.get(&format!("{}.__init__", owner.name))?;
        fn nested_return(statements: &[Statement], in_block: bool) -> Option<usize> {
            statements.iter().find_map(|statement| match &statement.kind {
                StatementKind::Return { .. } if in_block => Some(statement.line),
                StatementKind::If { body, orelse, .. }
                | StatementKind::For { body, orelse, .. }
                | StatementKind::While { body, orelse, .. } => {
                    nested_return(body, true).or_else(|| nested_return(orelse, true))
                }
                StatementKind::With { body, .. } => nested_return(body, true),
                StatementKind::Try { body, handlers, orelse, finalbody, .. } => nested_return(body, true)
                    .or_else(|| handlers.iter().find_map(|(_, handler)| nested_return(handler, true)))
                    .or_else(|| nested_return(orelse, true))
                    .or_else(|| nested_return(finalbody, true)),
                _ => None,
            })
        }
        nested_return(&init.statements, false)
    }

    /// Whether making an instance of `class` may run code of the module: an `__init__` or
    /// `__new__` of its MRO, or a base the lab does not see into. Without them `class()` runs
    /// only `object`'s, and no method sets anything.
    fn construction_runs_code(&self, class: &Class) -> bool {
        let mro = self.mro(class);
        mro.iter().any(|c| c.member("__init__").is_some() || c.member("__new__").is_some())
            || mro.iter().flat_map(|c| c.base_names()).any(|base| {
                self.module.class(base).is_none()
                    && !crate::runtime::is_object(base)
                    && !matches!(base, "Generic" | "typing.Generic" | "typing_extensions.Generic")
            })
    }

    /// For an attribute declared by a write in a method (not in the class body), the line of a
    /// write of it in its class's body that is none of the writes the lab reads (one in a nested
    /// function, through another name, ...): mypy may count that one first.
    fn unread_write(&self, found: &InheritedMember) -> Option<usize> {
        let MemberKind::Attribute(attribute) = &found.member.kind else { return None };
        let name = found.member.name.as_str();
        let writes: Vec<usize> =
            found.owner.attribute_writes.iter().filter(|w| w.name == name).map(|w| w.line).collect();
        if attribute.class_value.is_some() || !writes.contains(&attribute.line) {
            return None;
        }
        let body_writes = self.written.get(found.owner.name.as_str())?;
        body_writes.iter().find(|(n, line)| n == name && !writes.contains(line)).map(|(_, line)| *line)
    }

    /// The first structured write of `.name` by a method of a class of `class`'s MRO.
    fn method_write(&self, class: &'m Class, name: &str) -> Option<(&'m Class, &'m pysource::AttributeWrite)> {
        self.mro(class)
            .into_iter()
            .find_map(|owner| owner.attribute_writes.iter().find(|w| w.name == name).map(|write| (owner, write)))
    }

    /// A class of `class`'s MRO whose methods write `.name`, and where.
    fn writer(&self, class: &Class, name: &str) -> Option<(String, usize)> {
        self.mro(class).into_iter().find_map(|owner| {
            let writes = self.written.get(owner.name.as_str())?;
            writes.iter().find(|(n, _)| n == name).map(|(_, line)| (owner.name.clone(), *line))
        })
    }

    /// Why a write by name in a class of `class`'s MRO keeps the runtime verdicts on `class()`
    /// from being given: one the lab does not read, or a `setattr(...)` statement of a method
    /// that `class()` may run where the lab does not follow the run (as for a write of `.name`:
    /// where it does follow it, the run sets what it sets, `init_runs.rs`).
    fn unfollowed_write_by_name(&self, class: &Class) -> Option<String> {
        let unfollowed_run = || match self.construction(class) {
            Err(Stop::Unfollowed(why))
                if self.construction_runs_code(class) && !self.construction_runs_no_method(class) =>
            {
                Some(why)
            }
            _ => None,
        };
        self.module.mro(class).into_iter().find_map(|owner| {
            let owner = owner.name.as_str();
            let statements = self.setattr_statements.get(owner);
            self.dynamic_writes.get(owner)?.iter().find_map(|line| {
                if !statements.is_some_and(|lines| lines.contains(line)) {
                    return Some(format!("{owner} sets attributes by name at line {line}"));
                }
                unfollowed_run().map(|why| {
                    format!(
                        "{owner} sets attributes by name at line {line}, which {}() may run, and the lab does not \
                         follow it: {why}",
                        class.name
                    )
                })
            })
        })
    }
}

/// Why a write of `.name` outside `__init__`'s top level keeps the runtime verdict on `class()`
/// from being given.
fn may_run(class: &Class, writer: &str, name: &str, line: usize, why: &str) -> String {
    format!(
        "{writer} writes .{name} at line {line}, which {}() may run, and the lab does not follow it: {why}",
        class.name
    )
}

impl Context<'_> {
    /// For a statement of `init`, an `__init__` that making an instance of `class` runs
    /// ([`Context::init_sets`]): whether it calls `next`'s `__init__`, the next on the MRO, as
    /// `super().__init__(...)` or `Next.__init__(self, ...)`; false for a statement that runs
    /// nothing or calls an undecorated method of the instance whose body does nothing; None when
    /// it may run code the lab does not follow.
    fn calls_next_init(
        &self,
        class: &Class,
        init: &FunctionBody,
        next: Option<&Class>,
        statement: &Statement,
    ) -> Option<bool> {
        let StatementKind::Expr { value: Expression::Call { func, args, keywords } } = &statement.kind else {
            return calls_super_init(statement);
        };
        let (Expression::Attribute { value, attr }, Some(receiver)) = (&**func, init.params.first()) else {
            return None;
        };
        let Expression::Name { id } = &**value else { return calls_super_init(statement) };
        if !args.iter().chain(keywords.iter().map(|(_, k)| k)).all(call_free) {
            return None;
        }
        if id == receiver {
            let found = self.module.lookup(class, attr)?;
            let MemberKind::Method(method) = &found.member.kind else { return None };
            let body = self.methods.get(&format!("{}.{attr}", found.owner.name))?;
            let does_nothing = body.statements.iter().all(|s| match &s.kind {
                StatementKind::Pass => true,
                StatementKind::Expr { value: Expression::Literal { literal } } => {
                    matches!(literal, pysource::Literal::Str(_) | pysource::Literal::Ellipsis)
                }
                _ => false,
            });
            return (method.decorators.is_empty() && does_nothing).then_some(false);
        }
        let named = self.module.class(id)?;
        let runs = self.module.mro(named).into_iter().find(|c| c.member("__init__").is_some())?;
        let passes_self = matches!(args.first(), Some(Expression::Name { id }) if id == receiver);
        (attr == "__init__" && passes_self && std::ptr::eq(runs, next?)).then_some(true)
    }
}

impl Context<'_> {
    /// Whether making an instance of `class` runs no method but the `__init__`s of its MRO,
    /// read whole: each only sets names and plain attributes of self (no property, no
    /// descriptor, no `__setattr__`) to values that call nothing, and calls the next one as
    /// `super().__init__(...)` or `Base.__init__(self, ...)`. What other methods write (a
    /// `__post_init__` that a dataclass's own `__init__` does not call) is then never set.
    fn construction_runs_no_method(&self, class: &Class) -> bool {
        let mro = self.mro(class);
        let known_bases = mro.iter().flat_map(|c| c.base_names()).all(|base| {
            self.module.class(base).is_some()
                || crate::runtime::is_object(base)
                || matches!(base, "Generic" | "typing.Generic" | "typing_extensions.Generic")
        });
        if !known_bases || mro.iter().any(|c| c.member("__new__").is_some() || c.member("__setattr__").is_some()) {
            return false;
        }
        let plain_target = |receiver: &str, target: &Expression| match target {
            Expression::Name { .. } => true,
            Expression::Attribute { value, attr } => {
                matches!(&**value, Expression::Name { id } if id == receiver)
                    && match self.lookup(class, attr).map(|found| &found.member.kind) {
                        None => true,
                        Some(MemberKind::Attribute(attribute)) => {
                            attribute.class_value.as_deref().is_none_or(plain_value)
                        }
                        Some(_) => false,
                    }
            }
            _ => false,
        };
        let Some(mut running) = mro.iter().position(|c| c.member("__init__").is_some()) else { return true };
        loop {
            let next = mro[running + 1..].iter().position(|c| c.member("__init__").is_some()).map(|i| running + 1 + i);
            let Some(init) = self.methods.get(&format!("{}.__init__", mro[running].name)) else { return false };
            let Some(receiver) = init.params.first() else { return false };
            let mut calls_next = false;
            for statement in &init.statements {
                if let StatementKind::Assign { targets, .. } = &statement.kind {
                    if !targets.iter().all(|target| plain_target(receiver, target)) {
                        return false;
                    }
                }
                match self.calls_next_init(class, init, next.map(|i| mro[i]), statement) {
                    Some(this) => calls_next |= this,
                    None => return false,
                }
            }
            match (calls_next, next) {
                (false, _) => return true,
                (true, Some(next)) => running = next,
                (true, None) => return false,
            }
        }
    }
}

/// For a statement of an `__init__` [`Context::init_sets`] follows: whether it is a
/// `super().__init__(...)` call; None when it may run code it does not follow.
fn calls_super_init(statement: &Statement) -> Option<bool> {
    match &statement.kind {
        StatementKind::Pass => Some(false),
        StatementKind::Expr { value: Expression::Literal { literal: pysource::Literal::Str(_) } } => Some(false),
        StatementKind::Assign { targets, value } => {
            let plain = |target: &Expression| match target {
                Expression::Name { .. } => true,
                Expression::Attribute { value, .. } => matches!(&**value, Expression::Name { .. }),
                _ => false,
            };
            (targets.iter().all(plain) && call_free(value)).then_some(false)
        }
        StatementKind::Expr { value: Expression::Call { func, args, keywords } } => {
            let Expression::Attribute { value, attr } = &**func else { return None };
            let super_call = matches!(&**value, Expression::Call { func, args, keywords }
                if matches!(&**func, Expression::Name { id } if id == "super") && args.is_empty() && keywords.is_empty());
            (super_call && attr == "__init__" && args.iter().chain(keywords.iter().map(|(_, k)| k)).all(call_free))
                .then_some(true)
        }
        _ => None,
    }
}

/// Whether evaluating `expression` calls nothing: literals, names, attributes, displays and
/// operators on them. Operators on instances may call their dunder methods, so only those on
/// literals and names count.
fn call_free(expression: &Expression) -> bool {
    match expression {
        Expression::Name { .. } | Expression::Literal { .. } => true,
        Expression::Tuple { elements } | Expression::List { elements } | Expression::Set { elements } => {
            elements.iter().all(call_free)
        }
        Expression::Dict { items } => items.iter().all(|(k, v)| call_free(k) && call_free(v)),
        _ => false,
    }
}

/// An abstract method that `class` neither defines nor inherits an implementation of, when an
/// ABC of the standard library or a Protocol is among its bases (`ABCMeta` enforces
/// `@abstractmethod` only then).
fn unimplemented_abstract_method(module: &Module, class: &Class) -> Option<String> {
    let mro = module.mro(class);
    let bases: Vec<&String> =
        mro.iter().flat_map(|c| c.bases.iter()).filter(|b| crate::stdlib::is_abstract_base(b)).collect();
    // A Protocol's metaclass derives from `ABCMeta` too (a typeshed Protocol read into the code
    // is an ABC of `collections.abc` or `contextlib`).
    if bases.is_empty() && !mro.iter().any(|c| c.is_protocol) {
        return None;
    }
    let declared_abstract = mro
        .iter()
        .flat_map(|c| c.members.iter())
        .filter(|m| matches!(&m.kind, MemberKind::Method(f) if f.is_abstract))
        .map(|m| m.name.clone())
        .chain(bases.iter().flat_map(|b| crate::stdlib::abstract_members(b)).map(str::to_owned));
    declared_abstract.into_iter().find(|name| match module.lookup(class, name).map(|m| &m.member.kind) {
        None => true,
        Some(MemberKind::Method(f)) | Some(MemberKind::Property { getter: f, .. }) => f.is_abstract,
        Some(MemberKind::Attribute(_)) => false,
    })
}

/// What the lab does not model about a class itself: (static, runtime, reason).
fn class_issues(module: &Module, class: &Class) -> Vec<(bool, bool, String)> {
    let mut issues = Vec::new();
    let at = format!("{} (line {})", class.name, class.line);
    for base in &class.bases {
        let name = base.split('[').next().unwrap_or(base).trim();
        let local = module.class(name).is_some_and(|b| b.name != class.name);
        if !local && !KNOWN_BASES.contains(&name) {
            if let Some((known, _)) = crate::stdlib::class(base).filter(|_| !class.is_protocol) {
                if !crate::stdlib::runtime_known(base) {
                    issues.push((
                        false,
                        true,
                        format!(
                            "{at} inherits from {known}: the lab does not model how its instances are made at \
                             runtime"
                        ),
                    ));
                }
            } else if matches!(name, "Generic" | "typing.Generic" | "typing_extensions.Generic") {
                issues.push((true, false, format!("{at} is generic ({base}): the lab does not model type parameters")));
            } else {
                issues.push((
                    true,
                    true,
                    format!("{at} inherits from {base}, which is not defined in the code: its members are unknown to the lab"),
                ));
            }
        } else if base.contains('[') {
            issues.push((true, false, format!("{at} is generic ({base}): the lab does not model type parameters")));
        }
    }
    if let Some(reason) = crate::typeshed_protocols::runtime_refusal(module, class) {
        issues.push((false, true, reason));
    }
    if let Some(params) = &class.type_params {
        issues.push((true, false, format!("{at} has type parameters {params}: the lab does not model them")));
    }
    if let Some(metaclass) = &class.metaclass {
        issues.push((true, true, format!("{at} has the metaclass {metaclass}, which the lab does not model")));
    }
    for decorator in &class.decorators {
        let known = ["runtime_checkable", "typing.runtime_checkable", "typing_extensions.runtime_checkable"];
        if !known.contains(&decorator.as_str()) {
            let why = crate::dataclasses::refusal(class, decorator);
            let why = why.as_deref().unwrap_or("which the lab does not model");
            issues.push((true, true, format!("{at} is decorated with @{decorator}, {why}")));
        }
    }
    if let Some(line) = class.unread_statements.first() {
        issues.push((true, true, unread_statement(class, *line)));
    }
    for hook in CREATION_HOOKS {
        if let Some(member) = class.member(hook) {
            let line = match &member.kind {
                MemberKind::Method(f) => format!(" (line {})", f.line),
                _ => String::new(),
            };
            issues.push((
                true,
                true,
                format!("{}.{hook}{line} changes how objects are made; the lab does not model it", class.name),
            ));
        }
    }
    issues
}

fn unread_statement(class: &Class, line: usize) -> String {
    format!("{}'s body has a statement at line {line} the lab does not read: members may be defined there", class.name)
}

fn is_overload(decorator: &str) -> bool {
    matches!(decorator, "overload" | "typing.overload" | "typing_extensions.overload")
}

/// Line 0 is a stub's member (`stdlib::stub_class`), which has no line in the code.
fn unknown_type(owner: &str, name: &str, line: usize, what: &str) -> String {
    match line {
        0 => format!("{owner}.{name} uses {what}, a type the lab does not model"),
        line => format!("{owner}.{name} (line {line}) uses {what}, a type the lab does not model"),
    }
}

fn return_type(function: &Function) -> TypeExpr {
    function.signature.returns.as_deref().map_or(TypeExpr::Any, crate::types::parse)
}

/// A type of typeshed that the lab's subtype rules have no rules for (`dict_keys`,
/// `SupportsIndex`, `BaseException`): the rules know it is itself and under `object`, and leave
/// any other judgment about it to mypy (`subtype::take_unjudged`).
pub(crate) fn typeshed_only(name: &str, module: &Module) -> bool {
    module.class(name).is_none()
        && !KNOWN_NAMES.contains(&name)
        && !KNOWN_GENERICS.contains(&name)
        && crate::stdlib::annotation_class(name).is_some()
}

/// Ok when the lab's subtype rules know every part of `typ`; else the part they do not.
/// `clean` are the classes of the code the lab models, with all their bases; a name `module`
/// defines is never typeshed's.
pub(crate) fn known_type(typ: &TypeExpr, clean: &HashSet<&str>, module: &Module) -> Result<(), String> {
    match typ {
        TypeExpr::Any | TypeExpr::None => Ok(()),
        TypeExpr::Name(name) => {
            if KNOWN_NAMES.contains(&name.as_str()) || clean.contains(name.as_str()) || typeshed_only(name, module) {
                Ok(())
            } else {
                Err(name.clone())
            }
        }
        TypeExpr::Generic(..) if crate::types::literal_class(typ).is_some() => Ok(()),
        TypeExpr::Generic(name, args) if name == "tuple" && args.is_empty() => Ok(()),
        TypeExpr::Generic(..) if crate::types::variadic_item(typ).is_some() => {
            crate::types::variadic_item(typ).map_or(Ok(()), |item| known_type(item, clean, module))
        }
        TypeExpr::Generic(name, _) if name == "Callable" => match crate::types::callable_parts(typ) {
            Some((params, returns)) => {
                params.into_iter().flatten().chain([returns]).try_for_each(|t| known_type(t, clean, module))
            }
            None => Err(crate::callable::show(typ)),
        },
        TypeExpr::Generic(name, args)
            if (KNOWN_GENERICS.contains(&name.as_str()) || typeshed_only(name, module)) && !args.is_empty() =>
        {
            args.iter().try_for_each(|a| known_type(a, clean, module))
        }
        TypeExpr::Generic(name, args) => {
            Err(format!("{name}[{}]", args.iter().map(crate::callable::show).collect::<Vec<_>>().join(", ")))
        }
        TypeExpr::Union(members) => members.iter().try_for_each(|m| known_type(m, clean, module)),
        TypeExpr::Unknown(text) => Err(text.clone()),
    }
}

/// A class-level value the runtime model can take at its word: a literal or a display.
pub(crate) fn plain_value(value: &str) -> bool {
    thread_local! {
        static PLAIN: std::cell::RefCell<HashMap<String, bool>> = std::cell::RefCell::new(HashMap::new());
    }
    if let Some(known) = PLAIN.with(|cache| cache.borrow().get(value).copied()) {
        return known;
    }
    let plain = read_plain_value(value);
    PLAIN.with(|cache| {
        let mut cache = cache.borrow_mut();
        // Bounded like pysource's parsed annotations: a long session keeps its memory flat.
        if cache.len() >= 512 {
            cache.clear();
        }
        cache.insert(value.to_string(), plain);
    });
    plain
}

/// Whether a class attribute's value as written is a lambda expression.
fn is_lambda(value: &str) -> bool {
    matches!(pysource::expression(value), Some(Expression::Other { text })
        if text.starts_with("lambda ") || text.starts_with("lambda:"))
}

fn read_plain_value(value: &str) -> bool {
    match pysource::expression(value) {
        Some(
            Expression::Literal { .. }
            | Expression::Tuple { .. }
            | Expression::FString { .. }
            | Expression::List { .. }
            | Expression::Dict { .. }
            | Expression::Set { .. },
        ) => true,
        Some(Expression::Other { text }) => text.starts_with(['[', '{', '(']) || crate::values::bytes_literal(&text),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_level_changes_of_a_class_are_found() {
        let classes = "class Greeter:\n    pass\nclass MyGreeter:\n    pass\n";
        let module = pysource::parse(classes).unwrap();
        let patched = |code: &str| {
            let source = Source::parse(&format!("{classes}{code}")).unwrap();
            let context = Context::new(&module, Some(&source), &HashSet::new());
            let mut names: Vec<&str> = context.patched.keys().copied().collect();
            names.sort_unstable();
            names.join(",")
        };
        assert_eq!(patched("Greeter.close = None"), "Greeter");
        assert_eq!(patched("del Greeter.close"), "Greeter");
        assert_eq!(patched("setattr(Greeter, 'close', f)"), "Greeter");
        assert_eq!(patched("MyGreeter.close = None"), "MyGreeter");
        assert_eq!(patched("print(Greeter.close)"), "");
        assert_eq!(patched("g = Greeter()\ng.close = 1"), "");
        // A text scan would take these for changes: Greeter is a value stored, or only text.
        assert_eq!(patched("handler = MyGreeter()\nsetattr(handler, 'greeter', Greeter)"), "");
        // Through an object the lab cannot name, the write may reach the class stored.
        assert_eq!(patched("setattr(handler, 'greeter', Greeter)"), "Greeter");
        assert_eq!(patched("# Greeter.close = None\nprint('del Greeter.close')"), "");
        assert_eq!(patched("def patch():\n    if True:\n        MyGreeter.close: object = None"), "MyGreeter");
    }

    #[test]
    fn only_a_class_s_body_holds_its_writes() {
        let code = "class Greeter:\n    def open(self):\n        self.name = 1\n        setattr(self, 'x', 1)\n\n\
                    if True:\n    other.close = None\n    vars(other)\n";
        let source = Source::parse(code).unwrap();
        let module = source.module();
        let context = Context::new(&module, Some(&source), &HashSet::new());
        assert_eq!(context.written["Greeter"], [("name".to_owned(), 3)]);
        assert_eq!(context.dynamic_writes["Greeter"], [4]);
    }
}
