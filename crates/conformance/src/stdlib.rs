//! Standard-library classes as typeshed declares them (`data/typeshed.json`, extracted from the
//! stubs mypy ships by `data/extract_typeshed.py` for each Python 3.11 to 3.14, read for the
//! version a report is for, [`with_stubs_for`]): which members a class inherits from them, and
//! the types their signatures use. Statically a member read from its stub (`stub_class`) is
//! compared like one of the code, any other found there is declined, and a member found nowhere
//! is missing for mypy as for the lab. At runtime the classes are read from what each CPython
//! has (`data/runtime.json`, extracted by `data/extract_runtime.py`); for a version the data
//! lacks, a method or property the stub declares is on the class (typeshed's stubtest holds the
//! stubs to the runtime), so `isinstance` finds it, a `ClassVar[None]` is None, and anything else
//! of theirs is declined (a member the class has in the stubs only from a `typing` ABC it is
//! registered with too).

use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use pysource::{Class, MemberKind, Module, TypeExpr};
use serde::Deserialize;
use serde_json::{Map, Value};

#[derive(Debug, Deserialize)]
pub(crate) struct StdClass {
    /// The class and the classes it inherits from in its stubs, qualified (`builtins.int`).
    #[serde(default)]
    pub mro: Vec<String>,
    /// Every member of the class and its stub bases: name -> signature as written in the stub.
    pub members: BTreeMap<String, String>,
    /// Members declared under an `if` the extraction does not evaluate.
    pub conditional: BTreeMap<String, String>,
    /// A stub class answers any name through `__getattr__`.
    pub getattr: bool,
    /// The class is a Protocol in typeshed.
    #[serde(default)]
    pub protocol: bool,
    /// The members mypy asks of it as a Protocol.
    #[serde(default)]
    pub protocol_members: Vec<String>,
    /// Its type parameters in order (the signatures of inherited members are written in them).
    #[serde(default)]
    pub type_params: Vec<String>,
    /// One character per type parameter: `+` covariant, `-` contravariant, `=` invariant.
    #[serde(default)]
    pub variance: String,
    /// Each type parameter's default (PEP 696) as written, where one has any.
    #[serde(default)]
    pub defaults: Vec<Option<String>>,
    /// The generic classes of its stub MRO (qualified) and the arguments it passes them, written
    /// in its own type parameters.
    #[serde(default)]
    pub ancestors: BTreeMap<String, Vec<String>>,
    /// Members the class has in typeshed only from a `typing` ABC of its stub MRO, which it may
    /// only be registered with at runtime (`str` has no `__reversed__`).
    #[serde(default)]
    pub typing_declared: Vec<String>,
}

/// `data/typeshed.json`: the classes in full for its first version, then for each later one
/// what differs from the version before (see `data/extract_typeshed.py`).
#[derive(Debug, Deserialize)]
struct Data {
    /// The Python version `classes` was read for (`"3.11"`).
    python: String,
    classes: Map<String, Value>,
    /// For each later version (`"3.12"`), the classes that change: the fields that change, and
    /// for a field that maps names, the names that change (null: gone).
    versions: BTreeMap<String, Map<String, Value>>,
}

/// The classes as the stubs declare them for each Python 3 minor version the data was read for,
/// oldest first.
fn stubs() -> &'static [(u8, BTreeMap<String, StdClass>)] {
    static STUBS: OnceLock<Vec<(u8, BTreeMap<String, StdClass>)>> = OnceLock::new();
    STUBS.get_or_init(|| {
        let Ok(data) = serde_json::from_str::<Data>(include_str!("../data/typeshed.json")) else { return Vec::new() };
        let minor = |version: &str| version.strip_prefix("3.").and_then(|minor| minor.parse::<u8>().ok());
        let mut changes: Vec<(u8, Map<String, Value>)> =
            data.versions.into_iter().filter_map(|(version, changed)| Some((minor(&version)?, changed))).collect();
        changes.sort_by_key(|(minor, _)| *minor);
        let Some(first) = minor(&data.python) else { return Vec::new() };
        let mut classes = data.classes;
        let mut stubs = vec![(first, read_classes(&classes))];
        for (minor, changed) in changes {
            for (name, fields) in changed {
                let Value::Object(fields) = fields else { continue };
                let Value::Object(class) = classes.entry(name).or_insert_with(|| Value::Object(Map::new())) else {
                    continue;
                };
                apply_changes(class, fields);
            }
            stubs.push((minor, read_classes(&classes)));
        }
        stubs
    })
}

/// A class description with the fields (and names of fields that map names) of `changes`
/// replaced, a null removing one.
fn apply_changes(class: &mut Map<String, Value>, changes: Map<String, Value>) {
    for (field, change) in changes {
        match (class.get_mut(&field), change) {
            (Some(Value::Object(names)), Value::Object(changed)) => {
                for (name, value) in changed {
                    match value {
                        Value::Null => names.remove(&name),
                        value => names.insert(name, value),
                    };
                }
            }
            (_, Value::Null) => {
                class.remove(&field);
            }
            (_, value) => {
                class.insert(field, value);
            }
        }
    }
}

fn read_classes(classes: &Map<String, Value>) -> BTreeMap<String, StdClass> {
    classes.iter().filter_map(|(name, class)| Some((name.clone(), StdClass::deserialize(class).ok()?))).collect()
}

thread_local! {
    /// The Python 3 minor version whose stubs the checks read: every check in the crate reads
    /// standard-library classes through [`class`], and their members differ by version
    /// (`int.is_integer` is new in 3.12), so a report sets it once ([`with_stubs_for`]) rather
    /// than passing the version through every function that may reach a stub.
    static STUBS_MINOR: Cell<u8> = const { Cell::new(lab::PYODIDE_PYTHON_MINOR) };
}

/// Runs `check` with the stubs read for Python 3.`minor`, as `mypy --python-version 3.minor`
/// reads them; the version set before is back afterwards, even if `check` panics.
pub(crate) fn with_stubs_for<R>(minor: u8, check: impl FnOnce() -> R) -> R {
    struct Restore(u8);
    impl Drop for Restore {
        fn drop(&mut self) {
            STUBS_MINOR.with(|stubs| stubs.set(self.0));
        }
    }
    let _restore = Restore(STUBS_MINOR.with(|stubs| stubs.replace(minor)));
    check()
}

/// The minor versions of Python 3 the data has stubs for, oldest first.
pub(crate) fn stubs_python_minors() -> Vec<u8> {
    stubs().iter().map(|(minor, _)| *minor).collect()
}

/// The stubs the current checks read: those for the version [`with_stubs_for`] set, or for a
/// version the data lacks, those of the newest version before it (the oldest, before them all).
/// Also the version they were read for.
fn current_stubs() -> Option<&'static (u8, BTreeMap<String, StdClass>)> {
    let minor = STUBS_MINOR.with(Cell::get);
    let stubs = stubs();
    stubs.iter().rev().find(|(read_for, _)| *read_for <= minor).or(stubs.first())
}

/// The arguments of `name[arguments]` with those left out given their defaults, as mypy reads
/// `slice[int]` as `slice[int, int, int]`: a default may name the parameters before it. None
/// where a left-out parameter has no default; the arguments as they are when none is left out
/// or none is given (a bare class).
pub(crate) fn with_defaults(name: &str, arguments: &[TypeExpr]) -> Option<Vec<TypeExpr>> {
    let Some((_, class)) = annotation_class(name) else { return Some(arguments.to_vec()) };
    if arguments.is_empty() || arguments.len() >= class.type_params.len() {
        return Some(arguments.to_vec());
    }
    let mut full = arguments.to_vec();
    for index in arguments.len()..class.type_params.len() {
        let default = crate::types::parse(class.defaults.get(index)?.as_deref()?);
        let replace =
            |param: &str| class.type_params.iter().position(|p| p == param).and_then(|i| full.get(i).cloned());
        // `_StartT_co | _StopT_co` for `slice[int, int]` is int, each member once.
        let filled = match crate::callable::substitute(&default, &replace) {
            TypeExpr::Union(members) => {
                let mut distinct: Vec<TypeExpr> = Vec::new();
                for member in members {
                    if !distinct.contains(&member) {
                        distinct.push(member);
                    }
                }
                match distinct.len() {
                    1 => distinct.remove(0),
                    _ => TypeExpr::Union(distinct),
                }
            }
            other => other,
        };
        full.push(filled);
    }
    Some(full)
}

/// The standard-library class a base expression names (`dict[str, int]` names `dict`), if the
/// data has it. Only the spellings in the data count: an imported bare name may be anything.
pub(crate) fn class(base: &str) -> Option<(&'static str, &'static StdClass)> {
    let name = base.split('[').next().unwrap_or(base).trim();
    let name = name.strip_prefix("builtins.").unwrap_or(name);
    current_stubs()?.1.get_key_value(name).map(|(k, v)| (k.as_str(), v))
}

/// The standard-library class a name of an annotation (as `TypeExpr` spells it: `KeysView`,
/// `dict_keys`, `SupportsIndex`) stands for, if the data has it.
pub(crate) fn annotation_class(name: &str) -> Option<(&'static str, &'static StdClass)> {
    ["", "collections.abc.", "typing.", "types.", "_collections_abc."]
        .iter()
        .find_map(|module| class(&format!("{module}{name}")))
}

/// The bases whose members the runtime check can trust, because it knows how their instances
/// are made: by calling the class with no arguments, or for a `NamedTuple` with None for each
/// required field. ABCs with abstract methods are not among them.
/// `object` is left out: the lab models what a class has from it.
const RUNTIME_BASES: &[&str] = &[
    "BaseException",
    "Exception",
    "ArithmeticError",
    "AttributeError",
    "ConnectionError",
    "FileNotFoundError",
    "IndexError",
    "KeyError",
    "LookupError",
    "NotImplementedError",
    "OSError",
    "PermissionError",
    "RuntimeError",
    "TimeoutError",
    "TypeError",
    "ValueError",
    "ZeroDivisionError",
    "dict",
    "list",
    "str",
    "int",
    "tuple",
    "typing.NamedTuple",
    "typing._TypedDict",
    "io.StringIO",
    "io.TextIOBase",
    "io.IOBase",
];

/// Whether the runtime check can read a class with this standard-library base: one of
/// [`RUNTIME_BASES`], or an ABC ([`is_abstract_base`]), whose instances exist only when the
/// class implements every abstract method (`declines` declines the others).
pub(crate) fn runtime_known(base: &str) -> bool {
    class(base).is_some_and(|(name, _)| RUNTIME_BASES.contains(&name)) || is_abstract_base(base)
}

/// Whether `base` is `abc.ABC` or one of the ABCs of `collections.abc` and `contextlib`: classes
/// made by `ABCMeta`, so `@abstractmethod` keeps their subclasses from being instantiated.
pub(crate) fn is_abstract_base(base: &str) -> bool {
    class(base).is_some_and(|(name, _)| {
        name == "abc.ABC" || name.starts_with("collections.abc.") || name == "contextlib.AbstractContextManager"
    })
}

/// The methods `base`'s stub marks `@abstractmethod`.
pub(crate) fn abstract_members(base: &str) -> Vec<&'static str> {
    class(base).map_or_else(Vec::new, |(_, std)| {
        std.members.iter().filter(|(_, s)| s.contains("@abstractmethod ")).map(|(n, _)| n.as_str()).collect()
    })
}

/// What a standard-library class has at runtime under `name`, as the runtime data or (for a
/// version it lacks) the stub tells.
#[derive(Debug, PartialEq)]
pub(crate) enum RuntimeMember {
    /// A name of the class's MRO (for the stub: a method or property) that is not None.
    Method,
    /// The class sets it to None (`list.__hash__`; for the stub: annotated `ClassVar[None]`).
    NoneValue,
    /// The stub does not say whether the class or only its instances have it (an annotated
    /// attribute, a member under a condition, one a stub `__getattr__` may answer), or the
    /// check reads a data descriptor's value from an instance the lab does not follow.
    Unsure(String),
    /// No class of its MRO has the name (for the stub: a public name it does not declare, which
    /// stubtest would report missing from the stubs of these classes).
    Absent,
    /// A private or dunder name the stub does not declare, for a version without runtime data:
    /// stubs leave many of those out.
    Unlisted,
}

/// What a standard-library class has at runtime on one CPython version (`data/runtime.json`,
/// extracted from each interpreter by `data/extract_runtime.py`): the names of its MRO's
/// `__dict__`s.
#[derive(Debug, Deserialize)]
struct RuntimeClass {
    /// Names whose nearest definition is not None.
    members: BTreeSet<String>,
    /// Names whose nearest definition is None (`dict.__hash__`).
    none: BTreeSet<String>,
    /// The members that are data descriptors (properties, getset and member descriptors).
    data_descriptors: BTreeSet<String>,
}

/// The runtime data of CPython 3.`python_minor`'s class `known` (a name of the typeshed data),
/// if the data has that version.
fn runtime_class(known: &str, python_minor: u8) -> Option<&'static RuntimeClass> {
    static DATA: OnceLock<BTreeMap<String, BTreeMap<String, RuntimeClass>>> = OnceLock::new();
    let data = DATA.get_or_init(|| serde_json::from_str(include_str!("../data/runtime.json")).unwrap_or_default());
    data.get(&format!("3.{python_minor}"))?.get(known)
}

/// What `base` (a spelling [`runtime_known`] accepts) has at runtime under `name` on CPython
/// 3.`python_minor`: from the runtime data where it has the version, else as far as the stub
/// tells. `data_members` says the Protocol has data members: then up to 3.11 isinstance() reads
/// every member's value from the instance, which a data descriptor computes from its state.
pub(crate) fn runtime_member(base: &str, name: &str, python_minor: u8, data_members: bool) -> RuntimeMember {
    // A TypedDict class makes plain dicts: at runtime its instances have dict's members.
    let base = if class(base).is_some_and(|(known, _)| known == "typing._TypedDict") { "dict" } else { base };
    let Some((known, std)) = class(base) else { return RuntimeMember::Unlisted };
    if let Some(runtime) = runtime_class(known, python_minor) {
        return if runtime.none.contains(name) {
            RuntimeMember::NoneValue
        } else if python_minor < 12 && data_members && runtime.data_descriptors.contains(name) {
            RuntimeMember::Unsure(format!(
                "{known}.{name} is a data descriptor, whose value isinstance() reads from the instance \
                 before 3.12"
            ))
        } else if runtime.members.contains(name) {
            RuntimeMember::Method
        } else {
            RuntimeMember::Absent
        };
    }
    match std.members.get(name) {
        Some(_) if std.typing_declared.iter().any(|n| n == name) => RuntimeMember::Unsure(format!(
            "typeshed gives {known} {name} only from a typing ABC, which {known} may only be registered with"
        )),
        Some(signature) if is_function(signature) => RuntimeMember::Method,
        Some(signature) if *signature == format!("{name}: ClassVar[None]") => RuntimeMember::NoneValue,
        Some(signature) => RuntimeMember::Unsure(format!("{known} declares `{signature}` in typeshed")),
        None if std.conditional.contains_key(name) => {
            RuntimeMember::Unsure(format!("{known} declares {name} only under a condition in typeshed"))
        }
        None if std.getattr => RuntimeMember::Unsure(format!("{known} answers any name through __getattr__")),
        // Every class has object's rich comparisons, which the stubs leave out.
        None if OBJECT_COMPARISONS.contains(&name) => RuntimeMember::Method,
        None if name.starts_with('_') => RuntimeMember::Unlisted,
        None => RuntimeMember::Absent,
    }
}

/// `name` as `base`'s stub declares it, read into a one-member class named after the base, when
/// it is one plain (or abstract) `def` or an annotated attribute: the static check compares it
/// like a member of the code. None for anything else: overloads and decorated methods (a stub
/// property's setter is not in the data), members under a condition, assignments.
pub(crate) fn stub_class(base: &str, name: &str) -> Option<Class> {
    thread_local! {
        /// Every pair of every class asks again: the stubs are parsed once per (base, member).
        static READ: std::cell::RefCell<std::collections::HashMap<(u8, String, String), Option<Class>>> =
            std::cell::RefCell::new(std::collections::HashMap::new());
    }
    let key = (current_stubs()?.0, base.to_owned(), name.to_owned());
    if let Some(read) = READ.with(|read| read.borrow().get(&key).cloned()) {
        return read;
    }
    let read = read_stub_class(base, name);
    READ.with(|cache| {
        let mut cache = cache.borrow_mut();
        // Bounded like pysource's parsed annotations: a long session keeps its memory flat.
        if cache.len() >= 512 {
            cache.clear();
        }
        cache.insert(key, read.clone());
    });
    read
}

fn read_stub_class(base: &str, name: &str) -> Option<Class> {
    let (known, std) = class(base)?;
    let signature = std.members.get(name)?;
    // `@abstractmethod` does not change a method's type.
    let def = signature.strip_prefix("@abstractmethod ").unwrap_or(signature);
    let plain_def = def.starts_with("def ") || def.starts_with("async def ");
    let annotated = signature.strip_prefix(name).is_some_and(|rest| rest.starts_with(':'));
    if !plain_def && !annotated {
        return None;
    }
    let body = if plain_def { format!("    {def}: ...\n") } else { format!("    {signature}\n") };
    let module = pysource::parse(&format!("class Stub:\n{body}")).ok()?;
    let mut stub = module.classes.into_iter().next()?;
    if stub.members.len() != 1 || stub.members[0].name != name {
        return None;
    }
    stub.name = known.to_owned();
    bind_type_params(&mut stub, base, std);
    Some(stub)
}

/// The members of a class read from `base`'s stub, with its type parameters replaced by the
/// base's arguments (`dict[str, int]`), or by Any when it has none (mypy's reading of `dict`);
/// kept as written (a type the lab does not model) when their number differs. Their lines are
/// 0: they are not in the code.
fn bind_type_params(class: &mut Class, base: &str, std: &StdClass) {
    let arguments = match crate::types::parse(base) {
        TypeExpr::Generic(_, arguments) => arguments,
        _ => vec![TypeExpr::Any; std.type_params.len()],
    };
    let bound: Vec<(&String, TypeExpr)> = if arguments.len() == std.type_params.len() {
        std.type_params.iter().zip(arguments).collect()
    } else {
        Vec::new()
    };
    let replace = |name: &str| bound.iter().find(|(param, _)| *param == name).map(|(_, typ)| typ.clone());
    for member in &mut class.members {
        match &mut member.kind {
            MemberKind::Method(function) | MemberKind::Property { getter: function, .. } => {
                function.line = 0;
                function.signature = crate::callable::bind(&function.signature, &replace);
            }
            MemberKind::Attribute(attribute) => {
                if let Some(annotation) = &mut attribute.annotation {
                    *annotation = crate::callable::substitute_annotation(annotation, &replace);
                }
            }
        }
    }
}

/// A typeshed Protocol (`collections.abc.Sized`, ...) as a Protocol class of the code, named
/// `name`, with the members mypy asks of it read from its stub, its type parameters read as the
/// base's arguments (`Iterable[int]`), or as Any without them (mypy's reading of `Iterable`). None when it is no Protocol in typeshed
/// or a member is not one `def` the lab reads (an overload, a property, an attribute).
pub(crate) fn protocol_class(base: &str, name: &str) -> Option<Class> {
    let (_, std) = class(base)?;
    if !std.protocol {
        return None;
    }
    let mut body = String::new();
    for member in &std.protocol_members {
        let signature = std.members.get(member)?;
        let def = signature.strip_prefix("@abstractmethod ").unwrap_or(signature);
        if !(def.starts_with("def ") || def.starts_with("async def ")) {
            return None;
        }
        if def.len() < signature.len() {
            body.push_str("    @abstractmethod\n");
        }
        body.push_str(&format!("    {def}: ...\n"));
    }
    let module = pysource::parse(&format!("class Stub(Protocol):\n{body}")).ok()?;
    let mut protocol = module.classes.into_iter().next()?;
    if protocol.members.len() != std.protocol_members.len() || !protocol.is_protocol {
        return None;
    }
    bind_type_params(&mut protocol, base, std);
    protocol.name = name.to_owned();
    protocol.bases = Vec::new();
    protocol.line = 0;
    Some(protocol)
}

/// The stub member that `class` inherits as `name` from the first standard-library base of its
/// MRO that declares it, when [`stub_class`] reads it; from `object` when no base of its MRO is
/// a standard-library class (the data's classes have object's members already).
pub(crate) fn declaring_stub(module: &Module, class: &Class, name: &str) -> Option<Class> {
    let mro = module.mro(class);
    let mut bases = mro.iter().flat_map(|c| c.bases.iter()).filter(|base| class_of(base).is_some()).peekable();
    if bases.peek().is_none() {
        return stub_class("object", name);
    }
    let base = bases.find(|base| {
        class_of(base).is_some_and(|std| std.members.contains_key(name) || std.conditional.contains_key(name))
    })?;
    stub_class(base, name)
}

/// How `object`'s stub declares `name`, if it does.
pub(crate) fn object_member(name: &str) -> Option<&'static str> {
    class_of("object")?.members.get(name).map(String::as_str)
}

/// The rich comparisons: `object` has them at runtime (returning NotImplemented), but its stub
/// leaves them out, so mypy does not count them as members.
pub(crate) const OBJECT_COMPARISONS: &[&str] = &["__lt__", "__le__", "__gt__", "__ge__"];

/// Whether every instance has `name` at runtime as a method of `object`: one its stub declares
/// as a `def` (stubtest holds it to the runtime), or a rich comparison.
pub(crate) fn object_method(name: &str) -> bool {
    OBJECT_COMPARISONS.contains(&name) || object_member(name).is_some_and(is_function)
}

fn class_of(base: &str) -> Option<&'static StdClass> {
    class(base).map(|(_, std)| std)
}

/// A stub signature of a `def` (a method, classmethod, staticmethod or property), with its
/// decorators and overloads written before it.
fn is_function(signature: &str) -> bool {
    signature.starts_with("def ") || (signature.starts_with('@') && signature.contains(" def "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_reads_and_names_inherited_members() {
        let (name, buffer) = class("io.StringIO").unwrap();
        assert_eq!(name, "io.StringIO");
        assert_eq!(buffer.members["write"], "def write(self, s: str, /) -> int");
        assert!(class("dict[str, int]").unwrap().1.members.contains_key("keys"));
        assert!(!class("Exception").unwrap().1.members.contains_key("write"));
        assert!(class("StringIO").is_none(), "a bare imported name is not resolved");
    }

    #[test]
    fn left_out_type_arguments_take_their_defaults() {
        let filled = |name: &str, arguments: &[&str]| {
            let arguments: Vec<TypeExpr> = arguments.iter().map(|a| crate::types::parse(a)).collect();
            with_defaults(name, &arguments).map(|full| full.iter().map(crate::callable::show).collect::<Vec<_>>())
        };
        assert_eq!(filled("slice", &["int"]).unwrap(), ["int", "int", "int"]);
        assert_eq!(filled("slice", &["int", "str"]).unwrap(), ["int", "str", "int | str"]);
        assert_eq!(filled("slice", &[]).unwrap(), Vec::<String>::new(), "a bare class is left bare");
        assert_eq!(filled("dict", &["str"]), None, "dict's value type has no default");
        assert_eq!(filled("list", &["int"]).unwrap(), ["int"]);
    }

    #[test]
    fn runtime_members_follow_the_stub_for_a_version_without_runtime_data() {
        let member = |base: &str, name: &str| runtime_member(base, name, 99, false);
        assert_eq!(member("io.StringIO", "write"), RuntimeMember::Method);
        assert_eq!(member("io.StringIO", "closed"), RuntimeMember::Method, "a property");
        assert_eq!(member("dict[str, int]", "fromkeys"), RuntimeMember::Method, "a classmethod");
        assert_eq!(member("dict", "__hash__"), RuntimeMember::NoneValue, "unhashable");
        assert!(matches!(member("Exception", "args"), RuntimeMember::Unsure(_)));
        assert_eq!(member("dict", "write"), RuntimeMember::Absent);
        assert_eq!(member("dict", "_private"), RuntimeMember::Unlisted);
        assert!(matches!(member("str", "__reversed__"), RuntimeMember::Unsure(_)), "from Sequence");
        assert_eq!(member("list", "__reversed__"), RuntimeMember::Method);
    }

    #[test]
    fn runtime_members_follow_each_version_s_runtime_data() {
        for minor in 11..=14 {
            let member = |base: &str, name: &str| runtime_member(base, name, minor, false);
            assert_eq!(member("io.StringIO", "write"), RuntimeMember::Method);
            assert_eq!(member("io.StringIO", "name"), RuntimeMember::Absent, "typeshed's `name: Any`");
            assert_eq!(member("io.IOBase", "write"), RuntimeMember::Absent, "typeshed's `write: Callable`");
            assert_eq!(member("dict", "__hash__"), RuntimeMember::NoneValue);
            assert_eq!(member("typing._TypedDict", "clear"), RuntimeMember::Method, "a dict at runtime");
            assert_eq!(member("str", "__reversed__"), RuntimeMember::Absent);
            assert_eq!(member("list", "__next__"), RuntimeMember::Absent);
            assert_eq!(member("Exception", "args"), RuntimeMember::Method);
            assert_eq!(member("dict", "_private"), RuntimeMember::Absent);
        }
        assert!(matches!(runtime_member("Exception", "args", 11, true), RuntimeMember::Unsure(_)), "read by hasattr()");
        assert_eq!(runtime_member("Exception", "args", 12, true), RuntimeMember::Method, "getattr_static");
        assert_eq!(runtime_member("Exception", "add_note", 11, true), RuntimeMember::Method, "not a descriptor");
    }

    #[test]
    fn the_stubs_are_read_for_the_version_asked_about() {
        assert_eq!(stubs_python_minors(), [11, 12, 13, 14]);
        let has =
            |minor, base: &str, name: &str| with_stubs_for(minor, || class(base).unwrap().1.members.contains_key(name));
        assert!(!has(11, "int", "is_integer") && has(12, "int", "is_integer") && has(14, "bool", "is_integer"));
        let replace = |minor| with_stubs_for(minor, || class("str").unwrap().1.members["replace"].clone());
        assert_eq!(replace(12), "def replace(self, old: str, new: str, count: SupportsIndex=-1, /) -> str");
        assert_eq!(replace(13), "def replace(self, old: str, new: str, /, count: SupportsIndex=-1) -> str");
        assert_eq!(replace(10), replace(11), "a version before the data's reads the oldest stubs");
        assert_eq!(replace(15), replace(14), "a version after them the newest");
        let close_returns = |minor| {
            with_stubs_for(minor, || {
                let stub = stub_class("collections.abc.Generator", "close").unwrap();
                let MemberKind::Method(function) = &stub.members[0].kind else { panic!("a method") };
                function.signature.returns.clone().unwrap()
            })
        };
        assert_eq!(close_returns(12), "None");
        assert_eq!(close_returns(13), "Any | None", "read again for 3.13, not from 3.12's cache");
        let inner = with_stubs_for(11, || {
            (with_stubs_for(13, || replace(13)), class("str").unwrap().1.members["replace"].clone())
        });
        assert_eq!(inner, (replace(13), replace(11)), "the version set before is back afterwards");
    }

    #[test]
    fn static_verdicts_follow_the_version_asked_about() {
        let code = "from typing import Protocol\n\n\nclass Replacer(Protocol):\n    \
                    def replace(self, old: str, new: str, *, count: int = -1) -> str: ...\n\n\nclass Slug(str):\n    pass\n";
        let static_ok = |minor| crate::check_code(&lab::Code::parse(code).unwrap(), minor).entries[0].static_ok;
        assert_eq!(static_ok(12), Some(false), "str.replace takes `count` only by position up to 3.12");
        assert_eq!(static_ok(13), Some(true));
        assert_eq!(crate::check(&pysource::parse(code).unwrap()).entries[0].static_ok, Some(true), "Pyodide's 3.14");
    }

    #[test]
    fn stub_members_are_written_for_the_base_s_arguments() {
        let returns = |base: &str, name: &str| {
            let stub = stub_class(base, name).unwrap();
            let MemberKind::Method(function) = &stub.members[0].kind else { panic!("a method") };
            function.signature.returns.clone().unwrap()
        };
        assert_eq!(returns("dict", "__iter__"), "Iterator[Any]");
        assert_eq!(returns("dict[str, int]", "values"), "dict_values[str, int]");
        assert_eq!(returns("str", "__reversed__"), "Iterator[str]", "Sequence[str]'s _T_co is str");
        assert!(runtime_known("io.StringIO") && runtime_known("dict[str, int]"));
        assert!(runtime_known("typing.NamedTuple") && runtime_known("collections.abc.Sized"));
        assert_eq!(abstract_members("collections.abc.Sized"), ["__len__"]);
        assert!(abstract_members("abc.ABC").is_empty());
        assert!(!runtime_known("object"));
    }
}
