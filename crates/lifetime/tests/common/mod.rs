//! The differential corpus shared by the CPython and Pyodide tests: each case is a prelude file
//! (classes that register finalizers) followed by a short program.

use std::path::{Path, PathBuf};

use cpython_truth::Expected;
use lifetime::FinalizeLab;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Case {
    prelude: String,
    body: String,
}

impl Case {
    pub fn code(&self) -> String {
        let prelude = std::fs::read_to_string(tests_dir().join("corpus").join(&self.prelude)).unwrap();
        format!("{prelude}\n{}\n", self.body)
    }
}

impl std::fmt::Display for Case {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {:?}", self.prelude, self.body)
    }
}

fn tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")
}

/// The corpus: the workshop's programs, then those written around dataclasses' options, around
/// failing calls that free the function called, around generators and
/// `contextlib.contextmanager`, around built-ins (`type()`, `enumerate`, `zip` and `tuple`
/// over generators, ranges compared, closures as weak references' callbacks), around
/// iterating instances whose `__iter__` is a generator function, and around methods decorated
/// by the program's own decorators, and around class bodies (literal class attributes read
/// through instances and classes; bodies that run code, declined), around class attributes
/// bound to containers (the shared registry pattern), around classmethods and staticmethods
/// (through the class, a subclass, an instance) and class attributes bound to names, rebound
/// and deleted after the class statement, around `gc.disable()` (the order of finalizers in
/// one collection, certain only while automatic collection is off), around sets of ints (their
/// hash tables' order: displays, comprehensions, `set()`, `add`, `discard`, `remove`, `pop`,
/// `clear`), and around exceptions kept after their handler inside a function (the frames
/// their traceback keeps), and around printing reprs that show a memory address (instances,
/// weak references and finalizers alive and dead, functions, bound methods, in containers and
/// f-strings; and where they stay declined), and around such reprs kept as strings (`repr()`,
/// `str()`, f-strings and `str.format` stored, joined, concatenated, outliving their object;
/// their length, comparison, hashing, methods and characters declined), and around reading an attribute an instance lacks
/// (the AttributeError holding the instance; `__getattr__`, slots and `del`, declined), and around
/// exceptions out of `__init__` (the half-built instance its traceback keeps, whose `__del__`
/// runs when the exception goes), and around calls with `*` and `**` arguments (the bound
/// method a method call then makes, the tuple and the keyword dict, and when each goes), and
/// around the decorators people write (`wrapper(*args, **kwargs)` passing them on, counting,
/// caching, `functools.wraps`), and around `getattr`, `hasattr` and `setattr` (half-built
/// instances whose `__del__` guards what `__init__` did not set, the AttributeError `getattr`
/// without a default keeps the instance in; `__getattr__`, raising properties and mangled
/// names, declined), and around zero-argument `super()` in methods (`super().__init__(...)`
/// that raises out of a subclass's `__init__`, `super().__del__()`), and around `sys.exit()`
/// with status 0 (`finally`, `with` and `except` on its way out, its traceback's frames going
/// before the atexit handlers), and around conditional expressions (the test's value going
/// before the branch runs), and around finalizers with keyword arguments (and the order a
/// finalizer lets go of what it held), and around `list.remove`, `insert` and `extend`, and
/// around the order an instance lets go of its attributes (its class's shared keys: the first
/// instance to set a name places it; from 3.14 the names `self.X` stores come first, sorted),
/// and around the everyday built-ins (`min`/`max` with `key=`, `sum`, `any`/`all` stopping a
/// generator, `reversed`, slices, `+` and `*` of sequences, `str.join`/`split`/`format` and
/// the rest), and around slices as targets (`del a[i:j]`, `a[i:j] = items`: the items taken
/// out go last to first, once the new ones are in), and around f-strings' format specs, and
/// around properties' setters and deleters (in `__init__`, replacing, keeping or dropping what they
/// are given, raising; a property without one; on a dataclass's instance, with slots, frozen
/// (declined); what the model declines at the class statement),
/// and around exceptions out of comprehensions (the partial result, the iterator and the loop
/// variables: on 3.11 the comprehension's own frame, which the traceback keeps; from 3.12 the
/// inlined comprehension's handler), and around extended slices as targets (`del a[::2]`,
/// `a[::-2] = items`: the items taken out go in the order of their positions, or of the slice,
/// and CPython's ValueError for a sequence of another size), and around generator expressions
/// (walked by `sum`, `any`, `list`, `str.join`, a loop or `next`, stopped early, kept, closures
/// over a function's locals; the close from 3.13 that raises no GeneratorExit),
/// and around objects that go at the same instruction (a call's arguments and a built-in
/// method's instance, a failing operation's operands, a `with`'s manager and what `__exit__`
/// returns, displays, subscripts, exceptions' arguments, frames' locals), whose order changed
/// in 3.14.
pub fn cases() -> Vec<Case> {
    [
        "cases.json",
        "dataclass_cases.json",
        "failing_call_cases.json",
        "generators.json",
        "exit_cases.json",
        "lambda_cases.json",
        "order_cases.json",
        "builtins_cases.json",
        "iteration_cases.json",
        "decorated_cases.json",
        "class_attribute_cases.json",
        "class_container_cases.json",
        "gc_order_cases.json",
        "set_cases.json",
        "kept_exception_cases.json",
        "classmethod_cases.json",
        "repr_cases.json",
        "attribute_error_cases.json",
        "init_exception_cases.json",
        "star_call_cases.json",
        "decorated_star_cases.json",
        "system_exit_cases.json",
        "conditional_cases.json",
        "finalize_kwargs_cases.json",
        "list_method_cases.json",
        "attribute_builtin_cases.json",
        "super_cases.json",
        "shared_keys_cases.json",
        "common_builtins_cases.json",
        "slice_target_cases.json",
        "format_spec_cases.json",
        "import_cases.json",
        "property_setter_cases.json",
        "operand_order_cases.json",
        "comprehension_exception_cases.json",
        "extended_slice_cases.json",
        "generator_expression_cases.json",
        "release_order_314_cases.json",
        "stored_repr_cases.json",
    ]
    .into_iter()
    .flat_map(read_cases)
    .collect()
}

/// The programs an exception ends, held against scripts (their traceback's line and exit
/// status) and, as the page checks them, against the runner and the probe, which runs them
/// again. Some end with objects alive whose `__del__` runs at exit, where `sys` lets go of the
/// exception first; others call `sys.exit()` with another status, or a message; others an exception out of a
/// comprehension (on 3.11 its frame's locals going with the traceback at exit), or out of an
/// extended slice's store, or out of a generator expression, or an error line that shows a
/// memory address.
pub fn escaping_cases() -> Vec<Case> {
    [
        "escaping.json",
        "dataclass_escaping.json",
        "generators_escaping.json",
        "builtins_escaping.json",
        "decorated_escaping.json",
        "attribute_error_escaping.json",
        "exit_escaping.json",
        "star_call_escaping.json",
        "system_exit_escaping.json",
        "super_escaping.json",
        "common_builtins_escaping.json",
        "self_binding_escaping.json",
        "import_escaping.json",
        "property_setter_escaping.json",
        "comprehension_exception_escaping.json",
        "extended_slice_escaping.json",
        "generator_expression_escaping.json",
        "stored_repr_escaping.json",
    ]
    .into_iter()
    .flat_map(read_cases)
    .collect()
}

fn read_cases(file: &str) -> Vec<Case> {
    serde_json::from_str(&std::fs::read_to_string(tests_dir().join(file)).unwrap()).unwrap()
}

/// What the corpus checks: every line each program prints, and how it ends.
pub const EXPECTED: Expected = Expected { cases: 1349, checked: 7232, declined: 532 };

/// What the escaping corpus checks against each CPython's scripts: every stdout line, the error
/// and the traceback's last line of each program; and how many of those facts the model declines.
pub const ESCAPING_EXPECTED: Expected = Expected { cases: 251, checked: 761, declined: 77 };

/// How many escaping programs the model follows to their error.
pub const ESCAPING_PREDICTED: usize = 221;

/// What the escaping corpus checks through the page's runner and the probe, on `truth`: every
/// line and how each program ends. On Pyodide two programs the model stops in (a weak
/// dictionary changed while a loop iterates over it) print one line more before their error.
pub fn escaping_probed(truth: &cpython_truth::Truth) -> Expected {
    let declined = if matches!(truth, cpython_truth::Truth::Pyodide) { 49 } else { 47 };
    Expected { cases: ESCAPING_EXPECTED.cases, checked: 540, declined }
}

/// Every escaping program as a case of the lab contract.
pub fn escaping_lab_cases() -> Vec<cpython_truth::Case<FinalizeLab>> {
    escaping_cases()
        .iter()
        .map(|case| cpython_truth::Case { name: case.to_string(), code: case.code(), input: () })
        .collect()
}
/// Every program as a case of the lab contract.
pub fn lab_cases() -> Vec<cpython_truth::Case<FinalizeLab>> {
    cases().iter().map(|case| cpython_truth::Case { name: case.to_string(), code: case.code(), input: () }).collect()
}
