//! The words and example programs of each pattern page.
//!
//! Text is plain strings with `backticks` for inline code; [`crate::components::prose`]
//! renders them. The examples live in `src/examples/*.py` so they can be run
//! with a plain `python3` too.

use urlstate::Pattern;

/// The article the five patterns come from; each page links to it.
pub const SOURCE_ARTICLE: &str =
    "https://dev.to/dimitrisk_cyclopt/5-python-engineering-patterns-for-resilience-and-scale-3b5f";

pub struct PatternContent {
    pub title: &'static str,
    /// The API the page is about, shown in code type.
    pub api: &'static str,
    /// One sentence for the home page card.
    pub summary: &'static str,
    pub explanation: &'static [&'static str],
    /// Where the article simplifies, and what CPython actually does.
    pub reality: &'static [&'static str],
    pub example: &'static str,
}

pub fn content(pattern: Pattern) -> &'static PatternContent {
    match pattern {
        Pattern::Protocol => &PROTOCOL,
        Pattern::Annotated => &ANNOTATED,
        Pattern::Freeze => &FREEZE,
        Pattern::Dispatch => &DISPATCH,
        Pattern::Finalize => &FINALIZE,
    }
}

static PROTOCOL: PatternContent = PatternContent {
    title: "Structural subtyping",
    api: "typing.Protocol",
    summary: "Describe an interface by the members it needs, and accept any class that has them, with no inheritance.",
    explanation: &[
        "A `Protocol` class lists the members an object must have. A type checker such as mypy then accepts any class whose members match, whether or not it inherits from the Protocol. The consumer owns the interface; the providers never import it.",
        "Matching means more than having the names. Each method must accept every call the Protocol allows: the same parameters in compatible kinds, defaults where the Protocol has them, parameter types at least as wide and a return type at least as narrow.",
        "Edit the classes and watch the lab judge each class against each Protocol as you type. Run the code and CPython checks the runtime column.",
    ],
    reality: &[
        "It is often said that mocks only need to match the method signature. Only a static checker compares signatures. At runtime, `isinstance` against a `@runtime_checkable` Protocol checks that the members exist and nothing else: `ShoutingSink` passes it with a wrong signature.",
        "Without `@runtime_checkable`, `isinstance` against a Protocol raises `TypeError`.",
        "`isinstance` never builds an object. `FileSink` is a dataclass whose generated `__init__` needs a `path`, and it still passes: the lab checks it as `FileSink.__new__(FileSink)`, which runs no `__init__`, the way `isinstance` looks at the class.",
    ],
    example: include_str!("examples/protocol.py"),
};

static ANNOTATED: PatternContent = PatternContent {
    title: "Metadata-driven validation",
    api: "typing.Annotated",
    summary: "Attach validation rules and other facts to a type hint, for a framework to read and enforce.",
    explanation: &[
        "`Annotated[T, x, y]` is the type `T` carrying the extra objects `x` and `y`. A type checker sees only `T`. Code that reads the hints with `get_type_hints(..., include_extras=True)` sees the extras too, and can act on them: check a length, mask a secret, describe a column.",
        "The example's `check` is such code, written by hand. pydantic is another: in a `BaseModel`, or a function under `@validate_call`, it enforces the constraints of the `annotated_types` package (`MinLen`, `Ge`, `Le`, `Gt`, ...) and the same limits written as `Field(min_length=8)`, and reports every failing field at once in a `ValidationError`. FastAPI validates requests through pydantic, so one alias such as `Username` carries its rules everywhere it is used.",
        "pydantic runs in this page: the first Run that imports it loads it, from this site, and the Output says so. Pages whose code does not import it never download it.",
    ],
    reality: &[
        "The metadata does nothing by itself. Python never validates a call: `sign_up(\"al\", -4, \"hunter2\")` runs without complaint. Only code that reads the metadata enforces it.",
        "Plain `get_type_hints` strips the metadata; only `include_extras=True` keeps it.",
        "A string in the metadata is not a rule. pydantic ignores metadata it does not know, so `Annotated[str, \"min_len:3\"]` accepts `\"al\"`, and `\"sensitive_data\"` hides nothing: pydantic's own error message shows the rejected password. A string tag acts only where code looks for it, as the example's masking step does.",
        "pydantic converts before it checks: in its default lax mode the string `\"36\"` becomes the int `36` for an `int` field. Strict mode rejects it.",
    ],
    example: include_str!("examples/annotated.py"),
};

static FREEZE: PatternContent = PatternContent {
    title: "Sharing memory with forked workers",
    api: "gc.freeze()",
    summary: "Stop the cyclic garbage collector from dirtying the pages that forked workers share with their parent.",
    explanation: &[
        "A pre-fork server loads its application once, then forks workers. Each worker starts out sharing every memory page with the parent, and the kernel copies a page only when a process writes to it (copy-on-write).",
        "CPython writes to objects that the program only reads. Every use of an object changes its reference count, in the object's header. Every full collection of the cyclic garbage collector writes to the GC header of every object it tracks.",
        "`gc.freeze()` moves all tracked objects into a permanent generation that collections skip. It removes the collector's writes; it cannot remove the reference-count writes. A browser cannot fork, so the example below shows what freeze does to a collection, the lab simulates the pages, and the `playground freeze` companion measures the real thing on your machine.",
    ],
    reality: &[
        "A flat saving such as \"20–40%\" does not exist. What freeze saves depends on what the workers touch. Workers that collect but never read the preloaded objects keep them shared, a large saving. Workers that read every object copy every page through reference counts, freeze or not, and save nothing.",
        "Call `gc.disable()` early in the parent, `gc.freeze()` just before the fork, and `gc.enable()` in the children, as the `gc` documentation recommends; collecting first is optional.",
    ],
    example: include_str!("examples/freeze.py"),
};

static DISPATCH: PatternContent = PatternContent {
    title: "Auto-wiring dispatch",
    api: "inspect.signature",
    summary: "Call a handler with just the payload fields its signature asks for.",
    explanation: &[
        "A dispatcher reads a handler's signature with `inspect.signature` and passes the payload keys whose names match its parameters. Handlers declare what they need; the dispatcher wires it.",
        "The lab shows every payload key and the parameter it feeds, every parameter and its value, its default or that it is missing, and the exact error CPython will raise.",
    ],
    reality: &[
        "The simple filter, keeping the keys found in `sig.parameters`, has traps. A handler with `**kwargs` receives nothing but its named parameters, because `kwargs` is the only other name. A positional-only parameter is passed by keyword and fails. Values arrive as JSON gave them: a string stays a string even when the parameter says `int`.",
        "Silently dropping unknown keys hides typos in payloads. A stricter dispatcher reports them and converts values to the annotated type.",
        "For a class, `inspect.signature` reads the parameters of `__init__`, and for a dataclass that is the one it generates: `Invite` takes `email` and `role`, but not `sent`, which is declared with `init=False`, so `sent` in the payload is dropped.",
        "`inspect.signature` is not free. Cache it per handler: the lab measures the difference in real CPython.",
    ],
    example: include_str!("examples/dispatch.py"),
};

static FINALIZE: PatternContent = PatternContent {
    title: "Cleanup that cannot be forgotten",
    api: "weakref.finalize",
    summary: "Release a resource when its owner is collected, at exit, or on demand, exactly once.",
    explanation: &[
        "`weakref.finalize(obj, func, *args)` calls `func(*args)` once: when `obj` is collected, when you call the finalizer yourself, or at interpreter exit if it has not run yet. It holds only a weak reference to `obj`.",
        "In CPython an object with no cycle is freed the moment its last reference goes, so its finalizer runs right then. An object in a reference cycle waits for the cyclic garbage collector.",
    ],
    reality: &[
        "The finalizer keeps `func` and `args` alive. If either refers to the object, such as a bound method `self.close`, the object can never be collected, and the cleanup only happens at exit.",
        "`__del__` is no longer a leak in cycles: since Python 3.4 (PEP 442) the collector frees cycles whose objects define `__del__`. `finalize` is still the better tool: it runs once, can be called early, checked with `.alive`, and runs at exit.",
    ],
    example: include_str!("examples/finalize.py"),
};
