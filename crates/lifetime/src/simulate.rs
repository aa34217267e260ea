//! Runs the program statement by statement on the simulated heap and records the timeline.

use lab::{Check, Comparison, Verdict};
use pysource::{
    ExceptClause, Expression, FStringPart, FunctionBody, Generator, Literal, MemberKind, Module, Source, Statement,
    StatementKind, MAX_LAMBDA_NESTING,
};
use serde::{Deserialize, Serialize};

use std::collections::HashMap;

use crate::set_table::SetTable;
use crate::world::{
    item_place, referents, ExceptionState, ExitHandler, Fin, Holder, Obj, RaisedIn, Val, WeakRef, World, FRAME,
    TRACEBACK,
};

/// One object as it stands after a step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ObjectView {
    /// The object's number, the same at every step of one simulation.
    pub id: usize,
    /// Its class: one of the program's, or `list`, `tuple`, `dict`, `set`, `weakref`,
    /// `WeakValueDictionary`, `WeakKeyDictionary`, `function` (a closure) or `cell`.
    pub class: String,
    pub label: String,
    pub refcount: usize,
    /// Who refers to it: `a`, `b.self_ref`, `its finalizer's callback`, ...
    pub referrers: Vec<String>,
    /// Its finalizer's state, if it has one: alive, and whether it runs at exit.
    pub finalizer_alive: Option<bool>,
    /// Nothing reachable refers to it: only `gc.collect()` will free it.
    pub waiting_for_gc: bool,
    /// Its finalizer's callback or arguments refer to it, so it lives until exit.
    pub pinned_by_finalizer: bool,
    /// It is in a reference cycle: it refers to itself, or to an object that leads back to it.
    pub in_cycle: bool,
}

/// A module global after a step: the object it names, or what else it holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NameView {
    pub name: String,
    /// The `id` of the object it refers to, if it refers to one of the objects shown.
    pub object: Option<usize>,
    /// What it holds, said in words: a repr (`3`, `'a'`), `function f`, `bound method
    /// R.close`, `the finalizer of R('a')`, ...
    pub value: String,
}

/// A reference from one object to another (an attribute or an item).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reference {
    pub from: usize,
    pub to: usize,
    /// Where `from` holds it: `.attr`, `.attr (bound method C.m)` or `[index]`.
    pub via: String,
}

/// One statement of the program (or the interpreter's exit) and what it did.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// None for the interpreter's exit.
    pub line: Option<usize>,
    pub text: String,
    pub events: Vec<String>,
    pub printed: Vec<String>,
    /// The object graph after the step: the module's names, the objects alive, and the
    /// references between them. Steps are the module's statements, so no function's frame is
    /// running: what a `for` or `with` holds shows as a temporary among an object's referrers.
    pub names: Vec<NameView>,
    pub objects: Vec<ObjectView>,
    pub references: Vec<Reference>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NotModelled {
    pub line: usize,
    pub text: String,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Simulation {
    pub steps: Vec<Step>,
    /// Every line the program prints, in order, exit included (when the simulation got there).
    pub output: Vec<String>,
    /// Where the simulation stopped; `output` is then only what comes before.
    pub not_modelled: Option<NotModelled>,
    /// The exception that ends the program, as the traceback's last line says it
    /// (`ValueError: boom`); None when the program ends normally or the simulation stopped.
    pub error: Option<String>,
    /// The line the traceback ends at (where that exception was raised).
    pub error_line: Option<usize>,
    /// The process's exit status (1 after an exception, a `sys.exit()`'s own); None when the
    /// simulation stopped.
    pub exit_status: Option<i32>,
}

/// Holds the predicted lines against the probe's report, line by line (each address hole
/// matching any address: [`crate::line_agrees`]), and the way the program ends. Where the simulation stopped early, CPython's further lines are declined facts.
pub fn compare(simulation: &Simulation, report: &str) -> Comparison {
    let report: serde_json::Value = match serde_json::from_str(report) {
        Ok(report) => report,
        Err(error) => return Comparison::unreadable(format!("the probe's report is not JSON: {error}")),
    };
    let Some(actual) = report["lines"].as_array() else {
        return Comparison::unreadable("the probe's report has no lines");
    };
    let actual: Vec<String> = actual.iter().map(|l| l.as_str().unwrap_or_default().to_owned()).collect();
    let mut checks: Vec<Check> = Vec::new();
    for i in 0..simulation.output.len().max(actual.len()) {
        let subject = format!("output line {}", i + 1);
        let seen = actual.get(i).cloned();
        match (&simulation.not_modelled, simulation.output.get(i)) {
            (_, Some(predicted)) => checks.push(line_check(subject, predicted, seen)),
            (Some(stop), None) => checks.push(Check::declined(subject, stop_reason(stop), seen)),
            (None, None) => checks.push(Check {
                subject,
                predicted: Some("(no line)".into()),
                actual: seen,
                verdict: Verdict::Disagreed,
            }),
        }
    }
    let error = report["error"].as_str().map_or_else(|| "none".to_owned(), str::to_owned);
    let predicted = simulation.error.clone().unwrap_or_else(|| "none".to_owned());
    checks.push(match &simulation.not_modelled {
        None => line_check("how the program ends".into(), &predicted, Some(error)),
        Some(stop) => Check::declined("how the program ends", stop_reason(stop), Some(error)),
    });
    Comparison { checks, problem: None }
}

/// A predicted line held against CPython's (`Check::compared`, each address hole matching any
/// address), shown with its holes as `0x…`.
fn line_check(subject: String, predicted: &str, actual: Option<String>) -> Check {
    let agreed = actual.as_deref().is_some_and(|actual| crate::line_agrees(predicted, actual));
    let verdict = if agreed { Verdict::Agreed } else { Verdict::Disagreed };
    Check { subject, predicted: Some(crate::shown_line(predicted)), actual, verdict }
}

fn stop_reason(stop: &NotModelled) -> String {
    format!("the lab stopped at line {} ({})", stop.line, stop.reason)
}

/// A weak reference whose callback runs as its object dies.
enum Weak {
    Finalizer(usize),
    Reference(usize),
}

/// The order the callbacks of dying objects run in: by the object's place among them, then
/// newest first.
type WeakOrder = (usize, std::cmp::Reverse<usize>);

/// Why the run of a block stopped before its end.
#[derive(Debug)]
enum Stop {
    /// The model cannot follow what comes next: what and why.
    NotModelled(String),
    /// A Python exception propagates: the exception object.
    Raised(usize),
    /// A built-in operation raises a built-in exception with this argument (its message, or a
    /// `KeyError`'s key); the statement running makes it a [`Stop::Raised`].
    Throw(&'static str, Box<Val>),
}

impl From<String> for Stop {
    fn from(reason: String) -> Stop {
        Stop::NotModelled(reason)
    }
}

impl From<&str> for Stop {
    fn from(reason: &str) -> Stop {
        Stop::NotModelled(reason.to_owned())
    }
}

/// A [`Stop::NotModelled`] with a formatted reason.
macro_rules! not_modelled {
    ($($reason:tt)*) => {
        Stop::NotModelled(format!($($reason)*))
    };
}

type Outcome<T> = Result<T, Stop>;

mod addresses;
mod attribute_builtins;
mod automatic_gc;
mod calls;
mod class_attributes;
mod class_containers;
mod closures;
mod comprehension_errors;
mod containers;
mod dataclasses;
mod decorators;
mod did_you_mean;
mod extended_slices;
mod frames;
mod generator_expressions;
mod generators;
mod globals;
mod imports;
mod iterators;
mod properties;
mod reductions;
mod sequences;
mod sets;
mod shared_keys;
mod super_calls;
mod system_exit;
mod text;
mod types;
mod unorderable;
mod unpacking;
mod weak_dict_generators;
mod weak_methods;
mod weakdicts;

use containers::Cursor;
use imports::FOLLOWED_MODULES;
pub use imports::IMPORTABLE;
use weakdicts::{WEAK_KEYS, WEAK_VALUES};

/// A built-in exception with `message`, raised by a built-in operation.
fn throw(class: &'static str, message: &str) -> Stop {
    Stop::Throw(class, Box::new(Val::Str(message.to_owned())))
}

/// Simulates `code`; a syntax error is the only failure.
pub fn simulate(code: &str) -> Result<Simulation, pysource::SyntaxError> {
    let source = Source::parse(code)?;
    Ok(simulate_parsed(&source, &source.module()))
}

/// Simulates code already parsed, with `module` read from `source` (the page has both), on the
/// Python the page runs.
pub fn simulate_parsed(source: &Source, module: &Module) -> Simulation {
    simulate_on(source, module, lab::PYODIDE_PYTHON_MINOR)
}

/// Simulates code already parsed on CPython 3.`minor`: a returning frame lets go of its locals
/// first to last up to 3.13, last to first from 3.14.
pub fn simulate_on(source: &Source, module: &Module, minor: u8) -> Simulation {
    let statements = source.statements();
    let mut bodies = source.function_bodies();
    properties::key_accessors(&mut bodies);
    let mut lambdas = source.lambdas();
    // Each module-level lambda is its own function, all named `<lambda>`: the model keys the
    // second and later ones by their place in the source.
    for (place, (_, body)) in lambdas.iter_mut().filter(|(_, body)| body.qualname == "<lambda>").enumerate().skip(1) {
        body.qualname = format!("<lambda>{KEY_MARK}{}", place + 1);
    }
    let lambda_texts = lambdas.iter().map(|(text, body)| (text.clone(), body.qualname.clone())).collect();
    bodies.extend(lambdas.into_iter().map(|(_, body)| body));
    let mut generator_expressions: Vec<(String, String, Expression)> = Vec::new();
    let mut made: Vec<(String, String)> = Vec::new();
    for (place, mut found) in source.generator_expressions().into_iter().enumerate() {
        let public = found.body.qualname.clone();
        found.body.qualname = generator_expressions::generator_expression_key(&public, &made, place + 1);
        made.push((public, found.body.qualname.clone()));
        generator_expressions.push((found.text, found.body.qualname.clone(), found.iterable));
        bodies.push(found.body);
    }
    let expansion = dataclasses::expand(&statements, module);
    bodies.extend(expansion.bodies);
    let module = expansion.module.as_ref().unwrap_or(module);
    let mut run = Run {
        module,
        bodies: &bodies,
        dataclasses: expansion.classes,
        declined_classes: expansion.declined,
        repr_guard: Vec::new(),
        world: World::default(),
        events: Vec::new(),
        printed: String::new(),
        stdout: String::new(),
        steps: Vec::new(),
        at: (statements.first().map_or(1, |s| s.line), String::new()),
        executed: 0,
        locals: Vec::new(),
        globals_declared: Vec::new(),
        minor,
        scopes: Vec::new(),
        deallocating: 0,
        nesting: 0,
        defined: Vec::new(),
        line: statements.first().map_or(1, |s| s.line),
        spans_lines: false,
        exit_hook_ran: false,
        tearing_down: false,
        closing_at_teardown: None,
        lambdas: lambda_texts,
        generator_expressions,
        made_lambdas: Vec::new(),
        redefined: redefined(&statements),
        definitions: statements
            .iter()
            .filter_map(|s| match &s.kind {
                StatementKind::Definition { name, .. } => Some((name.clone(), s.line)),
                _ => None,
            })
            .collect(),
        current_bodies: Vec::new(),
        kept_cursors: Vec::new(),
        set_tables: HashMap::new(),
        set_layouts_unknown: HashMap::new(),
        source,
        set_displays: std::cell::OnceCell::new(),
        discarded: 0,
        stored: 0,
        collecting: false,
        automatic_off_since: None,
        weak_iterating: Vec::new(),
        weak_dict_generators: Vec::new(),
        recorded_views: 0,
        calls: Vec::new(),
        calls_made: 0,
        handling: Vec::new(),
        generators: Vec::new(),
        hidden_callers: 0,
        deleted_class_attributes: Vec::new(),
        unnamed_classes: Vec::new(),
        imported: Vec::new(),
        shared_keys: HashMap::new(),
        static_attributes: source.static_attributes(),
    };
    // A `nonlocal` without a binding is a SyntaxError: CPython runs none of the program.
    let problem = run.nonlocal_problem().or_else(|| run.deep_lambda()).or_else(|| run.newer_syntax());
    let result = match (problem, run.late_global(&statements)) {
        (Some(reason), _) => Err(Stop::NotModelled(reason)),
        (None, Err(stop)) => Err(stop),
        (None, Ok(Some((line, message)))) => {
            return Simulation {
                steps: Vec::new(),
                output: Vec::new(),
                not_modelled: None,
                error: Some(format!("SyntaxError: {message}")),
                error_line: Some(line),
                exit_status: Some(1),
            }
        }
        (None, Ok(None)) => run.block(&statements, None),
    };
    let result = match result {
        Ok(Flow::Normal) => Ok(Ending::Normal),
        Ok(_) => Err("`break`, `continue` or `return` outside a loop or function is not modelled".to_owned()),
        Err(Stop::Raised(exception)) => match run.is_system_exit(exception) {
            Ok(true) => run.system_exit(exception).map(Ending::Exited).map_err(Stop::reason),
            Ok(false) => run.escaped(exception).map(Ending::Escaped).map_err(Stop::reason),
            Err(stop) => Err(stop.reason()),
        },
        Err(stop) => Err(stop.reason()),
    };
    let ending = match result {
        Ok(ending) => ending,
        Err(reason) => {
            let (line, text) = run.at.clone();
            // A line the program had not finished printing is not known yet.
            let mut output = splitlines(&run.stdout);
            if !ends_a_line(&run.stdout) {
                output.pop();
            }
            return Simulation {
                steps: run.steps,
                output,
                not_modelled: Some(NotModelled { line, text, reason }),
                error: None,
                error_line: None,
                exit_status: None,
            };
        }
    };
    let exit = run.exit(matches!(ending, Ending::Escaped(_)));
    run.record(None, "interpreter exit".into());
    let not_modelled = exit.err().map(|stop| NotModelled {
        line: statements.last().map_or(1, |s| s.line),
        text: "interpreter exit".into(),
        reason: stop.reason(),
    });
    let (error, error_line, status) = match ending {
        Ending::Normal => (None, None, 0),
        Ending::Escaped((error, line)) => (Some(error), Some(line), 1),
        Ending::Exited(exit) => (exit.error, None, exit.status),
    };
    let exit_status = not_modelled.is_none().then_some(status);
    Simulation { output: splitlines(&run.stdout), steps: run.steps, not_modelled, error, error_line, exit_status }
}

/// How the module's code ended.
enum Ending {
    Normal,
    /// An exception escaped: the traceback's last line, and the line it ends at.
    Escaped((String, usize)),
    /// A `SystemExit` ended it.
    Exited(system_exit::Exit),
}

impl Stop {
    /// Why the simulation stopped, said for the page.
    fn reason(self) -> String {
        match self {
            Stop::NotModelled(reason) => reason,
            Stop::Raised(_) | Stop::Throw(..) => {
                "an exception where the model does not follow it is not modelled".into()
            }
        }
    }
}

/// `str.splitlines()`: the lines CPython's report holds.
fn splitlines(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if is_line_break(c) {
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
            lines.push(std::mem::take(&mut line));
        } else {
            line.push(c);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\x0b' | '\x0c' | '\x1c' | '\x1d' | '\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn ends_a_line(text: &str) -> bool {
    text.chars().last().is_none_or(is_line_break)
}

/// How a block of statements ended.
enum Flow {
    Normal,
    Break,
    Continue,
    Return,
}

struct Run<'m> {
    module: &'m Module,
    bodies: &'m [FunctionBody],
    world: World,
    events: Vec<String>,
    /// What the current step printed.
    printed: String,
    /// Everything printed so far.
    stdout: String,
    steps: Vec<Step>,
    /// The module-level statement running (its line and first line), where a stop is reported.
    at: (usize, String),
    /// Statements run and loop iterations begun, bounded by [`MAX_EXECUTED`].
    executed: usize,
    /// The names each running function assigns (its locals), by frame index, in the order
    /// its frame numbers them. The first `params` of them are its parameters. And the
    /// function's qualified name.
    locals: Vec<(usize, Vec<String>, usize, String)>,
    /// The names each running function declares `global`, by frame index.
    globals_declared: Vec<(usize, Vec<String>)>,
    /// The CPython minor version simulated.
    minor: u8,
    /// Comprehensions' scopes (frame indexes) and the scope each one is in.
    scopes: Vec<(usize, Frame)>,
    /// How many deallocations are running inside one another.
    deallocating: usize,
    /// How many calls of the program's functions are running from Python code the model runs
    /// natively (`weakref.finalize.__call__`, and at exit the page's probe), whose frames a
    /// kept frame's `f_back` would reach.
    hidden_callers: usize,
    /// How many expressions are being evaluated inside one another (calls included).
    nesting: usize,
    /// The module's classes and functions whose `class` or `def` statement has run.
    defined: Vec<String>,
    /// The running simple statement spans several lines.
    spans_lines: bool,
    /// `weakref.finalize`'s exit hook ran: finalizers call nothing any more.
    exit_hook_ran: bool,
    /// The interpreter's last collection runs: finalizers' registry and weak references no
    /// longer agree.
    tearing_down: bool,
    /// The generator the interpreter's last collection is closing, by index.
    closing_at_teardown: Option<usize>,
    /// The module's lambdas: each one's text and the qualified name of the function it makes.
    lambdas: Vec<(String, String)>,
    /// The module's generator expressions: each one's text, the key of the function it makes
    /// (its qualified name and place), and its first iterable.
    generator_expressions: Vec<(String, String, Expression)>,
    /// The module-level lambdas evaluated so far, by their key in `lambdas`: each evaluation
    /// makes a new function object, which the model's one function per name cannot tell apart.
    made_lambdas: Vec<String>,
    /// The names the module's `def` and `class` statements bind more than once.
    redefined: Vec<String>,
    /// The module's `def` and `class` statements: the name each binds, and its line.
    definitions: Vec<(String, usize)>,
    /// Which of the bodies of a function defined more than once is bound now (0 for the first).
    current_bodies: Vec<(String, usize)>,
    /// Where the iterators of `enumerate` and `zip` objects that outlived a loop over them
    /// stand, by object.
    kept_cursors: Vec<(usize, Cursor)>,
    /// The hash tables of the sets whose layout the model follows, by object.
    set_tables: HashMap<usize, SetTable<sets::Member>>,
    /// Why a set of members the model can hash has no table: how its display was compiled.
    set_layouts_unknown: HashMap<usize, &'static str>,
    source: &'m Source,
    /// Every set display in the module, as its elements (None: nested too deep to walk), read
    /// when first needed.
    set_displays: std::cell::OnceCell<Option<Vec<Vec<Expression>>>>,
    /// The comprehension (by the address of its generators) whose value the running
    /// expression statement discards; 0 for none.
    discarded: usize,
    /// The comprehension (by the address of its generators) whose value the running assignment
    /// stores straight into a local of the function; 0 for none.
    stored: usize,
    /// `gc.collect()` is running: the collector does not start again inside it.
    collecting: bool,
    /// How many objects had been made when `gc.disable()` turned CPython's automatic
    /// collection off; None while it is on (see `automatic_gc`).
    automatic_off_since: Option<usize>,
    /// The weak dictionaries whose generators (`iter(d)`, `keys()`, `values()`, `items()`)
    /// have started and not finished, the latest last: their removals would wait.
    weak_iterating: Vec<usize>,
    /// The generators weak dictionaries' `keys()`, `values()` and `items()` made.
    weak_dict_generators: Vec<weak_dict_generators::WeakDictGenerator>,
    /// How many object views, names and references the recorded steps hold.
    recorded_views: usize,
    /// The running calls of the program's functions, each by a number of its own.
    calls: Vec<usize>,
    /// How many calls were made.
    calls_made: usize,
    /// The line of the statement running in the innermost frame, where an exception is raised.
    line: usize,
    /// The exceptions being handled (by `except` or `finally` clauses), innermost last.
    handling: Vec<usize>,
    /// The class attributes (`C.attr`) a class body binds that `del C.attr` took out of the
    /// class's dict.
    deleted_class_attributes: Vec<String>,
    /// The classes whose module name the program bound to something else.
    unnamed_classes: Vec<String>,
    /// What the program's module-level imports have bound so far: each name and what it
    /// names (`wr` and `weakref`, `finalize` and `weakref.finalize`; see `imports`).
    imported: Vec<(String, String)>,
    /// Each class's shared keys so far: the order its instances keep their attributes in (see
    /// `shared_keys`).
    shared_keys: HashMap<String, Vec<String>>,
    /// Each top-level class's `__static_attributes__`, which start its shared keys from 3.14.
    static_attributes: std::collections::BTreeMap<String, Vec<String>>,
    /// The program's dataclasses the model follows.
    dataclasses: Vec<dataclasses::DataClass>,
    /// The classes the model declines at their class statement (dataclasses it does not
    /// follow, and their subclasses), and why.
    declined_classes: Vec<(String, String)>,
    /// The dataclass instances whose generated `__repr__` is running.
    repr_guard: Vec<usize>,
    /// The generator objects made, with their frames' places.
    generators: Vec<generators::Generator<'m>>,
}

/// The traceback `__exit__` is given when the `with` body raised, a value the model does not
/// look into (one it keeps becomes an object: see `simulate/frames.rs`).
const EXIT_TRACEBACK: &str = "a traceback";

/// How deep calls may nest before the simulation stops (recursion is not modelled). Each nested
/// call repeats a few large stack frames; 40 keeps a debug build inside a test thread's 2 MB
/// with a tenth to spare (at 48 a few more bytes in `eval` overflowed it).
const MAX_CALL_DEPTH: usize = 40;

/// How many finalizers the exit hook's callbacks may register before the simulation stops.
const MAX_EXIT_REGISTRATIONS: usize = 100;

/// The longest string an f-string may build before the simulation stops.
const MAX_STR_BYTES: usize = 1 << 20;

/// How deep expressions (and the calls in them) may nest before the simulation stops.
const MAX_EXPRESSION_DEPTH: usize = 200;

/// How deep deallocations may nest (CPython's trashcan starts deferring them at 50).
const MAX_DEALLOC_DEPTH: usize = 40;

/// How many statements and loop iterations the simulation follows before it stops.
const MAX_EXECUTED: usize = 10_000;

/// The longest list the simulation builds.
const MAX_ITEMS: usize = 10_000;

/// How many objects (instances, lists, tuples) the simulation creates before it stops.
const MAX_OBJECTS: usize = 1_000;

/// How many steps of the module the timeline shows; later ones are folded into the exit's.
const MAX_RECORDED_STEPS: usize = 1_000;

/// How many object views, names and references the timeline's steps may hold in all before
/// later steps are folded into the exit's (a big heap times many steps took the model's time
/// and memory).
const MAX_RECORDED_VIEWS: usize = 20_000;

/// The running function's frame, an index into `World::frames`; None at module level.
type Frame = Option<usize>;

/// What a comprehension builds, with the expressions each item adds.
#[derive(Clone, Copy)]
enum Built<'e> {
    List(&'e Expression),
    Set(&'e Expression),
    Dict(&'e Expression, &'e Expression),
}

/// An expression the model does not follow, by its text. Kept out of [`Run::evaluate`], whose
/// stack frame every nested call repeats.
#[inline(never)]
fn unmodelled_expression(text: &str) -> Stop {
    not_modelled!("`{}` is not modelled", first_line(text))
}

/// What follows a function's qualified name in the model's key for it where CPython gives
/// others the same name (no qualified name Python makes has it): the place of a module's second
/// and later lambdas (`<lambda>#2`), and a property's setter or deleter (`C.x#setter`).
const KEY_MARK: char = '#';

/// The qualified name CPython gives the function the model keys `key`: less the places of a
/// module-level lambda and of generator expressions (those it is in too), and less a setter's
/// or deleter's mark.
fn public_qualname(key: &str) -> std::borrow::Cow<'_, str> {
    if !key.contains(KEY_MARK) {
        return key.into();
    }
    let mut public = String::new();
    let mut rest = key;
    while let Some((before, after)) = rest.split_once(KEY_MARK) {
        public.push_str(before);
        let after = after.trim_start_matches(|c: char| c.is_ascii_digit());
        rest = after.strip_prefix("setter").or_else(|| after.strip_prefix("deleter")).unwrap_or(after);
    }
    public.push_str(rest);
    public.into()
}

fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or_default().to_owned()
}

/// The names more than one of the module's top-level `def` and `class` statements bind.
fn redefined(statements: &[Statement]) -> Vec<String> {
    let mut seen: Vec<&str> = Vec::new();
    let mut twice = Vec::new();
    for statement in statements {
        if let StatementKind::Definition { name, .. } = &statement.kind {
            if seen.contains(&name.as_str()) && !twice.contains(name) {
                twice.push(name.clone());
            }
            seen.push(name);
        }
    }
    twice
}

/// A statement without a body of its own.
fn statement_is_simple(kind: &StatementKind) -> bool {
    matches!(
        kind,
        StatementKind::Expr { .. }
            | StatementKind::Assign { .. }
            | StatementKind::AugAssign { .. }
            | StatementKind::Delete { .. }
            | StatementKind::Return { .. }
            | StatementKind::Raise { .. }
    )
}

/// The built-in exception classes the model raises and catches, each with its base.
const BUILTIN_EXCEPTIONS: [(&str, &str); 17] = [
    ("BaseException", ""),
    ("GeneratorExit", "BaseException"),
    ("SystemExit", "BaseException"),
    ("StopIteration", "Exception"),
    ("Exception", "BaseException"),
    ("ArithmeticError", "Exception"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("LookupError", "Exception"),
    ("IndexError", "LookupError"),
    ("KeyError", "LookupError"),
    ("ValueError", "Exception"),
    ("TypeError", "Exception"),
    ("RuntimeError", "Exception"),
    ("NotImplementedError", "RuntimeError"),
    ("AssertionError", "Exception"),
    ("AttributeError", "Exception"),
    (dataclasses::FROZEN_INSTANCE_ERROR, "AttributeError"),
];

/// The names a function declares `global`, anywhere in its blocks (a declaration after a use
/// is a SyntaxError the run never gets to). A function defined in one that declares `global`
/// names is declined.
fn declared_globals(body: &FunctionBody) -> Outcome<Vec<String>> {
    let mut names = Vec::new();
    globals::global_names(&body.statements, &mut names);
    if names.is_empty() {
        return Ok(names);
    }
    match later_statement(&body.statements, &|kind| matches!(kind, StatementKind::Definition { .. })) {
        Some(statement) => Err(not_modelled!(
            "`{}` in `{}`, which declares `global` names, is not modelled",
            first_line(&statement.text),
            body.qualname
        )),
        None => Ok(names),
    }
}

/// A function's parameters in the order its frame numbers them: those named, then `*args`,
/// then `**kwargs`.
fn parameters(body: &FunctionBody) -> Vec<String> {
    let mut names = body.params.clone();
    names.extend(body.varargs.iter().chain(&body.kwargs).cloned());
    names
}

/// The first of `statements`, or of the statements in their blocks, that `wanted` picks.
fn later_statement<'s>(statements: &'s [Statement], wanted: &dyn Fn(&StatementKind) -> bool) -> Option<&'s Statement> {
    statements.iter().find_map(|statement| match &statement.kind {
        kind if wanted(kind) => Some(statement),
        StatementKind::If { body, orelse, .. }
        | StatementKind::While { body, orelse, .. }
        | StatementKind::For { body, orelse, .. } => {
            later_statement(body, wanted).or_else(|| later_statement(orelse, wanted))
        }
        StatementKind::With { body, .. } => later_statement(body, wanted),
        StatementKind::Try { body, handlers, orelse, finalbody, .. } => later_statement(body, wanted)
            .or_else(|| handlers.iter().find_map(|(_, handler)| later_statement(handler, wanted)))
            .or_else(|| later_statement(orelse, wanted))
            .or_else(|| later_statement(finalbody, wanted)),
        _ => None,
    })
}

/// The names a function body binds, which are its locals.
fn assigned_names(statements: &[Statement], names: &mut Vec<String>) {
    fn target(expr: &Expression, names: &mut Vec<String>) {
        match expr {
            Expression::Name { id } => names.push(id.clone()),
            Expression::Tuple { elements } | Expression::List { elements } => {
                elements.iter().for_each(|e| target(e, names))
            }
            _ => {}
        }
    }
    for statement in statements {
        match &statement.kind {
            StatementKind::Assign { targets, .. } | StatementKind::Delete { targets } => {
                targets.iter().for_each(|t| target(t, names))
            }
            StatementKind::AugAssign { target: t, .. } => target(t, names),
            StatementKind::For { target: t, body, orelse, .. } => {
                target(t, names);
                assigned_names(body, names);
                assigned_names(orelse, names);
            }
            StatementKind::If { body, orelse, .. } | StatementKind::While { body, orelse, .. } => {
                assigned_names(body, names);
                assigned_names(orelse, names);
            }
            StatementKind::With { items, body } => {
                items.iter().filter_map(|(_, t)| t.as_ref()).for_each(|t| target(t, names));
                assigned_names(body, names);
            }
            StatementKind::Try { body, handlers, orelse, finalbody, .. } => {
                assigned_names(body, names);
                for (name, handler) in handlers {
                    names.extend(name.iter().cloned());
                    assigned_names(handler, names);
                }
                assigned_names(orelse, names);
                assigned_names(finalbody, names);
            }
            StatementKind::Definition { name, .. } => names.push(name.clone()),
            _ => {}
        }
    }
}

impl Run<'_> {
    /// Records a step of the module's run: what it did and how the heap stands.
    fn record(&mut self, line: Option<usize>, text: String) {
        if line.is_some() && (self.steps.len() >= MAX_RECORDED_STEPS || self.recorded_views >= MAX_RECORDED_VIEWS) {
            // What later statements do goes into the exit's step.
            return;
        }
        let mut waiting = vec![false; self.world.objs.len()];
        for i in self.world.unreachable() {
            waiting[i] = true;
        }
        let all_holders = self.world.all_holders();
        let references = self.world.references();
        let in_cycle = self.world.in_cycles(&references);
        let objects: Vec<ObjectView> = (0..self.world.objs.len())
            .filter(|i| !self.world.objs[*i].freed)
            .map(|i| {
                let holders = &all_holders[i];
                ObjectView {
                    id: i,
                    class: self.world.objs[i].class.clone(),
                    label: self.world.objs[i].label.clone(),
                    refcount: holders.len(),
                    referrers: holders.iter().map(|h| self.holder_name(h)).collect(),
                    finalizer_alive: self.world.fins.iter().rev().find(|f| f.owner == i).map(|f| f.alive),
                    waiting_for_gc: waiting[i],
                    pinned_by_finalizer: holders
                        .iter()
                        .any(|h| matches!(h, Holder::Finalizer(f) if self.world.fins[*f].owner == i)),
                    in_cycle: in_cycle[i],
                }
            })
            .collect();
        let names: Vec<NameView> = self
            .world
            .globals
            .iter()
            .map(|(name, value)| NameView { name: name.clone(), object: referents(value), value: self.describe(value) })
            .collect();
        let references: Vec<Reference> =
            references.into_iter().map(|(from, to, via)| Reference { from, to, via }).collect();
        let printed = std::mem::take(&mut self.printed);
        self.recorded_views += objects.len() + names.len() + references.len();
        self.steps.push(Step {
            line,
            text,
            // An event may quote text that shows an address (an exception's message).
            events: std::mem::take(&mut self.events).iter().map(|event| crate::shown_line(event)).collect(),
            printed: splitlines(&printed),
            names,
            objects,
            references,
        });
    }

    /// A value in words, for the graph: its repr where that needs no program code, else what
    /// it is.
    fn describe(&self, value: &Val) -> String {
        match value {
            Val::Obj(obj) => self.world.objs[*obj].label.clone(),
            Val::Fin(fin) => {
                let state = if self.world.fins[*fin].alive { "alive" } else { "dead" };
                format!("the finalizer of {} ({state})", self.world.objs[self.world.fins[*fin].owner].label)
            }
            Val::Class(name) => format!("class {name}"),
            Val::Func(name) => format!("function {}", public_qualname(name)),
            Val::Bound(obj, method) => format!("bound method {method} of {}", self.world.objs[*obj].label),
            Val::ClassBound(class, method) => format!("bound method {} of class {class}", public_qualname(method)),
            Val::Print => "built-in function print".into(),
            Val::Builtin(name) => format!("built-in {name}"),
            Val::StrMethod(_, method) => format!("built-in method str.{method}"),
            Val::FinMethod(fin, method) => {
                format!("method {method} of the finalizer of {}", self.world.objs[self.world.fins[*fin].owner].label)
            }
            Val::Opaque(what) => (*what).to_owned(),
            Val::View(dict, kind) => format!("the {kind} view of {}", self.world.objs[*dict].label),
            other => self.repr_pure(other).unwrap_or_else(|_| "a value".into()),
        }
    }

    fn holder_name(&self, holder: &Holder) -> String {
        match holder {
            Holder::Global(name) => name.clone(),
            Holder::Attr(obj, attr) if self.generator_of(&Val::Obj(*obj)).is_some() => self.frame_holder(*obj, attr),
            Holder::Attr(obj, attr) => {
                let object = &self.world.objs[*obj];
                format!("{}{}", object.label, object.attr_place(attr))
            }
            Holder::Item(obj, index) => {
                let object = &self.world.objs[*obj];
                let place = item_place(&object.class, object.items.as_deref().unwrap_or_default(), *index);
                let gap = if place.starts_with('[') { "" } else { " " };
                format!("{}{gap}{place}", object.label)
            }
            Holder::Finalizer(fin) => {
                format!("the finalizer of {}", self.world.objs[self.world.fins[*fin].owner].label)
            }
            Holder::Frame => "a temporary".into(),
            Holder::Exception(obj, via) => format!("{}{via}", self.world.objs[*obj].label),
            Holder::Raised => "the exception being raised or handled".into(),
            Holder::Defaults(function) => format!("the defaults of {function}"),
            Holder::ClassMember(member) => format!("the class attribute {member}"),
            Holder::Atexit => "atexit's handlers".into(),
        }
    }

    fn count(&mut self) -> Outcome<()> {
        self.executed += 1;
        if self.executed > MAX_EXECUTED {
            return Err(not_modelled!("more than {MAX_EXECUTED} statements and loop iterations are not modelled"));
        }
        Ok(())
    }

    fn block(&mut self, statements: &[Statement], frame: Frame) -> Outcome<Flow> {
        for statement in statements {
            match self.statement(statement, frame)? {
                Flow::Normal => {}
                flow => return Ok(flow),
            }
        }
        Ok(Flow::Normal)
    }

    /// Runs `work` with a frame of its own for the temporaries it holds, released after it.
    fn with_temporaries<T>(&mut self, work: impl FnOnce(&mut Self) -> Outcome<T>) -> Outcome<T> {
        self.world.frames.push(Vec::new());
        // A built-in operation's exception is made while the stack still holds its operands.
        let result = work(self).map_err(|stop| self.thrown(stop));
        let temporaries = self.world.frames.pop().unwrap_or_default();
        self.let_go(temporaries, result)
    }

    /// Lets go of what a finished piece of work held: in the order it was taken when the work
    /// finished, from the top of the stack down when an exception unwinds it, not at all when
    /// the simulation stopped.
    fn let_go<T>(&mut self, held: Vec<(String, Val)>, result: Outcome<T>) -> Outcome<T> {
        match result {
            Ok(value) => {
                held.iter().try_for_each(|(_, v)| self.released(v))?;
                Ok(value)
            }
            Err(stop @ (Stop::Raised(_) | Stop::Throw(..))) => {
                let stop = self.thrown(stop);
                held.iter().rev().try_for_each(|(_, v)| self.released(v))?;
                Err(stop)
            }
            Err(stop) => Err(stop),
        }
    }

    /// `result` of an instruction on `operands` (first to last). One that raised lets go of
    /// them before the exception unwinds the stack: before 3.14 first to last (its
    /// DECREF_INPUTS comes ahead of its ERROR_IF); from 3.14 the unwinding lets go of them, from
    /// the top of the stack down.
    fn failed_operation<T>(&mut self, result: Outcome<T>, operands: &[&Val]) -> Outcome<T> {
        match result {
            Err(stop @ (Stop::Raised(_) | Stop::Throw(..))) if self.minor < 14 => {
                let stop = self.thrown(stop);
                if matches!(stop, Stop::Raised(_)) {
                    for operand in operands {
                        self.drop_temporary(operand)?;
                    }
                }
                Err(stop)
            }
            other => other,
        }
    }

    /// A built-in operation's exception as an exception object, raised here.
    fn thrown(&mut self, stop: Stop) -> Stop {
        let Stop::Throw(class, argument) = stop else { return stop };
        let raised =
            self.new_exception(class, vec![*argument]).and_then(|exception| self.raise(exception).map(|_| exception));
        match raised {
            Ok(exception) => Stop::Raised(exception),
            Err(stop) => stop,
        }
    }

    /// `result`, where an exception propagating out of `what` is declined.
    fn without_exception<T>(result: Outcome<T>, what: &str) -> Outcome<T> {
        match result {
            Err(Stop::Raised(_) | Stop::Throw(..)) => {
                Err(not_modelled!("an exception propagating out of {what} is not modelled"))
            }
            other => other,
        }
    }

    /// The truth of a condition, its temporaries released before the branch runs.
    fn condition(&mut self, test: &Expression, frame: Frame) -> Outcome<bool> {
        self.with_temporaries(|run| {
            let value = run.eval(test, frame)?;
            run.truth(&value)
        })
    }

    /// A module-level `def` or `class` statement. Kept out of [`Run::run_statement`], whose
    /// stack frame every nested call repeats.
    #[inline(never)]
    fn module_definition(&mut self, name: &String, decorators: &[Expression], statement: &Statement) -> Outcome<Flow> {
        if let Some(class) = self.module.class(name) {
            if let Some((_, reason)) = self.declined_classes.iter().find(|(class, _)| class == name) {
                return Err(Stop::NotModelled(reason.clone()));
            }
            self.class_statement_hooks(name)?;
            self.dataclass_created(name)?;
            if !decorators.is_empty() && !self.dataclasses.iter().any(|c| &c.name == name) {
                return Err(not_modelled!("the decorated class `{name}` is not modelled"));
            }
            class_body_runs_nothing(class, self.dataclasses.iter().any(|c| &c.name == name))?;
            self.properties_followed(class)?;
            self.builtin_decorators_not_rebound(class)?;
            if !self.dataclasses.iter().any(|c| &c.name == name) {
                self.class_containers_made(class)?;
            }
            // The model reads a class's methods without running its body: a decorator of the
            // program's is run here, in the order of the body, and what it returns replaces the
            // method; any other decorator of its own is declined.
            let known = |d: &String| {
                matches!(d.as_str(), "property" | "staticmethod" | "classmethod") || d.ends_with(".setter")
            };
            for member in &class.members {
                let (function, method) = match &member.kind {
                    MemberKind::Method(function) => (function, true),
                    MemberKind::Property { getter: function, .. } => (function, false),
                    MemberKind::Attribute(_) => continue,
                };
                let Some(decorator) = function.decorators.iter().find(|d| !known(d)) else { continue };
                let dunder = function.name.starts_with("__") && function.name.ends_with("__");
                let plain = method && !dunder && !function.decorators.iter().any(known);
                let qualname = format!("{name}.{}", function.name);
                if !plain || self.dataclasses.iter().any(|c| &c.name == name) || self.redefined.contains(name) {
                    return Err(not_modelled!("the method `{qualname}` decorated with `{decorator}` is not modelled"));
                }
                self.decorated_method(&qualname, &function.decorators)?;
            }
        }
        if self.redefined.contains(name) {
            self.redefinition(name, statement)?;
        }
        // A function's defaults are evaluated once, here; a method's in its class's
        // body, which the model does not run, so only literal ones are followed there.
        let prefix = format!("{name}.");
        let methods = self.bodies.iter().filter(|b| b.qualname.starts_with(&prefix) && !b.qualname.contains('<'));
        for body in methods {
            if body.defaults.iter().flatten().any(|d| !matches!(d, Expression::Literal { .. })) {
                return Err(not_modelled!(
                    "a default of `{}` that is not a literal is not modelled",
                    public_qualname(&body.qualname)
                ));
            }
        }
        if let Some(body) = self.body(name) {
            if !decorators.is_empty()
                && body.defaults.iter().flatten().any(|d| !matches!(d, Expression::Literal { .. }))
            {
                // They would be evaluated after the decorators, and held by a function object
                // the model does not make for a module function.
                return Err(not_modelled!(
                    "the decorated `{name}` with defaults that are not literals is not modelled"
                ));
            }
            if let Some(defaults) = self.with_temporaries(|run| run.defaults(body, None))? {
                let old =
                    self.world.defaults.iter().position(|(q, _)| q == name).map(|i| self.world.defaults.remove(i).1);
                self.world.defaults.push((name.clone(), defaults));
                if let Some(old) = old {
                    self.released(&old)?;
                }
            }
        }
        // The dataclass decorator changed the class before it ran: its methods are the module's.
        if !decorators.is_empty() && !self.dataclasses.iter().any(|c| &c.name == name) {
            self.decorated_definition(name, decorators, None)?;
            return Ok(Flow::Normal);
        }
        self.defined.push(name.clone());
        Ok(Flow::Normal)
    }

    /// Runs one statement; an exception an operation raised in it gets its object here.
    fn statement(&mut self, statement: &Statement, frame: Frame) -> Outcome<Flow> {
        let outer = (self.line, self.spans_lines);
        self.line = statement.line;
        // A traceback names the line of the operation that raised, which the model knows only
        // when the statement is on one line.
        self.spans_lines = statement.text.contains('\n') && statement_is_simple(&statement.kind);
        let result = self.run_statement(statement, frame);
        let result = result.map_err(|stop| self.thrown(stop));
        (self.line, self.spans_lines) = outer;
        result
    }

    fn run_statement(&mut self, statement: &Statement, frame: Frame) -> Outcome<Flow> {
        self.count()?;
        if frame.is_none() {
            self.at = (statement.line, first_line(&statement.text));
        }
        let header = first_line(&statement.text);
        let flow = match &statement.kind {
            StatementKind::Import { bindings } if frame.is_none() => {
                self.import_statement(bindings)?;
                return Ok(Flow::Normal);
            }
            StatementKind::Definition { name, decorators } if frame.is_none() => {
                return self.module_definition(name, decorators, statement)
            }
            StatementKind::Try { body, handlers, orelse, finalbody, handler_types } => {
                self.step_at(frame, statement.line, &header);
                let outcome = match self.block(body, frame) {
                    Err(Stop::Raised(exception)) => self.handle(exception, handlers, handler_types, frame),
                    Ok(Flow::Normal) => self.block(orelse, frame),
                    other => other,
                };
                return self.finally(outcome, finalbody, frame);
            }
            StatementKind::Raise { exception, cause } => {
                let exception = match exception {
                    Some(exception) => self.with_temporaries(|run| {
                        let value = run.eval(exception, frame)?;
                        let exception = run.exception_from(&value)?;
                        if let Some(cause) = cause {
                            let cause = run.eval(cause, frame)?;
                            let cause = match cause {
                                Val::None => None,
                                other => Some(Val::Obj(run.exception_from(&other)?)),
                            };
                            let state =
                                run.world.objs[exception].exception.as_mut().ok_or("raising a non-exception")?;
                            if state.cause.is_some() {
                                return Err("raising an exception again with a new cause is not modelled".into());
                            }
                            state.cause = cause;
                        }
                        run.raise(exception)?;
                        Ok(exception)
                    })?,
                    None => {
                        let Some(&handled) = self.handling.last() else {
                            return Err(
                                "a bare `raise` with no exception being handled (RuntimeError) is not modelled".into(),
                            );
                        };
                        self.world.exceptions.push(Val::Obj(handled));
                        self.events.push(format!("{} raised again", self.world.objs[handled].label));
                        handled
                    }
                };
                self.step_at(frame, statement.line, &header);
                return Err(Stop::Raised(exception));
            }
            StatementKind::Pass => Flow::Normal,
            StatementKind::Nonlocal { .. } if frame.is_some() => Flow::Normal,
            // Checked where the function's frame is made ([`declared_globals`]).
            StatementKind::Global { .. } => Flow::Normal,
            StatementKind::Definition { name, decorators } if frame.is_some() => {
                match decorators.is_empty() {
                    true => self.define_closure(name, frame)?,
                    false => self.decorated_definition(name, decorators, frame)?,
                }
                Flow::Normal
            }
            StatementKind::Break => Flow::Break,
            StatementKind::Continue => Flow::Continue,
            StatementKind::If { test, body, orelse } => {
                let taken = self.condition(test, frame)?;
                self.step_at(frame, statement.line, &header);
                return self.block(if taken { body } else { orelse }, frame);
            }
            StatementKind::While { test, body, orelse } => loop {
                let go_on = self.condition(test, frame)?;
                self.step_at(frame, statement.line, &header);
                if !go_on {
                    return self.block(orelse, frame);
                }
                match self.block(body, frame)? {
                    Flow::Normal | Flow::Continue => {}
                    Flow::Break => return Ok(Flow::Normal),
                    Flow::Return => return Ok(Flow::Return),
                }
                self.count()?;
            },
            StatementKind::For { target, iter, body, orelse } => {
                return self.for_loop(statement, frame, target, iter, body, orelse);
            }
            StatementKind::With { items, body } => {
                return self.with_block(statement, frame, items, body);
            }
            StatementKind::Expr { .. }
            | StatementKind::Assign { .. }
            | StatementKind::AugAssign { .. }
            | StatementKind::Delete { .. }
            | StatementKind::Return { .. } => {
                let flow = self.with_temporaries(|run| run.simple(&statement.kind, frame))?;
                self.step_at(frame, statement.line, &statement.text);
                return Ok(flow);
            }
            _ if frame.is_some() => return Err(not_modelled!("`{header}` inside a function is not modelled")),
            _ => return Err(not_modelled!("`{header}` is not modelled")),
        };
        self.step_at(frame, statement.line, &statement.text);
        Ok(flow)
    }

    /// The `except` clauses of a `try` whose body raised `exception`: the first that matches
    /// runs with the exception handled (bound to its `as` name, cleared after it). None
    /// matching, the exception goes on.
    fn handle(
        &mut self,
        exception: usize,
        handlers: &[(Option<String>, Vec<Statement>)],
        clauses: &[ExceptClause],
        frame: Frame,
    ) -> Outcome<Flow> {
        for ((name, body), clause) in handlers.iter().zip(clauses) {
            if let Some(class) = &clause.class {
                let outer = self.line;
                self.line = clause.line;
                let matched = self.with_temporaries(|run| {
                    let class = run.eval(class, frame)?;
                    run.catches(exception, &class)
                });
                self.line = outer;
                if !Self::without_exception(matched, "an `except` clause's class")? {
                    continue;
                }
            }
            let label = self.world.objs[exception].label.clone();
            self.events.push(format!("{label} caught by `{}`", clause.header));
            self.handled_here(exception);
            if let Some(name) = name {
                self.assign(&Expression::Name { id: name.clone() }, Val::Obj(exception), frame)?;
            }
            self.step_at(frame, clause.line, &clause.header);
            let result = self.block(body, frame);
            self.handling.pop();
            // The handler's end lets go of the handled exception (POP_EXCEPT), then clears its
            // name; an exception leaving the handler clears the name first.
            match &result {
                Err(Stop::NotModelled(_)) => return result,
                Err(_) => {
                    self.unbind(name.as_deref(), frame)?;
                    self.drop_exception(exception)?;
                }
                Ok(_) => {
                    self.drop_exception(exception)?;
                    self.unbind(name.as_deref(), frame)?;
                }
            }
            self.kept_after_handler(exception)?;
            return result;
        }
        Err(Stop::Raised(exception))
    }

    /// The `finally` clause after the rest of a `try` ended with `outcome`. An exception going
    /// on is handled while it runs; a `return`, `break` or `continue` in it discards it.
    fn finally(&mut self, outcome: Outcome<Flow>, finalbody: &[Statement], frame: Frame) -> Outcome<Flow> {
        if finalbody.is_empty() {
            return outcome;
        }
        match outcome {
            Ok(flow) => match self.block(finalbody, frame)? {
                Flow::Normal => Ok(flow),
                overriding => Ok(overriding),
            },
            Err(Stop::Raised(exception)) => {
                self.handled_here(exception);
                let result = self.block(finalbody, frame);
                self.handling.pop();
                match result {
                    Ok(Flow::Normal) => Err(Stop::Raised(exception)),
                    Err(Stop::NotModelled(reason)) => Err(Stop::NotModelled(reason)),
                    other => {
                        self.drop_exception(exception)?;
                        self.kept_after_handler(exception)?;
                        other
                    }
                }
            }
            Err(stop) => Err(stop),
        }
    }

    /// `e = None; del e` at the end of `except ... as e`.
    fn unbind(&mut self, name: Option<&str>, frame: Frame) -> Outcome<()> {
        let Some(name) = name else { return Ok(()) };
        let slot = self.slot(frame);
        let cell = slot.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
        if let Some(cell) = cell.filter(|_| frame.is_some()).and_then(|c| self.cell(&c)) {
            return self.set_cell(cell, None).map(|_| ());
        }
        let slot = self.slot(frame);
        if let Some(index) = slot.iter().position(|(n, _)| n == name) {
            let (_, old) = slot.remove(index);
            self.released(&old)?;
        }
        Ok(())
    }

    /// The thread lets go of an exception it was raising or handling.
    fn drop_exception(&mut self, exception: usize) -> Outcome<()> {
        let Some(index) = self.world.exceptions.iter().rposition(|v| *v == Val::Obj(exception)) else {
            return Ok(());
        };
        let held = self.world.exceptions.remove(index);
        self.released(&held)
    }

    /// Whether `except class` catches `exception`.
    fn catches(&self, exception: usize, class: &Val) -> Outcome<bool> {
        match class {
            Val::Class(name) if self.exception_class(name)? => {
                let mut current = self.world.objs[exception].class.clone();
                loop {
                    if current == *name {
                        return Ok(true);
                    }
                    match self.exception_base(&current)? {
                        Some(base) => current = base,
                        None => return Ok(false),
                    }
                }
            }
            Val::Obj(tuple) if self.world.objs[*tuple].class == "tuple" => {
                let classes = self.world.objs[*tuple].items.clone().unwrap_or_default();
                for class in &classes {
                    if self.catches(exception, class)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => Err("an `except` clause naming something other than exception classes is not modelled".into()),
        }
    }

    /// The base of an exception class, None for `BaseException`.
    fn exception_base(&self, class: &str) -> Outcome<Option<String>> {
        if let Some(model) = self.module.class(class) {
            let bases: Vec<&str> = model.base_names().collect();
            return match bases.as_slice() {
                [base] => Ok(Some((*base).to_owned())),
                _ => Err(not_modelled!("the exception class `{class}` with other than one base is not modelled")),
            };
        }
        match BUILTIN_EXCEPTIONS.iter().find(|(name, _)| *name == class) {
            Some((_, "")) => Ok(None),
            Some((_, base)) => Ok(Some((*base).to_owned())),
            None => Err(not_modelled!("the class `{class}` as an exception is not modelled")),
        }
    }

    /// Whether `class` derives from `BaseException` (as far as the model knows the classes);
    /// a module class deriving from one with methods of its own is not modelled.
    fn exception_class(&self, class: &str) -> Outcome<bool> {
        let mut current = class.to_owned();
        for _ in 0..MAX_CALL_DEPTH {
            if BUILTIN_EXCEPTIONS.iter().any(|(name, _)| *name == current) {
                if let Some(model) = self.module.class(class).filter(|_| class != current) {
                    let methods = self
                        .module
                        .members_of(model)
                        .into_iter()
                        .any(|m| !matches!(m.member.kind, MemberKind::Attribute(_)));
                    if methods {
                        return Err(not_modelled!("the exception class `{class}` with methods is not modelled"));
                    }
                }
                return Ok(true);
            }
            let Some(model) = self.module.class(&current) else { return Ok(false) };
            match model.base_names().collect::<Vec<_>>().as_slice() {
                [base] => current = (*base).to_owned(),
                _ => return Ok(false),
            }
        }
        Ok(false)
    }

    /// The exception that `raise value` raises: an exception instance, or a new instance of an
    /// exception class.
    fn exception_from(&mut self, value: &Val) -> Outcome<usize> {
        match value {
            Val::Obj(obj) if self.world.objs[*obj].exception.is_some() => Ok(*obj),
            Val::Class(class) if self.exception_class(class)? => {
                let exception = self.new_exception(class, Vec::new())?;
                self.hold(&Val::Obj(exception));
                Ok(exception)
            }
            other => Err(not_modelled!("raising {} (TypeError) is not modelled", self.kind_name(other))),
        }
    }

    /// A new exception of `class` with `args`, held by nobody yet.
    fn new_exception(&mut self, class: &str, args: Vec<Val>) -> Outcome<usize> {
        let shown = args
            .iter()
            .map(|a| match (self.repr_pure(a), referents(a)) {
                (Ok(repr), _) => Ok(repr),
                (Err(_), Some(obj)) => Ok(self.world.objs[obj].label.clone()),
                (Err(error), None) => Err(error),
            })
            .collect::<Outcome<Vec<_>>>()?
            .join(", ");
        self.new_object(Obj {
            exception: Some(Box::new(ExceptionState { args, ..ExceptionState::default() })),
            ..Obj::new(class, format!("{class}({shown})"), Vec::new())
        })
    }

    /// `exception` is being handled (by an `except`, a `finally` or a `with`) in the running call.
    fn handled_here(&mut self, exception: usize) {
        self.handling.push(exception);
        let call = self.calls.last().copied();
        if let Some(state) = self.world.objs[exception].exception.as_mut() {
            state.handled_in = call;
        }
    }

    /// Where the running call's frame goes when `exception` leaves it: into the traceback of the
    /// deepest exception in its cause and context chain that was handled in this call (whose
    /// traceback holds the frame too, and lets go of it last), else its own. A frame kept that
    /// way keeps its callers' frames too (`f_back`): they follow it.
    fn frame_keeper(&self, exception: usize) -> usize {
        self.frames_followed(self.frame_keeper_in_chain(exception))
    }

    /// Whose traceback keeps the frames `keeper`'s traceback would: the exception at the end of
    /// its `frames_to` links, which holds a frame that links (`f_back`) to the ones that follow.
    fn frames_followed(&self, mut keeper: usize) -> usize {
        for _ in 0..MAX_OBJECTS {
            match self.world.objs[keeper].exception.as_ref().and_then(|e| e.frames_to) {
                Some(next) if next != keeper => keeper = next,
                _ => break,
            }
        }
        keeper
    }

    fn frame_keeper_in_chain(&self, exception: usize) -> usize {
        let Some(call) = self.calls.last().copied() else { return exception };
        let mut keeper = exception;
        let mut next = vec![exception];
        let mut seen = 0;
        while let Some(current) = next.pop() {
            seen += 1;
            if seen > MAX_OBJECTS {
                break;
            }
            let Some(state) = &self.world.objs[current].exception else { continue };
            for linked in state.cause.iter().chain(&state.context).filter_map(referents) {
                if self.world.objs[linked].exception.as_ref().is_some_and(|e| e.handled_in == Some(call)) {
                    keeper = linked;
                }
                next.push(linked);
            }
        }
        keeper
    }

    /// The thread starts raising `exception`: its context is the exception being handled, and
    /// its traceback ends at the running line.
    fn raise(&mut self, exception: usize) -> Outcome<()> {
        if self.spans_lines {
            return Err("an exception raised in a statement of several lines is not modelled".into());
        }
        let handled = self.handling.last().copied().filter(|h| *h != exception);
        let line = self.line;
        let raised_in = match (self.scopes.is_empty(), self.locals.last()) {
            // From 3.12 a comprehension runs inlined in its scope's frame: at module level, the module's.
            (false, None) if self.minor >= 12 => RaisedIn::Module,
            (false, _) => RaisedIn::Comprehension,
            (true, Some((.., qualname))) => RaisedIn::Function(qualname.clone()),
            (true, None) => RaisedIn::Module,
        };
        let state = self.world.objs[exception].exception.as_mut().ok_or("raising a non-exception")?;
        if state.frame.is_some() || state.traceback_cleared {
            return Err(not_modelled!(
                "raising {} again after it outlived its handler in a function (its traceback grows from the frame it holds) is not modelled",
                self.world.objs[exception].label
            ));
        }
        match (&state.context, handled) {
            (_, None) => {}
            (None, Some(handled)) => state.context = Some(Val::Obj(handled)),
            (Some(context), Some(handled)) if *context == Val::Obj(handled) => {}
            (Some(_), Some(_)) => return Err("raising an exception again with a new context is not modelled".into()),
        }
        if state.line.is_none() {
            state.line = Some(line);
            state.raised_in = raised_in;
        }
        self.world.exceptions.push(Val::Obj(exception));
        self.events.push(format!("{} raised", self.world.objs[exception].label));
        Ok(())
    }

    /// The exception that ended the module: CPython prints its traceback, whose last line is
    /// returned with the line it ends at. The exception stays alive (in `sys.last_exc`) through
    /// exit, and so does what its traceback holds.
    fn escaped(&mut self, exception: usize) -> Outcome<(String, usize)> {
        let class = self.world.objs[exception].class.clone();
        self.traceback_in_program(&class)?;
        let text = self.str_of(&Val::Obj(exception))? + &self.did_you_mean(exception)?;
        let error = if text.is_empty() { class } else { format!("{class}: {text}") };
        let line = self.world.objs[exception].exception.as_ref().and_then(|e| e.line).unwrap_or(self.at.0);
        self.events.push(format!("{error}: the exception escapes, CPython prints its traceback"));
        self.record(Some(self.at.0), self.at.1.clone());
        Ok((error, line))
    }

    /// A step of the timeline, for statements of the module (not of the functions it calls).
    fn step_at(&mut self, frame: Frame, line: usize, text: &str) {
        if frame.is_none() {
            self.record(Some(line), text.to_owned());
        }
    }

    fn simple(&mut self, kind: &StatementKind, frame: Frame) -> Outcome<Flow> {
        match kind {
            StatementKind::Assign { targets, value } => {
                let outer = self.stored;
                self.stored = self.stored_comprehension(targets, value, frame)?;
                let value = self.eval(value, frame);
                self.stored = outer;
                let value = value?;
                let Some((last, earlier)) = targets.split_last() else { return Ok(Flow::Normal) };
                for target in earlier {
                    self.assign(target, value.clone(), frame)?;
                }
                self.assign_last(last, value, frame)?;
            }
            StatementKind::AugAssign { target, op, value } => self.augmented(target, op, value, frame)?,
            StatementKind::Delete { targets } => targets.iter().try_for_each(|t| self.delete(t, frame))?,
            StatementKind::Expr { value } => {
                let outer = self.discarded;
                self.discarded = match value {
                    Expression::ListComp { generators, .. }
                    | Expression::SetComp { generators, .. }
                    | Expression::DictComp { generators, .. } => generators.as_ptr() as usize,
                    _ => 0,
                };
                let value = self.eval(value, frame);
                self.discarded = outer;
                let value = value?;
                self.drop_temporary(&value)?;
            }
            StatementKind::Return { value } => {
                let Some(frame) = frame else { return Err("`return` outside a function is not modelled".into()) };
                let value = match value {
                    Some(value) => self.eval(value, Some(frame))?,
                    None => Val::None,
                };
                // The frame keeps the value until the caller takes it.
                self.world.frames[frame].push(("return".into(), value));
                return Ok(Flow::Return);
            }
            _ => unreachable!("only simple statements"),
        }
        Ok(Flow::Normal)
    }

    #[allow(clippy::too_many_arguments)]
    fn for_loop(
        &mut self,
        statement: &Statement,
        frame: Frame,
        target: &Expression,
        iter: &Expression,
        body: &[Statement],
        orelse: &[Statement],
    ) -> Outcome<Flow> {
        let header = first_line(&statement.text);
        // The iterator holds the iterable for the whole loop; the iterable's other temporaries
        // go before the first iteration.
        self.world.frames.push(Vec::new());
        let holder = self.world.frames.len() - 1;
        let iterable = self.with_temporaries(|run| {
            let value = run.iterable(iter, frame)?;
            run.world.frames[holder].push((String::new(), value.clone()));
            Ok(value)
        });
        let result = match iterable {
            Ok(iterable) => self.iterate(&iterable, holder, statement.line, &header, frame, target, body),
            Err(reason) => Err(reason),
        };
        let held = self.world.frames.pop().unwrap_or_default();
        // The holder keeps the iterator's references, which it lets go of in its own order (the
        // iterable, then the tuple a dict's items() iterator reuses) however the loop ended.
        let result = match result {
            Err(stop @ (Stop::Raised(_) | Stop::Throw(..))) => {
                let stop = self.thrown(stop);
                held.iter().try_for_each(|(_, v)| self.released(v))?;
                Err(stop)
            }
            other => self.let_go(held, other),
        };
        match result? {
            // Exhausted: the else clause runs.
            None => self.block(orelse, frame),
            Some(Flow::Break) => Ok(Flow::Normal),
            Some(flow) => Ok(flow),
        }
    }

    /// `with context as target:` on an instance of the module's classes: `__enter__` runs, its
    /// result is bound, the body runs, then `__exit__(None, None, None)`. The bound `__exit__`
    /// holds the manager until that call returns. Several items nest, the first outermost.
    fn with_block(
        &mut self,
        statement: &Statement,
        frame: Frame,
        items: &[(Expression, Option<Expression>)],
        body: &[Statement],
    ) -> Outcome<Flow> {
        let Some(((context, target), inner)) = items.split_first() else {
            return Err("`with` without a context manager".into());
        };
        let target = target.as_ref();
        self.world.frames.push(Vec::new());
        let holder = self.world.frames.len() - 1;
        let entered = self.with_temporaries(|run| {
            let manager = run.eval(context, frame)?;
            let class = match &manager {
                Val::Obj(obj) if run.world.objs[*obj].items.is_none() => run.world.objs[*obj].class.clone(),
                other => return Err(not_modelled!("`with` on {} is not modelled", run.kind_name(other))),
            };
            let (Some(enter), Some(exit)) = (run.method_of(&class, "__enter__"), run.method_of(&class, "__exit__"))
            else {
                return Err(not_modelled!("`with` on a `{class}` without __enter__ and __exit__ is not modelled"));
            };
            let Val::Obj(obj) = manager else { unreachable!("an instance") };
            run.world.frames[holder].push((String::new(), Val::Bound(obj, exit.clone())));
            let result = run.manager_call(&enter, vec![manager.clone()], "__enter__")?;
            if let Some(target) = target {
                run.assign(target, result.clone(), frame)?;
            }
            Ok((obj, exit))
        });
        let result = match entered {
            Ok((obj, exit)) => {
                let ran = if inner.is_empty() {
                    self.step_at(frame, statement.line, &first_line(&statement.text));
                    self.block(body, frame)
                } else {
                    self.with_block(statement, frame, inner, body)
                };
                match ran {
                    Ok(flow) => self
                        .with_temporaries(|run| {
                            let args = vec![Val::Obj(obj), Val::None, Val::None, Val::None];
                            run.manager_call(&exit, args, "__exit__")?;
                            // The call takes the bound `__exit__` off the stack: the manager
                            // goes before the call's result.
                            let bound = Val::Bound(obj, exit.clone());
                            if let Some(at) = run.world.frames[holder].iter().position(|(_, v)| *v == bound) {
                                let (_, bound) = run.world.frames[holder].remove(at);
                                run.released(&bound)?;
                            }
                            Ok(())
                        })
                        .map(|()| flow),
                    Err(Stop::Raised(exception)) => self.exit_raised(obj, &exit, exception),
                    Err(stop) => Err(stop),
                }
            }
            Err(reason) => Err(reason),
        };
        let held = self.world.frames.pop().unwrap_or_default();
        self.let_go(held, result)
    }

    /// `__exit__(type, exception, traceback)` after the body of a `with` raised: a true result
    /// suppresses the exception, which goes then; otherwise it goes on.
    fn exit_raised(&mut self, manager: usize, exit: &str, exception: usize) -> Outcome<Flow> {
        self.handled_here(exception);
        let class = Val::Class(self.world.objs[exception].class.clone());
        let suppress = self.with_temporaries(|run| {
            let traceback = Val::Opaque(EXIT_TRACEBACK);
            let args = vec![Val::Obj(manager), class, Val::Obj(exception), traceback.clone()];
            let result = run.manager_call(exit, args, "__exit__")?;
            if run.world.stores(&traceback) {
                run.traceback_kept(exception, &traceback, exit)?;
            }
            run.truth(&result)
        });
        self.handling.pop();
        let suppress = match suppress {
            // Another exception out of `__exit__` (a contextmanager's generator raised it): the
            // one handled goes from the thread's state, its `__context__` keeps it.
            Err(Stop::Raised(raised)) if raised != exception => {
                self.drop_exception(exception)?;
                return Err(Stop::Raised(raised));
            }
            other => other?,
        };
        if !suppress {
            return Err(Stop::Raised(exception));
        }
        self.events.push(format!("{exit} suppresses {}", self.world.objs[exception].label));
        self.drop_exception(exception)?;
        self.kept_after_handler(exception)?;
        Ok(Flow::Normal)
    }

    /// The loop's iterations; None when the iterable was exhausted.
    #[allow(clippy::too_many_arguments)]
    fn iterate(
        &mut self,
        iterable: &Val,
        holder: usize,
        line: usize,
        header: &str,
        frame: Frame,
        target: &Expression,
        body: &[Statement],
    ) -> Outcome<Option<Flow>> {
        let mut cursor = self.cursor(iterable, holder)?;
        let result = self.iterate_from(&mut cursor, iterable, line, header, frame, target, body);
        self.keep_cursor(iterable, cursor);
        result
    }

    #[allow(clippy::too_many_arguments)]
    fn iterate_from(
        &mut self,
        cursor: &mut Cursor,
        iterable: &Val,
        line: usize,
        header: &str,
        frame: Frame,
        target: &Expression,
        body: &[Statement],
    ) -> Outcome<Option<Flow>> {
        let mut first = true;
        loop {
            let Some(item) = self.next_item(iterable, cursor)? else { return Ok(None) };
            if !first {
                self.count()?;
            }
            first = false;
            self.with_temporaries(|run| {
                run.hold(&item);
                run.assign(target, item.clone(), frame)
            })?;
            self.step_at(frame, line, header);
            match self.block(body, frame)? {
                Flow::Normal | Flow::Continue => {}
                flow => return Ok(Some(flow)),
            }
        }
    }

    /// The comprehension (by the address of its generators) whose value an assignment stores
    /// straight into a local of the running function (STORE_FAST, on one line, none of the
    /// comprehension's own variables): 0 for none. Such a store takes part in the optimizer's
    /// reordering of the comprehension's last stores.
    fn stored_comprehension(&self, targets: &[Expression], value: &Expression, frame: Frame) -> Outcome<usize> {
        let generators = match value {
            Expression::ListComp { generators, .. }
            | Expression::SetComp { generators, .. }
            | Expression::DictComp { generators, .. } => generators,
            _ => return Ok(0),
        };
        let ([Expression::Name { id }], Some(index)) = (targets, frame) else { return Ok(0) };
        let Some((_, _, _, qualname)) = self.locals.iter().rev().find(|(f, ..)| *f == index) else { return Ok(0) };
        let global = self.globals_declared.iter().any(|(f, names)| *f == index && names.contains(id));
        if global || self.spans_lines || self.cell_variables(qualname)?.contains(id) {
            return Ok(0);
        }
        let mut own = Vec::new();
        generators.iter().for_each(|g| target_names(&g.target, &mut own));
        if own.contains(id) {
            return Err(not_modelled!("a comprehension stored into `{id}`, one of its own variables, is not modelled"));
        }
        Ok(generators.as_ptr() as usize)
    }

    /// `[element for name in iter if cond...]` (and the set and dict comprehensions): the
    /// iterable is evaluated where the comprehension is; its variable lives in a scope of its
    /// own. The iterator lets go of the iterable when exhausted, then the variable goes.
    fn comprehension(&mut self, built: Built, generators: &[Generator], frame: Frame) -> Outcome<Val> {
        let Some(generator) = generators.first() else { return Err("a comprehension without `for`".into()) };
        let iterable = self.iterable(&generator.iter, frame)?;
        let class = match built {
            Built::List(_) => "list",
            Built::Set(_) => "set",
            Built::Dict(..) => "dict",
        };
        let list = self.new_container(class, Vec::new())?;
        self.unhold(&iterable);
        self.hold(&Val::Obj(list));
        self.world.frames.push(vec![(String::new(), iterable.clone())]);
        let scope = self.world.frames.len() - 1;
        self.scopes.push((scope, frame));
        // An exception is made while the comprehension's scope is still there.
        let result = self.comprehend(&iterable, scope, list, generators, built, scope).map_err(|s| self.thrown(s));
        self.scopes.pop();
        let mut variables = self.world.frames.pop().unwrap_or_default();
        if let Err(Stop::Raised(exception)) = result {
            return self.comprehension_raised(exception, &iterable, built, list, variables, generators);
        }
        result?;
        // Exhausted: the iterable went first, then the variables. 3.11 clears the
        // comprehension's frame first to last (the order they were first bound in, which is the
        // order the compiler numbers them in). From 3.12 the comprehension is inlined and
        // restores the variables it saved, last to first: unless the optimizer removed the SWAP
        // before those stores by reordering them with the store that takes the comprehension's
        // value (a local of the function, or from 3.13 a discarded value), which makes the
        // order second to last down to first, then last.
        if self.minor >= 12 {
            let address = generators.as_ptr() as usize;
            let reordered = self.stored == address || (self.minor >= 13 && self.discarded == address);
            let mut order: Vec<String> = Vec::new();
            generators.iter().for_each(|g| target_names(&g.target, &mut order));
            match order.split_last() {
                Some((last, rest)) if reordered => {
                    order = rest.iter().rev().chain(std::iter::once(last)).cloned().collect();
                }
                _ => order.reverse(),
            }
            let position = |name: &String| order.iter().position(|n| n == name);
            if variables.iter().any(|(name, _)| position(name).is_none()) {
                return Err("a comprehension binding other than its targets is not modelled".into());
            }
            variables.sort_by_key(|(name, _)| position(name));
        }
        self.release_in_turn(variables)?;
        self.unhold(&Val::Obj(list));
        Ok(Val::Obj(list))
    }

    /// The loop of the first of `generators` over `iterable`, whose iterator's references
    /// `holder` keeps; each further `for` loops inside it over an iterable evaluated for each
    /// item, whose iterator goes when it is exhausted.
    #[allow(clippy::too_many_arguments)]
    fn comprehend(
        &mut self,
        iterable: &Val,
        holder: usize,
        list: usize,
        generators: &[Generator],
        built: Built,
        scope: usize,
    ) -> Outcome<()> {
        let Some((generator, inner)) = generators.split_first() else { return Ok(()) };
        let mut cursor = self.cursor(iterable, holder)?;
        // An exception leaves the iterator where it stood, for a later loop over it.
        let result = self.comprehend_from(&mut cursor, iterable, list, generator, inner, built, scope);
        self.keep_cursor(iterable, cursor);
        result?;
        if holder != scope {
            return Ok(());
        }
        // The first iterator is exhausted: it lets go of the iterable (and of the tuple a dict's
        // items() iterator reuses).
        let held: Vec<(String, Val)> = self.world.frames[scope].iter().filter(|(n, _)| n.is_empty()).cloned().collect();
        self.world.frames[scope].retain(|(n, _)| !n.is_empty());
        held.iter().try_for_each(|(_, v)| self.released(v))
    }

    /// The iterations of one `for` of a comprehension, from where `cursor` stands.
    #[allow(clippy::too_many_arguments)]
    fn comprehend_from(
        &mut self,
        cursor: &mut Cursor,
        iterable: &Val,
        list: usize,
        generator: &Generator,
        inner: &[Generator],
        built: Built,
        scope: usize,
    ) -> Outcome<()> {
        while let Some(item) = self.next_item(iterable, cursor)? {
            self.count()?;
            self.with_temporaries(|run| {
                run.hold(&item);
                run.assign(&generator.target, item.clone(), Some(scope))
            })?;
            let mut keep = true;
            for condition in &generator.ifs {
                if !self.condition(condition, Some(scope))? {
                    keep = false;
                    break;
                }
            }
            if keep && !inner.is_empty() {
                self.world.frames.push(Vec::new());
                let inner_holder = self.world.frames.len() - 1;
                let inner_iterable = self.with_temporaries(|run| {
                    let value = run.iterable(&inner[0].iter, Some(scope))?;
                    run.world.frames[inner_holder].push((String::new(), value.clone()));
                    Ok(value)
                });
                let result = match inner_iterable {
                    Ok(value) => self.comprehend(&value, inner_holder, list, inner, built, scope),
                    Err(stop) => Err(stop),
                };
                let iterator = self.world.frames.pop().unwrap_or_default();
                self.let_go(iterator, result)?;
            } else if keep {
                self.with_temporaries(|run| match built {
                    Built::List(element) => {
                        let value = run.eval(element, Some(scope))?;
                        run.list_method(list, "list.append", vec![value]).map(|_| ())
                    }
                    Built::Set(element) => {
                        let value = run.eval(element, Some(scope))?;
                        run.set_add(list, value)
                    }
                    Built::Dict(key, value) => {
                        let key = run.eval(key, Some(scope))?;
                        let value = run.eval(value, Some(scope))?;
                        run.dict_set(list, key, value)
                    }
                })?;
            }
        }
        Ok(())
    }

    fn kind_name(&self, value: &Val) -> String {
        match value {
            Val::Obj(obj) => format!("a `{}`", self.world.objs[*obj].class),
            Val::Int(_) | Val::Bool(_) => "a number".into(),
            Val::Float(_) => "a float".into(),
            Val::None => "None".into(),
            _ => "this value".into(),
        }
    }

    /// Keeps a value alive as a temporary of the running statement, as the interpreter's stack
    /// does, until [`Run::drop_temporary`] lets it go.
    fn hold(&mut self, value: &Val) {
        if let Some(frame) = self.world.frames.last_mut() {
            frame.push((String::new(), value.clone()));
        }
    }

    /// The interpreter pops a temporary: its reference goes.
    fn drop_temporary(&mut self, value: &Val) -> Outcome<()> {
        let Some(frame) = self.world.frames.last_mut() else { return Ok(()) };
        if let Some(index) = frame.iter().rposition(|(n, v)| n.is_empty() && v == value) {
            let (_, old) = frame.remove(index);
            self.released(&old)?;
        }
        Ok(())
    }

    /// Where `id` lives when `frame` binds it: the module, if the function running there
    /// declares it `global`.
    fn scope_of(&self, id: &str, frame: Frame) -> Frame {
        let global =
            self.globals_declared.iter().any(|(index, names)| Some(*index) == frame && names.iter().any(|n| n == id));
        if global {
            None
        } else {
            frame
        }
    }

    fn slot(&mut self, frame: Frame) -> &mut Vec<(String, Val)> {
        match frame {
            Some(f) => &mut self.world.frames[f],
            None => &mut self.world.globals,
        }
    }

    fn assign(&mut self, target: &Expression, value: Val, frame: Frame) -> Outcome<()> {
        match target {
            Expression::Name { id } => {
                let frame = self.scope_of(id, frame);
                if frame.is_none() && self.world.global(id).is_none() && self.defined.contains(id) {
                    self.class_name_rebound(id)?;
                }
                let slot = self.slot(frame);
                let cell = slot.iter().find(|(n, _)| n == id).map(|(_, v)| v.clone());
                if let Some(cell) = cell.filter(|_| frame.is_some()).and_then(|c| self.cell(&c)) {
                    return self.set_cell(cell, Some(value)).map(|_| ());
                }
                let slot = self.slot(frame);
                let old = match slot.iter_mut().find(|(n, _)| n == id) {
                    Some((_, v)) => Some(std::mem::replace(v, value)),
                    None => {
                        slot.push((id.clone(), value));
                        None
                    }
                };
                if let Some(old) = old {
                    self.released(&old)?;
                }
                Ok(())
            }
            Expression::Attribute { value: base, attr } => {
                let base_value = self.eval(base, frame)?;
                let result = self.set_attribute(&base_value, attr, value);
                self.drop_temporary(&base_value)?;
                result
            }
            Expression::Subscript { value: base, elements } if elements.len() == 1 => {
                if let Some(slice) = Self::slice_of(elements) {
                    return self.slice_store(base, &slice, Some(&value), frame);
                }
                let base_value = self.eval(base, frame)?;
                let index = self.eval(&elements[0], frame)?;
                self.item_store(&base_value, &index, value)?;
                self.drop_temporary(&base_value)?;
                self.drop_temporary(&index)
            }
            Expression::Tuple { elements: targets } | Expression::List { elements: targets } => {
                // The items go on the stack, then to the targets left to right, each store
                // taking its item's reference.
                let items = self.unpacked(&value, targets.len())?;
                items.iter().for_each(|item| self.hold(item));
                targets.iter().zip(items).try_for_each(|(target, item)| self.assign_last(target, item, frame))
            }
            _ => Err("this assignment target is not modelled".into()),
        }
    }

    /// The items of `value` unpacked into `targets` targets: a list's, a tuple's or a string's.
    fn unpacked(&self, value: &Val, targets: usize) -> Outcome<Vec<Val>> {
        let items: Vec<Val> = match value {
            Val::Obj(obj)
                if self.world.objs[*obj].items.is_some()
                    && matches!(self.world.objs[*obj].class.as_str(), "list" | "tuple") =>
            {
                self.world.objs[*obj].items.clone().unwrap_or_default()
            }
            Val::Str(s) => {
                addresses::unread(value, "unpacking")?;
                s.chars().map(|c| Val::Str(c.to_string())).collect()
            }
            _ => return Err(not_modelled!("unpacking {} is not modelled", self.kind_name(value))),
        };
        if items.len() != targets {
            return Err("unpacking the wrong number of values (ValueError) is not modelled".into());
        }
        Ok(items)
    }

    /// Where `index` falls in `list`'s items, a negative one counting from the end, as CPython
    /// reads a list index; past either end is `out_of_range`'s IndexError. `what` names the
    /// operation when the index is not an int.
    fn list_position(&self, list: usize, index: &Val, what: &str, out_of_range: &str) -> Outcome<usize> {
        let len = self.world.objs[list].items.as_ref().map_or(0, Vec::len);
        let position = match number(index) {
            Some(i) if i < 0 => i + len as i64,
            Some(i) => i,
            None => return Err(format!("{what} with that index is not modelled").into()),
        };
        usize::try_from(position).ok().filter(|p| *p < len).ok_or_else(|| throw("IndexError", out_of_range))
    }

    /// `list[index] = value`: the old item goes after the new one is in.
    fn list_store(&mut self, list: usize, index: &Val, value: Val) -> Outcome<()> {
        let position = self.list_position(list, index, "list item assignment", "list assignment index out of range")?;
        let items = self.world.objs[list].items.get_or_insert_with(Vec::new);
        let old = std::mem::replace(&mut items[position], value);
        self.released(&old)
    }

    /// The last (or only) target of an assignment, whose store takes the stack's reference to
    /// the value. `STORE_ATTR` lets go of the value, then of the object, up to 3.13, and of the
    /// object first from 3.14, once the attribute is set or setting it raised: that order shows
    /// where both go then (`make().x = v` frees the object, and with it the value among its
    /// attributes in their order, or after them).
    fn assign_last(&mut self, target: &Expression, value: Val, frame: Frame) -> Outcome<()> {
        let (base, attr) = match target {
            Expression::Attribute { value: base, attr } => (base, attr),
            Expression::Subscript { value: base, elements }
                if elements.len() == 1 && Self::slice_of(elements).is_none() =>
            {
                let base_value = self.eval(base, frame)?;
                let index = self.eval(&elements[0], frame)?;
                let stored = self.item_store(&base_value, &index, value.clone()).map_err(|stop| self.thrown(stop));
                if let Err(stop @ Stop::NotModelled(_)) = stored {
                    return Err(stop);
                }
                // STORE_SUBSCR lets go of the value, the container, then the index; from 3.14
                // (its inputs from the top of the stack down) the reverse.
                let mut operands = [&value, &base_value, &index];
                if self.minor >= 14 {
                    operands.reverse();
                }
                for operand in operands {
                    self.drop_temporary(operand)?;
                }
                return stored;
            }
            Expression::Tuple { elements: targets } | Expression::List { elements: targets } => {
                // `UNPACK_SEQUENCE` takes the sequence's reference and puts its items on the stack.
                let items = self.unpacked(&value, targets.len())?;
                items.iter().for_each(|item| self.hold(item));
                self.drop_temporary(&value)?;
                return targets.iter().zip(items).try_for_each(|(target, item)| self.assign_last(target, item, frame));
            }
            _ => {
                self.assign(target, value.clone(), frame)?;
                return self.drop_temporary(&value);
            }
        };
        let base_value = self.eval(base, frame)?;
        let stored = self.set_attribute(&base_value, attr, value.clone()).map_err(|stop| self.thrown(stop));
        if let Err(stop @ Stop::NotModelled(_)) = stored {
            return Err(stop);
        }
        self.store_operands_released(&value, &base_value)?;
        stored
    }

    /// `base[index] = value`, for a weak dictionary, a dict or a list.
    fn item_store(&mut self, base: &Val, index: &Val, value: Val) -> Outcome<()> {
        match (self.container(base, "dict"), self.container(base, "list")) {
            _ if self.weak_dict(base).is_some() => {
                let (weak_dict, data) = self.weak_dict(base).unwrap_or_default();
                self.weak_dict_set(weak_dict, data, index.clone(), value)
            }
            (Some(dict), _) => self.dict_set(dict, index.clone(), value),
            (_, Some(list)) => self.list_store(list, index, value),
            _ => Err(not_modelled!("item assignment on {} is not modelled", self.kind_name(base))),
        }
    }

    /// What `STORE_ATTR` held, `value` and the object `base`, released in its version's order.
    fn store_operands_released(&mut self, value: &Val, base: &Val) -> Outcome<()> {
        let (first, second) = if self.minor >= 14 { (base, value) } else { (value, base) };
        self.drop_temporary(first)?;
        self.drop_temporary(second)
    }

    fn set_attribute(&mut self, base: &Val, attr: &str, value: Val) -> Outcome<()> {
        self.no_setattr_hook(base, attr, false)?;
        self.frozen_settable(base, attr, false)?;
        if self.property_store(base, attr, Some(&value))? {
            return Ok(());
        }
        self.settable(base, attr, false)?;
        self.store_attribute(base, attr, value)
    }

    /// Whether `obj` is one of the interpreter's objects without an instance dict that the
    /// program can reach: a weak reference, a generator, a frame or a traceback.
    fn without_dict(&self, obj: usize) -> bool {
        let object = &self.world.objs[obj];
        object.weak.is_some() || matches!(object.class.as_str(), generators::GENERATOR | FRAME | TRACEBACK)
    }

    /// Sets `attr` of `base`, as `object.__setattr__` does.
    fn store_attribute(&mut self, base: &Val, attr: &str, value: Val) -> Outcome<()> {
        match base {
            Val::Obj(obj) if self.world.objs[*obj].exception.is_some() && attr.starts_with("__") => {
                match (attr, &value) {
                    ("__traceback__", Val::None) => self.clear_traceback(*obj),
                    _ => Err(not_modelled!("setting `.{attr}` of an exception is not modelled")),
                }
            }
            Val::Obj(obj) if self.without_dict(*obj) => {
                // CPython raises AttributeError, worded by version.
                let class = &self.world.objs[*obj].class;
                Err(not_modelled!("setting `.{attr}` of a `{class}` (an AttributeError) is not modelled"))
            }
            Val::Obj(_) if matches!(attr, "__class__" | "__dict__" | "__weakref__") => {
                // Descriptors of the type, not entries of the instance's dict: they change its
                // class, replace its dict, or raise.
                Err(not_modelled!("setting `.{attr}` of an instance is not modelled"))
            }
            Val::Obj(obj) if self.world.objs[*obj].items.is_none() => {
                let attrs = &mut self.world.objs[*obj].attrs;
                let old = match attrs.iter_mut().find(|(n, _)| n == attr) {
                    Some((_, v)) => Some(std::mem::replace(v, value)),
                    None => {
                        attrs.push((attr.to_owned(), value));
                        self.attribute_added(*obj, attr)?;
                        None
                    }
                };
                self.attribute_stored(base)?;
                if let Some(old) = old {
                    self.released(&old)?;
                }
                Ok(())
            }
            Val::Class(class) if self.module.class(class).is_some() => {
                self.store_class_attribute(class, attr, Some(value))
            }
            Val::Fin(fin) if attr == "atexit" => {
                let Val::Bool(flag) = value else { return Err("atexit set to a non-bool is not modelled".into()) };
                self.world.fins[*fin].atexit = flag;
                Ok(())
            }
            _ => Err(not_modelled!("setting `.{attr}` on that is not modelled")),
        }
    }

    fn augmented(&mut self, target: &Expression, op: &str, value: &Expression, frame: Frame) -> Outcome<()> {
        match target {
            Expression::Name { .. } => {
                let current = self.eval(target, frame)?;
                let operand = self.eval(value, frame)?;
                let result = self.in_place(op, &current, &operand)?;
                self.assign(target, result.clone(), frame)?;
                self.drop_temporary(&operand)?;
                self.drop_temporary(&current)?;
                self.drop_temporary(&result)
            }
            Expression::Attribute { value: base, attr } => {
                let base_value = self.eval(base, frame)?;
                let current = self.attribute(&base_value, attr)?;
                let operand = self.eval(value, frame)?;
                let result = self.in_place(op, &current, &operand)?;
                // `BINARY_OP` lets go of its operands before `STORE_ATTR` (and a setter) runs.
                self.drop_temporary(&current)?;
                self.drop_temporary(&operand)?;
                let stored = self.set_attribute(&base_value, attr, result.clone()).map_err(|stop| self.thrown(stop));
                if let Err(stop @ Stop::NotModelled(_)) = stored {
                    return Err(stop);
                }
                self.store_operands_released(&result, &base_value)?;
                stored
            }
            _ => Err("this augmented assignment target is not modelled".into()),
        }
    }

    /// `current op= operand` on values without an in-place method (numbers, strings, tuples).
    fn in_place(&mut self, op: &str, current: &Val, operand: &Val) -> Outcome<Val> {
        if self.container(current, "tuple").is_some() {
            if let Some(result) = self.sequence_binary(op, current, operand)? {
                self.hold(&result);
                return Ok(result);
            }
        }
        if matches!(current, Val::Obj(_)) {
            return Err(not_modelled!("`{op}=` on an object is not modelled"));
        }
        self.binary(op, current, operand)
    }

    fn delete(&mut self, target: &Expression, frame: Frame) -> Outcome<()> {
        match target {
            Expression::Name { id } => {
                let frame = self.scope_of(id, frame);
                let slot = self.slot(frame);
                let cell = slot.iter().find(|(n, _)| n == id).map(|(_, v)| v.clone());
                if let Some(cell) = cell.filter(|_| frame.is_some()).and_then(|c| self.cell(&c)) {
                    if !self.set_cell(cell, None)? {
                        return Err(not_modelled!("deleting `{id}`, which is not bound (NameError), is not modelled"));
                    }
                    return Ok(());
                }
                let slot = self.slot(frame);
                let index = slot.iter().position(|(n, _)| n == id).ok_or_else(|| match frame {
                    Some(_) => format!("UnboundLocalError for `{id}` is not modelled"),
                    None => format!("deleting `{id}`, which is not bound (a NameError), is not modelled"),
                })?;
                let (_, old) = slot.remove(index);
                self.released(&old)
            }
            Expression::Attribute { value, attr } => {
                let base = self.eval(value, frame)?;
                self.no_setattr_hook(&base, attr, true)?;
                self.frozen_settable(&base, attr, true)?;
                if self.property_store(&base, attr, None)? {
                    return self.drop_temporary(&base);
                }
                self.settable(&base, attr, true)?;
                let result = match &base {
                    Val::Obj(obj) if self.world.objs[*obj].items.is_none() => {
                        let attrs = &mut self.world.objs[*obj].attrs;
                        let index = attrs
                            .iter()
                            .position(|(n, _)| n == attr)
                            .ok_or_else(|| {
                                not_modelled!(
                                    "`del` of `.{attr}`, which the instance's dict lacks: its AttributeError holds the instance and the name (and its traceback may add \"Did you mean\") from 3.13 only once the dict has left the instance's inline values, which the model does not follow"
                                )
                            })?;
                        let (_, old) = attrs.remove(index);
                        self.released(&old)
                    }
                    Val::Class(class) if self.module.class(class).is_some() => {
                        self.store_class_attribute(class, attr, None)
                    }
                    _ => Err("deleting that attribute is not modelled".into()),
                };
                result?;
                self.drop_temporary(&base)
            }
            Expression::Tuple { elements } => elements.iter().try_for_each(|t| self.delete(t, frame)),
            Expression::Subscript { value, elements } if elements.len() == 1 => {
                if let Some(slice) = Self::slice_of(elements) {
                    return self.slice_store(value, &slice, None, frame);
                }
                let base = self.eval(value, frame)?;
                let index = self.eval(&elements[0], frame)?;
                if let Some((weak_dict, data)) = self.weak_dict(&base) {
                    self.weak_dict_delete(weak_dict, data, &index)?;
                    self.drop_temporary(&index)?;
                    return self.drop_temporary(&base);
                }
                if let Some(dict) = self.container(&base, "dict") {
                    self.dict_delete(dict, &index)?;
                    self.drop_temporary(&index)?;
                    return self.drop_temporary(&base);
                }
                let Val::Obj(obj) = base else { return Err("this del target is not modelled".into()) };
                if self.world.objs[obj].class != "list" || self.world.objs[obj].items.is_none() {
                    return Err("this del target is not modelled".into());
                }
                let len = self.world.objs[obj].items.as_ref().map_or(0, Vec::len) as i64;
                if !number(&index).is_some_and(|i| (-len..len).contains(&i)) {
                    return Err("this `del` of a list item (IndexError) is not modelled".into());
                }
                let removed = self.list_method(obj, "list.pop", vec![index.clone()])?;
                self.drop_temporary(&removed)?;
                self.drop_temporary(&index)?;
                self.drop_temporary(&base)
            }
            _ => Err("this del target is not modelled".into()),
        }
    }

    /// A reference to `value` went away: free what nothing refers to any more.
    fn released(&mut self, value: &Val) -> Outcome<()> {
        let Some(obj) = referents(value) else { return Ok(()) };
        if self.world.objs[obj].freed || self.world.objs[obj].dying || self.world.is_held(obj) {
            return Ok(());
        }
        if self.deallocating >= MAX_DEALLOC_DEPTH {
            // CPython's trashcan defers deallocations nested this deep, which changes their
            // order (a long chain of objects, or finalizers that free objects that fire more).
            return Err(not_modelled!("deallocations nested more than {MAX_DEALLOC_DEPTH} deep are not modelled"));
        }
        self.deallocating += 1;
        let result = self.deallocate(obj);
        self.deallocating -= 1;
        result
    }

    /// Frees `obj`, which nothing refers to any more.
    fn deallocate(&mut self, obj: usize) -> Outcome<()> {
        if let Some(freed) = self.deallocate_generator(obj) {
            return freed;
        }
        self.world.objs[obj].dying = true;
        let label = self.world.objs[obj].label.clone();
        self.events.push(format!("{label}: refcount 0, freed"));
        // `__del__` runs first, then the weak references' callbacks.
        let class = self.world.objs[obj].class.clone();
        if self.world.objs[obj].items.is_none() && !self.world.objs[obj].finalized {
            if let Some(del) = self.method_of(&class, "__del__") {
                self.events.push(format!("{label}.__del__() runs"));
                let result = self.run_body(&del, vec![Val::Obj(obj)]);
                if let Some(result) = self.unraisable(result, "__del__")? {
                    self.drop_temporary(&result)?;
                }
                if self.world.is_held(obj) {
                    return Err(not_modelled!("{label} was resurrected by its __del__, which is not modelled"));
                }
            }
        }
        // Deallocation clears weak references first (their callbacks run, newest first), then
        // the instance's attributes; a list or tuple lets go of its items last to first.
        self.weak_callbacks(&[obj], "the object was freed")?;
        self.world.objs[obj].freed = true;
        if let Some(closed) = self.weak_dict_generator_freed(obj) {
            return closed;
        }
        let mut parts: Vec<Val> = std::mem::take(&mut self.world.objs[obj].attrs).into_iter().map(|(_, v)| v).collect();
        // A weak reference lets go of its callback.
        parts.extend(self.world.objs[obj].weak.as_mut().and_then(|w| w.callback.take()));
        if let Some(state) = self.world.objs[obj].exception.take() {
            // An AttributeError's object, its arguments' tuple, then its traceback (innermost
            // frame first), then its cause and its context.
            parts.extend(state.missing.map(|(v, _)| v));
            parts.extend(state.args.into_iter().rev().chain(state.args_tuple));
            parts.extend(state.frames.into_iter().flat_map(|(_, locals)| locals.into_iter().map(|(_, v)| v)));
            parts.extend(state.frame);
            parts.extend(state.cause.into_iter().chain(state.context));
        }
        let items = self.world.objs[obj].items.take().unwrap_or_default();
        if matches!(self.world.objs[obj].class.as_str(), "dict" | "set") {
            parts.extend(self.container_members(obj, items)?);
        } else {
            parts.extend(items.into_iter().rev());
        }
        self.release_in_turn(parts.into_iter().map(|v| (String::new(), v)).collect())
    }

    /// Lets go of `held` first to last, each while the rest are still held, as CPython clears
    /// a frame's locals or an object's references one at a time: what one of them frees does
    /// not free what a later one still holds.
    fn release_in_turn(&mut self, held: Vec<(String, Val)>) -> Outcome<()> {
        let depth = self.world.frames.len();
        self.world.frames.push(held.into_iter().rev().collect());
        let mut result = Ok(());
        while let Some((_, value)) = self.world.frames[depth].pop() {
            result = self.released(&value);
            if result.is_err() {
                break;
            }
        }
        self.world.frames.truncate(depth);
        result
    }

    /// `weakref.ref(...)` or `weakref.finalize(...)` (`call`), its arguments evaluated first.
    /// Kept out of [`Run::call_expression`], whose stack frame every nested call repeats.
    #[inline(never)]
    fn weakref_call(
        &mut self,
        call: &str,
        args: &[Expression],
        keywords: &[(String, Expression)],
        frame: Frame,
    ) -> Outcome<Val> {
        if call == "weakref.finalize" && !keywords.is_empty() {
            return self.finalizer_with_keywords(args, keywords, frame);
        }
        let values = self.positional_arguments(call, args, keywords, frame)?;
        let result = match call {
            "weakref.ref" => self.weak_reference(&values)?,
            "weakref.WeakValueDictionary" => self.new_weak_dict(WEAK_VALUES, &values)?,
            "weakref.WeakKeyDictionary" => self.new_weak_dict(WEAK_KEYS, &values)?,
            "weakref.WeakMethod" => self.weak_method(&values)?,
            _ => self.new_finalizer(&values, None)?,
        };
        for value in &values {
            self.drop_temporary(value)?;
        }
        self.hold(&result);
        Ok(result)
    }

    /// `weakref.finalize(obj, func, *args, **kwargs)` with keyword arguments: the call makes
    /// the dict of them (`**kwargs`), which the finalizer keeps for its callback.
    fn finalizer_with_keywords(
        &mut self,
        args: &[Expression],
        keywords: &[(String, Expression)],
        frame: Frame,
    ) -> Outcome<Val> {
        let mut values = Vec::new();
        for arg in args {
            values.push(self.eval(arg, frame)?);
        }
        let mut named = Vec::new();
        for (name, value) in keywords {
            if name.is_empty() {
                return Err(not_modelled!("`**` arguments to weakref.finalize are not modelled"));
            }
            named.push((name.clone(), self.eval(value, frame)?));
        }
        if named.iter().any(|(name, _)| matches!(name.as_str(), "obj" | "func")) {
            return Err(not_modelled!("weakref.finalize with `obj=` or `func=` (a TypeError) is not modelled"));
        }
        let kwargs = self.new_container("dict", Vec::new())?;
        self.hold(&Val::Obj(kwargs));
        for (name, value) in &named {
            self.dict_set(kwargs, Val::Str(name.clone()), value.clone())?;
        }
        let result = self.new_finalizer(&values, Some(Val::Obj(kwargs)))?;
        self.drop_temporary(&Val::Obj(kwargs))?;
        for value in values.iter().chain(named.iter().map(|(_, v)| v)) {
            self.drop_temporary(value)?;
        }
        self.hold(&result);
        Ok(result)
    }

    /// The values of a library call's positional arguments, in order; keyword arguments to
    /// `call` are not modelled.
    pub(super) fn positional_arguments(
        &mut self,
        call: &str,
        args: &[Expression],
        keywords: &[(String, Expression)],
        frame: Frame,
    ) -> Outcome<Vec<Val>> {
        if !keywords.is_empty() {
            return Err(not_modelled!("keyword arguments to {call} are not modelled"));
        }
        args.iter().map(|arg| self.eval(arg, frame)).collect()
    }

    /// `atexit.register(func, *args)` (which returns `func`) or `atexit.unregister(func)`.
    #[inline(never)]
    fn atexit_call(
        &mut self,
        call: &str,
        args: &[Expression],
        keywords: &[(String, Expression)],
        frame: Frame,
    ) -> Outcome<Val> {
        let values = self.positional_arguments(call, args, keywords, frame)?;
        let Some((func, rest)) = values.split_first() else {
            return Err(not_modelled!("{call}() without a function (TypeError) is not modelled"));
        };
        if values.iter().any(|v| matches!(v, Val::Fin(_) | Val::FinMethod(..))) {
            return Err(not_modelled!("{call} with a finalizer is not modelled"));
        }
        let result = if call == "atexit.register" {
            self.events.push(format!("atexit will call {}", self.describe(func)));
            self.world.atexit.push(ExitHandler::Call(func.clone(), rest.to_vec()));
            func.clone()
        } else {
            if !rest.is_empty() {
                return Err("atexit.unregister with more than the function (TypeError) is not modelled".into());
            }
            self.world.atexit.retain(|h| !matches!(h, ExitHandler::Call(f, _) if f == func));
            Val::None
        };
        for value in &values {
            self.drop_temporary(value)?;
        }
        self.hold(&result);
        Ok(result)
    }

    /// `weakref.finalize(obj, func, *args)`: a new finalizer, alive, to run at exit too.
    fn new_finalizer(&mut self, values: &[Val], kwargs: Option<Val>) -> Outcome<Val> {
        let Some((Val::Obj(owner), rest)) = values.split_first().map(|(o, r)| (o.clone(), r)) else {
            return Err("weakref.finalize of something other than an instance is not modelled".into());
        };
        if self.world.objs[owner].items.is_some() {
            return Err("a weak reference to a list or tuple (a TypeError) is not modelled".into());
        }
        if self.world.objs[owner].exception.is_some() || self.world.objs[owner].weak.is_some() {
            return Err(not_modelled!("weakref.finalize of a `{}` is not modelled", self.world.objs[owner].class));
        }
        let Some((func, args)) = rest.split_first() else {
            return Err("weakref.finalize needs a callback".into());
        };
        self.no_waiting_garbage()?;
        // `finalize.__init__` registers its exit hook before it makes the weak reference.
        if !self.world.atexit.contains(&ExitHandler::Finalizers) {
            self.world.atexit.push(ExitHandler::Finalizers);
        }
        self.weakly_referable_instance(owner)?;
        let seq = self.world.weak_made;
        self.world.weak_made += 1;
        let fin = Fin { owner, func: func.clone(), args: args.to_vec(), kwargs, alive: true, atexit: true, seq };
        self.world.fins.push(fin);
        self.events.push(format!("a finalizer now watches {}", self.world.objs[owner].label));
        Ok(Val::Fin(self.world.fins.len() - 1))
    }

    /// `weakref.ref(obj)` or `weakref.ref(obj, callback)`: a new weak reference.
    fn weak_reference(&mut self, values: &[Val]) -> Outcome<Val> {
        let (target, callback) = match values {
            [Val::Obj(target)] => (*target, None),
            [Val::Obj(target), callback] if self.weak_callback(callback).is_some() => {
                (*target, self.weak_callback(callback).flatten())
            }
            [_, _] => {
                return Err(
                    "a weakref.ref callback other than one of the program's functions or closures is not modelled"
                        .into(),
                )
            }
            _ => return Err("weakref.ref of something other than an instance is not modelled".into()),
        };
        let object = &self.world.objs[target];
        if object.items.is_some() || object.exception.is_some() || object.weak.is_some() {
            return Err(not_modelled!("a weakref.ref to a `{}` is not modelled", object.class));
        }
        self.weakly_referable_instance(target)?;
        if callback.is_none() {
            // `weakref.ref(obj)` without a callback returns the object's basic reference where
            // it has one alive (`get_basic_refs` in weakref_new): `ref(x) is ref(x)`.
            let basic = self.world.objs.iter().position(|o| {
                !o.freed
                    && o.weak.as_ref().is_some_and(|w| {
                        w.target == target
                            && w.callback.is_none()
                            && w.entry_of.is_none()
                            && w.method.is_none()
                            && !w.cleared
                    })
            });
            if let Some(basic) = basic {
                return Ok(Val::Obj(basic));
            }
        }
        let seq = self.world.weak_made;
        self.world.weak_made += 1;
        let twins = self.world.objs.iter().filter(|o| o.weak.as_ref().is_some_and(|w| w.target == target)).count();
        let mut label = format!("weakref to {}", object.label);
        if twins > 0 {
            label = format!("{label} #{}", twins + 1);
        }
        let reference = self.new_object(Obj {
            weak: Some(WeakRef { target, callback, cleared: false, seq, entry_of: None, method: None }),
            ..Obj::new("weakref", label, Vec::new())
        })?;
        Ok(Val::Obj(reference))
    }

    /// The callback a weak reference is given, as the model follows it: Some(None) for None,
    /// Some of one of the program's functions or closures (which the reference holds); None
    /// for any other.
    pub(super) fn weak_callback(&self, callback: &Val) -> Option<Option<Val>> {
        match callback {
            Val::None => Some(None),
            Val::Func(_) => Some(Some(callback.clone())),
            _ => self.closure_of(callback).map(|_| Some(callback.clone())),
        }
    }

    /// The weak references to the objects `dying` and their finalizers, as they die: every
    /// weak reference is cleared first, then the callbacks run, object by object in the order
    /// of `dying`, each object's newest first (a `weakref.ref`'s only if the reference itself is
    /// alive and not cleared, and with it as the argument).
    fn weak_callbacks(&mut self, dying: &[usize], why: &str) -> Outcome<()> {
        // Each dying object's place in `dying`, to sort its weak references by.
        let mut place = vec![usize::MAX; self.world.objs.len()];
        for (position, &obj) in dying.iter().enumerate() {
            place[obj] = position;
        }
        let mut weak: Vec<(WeakOrder, Weak)> = Vec::new();
        for (index, fin) in self.world.fins.iter().enumerate() {
            if fin.alive && place[fin.owner] != usize::MAX {
                weak.push(((place[fin.owner], std::cmp::Reverse(fin.seq)), Weak::Finalizer(index)));
            }
        }
        for (index, reference) in self.world.objs.iter().enumerate() {
            if let (false, Some(w)) = (reference.freed, &reference.weak) {
                if !w.cleared && place[w.target] != usize::MAX {
                    weak.push(((place[w.target], std::cmp::Reverse(w.seq)), Weak::Reference(index)));
                }
            }
        }
        weak.sort_by_key(|(order, _)| *order);
        // CPython holds the callbacks it takes from the references (in a tuple, or one alone)
        // until every callback of the object ran, then lets go of them, the last taken first.
        self.world.frames.push(Vec::new());
        let keeper = self.world.frames.len() - 1;
        let ran = self.run_weak_callbacks(weak, why, keeper);
        let mut taken = self.world.frames.pop().unwrap_or_default();
        taken.reverse();
        self.let_go(taken, ran)
    }

    /// The callbacks of [`Run::weak_callbacks`], in order; the callbacks taken from the
    /// references are kept in the frame `keeper`.
    fn run_weak_callbacks(&mut self, weak: Vec<(WeakOrder, Weak)>, why: &str, keeper: usize) -> Outcome<()> {
        for (_, entry) in &weak {
            if let Weak::Reference(reference) = entry {
                if let Some(w) = self.world.objs[*reference].weak.as_mut() {
                    w.cleared = true;
                }
            }
        }
        for (_, entry) in weak {
            match entry {
                Weak::Finalizer(fin) => {
                    let result = self.fire(fin, why);
                    if let Some(result) = self.unraisable(result, "a finalizer's callback")? {
                        self.drop_temporary(&result)?;
                    }
                }
                Weak::Reference(reference) => {
                    let entry_of = self.world.objs[reference].weak.as_ref().and_then(|w| w.entry_of);
                    if let Some(weak_dict) = entry_of {
                        self.world.frames.push(vec![(String::new(), Val::Obj(reference))]);
                        let result = self.weak_dict_removal(reference, weak_dict);
                        let held = self.world.frames.pop().unwrap_or_default();
                        self.let_go(held, Self::without_exception(result, "a weak dictionary's callback"))?;
                        continue;
                    }
                    let callback = self.world.objs[reference].weak.as_mut().and_then(|w| w.callback.take());
                    let Some(callback) = callback else { continue };
                    self.world.frames[keeper].push((String::new(), callback.clone()));
                    self.events.push(format!("the callback of {} runs ({why})", self.world.objs[reference].label));
                    self.world.frames.push(vec![(String::new(), Val::Obj(reference))]);
                    let result = self.call(&callback, vec![Val::Obj(reference)]);
                    let result = self.unraisable(result, "a weakref.ref callback");
                    let held = self.world.frames.pop().unwrap_or_default();
                    if let Some(result) = self.let_go(held, result)? {
                        self.drop_temporary(&result)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// An exception out of code CPython calls itself (`__del__`, a finalizer's or weak
    /// reference's callback): it prints "Exception ignored in ..." and the traceback to stderr,
    /// lets go of the exception, and goes on. None then.
    fn unraisable<T>(&mut self, result: Outcome<T>, what: &str) -> Outcome<Option<T>> {
        match result.map_err(|stop| self.thrown(stop)) {
            Ok(value) => Ok(Some(value)),
            Err(Stop::Raised(exception)) => {
                let label = self.world.objs[exception].label.clone();
                self.events
                    .push(format!("{label} in {what}: CPython prints \"Exception ignored\" to stderr and goes on"));
                self.drop_exception(exception)?;
                Ok(None)
            }
            Err(stop) => Err(stop),
        }
    }

    /// Calls a finalizer: its callback runs once, then it lets go of the callback and arguments.
    fn fire(&mut self, fin: usize, why: &str) -> Outcome<Val> {
        let label = self.world.objs[self.world.fins[fin].owner].label.clone();
        if !self.world.fins[fin].alive {
            self.events.push(format!("the finalizer of {label} is dead: nothing runs"));
            return Ok(Val::None);
        }
        self.world.fins[fin].alive = false;
        let Fin { func, args, kwargs, .. } = &self.world.fins[fin];
        let (func, args, kwargs) = (func.clone(), args.clone(), kwargs.clone());
        // The finalizer lets go of them only when the callback returns, as its `_Info` goes:
        // its slots in their sorted order, `args` (a tuple: last to first), `func`, `kwargs`.
        let info = args.iter().rev().chain([&func]).chain(&kwargs).map(|v| (String::new(), v.clone())).collect();
        self.world.frames.push(info);
        if self.exit_hook_ran {
            // `finalize.__call__` takes its entry out of the registry, and once the exit hook
            // has set `_shutdown` it calls nothing: it lets go of the callback and arguments.
            self.events
                .push(format!("the finalizer of {label} is called after weakref's exit hook ran: it calls nothing"));
            let held = self.world.frames.pop().unwrap_or_default();
            held.iter().try_for_each(|(_, v)| self.released(v))?;
            return Ok(Val::None);
        }
        self.events.push(format!("the finalizer of {label} runs ({why})"));
        self.hidden_callers += 1;
        let keywords = match &kwargs {
            Some(Val::Obj(dict)) => self
                .entries(*dict)
                .into_iter()
                .map(|(name, value)| match name {
                    Val::Str(name) => Ok((name, value)),
                    _ => Err(Stop::from("a finalizer's keyword argument not named by a string")),
                })
                .collect::<Outcome<Vec<_>>>()?,
            _ => Vec::new(),
        };
        let result = self.call_keywords(&func, args.clone(), keywords).map_err(|stop| self.thrown(stop));
        self.hidden_callers -= 1;
        let held = self.world.frames.pop().unwrap_or_default();
        if let Err(Stop::Raised(exception)) = result {
            // `finalize.__call__`'s frame, which the traceback keeps, holds them as its `info`.
            let info = held.into_iter().map(|(_, v)| ("info".to_owned(), v)).collect();
            if let Some(state) = self.world.objs[exception].exception.as_mut() {
                state.frames.push(("finalize.__call__".into(), info));
            }
            return Err(Stop::Raised(exception));
        }
        let result = result?;
        self.hold(&result);
        held.iter().try_for_each(|(_, v)| self.released(v))?;
        Ok(result)
    }

    fn collect(&mut self) -> Outcome<()> {
        self.no_suspended_generator_in_garbage()?;
        self.collecting = true;
        let result = self.collect_unreachable();
        self.collecting = false;
        result
    }

    /// Declines an allocation while unreachable objects whose collection would show (a
    /// `__del__`, a finalizer, a weak reference) wait for the collector. CPython collects on its
    /// own once allocations pass a threshold (700 new objects up to 3.12, 2000 on 3.13 and
    /// 3.14's incremental collector), counted from a state the model does not know (the
    /// interpreter's start-up and the page's runner allocate too): any allocation may be the
    /// one that starts it.
    fn no_waiting_garbage(&self) -> Outcome<()> {
        if self.collecting || self.automatic_gc_off() {
            return Ok(());
        }
        let mut watched = vec![false; self.world.objs.len()];
        for fin in self.world.fins.iter().filter(|f| f.alive) {
            watched[fin.owner] = true;
        }
        for reference in self.world.objs.iter().filter(|o| !o.freed) {
            if let Some(weak) = reference.weak.as_ref().filter(|w| !w.cleared) {
                watched[weak.target] = true;
            }
        }
        let shows = |obj: usize| {
            let object = &self.world.objs[obj];
            watched[obj]
                || (object.items.is_none() && object.exception.is_none() && self.defines(&object.class, &["__del__"]))
                || self.is_suspended_generator(obj)
        };
        // Every allocation asks: the walk over what is reachable is left out when no object
        // alive could show its collection (lab-fuzz timed a 1000-dict comprehension at 58 ms).
        if !(0..self.world.objs.len()).any(|obj| !self.world.objs[obj].freed && shows(obj)) {
            return Ok(());
        }
        let waiting = self.world.garbage(true).into_iter().find(|&obj| shows(obj));
        match waiting {
            Some(obj) => Err(not_modelled!(
                "an allocation while {} waits for the collector (CPython's automatic collection may free it here; gc.disable() would leave it to gc.collect()) is not modelled",
                self.world.objs[obj].label
            )),
            None => Ok(()),
        }
    }

    /// Declines a weak reference whose callback is a closure, to one of the `unreachable`
    /// objects: the collector calls it and leaves it to the reference, which lets go of it only
    /// when it goes itself (a path of CPython's the model does not follow).
    fn no_closure_callback(&self, unreachable: &[usize]) -> Outcome<()> {
        let closure = self.world.objs.iter().find(|o| {
            !o.freed
                && o.weak.as_ref().is_some_and(|w| !w.cleared && unreachable.contains(&w.target))
                && o.weak_callback().is_some_and(|c| self.closure_of(c).is_some())
        });
        match closure {
            Some(reference) => Err(not_modelled!(
                "the closure callback of {}, called by the collector, is not modelled",
                reference.label
            )),
            None => Ok(()),
        }
    }

    /// A full collection as CPython's collector runs it over the unreachable objects, in the
    /// order it finds them: its generations' lists merged, each in the order its objects were
    /// tracked (made) unless a collection moved them (`move_unreachable` puts an object that
    /// only a later object refers to at the tail, in the order the referrers' traversals reach
    /// it, which differs between versions). The order shows only when two or more of the
    /// objects' ends show, which is declined (see `no_order_among_showing`). First
    /// `handle_weakrefs`: weak references that are garbage themselves are cleared, then every
    /// weak reference to a garbage object, and the callbacks of those that are not garbage run
    /// (finalizers among them). Then `finalize_garbage`: each object's `__del__`, once (PEP
    /// 442). Then `delete_garbage` clears the objects' references, which frees them all; by
    /// then their finalizers and callbacks have run, so the order it clears them in (lists
    /// last item first, dicts first entry first, ...) shows nowhere, unless a finalizer left
    /// another object to the garbage (declined).
    fn collect_unreachable(&mut self) -> Outcome<()> {
        let unreachable = self.world.unreachable();
        let mut garbage = vec![false; self.world.objs.len()];
        unreachable.iter().for_each(|&o| garbage[o] = true);
        for (obj, object) in self.world.objs.iter_mut().enumerate() {
            object.survived |= !object.freed && !garbage[obj];
        }
        if unreachable.is_empty() {
            self.events.push("gc.collect() finds nothing unreachable".into());
            return Ok(());
        }
        self.no_order_among_showing(&unreachable)?;
        let labels: Vec<String> = unreachable.iter().map(|i| self.world.objs[*i].label.clone()).collect();
        self.events.push(format!("gc.collect() frees the unreachable {}", labels.join(", ")));
        for &obj in &unreachable {
            if let Some(weak) = self.world.objs[obj].weak.as_mut() {
                weak.cleared = true;
            }
        }
        self.no_closure_callback(&unreachable)?;
        self.weak_callbacks(&unreachable, "collected by gc.collect()")?;
        for &obj in &unreachable {
            let object = &self.world.objs[obj];
            if object.freed || object.dying || object.finalized || object.items.is_some() {
                continue;
            }
            let class = object.class.clone();
            if let Some(del) = self.method_of(&class, "__del__") {
                self.world.objs[obj].finalized = true;
                self.events.push(format!("{}.__del__() runs (collected by gc.collect())", self.world.objs[obj].label));
                let result = self.run_body(&del, vec![Val::Obj(obj)]);
                if let Some(result) = self.unraisable(result, "__del__")? {
                    self.drop_temporary(&result)?;
                }
            }
        }
        let mut still = vec![false; self.world.objs.len()];
        for obj in self.world.unreachable() {
            if !garbage[obj] {
                // `delete_garbage` would free it too, at a point of its clearing the model
                // does not follow.
                return Err(not_modelled!(
                    "{}, left only to the garbage by a finalizer during the collection, is not modelled",
                    self.world.objs[obj].label
                ));
            }
            still[obj] = true;
        }
        if let Some(back) = unreachable.iter().find(|o| !still[**o] && !self.world.objs[**o].freed) {
            return Err(not_modelled!(
                "{} was resurrected during the collection, which is not modelled",
                self.world.objs[*back].label
            ));
        }
        let mut dropped = Vec::new();
        for &obj in &unreachable {
            let object = &mut self.world.objs[obj];
            if object.freed {
                continue;
            }
            object.freed = true;
            dropped.extend(std::mem::take(&mut object.attrs).into_iter().map(|(_, v)| v));
            dropped.extend(object.items.take().into_iter().flatten());
            if let Some(state) = object.exception.take() {
                dropped.extend(state.parts().into_iter().map(|(_, v)| v.clone()));
            }
        }
        dropped.iter().try_for_each(|v| self.released(v))
    }

    /// Declines a collection whose `unreachable` objects include two or more whose end shows
    /// (a `__del__` not yet run, a finalizer, a weak reference's callback; not a weak
    /// dictionary's, whose entries go in any order to the same dict) unless their order is
    /// certain. It is the collector's lists', which are the order objects were made only until
    /// a collection runs while they are alive: one moves the objects it keeps (3.11 and 3.12
    /// order the same program differently), and its survivors go to an older generation, whose
    /// list comes after the youngest one's in a full collection. CPython starts its own
    /// collections when allocations pass a threshold counted from a state the model does not
    /// know, so any allocation after the first of them was made (the next one's included) may
    /// have been one, unless `gc.disable()` turned them off before (see `automatic_gc`).
    fn no_order_among_showing(&self, unreachable: &[usize]) -> Outcome<()> {
        let mut garbage = vec![false; self.world.objs.len()];
        unreachable.iter().for_each(|&o| garbage[o] = true);
        let mut watched = vec![false; self.world.objs.len()];
        for fin in self.world.fins.iter().filter(|f| f.alive) {
            watched[fin.owner] = true;
        }
        for (index, reference) in self.world.objs.iter().enumerate() {
            if let (false, false, Some(w)) = (reference.freed, garbage[index], &reference.weak) {
                if !w.cleared && w.callback.is_some() && w.entry_of.is_none() {
                    watched[w.target] = true;
                }
            }
        }
        let showing: Vec<usize> = unreachable
            .iter()
            .copied()
            .filter(|&obj| {
                let object = &self.world.objs[obj];
                watched[obj]
                    || (object.items.is_none()
                        && object.exception.is_none()
                        && !object.finalized
                        && self.defines(&object.class, &["__del__"]))
            })
            .collect();
        if showing.len() < 2 {
            return Ok(());
        }
        self.order_followed(&showing, "gc.collect()")
    }

    /// Interpreter exit: `atexit` calls its handlers, newest first, `weakref.finalize`'s hook
    /// among them; then the finalizers left never run.
    fn exit(&mut self, escaped: bool) -> Outcome<()> {
        // What runs from here on, the page's probe runs from its own frame.
        self.hidden_callers += 1;
        // `atexit` keeps every handler with its arguments until it has called them all.
        self.world.frames.push(Vec::new());
        let called = self.world.frames.len() - 1;
        let mut handlers = Vec::new();
        while let Some(handler) = self.world.atexit.pop() {
            match handler {
                ExitHandler::Finalizers => {
                    self.exit_finalizers()?;
                    self.exit_hook_ran = true;
                }
                ExitHandler::Call(func, args) => {
                    let kept = std::iter::once(&func).chain(&args).map(|v| (String::new(), v.clone()));
                    self.world.frames[called].extend(kept);
                    handlers.push((func.clone(), args.clone()));
                    self.events.push(format!("atexit calls {}", self.describe(&func)));
                    let result = Self::without_exception(self.call(&func, args), "an atexit handler")?;
                    self.drop_temporary(&result)?;
                }
            }
        }
        // The frame's references are the handlers', released below in atexit's order.
        self.world.frames.pop();
        self.atexit_released(handlers)?;
        for fin in self.world.fins.iter().filter(|f| f.alive) {
            self.events
                .push(format!("the finalizer of {} never runs (atexit=False)", self.world.objs[fin.owner].label));
        }
        self.teardown(escaped)
    }

    /// `atexit` lets go of its handlers, `called` newest first, once it has called them all:
    /// the oldest first, and of each its function and its arguments' tuple, whose items go last
    /// to first. Up to 3.13 the function goes before the arguments, from 3.14 (which keeps
    /// `(func, args, kwargs)` tuples in a list it clears) after them: declined when both hold an
    /// object whose end shows (its `__del__`, a weak reference's callback, a finalizer).
    fn atexit_released(&mut self, called: Vec<(Val, Vec<Val>)>) -> Outcome<()> {
        for (func, args) in &called {
            let by_function = self.showing_from(std::slice::from_ref(func));
            let by_arguments = self.showing_from(args);
            if !by_function.is_empty() && !by_arguments.is_empty() {
                return Err(not_modelled!(
                    "the order atexit lets go of a handler and its arguments in ({}, then {} up to 3.13, the other way from 3.14) is not modelled",
                    by_function.join(", "),
                    by_arguments.join(", ")
                ));
            }
        }
        let released = called
            .into_iter()
            .rev()
            .flat_map(|(func, args)| std::iter::once(func).chain(args.into_iter().rev()))
            .map(|value| (String::new(), value))
            .collect();
        self.release_in_turn(released)
    }

    /// The objects alive that `values` refer to, directly or not, whose end shows: a `__del__`,
    /// a weak reference's callback, a finalizer.
    fn showing_from(&self, values: &[Val]) -> Vec<String> {
        let mut showing = Vec::new();
        let mut seen = vec![false; self.world.objs.len()];
        let mut stack = values.to_vec();
        while let Some(value) = stack.pop() {
            let Some(obj) = referents(&value) else { continue };
            if seen[obj] || self.world.objs[obj].freed {
                continue;
            }
            seen[obj] = true;
            let object = &self.world.objs[obj];
            let watched = self.world.fins.iter().any(|f| f.alive && f.owner == obj)
                || self.world.objs.iter().any(|o| {
                    !o.freed && o.weak.as_ref().is_some_and(|w| w.target == obj && !w.cleared && w.callback.is_some())
                });
            if watched || (object.items.is_none() && self.defines(&object.class, &["__del__"])) {
                showing.push(object.label.clone());
            }
            stack.extend(object.attrs.iter().map(|(_, v)| v.clone()));
            stack.extend(object.items.iter().flatten().cloned());
        }
        showing
    }

    /// `weakref.finalize`'s atexit hook: alive finalizers with atexit=True, newest first.
    fn exit_finalizers(&mut self) -> Outcome<()> {
        let registered_before = self.world.fins.len();
        while let Some(fin) =
            (0..self.world.fins.len()).rev().find(|f| self.world.fins[*f].alive && self.world.fins[*f].atexit)
        {
            if self.world.fins.len() - registered_before > MAX_EXIT_REGISTRATIONS {
                // The hook picks up finalizers registered while it runs: callbacks that register
                // new ones keep CPython's exit running for ever, and the model with it.
                return Err(not_modelled!(
                    "more than {MAX_EXIT_REGISTRATIONS} finalizers registered by the exit hook's own callbacks are not modelled"
                ));
            }
            // The hook prints an exception from a callback (sys.excepthook) and goes on.
            let result = self.fire(fin, "at interpreter exit");
            if let Some(result) = self.unraisable(result, "a finalizer's callback at exit")? {
                self.drop_temporary(&result)?;
            }
        }
        Ok(())
    }

    /// The interpreter's teardown, after the atexit handlers. `Py_FinalizeEx` first collects
    /// the garbage that waits for the collector (as `gc.collect()` does), if automatic
    /// collection is on (`PyGC_Collect`). Then `finalize_modules` lets go of the modules:
    /// `__main__`'s globals, which the program's functions keep in a cycle through their
    /// `__globals__`, go to one last collection with every object the program made (the
    /// garbage that waited included). All of them are garbage together, weak references
    /// included, so that collection clears every weak reference and calls no callback, and a
    /// finalizer left (atexit=False) never runs; then it runs the finalizers of the objects,
    /// `__del__` methods and suspended generators' `close()`, with the globals still there, in
    /// the order of its object list: one such object is followed, more only where that order
    /// is certain (see `automatic_gc`).
    fn teardown(&mut self, escaped: bool) -> Outcome<()> {
        if !self.world.unreachable().is_empty() {
            if self.automatic_gc_off() {
                self.events.push(
                    "automatic collection is off: Py_FinalizeEx leaves the garbage that waits to the last collection"
                        .into(),
                );
            } else {
                self.events.push("Py_FinalizeEx collects the garbage that waits for the collector".into());
                self.collect()?;
            }
        }
        if escaped {
            self.last_exception_released()?;
        }
        let finalized = self.finalized_at_teardown();
        if finalized.is_empty() {
            return Ok(());
        }
        if finalized.len() > 1 {
            self.order_followed(&finalized, "the interpreter's last collection")?;
        }
        let weak_dict =
            self.world.objs.iter().any(|o| !o.freed && o.weak.as_ref().is_some_and(|w| w.entry_of.is_some()));
        if weak_dict {
            return Err(not_modelled!(
                "a weak dictionary at the interpreter's last collection (its weak references cleared, its entries left) is not modelled"
            ));
        }
        self.events.push(
            "finalize_modules: __main__'s globals and every object left are garbage; their weak references are cleared, no callback runs"
                .into(),
        );
        for object in self.world.objs.iter_mut().filter(|o| !o.freed) {
            if let Some(weak) = object.weak.as_mut() {
                weak.cleared = true;
            }
        }
        for fin in self.world.fins.iter_mut() {
            fin.alive = false;
        }
        self.tearing_down = true;
        for obj in finalized {
            let object = &self.world.objs[obj];
            if object.freed || object.finalized {
                // An earlier one's `__del__` let go of it: its end ran then.
                continue;
            }
            let label = object.label.clone();
            match self.generator_of(&Val::Obj(obj)) {
                Some(g) => {
                    self.events.push(format!("the last collection closes {label}"));
                    self.close_at_teardown(g)?;
                }
                None => {
                    let class = object.class.clone();
                    let del = self.method_of(&class, "__del__").unwrap_or_default();
                    self.world.objs[obj].finalized = true;
                    self.events.push(format!("{label}.__del__() runs (the interpreter's last collection)"));
                    let result = self.run_body(&del, vec![Val::Obj(obj)]);
                    if let Some(result) = self.unraisable(result, "__del__")? {
                        self.drop_temporary(&result)?;
                    }
                }
            }
        }
        if let Some(&more) = self.finalized_at_teardown().first() {
            // Made or kept during that collection, it goes when the collection clears the
            // garbage, at a point of the clearing the model does not follow.
            return Err(not_modelled!(
                "{}, left with a finalizer by the interpreter's last collection, is not modelled",
                self.world.objs[more].label
            ));
        }
        Ok(())
    }

    /// `finalize_modules` begins by setting what `sys` keeps of the exception that ended the
    /// program to None (`last_exc` from 3.12, `last_type`, `last_value`, then
    /// `last_traceback`): the exception goes, and with it what it holds but its traceback
    /// (its arguments, cause and context); then the traceback goes, innermost frame first,
    /// each frame letting go of the locals it kept. What they free ends there, by reference
    /// counting, before the last collection.
    fn last_exception_released(&mut self) -> Outcome<()> {
        self.exception_and_traceback_released("finalize_modules sets sys.last_exc to None")
    }

    /// Lets go of the exception the thread holds, then of its traceback: `who` says who lets go.
    fn exception_and_traceback_released(&mut self, who: &str) -> Outcome<()> {
        let Some(Val::Obj(exception)) = self.world.exceptions.pop() else { return Ok(()) };
        let label = self.world.objs[exception].label.clone();
        let tangled = |objs: &[Obj], obj: usize| {
            objs[obj].exception.as_ref().is_some_and(|e| e.frame.is_some() || e.frames_to.is_some())
                || objs.iter().any(|o| !o.freed && o.exception.as_ref().is_some_and(|e| e.frames_to == Some(obj)))
        };
        let chain: Vec<usize> = self.world.objs[exception]
            .exception
            .iter()
            .flat_map(|e| e.cause.iter().chain(&e.context))
            .filter_map(referents)
            .collect();
        let chained_frames = chain.iter().any(|&c| {
            self.world.objs[c].exception.as_ref().is_some_and(|e| !e.frames.is_empty()) || tangled(&self.world.objs, c)
        });
        if tangled(&self.world.objs, exception) || chained_frames {
            let callback_waits = self.world.objs.iter().any(|o| {
                !o.freed
                    && o.weak.as_ref().is_some_and(|w| {
                        w.callback.is_some() && !w.cleared && w.entry_of.is_none() && !self.world.objs[w.target].freed
                    })
            });
            if self.finalized_at_teardown().is_empty() && !callback_waits {
                // Whenever its frames go, no code runs.
                return Ok(());
            }
            return Err(not_modelled!(
                "{label}, which ended the program, with frames its traceback shares (with another exception, or a traceback the program kept) at interpreter exit is not modelled"
            ));
        }
        let frames_kept = self.world.objs[exception].exception.as_ref().is_some_and(|e| !e.frames.is_empty());
        if self.world.is_held(exception) {
            if frames_kept {
                return Err(not_modelled!(
                    "{label}, which ended the program and which the program still holds with its traceback's frames, at interpreter exit is not modelled"
                ));
            }
            // It goes with what holds it, later in the teardown.
            return Ok(());
        }
        let frames = self.world.objs[exception].exception.as_mut().map(|e| std::mem::take(&mut e.frames));
        let kept: Vec<(String, Val)> = frames.into_iter().flatten().flat_map(|(_, locals)| locals).collect();
        self.events.push(format!("{who}: {label} goes, then its traceback"));
        // `sys.last_traceback` holds the frames while the exception goes.
        self.world.frames.push(kept);
        let result = self.released(&Val::Obj(exception));
        let kept = self.world.frames.pop().unwrap_or_default();
        result?;
        self.release_in_turn(kept)
    }

    /// The objects alive whose end runs code: instances whose `__del__` has not run, and
    /// suspended generators whose close runs a `finally` clause or an `__exit__`.
    fn finalized_at_teardown(&self) -> Vec<usize> {
        (0..self.world.objs.len())
            .filter(|&o| {
                let object = &self.world.objs[o];
                !object.freed
                    && (self.closing_runs_code(o)
                        || (object.items.is_none() && !object.finalized && self.defines(&object.class, &["__del__"])))
            })
            .collect()
    }

    /// Evaluates `expr`; the value comes back held as a temporary of the running statement.
    fn eval(&mut self, expr: &Expression, frame: Frame) -> Outcome<Val> {
        if self.nesting >= MAX_EXPRESSION_DEPTH {
            // Each level takes some of the model's own stack (the page's is small).
            return Err(not_modelled!("expressions nested more than {MAX_EXPRESSION_DEPTH} deep are not modelled"));
        }
        self.nesting += 1;
        let value = self.evaluate(expr, frame);
        self.nesting -= 1;
        let value = value?;
        self.hold(&value);
        Ok(value)
    }

    /// An f-string's text.
    fn fstring(&mut self, parts: &[FStringPart], frame: Frame) -> Outcome<Val> {
        let mut text = String::new();
        for part in parts {
            match part {
                FStringPart::Text { text: t } => text.push_str(&program_text(t)?),
                FStringPart::Field { value, repr, spec: Some(spec) } if !spec.is_empty() => {
                    let value = self.eval(value, frame)?;
                    text.push_str(&self.with_spec(&value, *repr, spec)?);
                    self.drop_temporary(&value)?;
                }
                FStringPart::Field { value, repr, .. } => {
                    let value = self.eval(value, frame)?;
                    let shown = if *repr { self.repr_of(&value)? } else { self.str_of(&value)? };
                    text.push_str(&shown);
                    self.drop_temporary(&value)?;
                }
            }
            if text.len() > MAX_STR_BYTES {
                // A repr inside an f-string can double a string's length (its
                // backslashes) at every level of a recursion: stop before the model's
                // time and memory go.
                return Err(not_modelled!("strings longer than {MAX_STR_BYTES} bytes are not modelled"));
            }
        }
        Ok(Val::Str(text))
    }

    /// Evaluates `expr` to a value not yet held: the caller holds it.
    fn evaluate(&mut self, expr: &Expression, frame: Frame) -> Outcome<Val> {
        match expr {
            Expression::Literal { literal } => literal_value(literal),
            Expression::FString { parts } => self.fstring(parts, frame),
            Expression::Name { id } => self.name(id, frame),
            Expression::Attribute { .. } if self.dataclasses_name(expr).is_some() => {
                Ok(self.dataclasses_name(expr).unwrap_or(Val::None))
            }
            Expression::Attribute { value, attr } if self.is_zero_argument_super(value, frame) => {
                let result = self.super_attribute(attr, frame)?.ok_or_else(|| {
                    not_modelled!("`object.__init__` through `super()` not called at once is not modelled")
                })?;
                self.unhold(&result);
                Ok(result)
            }
            Expression::Attribute { value, attr } => {
                let base = self.attribute_base(value, attr, frame)?;
                let result = self.attribute(&base, attr)?;
                if matches!(result, Val::Bound(..)) {
                    // A bound method object is made (a call loads the method without one).
                    self.no_waiting_garbage()?;
                }
                // The attribute replaces its object on the stack.
                self.drop_temporary(&base)?;
                self.unhold(&result);
                Ok(result)
            }
            Expression::Call { func, args, keywords } => {
                let result = self.call_expression(func, args, keywords, frame)?;
                self.unhold(&result);
                Ok(result)
            }
            Expression::Tuple { elements } | Expression::List { elements } => {
                let mut values = Vec::new();
                for element in elements {
                    values.push(self.eval(element, frame)?);
                }
                let class = if matches!(expr, Expression::List { .. }) { "list" } else { "tuple" };
                let obj = self.new_container(class, values.clone())?;
                for value in &values {
                    self.drop_temporary(value)?;
                }
                Ok(Val::Obj(obj))
            }
            Expression::Subscript { value, elements } => {
                let [index] = elements.as_slice() else {
                    return Err("this subscript is not modelled".into());
                };
                if let Some(slice) = pysource::slice(match index {
                    Expression::Other { text } => text,
                    _ => "",
                }) {
                    return self.slice_expression(value, &slice, frame);
                }
                let base = self.eval(value, frame)?;
                let index = self.eval(index, frame)?;
                let item = self.item(&base, &index);
                let item = self.failed_operation(item, &[&base, &index])?;
                self.hold(&item);
                self.drop_temporary(&index)?;
                self.drop_temporary(&base)?;
                self.unhold(&item);
                Ok(item)
            }
            Expression::UnaryOp { op, operand } => {
                let value = self.eval(operand, frame)?;
                let result = match (op.as_str(), &value) {
                    ("not", value) => Val::Bool(!self.truth(value)?),
                    ("-", Val::Int(i)) => Val::Int(i.checked_neg().ok_or("integers beyond 64 bits are not modelled")?),
                    ("-", Val::Bool(b)) => Val::Int(-i64::from(*b)),
                    ("-", Val::Float(f)) => Val::Float(-f),
                    ("+", Val::Int(i)) => Val::Int(*i),
                    ("+", Val::Bool(b)) => Val::Int(i64::from(*b)),
                    ("+", Val::Float(f)) => Val::Float(*f),
                    ("~", Val::Int(i)) => Val::Int(!i),
                    ("~", Val::Bool(b)) => Val::Int(!i64::from(*b)),
                    _ => return Err(not_modelled!("`{op}` on {} is not modelled", self.kind_name(&value))),
                };
                self.drop_temporary(&value)?;
                Ok(result)
            }
            Expression::BinOp { op, left, right } => {
                let left = self.eval(left, frame)?;
                let right = self.eval(right, frame)?;
                let sequence = self.sequence_binary(op, &left, &right);
                let result = match self.failed_operation(sequence, &[&left, &right])? {
                    Some(result) => {
                        // Held while the operands go: it may be one of them.
                        self.hold(&result);
                        self.drop_temporary(&right)?;
                        self.drop_temporary(&left)?;
                        self.unhold(&result);
                        return Ok(result);
                    }
                    None => {
                        let result = self.binary(op, &left, &right);
                        self.failed_operation(result, &[&left, &right])?
                    }
                };
                self.drop_temporary(&right)?;
                self.drop_temporary(&left)?;
                Ok(result)
            }
            Expression::BoolOp { op, values } => {
                let and = op == "and";
                for (index, value) in values.iter().enumerate() {
                    let value = self.eval(value, frame)?;
                    if index + 1 == values.len() || self.truth(&value)? != and {
                        self.unhold(&value);
                        return Ok(value);
                    }
                    self.drop_temporary(&value)?;
                }
                Err("an empty `and`/`or`".into())
            }
            Expression::Compare { left, comparisons } => {
                let mut left = self.eval(left, frame)?;
                let mut outcome = true;
                for (index, (op, right)) in comparisons.iter().enumerate() {
                    let right = self.eval(right, frame)?;
                    let compared = self.compare(op, &left, &right);
                    outcome = self.failed_operation(compared, &[&left, &right])?;
                    if self.minor >= 14 && index + 1 == comparisons.len() {
                        // From 3.14 COMPARE_OP, IS_OP and CONTAINS_OP let go of the right operand
                        // first (in a chain, the others' right operand is a copy the next keeps).
                        self.drop_temporary(&right)?;
                        self.drop_temporary(&left)?;
                        return Ok(Val::Bool(outcome));
                    }
                    self.drop_temporary(&left)?;
                    left = right;
                    if !outcome {
                        break;
                    }
                }
                self.drop_temporary(&left)?;
                Ok(Val::Bool(outcome))
            }
            Expression::ListComp { element, generators } => self.comprehension(Built::List(element), generators, frame),
            Expression::SetComp { element, generators } => self.comprehension(Built::Set(element), generators, frame),
            Expression::DictComp { key, value, generators } => {
                self.comprehension(Built::Dict(key, value), generators, frame)
            }
            Expression::Dict { items } => self.dict_display(items, frame),
            Expression::Set { elements } => self.set_display(elements, frame, false),
            Expression::BitOr { left, right } => {
                let left = self.eval(left, frame)?;
                let right = self.eval(right, frame)?;
                let result = self.binary("|", &left, &right);
                let result = self.failed_operation(result, &[&left, &right])?;
                self.drop_temporary(&right)?;
                self.drop_temporary(&left)?;
                Ok(result)
            }
            Expression::Other { text } if self.lambdas.iter().any(|(t, _)| t == text) => self.lambda(text, frame),
            Expression::Other { text } if self.generator_expressions.iter().any(|(t, ..)| t == text) => {
                let generator = self.generator_expression(text, frame)?;
                self.unhold(&generator);
                Ok(generator)
            }
            Expression::Other { text } => {
                if let Some(choice) = pysource::conditional(text) {
                    // POP_JUMP_IF_FALSE lets go of the test's value before either branch runs.
                    let branch = if self.condition(&choice.test, frame)? { &choice.body } else { &choice.orelse };
                    let value = self.eval(branch, frame)?;
                    self.unhold(&value);
                    return Ok(value);
                }
                match pysource::starred_call(text) {
                    Some(call) => {
                        let args: Vec<(bool, &Expression)> =
                            call.args.iter().map(|(starred, arg)| (*starred, arg)).collect();
                        let result = self.call_with(&call.func, &args, &call.keywords, &call.mappings, frame)?;
                        self.unhold(&result);
                        Ok(result)
                    }
                    None => Err(unmodelled_expression(text)),
                }
            }
        }
    }

    /// Syntax the simulated CPython does not have yet (`except A, B:` before 3.14): a
    /// SyntaxError there, which the model does not word as CPython does.
    fn newer_syntax(&self) -> Option<String> {
        let (line, message) = self.source.newer_syntax(self.minor)?;
        Some(format!("on CPython 3.{}, line {line} is a SyntaxError ({message})", self.minor))
    }

    /// Why the module's lambdas are not followed, if they are nested deeper than pysource
    /// reads them.
    fn deep_lambda(&self) -> Option<String> {
        let deep = self.lambdas.iter().any(|(_, qualname)| qualname.matches("<lambda>").count() >= MAX_LAMBDA_NESTING);
        deep.then(|| format!("lambdas nested more than {} deep are not modelled", MAX_LAMBDA_NESTING - 1))
    }

    /// A `lambda`: at module level a function like those `def` makes, in a function a closure
    /// as a nested `def` makes.
    fn lambda(&mut self, text: &str, frame: Frame) -> Outcome<Val> {
        if self.scopes.iter().any(|(scope, _)| Some(*scope) == frame) {
            return Err(not_modelled!("a lambda in a comprehension (its own scope) is not modelled"));
        }
        let qualname = match frame {
            None => "<lambda>".to_owned(),
            Some(index) => match self.locals.iter().rev().find(|(f, ..)| *f == index) {
                Some((.., outer)) => format!("{outer}.<locals>.<lambda>"),
                None => return Err(not_modelled!("`{}` here is not modelled", first_line(text))),
            },
        };
        let mut written_here = self.lambdas.iter().filter(|(t, q)| t == text && public_qualname(q) == qualname);
        let Some((_, key)) = written_here.next() else {
            // A class body's, say.
            return Err(not_modelled!("`{}` here is not modelled", first_line(text)));
        };
        if written_here.next().is_some() {
            // The expression carries its text, not its place.
            return Err(not_modelled!(
                "two lambdas written alike (`{}`) in the same scope are not modelled",
                first_line(text)
            ));
        }
        let qualname = key.clone();
        if self.bodies.iter().filter(|b| b.qualname == qualname).count() > 1 {
            // The model reads one body per qualified name.
            return Err(not_modelled!("more than one lambda in the same scope (`{qualname}`) is not modelled"));
        }
        if frame.is_some() {
            let function = self.make_closure("<lambda>", frame)?;
            // The caller holds it.
            self.unhold(&function);
            return Ok(function);
        }
        let body = self.body(&qualname).ok_or_else(|| not_modelled!("`{qualname}` is not modelled"))?;
        if body.defaults.iter().flatten().any(|d| !matches!(d, Expression::Literal { .. })) {
            return Err(not_modelled!("a lambda's default that is not a literal is not modelled"));
        }
        if self.made_lambdas.contains(&qualname) {
            return Err(not_modelled!(
                "`{}` evaluated again (each time a new function, which `is`, `==` and atexit tell apart) is not modelled",
                first_line(text)
            ));
        }
        self.made_lambdas.push(qualname.clone());
        Ok(Val::Func(qualname))
    }

    /// `{k: v, ...}`: the keys and values go on the stack, key then value, then into the
    /// dict; a duplicate key's earlier value goes only when the stack is popped. Kept out of
    /// [`Run::evaluate`], whose stack frame every nested call repeats.
    #[inline(never)]
    fn dict_display(&mut self, items: &[(Expression, Expression)], frame: Frame) -> Outcome<Val> {
        if items.len() > 16 {
            // CPython builds a long display in parts, popping the stack between them.
            return Err("a dict display of more than 16 entries is not modelled".into());
        }
        let mut values = Vec::new();
        for (key, value) in items {
            values.push(self.eval(key, frame)?);
            values.push(self.eval(value, frame)?);
        }
        let dict = self.new_container("dict", Vec::new())?;
        self.hold(&Val::Obj(dict));
        for pair in values.chunks(2) {
            self.dict_set(dict, pair[0].clone(), pair[1].clone())?;
        }
        for value in &values {
            self.drop_temporary(value)?;
        }
        self.unhold(&Val::Obj(dict));
        Ok(Val::Obj(dict))
    }

    /// Takes a temporary back from the stack without letting go of its reference (the caller
    /// holds it again).
    fn unhold(&mut self, value: &Val) {
        if let Some(frame) = self.world.frames.last_mut() {
            if let Some(index) = frame.iter().rposition(|(n, v)| n.is_empty() && v == value) {
                frame.remove(index);
            }
        }
    }

    fn name(&mut self, id: &str, frame: Frame) -> Outcome<Val> {
        if let Some(f) = frame {
            if let Some((_, val)) = self.world.frames[f].iter().find(|(n, _)| n == id) {
                return match self.cell(val) {
                    Some(cell) => self.cell_contents(cell, id),
                    None => Ok(val.clone()),
                };
            }
            if let Some(&(_, enclosing)) = self.scopes.iter().rev().find(|(scope, _)| *scope == f) {
                // A comprehension's scope: the rest is the enclosing scope's. On 3.11 a
                // comprehension is a function of its own, and a function's local it reads becomes
                // a cell, which changes when that local goes.
                if let Some(outer) = enclosing {
                    // A parameter keeps its place when it becomes a cell; another local moves
                    // after them all.
                    let moved = self.locals.iter().any(|(index, names, params, _)| {
                        *index == outer
                            && names.iter().skip(*params).any(|n| n == id)
                            && !names[..*params].contains(&id.to_owned())
                    });
                    if moved && self.minor < 12 {
                        return Err(not_modelled!(
                            "a comprehension reading the function's local `{id}` (not a parameter) is not modelled on 3.{}",
                            self.minor
                        ));
                    }
                }
                return self.name(id, enclosing);
            }
            let local = self.locals.iter().rev().find(|(index, ..)| *index == f);
            if local.is_some_and(|(_, names, ..)| names.iter().any(|n| n == id)) {
                return Err(not_modelled!("UnboundLocalError for `{id}` is not modelled"));
            }
        }
        if let Some(val) = self.world.global(id) {
            return Ok(val.clone());
        }
        let defined = self.defined.iter().any(|n| n == id);
        if self.module.class(id).is_some() && defined {
            return Ok(Val::Class(id.to_owned()));
        }
        if self.module.function(id).is_some() && defined {
            return Ok(Val::Func(id.to_owned()));
        }
        if self.module.class(id).is_some() || self.module.function(id).is_some() {
            return Err(not_modelled!("`{id}` used before its definition ran (a NameError) is not modelled"));
        }
        match id {
            "print" => Ok(Val::Print),
            "super" => Err("`super` other than `super().name` in a method is not modelled".into()),
            "__class__" => self.class_cell(frame),
            "__name__" => Ok(Val::Str("__main__".into())),
            "len" => Ok(Val::Builtin("len")),
            "range" => Ok(Val::Builtin("range")),
            "str" => Ok(Val::Builtin("str")),
            "repr" => Ok(Val::Builtin("repr")),
            "enumerate" => Ok(Val::Builtin("enumerate")),
            "zip" => Ok(Val::Builtin("zip")),
            "int" => Ok(Val::Builtin("int")),
            "tuple" => Ok(Val::Builtin("tuple")),
            "isinstance" => Ok(Val::Builtin("isinstance")),
            "sorted" => Ok(Val::Builtin("sorted")),
            "bool" => Ok(Val::Builtin("bool")),
            "dict" => Ok(Val::Builtin("dict")),
            "set" => Ok(Val::Builtin("set")),
            "list" => Ok(Val::Builtin("list")),
            "next" => Ok(Val::Builtin("next")),
            "iter" => Ok(Val::Builtin("iter")),
            "type" => Ok(Val::Builtin("type")),
            "getattr" => Ok(Val::Builtin("getattr")),
            "hasattr" => Ok(Val::Builtin("hasattr")),
            "setattr" => Ok(Val::Builtin("setattr")),
            "min" => Ok(Val::Builtin("min")),
            "max" => Ok(Val::Builtin("max")),
            "sum" => Ok(Val::Builtin("sum")),
            "any" => Ok(Val::Builtin("any")),
            "all" => Ok(Val::Builtin("all")),
            "abs" => Ok(Val::Builtin("abs")),
            "divmod" => Ok(Val::Builtin("divmod")),
            "reversed" => Ok(Val::Builtin("reversed")),
            name if name != dataclasses::FROZEN_INSTANCE_ERROR
                && BUILTIN_EXCEPTIONS.iter().any(|(builtin, _)| *builtin == name) =>
            {
                Ok(Val::Class(name.to_owned()))
            }
            _ => match self.dataclasses_name(&Expression::Name { id: id.to_owned() }) {
                Some(class) => Ok(class),
                None if FOLLOWED_MODULES.contains(&id) && !self.imported.iter().any(|(n, _)| n == id) => {
                    Err(not_modelled!("`{id}` before an `import {id}` ran (a NameError) is not modelled"))
                }
                None => Err(not_modelled!("the name `{id}` is not modelled")),
            },
        }
    }

    fn new_object(&mut self, obj: Obj) -> Outcome<usize> {
        self.no_waiting_garbage()?;
        self.add_object(obj)
    }

    /// Adds an object CPython made before the model needed it (no allocation happens now, so
    /// no automatic collection can).
    fn add_object(&mut self, obj: Obj) -> Outcome<usize> {
        if self.world.objs.len() >= MAX_OBJECTS {
            return Err(not_modelled!("more than {MAX_OBJECTS} objects are not modelled"));
        }
        self.events.push(format!("{} created", obj.label));
        self.world.objs.push(obj);
        Ok(self.world.objs.len() - 1)
    }

    fn new_container(&mut self, class: &str, items: Vec<Val>) -> Outcome<usize> {
        let number = self.world.objs.iter().filter(|o| o.class == class && o.items.is_some()).count() + 1;
        let label = format!("{class} #{number}");
        let empty = items.is_empty();
        let obj = self.new_object(Obj { items: Some(items), ..Obj::new(class, label, Vec::new()) })?;
        if class == "set" && empty {
            self.new_set_table(obj);
        }
        Ok(obj)
    }

    fn item(&mut self, base: &Val, index: &Val) -> Outcome<Val> {
        if let Some((weak_dict, data)) = self.weak_dict(base) {
            return self.weak_dict_item(weak_dict, data, index);
        }
        if let Some(dict) = self.container(base, "dict") {
            return self.dict_item(dict, index);
        }
        if let Some(set) = self.container(base, "set") {
            return Err(not_modelled!("subscripting {} (TypeError) is not modelled", self.world.objs[set].label));
        }
        let index = match index {
            Val::Int(i) => *i,
            Val::Bool(b) => i64::from(*b),
            _ => return Err("this subscript is not modelled".into()),
        };
        let (items, out_of_range): (Vec<Val>, &'static str) = match base {
            Val::Obj(obj) => match &self.world.objs[*obj].items {
                Some(items) if self.world.objs[*obj].class == "list" => (items.clone(), "list index out of range"),
                Some(items) => (items.clone(), "tuple index out of range"),
                None => return Err("subscripting an instance is not modelled".into()),
            },
            Val::Str(s) => {
                addresses::unread(base, "indexing")?;
                (s.chars().map(|c| Val::Str(c.to_string())).collect(), "string index out of range")
            }
            _ => return Err(not_modelled!("subscripting {} is not modelled", self.kind_name(base))),
        };
        let len = i64::try_from(items.len()).unwrap_or(i64::MAX);
        let position = if index < 0 { index + len } else { index };
        usize::try_from(position)
            .ok()
            .and_then(|p| items.get(p).cloned())
            .ok_or_else(|| throw("IndexError", out_of_range))
    }

    fn call_expression(
        &mut self,
        func: &Expression,
        args: &[Expression],
        keywords: &[(String, Expression)],
        frame: Frame,
    ) -> Outcome<Val> {
        match self.imported_name(func, frame).as_deref() {
            Some("gc.collect") => {
                if !args.is_empty() || !keywords.is_empty() {
                    return Err("gc.collect(generation) is not modelled".into());
                }
                self.collect()?;
                let result = Val::Opaque("the number gc.collect() returns");
                self.hold(&result);
                return Ok(result);
            }
            Some(call @ ("gc.disable" | "gc.enable" | "gc.isenabled")) => {
                return self.automatic_gc_call(call, args, keywords);
            }
            Some(
                call @ ("weakref.ref"
                | "weakref.finalize"
                | "weakref.WeakValueDictionary"
                | "weakref.WeakKeyDictionary"
                | "weakref.WeakMethod"),
            ) => {
                return self.weakref_call(call, args, keywords, frame);
            }
            Some("sys.exit") => return self.sys_exit(args, keywords, frame),
            Some(call @ ("atexit.register" | "atexit.unregister")) => {
                return self.atexit_call(call, args, keywords, frame);
            }
            _ => {}
        }
        if func.dotted().as_deref() == Some("object.__setattr__") && self.world.global("object").is_none() {
            return self.object_setattr(args, keywords, frame);
        }
        let args: Vec<(bool, &Expression)> = args.iter().map(|arg| (false, arg)).collect();
        self.call_with(func, &args, keywords, &[], frame)
    }

    /// A call of what `func` gives with `args` (each true when it is `*iterable`), `keywords`
    /// and `mappings` (`**mapping`); the result comes back held as a temporary.
    ///
    /// A call with `*` arguments is CPython's CALL_FUNCTION_EX: a method is loaded by LOAD_ATTR,
    /// which makes a bound method object holding the instance, and the keywords go into a new
    /// dict. From 3.12 the instruction pushes a function's frame itself, which takes its own
    /// references and lets go of the tuple and the dict before the body runs; anything else
    /// (a bound method, any callable on 3.11) goes through PyObject_Call, and the stack keeps
    /// the callable, the tuple and the dict until it returns: then they go in that order, the
    /// reverse from 3.14.
    fn call_with(
        &mut self,
        func: &Expression,
        args: &[(bool, &Expression)],
        keywords: &[(String, Expression)],
        mappings: &[Expression],
        frame: Frame,
    ) -> Outcome<Val> {
        let starred = args.iter().any(|(starred, _)| *starred);
        let mut instance = Vec::new();
        // With `*` arguments, the instance the bound method of a decorated method holds.
        let mut bound_self = None;
        let callee = match func {
            Expression::Attribute { value, attr } if self.is_zero_argument_super(value, frame) => {
                match self.super_attribute(attr, frame)? {
                    Some(callee) => callee,
                    None => return self.object_init(args.len() + keywords.len() + mappings.len()),
                }
            }
            // A method call loads the method without making a bound method object: a decorated
            // method's function object is called with the instance first.
            Expression::Attribute { value, attr } => {
                let base = self.attribute_base(value, attr, frame)?;
                if let Some(function) = self.decorated_member(&base, attr) {
                    self.hold(&function);
                    if starred {
                        bound_self = Some(base);
                    } else {
                        instance.push(base);
                    }
                    function
                } else {
                    let callee = self.attribute(&base, attr)?;
                    self.drop_temporary(&base)?;
                    callee
                }
            }
            _ => self.eval(func, frame)?,
        };
        let unpacking::Positional { values, tuple } = self.positional(instance, args, frame)?;
        let mut options = Vec::new();
        for (name, value) in keywords {
            options.push((name.clone(), self.eval(value, frame)?));
        }
        for mapping in mappings {
            self.merge_keywords(mapping, &mut options, frame)?;
        }
        let python_code = match &callee {
            Val::Func(_) => true,
            function if self.closure_of(function).is_some() => true,
            Val::Bound(_, qualname) => !is_container_method(qualname) && qualname != frames::WITH_TRACEBACK,
            Val::ClassBound(..) => true,
            _ => false,
        };
        if python_code {
            let function =
                bound_self.is_none() && (matches!(callee, Val::Func(_)) || self.closure_of(&callee).is_some());
            let pushed_by_the_instruction = self.minor >= 12 && function;
            let kept = tuple.is_some() && !pushed_by_the_instruction;
            if let Some(tuple) = tuple.as_ref().filter(|_| !kept) {
                self.drop_temporary(tuple)?;
            }
            // The new frame takes over the arguments (and `self`): they go when it returns.
            // The stack keeps the callable and the keyword dict's values where it keeps the tuple.
            let taken: Vec<&Val> = if kept {
                values.iter().collect()
            } else {
                values.iter().chain(options.iter().map(|(_, v)| v)).chain(std::iter::once(&callee)).collect()
            };
            for value in taken {
                self.unhold(value);
            }
            let result = match &callee {
                function @ Val::Obj(_) => {
                    let mut all: Vec<Val> = bound_self.iter().cloned().collect();
                    all.extend(values);
                    self.call_closure(function, all, options.clone())
                }
                Val::Bound(obj, qualname) => {
                    let mut all = vec![Val::Obj(*obj)];
                    all.extend(values);
                    self.run_body_with(qualname, all, options.clone())
                }
                Val::ClassBound(class, qualname) => {
                    let mut all = vec![Val::Class(class.clone())];
                    all.extend(values);
                    self.run_body_with(qualname, all, options.clone())
                }
                Val::Func(name) => self.run_body_with(name, values, options.clone()),
                _ => unreachable!("Python code"),
            };
            let stopped = matches!(result, Err(Stop::NotModelled(_)));
            if let Some(tuple) = tuple.filter(|_| kept && !stopped) {
                // A bound method lets go of its function, then of its instance; a dict of its
                // entries in order.
                let callable: Vec<Val> = std::iter::once(callee).chain(bound_self).collect();
                let dict: Vec<Val> = options.into_iter().map(|(_, value)| value).collect();
                let order =
                    if self.minor >= 14 { [dict, vec![tuple], callable] } else { [callable, vec![tuple], dict] };
                for value in order.iter().flatten() {
                    self.drop_temporary(value)?;
                }
            }
            return result;
        }
        if tuple.is_some() {
            return Err(not_modelled!("unpacking `*` arguments into {} is not modelled", self.describe(&callee)));
        }
        if let Val::Bound(_, qualname) = &callee {
            let dying_argument = values.iter().any(|value| self.only_the_call_holds(value));
            if self.minor < 14 && qualname == "list.append" && dying_argument && self.only_the_call_holds(&callee) {
                return Err(not_modelled!(
                    "`list.append` of an object only the call holds, on a list only the call holds, is not modelled before 3.14 (which of the two goes first depends on the call's specialization)"
                ));
            }
        }
        let outcome = match (&callee, options.is_empty()) {
            (Val::Print, _) => self.print(&values, &options),
            (Val::Builtin("sorted"), _) => self.sorted(&values, &options),
            (Val::Builtin(name @ ("min" | "max")), _) => self.min_max(name, &values, &options),
            (Val::Builtin("sum"), _) => self.sum(&values, &options),
            (Val::StrMethod(text, "format"), _) => {
                self.format(text, &values, &options).inspect(|result| self.hold(result))
            }
            (Val::Class(class), false) => self.instantiate_with(class, values.clone(), options.clone()),
            (_, true) => self.call(&callee, values.clone()),
            (_, false) => return Err("keyword arguments are not modelled (except print's sep and end)".into()),
        };
        // A call of a built-in that raised lets go of its inputs as one that returned does,
        // then the exception unwinds the stack (an instantiation lets go of its own).
        let outcome = match outcome {
            Ok(result) => Ok(result),
            Err(stop @ (Stop::Raised(_) | Stop::Throw(..))) if !matches!(callee, Val::Class(_)) => {
                match self.thrown(stop) {
                    raised @ Stop::Raised(_) => Err(raised),
                    stop => return Err(stop),
                }
            }
            Err(stop) => return Err(stop),
        };
        // The call's arguments and the callable go once it returns, the result stays: the
        // arguments first to last, or from 3.14 last to first (its CALL instructions let go of
        // their inputs from the top of the stack down). A method of a built-in container is
        // called with its instance as the first argument: before 3.14 the instance goes first,
        // from 3.14 after the arguments.
        let mut arguments: Vec<&Val> = values.iter().chain(options.iter().map(|(_, v)| v)).collect();
        let instance_first = self.minor < 14 && matches!(callee, Val::Bound(..));
        if self.minor >= 14 {
            arguments.reverse();
        }
        if instance_first {
            self.drop_temporary(&callee)?;
        }
        for value in arguments {
            self.drop_temporary(value)?;
        }
        if !instance_first {
            self.drop_temporary(&callee)?;
        }
        outcome
    }

    fn print(&mut self, args: &[Val], options: &[(String, Val)]) -> Outcome<Val> {
        let (mut sep, mut end) = (" ".to_owned(), "\n".to_owned());
        for (name, value) in options {
            let text = match value {
                Val::Str(s) => s.clone(),
                Val::None if name != "flush" => continue,
                _ if name == "flush" => continue,
                _ => return Err(not_modelled!("print's {name}= set to {} is not modelled", self.kind_name(value))),
            };
            match name.as_str() {
                "sep" => sep = text,
                "end" => end = text,
                "flush" => {}
                _ => return Err(not_modelled!("print's {name}= is not modelled")),
            }
        }
        let shown = args.iter().map(|arg| self.str_of(arg)).collect::<Outcome<Vec<_>>>()?;
        let text = shown.join(&sep) + &end;
        if self.stdout.len() + text.len() > MAX_STR_BYTES * 4 {
            return Err("printing more than 4 MiB is not modelled".into());
        }
        self.printed.push_str(&text);
        self.stdout.push_str(&text);
        let result = Val::None;
        self.hold(&result);
        Ok(result)
    }

    fn attribute(&mut self, base: &Val, attr: &str) -> Outcome<Val> {
        addresses::unread(base, &format!("`.{attr}` of"))?;
        let value = match base {
            Val::Obj(obj) if self.world.objs[*obj].items.is_some() => {
                let class = self.world.objs[*obj].class.clone();
                match (class.as_str(), attr) {
                    ("list", "append" | "pop" | "clear" | "remove" | "insert" | "extend") => {
                        Val::Bound(*obj, format!("list.{attr}"))
                    }
                    ("dict", "get" | "pop" | "clear" | "keys" | "values" | "items") | ("set", "add" | "discard" | "remove" | "pop" | "clear" | "copy") => {
                        Val::Bound(*obj, format!("{class}.{attr}"))
                    }
                    _ => return Err(not_modelled!("`{class}.{attr}` is not modelled")),
                }
            }
            weak if self.weak_dict(weak).is_some() => {
                let (weak_dict, _) = self.weak_dict(weak).unwrap_or_default();
                let class = self.world.objs[weak_dict].class.clone();
                match attr {
                    "get" => Val::Bound(weak_dict, format!("{class}.get")),
                    _ if weak_dict_generators::WEAK_DICT_GENERATORS.contains(&attr) => {
                        Val::Bound(weak_dict, format!("{class}.{attr}"))
                    }
                    _ => return Err(not_modelled!("`{class}.{attr}` is not modelled")),
                }
            }
            Val::Obj(obj) if self.generator_of(base).is_some() => return self.generator_attribute(*obj, attr),
            Val::Obj(_) if self.decorated_member(base, attr).is_some() => {
                return Err(not_modelled!(
                    "`.{attr}` of a `{}` not called at once (a bound method of the function its decorator made) is not modelled",
                    self.world.objs[referents(base).unwrap_or_default()].class
                ));
            }
            function @ Val::Obj(_) if attr == "__name__" && self.function_name(function).is_some() => {
                Val::Str(self.function_name(function).unwrap_or_default())
            }
            Val::Obj(obj) => {
                let class = &self.world.objs[*obj].class;
                if self.defines(class, &["__getattribute__"]) {
                    return Err(not_modelled!("`.{attr}` of a `{class}`, whose class defines __getattribute__, is not modelled"));
                }
                if attr == "__qualname__" && self.renamed_by_wraps(Some(base)) {
                    return Err("the `__qualname__` functools.wraps gave is not modelled".into());
                }
                if let Some((_, val)) = self.world.objs[*obj].attrs.iter().find(|(n, _)| n == attr) {
                    let val = val.clone();
                    self.hold(&val);
                    return Ok(val);
                }
                if self.world.objs[*obj].exception.is_some() {
                    if attr == "args" {
                        return self.args_tuple(*obj);
                    }
                    if let Some((held, name)) = &self.world.objs[*obj].exception.as_ref().and_then(|e| e.missing.clone()) {
                        let value = match attr {
                            "obj" => Some(held.clone()),
                            "name" => Some(Val::Str(name.clone())),
                            _ => None,
                        };
                        if let Some(value) = value {
                            self.hold(&value);
                            return Ok(value);
                        }
                    }
                    if matches!(attr, "__cause__" | "__context__") {
                        let state = self.world.objs[*obj].exception.as_ref();
                        let linked = state.and_then(|e| if attr == "__cause__" { e.cause.clone() } else { e.context.clone() });
                        let value = linked.unwrap_or(Val::None);
                        self.hold(&value);
                        return Ok(value);
                    }
                    if attr == "code" && self.is_system_exit(*obj)? {
                        let code = system_exit::code(&self.exception_args(*obj))?;
                        self.hold(&code);
                        return Ok(code);
                    }
                    if attr == "with_traceback" {
                        let method = Val::Bound(*obj, frames::WITH_TRACEBACK.to_owned());
                        self.hold(&method);
                        return Ok(method);
                    }
                    return Err(not_modelled!("`.{attr}` of an exception is not modelled"));
                }
                if let Some(default) = self.class_default(*obj, attr)? {
                    self.hold(&default);
                    return Ok(default);
                }
                return self.instance_class_attribute(*obj, attr);
            }
            Val::Str(text) => match attr {
                "upper" | "lower" | "strip" | "lstrip" | "rstrip" | "startswith" | "endswith" | "join" | "split"
                | "replace" | "format"
                    if text.is_ascii() =>
                {
                    Val::StrMethod(text.clone(), attr_name(attr))
                }
                _ => return Err(not_modelled!("`str.{attr}` is not modelled (on non-ASCII text neither)")),
            },
            Val::Fin(_) if self.tearing_down => {
                return Err(not_modelled!(
                    "finalize.{attr} during the interpreter's last collection (the registry still holds it, its weak reference is cleared) is not modelled"
                ))
            }
            Val::Fin(fin) => match attr {
                "alive" => Val::Bool(self.world.fins[*fin].alive),
                "atexit" => Val::Bool(self.world.fins[*fin].atexit),
                "detach" => Val::FinMethod(*fin, "detach"),
                "peek" => Val::FinMethod(*fin, "peek"),
                _ => return Err(not_modelled!("finalize.{attr} is not modelled")),
            },
            type_object if self.type_attribute(type_object, attr).is_some() => {
                self.type_attribute(type_object, attr).unwrap_or(Val::None)
            }
            Val::Class(class) if self.module.class(class).is_some() => return self.class_attribute(class, attr),
            _ => return Err(not_modelled!("`.{attr}` on this value is not modelled")),
        };
        self.hold(&value);
        Ok(value)
    }

    /// Calls `func` with keyword arguments too (a finalizer's); the result comes back held as
    /// a temporary.
    fn call_keywords(&mut self, func: &Val, args: Vec<Val>, keywords: Vec<(String, Val)>) -> Outcome<Val> {
        if keywords.is_empty() {
            return self.call(func, args);
        }
        match func {
            Val::Print => self.print(&args, &keywords),
            Val::Func(name) => self.run_body_with(name, args, keywords),
            Val::Bound(obj, qualname) if self.body(qualname).is_some() => {
                let mut all = vec![Val::Obj(*obj)];
                all.extend(args);
                self.run_body_with(qualname, all, keywords)
            }
            function if self.closure_of(function).is_some() => self.call_closure(function, args, keywords),
            Val::Class(name) => self.instantiate_with(name, args, keywords),
            other => Err(not_modelled!("keyword arguments to {} are not modelled", self.describe(other))),
        }
    }

    /// Calls `func`; the result comes back held as a temporary.
    fn call(&mut self, func: &Val, args: Vec<Val>) -> Outcome<Val> {
        match func {
            Val::Print => self.print(&args, &[]),
            Val::Builtin(name) => {
                let result = self.builtin(name, &args)?;
                self.hold(&result);
                Ok(result)
            }
            Val::Fin(fin) => {
                if !args.is_empty() {
                    return Err("calling a finalizer with arguments is not modelled".into());
                }
                self.fire(*fin, "called")
            }
            Val::FinMethod(fin, method) => {
                if !args.is_empty() {
                    return Err(not_modelled!("finalize.{method} with arguments is not modelled"));
                }
                self.detach_or_peek(*fin, method)
            }
            Val::Bound(obj, qualname) if qualname.starts_with("generator.") => {
                let g = self.generator_of(&Val::Obj(*obj)).ok_or("a generator's method without its generator")?;
                self.generator_method(g, qualname, args)
            }
            helper if self.is_helper(helper) => self.call_helper(helper, args),
            Val::Bound(obj, qualname) if qualname == frames::WITH_TRACEBACK => self.with_traceback(*obj, &args),
            Val::Bound(obj, qualname) if qualname.starts_with("list.") => self.list_method(*obj, qualname, args),
            Val::Bound(obj, qualname) if qualname.starts_with("Weak") => self.weak_dict_method(*obj, qualname, args),
            Val::Bound(obj, qualname) if is_container_method(qualname) => self.container_method(*obj, qualname, args),
            Val::StrMethod(text, method) => {
                if *method != "join" {
                    args.iter().try_for_each(|arg| addresses::unread(arg, &format!("`str.{method}` with")))?;
                }
                let result = match self.text_method(text, method, &args)? {
                    Some(result) => result,
                    None => str_method(text, method, &args)?,
                };
                self.hold(&result);
                Ok(result)
            }
            Val::Bound(obj, qualname) => {
                let mut all = vec![Val::Obj(*obj)];
                all.extend(args);
                self.run_body(qualname, all)
            }
            Val::ClassBound(class, qualname) => {
                let mut all = vec![Val::Class(class.clone())];
                all.extend(args);
                self.run_body(qualname, all)
            }
            Val::Func(name) => self.run_body(name, args),
            function if self.closure_of(function).is_some() => self.call_closure(function, args, Vec::new()),
            Val::Class(name) => self.instantiate(name, args),
            Val::Obj(reference) if self.world.objs[*reference].weak.is_some() => {
                if !args.is_empty() {
                    return Err("calling a weakref.ref with arguments (TypeError) is not modelled".into());
                }
                let target = match &self.world.objs[*reference].weak {
                    Some(WeakRef { cleared: false, target, method: Some(method), .. }) => {
                        // A WeakMethod makes a new bound method of its object.
                        let bound = Val::Bound(*target, method.clone());
                        self.no_waiting_garbage()?;
                        bound
                    }
                    Some(WeakRef { cleared: false, target, .. }) => Val::Obj(*target),
                    _ => Val::None,
                };
                self.hold(&target);
                Ok(target)
            }
            _ => Err("calling this value is not modelled".into()),
        }
    }

    /// Calls a function object (a closure); kept out of [`Run::call_expression`], whose stack
    /// frame every nested call repeats.
    #[inline(never)]
    fn call_closure(&mut self, function: &Val, args: Vec<Val>, keywords: Vec<(String, Val)>) -> Outcome<Val> {
        let Some((qualname, cells)) = self.closure_of(function) else {
            return Err("calling this value is not modelled".into());
        };
        // The frame holds the function, and lets go of it after its locals.
        self.hold(function);
        let result = self.run_function(&qualname, args, keywords, cells, Some(function))?;
        self.drop_temporary(function)?;
        Ok(result)
    }

    /// `finalize.detach()` or `peek()`: `(obj, func, args, kwargs)` while the finalizer is
    /// alive, else None. Detaching kills the finalizer without calling it; the tuple takes over
    /// its references to the callback and arguments.
    fn detach_or_peek(&mut self, fin: usize, method: &str) -> Outcome<Val> {
        if !self.world.fins[fin].alive {
            let result = Val::None;
            self.hold(&result);
            return Ok(result);
        }
        let Fin { owner, func, args, kwargs, .. } = &self.world.fins[fin];
        let (owner, func, args, kwargs) = (*owner, func.clone(), args.clone(), kwargs.clone());
        let arguments = self.new_container("tuple", args)?;
        // Without keyword arguments, `info.kwargs or {}`: a new dict each time.
        let kwargs = kwargs.unwrap_or(Val::Opaque("the keyword arguments' dict that detach() and peek() return"));
        let result = Val::Obj(self.new_container("tuple", vec![Val::Obj(owner), func, Val::Obj(arguments), kwargs])?);
        let label = self.world.objs[owner].label.clone();
        if method == "detach" {
            self.world.fins[fin].alive = false;
            self.events.push(format!("the finalizer of {label} is detached: its callback will never run"));
        }
        self.hold(&result);
        Ok(result)
    }

    fn builtin(&mut self, name: &str, args: &[Val]) -> Outcome<Val> {
        let int = |v: &Val| match v {
            Val::Int(i) => Some(*i),
            Val::Bool(b) => Some(i64::from(*b)),
            _ => None,
        };
        Ok(match (name, args) {
            ("len", [value @ Val::Str(s)]) => {
                addresses::unread(value, "the length of")?;
                Val::Int(s.chars().count() as i64)
            }
            ("len", [Val::Obj(obj)]) if self.world.objs[*obj].items.is_some() => {
                let len = self.world.objs[*obj].items.as_ref().map_or(0, Vec::len) as i64;
                Val::Int(if self.world.objs[*obj].class == "dict" { len / 2 } else { len })
            }
            ("len", [Val::View(dict, _)]) => Val::Int(self.entries(*dict).len() as i64),
            ("len", [weak]) if self.weak_dict(weak).is_some() => {
                let (_, data) = self.weak_dict(weak).unwrap_or_default();
                Val::Int(self.weak_dict_len(data) as i64)
            }
            ("list", []) => Val::Obj(self.new_container("list", Vec::new())?),
            ("list", [iterable]) => self.list_of(iterable)?,
            ("tuple", []) => Val::Obj(self.new_container("tuple", Vec::new())?),
            ("tuple", [tuple]) if self.container(tuple, "tuple").is_some() => tuple.clone(),
            ("tuple", [iterable]) => self.sequence_of("tuple", iterable)?,
            ("next", [iterable, default @ ..]) if default.len() < 2 && self.generator_of(iterable).is_some() => {
                let g = self.generator_of(iterable).unwrap_or_default();
                let value = self.next_of(g, default.first())?;
                self.unhold(&value);
                value
            }
            ("iter", [generator]) if self.generator_of(generator).is_some() => generator.clone(),
            ("iter", [sequence]) if ["list", "tuple"].iter().any(|class| self.container(sequence, class).is_some()) => {
                self.new_sequence_iterator(sequence)?.unwrap_or(Val::None)
            }
            ("enumerate", args) => self.new_pairing("enumerate", args)?,
            ("zip", args) => self.new_pairing("zip", args)?,
            ("int", []) => Val::Int(0),
            ("int", [value]) if int(value).is_some() => Val::Int(int(value).unwrap_or_default()),
            ("int", [value @ Val::Str(text)]) => {
                addresses::unread(value, "`int()` of")?;
                int_of_str(text)?
            }
            ("sorted", args) => {
                let result = self.sorted(args, &[])?;
                self.unhold(&result);
                result
            }
            ("min" | "max" | "sum" | "any" | "all" | "abs" | "divmod", args) => {
                let result = match name {
                    "min" => self.min_max("min", args, &[])?,
                    "max" => self.min_max("max", args, &[])?,
                    "sum" => self.sum(args, &[])?,
                    "any" | "all" if args.len() == 1 => self.any_all(name, &args[0])?,
                    "abs" | "divmod" => self.arithmetic(name, args)?,
                    _ => return Err(not_modelled!("`{name}` with these arguments is not modelled")),
                };
                self.unhold(&result);
                result
            }
            ("reversed", [sequence]) => {
                let result = self.reversed(sequence)?;
                self.unhold(&result);
                result
            }
            ("isinstance", [value, classes]) => Val::Bool(self.is_instance(value, classes)?),
            ("type", [value]) => self.type_of(value)?,
            ("getattr" | "hasattr" | "setattr", args) => self.attribute_builtin(name, args)?,
            ("str", [value]) => Val::Str(self.str_of(value)?),
            ("str", []) => Val::Str(String::new()),
            ("repr", [value]) => Val::Str(self.repr_of(value)?),
            ("bool", [value]) => Val::Bool(self.truth(value)?),
            ("dict", []) => Val::Obj(self.new_container("dict", Vec::new())?),
            ("set", []) => Val::Obj(self.new_container("set", Vec::new())?),
            ("set", [iterable]) => self.set_of(iterable)?,
            ("range", args) if (1..=3).contains(&args.len()) && args.iter().all(|a| int(a).is_some()) => {
                let values: Vec<i64> = args.iter().filter_map(int).collect();
                match values.as_slice() {
                    [stop] => Val::Range(0, *stop, 1),
                    [start, stop] => Val::Range(*start, *stop, 1),
                    [_, _, 0] => return Err("a range() with a step of zero (a ValueError) is not modelled".into()),
                    [start, stop, step] => Val::Range(*start, *stop, *step),
                    _ => unreachable!("one to three arguments"),
                }
            }
            _ => return Err(not_modelled!("`{name}` with these arguments is not modelled")),
        })
    }

    /// `sorted(iterable, key=..., reverse=...)`: a new list filled as `list(iterable)` is, then
    /// sorted (stably) by its ints or its strings, or by the keys that `len`, `str`, `repr` or
    /// `int` gives each item, first to last. The result comes back held as a temporary.
    fn sorted(&mut self, args: &[Val], options: &[(String, Val)]) -> Outcome<Val> {
        let [iterable] = args else {
            return Err("sorted() with other than one positional argument is not modelled".into());
        };
        let (mut key, mut reverse) = (None, false);
        for (name, value) in options {
            match (name.as_str(), value) {
                ("key", Val::None) => key = None,
                ("key", Val::Builtin(builtin @ ("len" | "str" | "repr" | "int"))) => key = Some(*builtin),
                ("reverse", Val::Bool(flag)) => reverse = *flag,
                ("reverse", Val::Int(flag)) => reverse = *flag != 0,
                _ => return Err(not_modelled!("sorted()'s {name}= set to {} is not modelled", self.kind_name(value))),
            }
        }
        let result = self.list_of(iterable)?;
        self.hold(&result);
        let Val::Obj(list) = result else { unreachable!("list() makes a list") };
        let items = self.world.objs[list].items.clone().unwrap_or_default();
        let mut keys = Vec::new();
        for item in &items {
            keys.push(match key {
                Some(builtin) => {
                    let computed = self.builtin(builtin, std::slice::from_ref(item))?;
                    if referents(&computed).is_some() {
                        return Err(not_modelled!("sorting by `{builtin}` keys that are objects is not modelled"));
                    }
                    computed
                }
                None => item.clone(),
            });
        }
        let numbers: Option<Vec<i64>> =
            keys.iter().map(|k| if matches!(k, Val::Float(_)) { None } else { number(k) }).collect();
        if keys.len() > 1 {
            keys.iter().try_for_each(|k| addresses::unread(k, "sorting"))?;
        }
        let texts: Option<Vec<String>> =
            keys.iter().map(|k| if let Val::Str(s) = k { Some(s.clone()) } else { None }).collect();
        if numbers.is_none() && texts.is_none() {
            if let Some(order) = self.mixed_sort(&keys, reverse)? {
                self.world.objs[list].items = Some(order.iter().map(|i| items[*i].clone()).collect());
                return Ok(result);
            }
            // A reverse sort reverses the keys before it compares any.
            let compared: Vec<Val> = if reverse { keys.iter().rev().cloned().collect() } else { keys.clone() };
            unorderable::unorderable_keys(&compared, self.minor)?;
        }
        let less = match (&numbers, &texts) {
            (None, None) => Some(self.less_than_table(&keys)?),
            _ => None,
        };
        let compare = |a: usize, b: usize| match (&numbers, &texts, &less) {
            (Some(numbers), ..) => numbers[a].cmp(&numbers[b]),
            (None, Some(texts), _) => texts[a].cmp(&texts[b]),
            (None, None, Some(less)) if less[a][b] => std::cmp::Ordering::Less,
            (None, None, Some(less)) if less[b][a] => std::cmp::Ordering::Greater,
            _ => std::cmp::Ordering::Equal,
        };
        let mut order: Vec<usize> = (0..items.len()).collect();
        order.sort_by(|a, b| compare(*a, *b));
        if reverse {
            // CPython reverses, sorts stably, and reverses back: equal items keep their order.
            let mut runs: Vec<Vec<usize>> = Vec::new();
            for index in order {
                match runs.last_mut() {
                    Some(run) if compare(run[0], index).is_eq() => run.push(index),
                    _ => runs.push(vec![index]),
                }
            }
            order = runs.into_iter().rev().flatten().collect();
        }
        self.world.objs[list].items = Some(order.iter().map(|i| items[*i].clone()).collect());
        Ok(result)
    }

    /// `isinstance(value, classes)` for the module's classes, the built-in exceptions, `int`,
    /// `bool`, `str`, `list`, `tuple`, `dict` and `set`, or a tuple of those.
    /// Whether each of `keys` is less than each other, by their class's `__lt__`, for sorting
    /// instances of one module class. CPython's sort calls `__lt__` in an order and a number of
    /// times that differ between versions, which the model does not follow: it calls it for
    /// every pair instead, and follows the sort only when that shows nowhere (a `__lt__` that is
    /// one `return` of an expression calling nothing, that prints nothing and leaves no object
    /// behind) and the answers are a strict weak order, which every stable sort puts in one
    /// order.
    #[inline(never)]
    fn less_than_table(&mut self, keys: &[Val]) -> Outcome<Vec<Vec<bool>>> {
        const MAX_SORTED_OBJECTS: usize = 16;
        if keys.len() < 2 {
            // Nothing to compare: the sort calls nothing.
            return Ok(vec![vec![false; keys.len()]; keys.len()]);
        }
        let refused = || Stop::from("sorting other than all ints or all strings (by their keys) is not modelled");
        let class = match keys.first() {
            Some(Val::Obj(first)) if self.world.objs[*first].items.is_none() => self.world.objs[*first].class.clone(),
            _ => return Err(refused()),
        };
        if keys.iter().any(|k| !matches!(k, Val::Obj(o) if self.world.objs[*o].class == class)) {
            return Err(refused());
        }
        if let Some(less) = self.dataclass_less_table(&class, keys)? {
            return Ok(less);
        }
        let Some(qualname) = self.method_of(&class, "__lt__") else { return Err(refused()) };
        if keys.len() > MAX_SORTED_OBJECTS {
            return Err(not_modelled!("sorting more than {MAX_SORTED_OBJECTS} objects by `__lt__` is not modelled"));
        }
        let simple = self.body(&qualname).is_some_and(|body| match body.statements.as_slice() {
            [Statement { kind: StatementKind::Return { value: Some(value) }, .. }] => !calls_anything(value),
            _ => false,
        });
        if !simple {
            return Err(not_modelled!(
                "sorting by `{qualname}`, which is not one `return` calling nothing, is not modelled"
            ));
        }
        let mut less = vec![vec![false; keys.len()]; keys.len()];
        for (a, left) in keys.iter().enumerate() {
            for (b, right) in keys.iter().enumerate().filter(|(b, _)| *b != a) {
                let (printed, made, calls) = (self.stdout.len(), self.world.objs.len(), self.calls_made);
                let result =
                    Self::without_exception(self.run_body(&qualname, vec![left.clone(), right.clone()]), "`__lt__`")?;
                self.drop_temporary(&result)?;
                let leaves = self.world.objs[made..].iter().any(|o| !o.freed);
                if self.stdout.len() != printed || leaves || self.calls_made != calls + 1 {
                    return Err(not_modelled!(
                        "sorting by `{qualname}`, which shows how often it is called, is not modelled"
                    ));
                }
                less[a][b] = match result {
                    Val::Bool(answer) => answer,
                    _ => {
                        return Err(not_modelled!(
                            "sorting by `{qualname}` returning other than a bool is not modelled"
                        ))
                    }
                };
            }
        }
        let n = keys.len();
        let equivalent = |a: usize, b: usize| !less[a][b] && !less[b][a];
        for a in 0..n {
            for b in 0..n {
                if a != b && less[a][b] && less[b][a] {
                    return Err(not_modelled!(
                        "sorting by `{qualname}`, which is not a strict weak order, is not modelled"
                    ));
                }
                for c in 0..n {
                    let distinct = a != b && b != c && a != c;
                    if distinct
                        && ((less[a][b] && less[b][c] && !less[a][c])
                            || (equivalent(a, b) && equivalent(b, c) && !equivalent(a, c)))
                    {
                        return Err(not_modelled!(
                            "sorting by `{qualname}`, which is not a strict weak order, is not modelled"
                        ));
                    }
                }
            }
        }
        Ok(less)
    }

    fn is_instance(&self, value: &Val, classes: &Val) -> Outcome<bool> {
        match classes {
            Val::Obj(tuple) if self.world.objs[*tuple].class == "tuple" && self.world.objs[*tuple].items.is_some() => {
                for class in self.world.objs[*tuple].items.as_deref().unwrap_or_default() {
                    if self.is_instance(value, class)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Val::Builtin(name @ ("int" | "bool" | "str" | "list" | "tuple" | "dict" | "set")) => Ok(match value {
                Val::Bool(_) => matches!(*name, "bool" | "int"),
                Val::Int(_) => *name == "int",
                Val::Str(_) => *name == "str",
                Val::Opaque(what) => return Err(not_modelled!("isinstance() of {what} is not modelled")),
                Val::Obj(obj) if self.world.objs[*obj].items.is_some() => self.world.objs[*obj].class == *name,
                Val::Obj(obj) if self.module.class(&self.world.objs[*obj].class).is_some() => {
                    let class = self.world.objs[*obj].class.clone();
                    self.ancestry(&class, None)?
                }
                _ => false,
            }),
            Val::Class(target) if self.exception_class(target)? => match value {
                Val::Obj(obj) if self.world.objs[*obj].exception.is_some() => self.catches(*obj, classes),
                Val::Obj(obj) if self.module.class(&self.world.objs[*obj].class).is_some() => {
                    let class = self.world.objs[*obj].class.clone();
                    self.ancestry(&class, Some(target))
                }
                Val::Opaque(what) => Err(not_modelled!("isinstance() of {what} is not modelled")),
                _ => Ok(false),
            },
            Val::Class(target) if self.module.class(target).is_some() => {
                if self.module.class(target).is_some_and(|c| c.metaclass.is_some()) {
                    return Err(not_modelled!("isinstance() with `{target}`, which has a metaclass, is not modelled"));
                }
                match value {
                    // An exception's classes, one base each, are all exception classes.
                    Val::Obj(obj) if self.world.objs[*obj].exception.is_some() => Ok(false),
                    Val::Obj(obj) if self.module.class(&self.world.objs[*obj].class).is_some() => {
                        let class = self.world.objs[*obj].class.clone();
                        self.ancestry(&class, Some(target))
                    }
                    Val::Opaque(what) => Err(not_modelled!("isinstance() of {what} is not modelled")),
                    _ => Ok(false),
                }
            }
            _ => Err(not_modelled!("isinstance() with {} as its classes is not modelled", self.kind_name(classes))),
        }
    }

    /// Whether the module's `class` has `target` among its ancestors (False for None); declined
    /// where an ancestor the model does not know could decide it.
    fn ancestry(&self, class: &str, target: Option<&str>) -> Outcome<bool> {
        let Some(model) = self.module.class(class) else { return Ok(false) };
        let mro = self.module.mro(model);
        if target.is_some_and(|t| mro.iter().any(|c| c.name == t)) {
            return Ok(true);
        }
        let unknown =
            mro.iter().flat_map(|c| c.base_names()).find(|b| *b != "object" && self.module.class(b).is_none());
        match unknown {
            Some(base) => {
                Err(not_modelled!("isinstance() of a `{class}`, which derives from `{base}`, is not modelled"))
            }
            None => Ok(false),
        }
    }

    fn list_method(&mut self, obj: usize, qualname: &str, args: Vec<Val>) -> Outcome<Val> {
        let result = match (qualname, args.as_slice()) {
            ("list.append", [value]) => {
                let items = self.world.objs[obj].items.get_or_insert_with(Vec::new);
                if items.len() >= MAX_ITEMS {
                    return Err(not_modelled!("lists longer than {MAX_ITEMS} items are not modelled"));
                }
                items.push(value.clone());
                Val::None
            }
            ("list.pop", []) => {
                let popped = self.world.objs[obj].items.as_mut().and_then(Vec::pop);
                // The list's reference becomes the caller's.
                let value = popped.ok_or_else(|| throw("IndexError", "pop from empty list"))?;
                self.hold(&value);
                return Ok(value);
            }
            ("list.pop", [index]) => {
                let position = self.list_position(obj, index, "list.pop", "pop index out of range")?;
                let value =
                    self.world.objs[obj].items.as_mut().map(|items| items.remove(position)).unwrap_or(Val::None);
                self.hold(&value);
                return Ok(value);
            }
            ("list.clear", []) => {
                let items = std::mem::take(self.world.objs[obj].items.get_or_insert_with(Vec::new));
                items.iter().rev().try_for_each(|v| self.released(v))?;
                Val::None
            }
            ("list.remove", [value]) => {
                // The first item `==` to it (the same object is equal without `__eq__`); the
                // list lets go of it once it is out.
                let items = self.world.objs[obj].items.clone().unwrap_or_default();
                let mut found = None;
                for (position, item) in items.iter().enumerate() {
                    if self.equal(item, value, 0)? {
                        found = Some(position);
                        break;
                    }
                }
                let position = found.ok_or_else(|| throw("ValueError", "list.remove(x): x not in list"))?;
                let removed = self.world.objs[obj].items.as_mut().map(|items| items.remove(position));
                removed.iter().try_for_each(|v| self.released(v))?;
                Val::None
            }
            ("list.insert", [index, value]) => {
                let len = self.world.objs[obj].items.as_ref().map_or(0, Vec::len);
                if len >= MAX_ITEMS {
                    return Err(not_modelled!("lists longer than {MAX_ITEMS} items are not modelled"));
                }
                let Some(index) = number(index) else {
                    return Err(not_modelled!("`list.insert` with that index is not modelled"));
                };
                // CPython clamps the index to the list, counting a negative one from the end.
                let position = if index < 0 { (index + len as i64).max(0) } else { index.min(len as i64) };
                let items = self.world.objs[obj].items.get_or_insert_with(Vec::new);
                items.insert(position as usize, value.clone());
                Val::None
            }
            ("list.extend", [iterable]) => {
                let added = match iterable {
                    Val::Obj(other) if matches!(self.world.objs[*other].class.as_str(), "list" | "tuple") => {
                        self.world.objs[*other].items.clone().unwrap_or_default()
                    }
                    other => return Err(not_modelled!("`list.extend` of {} is not modelled", self.kind_name(other))),
                };
                let items = self.world.objs[obj].items.get_or_insert_with(Vec::new);
                if items.len() + added.len() > MAX_ITEMS {
                    return Err(not_modelled!("lists longer than {MAX_ITEMS} items are not modelled"));
                }
                items.extend(added);
                Val::None
            }
            _ => return Err(not_modelled!("`{qualname}` with these arguments is not modelled")),
        };
        self.hold(&result);
        Ok(result)
    }

    #[inline(always)]
    fn instantiate(&mut self, class: &str, args: Vec<Val>) -> Outcome<Val> {
        self.instantiate_with(class, args, Vec::new())
    }

    /// [`Run::instantiate`] with keyword arguments to `__init__` too.
    fn instantiate_with(&mut self, class: &str, args: Vec<Val>, keywords: Vec<(String, Val)>) -> Outcome<Val> {
        if self.exception_class(class)? {
            if !keywords.is_empty() {
                return Err(not_modelled!("keyword arguments to the exception `{class}` are not modelled"));
            }
            let exception = self.new_exception(class, args)?;
            self.hold(&Val::Obj(exception));
            return Ok(Val::Obj(exception));
        }
        let model = self.module.class(class).ok_or_else(|| format!("the class `{class}` is not modelled"))?;
        if self.defines(class, &["__slots__"]) {
            // Its slots decide which attributes it may hold and whether it has a `__dict__` and
            // weak references, which the model's instances always have.
            return Err(not_modelled!(
                "an instance of `{class}`, whose class or a base has `__slots__`, is not modelled"
            ));
        }
        let members = self.module.members_of(model);
        // The label shows each argument's repr, or an object's own label (its repr has an address).
        let shown = args
            .iter()
            .map(|a| match (self.repr_pure(a), referents(a)) {
                (Ok(repr), _) => Ok(repr),
                (Err(_), Some(obj)) => Ok(self.world.objs[obj].label.clone()),
                (Err(error), None) => Err(error),
            })
            .collect::<Outcome<Vec<_>>>()?
            .join(", ");
        let mut label = format!("{class}({shown})");
        let numbered = format!("{label} #");
        let twins = self.world.objs.iter().filter(|o| o.label == label || o.label.starts_with(&numbered)).count();
        if twins > 0 {
            label = format!("{label} #{}", twins + 1);
        }
        let obj = self.new_object(Obj::new(class, label, Vec::new()))?;
        // The new object lives on the caller's stack until it is bound or dropped.
        self.hold(&Val::Obj(obj));
        let init = members.iter().find(|m| m.member.name == "__init__").map(|m| format!("{}.__init__", m.owner.name));
        match init {
            Some(init) => {
                self.refuse_init_binding(class, &Val::Obj(obj), &init, &args, &keywords)?;
                self.no_none_for_factory(class, &args, &keywords)?;
                let args_held: Vec<Val> = args.iter().chain(keywords.iter().map(|(_, v)| v)).cloned().collect();
                let mut all = vec![Val::Obj(obj)];
                all.extend(args);
                // An exception out of `__init__` goes on to the caller; its traceback keeps
                // `__init__`'s frame, and with it the half-built instance and the arguments.
                let result = self.run_body_with(&init, all, keywords);
                if self.minor >= 13 && matches!(result, Err(Stop::Raised(_))) {
                    self.no_dying_argument(class, &args_held)?;
                }
                let result = result?;
                if result != Val::None {
                    return Err("an `__init__` that returns a value (a TypeError) is not modelled".into());
                }
                self.drop_temporary(&result)?;
                if self.minor >= 13 {
                    self.no_dying_argument(class, &args_held)?;
                }
            }
            None if !args.is_empty() || !keywords.is_empty() => {
                return Err(self.takes_no_arguments(class, &Val::Obj(obj), &args, &keywords))
            }
            None => {}
        }
        Ok(Val::Obj(obj))
    }

    /// From 3.13 a warmed-up call of a class hands its arguments to `__init__`'s frame, which
    /// lets go of them in its own order: an argument only the call holds would die at a moment
    /// that depends on how often the call ran.
    fn no_dying_argument(&self, class: &str, args: &[Val]) -> Outcome<()> {
        if args.iter().all(|a| referents(a).is_none()) {
            return Ok(());
        }
        let holders = self.world.all_holders();
        let top = self.world.frames.last();
        for arg in args {
            let Some(obj) = referents(arg) else { continue };
            let on_stack =
                top.map_or(0, |f| f.iter().filter(|(n, v)| n.is_empty() && referents(v) == Some(obj)).count());
            if holders[obj].len() <= on_stack {
                return Err(not_modelled!(
                    "an argument that only the call `{class}(...)` holds is not modelled on 3.{} (when it goes depends on the call's specialization)",
                    self.minor
                ));
            }
        }
        Ok(())
    }

    /// Runs a function or method body with `args` bound to its parameters; its value comes
    /// back held as a temporary of the caller.
    #[inline(always)]
    fn run_body(&mut self, qualname: &str, args: Vec<Val>) -> Outcome<Val> {
        self.run_body_with(qualname, args, Vec::new())
    }

    /// Pushes the frame of a call of `body`: its parameters `bound`, the closure's cells
    /// (`free`), and new cells for its cell variables (a parameter's holding its argument).
    /// Returns its locals in the order the frame numbers them: its parameters, its other locals
    /// where the code first binds them, its cell variables, then its free variables. Kept out
    /// of [`Run::run_function`], whose stack frame every nested call repeats.
    #[inline(never)]
    fn new_frame(
        &mut self,
        body: &FunctionBody,
        bound: Vec<(String, Val)>,
        free: Vec<(String, Val)>,
        declared: &[String],
    ) -> Outcome<Vec<String>> {
        let cells = self.cell_variables(&body.qualname)?;
        // The frame numbers its free variables alphabetically, whatever order the closure
        // holds them in.
        let mut free_names: Vec<String> = free.iter().map(|(name, _)| name.clone()).collect();
        free_names.sort();
        let params = parameters(body);
        let mut names = params.clone();
        let mut bound_names = Vec::new();
        assigned_names(&body.statements, &mut bound_names);
        for name in bound_names {
            if !declared.contains(&name)
                && !names.contains(&name)
                && !cells.contains(&name)
                && !free_names.contains(&name)
            {
                names.push(name);
            }
        }
        names.extend(cells.iter().filter(|c| !params.contains(c)).cloned());
        names.extend(free_names);
        self.world.frames.push(bound);
        let frame = self.world.frames.len() - 1;
        self.world.frames[frame].extend(free);
        for cell in names.iter().filter(|n| cells.contains(n)) {
            let argument = self.world.frames[frame].iter().position(|(n, _)| n == cell);
            let made = match self.new_cell(cell, argument.map(|i| self.world.frames[frame][i].1.clone())) {
                Ok(made) => made,
                Err(stop) => {
                    self.world.frames.pop();
                    return Err(stop);
                }
            };
            match argument {
                Some(i) => self.world.frames[frame][i].1 = made,
                None => self.world.frames[frame].push((cell.clone(), made)),
            }
        }
        Ok(names)
    }

    /// The arguments bound to the parameters of `body`, in their order: by position, then by
    /// keyword, then the defaults (from the defaults tuple of `function`, the nested function's
    /// object, or of the module function); then `*args`, a new tuple of the positional
    /// arguments left, and `**kwargs`, a new dict of the keyword arguments left (CPython makes
    /// the dict first).
    #[inline(never)]
    fn bind(
        &mut self,
        body: &FunctionBody,
        args: Vec<Val>,
        keywords: Vec<(String, Val)>,
        function: Option<&Val>,
    ) -> Outcome<Vec<(String, Val)>> {
        let qualname = public_qualname(&body.qualname);
        let defaults = match function {
            Some(function) => self.closure_defaults(function),
            None => self.world.defaults.iter().find(|(q, _)| *q == body.qualname).map(|(_, v)| v.clone()),
        };
        let defaults = defaults.as_ref();
        if args.len() > body.positional && body.varargs.is_none() {
            return Err(not_modelled!(
                "calling `{qualname}` with {} arguments (TypeError) is not modelled",
                args.len()
            ));
        }
        let mut bound: Vec<Option<Val>> = vec![None; body.params.len()];
        let mut args = args.into_iter();
        for (slot, arg) in bound.iter_mut().take(body.positional).zip(args.by_ref()) {
            *slot = Some(arg);
        }
        let extra: Vec<Val> = args.collect();
        let mut extra_keywords = Vec::new();
        for (name, value) in keywords {
            match body.params.iter().position(|p| *p == name) {
                Some(index) if bound[index].is_none() => bound[index] = Some(value),
                None if body.kwargs.is_some() => extra_keywords.push((name, value)),
                _ => {
                    return Err(not_modelled!(
                        "the keyword argument `{name}` to `{qualname}` (TypeError) is not modelled"
                    ))
                }
            }
        }
        let mut frame = Vec::new();
        for ((name, value), default) in body.params.iter().zip(bound).zip(&body.defaults) {
            let value = match (value, default) {
                (Some(value), _) => value,
                (None, Some(Expression::Literal { literal })) => literal_value(literal)?,
                (None, Some(_)) => self.default_value(body, name, defaults)?,
                (None, None) => {
                    return Err(not_modelled!("calling `{qualname}` without `{name}` (TypeError) is not modelled"))
                }
            };
            frame.push((name.clone(), value));
        }
        if body.varargs.is_none() && body.kwargs.is_none() {
            return Ok(frame);
        }
        // The arguments are the new frame's while its tuple and dict are made.
        let arguments: Vec<Val> =
            frame.iter().map(|(_, v)| v).chain(&extra).chain(extra_keywords.iter().map(|(_, v)| v)).cloned().collect();
        arguments.iter().for_each(|v| self.hold(v));
        let packed = self.pack_arguments(body, extra, extra_keywords);
        arguments.iter().for_each(|v| self.unhold(v));
        frame.extend(packed?);
        Ok(frame)
    }

    /// `*args` and `**kwargs` of a call of `body`: the dict is made first.
    fn pack_arguments(
        &mut self,
        body: &FunctionBody,
        extra: Vec<Val>,
        extra_keywords: Vec<(String, Val)>,
    ) -> Outcome<Vec<(String, Val)>> {
        let kwargs = match &body.kwargs {
            Some(name) => {
                let items = extra_keywords.into_iter().flat_map(|(key, value)| [Val::Str(key), value]).collect();
                Some((name.clone(), Val::Obj(self.new_container("dict", items)?)))
            }
            None => None,
        };
        let mut packed = Vec::new();
        if let Some(name) = &body.varargs {
            packed.push((name.clone(), Val::Obj(self.new_container("tuple", extra)?)));
        }
        packed.extend(kwargs);
        Ok(packed)
    }

    /// The defaults of `body` evaluated, as `def` does (in `frame`'s scope): a new tuple of its
    /// positional parameters' defaults, or None when they are all literals (the model reads
    /// those from the source). A keyword-only parameter's default that is not a literal (in a
    /// dict of its own) is declined.
    fn defaults(&mut self, body: &FunctionBody, frame: Frame) -> Outcome<Option<Val>> {
        let literal = |d: &Expression| matches!(d, Expression::Literal { .. });
        if body.defaults.iter().flatten().all(literal) {
            return Ok(None);
        }
        if body.defaults[body.positional..].iter().flatten().any(|d| !literal(d)) {
            return Err(not_modelled!(
                "a keyword-only default of `{}` that is not a literal is not modelled",
                body.qualname
            ));
        }
        let elements = body.defaults[..body.positional].iter().flatten().cloned().collect();
        let tuple = self.eval(&Expression::Tuple { elements }, frame)?;
        self.unhold(&tuple);
        Ok(Some(tuple))
    }

    /// The default of the parameter `name` of `body`, from its defaults tuple.
    fn default_value(&self, body: &FunctionBody, name: &str, defaults: Option<&Val>) -> Outcome<Val> {
        let position = body.params.iter().position(|p| p == name).unwrap_or_default();
        let index = body.defaults[..position].iter().filter(|d| d.is_some()).count();
        let items = defaults.and_then(referents).and_then(|t| self.world.objs[t].items.as_ref());
        match items.and_then(|items| items.get(index)) {
            Some(value) => Ok(value.clone()),
            None => {
                Err(not_modelled!("the default of `{name}` in `{}` is not modelled", public_qualname(&body.qualname)))
            }
        }
    }

    /// A module `def` of `name`, which the module defines more than once: from here on, calls
    /// run this body. A class defined more than once, a function with functions defined in it,
    /// or one the program still refers to (by the name, the model's functions are not objects)
    /// is declined.
    fn redefinition(&mut self, name: &str, statement: &Statement) -> Outcome<()> {
        let nested = format!("{name}.");
        if self.module.class(name).is_some() || self.bodies.iter().any(|b| b.qualname.starts_with(&nested)) {
            return Err(not_modelled!(
                "`{name}`, a class or a function with functions in it, defined more than once is not modelled"
            ));
        }
        if statement.text.starts_with('@') {
            return Err(not_modelled!("the decorated `{name}`, defined more than once, is not modelled"));
        }
        let occurrence = self.definitions.iter().filter(|(n, line)| n == name && *line < statement.line).count();
        if occurrence > 0 && self.refers_to_function(name) {
            return Err(not_modelled!(
                "`{name}` defined again while the program refers to the earlier one is not modelled"
            ));
        }
        self.current_bodies.retain(|(q, _)| q != name);
        self.current_bodies.push((name.to_owned(), occurrence));
        Ok(())
    }

    /// Whether anything holds the module function `name` as a value.
    fn refers_to_function(&self, name: &str) -> bool {
        let function = Val::Func(name.to_owned());
        let world = &self.world;
        world.globals.iter().chain(world.frames.iter().flatten()).any(|(_, v)| *v == function)
            || world.fins.iter().filter(|f| f.alive).any(|f| f.values().any(|v| *v == function))
            || world
                .atexit
                .iter()
                .any(|h| matches!(h, ExitHandler::Call(f, args) if *f == function || args.contains(&function)))
            || world.objs.iter().filter(|o| !o.freed).any(|o| {
                o.attrs.iter().any(|(_, v)| *v == function)
                    || o.items.iter().flatten().any(|v| *v == function)
                    || o.weak.as_ref().is_some_and(|w| w.callback.as_ref() == Some(&function))
                    || o.exception.iter().flat_map(|e| e.parts()).any(|(_, v)| *v == function)
            })
    }

    /// [`Run::run_body`] with keyword arguments too.
    #[inline(always)]
    fn run_body_with(&mut self, qualname: &str, args: Vec<Val>, keywords: Vec<(String, Val)>) -> Outcome<Val> {
        self.run_function(qualname, args, keywords, Vec::new(), None)
    }

    /// Runs a function's body in a new frame: its parameters bound, its cell variables in new
    /// cells (a parameter's holding its argument), and `free` (its closure's cells by variable).
    /// `function` is the function object a nested function's frame holds (`f_funcobj`), which a
    /// traceback keeps with the frame; a module function's is a global, and not followed.
    fn run_function(
        &mut self,
        qualname: &str,
        args: Vec<Val>,
        keywords: Vec<(String, Val)>,
        free: Vec<(String, Val)>,
        function: Option<&Val>,
    ) -> Outcome<Val> {
        let Some(body) = self.body(qualname) else { return self.call_without_body(qualname, args) };
        if self.locals.len() >= MAX_CALL_DEPTH {
            // CPython would go on to its recursion limit and raise RecursionError; following
            // it that far would take the model's own stack and time (the page's is small).
            return Err(not_modelled!(
                "calls nested more than {MAX_CALL_DEPTH} deep (as in `{}`) are not modelled",
                public_qualname(qualname)
            ));
        }
        self.refuse_call_binding(body, &args, &keywords, function)?;
        let declared = declared_globals(body)?;
        let bound = self.bind(body, args, keywords, function)?;
        let names = self.new_frame(body, bound, free, &declared)?;
        if generators::is_generator_function(body) {
            return self.new_generator(body, names, declared, function);
        }
        let frame = self.world.frames.len() - 1;
        self.locals.push((frame, names, parameters(body).len(), qualname.to_owned()));
        self.globals_declared.push((frame, declared));
        self.calls_made += 1;
        self.calls.push(self.calls_made);
        let result = self.block(&body.statements, Some(frame));
        let keeper = match &result {
            Err(Stop::Raised(exception)) => Some(self.frame_keeper(*exception)),
            _ => None,
        };
        self.calls.pop();
        let (_, names, ..) = self.locals.pop().unwrap_or_default();
        self.globals_declared.pop();
        let locals = self.world.frames.pop().unwrap_or_default();
        let minor = self.minor;
        let in_order = |mut locals: Vec<(String, Val)>| {
            // The order the compiler numbered them (parameters, then each name where the code
            // first binds it), in which a frame lets go of them.
            locals.sort_by_key(|(name, _)| names.iter().position(|n| n == name).unwrap_or(usize::MAX));
            if minor >= 14 {
                locals.reverse();
            }
            locals
        };
        let mut locals = locals;
        let mut owned_by_frame_object = false;
        if let Ok(_) | Err(Stop::Raised(_)) = result {
            owned_by_frame_object = self.frame_returned(&mut locals, &in_order, function, keeper)?;
        }
        let result = match result {
            Err(Stop::Raised(exception)) => {
                // The frame's stack goes; its locals stay with the traceback, which holds the
                // frame (or with the frame object that traceback holds).
                let (temporaries, locals): (Vec<_>, Vec<_>) =
                    locals.into_iter().partition(|(name, _)| name.is_empty() || name == "return");
                let mut locals = in_order(locals);
                if let Some(function) = function.filter(|_| !owned_by_frame_object) {
                    // A frame lets go of its function before its locals.
                    locals.insert(0, ("(its function)".to_owned(), function.clone()));
                }
                let keeper = keeper.unwrap_or(exception);
                if let Some(state) = self.world.objs[keeper].exception.as_mut().filter(|_| !owned_by_frame_object) {
                    state.frames.push((public_qualname(qualname).into_owned(), locals));
                }
                if keeper != exception {
                    if let Some(state) = self.world.objs[exception].exception.as_mut() {
                        state.frames_to = Some(keeper);
                    }
                }
                temporaries.iter().rev().try_for_each(|(_, v)| self.released(v))?;
                return Err(Stop::Raised(exception));
            }
            result => result,
        };
        let result = match result? {
            Flow::Return => locals.iter().rev().find(|(n, _)| n == "return").map_or(Val::None, |(_, v)| v.clone()),
            Flow::Normal => Val::None,
            Flow::Break | Flow::Continue => return Err("`break` or `continue` outside a loop".into()),
        };
        // The caller holds the result; the frame's locals go when it returns.
        self.hold(&result);
        self.release_in_turn(in_order(locals))?;
        Ok(result)
    }
}

impl Run<'_> {
    /// `str(value)`: an instance's `__str__` (or `__repr__`) runs.
    fn str_of(&mut self, value: &Val) -> Outcome<String> {
        match value {
            Val::Str(s) => Ok(s.clone()),
            Val::Obj(obj) if self.world.objs[*obj].exception.is_some() => {
                let args = self.exception_args(*obj);
                match args.as_slice() {
                    [] => Ok(String::new()),
                    // KeyError shows its key's repr.
                    [arg] if self.world.objs[*obj].class == "KeyError" => self.repr_of(arg),
                    [arg] => self.str_of(arg),
                    _ => {
                        let shown = args.iter().map(|a| self.repr_of(a)).collect::<Outcome<Vec<_>>>()?;
                        Ok(format!("({})", shown.join(", ")))
                    }
                }
            }
            Val::Obj(obj) if self.world.objs[*obj].items.is_none() => {
                let class = self.world.objs[*obj].class.clone();
                match self.method_of(&class, "__str__") {
                    Some(method) => self.user_text(&method, *obj),
                    None => self.repr_of(value),
                }
            }
            other => self.repr_of(other),
        }
    }

    /// An exception's arguments, wherever it keeps them.
    fn exception_args(&self, exception: usize) -> Vec<Val> {
        let Some(state) = &self.world.objs[exception].exception else { return Vec::new() };
        match &state.args_tuple {
            Some(Val::Obj(tuple)) => self.world.objs[*tuple].items.clone().unwrap_or_default(),
            _ => state.args.clone(),
        }
    }

    /// `exception.args`: the tuple of its arguments, made the first time it is read (it takes
    /// over the exception's references to them), the same tuple after; held as a temporary.
    fn args_tuple(&mut self, exception: usize) -> Outcome<Val> {
        let existing = self.world.objs[exception].exception.as_ref().and_then(|e| e.args_tuple.clone());
        let tuple = match existing {
            Some(tuple) => tuple,
            None => {
                let args = self.exception_args(exception);
                let tuple = Val::Obj(self.new_container("tuple", args)?);
                if let Some(state) = self.world.objs[exception].exception.as_mut() {
                    state.args.clear();
                    state.args_tuple = Some(tuple.clone());
                }
                tuple
            }
        };
        self.hold(&tuple);
        Ok(tuple)
    }

    /// `repr(value)`: an instance's `__repr__` runs; without one its repr has an address.
    fn repr_of(&mut self, value: &Val) -> Outcome<String> {
        self.repr_running(value, 0)
    }

    fn repr_running(&mut self, value: &Val, depth: usize) -> Outcome<String> {
        if depth > 16 && referents(value).is_some() {
            return Err("the repr of containers nested this deep is not modelled".into());
        }
        if let Some(text) = self.container_repr(value, |run, member| run.repr_running(member, depth + 1))? {
            return Ok(text);
        }
        match value {
            Val::Obj(obj) if self.world.objs[*obj].exception.is_some() => {
                let args = self.exception_args(*obj);
                let shown = args.iter().map(|a| self.repr_running(a, depth + 1)).collect::<Outcome<Vec<_>>>()?;
                Ok(format!("{}({})", self.world.objs[*obj].class, shown.join(", ")))
            }
            Val::Obj(obj) if self.world.objs[*obj].items.is_none() => {
                let class = self.world.objs[*obj].class.clone();
                match self.method_of(&class, "__repr__") {
                    Some(method) => self.user_text(&method, *obj),
                    None => match self.dataclass_repr(value, depth)? {
                        Some(text) => Ok(text),
                        None => self.repr_nested(value, depth),
                    },
                }
            }
            Val::Obj(obj) if self.world.objs[*obj].items.is_some() => {
                if depth > 16 {
                    return Err("the repr of lists nested this deep is not modelled".into());
                }
                let items = self.world.objs[*obj].items.clone().unwrap_or_default();
                let mut shown = Vec::new();
                for item in &items {
                    shown.push(self.repr_running(item, depth + 1)?);
                }
                let shown = shown.join(", ");
                Ok(match (self.world.objs[*obj].class.as_str(), items.len()) {
                    ("list", _) => format!("[{shown}]"),
                    (_, 1) => format!("({shown},)"),
                    _ => format!("({shown})"),
                })
            }
            Val::Bound(obj, qualname) => self.bound_method_repr(*obj, qualname, depth),
            other => self.repr_nested(other, depth),
        }
    }

    /// Runs `__str__` or `__repr__` of `obj`, which must return a string.
    fn user_text(&mut self, method: &str, obj: usize) -> Outcome<String> {
        let result = self.run_body(method, vec![Val::Obj(obj)]);
        let result = Self::without_exception(result, method)?;
        self.drop_temporary(&result)?;
        match result {
            Val::Str(text) => Ok(text),
            _ => Err(not_modelled!("`{method}` returning a non-string (TypeError) is not modelled")),
        }
    }

    /// `repr(value)` without running the program's code, for labels.
    fn repr_pure(&self, value: &Val) -> Outcome<String> {
        let text = self.repr_nested(value, 0)?;
        if text.contains(crate::ADDRESS_HOLE) && referents(value).is_some() {
            // Labelled by the object's own label, which the graph's reader can follow.
            return Err("an object's repr shows a memory address".into());
        }
        Ok(crate::shown_line(&text))
    }

    fn repr_nested(&self, value: &Val, depth: usize) -> Outcome<String> {
        Ok(match value {
            Val::None => "None".into(),
            Val::Bool(true) => "True".into(),
            Val::Bool(false) => "False".into(),
            Val::Int(i) => i.to_string(),
            Val::Float(f) => pysource::float_repr(*f),
            Val::Str(s) if s.contains(crate::ADDRESS_HOLE) => addresses::str_repr_keeping_holes(s)?,
            Val::Str(s) => match pysource::version_dependent_char(s) {
                Some(c) => {
                    return Err(not_modelled!(
                        "the repr of a str holding U+{:04X}, which some CPythons from 3.11 to 3.14 print in a \
                         repr and others escape (their Unicode versions differ), is not modelled",
                        c as u32
                    ))
                }
                None => pysource::str_repr(s),
            },
            Val::Range(start, stop, 1) => format!("range({start}, {stop})"),
            Val::Range(start, stop, step) => format!("range({start}, {stop}, {step})"),
            Val::View(..) => return Err("the repr of a dict view here is not modelled".into()),
            Val::Obj(obj) if matches!(self.world.objs[*obj].class.as_str(), "dict" | "set") => {
                return Err(not_modelled!("the repr of {} here is not modelled", self.world.objs[*obj].label))
            }
            Val::Obj(obj) if self.world.objs[*obj].items.is_some() => {
                if depth > 16 {
                    return Err("the repr of lists nested this deep is not modelled".into());
                }
                let items = self.world.objs[*obj].items.as_deref().unwrap_or_default();
                let shown =
                    items.iter().map(|v| self.repr_nested(v, depth + 1)).collect::<Outcome<Vec<_>>>()?.join(", ");
                match (self.world.objs[*obj].class.as_str(), items.len()) {
                    ("list", _) => format!("[{shown}]"),
                    (_, 1) => format!("({shown},)"),
                    _ => format!("({shown})"),
                }
            }
            Val::Opaque(what) => return Err(not_modelled!("printing {what} is not modelled")),
            type_object if self.type_repr(type_object).is_some() => self.type_repr(type_object).unwrap_or_default(),
            other => self.address_repr(other)?,
        })
    }

    /// `bool(value)`.
    fn truth(&self, value: &Val) -> Outcome<bool> {
        Ok(match value {
            Val::None => false,
            Val::Bool(b) => *b,
            Val::Int(i) => *i != 0,
            Val::Float(f) => *f != 0.0,
            Val::Str(s) => !s.is_empty(),
            Val::Range(start, stop, step) => {
                if *step > 0 {
                    start < stop
                } else {
                    start > stop
                }
            }
            weak if self.weak_dict(weak).is_some() => {
                let (_, data) = self.weak_dict(weak).unwrap_or_default();
                self.weak_dict_len(data) > 0
            }
            Val::Obj(obj) => match &self.world.objs[*obj].items {
                Some(items) => !items.is_empty(),
                None => {
                    let class = &self.world.objs[*obj].class;
                    if self.defines(class, &["__bool__", "__len__"]) {
                        return Err(not_modelled!(
                            "the truth of a `{class}` (it defines __bool__ or __len__) is not modelled"
                        ));
                    }
                    true
                }
            },
            Val::View(dict, _) => !self.entries(*dict).is_empty(),
            Val::Opaque(what) => return Err(not_modelled!("the truth of {what} is not modelled")),
            Val::Fin(_)
            | Val::Class(_)
            | Val::Func(_)
            | Val::Bound(..)
            | Val::ClassBound(..)
            | Val::Print
            | Val::Builtin(_)
            | Val::FinMethod(..)
            | Val::StrMethod(..) => true,
        })
    }

    /// The qualified name of the method `name` that instances of `class` run, if it has one.
    fn method_of(&self, class: &str, name: &str) -> Option<String> {
        if class == generators::MANAGER {
            return matches!(name, "__enter__" | "__exit__").then(|| format!("{class}.{name}"));
        }
        let model = self.module.class(class)?;
        let member = self.module.members_of(model).into_iter().find(|m| m.member.name == name)?;
        matches!(member.member.kind, MemberKind::Method(_)).then(|| format!("{}.{name}", member.owner.name))
    }

    /// The class (or a base) defines one of `names`.
    pub(super) fn defines(&self, class: &str, names: &[&str]) -> bool {
        self.module
            .class(class)
            .is_some_and(|c| self.module.members_of(c).iter().any(|m| names.contains(&m.member.name.as_str())))
    }

    /// `left == right`.
    fn equal(&self, left: &Val, right: &Val, depth: usize) -> Outcome<bool> {
        if depth > 16 {
            return Err("comparing lists nested this deep is not modelled".into());
        }
        if matches!((left, right), (Val::Str(_), Val::Str(_))) {
            addresses::unread(left, "comparing")?;
            addresses::unread(right, "comparing")?;
        }
        if let Some(equal) = self.container_equal(left, right, depth)? {
            return Ok(equal);
        }
        if let Some(equal) = self.dataclass_equal(left, right, depth)? {
            return Ok(equal);
        }
        Ok(match (left, right) {
            (Val::View(..), _) | (_, Val::View(..)) => return Err("comparing dict views is not modelled".into()),
            (Val::Opaque(what), _) | (_, Val::Opaque(what)) => {
                return Err(not_modelled!("comparing {what} is not modelled"))
            }
            (Val::Range(..), Val::Range(..)) => range_items(left) == range_items(right),
            (Val::Float(a), Val::Float(b)) => a == b,
            (Val::Float(f), other) | (other, Val::Float(f)) => match number(other) {
                Some(i) if i.unsigned_abs() <= 1 << 53 => *f == i as f64,
                Some(_) => return Err("comparing a float with a large integer is not modelled".into()),
                None => false,
            },
            (Val::Str(a), Val::Str(b)) => a == b,
            (Val::None, Val::None) => true,
            (Val::Obj(a), Val::Obj(b)) if a == b => true,
            (Val::Obj(a), Val::Obj(b)) => match (&self.world.objs[*a].items, &self.world.objs[*b].items) {
                (Some(x), Some(y)) => {
                    self.world.objs[*a].class == self.world.objs[*b].class
                        && x.len() == y.len()
                        && x.iter()
                            .zip(y)
                            .try_fold(true, |all, (p, q)| Ok::<_, Stop>(all && self.equal(p, q, depth + 1)?))?
                }
                _ => {
                    self.no_custom_equality(*a)?;
                    self.no_custom_equality(*b)?;
                    false
                }
            },
            (Val::Obj(obj), _) | (_, Val::Obj(obj)) => {
                self.no_custom_equality(*obj)?;
                false
            }
            (a, b) => match (number(a), number(b)) {
                (Some(x), Some(y)) => x == y,
                (None, None) => a == b,
                _ => false,
            },
        })
    }

    fn no_custom_equality(&self, obj: usize) -> Outcome<()> {
        let class = &self.world.objs[obj].class;
        if self.weak_dict(&Val::Obj(obj)).is_some() {
            return Err(not_modelled!("`==` on a {class} (it compares the entries) is not modelled"));
        }
        if self.world.objs[obj].weak.is_some() {
            return Err("`==` on a weakref.ref (it compares the targets) is not modelled".into());
        }
        if self.world.objs[obj].items.is_none() && self.defines(class, &["__eq__", "__ne__"]) {
            return Err(not_modelled!("`==` on a `{class}` (it defines __eq__) is not modelled"));
        }
        Ok(())
    }

    fn is_empty_tuple(&self, obj: usize) -> bool {
        let obj = &self.world.objs[obj];
        obj.class == "tuple" && obj.items.as_ref().is_some_and(Vec::is_empty)
    }

    fn compare(&self, op: &str, left: &Val, right: &Val) -> Outcome<bool> {
        match op {
            "==" => self.equal(left, right, 0),
            "!=" => Ok(!self.equal(left, right, 0)?),
            "is" | "is not" => {
                let same = match (left, right) {
                    (Val::None, _) | (_, Val::None) => left == right,
                    (Val::Bool(a), Val::Bool(b)) => a == b,
                    // CPython has one empty tuple: `()`, `tuple()` and every other empty tuple is it.
                    (Val::Obj(a), Val::Obj(b)) if self.is_empty_tuple(*a) || self.is_empty_tuple(*b) => {
                        self.is_empty_tuple(*a) && self.is_empty_tuple(*b)
                    }
                    (Val::Obj(a), Val::Obj(b)) => a == b,
                    (Val::Fin(a), Val::Fin(b)) => a == b,
                    // Type objects: one per class.
                    (Val::Class(_) | Val::Builtin(_), _) | (_, Val::Class(_) | Val::Builtin(_)) => left == right,
                    (Val::Bool(_), Val::Obj(_) | Val::Str(_) | Val::Int(_))
                    | (Val::Obj(_) | Val::Str(_) | Val::Int(_), Val::Bool(_))
                    | (Val::Obj(_), Val::Str(_) | Val::Int(_) | Val::Float(_))
                    | (Val::Str(_) | Val::Int(_) | Val::Float(_), Val::Obj(_)) => false,
                    _ => return Err("`is` between these values (an interpreter detail) is not modelled".into()),
                };
                Ok(same == (op == "is"))
            }
            "in" | "not in" => {
                addresses::unread(left, "looking for")?;
                addresses::unread(right, "looking inside")?;
                let found = match right {
                    Val::Str(haystack) => match left {
                        Val::Str(needle) => haystack.contains(needle.as_str()),
                        _ => {
                            return Err(
                                "`in` a string with something other than a string (a TypeError) is not modelled".into(),
                            )
                        }
                    },
                    Val::Obj(obj) if self.world.objs[*obj].class == "dict" && self.world.objs[*obj].items.is_some() => {
                        self.dict_find(*obj, left)?.is_some()
                    }
                    weak if self.weak_dict(weak).is_some() => {
                        let (weak_dict, data) = self.weak_dict(weak).unwrap_or_default();
                        match self.weak_dict_lookup(weak_dict, data, left) {
                            Ok(found) => found.is_some(),
                            Err(Stop::Throw(..)) => false,
                            Err(stop) => return Err(stop),
                        }
                    }
                    Val::Obj(obj) if self.world.objs[*obj].class == "set" && self.world.objs[*obj].items.is_some() => {
                        self.set_lookup_key(left)?;
                        let members = self.world.objs[*obj].items.clone().unwrap_or_default();
                        let mut found = false;
                        for member in &members {
                            if member == left || self.equal(member, left, 0)? {
                                found = true;
                                break;
                            }
                        }
                        found
                    }
                    Val::Obj(obj) if self.world.objs[*obj].items.is_some() => {
                        let items = self.world.objs[*obj].items.clone().unwrap_or_default();
                        let mut found = false;
                        for item in &items {
                            if item == left || self.equal(item, left, 0)? {
                                found = true;
                                break;
                            }
                        }
                        found
                    }
                    _ => return Err(not_modelled!("`in` {} is not modelled", self.kind_name(right))),
                };
                Ok(found == (op == "in"))
            }
            "<" | "<=" | ">" | ">=" => {
                if let Some(answer) = self.dataclass_order(op, left, right)? {
                    return Ok(answer);
                }
                let order = match (left, right) {
                    (Val::Str(a), Val::Str(b)) => {
                        addresses::unread(left, "ordering")?;
                        addresses::unread(right, "ordering")?;
                        a.cmp(b)
                    }
                    (Val::Float(_), _) | (_, Val::Float(_)) => {
                        let (Some(a), Some(b)) = (float(left), float(right)) else {
                            return Err(not_modelled!("`{op}` between these values is not modelled"));
                        };
                        match a.partial_cmp(&b) {
                            Some(order) => order,
                            None => return Ok(false),
                        }
                    }
                    _ => match (number(left), number(right)) {
                        (Some(a), Some(b)) => a.cmp(&b),
                        _ => return Err(not_modelled!("`{op}` between these values is not modelled")),
                    },
                };
                Ok(match op {
                    "<" => order.is_lt(),
                    "<=" => order.is_le(),
                    ">" => order.is_gt(),
                    _ => order.is_ge(),
                })
            }
            _ => Err(not_modelled!("`{op}` is not modelled")),
        }
    }

    /// `left op right` on numbers and strings.
    fn binary(&self, op: &str, left: &Val, right: &Val) -> Outcome<Val> {
        let too_big = || "integers beyond 64 bits are not modelled".to_owned();
        if let (Some(a), Some(b)) = (number(left), number(right)) {
            let value = match op {
                "+" => a.checked_add(b),
                "-" => a.checked_sub(b),
                "*" => a.checked_mul(b),
                "//" | "%" if b == 0 => return Err("ZeroDivisionError is not modelled".into()),
                "//" => a.checked_div(b).map(|q| if a % b != 0 && (a < 0) != (b < 0) { q - 1 } else { q }),
                "%" => a.checked_rem(b).map(|r| if r != 0 && (r < 0) != (b < 0) { r + b } else { r }),
                "**" if b >= 0 => u32::try_from(b).ok().and_then(|e| a.checked_pow(e)),
                "&" => Some(a & b),
                "|" => Some(a | b),
                "^" => Some(a ^ b),
                "/" if b == 0 => return Err(throw("ZeroDivisionError", "division by zero")),
                "/" if a.unsigned_abs() <= 1 << 53 && b.unsigned_abs() <= 1 << 53 => {
                    return Ok(Val::Float(a as f64 / b as f64))
                }
                _ => return Err(not_modelled!("`{op}` on these numbers is not modelled")),
            };
            return value.map(Val::Int).ok_or_else(|| too_big().into());
        }
        match (left, right) {
            (Val::Float(_), _) | (_, Val::Float(_)) if matches!(op, "+" | "-" | "*" | "/") => {
                let (Some(a), Some(b)) = (float(left), float(right)) else {
                    return Err(not_modelled!("`{op}` between these values is not modelled"));
                };
                Ok(Val::Float(match op {
                    "+" => a + b,
                    "-" => a - b,
                    "*" => a * b,
                    _ if b == 0.0 => return Err("ZeroDivisionError is not modelled".into()),
                    _ => a / b,
                }))
            }
            (Val::Str(a), Val::Str(b)) if op == "+" => {
                if a.len() + b.len() > MAX_STR_BYTES {
                    return Err(not_modelled!("strings longer than {MAX_STR_BYTES} bytes are not modelled"));
                }
                Ok(Val::Str(format!("{a}{b}")))
            }
            (Val::Str(s), n) | (n, Val::Str(s)) if op == "*" && number(n).is_some() => {
                let times = usize::try_from(number(n).unwrap_or(0)).unwrap_or(0);
                if s.len().saturating_mul(times) > MAX_STR_BYTES {
                    return Err(not_modelled!("strings longer than {MAX_STR_BYTES} bytes are not modelled"));
                }
                Ok(Val::Str(s.repeat(times)))
            }
            _ => Err(not_modelled!(
                "`{op}` between {} and {} is not modelled",
                self.kind_name(left),
                self.kind_name(right)
            )),
        }
    }
}

/// A method of a list, a dict or a set (built-in code, not the program's).
fn is_container_method(qualname: &str) -> bool {
    ["list.", "dict.", "set.", "WeakValueDictionary.", "WeakKeyDictionary.", "generator."]
        .iter()
        .any(|prefix| qualname.starts_with(prefix))
}

fn attr_name(attr: &str) -> &'static str {
    match attr {
        "upper" => "upper",
        "lower" => "lower",
        "strip" => "strip",
        "lstrip" => "lstrip",
        "rstrip" => "rstrip",
        "startswith" => "startswith",
        "join" => "join",
        "split" => "split",
        "replace" => "replace",
        "format" => "format",
        _ => "endswith",
    }
}

/// A method of an ASCII string.
fn str_method(text: &str, method: &str, args: &[Val]) -> Outcome<Val> {
    // `str.isspace()` of the ASCII characters.
    let space = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c' | '\x1c'..='\x1f');
    Ok(match (method, args) {
        ("upper", []) => Val::Str(text.to_ascii_uppercase()),
        ("lower", []) => Val::Str(text.to_ascii_lowercase()),
        ("strip", []) => Val::Str(text.trim_matches(space).to_owned()),
        ("startswith", [Val::Str(prefix)]) => Val::Bool(text.starts_with(prefix.as_str())),
        ("endswith", [Val::Str(suffix)]) => Val::Bool(text.ends_with(suffix.as_str())),
        _ => return Err(not_modelled!("`str.{method}` with these arguments is not modelled")),
    })
}

/// The value of a literal.
/// `int(text)` in base 10: surrounding whitespace, a sign and single underscores between
/// digits are allowed; anything else is CPython's ValueError.
fn int_of_str(text: &str) -> Outcome<Val> {
    if !text.is_ascii() {
        return Err("int() of non-ASCII text (other digits and spaces count) is not modelled".into());
    }
    let trimmed =
        text.trim_matches(|c: char| matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c' | '\x1c'..='\x1f'));
    let digits = trimmed.strip_prefix(['+', '-']).unwrap_or(trimmed);
    let valid = digits.starts_with(|c: char| c.is_ascii_digit())
        && digits.ends_with(|c: char| c.is_ascii_digit())
        && digits.chars().all(|c| c.is_ascii_digit() || c == '_')
        && !digits.contains("__");
    if !valid {
        let message = format!("invalid literal for int() with base 10: {}", pysource::str_repr(text));
        return Err(throw("ValueError", &message));
    }
    let number: String = trimmed.chars().filter(|c| *c != '_').collect();
    number.parse().map(Val::Int).map_err(|_| "int() of a number this large is not modelled".into())
}

/// The literal a class-body value is written as (`count = 0`), if it is one.
fn literal_text(text: &str) -> Option<Literal> {
    match pysource::statements(text).ok()?.as_slice() {
        [Statement { kind: StatementKind::Expr { value: Expression::Literal { literal } }, .. }] => {
            Some(literal.clone())
        }
        _ => None,
    }
}

/// The model reads a class's members without running its body, which is exact only where the
/// body runs no code: every statement a `def`, a docstring or `pass`, or a name bound to a
/// literal, a name or a display of them (in a dataclass the model follows, `field(...)` of
/// those too: it only records them). A call (or anything that may call, such as an operator or
/// an attribute) would run when the `class` statement does, and print or make objects there.
fn class_body_runs_nothing(class: &pysource::Class, dataclass: bool) -> Outcome<()> {
    if let Some(line) = class.unread_statements.first() {
        return Err(not_modelled!(
            "`{}`'s class body running code (its statement at line {line}) is not modelled",
            class.name
        ));
    }
    for member in &class.members {
        let MemberKind::Attribute(attribute) = &member.kind else { continue };
        let Some(text) = &attribute.class_value else { continue };
        if properties::is_property_call(attribute) {
            // `property()` runs no code of the program's; `Run::properties_followed` reads it.
            continue;
        }
        let runs_nothing = match pysource::statements(text).ok().as_deref() {
            Some(
                [Statement { kind: StatementKind::Expr { value: Expression::Call { func, args, keywords } }, .. }],
            ) if dataclass && is_field_function(func) => {
                args.iter().chain(keywords.iter().map(|(_, value)| value)).all(evaluates_without_code)
            }
            Some([Statement { kind: StatementKind::Expr { value }, .. }]) => evaluates_without_code(value),
            _ => false,
        };
        if !runs_nothing {
            return Err(not_modelled!(
                "the class attribute `{}.{} = {text}` (line {}), which runs code when the class statement does, is not modelled",
                class.name,
                member.name,
                attribute.line
            ));
        }
    }
    Ok(())
}

/// `field` or `dataclasses.field`, which the dataclass model reads.
fn is_field_function(func: &Expression) -> bool {
    match func {
        Expression::Name { id } => id == "field",
        Expression::Attribute { value, attr } => {
            attr == "field" && matches!(&**value, Expression::Name { id } if id == "dataclasses")
        }
        _ => false,
    }
}

/// A literal, a name, or a list or tuple display of them, or a set or dict display keyed by
/// literals (hashing an object may run its `__hash__`): evaluated, it runs no code.
fn evaluates_without_code(value: &Expression) -> bool {
    match value {
        Expression::Literal { .. } | Expression::Name { .. } => true,
        Expression::List { elements } | Expression::Tuple { elements } => elements.iter().all(evaluates_without_code),
        Expression::Set { elements } => elements.iter().all(|e| matches!(e, Expression::Literal { .. })),
        Expression::Dict { items } => {
            items.iter().all(|(key, value)| matches!(key, Expression::Literal { .. }) && evaluates_without_code(value))
        }
        _ => false,
    }
}

/// A string the program writes, which must not hold the character that stands for an address
/// in a predicted line.
fn program_text(text: &str) -> Outcome<String> {
    if text.contains(crate::ADDRESS_HOLE) {
        return Err(not_modelled!(
            "a string holding U+{:04X}, which the lab's lines use for a memory address, is not modelled",
            crate::ADDRESS_HOLE as u32
        ));
    }
    Ok(text.to_owned())
}

fn literal_value(literal: &Literal) -> Outcome<Val> {
    Ok(match literal {
        Literal::Int(i) => Val::Int(*i),
        Literal::Float(f) => Val::Float(*f),
        Literal::Str(s) => Val::Str(program_text(s)?),
        Literal::Bool(b) => Val::Bool(*b),
        Literal::None => Val::None,
        Literal::Ellipsis => return Err("Ellipsis is not modelled".into()),
    })
}

/// What `range(start, stop, step)` equality compares: its length, and its first item and step
/// only where they are seen (two ranges are equal when they give the same items).
fn range_items(range: &Val) -> Option<[Option<i128>; 3]> {
    let Val::Range(start, stop, step) = *range else { return None };
    let (start, stop, step) = (i128::from(start), i128::from(stop), i128::from(step));
    let span = if step > 0 { stop - start } else { start - stop };
    let length = if span > 0 { (span - 1) / step.abs() + 1 } else { 0 };
    Some([Some(length), (length > 0).then_some(start), (length > 1).then_some(step)])
}

/// An int or bool as an integer.
fn number(value: &Val) -> Option<i64> {
    match value {
        Val::Int(i) => Some(*i),
        Val::Bool(b) => Some(i64::from(*b)),
        _ => None,
    }
}

/// A number as a float, where the conversion is exact.
fn float(value: &Val) -> Option<f64> {
    match value {
        Val::Float(f) => Some(*f),
        other => number(other).filter(|i| i.unsigned_abs() <= 1 << 53).map(|i| i as f64),
    }
}

impl<'m> Run<'m> {
    /// The body of the function `qualname` that is bound now.
    fn body(&self, qualname: &str) -> Option<&'m FunctionBody> {
        let bodies: &'m [FunctionBody] = self.bodies;
        let current = self.current_bodies.iter().find(|(q, _)| q == qualname).map_or(0, |(_, n)| *n);
        bodies.iter().filter(|b| b.qualname == qualname).nth(current)
    }
}

/// Whether evaluating `expr` may call code: a call, or a comprehension.
fn calls_anything(expr: &Expression) -> bool {
    match expr {
        Expression::Name { .. } | Expression::Literal { .. } => false,
        Expression::Attribute { value, .. } | Expression::UnaryOp { operand: value, .. } => calls_anything(value),
        Expression::Compare { left, comparisons } => {
            calls_anything(left) || comparisons.iter().any(|(_, right)| calls_anything(right))
        }
        Expression::BoolOp { values, .. } | Expression::Tuple { elements: values } => values.iter().any(calls_anything),
        Expression::BinOp { left, right, .. } => calls_anything(left) || calls_anything(right),
        _ => true,
    }
}

/// The names a target binds, in order, into `names`.
fn target_names(target: &Expression, names: &mut Vec<String>) {
    match target {
        Expression::Name { id } if !names.contains(id) => names.push(id.clone()),
        Expression::Tuple { elements } | Expression::List { elements } => {
            elements.iter().for_each(|e| target_names(e, names))
        }
        _ => {}
    }
}
