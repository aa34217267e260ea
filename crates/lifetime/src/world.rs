//! The simulated heap: objects, finalizers, module globals, and the references between them.

/// A Python value as the simulation holds it.
#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    /// An instance of a module class, by index.
    Obj(usize),
    /// A `weakref.finalize` object, by index.
    Fin(usize),
    /// A module class, called to make instances.
    Class(String),
    /// A module-level function.
    Func(String),
    /// A method bound to an instance: it holds a strong reference to the instance.
    Bound(usize, String),
    /// A classmethod bound to a module class (the class, and the method's qualified name): the
    /// class is not an object of the model, so it holds nothing the model follows.
    ClassBound(String, String),
    Print,
    /// A built-in function or type: `len`, `range`, `str`, `repr`, `bool`, `int`, `list`, `tuple`,
    /// `dict`, `set`, `sorted`, `enumerate`, `zip`, `isinstance`, `next`, `type`, `min`, `max`,
    /// `sum`, `any`, `all`, `abs`, `divmod`, `reversed`, and the types
    /// the program reaches only through `type()` (`NoneType`, `float`, `generator`, `function`,
    /// `builtin_function_or_method`).
    Builtin(&'static str),
    /// `detach` or `peek` of a finalizer, by index.
    FinMethod(usize, &'static str),
    /// A method of a string, bound to it.
    StrMethod(String, &'static str),
    /// `range(start, stop, step)`.
    Range(i64, i64, i64),
    /// A dict's `keys()`, `values()` or `items()` view, by the dict's index: it holds the dict.
    View(usize, &'static str),
    /// A value the simulation does not look into (what `gc.collect()` returns).
    Opaque(&'static str),
}

pub struct Obj {
    pub class: String,
    pub label: String,
    pub attrs: Vec<(String, Val)>,
    pub freed: bool,
    /// Its deallocation has begun (its `__del__` may be running).
    pub dying: bool,
    /// Its `__del__` was called by the collector, which calls it once (PEP 442): its later
    /// deallocation does not call it again.
    pub finalized: bool,
    /// A list's or tuple's items (`class` is then `list` or `tuple`), a set's members in the
    /// order they were added, or a dict's keys each followed by its value, in insertion order;
    /// None for instances.
    pub items: Option<Vec<Val>>,
    /// What an exception holds besides its attributes; None for other objects.
    pub exception: Option<Box<ExceptionState>>,
    /// What a `weakref.ref` refers to (`class` is then `weakref`); None for other objects.
    pub weak: Option<WeakRef>,
    /// It was alive and reachable at a collection, which may have moved it in the collector's
    /// object lists: its place there is no longer the order it was made in.
    pub survived: bool,
}

impl Obj {
    /// Where it holds its attribute `attr`: `.attr`, or a frame's or a traceback's own place
    /// (` (local x)`, `.f_back`, `.tb_frame`).
    pub fn attr_place(&self, attr: &str) -> String {
        match self.class.as_str() {
            _ if self.items.is_some() => format!(".{attr}"),
            FRAME | GENERATOR => frame_place(attr),
            TRACEBACK if attr == TB_FRAME => ".tb_frame".to_owned(),
            TRACEBACK => format!(" {attr}"),
            _ => format!(".{attr}"),
        }
    }

    /// The callback a `weakref.ref` holds (strongly) until it is called or the reference goes.
    pub fn weak_callback(&self) -> Option<&Val> {
        self.weak.as_ref()?.callback.as_ref()
    }

    /// A live object of `class` with these attributes: an instance, until the caller sets its
    /// items, exception state or weak reference.
    pub fn new(class: impl Into<String>, label: impl Into<String>, attrs: Vec<(String, Val)>) -> Obj {
        Obj {
            class: class.into(),
            label: label.into(),
            attrs,
            freed: false,
            dying: false,
            finalized: false,
            items: None,
            exception: None,
            weak: None,
            survived: false,
        }
    }
}

/// A `weakref.ref` object's reference: weak to its target, strong to its callback (one of the
/// module's functions, which holds no object, or a function object: a closure).
pub struct WeakRef {
    pub target: usize,
    pub callback: Option<Val>,
    /// Its target died: calling it returns None.
    pub cleared: bool,
    /// When it was made among the weak references and finalizers.
    pub seq: usize,
    /// The WeakValueDictionary or WeakKeyDictionary whose entry it is: its callback takes the
    /// entry out.
    pub entry_of: Option<usize>,
    /// A `weakref.WeakMethod`: the qualified name of the method it was made from, which
    /// calling it binds to its object again.
    pub method: Option<String>,
}

/// The frame an exception was first raised in, which stays its traceback's innermost.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum RaisedIn {
    /// The module's frame (a comprehension's at module level too, from 3.12).
    #[default]
    Module,
    /// The call of the function by this qualified name.
    Function(String),
    /// A comprehension's scope: its own frame up to 3.11, its function's from 3.12.
    Comprehension,
}

/// An exception's arguments, traceback and context, which it lets go of in this order.
#[derive(Default)]
pub struct ExceptionState {
    /// The object and the name an AttributeError of a missing attribute holds (`.obj`,
    /// `.name`, since 3.10); it lets go of the object before its arguments.
    pub missing: Option<(Val, String)>,
    pub args: Vec<Val>,
    /// Its `args` tuple, an object once the program read `.args`: the tuple then holds the
    /// arguments, and `args` is empty.
    pub args_tuple: Option<Val>,
    /// The frames of the functions the exception left, innermost first: each function's name
    /// and its locals, which the traceback keeps alive.
    pub frames: Vec<(String, Vec<(String, Val)>)>,
    /// The exception `raise ... from` named (`__cause__`).
    pub cause: Option<Val>,
    /// The exception being handled when this one was raised (`__context__`).
    pub context: Option<Val>,
    /// The line it was first raised at: the traceback's last line.
    pub line: Option<usize>,
    /// Where it was first raised: the traceback's innermost frame.
    pub raised_in: RaisedIn,
    /// The call (by number) that handled it last; None at module level.
    pub handled_in: Option<usize>,
    /// The exception whose traceback keeps the frames this one leaves: one that holds a frame
    /// this one left, and with it (`f_back`) the callers' frames.
    pub frames_to: Option<usize>,
    /// The frame object of the function it was handled in, which its traceback holds
    /// (`tb_frame`) once it outlives its handler there: the frame keeps that function's locals
    /// after it returns (see `simulate/frames.rs`).
    pub frame: Option<Val>,
    /// The program set its `__traceback__` to None: it holds no frame any more.
    pub traceback_cleared: bool,
}

impl ExceptionState {
    /// Each value it holds, with where: `.args[0]`, `.__traceback__ (f's local x)`, `.__context__`.
    pub fn parts(&self) -> Vec<(String, &Val)> {
        let mut parts: Vec<(String, &Val)> = self.missing.iter().map(|(v, _)| (".obj".to_owned(), v)).collect();
        parts.extend(self.args.iter().enumerate().map(|(i, v)| (format!(".args[{i}]"), v)));
        parts.extend(self.args_tuple.iter().map(|v| (".args".to_owned(), v)));
        for (function, locals) in &self.frames {
            parts.extend(locals.iter().map(|(name, v)| (format!(".__traceback__ ({function}'s local {name})"), v)));
        }
        parts.extend(self.frame.iter().map(|v| (".__traceback__".to_owned(), v)));
        parts.extend(self.cause.iter().map(|v| (".__cause__".to_owned(), v)));
        parts.extend(self.context.iter().map(|v| (".__context__".to_owned(), v)));
        parts
    }
}

pub struct Fin {
    /// The object it watches (weakly).
    pub owner: usize,
    pub func: Val,
    pub args: Vec<Val>,
    /// The dict of its keyword arguments; None without any (`kwargs or None`).
    pub kwargs: Option<Val>,
    pub alive: bool,
    pub atexit: bool,
    /// When it was made among the weak references and finalizers.
    pub seq: usize,
}

impl Fin {
    /// What it holds for its call: the callback, the arguments and the keyword arguments' dict.
    pub fn values(&self) -> impl Iterator<Item = &Val> {
        std::iter::once(&self.func).chain(&self.args).chain(&self.kwargs)
    }
}

/// What a weak reference's callback is called where the graph shows it.
pub const CALLBACK: &str = "__callback__";

/// The class of a frame object a traceback keeps after its function returned: its attributes
/// are the function's locals by name, its function ([`FRAME_FUNCTION`]) and its caller's frame
/// ([`FRAME_BACK`]).
pub const FRAME: &str = "frame";

/// The class of generator objects: the program's, and a weak dictionary's `keys()`, `values()`
/// and `items()`, whose frame's locals are its attributes.
pub const GENERATOR: &str = "generator";
/// A frame object's function (`f_funcobj`), for a nested function's frame.
pub const FRAME_FUNCTION: &str = "(its function)";
/// A frame object's caller's frame object (`f_back`).
pub const FRAME_BACK: &str = "(f_back)";

/// Where a frame object holds `attr`: ` (local x)`, ` (its function)`, `.f_back`.
fn frame_place(attr: &str) -> String {
    match attr {
        FRAME_BACK => ".f_back".to_owned(),
        FRAME_FUNCTION => format!(" {FRAME_FUNCTION}"),
        local => format!(" (local {local})"),
    }
}

/// The class of a traceback object the program kept (`__exit__`'s argument): its attributes
/// are the locals of the frames the exception left, innermost first (`(f's local x)`), then the
/// frame object of the function it was handled in ([`TB_FRAME`]), as `tb_next` and `tb_frame`
/// hold them.
pub const TRACEBACK: &str = "traceback";
/// A traceback object's frame (`tb_frame`).
pub const TB_FRAME: &str = "(tb_frame)";

/// Where a reference to an object comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum Holder {
    Global(String),
    Attr(usize, String),
    /// An item of a list or tuple, by position.
    Item(usize, usize),
    Finalizer(usize),
    Frame,
    /// Part of an exception: its arguments, its traceback's frames, its context.
    Exception(usize, String),
    /// The exception being raised or handled.
    Raised,
    /// The defaults of a module function, by name.
    Defaults(String),
    /// A class's attribute, by its qualified name (`Box.open`).
    ClassMember(String),
    /// A handler `atexit` will call, or its arguments.
    Atexit,
}

#[derive(Default)]
pub struct World {
    pub objs: Vec<Obj>,
    pub fins: Vec<Fin>,
    pub globals: Vec<(String, Val)>,
    /// Running frames: locals by name, and temporaries (named "") the interpreter's stack holds.
    pub frames: Vec<Vec<(String, Val)>>,
    /// The exceptions propagating or being handled (the thread's exception state), one
    /// reference each.
    pub exceptions: Vec<Val>,
    /// How many weak references and finalizers were made.
    pub weak_made: usize,
    /// What `atexit` will call at exit, in the order registered.
    pub atexit: Vec<ExitHandler>,
    /// The defaults tuple of each module function whose defaults are not all literals, by
    /// name: the function, which the model does not make an object, holds it until the name is
    /// defined again.
    pub defaults: Vec<(String, Val)>,
    /// What a decorated method's name is bound to in its class (`Box.open`, a decorator's
    /// wrapper): the class, which the model does not make an object, holds it to the end.
    pub class_members: Vec<(String, Val)>,
}

/// One of the functions `atexit` calls at exit, newest first.
#[derive(Clone, Debug, PartialEq)]
pub enum ExitHandler {
    /// `weakref.finalize`'s hook, registered when the first finalizer is made.
    Finalizers,
    /// `atexit.register(func, *args)`.
    Call(Val, Vec<Val>),
}

impl ExitHandler {
    /// The function and arguments it holds.
    pub fn values(&self) -> impl Iterator<Item = &Val> {
        let call = match self {
            ExitHandler::Call(func, args) => Some((func, args)),
            ExitHandler::Finalizers => None,
        };
        call.into_iter().flat_map(|(func, args)| std::iter::once(func).chain(args))
    }
}

/// The objects a value refers to strongly.
pub fn referents(val: &Val) -> Option<usize> {
    match val {
        Val::Obj(i) | Val::Bound(i, _) | Val::View(i, _) => Some(*i),
        _ => None,
    }
}

impl World {
    pub fn global(&self, name: &str) -> Option<&Val> {
        self.globals.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// Every strong reference to every object from live places, by object, in one pass.
    pub fn all_holders(&self) -> Vec<Vec<Holder>> {
        let mut holders = vec![Vec::new(); self.objs.len()];
        let mut add = |val: &Val, holder: &dyn Fn() -> Holder| {
            if let Some(target) = referents(val) {
                holders[target].push(holder());
            }
        };
        for (name, val) in &self.globals {
            add(val, &|| Holder::Global(name.clone()));
        }
        for (index, obj) in self.objs.iter().enumerate().filter(|(_, o)| !o.freed) {
            for (attr, val) in &obj.attrs {
                add(val, &|| Holder::Attr(index, attr.clone()));
            }
        }
        for (index, obj) in self.objs.iter().enumerate().filter(|(_, o)| !o.freed) {
            for (position, val) in obj.items.iter().flatten().enumerate() {
                add(val, &|| Holder::Item(index, position));
            }
        }
        for (index, obj) in self.objs.iter().enumerate().filter(|(_, o)| !o.freed) {
            if let Some(val) = obj.weak_callback() {
                add(val, &|| Holder::Attr(index, CALLBACK.to_owned()));
            }
        }
        for (index, fin) in self.fins.iter().enumerate().filter(|(_, f)| f.alive) {
            for val in fin.values() {
                add(val, &|| Holder::Finalizer(index));
            }
        }
        for frame in &self.frames {
            for (_, val) in frame {
                add(val, &|| Holder::Frame);
            }
        }
        for (index, obj) in self.objs.iter().enumerate().filter(|(_, o)| !o.freed) {
            for (via, val) in obj.exception.iter().flat_map(|e| e.parts()) {
                add(val, &|| Holder::Exception(index, via.clone()));
            }
        }
        for val in &self.exceptions {
            add(val, &|| Holder::Raised);
        }
        for (function, val) in &self.defaults {
            add(val, &|| Holder::Defaults(function.clone()));
        }
        for (member, val) in &self.class_members {
            add(val, &|| Holder::ClassMember(member.clone()));
        }
        for val in self.atexit.iter().flat_map(ExitHandler::values) {
            add(val, &|| Holder::Atexit);
        }
        holders
    }

    /// Whether `value` is stored anywhere besides the stack's temporaries: a name (global or
    /// local), an object, a finalizer, `atexit`, a class.
    pub fn stores(&self, value: &Val) -> bool {
        self.holds_any(false, |val| val == value)
    }

    /// Puts `new` wherever a live place (but the stack's temporaries) stores `old`, as
    /// [`World::stores`] finds it.
    pub fn replace_stored(&mut self, old: &Val, new: &Val) {
        let replace = |val: &mut Val| {
            if val == old {
                *val = new.clone();
            }
        };
        self.globals.iter_mut().for_each(|(_, v)| replace(v));
        self.frames.iter_mut().flatten().filter(|(name, _)| !name.is_empty()).for_each(|(_, v)| replace(v));
        self.exceptions.iter_mut().for_each(replace);
        self.defaults.iter_mut().for_each(|(_, v)| replace(v));
        self.class_members.iter_mut().for_each(|(_, v)| replace(v));
        for handler in &mut self.atexit {
            if let ExitHandler::Call(func, args) = handler {
                std::iter::once(func).chain(args).for_each(replace);
            }
        }
        for fin in self.fins.iter_mut().filter(|f| f.alive) {
            std::iter::once(&mut fin.func).chain(&mut fin.args).chain(&mut fin.kwargs).for_each(replace);
        }
        for obj in self.objs.iter_mut().filter(|o| !o.freed) {
            obj.attrs.iter_mut().for_each(|(_, v)| replace(v));
            obj.items.iter_mut().flatten().for_each(replace);
            if let Some(callback) = obj.weak.as_mut().and_then(|w| w.callback.as_mut()) {
                replace(callback);
            }
            if let Some(state) = obj.exception.as_mut() {
                let parts =
                    state.missing.iter_mut().map(|(v, _)| v).chain(&mut state.args).chain(&mut state.args_tuple);
                let locals = state.frames.iter_mut().flat_map(|(_, locals)| locals.iter_mut().map(|(_, v)| v));
                let links = state.frame.iter_mut().chain(&mut state.cause).chain(&mut state.context);
                parts.chain(locals).chain(links).for_each(replace);
            }
        }
    }

    /// Whether anything live still refers to `target`.
    pub fn is_held(&self, target: usize) -> bool {
        self.holds_any(true, |val| referents(val) == Some(target))
    }

    /// Whether anything live holds a value `matches` accepts; the stack's temporaries (unnamed
    /// frame entries) count only with `temporaries`.
    fn holds_any(&self, temporaries: bool, matches: impl Fn(&Val) -> bool) -> bool {
        let is = |val: &Val| matches(val);
        self.globals.iter().any(|(_, v)| is(v))
            || self.frames.iter().flatten().any(|(name, v)| (temporaries || !name.is_empty()) && is(v))
            || self.exceptions.iter().any(is)
            || self.defaults.iter().any(|(_, v)| is(v))
            || self.class_members.iter().any(|(_, v)| is(v))
            || self.atexit.iter().flat_map(ExitHandler::values).any(is)
            || self.fins.iter().filter(|f| f.alive).any(|f| f.values().any(is))
            || self.objs.iter().filter(|o| !o.freed).any(|o| {
                o.attrs.iter().any(|(_, v)| is(v))
                    || o.items.iter().flatten().any(is)
                    || o.weak_callback().is_some_and(is)
                    || o.exception.iter().flat_map(|e| e.parts()).any(|(_, v)| is(v))
            })
    }

    /// Live objects no root reaches: globals, running frames, and the finalizer registry (which
    /// holds every alive finalizer, and so its callback and arguments).
    pub fn unreachable(&self) -> Vec<usize> {
        self.garbage(false)
    }

    /// [`World::unreachable`], where `dying_are_roots` counts the objects being deallocated
    /// (whose references go only when their deallocation ends) as roots too.
    pub fn garbage(&self, dying_are_roots: bool) -> Vec<usize> {
        let mut reached = vec![false; self.objs.len()];
        let mut stack: Vec<&Val> = self.globals.iter().map(|(_, v)| v).collect();
        if dying_are_roots {
            for object in self.objs.iter().filter(|o| o.dying && !o.freed) {
                stack.extend(object.attrs.iter().map(|(_, v)| v));
                stack.extend(object.items.iter().flatten());
                stack.extend(object.weak_callback());
                stack.extend(object.exception.iter().flat_map(|e| e.parts()).map(|(_, v)| v));
            }
        }
        stack.extend(self.frames.iter().flatten().map(|(_, v)| v));
        stack.extend(&self.exceptions);
        stack.extend(self.defaults.iter().map(|(_, v)| v));
        stack.extend(self.class_members.iter().map(|(_, v)| v));
        stack.extend(self.atexit.iter().flat_map(ExitHandler::values));
        for fin in self.fins.iter().filter(|f| f.alive) {
            stack.extend(fin.values());
        }
        while let Some(val) = stack.pop() {
            let next = match val {
                Val::Fin(f) if self.fins[*f].alive => {
                    stack.extend(self.fins[*f].values());
                    None
                }
                other => referents(other),
            };
            if let Some(i) = next {
                if !reached[i] && !self.objs[i].freed {
                    reached[i] = true;
                    stack.extend(self.objs[i].attrs.iter().map(|(_, v)| v));
                    stack.extend(self.objs[i].items.iter().flatten());
                    stack.extend(self.objs[i].weak_callback());
                    stack.extend(self.objs[i].exception.iter().flat_map(|e| e.parts()).map(|(_, v)| v));
                }
            }
        }
        let dying_excluded = |i: usize| dying_are_roots && self.objs[i].dying;
        (0..self.objs.len()).filter(|i| !reached[*i] && !self.objs[*i].freed && !dying_excluded(*i)).collect()
    }
}

impl World {
    /// The references between live objects: (from, to, what holds it: `.attr` or `[index]`).
    pub fn references(&self) -> Vec<(usize, usize, String)> {
        let mut references = Vec::new();
        for (from, obj) in self.objs.iter().enumerate().filter(|(_, o)| !o.freed) {
            for (attr, val) in &obj.attrs {
                if let Some(to) = referents(val) {
                    let via = match val {
                        Val::Bound(_, method) => format!(".{attr} (bound method {method})"),
                        _ => obj.attr_place(attr),
                    };
                    references.push((from, to, via));
                }
            }
            let items = obj.items.as_deref().unwrap_or_default();
            for (position, val) in items.iter().enumerate() {
                if let Some(to) = referents(val) {
                    references.push((from, to, item_place(&obj.class, items, position)));
                }
            }
            for (via, val) in obj.exception.iter().flat_map(|e| e.parts()) {
                if let Some(to) = referents(val) {
                    references.push((from, to, via));
                }
            }
            if let Some(to) = obj.weak_callback().and_then(referents) {
                references.push((from, to, format!(".{CALLBACK}")));
            }
        }
        references
    }

    /// Which live objects are in a reference cycle (a strongly connected group of objects, or
    /// one that refers to itself), by Tarjan's algorithm over `references`, in one pass.
    pub fn in_cycles(&self, references: &[(usize, usize, String)]) -> Vec<bool> {
        let count = self.objs.len();
        let mut edges = vec![Vec::new(); count];
        let mut in_cycle = vec![false; count];
        for (from, to, _) in references {
            edges[*from].push(*to);
            if from == to {
                in_cycle[*from] = true;
            }
        }
        let mut index = vec![usize::MAX; count];
        let mut low = vec![0; count];
        let mut on_stack = vec![false; count];
        let mut stack = Vec::new();
        let mut next = 0;
        for root in 0..count {
            if index[root] != usize::MAX {
                continue;
            }
            // Each entry is a node and how many of its edges have been followed.
            let mut work = vec![(root, 0usize)];
            while let Some(&mut (node, ref mut followed)) = work.last_mut() {
                if *followed == 0 && index[node] == usize::MAX {
                    index[node] = next;
                    low[node] = next;
                    next += 1;
                    stack.push(node);
                    on_stack[node] = true;
                }
                if let Some(&target) = edges[node].get(*followed) {
                    *followed += 1;
                    if index[target] == usize::MAX {
                        work.push((target, 0));
                    } else if on_stack[target] {
                        low[node] = low[node].min(index[target]);
                    }
                    continue;
                }
                work.pop();
                if let Some(&(parent, _)) = work.last() {
                    low[parent] = low[parent].min(low[node]);
                }
                if low[node] == index[node] {
                    let mut group = Vec::new();
                    while let Some(member) = stack.pop() {
                        on_stack[member] = false;
                        group.push(member);
                        if member == node {
                            break;
                        }
                    }
                    if group.len() > 1 {
                        group.iter().for_each(|m| in_cycle[*m] = true);
                    }
                }
            }
        }
        in_cycle
    }
}

/// Where a container holds its item at `position`: `[2]` in a list or tuple, `['key']` (a
/// dict's value) or `key 'key'` in a dict, `member` in a set.
pub fn item_place(class: &str, items: &[Val], position: usize) -> String {
    let key = |val: &Val| match val {
        Val::Str(s) => format!("'{s}'"),
        Val::Int(i) => i.to_string(),
        Val::Bool(b) => if *b { "True" } else { "False" }.to_owned(),
        Val::None => "None".to_owned(),
        _ => "…".to_owned(),
    };
    match class {
        "dict" if position.is_multiple_of(2) => format!("key {}", key(&items[position])),
        "dict" => format!("[{}]", key(&items[position - 1])),
        "set" => "member".to_owned(),
        _ => format!("[{position}]"),
    }
}
