//! Simulates object lifetimes in a small program the way CPython runs it, to predict when
//! `weakref.finalize` callbacks fire and what the program prints.
//!
//! Modelled: the program runs as `__main__`, statement by statement, at module level and in
//! the bodies of its functions and methods: assignment (also augmented, `+=` and the like on
//! numbers and strings, and tuple unpacking), `del` (names, attributes, list items and slices,
//! extended ones too: `del a[::2]` lets go of the items in the order of their positions, while
//! `a[::-2] = items` lets go of those it replaced in the slice's order, with CPython's ValueError
//! for a sequence of another size),
//! `if`/`elif`/`else`, `for` over `range(...)`, lists, tuples and strings (the loop variable
//! keeps a reference to the last item), `while`, `break`, `continue`, loop `else` clauses,
//! `return`, `with` on instances of the program's classes (`__enter__`, then `__exit__`, which
//! sees an exception from the body and may suppress it), and exceptions: `raise` of the built-in
//! exception classes the model knows (`ValueError`, `IndexError`, `KeyError`, ...) and of the
//! program's classes derived from them, `IndexError` and int division by zero from the operations
//! the model follows (with CPython's messages), `try`/`except` (by class or tuple of classes,
//! `as e` cleared at the clause's end), `else`, `finally`, bare `raise`, `raise ... from`, and
//! `__context__` when raising while handling. A traceback keeps the frames the exception left
//! alive, locals included, until the exception goes (a frame two tracebacks hold goes with the
//! last, and its callers' frames after it); one kept after its handler inside a function
//! (`error = e`, `errors.append(e)`, `return e`) holds that frame's object, which takes the
//! function's locals as they are when it returns and links its caller's frame object
//! (`f_back`), which does the same in turn: locals that hold the exception make a cycle that
//! waits for the collector; `e.__traceback__ = None` and `e.with_traceback(None)` let go of the
//! frames. An exception that escapes stays alive through exit (`sys.last_exc`), and its
//! traceback's last line and line number are the prediction's `error`; at exit
//! `finalize_modules` lets go of it, then of its traceback's frames, innermost first. An
//! exception out of `__init__` keeps the half-built instance in `__init__`'s frame. `sys.exit()`
//! raises `SystemExit`, which unwinds as any exception; when it ends the module, it and its
//! frames go before the atexit handlers, and its code is the prediction's `exit_status`
//! (`SystemExit: <code>` its `error`, none for None or 0).
//! Expressions: ints, floats, strings, bools, None, f-strings, comparisons (`==`, `!=`, `<`,
//! ..., `is`, `in`, chained), `and`/`or`/`not`, arithmetic, list and tuple displays with
//! `append`/`pop`/`clear` and item assignment, dict and set displays and comprehensions (list,
//! set and dict, with one `for` or more; an exception out of one unwinds as each version does:
//! on 3.11 the comprehension's own frame lets go of the result being built, and the traceback
//! keeps the frame with its iterator and variables, while from 3.12 the inlined comprehension
//! lets go of the iterator, the result, then its variables, before the exception goes on), dicts' `d[k]`, `d[k] = v`, `del d[k]`, `get`, `pop`, `clear`
//! and `keys`/`values`/`items` (whose iterator reuses its tuple as CPython's does), `set.add`,
//! `in`, `==` and `len` on both, an exception's `.args`, indexing, a few ASCII string
//! methods, and `len`, `range`, `str`, `repr`, `bool`, `dict()`, `set()`, `print` (with `sep=` and `end=`), with
//! instances' `__str__`/`__repr__`; `int()` of ints, bools and base-10 strings (CPython's
//! ValueError for a bad literal); `isinstance` with the program's classes, the built-in
//! exceptions, `int`, `bool`, `str`, `list`, `tuple`, `dict`, `set` or a tuple of them;
//! `sorted` of ints or of strings (`reverse=`, and `key=` one of `len`, `str`, `repr`, `int`),
//! and the TypeError of sorting fewer than 64 keys that `<` cannot all compare (a string and
//! a number, None), at the first comparison between two such keys in CPython's order (its first
//! run, as 3.11 or 3.13 finds it, then binary insertion);
//! `enumerate` and `zip` over sequences and generators, iterated where they are made (in `for`,
//! a comprehension or `list(...)`): each holds its iterators, which let go of their sequence when
//! exhausted (a generator, its own iterator, stays until the object goes, and one left
//! suspended is closed then), and the result tuple it refills while nobody else holds it, as
//! CPython does; `tuple(...)` as `list(...)` (of a tuple, the tuple itself); `==` between ranges
//! (equal when they give the same items); `type(x)` of what the model knows the class of (list
//! and tuple iterators and weak references included; its
//! `__name__`, `__qualname__`, repr, `is` and `==`; the type objects hold nothing). A
//! function's `global` statements (in any of its blocks) make those names the module's in the whole
//! function; one that comes after the function used or assigned the name, or that names a
//! parameter, is CPython's SyntaxError, predicted with nothing run. Calls to the program's functions, methods and classes take
//! keyword arguments and literal defaults, and `*` and `**` arguments (tuples and lists; dicts
//! with string keys) as CALL_FUNCTION_EX passes them: a method then through a bound method
//! object that holds the instance until the call returns, with the tuple and the keyword dict
//! (the order they go in reversed from 3.14), a function from 3.12 letting go of them as its
//! frame starts; arguments that do not fit the parameters raise
//! CPython's TypeError in the caller, with its message (from 3.13 with its suggestion of the
//! nearest parameter name), once the failed call let go of its arguments in CPython's order
//! (for a function: the surplus positional ones, the keyword ones from the one that failed on,
//! then the parameters filled; for a class: the new instance, then the arguments; the
//! parameters and arguments in reverse from 3.14). A dict or set that changes size under a loop raises RuntimeError at the loop's
//! next step. Decorated functions, at module level and nested: the decorators are evaluated,
//! then called with the function nearest first, and the name bound to what the last returned;
//! a decorator is one of the program's functions, closures or bound methods,
//! `atexit.register` or `functools.wraps(f)` (which gives the wrapper a `__wrapped__`
//! reference); other decorators, and a class's or a method's own, are declined by name, but
//! for `@dataclass` (or `@dataclasses.dataclass`, with or without `()` and its options but
//! `init=False` and `unsafe_hash=True`) on a class without bases or derived from one
//! dataclass: its annotated fields, in order after its base's (`ClassVar`s left out,
//! `InitVar`s passed to `__post_init__`), make an `__init__` (CPython's TypeErrors included;
//! `kw_only`, `KW_ONLY` and `field(kw_only=...)` fields after the positional ones; a field
//! `field(init=False)` leaves out gets its factory's value, or reads its default from the
//! class) that stores them as attributes and calls `__post_init__`; a `__repr__` of the `repr`
//! fields' reprs (`...` for an instance whose repr is being made); with `eq`, field by field
//! `==` and unhashable instances, or with `frozen` instances hashing by their fields (dict
//! keys, set members, WeakKeyDictionary keys) and `dataclasses.FrozenInstanceError` for an
//! assignment or `del` outside `__init__` (`object.__setattr__` passes); with `order`, the
//! comparisons of the fields as tuples and sorting, a mix of classes raising CPython's first
//! TypeError; with `slots`, no other attribute, no weak reference (TypeError) unless
//! `weakref_slot`, and the slots let go of by name. `field(default_factory=f)` (`f` being
//! `list`, `dict`, `set` or one of the program's functions) calls `f()` for each instance not
//! given the field. The decorator's TypeErrors (a field without a default after one with, a
//! frozen dataclass derived from one that is not or the other way, `weakref_slot` without
//! `slots`) are raised at the class statement. Other uses of `field(...)` and a subclass that
//! is not a dataclass are declined at the class statement. A function defined inside a function or
//! method is a closure as CPython makes it: the locals it reads (or declares `nonlocal`) live in cells that the
//! outer frame and the closure share, so they live as long as either, and a frame lets go of
//! its cells after its other locals (functions nested deeper, and exceptions out of a closure,
//! are declined); a name the module defines twice is declined at its second definition. A `lambda` is the function CPython compiles it to
//! (one statement returning its expression): at module level like a module function, each
//! lambda its own, all named `<lambda>` (two written alike are declined: the model tells them
//! apart by their text), in a function a closure like a nested `def` (one per scope; in a
//! comprehension declined). Temporaries live on the interpreter's stack exactly as long
//! as CPython keeps them (an attribute replaces its object, a call's arguments go when it
//! returns or, for a Python function, with its frame, a condition's value before its branch).
//! Instances of the module's classes (their `__init__` and methods run statement by
//! statement). Class attributes bound in the class body to literals, list, tuple, dict and set
//! displays or names (evaluated at the class statement; the class holds what they give), read
//! through the class, a subclass, or an instance without an attribute of its own by that name
//! (a function read through an instance is bound to it); after the class statement,
//! `C.attr = v`, `cls.attr = v`, `C.n += 1` and `del C.attr` replace the class's entry and let
//! go of the old value then. `@classmethod` and `@staticmethod` called through the class, a
//! subclass or an instance (a classmethod gets the class it is looked up on, for an instance
//! its class, and loading it lets go of the instance). A base's `__init_subclass__`, a
//! metaclass of the program's defining members, and an instance's `__setattr__`,
//! `__delattr__` and `__getattribute__` are declined. `weakref.finalize(obj, func, *args)`, reference counting (an object is freed
//! when the last reference goes: its `__del__` runs, then its finalizers fire; a list or tuple
//! lets go of its items last to first, a dict of each key then its value, first entry to last;
//! a set's order follows its hash table, which the model follows (`set_table`) while its members
//! are ints, bools and (from 3.12) None: displays (three or more constants as the compiler's
//! frozenset constant), comprehensions, `set(iterable)`, `add`, `discard`, `remove`, `pop`,
//! `clear`, `copy`; it declines elsewhere (string hashes are randomized per process, objects hash
//! by address) where the order shows; a returning function lets go of its locals first to
//! last up to 3.13, last to first from 3.14), reference cycles (freed only by `gc.collect()`,
//! which fires their finalizers in the order of its object lists, then runs their `__del__`
//! methods in the same order, as PEP 442 lets it; those lists are the order objects were made
//! only until a collection runs while they are alive, and CPython's automatic ones start on
//! allocations from a count the model does not know, so a collection of two or more objects
//! whose ends show is declined, unless every one of them was made after `gc.disable()` turned
//! automatic collection off, with no `gc.enable()` since, and no collection kept them: their
//! order is then the order they were made; `gc.isenabled()` says which), explicit finalizer calls (at most once; `alive` turns False),
//! `detach()` and `peek()` (the `(obj, func, args, kwargs)` tuple, or None once dead), and
//! interpreter exit, where `weakref.finalize`'s atexit hook calls the finalizers still alive
//! with `atexit=True`, newest first, in its place among the `atexit.register` handlers (newest
//! first; the hook registers itself at the first finalizer); `atexit` then lets go of the
//! handlers, oldest first, each one's arguments last to first (a handler whose function and
//! arguments both hold an object whose end shows is declined: 3.14 reversed them); then the teardown: the garbage that
//! waits for the collector is collected (unless automatic collection is off: it then waits for
//! the last collection), and a last collection takes every object left,
//! `__main__`'s globals with them: it clears every weak reference, calling no callback (the
//! references are garbage too), finalizers left with atexit=False never run, and the one object
//! left whose end runs code (a `__del__`, a suspended generator's close) runs it, globals still
//! there (two or more go in the collector's list order, followed as `gc.collect()`'s is). `weakref.ref`, with or without a
//! callback (one of the program's functions, or a closure, which the reference holds; without
//! one, the object's basic reference where it has one alive), and `weakref.WeakMethod` of a
//! plain method, whose call binds the method again or gives None: when an
//! object dies all its weak references are cleared, then the callbacks run, newest first among
//! the finalizers', and the callbacks taken from the references go after the last ran, the
//! last taken first (a closure the collector calls is declined). `weakref.WeakValueDictionary` and
//! `weakref.WeakKeyDictionary` as `weakref.py` builds them (a `data` dict of `KeyedRef`s, or
//! of weak references to the keys, whose callbacks take an entry out when its referent dies):
//! `d[k]`, `d[k] = v`, `del d[k]`, `get`, `in`, `len`, and the generators `keys()` (which is
//! `iter(d)`), `values()` and `items()` return, walked by a `for` loop (in a generator too), a
//! comprehension, a generator expression, `list()`, `tuple()`, `sorted()`, `min()` or `max()`,
//! and resumed after a `break` (their frames hold the dictionary and the last entry's key,
//! reference and object; an entry dying or a change between one's first step and its end is
//! declined);
//! `list(iterable)`. An exception out of `__del__` or a callback is ignored as
//! CPython does ("Exception ignored" on stderr) and the program goes on. A finalizer whose callback or arguments refer to its own
//! object keeps that object alive until exit. CPython's automatic
//! collections start when allocations pass a threshold counted from a state the model does not
//! know, so an allocation while unreachable objects whose collection would show (a `__del__`, a
//! finalizer, a weak reference) wait for the collector is declined (but after `gc.disable()`);
//! elsewhere a collection
//! frees nothing anyone could see. Generator functions whose `yield` is a statement (`yield`,
//! `yield value`, `name = yield value`) in their body or in `if`, `for` (over a list, tuple,
//! range, string, generator or list or tuple iterator), `while`, a `try` body or a `with` body,
//! and `__iter__` methods that are generators: the generator object holds the frame, locals
//! included, while it is suspended; `next()` (StopIteration once exhausted, or the default),
//! `send()`, `close()`, `for`, comprehensions and `list()` resume it, and freeing it while
//! suspended closes it (GeneratorExit at the `yield`, so its `finally` clauses and `__exit__`s
//! run then; a generator that yields again is "generator ignored GeneratorExit"; from 3.13 one
//! with no `try` or `with` around its `yield` just lets go of its frame's locals, then of its
//! stack). Generator expressions are the generator functions CPython compiles them to, called
//! with their first iterable's iterator where they are written (one that reads a function's
//! locals a closure over their cells). `@contextlib.contextmanager` (or
//! `contextmanager` imported from it) as contextlib's `_GeneratorContextManager` runs it:
//! `__enter__` to the `yield`, `__exit__` resuming it or throwing the body's exception in,
//! with "generator didn't yield" and "generator didn't stop".
//!
//! Reprs that show a memory address (an instance of the program's class without `__repr__`, a
//! weak reference or finalizer alive or dead, a module function, a bound method, inside
//! containers and exceptions' messages) are predicted with a hole for each address
//! ([`ADDRESS_HOLE`]), printed or kept as strings (`repr(x)`, `str(x)`, f-strings,
//! `str.format`, the program's `__repr__`): [`line_agrees`] matches a hole to any `0x` and
//! lowercase hex digits, in printed lines and error lines, [`shown_line`] shows it as `0x…`,
//! and two holes promise nothing about each other. A string holding a hole is printed, stored,
//! joined and concatenated as it is; reading its characters (its length, an index, iteration,
//! a comparison, hashing, a method) is declined, and so is a program string holding the hole
//! character.
//!
//! Never guessed: the first thing outside this (an exception the model does not raise exactly,
//! one kept after its handler inside a function, an address's digits (`id()`, the characters of
//! a repr kept as a string), a `__del__` that resurrects its object, more than 10,000 statements and loop
//! iterations, more than 1,000 objects, ...) is reported as not modelled, with its line, and the simulation
//! stops there.
//!
//! Each step carries the object graph after it ([`Step`]): the module's names, the objects
//! alive with their refcounts and referrers, the references between them, and which objects
//! are in a reference cycle.
//!
//! # Probe output format (stable; the page and the differential tests parse it)
//! [`probe`] prints one line `__PATTERN_PLAYGROUND__ ` + JSON `{"lines": [str], "error": str|null}`:
//! every line the program printed, including the exit-time finalizers, and the exception that
//! stopped it (the traceback's last line). See [`probe`] for how exit is reproduced inside a running interpreter.

mod addresses;
mod format_spec;
mod probe;
pub mod set_table;
mod simulate;
mod world;

pub use addresses::{line_agrees, lines_agree, lines_begin_with, shown_line, ADDRESS_HOLE};
pub use probe::probe;
pub use simulate::{
    compare, simulate, simulate_on, simulate_parsed, NameView, NotModelled, ObjectView, Reference, Simulation, Step,
    IMPORTABLE,
};

use lab::{Code, Comparison, InputProblem, Probe};

/// The finalize lab under the lab contract: no input besides the code.
pub struct FinalizeLab;

impl lab::Lab for FinalizeLab {
    const NAME: &'static str = "finalize";
    type Input = ();
    type Prediction = Simulation;

    /// The simulation follows CPython's reference counting; the versions differ in the order a
    /// returning function's locals go.
    fn predict(code: &Code, _: &(), python_minor: u8) -> Result<Simulation, InputProblem> {
        Ok(simulate_on(code.source(), code.module(), python_minor))
    }

    fn probe(code: &Code, _: &Simulation, _: &()) -> Option<Probe> {
        Some(Probe::rerunning(probe(code.text())))
    }

    fn compare(simulation: &Simulation, report: &str) -> Comparison {
        compare(simulation, report)
    }
}
