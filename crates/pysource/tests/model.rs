use pysource::{parse, Accessor, MemberKind, ParamKind, WrittenValue};

const SOURCE: &str = r#"
import abc
from typing import ClassVar, Protocol, runtime_checkable
import typing

@runtime_checkable
class Greeter(Protocol):
    name: str
    def greet(self, who: str, /, loud: bool = False, *rest: int, sep: str = " ", **extra: object) -> str: ...

@typing.runtime_checkable
class Box(typing.Protocol[T]):
    """Docstring."""
    def get(self) -> T:
        """Returns it."""
        pass

class Base(abc.ABC):
    kind: ClassVar[str] = "base"
    size: int
    @abc.abstractmethod
    def run(self) -> None:
        raise NotImplementedError
    @property
    def label(self) -> str:
        return "b"
    @property
    def value(self) -> int:
        return 1
    @value.setter
    def value(self, v: int) -> None:
        pass

class Meta(metaclass=abc.ABCMeta):
    pass

class Child(Base):
    colour = "red"
    def __init__(self, size: int) -> None:
        self.size = size
        self.ready: bool = True
        if size:
            self.hidden = 1
    @staticmethod
    def make() -> "Child":
        return Child(1)
    @classmethod
    def build(cls, n): return cls(n)
    def run(self): print("x")

def handler(a, b=[1, 2], *, c: "int | None" = None): return a
"#;

#[test]
fn classes_and_flags() {
    let module = parse(SOURCE).unwrap();
    let names: Vec<_> = module.classes.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Greeter", "Box", "Base", "Meta", "Child"]);
    let greeter = module.class("Greeter").unwrap();
    assert!(greeter.is_protocol && greeter.is_runtime_checkable && !greeter.is_abc);
    assert_eq!(greeter.line, 7);
    let boxed = module.class("Box").unwrap();
    assert!(boxed.is_protocol && boxed.is_runtime_checkable);
    assert_eq!(boxed.bases, ["typing.Protocol[T]"]);
    assert!(module.class("Base").unwrap().is_abc);
    assert_eq!(module.class("Meta").unwrap().metaclass.as_deref(), Some("abc.ABCMeta"));
    assert!(module.class("Meta").unwrap().is_abc);
    assert!(!module.class("Child").unwrap().is_protocol);
}

#[test]
fn every_parameter_kind_with_defaults_and_annotations() {
    let module = parse(SOURCE).unwrap();
    let Some(MemberKind::Method(greet)) = module.class("Greeter").unwrap().member("greet").map(|m| &m.kind) else {
        panic!("greet is a method")
    };
    let kinds: Vec<_> = greet.signature.params.iter().map(|p| (p.name.as_str(), p.kind)).collect();
    assert_eq!(
        kinds,
        [
            ("self", ParamKind::PositionalOnly),
            ("who", ParamKind::PositionalOnly),
            ("loud", ParamKind::PositionalOrKeyword),
            ("rest", ParamKind::VarPositional),
            ("sep", ParamKind::KeywordOnly),
            ("extra", ParamKind::VarKeyword),
        ]
    );
    let sig = &greet.signature;
    assert_eq!(sig.param("loud").unwrap().default.as_deref(), Some("False"));
    assert_eq!(sig.param("sep").unwrap().default.as_deref(), Some("\" \""));
    assert_eq!(sig.param("rest").unwrap().annotation.as_deref(), Some("int"));
    assert_eq!(sig.returns.as_deref(), Some("str"));
    assert!(greet.is_stub);
    assert_eq!(greet.bound_signature().params[0].name, "who");

    let handler = module.function("handler").unwrap();
    let b = handler.signature.param("b").unwrap();
    assert_eq!(b.default.as_deref(), Some("[1, 2]"));
    let c = handler.signature.param("c").unwrap();
    assert_eq!(
        (c.kind, c.annotation.as_deref(), c.default.as_deref()),
        (ParamKind::KeywordOnly, Some("\"int | None\""), Some("None"))
    );
    assert!(!handler.is_stub);
}

#[test]
fn decorators_properties_and_attributes() {
    let module = parse(SOURCE).unwrap();
    let base = module.class("Base").unwrap();
    match &base.member("run").unwrap().kind {
        MemberKind::Method(run) => {
            assert!(run.is_abstract && !run.is_stub);
            assert_eq!(run.decorators, ["abc.abstractmethod"]);
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(base.member("label").unwrap().kind, MemberKind::Property { setter: None, .. }));
    assert!(matches!(base.member("value").unwrap().kind, MemberKind::Property { setter: Some(_), .. }));
    match &base.member("kind").unwrap().kind {
        MemberKind::Attribute(a) => {
            assert!(a.class_var);
            assert_eq!(a.class_value.as_deref(), Some("\"base\""));
        }
        other => panic!("{other:?}"),
    }
    match &base.member("size").unwrap().kind {
        MemberKind::Attribute(a) => assert!(a.class_value.is_none() && !a.assigned_in_init && !a.class_var),
        other => panic!("{other:?}"),
    }
    let boxed = module.class("Box").unwrap();
    assert!(matches!(&boxed.member("get").unwrap().kind, MemberKind::Method(f) if f.is_stub));

    let child = module.class("Child").unwrap();
    match &child.member("size").unwrap().kind {
        MemberKind::Attribute(a) => assert!(a.assigned_in_init && a.annotation.is_none()),
        other => panic!("{other:?}"),
    }
    match &child.member("ready").unwrap().kind {
        MemberKind::Attribute(a) => assert_eq!(a.annotation.as_deref(), Some("bool")),
        other => panic!("{other:?}"),
    }
    assert!(child.member("hidden").is_none(), "conditional assignments are not modelled");
    assert!(matches!(&child.member("make").unwrap().kind, MemberKind::Method(f) if f.is_staticmethod));
    match &child.member("build").unwrap().kind {
        MemberKind::Method(f) => {
            assert!(f.is_classmethod);
            assert_eq!(f.bound_signature().params.len(), 1);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn inheritance_resolves_nearest_definition() {
    let module = parse(SOURCE).unwrap();
    let child = module.class("Child").unwrap();
    let members: Vec<_> =
        module.members_of(child).iter().map(|m| (m.member.name.as_str(), m.owner.name.as_str())).collect();
    assert!(members.contains(&("run", "Child")));
    assert!(members.contains(&("label", "Base")));
    assert!(members.contains(&("size", "Child")));
    assert!(members.contains(&("kind", "Base")));
    assert!(!members.iter().any(|(name, _)| *name == "__class__"));
    assert!(module.inherits(child, "Base"));
}

#[test]
fn c3_linearization_for_diamonds() {
    let module =
        parse("class A: pass\nclass B(A): pass\nclass C(A):\n    def f(self): ...\nclass D(B, C): pass\n").unwrap();
    let d = module.class("D").unwrap();
    let order: Vec<_> = module.mro(d).iter().map(|c| c.name.as_str()).collect();
    assert_eq!(order, ["D", "B", "C", "A"]);
    assert_eq!(module.lookup(d, "f").unwrap().owner.name, "C");
}

#[test]
fn cyclic_bases_do_not_hang() {
    let module = parse("class A(B): pass\nclass B(A): pass\n").unwrap();
    let a = module.class("A").unwrap();
    assert_eq!(module.mro(a).len(), 2);
}

#[test]
fn syntax_errors_have_one_based_line_and_character_column() {
    let error = parse("x = 1\ndéf = (\n").unwrap_err();
    assert_eq!(error.line, 3);
    let error = parse("é = 1\nclass C(:\n    pass\n").unwrap_err();
    assert_eq!((error.line, error.column), (2, 9), "{error:?}");
    let error = parse("ü + = 2\n").unwrap_err();
    assert_eq!((error.line, error.column), (1, 5), "{error:?}");
    assert!(!error.message.is_empty());
}

#[test]
fn annotations_read_as_types() {
    use pysource::TypeExpr::{self, *};
    assert_eq!(TypeExpr::parse("typing.Optional[int]"), Union(vec![Name("int".into()), None]));
    assert_eq!(TypeExpr::parse("\"int | None\""), Union(vec![Name("int".into()), None]));
    assert_eq!(TypeExpr::parse("List[str]"), Generic("list".into(), vec![Name("str".into())]));
    assert_eq!(TypeExpr::parse("ClassVar[Any]"), Any);
    assert_eq!(TypeExpr::parse("Literal[1]"), Generic("Literal".into(), vec![Unknown("Literal[1]".into())]));
}

#[test]
fn reprs_match_cpython() {
    // Expected values printed by CPython 3.11.
    let floats: Vec<String> =
        [1e16, 0.0001, 1e-05, 2.5, f64::INFINITY, f64::NEG_INFINITY].map(pysource::float_repr).into();
    assert_eq!(floats, ["1e+16", "0.0001", "1e-05", "2.5", "inf", "-inf"]);
    assert_eq!(pysource::str_repr("it's"), r#""it's""#);
    assert_eq!(pysource::str_repr("a\rb\u{1}"), r"'a\rb\x01'");
    assert_eq!(pysource::str_repr("q\"'"), r#"'q"\''"#);
}

#[test]
fn overloads_type_parameters_and_unread_class_statements() {
    let module = parse(
        r#"
from typing import overload
import typing

class Parser:
    @overload
    def parse(self, x: int) -> int: ...
    @typing.overload
    def parse(self, x: str) -> str: ...
    def parse(self, x): return x
    def plain(self) -> None: ...
    if True:
        hidden = 1
    a, b = 1, 2
    """Doc."""
    pass

class Box[T]:
    def get[S](self, s: S) -> T | S: ...
"#,
    )
    .unwrap();
    let parser = module.class("Parser").unwrap();
    match &parser.member("parse").unwrap().kind {
        MemberKind::Method(f) => assert!(f.overloaded && f.decorators.is_empty(), "{f:?}"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(&parser.member("plain").unwrap().kind, MemberKind::Method(f) if !f.overloaded));
    assert_eq!(parser.unread_statements, [12, 14]);
    assert_eq!(parser.type_params, None);
    let boxed = module.class("Box").unwrap();
    assert_eq!(boxed.type_params.as_deref(), Some("[T]"));
    assert!(boxed.unread_statements.is_empty());
    match &boxed.member("get").unwrap().kind {
        MemberKind::Method(f) => assert_eq!(f.type_params.as_deref(), Some("[S]")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn attribute_writes_in_every_method_and_block() {
    let module = parse(
        "class C:\n    def __init__(self, name: str, *rest) -> None:\n        self.name = name\n        if rest:\n            \
         self.rest = rest\n        self.a, self.b = 1, 2\n\n    def reset(self, size):\n        size = 0\n        \
         for i in range(3):\n            self.size = size\n        self.items: list[int] = [1]\n\n    \
         @staticmethod\n    def make(self):\n        self.ignored = 1\n\n    def later(this):\n        def inner():\n            \
         this.nested = 1\n        this.count = 3\n",
    )
    .unwrap();
    let writes = &module.classes[0].attribute_writes;
    let seen: Vec<(&str, &str, usize, bool, bool)> =
        writes.iter().map(|w| (w.name.as_str(), w.method.as_str(), w.line, w.top_level, w.untyped_method)).collect();
    assert_eq!(
        seen,
        [
            ("name", "__init__", 3, true, false),
            ("rest", "__init__", 5, false, false),
            ("a", "__init__", 6, true, false),
            ("b", "__init__", 6, true, false),
            ("size", "reset", 11, false, true),
            ("items", "reset", 12, true, true),
            ("nested", "later", 20, false, true),
            ("count", "later", 21, true, true),
        ]
    );
    assert_eq!(writes[0].value, WrittenValue::Parameter { name: "name".into(), annotation: Some("str".into()) });
    assert_eq!(writes[1].value, WrittenValue::Unread, "a variadic parameter");
    assert_eq!(writes[2].value, WrittenValue::Expression { text: "1".into() }, "unpacked from a display");
    assert_eq!(writes[3].value, WrittenValue::Expression { text: "2".into() });
    assert_eq!(writes[4].value, WrittenValue::Unread, "a parameter bound again");
    assert_eq!(writes[5].annotation.as_deref(), Some("list[int]"));
    assert_eq!(writes[5].value, WrittenValue::Expression { text: "[1]".into() });
    assert_eq!(writes[6].value, WrittenValue::Expression { text: "1".into() });
    assert_eq!(writes[7].value, WrittenValue::Expression { text: "3".into() });
    let unpacked = parse("class C:\n    def f(self, pair):\n        self.a, self.b = pair\n").unwrap();
    assert!(unpacked.classes[0].attribute_writes.iter().all(|w| w.value == WrittenValue::Unread));
    let shadowed = parse(
        "class C:\n    def f(self):\n        def g(self):\n            self.a = 1\n    def h(self):\n        \
         self = C()\n        self.b = 1\n",
    )
    .unwrap();
    assert!(shadowed.classes[0].attribute_writes.is_empty(), "another object's attributes");
}

#[test]
fn plain_type_variables_bound_once_at_top_level() {
    let module = parse(
        "import typing\nfrom typing import TypeVar\nT = TypeVar(\"T\")\nU = typing.TypeVar(\"U\")\n\
         B = TypeVar(\"B\", bound=int)\nC = TypeVar(\"C\", int, str)\nWrong = TypeVar(\"Other\")\n\
         R = TypeVar(\"R\")\nR = int\nif True:\n    I = TypeVar(\"I\")\n",
    )
    .unwrap();
    assert_eq!(module.type_variables, ["T", "U"]);
}

#[test]
fn class_body_ifs_are_read_as_chosen() {
    let source = pysource::Source::parse(
        r#"
class Chosen:
    if A:
        def a(self) -> None: ...
    elif B:
        b = 1
    elif C:
        c = 2
    else:
        d = 3
    if D:
        def a(self) -> int: ...
    if E:
        e: int
"#,
    )
    .unwrap();
    let read = |choose: &dyn Fn(&str, usize) -> pysource::ClassIfClause, reading| {
        let module = source.module_reading_class_ifs(choose, reading).0;
        let class = module.class("Chosen").unwrap();
        let members: Vec<String> = class.members.iter().map(|m| m.name.clone()).collect();
        let returns = match &class.member("a").map(|m| &m.kind) {
            Some(MemberKind::Method(f)) => f.signature.returns.clone(),
            _ => None,
        };
        (members.join(","), class.unread_statements.clone(), returns)
    };
    let names = |choose: &dyn Fn(&str, usize) -> pysource::ClassIfClause| {
        let module = source.module_reading_class_ifs(choose, pysource::ClassBodyReading::Python).0;
        let class = module.class("Chosen").unwrap();
        let members: Vec<String> = class.members.iter().map(|m| m.name.clone()).collect();
        (members.join(","), class.unread_statements.clone())
    };
    use pysource::ClassIfClause::{Either, Skipped, Taken, Unread};
    // Without a choice, every `if` is unread.
    let plain = source.module();
    assert_eq!(plain.class("Chosen").unwrap().unread_statements, [3, 11, 13]);
    assert!(plain.class("Chosen").unwrap().members.is_empty());
    // A taken clause ends the `if`; a skipped one passes to the next, down to the `else`.
    let by_name = |test: &str, _: usize| match test {
        "A" | "C" => Skipped,
        "B" | "E" => Taken,
        _ => Skipped,
    };
    assert_eq!(names(&by_name), ("b,e".to_owned(), vec![]));
    assert_eq!(names(&|_, _| Skipped), ("d".to_owned(), vec![]));
    // Either reads every clause; `a` defined again under `D` keeps its first definition for
    // mypy, and is replaced by the second as Python runs it.
    use pysource::ClassBodyReading::{Mypy, Python};
    let none = Some("None".to_owned());
    assert_eq!(read(&|_, _| Either, Mypy), ("a,b,c,d,e".to_owned(), vec![], none.clone()));
    assert_eq!(read(&|_, _| Either, Python), ("a,b,c,d,e".to_owned(), vec![], Some("int".to_owned())));
    assert_eq!(read(&|t, _| if t == "A" { Taken } else { Either }, Mypy).2, none);
    // An unread clause leaves its whole `if` unread, at the clause's line: `a` is then defined
    // only under `D`.
    let unread_c = |test: &str, _: usize| if test == "C" { Unread } else { Either };
    assert_eq!(names(&unread_c), ("a,e".to_owned(), vec![7]));
    assert_eq!(read(&unread_c, Mypy).2, Some("int".to_owned()));
    // The clause's line is given with its test.
    let lines = std::cell::RefCell::new(Vec::new());
    names(&|test, line| {
        lines.borrow_mut().push((test.to_owned(), line));
        Skipped
    });
    assert_eq!(
        lines.into_inner(),
        [("A".into(), 3), ("B".into(), 5), ("C".into(), 7), ("D".into(), 11), ("E".into(), 13)]
    );
}

#[test]
fn parameters_bound_again_at_the_top_level_keep_their_values() {
    let module = parse(
        "class C:\n    def __init__(self, a: int | None, b: str, c: int | None, d: int, e: int) -> None:\n        \
         a = a or 0\n        if c is None:\n            c = 1\n        self.a = a\n        self.b = b\n        \
         b = 'late'\n        self.c = c\n        if d:\n            d = 2\n        self.d = d\n        \
         for e in range(3):\n            pass\n        self.e = e\n",
    )
    .unwrap();
    let writes = &module.classes[0].attribute_writes;
    let value = |name: &str| writes.iter().find(|w| w.name == name).unwrap().value.clone();
    let rebinding = |value: &str, if_none: bool| pysource::Rebinding { value: value.into(), if_none };
    assert_eq!(
        value("a"),
        WrittenValue::Rebound {
            name: "a".into(),
            annotation: Some("int | None".into()),
            values: vec![rebinding("a or 0", false)]
        }
    );
    // Bound again only after it is stored: the parameter's own value.
    assert_eq!(value("b"), WrittenValue::Parameter { name: "b".into(), annotation: Some("str".into()) });
    assert_eq!(
        value("c"),
        WrittenValue::Rebound {
            name: "c".into(),
            annotation: Some("int | None".into()),
            values: vec![rebinding("1", true)]
        }
    );
    // Bound again under another condition, or by a `for`: not followed.
    assert_eq!(value("d"), WrittenValue::Unread);
    assert_eq!(value("e"), WrittenValue::Unread);
}

#[test]
fn class_body_loops_and_trys_are_read_as_each_reader_runs_them() {
    use pysource::ClassBodyReading::{Mypy, Python};
    let source = pysource::Source::parse(
        r#"
class Looped:
    for size in (1, 2):
        def close(self) -> None: ...
    else:
        done = True
    for name in []:
        pass
    for skipped in ("a", "b"):
        if skipped:
            break
    for mixed in (1, "a"):
        pass

class Tried:
    try:
        size = 1
        def close(self, x: int = 0) -> None: ...
    except ValueError:
        fallback = 2
    else:
        ran = 3
    finally:
        last = 4
    try:
        raised = compute()
    except NameError:
        caught = 5
    try:
        bound = 6
    except ValueError as error:
        pass
"#,
    )
    .unwrap();
    let read = |class: &str, reading| {
        let module = source.module_reading_class_ifs(&|_, _| pysource::ClassIfClause::Either, reading).0;
        let class = module.class(class).unwrap().clone();
        let members: Vec<String> = class.members.iter().map(|m| m.name.clone()).collect();
        (members.join(","), class.unread_statements)
    };
    // The loop variable holds the last item; an empty or jumping loop is unread.
    assert_eq!(read("Looped", Python), ("size,close,done,mixed".to_owned(), vec![7, 9]));
    assert_eq!(read("Looped", Mypy), read("Looped", Python));
    let (module, unread) = source.module_reading_class_ifs(&|_, _| pysource::ClassIfClause::Either, Python);
    let lines: Vec<usize> = unread.iter().map(|(line, _)| *line).collect();
    assert_eq!(lines, [7, 9, 25, 29]);
    assert!(unread[0].1.starts_with("a `for` at line 7 over `[]`"), "{}", unread[0].1);
    assert!(unread[2].1.starts_with("a `try` at line 25 whose body may raise"), "{}", unread[2].1);
    // A tuple of several types: mypy types the variable as their union, Python holds the last.
    let mixed = |reading| {
        let module = source.module_reading_class_ifs(&|_, _| pysource::ClassIfClause::Either, reading).0;
        match &module.class("Looped").unwrap().member("mixed").unwrap().kind {
            MemberKind::Attribute(attribute) => (attribute.annotation.clone(), attribute.class_value.clone()),
            _ => panic!("mixed is an attribute"),
        }
    };
    assert_eq!(mixed(Mypy), (Some("int | str".to_owned()), Some("\"a\"".to_owned())));
    assert_eq!(mixed(Python), (None, Some("\"a\"".to_owned())));
    match &module.class("Looped").unwrap().member("size").unwrap().kind {
        MemberKind::Attribute(attribute) => assert_eq!(attribute.class_value.as_deref(), Some("2")),
        other => panic!("size is {other:?}"),
    }
    // mypy counts every clause; Python runs a body that cannot raise, its else and finally.
    assert_eq!(read("Tried", Mypy), ("size,close,fallback,ran,last,raised,caught".to_owned(), vec![29]));
    assert_eq!(read("Tried", Python), ("size,close,ran,last".to_owned(), vec![25, 29]));
}

#[test]
fn module_constants_are_names_bound_once_to_a_literal() {
    let source = pysource::Source::parse(
        "DEBUG = True
LEVEL: int = 0
TWICE = 1
TWICE = 2
CALLED = f()
GLOBAL = 'a'
SHADOWED = None
def set_global():
    global GLOBAL
class C:
    SHADOWED = 1
",
    )
    .unwrap();
    let constants: Vec<(String, usize, String, Option<String>)> =
        source.module_constants().into_iter().map(|c| (c.name, c.line, c.text, c.annotation)).collect();
    assert_eq!(
        constants,
        [
            ("DEBUG".to_owned(), 1, "True".to_owned(), None),
            ("LEVEL".to_owned(), 2, "0".to_owned(), Some("int".to_owned()))
        ]
    );
}

#[test]
fn class_body_loops_over_ranges_dicts_and_module_displays() {
    use pysource::ClassBodyReading::{Mypy, Python};
    let source = pysource::Source::parse(
        r#"
NAMES = ("a", "b")
class Loops:
    for down in range(3, -3, -2):
        pass
    for stepped in range(1, 10, 4):
        pass
    for never in range(5, 5):
        def close(self): pass
    for key, value in {"a": 1, "b": 2}.items():
        pass
    for name in NAMES:
        pass
    for twice in {"a": 1, "a": 2}:
        pass
"#,
    )
    .unwrap();
    let value = |reading, name: &str| {
        let module = source.module_reading_class_ifs(&|_, _| pysource::ClassIfClause::Either, reading).0;
        match module.class("Loops").unwrap().member(name).map(|m| &m.kind) {
            Some(MemberKind::Attribute(attribute)) => attribute.class_value.clone(),
            Some(_) => Some("def".to_owned()),
            None => None,
        }
    };
    assert_eq!(value(Python, "down").as_deref(), Some("-1"));
    assert_eq!(value(Python, "stepped").as_deref(), Some("9"));
    // CPython never runs the body of an empty range; mypy counts it, the variable an int.
    assert_eq!((value(Python, "never"), value(Python, "close")), (None, None));
    assert_eq!((value(Mypy, "never").as_deref(), value(Mypy, "close").as_deref()), (Some("5"), Some("def")));
    assert_eq!((value(Python, "key").as_deref(), value(Python, "value").as_deref()), (Some("\"b\""), Some("2")));
    assert_eq!(value(Python, "name").as_deref(), Some("\"b\""));
    // A dict display with a key twice keeps one item: not read.
    assert_eq!(value(Python, "twice"), None);
}

#[test]
fn a_list_named_once_as_a_class_s_slots_is_a_module_display() {
    let source = pysource::Source::parse(
        "LISTED = ['size']\nSHARED = ['size']\nSHOWN = ['size']\nprint(SHOWN)\nTUPLE = ('size',)\n\
         class A:\n    __slots__ = LISTED\n\nclass B:\n    __slots__ = SHARED\n\nclass C:\n    __slots__ = SHARED\n\
         \nclass D:\n    __slots__ = SHOWN\n\nclass E:\n    __slots__ = TUPLE\n\nclass F:\n    __slots__ = TUPLE\n",
    )
    .unwrap();
    let names: Vec<String> = source.module_displays().into_iter().map(|(name, ..)| name).collect();
    // Two classes share SHARED (one may change it through its `__slots__` before the other
    // reads it); SHOWN is passed to a call; a tuple may be named anywhere.
    assert_eq!(names, ["LISTED", "TUPLE"]);
}

#[test]
fn mypy_keeps_a_first_definition_and_completes_a_bare_none() {
    let source = pysource::Source::parse(
        "class C:\n    size = None\n    size = 1\n    name = 'a'\n    name = 2\n    level = None\n    level = f()\n",
    )
    .unwrap();
    let (module, unread) =
        source.module_reading_class_ifs(&|_, _| pysource::ClassIfClause::Either, pysource::ClassBodyReading::Mypy);
    let attribute = |name: &str| match &module.class("C").unwrap().member(name).unwrap().kind {
        MemberKind::Attribute(attribute) => (attribute.annotation.clone(), attribute.class_value.clone()),
        other => panic!("{name} is {other:?}"),
    };
    assert_eq!(attribute("size"), (Some("int | None".to_owned()), Some("1".to_owned())));
    assert_eq!(attribute("name"), (None, Some("'a'".to_owned())));
    // A value the reader does not type leaves the statement unread, `level` the bare None.
    assert_eq!(attribute("level"), (None, Some("None".to_owned())));
    assert_eq!(unread.iter().map(|(line, _)| *line).collect::<Vec<_>>(), [7]);
}

#[test]
fn a_property_keeps_its_setter_and_deleter_whose_bodies_say_what_they_are() {
    let code = "class C:\n    @property\n    def x(self):\n        return self._x\n    @x.setter\n    def x(self, value):\n        self._x = value\n    @x.deleter\n    def x(self):\n        del self._x\n    @x.setter\n    def set_x(self, value):\n        pass\n";
    let source = pysource::Source::parse(code).unwrap();
    let module = source.module();
    let MemberKind::Property { getter, setter: Some(setter), deleter: Some(deleter) } =
        &module.class("C").unwrap().member("x").unwrap().kind
    else {
        panic!("x is a property with a setter and a deleter");
    };
    assert_eq!((getter.line, setter.line, deleter.line), (3, 6, 9));
    // `@x.setter def set_x` binds a copy of `x` with the new setter to `set_x`, and leaves `x`.
    let MemberKind::Property { getter, setter: Some(setter), deleter: Some(deleter) } =
        &module.class("C").unwrap().member("set_x").unwrap().kind
    else {
        panic!("set_x is a property with a setter and a deleter");
    };
    assert_eq!((getter.name.as_str(), setter.name.as_str(), deleter.name.as_str()), ("x", "set_x", "x"));
    assert_eq!((getter.line, setter.line, deleter.line), (3, 12, 9));
    let bodies: Vec<_> = source.function_bodies().into_iter().map(|b| (b.qualname, b.accessor)).collect();
    assert_eq!(
        bodies,
        [
            ("C.x".to_owned(), None),
            ("C.x".to_owned(), Some(Accessor::Setter)),
            ("C.x".to_owned(), Some(Accessor::Deleter)),
            ("C.set_x".to_owned(), Some(Accessor::Setter)),
        ]
    );
}
