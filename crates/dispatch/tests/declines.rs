//! Handlers the lab declines (tests/corpus/declined.py): what makes each call differ from a plain
//! `def` or `class` is something the model does not follow, so the prediction is refused with the
//! construct and its line, never made wrongly. CPython's run of each shows what a model that
//! read the handler as a plain `def` or `class` would have got wrong.

use dispatch::{DispatchInput, DispatchLab, Dispatcher, DispatcherSource};
use lab::{Code, Lab};

const CODE: &str = include_str!("corpus/declined.py");

const PAYLOAD: &str = r#"{"a": 1, "b": 2}"#;

/// (handler, what the refusal says, what CPython's report says that a plain reading misses).
const DECLINED: &[(&str, &str, &str)] = &[
    // An exception group's __new__ of the code passes a message and exceptions on to the
    // built-in's, which checks them; its __init__ then refuses keywords.
    (
        "Failure",
        "Failure reaches the built-in ExceptionGroup with a __new__ of the code",
        r#""error": "TypeError: Failure() takes no keyword arguments""#,
    ),
    (
        "Record",
        "Record's base `tuple` (line 10) is not a class defined in the code",
        r#""entered": false, "params": null"#,
    ),
    (
        "WithMeta",
        "WithMeta has the metaclass Meta (line 19): calling the class runs the metaclass's __call__ first, and inspect.signature reports the parameters of a __call__ of the code while its body decides what reaches __new__ and __init__",
        r#""error": "TypeError: WithMeta.__init__() missing 2 required positional arguments: 'a' and 'b'""#,
    ),
    ("Registered", "Registered is decorated with @register (line 28)", r#""params": {"b": "2"}"#),
    (
        "FailureChild",
        "FailureChild reaches the built-in ExceptionGroup with a __new__ of the code",
        r#""error": "TypeError: FailureChild() takes no keyword arguments""#,
    ),
    ("decorated", "decorated is decorated with @fixed (line 51), whose definition at line 47 is not a wrapper", r#""params": {"b": "2"}"#),
    ("rebound", "rebound is bound at line 60 by `rebound = fixed(rebound)`", r#""params": {"b": "2"}"#),
    (
        "Patched",
        "line 68 changes an attribute of Patched (`Patched.__init__ = functools.partialmethod(",
        r#""entered": false, "params": null"#,
    ),
    (
        "maybe",
        "maybe is bound inside the `if` at line 75, whose condition `__import__(\"os\").environ.get(\"PLAYGROUND_MODE\") != \"strict\"` the lab does not evaluate",
        r#""params": {"b": "2"}"#,
    ),
    (
        "StringClassVar",
        "the annotation `\"ClassVar[str]\"` (line 97) is a string, which dataclasses looks up in sys.modules['__main__'], and line 90 has `import __main__`",
        r#""params": {"a": "1", "quoted": "'q'"}"#,
    ),
    (
        "drops_keywords",
        "drops_keywords is decorated with @swallowing (line 126), whose definition at line 118 makes a wrapper wrapper whose body is not only `return func(*args, **kwargs)`",
        r#""params": {"a": "0", "b": "0"}"#,
    ),
    ("holder", "holder is bound at line 140 by `holder = Holder()`, an instance of Holder, which defines no __call__", "is not a callable object"),
];

/// Declines that need code of their own: (code, handler, what the refusal says, what CPython's
/// report says that a plain reading misses).
const SNIPPETS: &[(&str, &str, &str, &str)] = &[
    (
        "class Api:\n    def __init__(self, a):\n        self.a = a\n\ndef patch():\n    Api.__init__ = lambda self, b: None\n\npatch()\n",
        "Api",
        "line 6 changes an attribute of Api inside a function, a class or a block",
        r#""params": {"b": "2"}"#,
    ),
    (
        "class Api:\n    def get(self, a):\n        return a\n\nearly = Api().get\nApi.get = lambda self, b: b\n",
        "early",
        "line 6 changes an attribute of Api (`Api.get = lambda self, b: b`)",
        r#""params": {"a": "1"}"#,
    ),
    (
        "class Api:\n    @staticmethod\n    def make(a):\n        return a\n\nApi.make = staticmethod(lambda b: b)\n",
        "Api.make",
        "line 6 changes an attribute of Api (`Api.make = staticmethod(lambda b: b)`)",
        r#""params": {"b": "2"}"#,
    ),
    (
        "class Api:\n    def __init__(self, a):\n        self.a = a\n\nApi.__new__ = lambda cls, b: object.__new__(cls)\n",
        "Api",
        "line 5 changes an attribute of Api (`Api.__new__ = lambda cls, b: object.__new__(cls)`)",
        r#""error": "TypeError: Api.__init__() got an unexpected keyword argument 'b'""#,
    ),
    (
        "class Api(dict):\n    pass\n\nApi.__init__ = lambda self, b: None\n",
        "Api",
        "line 4 changes an attribute of Api (`Api.__init__ = lambda self, b: None`)",
        r#""params": {"b": "2"}"#,
    ),
    (
        "def f(a):\n    return a\n\nif f:\n    setattr(f, \"__signature__\", __import__(\"inspect\").signature(lambda b: b))\n",
        "f",
        "line 5 changes an attribute of f inside a function, a class or a block",
        r#""error": "TypeError: f() got an unexpected keyword argument 'b'""#,
    ),
    (
        "import os\n\nclass H:\n    def __init__(self, a):\n        self.a = a\n\n    if not os.environ.get(\"PLAYGROUND_NEVER_SET\"):\n        def __init__(self, b):\n            self.b = b\n",
        "H",
        "H's body has an `if` at line 7, whose condition `not os.environ.get(\"PLAYGROUND_NEVER_SET\")` the lab does not evaluate",
        r#""params": {"b": "2"}"#,
    ),
    (
        "import os\n\nclass H:\n    FLAG = os.sep\n\n    def __init__(self, a):\n        self.a = a\n\n    if FLAG:\n        def __init__(self, b):\n            self.b = b\n",
        "H",
        "H's body has an `if` at line 9, whose condition `FLAG` the lab does not evaluate",
        r#""params": {"b": "2"}"#,
    ),
    (
        "class H:\n    def __init__(self, a):\n        self.a = a\n\n    for _ in (1,):\n        def __init__(self, b):\n            self.b = b\n",
        "H",
        "H's body has a block at line 5, which may define its members",
        r#""params": {"b": "2"}"#,
    ),
    (
        "class Base:\n    def __init_subclass__(cls):\n        cls.__init__ = lambda self, b: None\n\nclass H(Base):\n    def __init__(self, a):\n        self.a = a\n",
        "H",
        "Base defines __init_subclass__ (line 2), which may change its subclasses",
        r#""params": {"b": "2"}"#,
    ),
    (
        "def f(a):\n    return a\n\ndef setup():\n    global f\n    f = lambda b: b\n\nsetup()\n",
        "f",
        "line 5 has `global f`, which may rebind f where the lab does not look",
        r#""params": {"b": "2"}"#,
    ),
    (
        "import os\n\nLIMIT = len(os.sep)\n\ndef f(a):\n    return a\n\nif LIMIT:\n    def f(b):\n        return b\n",
        "f",
        "f is bound inside the `if` at line 8, whose condition `LIMIT` the lab does not evaluate",
        r#""params": {"b": "2"}"#,
    ),
    (
        "import sys\n\ndef f(a):\n    return a\n\nif sys.version_info > (3, 11) and sys.argv is not None:\n    def f(b):\n        return b\n",
        "f",
        "f is bound inside the `if` at line 6, whose condition `sys.version_info > (3, 11) and sys.argv is not None` the lab does not evaluate",
        r#""params": {"b": "2"}"#,
    ),
    (
        "import inspect\n\ndef make():\n    return inspect.signature(lambda b: b)\n\ndef f(a):\n    return a\n\nf.__signature__ = make()\n",
        "f",
        "line 9 sets f.__signature__ (`f.__signature__ = make()`) to a value the lab does not read",
        r#""error": "TypeError: f() got an unexpected keyword argument 'b'""#,
    ),
    (
        "import inspect\n\nNumber = int\n\ndef f(a):\n    return a\n\nf.__signature__ = inspect.Signature([inspect.Parameter(\"b\", inspect.Parameter.KEYWORD_ONLY, annotation=Number)])\n",
        "f",
        "line 8 sets f.__signature__ (`f.__signature__ = inspect.Signature([inspect.Parameter(\"b\", …`) to a parameter b annotated `Number`, which the lab reads only as a string or the built-in int, float, str or bool",
        r#""error": "TypeError: f() got an unexpected keyword argument 'b'""#,
    ),
    (
        "import inspect\n\ndef logged(func):\n    def wrapper(*args, **kwargs):\n        return func(*args, **kwargs)\n    return wrapper\n\n@logged\ndef f(a):\n    return a\n\nf.__signature__ = inspect.signature(lambda b: b)\n",
        "f",
        "f is decorated and sets __signature__",
        r#""error": "TypeError: f() got an unexpected keyword argument 'b'""#,
    ),
    (
        "from typing import NamedTuple\n\nclass H(NamedTuple):\n    a: int = 0\n\n    @staticmethod\n    def make(b):\n        return b\n",
        "H.make",
        "H.make is not a plain method of the named tuple H, nor a field whose default the lab reads",
        r#""params": {"b": "2"}"#,
    ),
    (
        "def f(a):\n    return a\n\nglobals()[\"f\"] = lambda b: b\n",
        "f",
        "line 4 has a call of globals(), which may rebind f",
        r#""params": {"b": "2"}"#,
    ),
    (
        "import functools\n\ndef traced(func):\n    return lambda b: func(0, b)\n\n@traced\ndef f(a, b=0):\n    return a, b\n\ndef traced(func):\n    @functools.wraps(func)\n    def wrapper(*args, **kwargs):\n        return func(*args, **kwargs)\n    return wrapper\n",
        "f",
        "f is decorated with @traced (line 6), whose name is bound more than once",
        r#""params": {"b": "2"}"#,
    ),
    (
        "class Base:\n    def __init__(self, b):\n        self.b = b\n\nclass Child(Base):\n    pass\n\nclass Base:\n    def __init__(self, a, b):\n        pass\n",
        "Child",
        "Child's base Base is bound more than once at the top level",
        r#""params": {"b": "2"}"#,
    ),
    (
        "dataclass = lambda cls: cls\n\n@dataclass\nclass H:\n    a: int = 0\n\nfrom dataclasses import dataclass\n",
        "H",
        "H is decorated with @dataclass (line 3), which may replace the class",
        r#""params": {}"#,
    ),
    (
        "class H(Exception):\n    def __new__(cls, a, b=0):\n        if b:\n            return ValueError(a)\n        return super().__new__(cls, a)\n",
        "H",
        "__new__ (line 2) does more than `return super().__new__(cls, ...)` with plain arguments",
        r#""outcome": "ok""#,
    ),
    (
        "class Base(Exception):\n    def __init__(self, a, b=0):\n        super().__init__(a, b)\n\nclass H(KeyError, Base):\n    pass\n",
        "H",
        "H lists the built-in base KeyError before Base",
        r#""error": "ValueError: no signature found for builtin type <class '__main__.H'>""#,
    ),
    (
        "class H(ImportError):\n    def __new__(cls, a, b=0):\n        return super().__new__(cls, a)\n",
        "H",
        "H defines __new__ (in H) and its built-in base ImportError reads the arguments",
        "ImportError()",
    ),
    (
        "class Items(list):\n    pass\n",
        "Items",
        "Items takes its __init__ from the built-in base list: inspect.signature reports the built-in's own (iterable=(), /)",
        r#""entered": false, "params": null"#,
    ),
    (
        "class Record(dict):\n    pass\n",
        "Record.keys",
        "Record has no method keys of the code's own; one of the built-in dict's would not be followed",
        r#""error": "ValueError: no signature found for builtin <built-in method keys of Record object"#,
    ),
    (
        "class Base:\n    def __init__(self, a):\n        self.a = a\n\nclass Record(dict, Base):\n    pass\n",
        "Record",
        "Record reaches the built-in base dict and Record has several bases",
        r#""error": "ValueError: no signature found for builtin type <class '__main__.Record'>""#,
    ),
    (
        "import sys\nfrom dataclasses import dataclass\nfrom typing import ClassVar\n\nsys.modules[\"__main__\"].ClassVar = ClassVar\n\n@dataclass\nclass H:\n    a: int = 1\n    count: \"ClassVar[int]\" = 0\n",
        "H",
        "the annotation `\"ClassVar[int]\"` (line 10) is a string, which dataclasses looks up in sys.modules['__main__'], and line 5 has `.modules`",
        r#""params": {"a": "1"}"#,
    ),
    (
        "import functools\n\ndef send(channel, /, message, **extra):\n    return channel, message, extra\n\nnamed = functools.partial(send, channel=\"x\")\n",
        "named",
        "`functools.partial(send, channel=\"x\")` (line 6) passes channel= for a positional-only parameter, so it has no signature",
        "has incorrect arguments",
    ),
    (
        "import functools\n\ndef send(channel, message):\n    return channel, message\n\nspill = functools.partial(send, \"a\", \"b\", \"c\")\n",
        "spill",
        "`functools.partial(send, \"a\", \"b\", \"c\")` (line 6) passes more positional arguments than the function takes, so it has no signature",
        "has incorrect arguments",
    ),
    (
        "class Shadowing:\n    def __init__(self, flag=True):\n        if flag:\n            self.run = lambda b: b\n\n    def run(self, a):\n        return a\n\nshadowed_run = Shadowing().run\n",
        "shadowed_run",
        "Shadowing (line 1) has `.run =`, which may give its instances an attribute run of their own",
        r#""params": {"b": "2"}"#,
    ),
    (
        "def make():\n    return lambda b: b\n\nclass Shadowing:\n    def __init__(self):\n        self.run = make()\n\n    def run(self, a):\n        return a\n\nshadowed_run = Shadowing().run\n",
        "shadowed_run",
        "Shadowing.__init__ sets the instance attribute run (line 6) to `make()`, an expression",
        r#""params": {"b": "2"}"#,
    ),
];

#[test]
fn snippets_are_declined_and_cpython_shows_why() {
    for (code, handler, reason, _) in SNIPPETS {
        let problem = DispatchLab::predict(&Code::parse(code).unwrap(), &input(handler), 14).expect_err(handler);
        assert!(problem.0.starts_with(&format!("cannot predict this handler: {reason}")), "{problem}");
    }
    let Some(truth) = cpython_truth::Truth::cpython("dispatch declines") else { return };
    let own = dispatch::own_code(&DispatcherSource::Lab, Dispatcher::Naive, false);
    let runs: Vec<(String, Option<String>)> = SNIPPETS
        .iter()
        .map(|(code, handler, _, _)| {
            (code.to_string(), Some(dispatch::probe(handler, PAYLOAD, &DispatcherSource::Lab, own.as_ref(), false)))
        })
        .collect();
    for ((code, _, _, truth_says), run) in SNIPPETS.iter().zip(truth.run(&runs)) {
        let report = run.probe_reports.first().unwrap_or_else(|| panic!("no report {run:?}"));
        assert!(report.contains(truth_says), "{report}\nshould contain {truth_says}\nfor\n{code}");
    }
}

/// A cache of no size (`maxsize=0`) calls the function without hashing: a list passes.
const UNCACHED: (&str, &str, &str, &str) = (
    "memo",
    r#"{"a": [1], "b": 2}"#,
    "memo is decorated with @functools.lru_cache(maxsize=0) (line 131), with arguments other than a positive or None maxsize",
    r#""params": {"a": "[1]", "b": "2"}"#,
);

/// Dataclasses and named tuples that CPython refuses when the type is made: the lab declines them rather
/// than predict a call of a class that never exists. (code, what the refusal says, CPython's error.)
const FAIL_WHEN_MADE: &[(&str, &str, &str)] = &[
    (
        "from dataclasses import dataclass\n\n@dataclass\nclass H:\n    a: int\n    tags: list = []\n",
        "the default of tags (line 6) is a mutable `[]`",
        "ValueError: mutable default <class 'list'> for field tags is not allowed: use default_factory",
    ),
    (
        "from dataclasses import dataclass, field\n\n@dataclass\nclass H:\n    a: dict = field(default={})\n",
        "the default of a (line 5) is a mutable `field(default={})`",
        "ValueError: mutable default <class 'dict'> for field a is not allowed: use default_factory",
    ),
    (
        "from dataclasses import dataclass\n\n@dataclass\nclass H:\n    a: int = 0\n    b: int\n",
        "in H, the field b without a default follows one with a default",
        "TypeError: non-default argument 'b' follows default argument",
    ),
    (
        "from dataclasses import dataclass\n\n@dataclass\nclass B:\n    a: int\n\n@dataclass(frozen=True)\nclass H(B):\n    b: int = 0\n",
        "H is a frozen dataclass with the non-frozen dataclass B as a base",
        "TypeError: cannot inherit frozen dataclass from a non-frozen one",
    ),
    (
        "import dataclasses\n\n@dataclasses.dataclass(order=True, eq=False)\nclass H:\n    a: int\n",
        "@dataclasses.dataclass(order=True, eq=False) (line 3) sets order=True with eq=False",
        "ValueError: eq must be true if order is true",
    ),
    (
        "from dataclasses import KW_ONLY, dataclass\n\n@dataclass\nclass H:\n    a: int\n    _: KW_ONLY\n    b: int\n    c: KW_ONLY\n",
        "H has a second KW_ONLY (line 8)",
        "TypeError: 'c' is KW_ONLY, but KW_ONLY has already been specified",
    ),
    (
        "from dataclasses import dataclass, field\n\n@dataclass\nclass H:\n    a: list = field(default=(), default_factory=list)\n",
        "`field(default=(), default_factory=list)` (line 5) sets both default and default_factory",
        "ValueError: cannot specify both default and default_factory",
    ),
    (
        "from typing import NamedTuple\n\nclass H(NamedTuple):\n    a: int = 0\n    b: int\n",
        "in H, the field b without a default follows a, which has one",
        "TypeError: Non-default namedtuple field b cannot follow default field a",
    ),
    (
        "from typing import NamedTuple\n\nclass H(NamedTuple):\n    a: int\n\n    def __init__(self, a):\n        pass\n",
        "H defines __init__ (line 6)",
        "AttributeError: Cannot overwrite NamedTuple attribute __init__",
    ),
    (
        "from collections import namedtuple\n\nH = namedtuple('H', 'a _b')\n",
        "the field name '_b' of H (line 3) starts with an underscore",
        "ValueError: Field names cannot start with an underscore: '_b'",
    ),
    (
        "from collections import namedtuple\n\nH = namedtuple('H', 'a a')\n",
        "the field name 'a' of H (line 3) is repeated",
        "ValueError: Encountered duplicate field name: 'a'",
    ),
    (
        "import collections\n\nH = collections.namedtuple('H', 'a class')\n",
        "the field name 'class' of H (line 3) is not an identifier",
        "ValueError: Type names and field names cannot be a keyword: 'class'",
    ),
    (
        "from collections import namedtuple\n\nH = namedtuple('H', 'a', defaults=[1, 2])\n",
        "`namedtuple('H', 'a', defaults=[1, 2])` (line 3) has more defaults than fields",
        "TypeError: Got more default values than field names",
    ),
];

fn input(handler: &str) -> DispatchInput {
    DispatchInput {
        handler: handler.into(),
        payload: PAYLOAD.into(),
        dispatcher: Dispatcher::Naive,
        measure_cost: false,
    }
}

#[test]
fn each_handler_is_declined_with_the_construct_and_its_line() {
    let code = Code::parse(CODE).unwrap();
    for (handler, reason, _) in DECLINED {
        for minor in [11, 14] {
            let problem = DispatchLab::predict(&code, &input(handler), minor).expect_err(handler);
            let expected = format!("cannot predict this handler: {reason}");
            assert!(problem.0.starts_with(&expected), "{handler}: {problem}\nshould start with {expected}");
        }
    }
}

/// `str.__new__` reads a keyword it takes (`object=`) before the `__init__` of the code runs, and
/// then refuses `b=` (not the first keyword): `__init__` is never entered.
const BUILTIN_NEW: (&str, &str, &str, &str) = (
    "class Name(str):\n    def __init__(self, object=None, b=0):\n        self.b = b\n",
    r#"{"object": 5, "b": 2}"#,
    "Name reaches the built-in base str, whose __new__ reads the keyword object= before __init__ runs",
    r#""entered": false, "params": null"#,
);

#[test]
fn a_builtin_new_is_declined_for_a_keyword_it_reads() {
    let (code, payload, reason, truth_says) = BUILTIN_NEW;
    let input = DispatchInput { payload: payload.into(), ..input("Name") };
    let problem = DispatchLab::predict(&Code::parse(code).unwrap(), &input, 14).expect_err(code);
    assert!(problem.0.starts_with(&format!("cannot predict this handler: {reason}")), "{problem}");
    let Some(truth) = cpython_truth::Truth::cpython("dispatch declines") else { return };
    let own = dispatch::own_code(&DispatcherSource::Lab, Dispatcher::Naive, false);
    let probe = dispatch::probe("Name", payload, &DispatcherSource::Lab, own.as_ref(), false);
    let run = truth.run(&[(code.to_string(), Some(probe))]).remove(0);
    let report = run.probe_reports.first().unwrap_or_else(|| panic!("no report {run:?}"));
    assert!(report.contains(truth_says), "{report}");
}

/// The strict dispatcher passes positional-only parameters positionally: two of them reach
/// `BaseExceptionGroup.__new__`, which checks them as a message and a sequence of exceptions.
const GROUP_ARGUMENTS: (&str, &str, &str, &str) = (
    "class Failure(ExceptionGroup):\n    def __init__(self, message, excs, /):\n        super().__init__(message, excs)\n",
    r#"{"message": "m", "excs": [1]}"#,
    "Failure reaches the built-in BaseExceptionGroup, whose __new__ checks the two positional arguments passed",
    "of second argument (exceptions) is not an exception",
);

#[test]
fn an_exception_group_given_two_arguments_is_declined() {
    let (code, payload, reason, truth_says) = GROUP_ARGUMENTS;
    let input = DispatchInput { payload: payload.into(), dispatcher: Dispatcher::Strict, ..input("Failure") };
    let problem = DispatchLab::predict(&Code::parse(code).unwrap(), &input, 14).expect_err(code);
    assert!(problem.0.starts_with(&format!("cannot predict this handler: {reason}")), "{problem}");
    let Some(truth) = cpython_truth::Truth::cpython("dispatch declines") else { return };
    let own = dispatch::own_code(&DispatcherSource::Lab, Dispatcher::Strict, false);
    let probe = dispatch::probe("Failure", payload, &DispatcherSource::Lab, own.as_ref(), false);
    let run = truth.run(&[(code.to_string(), Some(probe))]).remove(0);
    let report = run.probe_reports.first().unwrap_or_else(|| panic!("no report {run:?}"));
    assert!(report.contains(truth_says), "{report}");
}

#[test]
fn a_cache_of_no_size_is_declined() {
    let (handler, payload, reason, truth_says) = UNCACHED;
    let code = Code::parse(CODE).unwrap();
    let input = DispatchInput { payload: payload.into(), ..input(handler) };
    let problem = DispatchLab::predict(&code, &input, 14).expect_err(handler);
    assert!(problem.0.starts_with(&format!("cannot predict this handler: {reason}")), "{problem}");
    let Some(truth) = cpython_truth::Truth::cpython("dispatch declines") else { return };
    let own = dispatch::own_code(&DispatcherSource::Lab, Dispatcher::Naive, false);
    let probe = dispatch::probe(handler, payload, &DispatcherSource::Lab, own.as_ref(), false);
    let run = truth.run(&[(CODE.to_string(), Some(probe))]).remove(0);
    let report = run.probe_reports.first().unwrap_or_else(|| panic!("no report {run:?}"));
    assert!(report.contains(truth_says), "{report}");
}

#[test]
fn dataclasses_that_fail_when_made_are_declined() {
    for (code, reason, _) in FAIL_WHEN_MADE {
        let parsed = Code::parse(code).unwrap();
        let problem = DispatchLab::predict(&parsed, &input("H"), 14).expect_err(code);
        assert!(problem.0.starts_with(&format!("cannot predict this handler: {reason}")), "{problem}\nfor\n{code}");
    }
    let Some(truth) = cpython_truth::Truth::cpython("dispatch declines") else { return };
    let runs: Vec<(String, Option<String>)> =
        FAIL_WHEN_MADE.iter().map(|(code, _, _)| (code.to_string(), None)).collect();
    for ((code, _, error), run) in FAIL_WHEN_MADE.iter().zip(truth.run(&runs)) {
        let actual = run.error.unwrap_or_default();
        assert!(actual.contains(error), "{actual}\nshould contain {error}\nfor\n{code}");
    }
}

#[test]
fn cpython_shows_what_a_plain_reading_would_have_missed() {
    let Some(truth) = cpython_truth::Truth::cpython("dispatch declines") else { return };
    let own = dispatch::own_code(&DispatcherSource::Lab, Dispatcher::Naive, false);
    let runs: Vec<(String, Option<String>)> = DECLINED
        .iter()
        .map(|(handler, _, _)| {
            let probe = dispatch::probe(handler, PAYLOAD, &DispatcherSource::Lab, own.as_ref(), false);
            (CODE.to_string(), Some(probe))
        })
        .collect();
    let results = truth.run(&runs);
    let mut wrong = Vec::new();
    for ((handler, _, expected), run) in DECLINED.iter().zip(&results) {
        let report = run.probe_reports.first().unwrap_or_else(|| panic!("{handler}: no report {run:?}"));
        if !report.contains(expected) {
            wrong.push(format!("{handler}: {report}\n  should contain {expected}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
