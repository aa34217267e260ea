"""Extracts the members of a few standard-library classes from typeshed's stubs, as mypy sees
them: the data the Protocol lab uses for classes that inherit from them.

Run with the venv's python (its mypy ships the typeshed the differential test checks against):

    target/py-venv/bin/python crates/conformance/data/extract_typeshed.py > crates/conformance/data/typeshed.json

The stubs are read for each Python the page offers (3.11 to 3.14; other `3.X` arguments choose
others), as `mypy --python-version 3.X` reads them whatever Python runs it. The first version's
classes are written in full under `classes`; `versions` gives, for each later version, only what
differs from the version before (the file is compiled into the labs' wasm): for each class that
changes, the fields that change, and for a field that maps names (`members`, `conditional`,
`ancestors`) only the names that change, null for one the version no longer has.

For every class: the classes it inherits from through the stubs, breadth-first (`Generic` and
`Protocol` left out), and every member
of the class and its stub bases with its signature as written in the stub (`def f(self, x: T) -> int`,
`x: int`, ...), the nearest definition winning. `sys.version_info` checks are read for the
version being extracted; a member defined under any other
`if` (`sys.platform`, ...) is listed in `conditional` instead; `getattr` says a stub class
answers any name through `__getattr__`. `protocol` says the class is a Protocol in typeshed,
`protocol_members` lists the members mypy asks of it (those of the Protocol classes of its stub
MRO, without the names mypy never counts), and `type_params` its type parameters in order. An
inherited member's signature is written for the class: the type parameters of the stub base
that declares it are replaced by what the class passes them (`str(Sequence[str])` makes
`Sequence`'s `_T_co` `str`; a base written without arguments makes them Any); the class's own
type parameters are left as they are. `variance` has one character per type parameter (`+`
covariant, `-` contravariant, `=` invariant), and `ancestors` gives each generic class of the
stub MRO with the arguments the class passes it (`dict_keys`: `typing.KeysView` of `_KT_co`).
`defaults` (only for a class with one) gives each type parameter's default (PEP 696) as written,
or null. `typing_declared` lists the members a class outside `typing` has only from a `typing` class of
its stub MRO (`Sequence`, `Mapping`, `IO`, ...): those stand in for ABCs the class is only
registered with at runtime, so their mixin methods may not be on the class (`str` has no
`__reversed__`).
"""

import ast
import copy
import json
import os
import sys

import mypy

STDLIB = os.path.join(os.path.dirname(mypy.__file__), "typeshed", "stdlib")

# The names a user writes as a base, and where typeshed defines them.
CLASSES = {
    "object": ("builtins", "object"),
    "BaseException": ("builtins", "BaseException"),
    "Exception": ("builtins", "Exception"),
    "dict": ("builtins", "dict"),
    "list": ("builtins", "list"),
    "str": ("builtins", "str"),
    "int": ("builtins", "int"),
    "tuple": ("builtins", "tuple"),
    "typing.NamedTuple": ("typing", "NamedTuple"),
    # What mypy reads a TypedDict class as (its instances are plain dicts at runtime).
    "typing._TypedDict": ("typing", "_TypedDict"),
    "abc.ABC": ("abc", "ABC"),
    "io.StringIO": ("io", "StringIO"),
    "io.TextIOBase": ("io", "TextIOBase"),
    "io.IOBase": ("io", "IOBase"),
    "contextlib.AbstractContextManager": ("contextlib", "AbstractContextManager"),
}
# Types that stub signatures use, which no one subclasses: the lab knows them by these names.
for builtin in ["bool", "float", "bytes", "slice"]:
    CLASSES[builtin] = ("builtins", builtin)
for view in ["dict_keys", "dict_values", "dict_items"]:
    CLASSES[f"_collections_abc.{view}"] = ("_collections_abc", view)
for name in ["KeysView", "ValuesView", "ItemsView", "MappingView"]:
    CLASSES[f"collections.abc.{name}"] = ("collections.abc", name)
CLASSES["typing.SupportsIndex"] = ("typing", "SupportsIndex")
CLASSES["types.TracebackType"] = ("types", "TracebackType")
# The exceptions people subclass most, besides Exception itself.
for exception in [
    "ArithmeticError", "AttributeError", "ConnectionError", "FileNotFoundError", "IndexError", "KeyError",
    "LookupError", "NotImplementedError", "OSError", "PermissionError", "RuntimeError", "TimeoutError",
    "TypeError", "ValueError", "ZeroDivisionError",
]:
    CLASSES[exception] = ("builtins", exception)
for abc_name in [
    "Container", "Hashable", "Iterable", "Iterator", "Reversible", "Generator", "Sized",
    "Collection", "Sequence", "MutableSequence", "Set", "MutableSet", "Mapping", "MutableMapping",
    "Awaitable", "AsyncIterable", "AsyncIterator", "Coroutine",
]:
    CLASSES[f"collections.abc.{abc_name}"] = ("collections.abc", abc_name)

# Names mypy never counts as protocol members (mypy/nodes.py, EXCLUDED_PROTOCOL_ATTRIBUTES).
EXCLUDED_PROTOCOL_ATTRIBUTES = {
    "__abstractmethods__", "__annotations__", "__dict__", "__doc__", "__init__", "__module__", "__new__",
    "__slots__", "__subclasshook__", "__weakref__", "__class_getitem__",
}

_modules = {}


def module(name):
    if name not in _modules:
        path = os.path.join(STDLIB, *name.split("."))
        path = path + ".pyi" if os.path.exists(path + ".pyi") else os.path.join(path, "__init__.pyi")
        with open(path, encoding="utf-8") as stub:
            _modules[name] = ast.parse(stub.read())
    return _modules[name]


# The Python the stubs are being read for, as `mypy --python-version`: set by `main` for each.
VERSION = (3, 11)


def condition(test):
    """True or False for a `sys.version_info` comparison with a tuple, None for anything else."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and ast.unparse(test.left) == "sys.version_info"):
        return None
    try:
        version = ast.literal_eval(test.comparators[0])
    except ValueError:
        return None
    compare = {ast.GtE: tuple.__ge__, ast.Lt: tuple.__lt__, ast.Gt: tuple.__gt__, ast.LtE: tuple.__le__}
    operator = compare.get(type(test.ops[0]))
    return operator(VERSION, tuple(version)) if operator and isinstance(version, tuple) else None


def statements(body):
    """The statements of `body` for VERSION: version checks taken, other `if`s left in place."""
    for stmt in body:
        if isinstance(stmt, ast.If) and condition(stmt.test) is not None:
            yield from statements(stmt.body if condition(stmt.test) else stmt.orelse)
        else:
            yield stmt


def resolve(module_name, name, seen=()):
    """(module, ClassDef) for `name` as seen in `module_name`, following imports and re-exports."""
    if (module_name, name) in seen:
        return None
    seen = seen + ((module_name, name),)
    tree = module(module_name)
    for node in statements(tree.body):
        if isinstance(node, ast.ClassDef) and node.name == name:
            return module_name, node
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                if alias.name == "*":
                    found = resolve(node.module, name, seen)
                    if found:
                        return found
                elif (alias.asname or alias.name) == name:
                    return resolve(node.module, alias.name, seen)
    if module_name != "builtins":
        return resolve("builtins", name, seen)
    return None


def base_reference(module_name, expr):
    """The (module, name) a base expression refers to: `IO[str]` is IO, `abc.ABC` is abc's ABC."""
    if isinstance(expr, ast.Subscript):
        expr = expr.value
    if isinstance(expr, ast.Name):
        return module_name, expr.id
    if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name):
        return expr.value.id, expr.attr
    return None


class Substitute(ast.NodeTransformer):
    """Replaces the type variables of `mapping` by what they stand for."""

    def __init__(self, mapping):
        self.mapping = mapping

    def visit_Name(self, node):
        return copy.deepcopy(self.mapping[node.id]) if node.id in self.mapping else node


def members_of(node, mapping=None):
    """(unconditional, conditional, has_getattr) members of one class body: name -> signature,
    with the class's type parameters replaced as `mapping` says."""
    members, conditional = {}, {}

    def visit(body, target):
        for stmt in statements(body):
            if mapping and isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.AnnAssign)):
                stmt = Substitute(mapping).visit(copy.deepcopy(stmt))
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if stmt.name in target and any(
                    ast.unparse(d).endswith(("setter", "deleter")) for d in stmt.decorator_list
                ):
                    continue
                decorators = "".join(f"@{ast.unparse(d)} " for d in stmt.decorator_list)
                kind = "async def" if isinstance(stmt, ast.AsyncFunctionDef) else "def"
                returns = f" -> {ast.unparse(stmt.returns)}" if stmt.returns else ""
                signature = f"{decorators}{kind} {stmt.name}({ast.unparse(stmt.args)}){returns}"
                # Overloads: every signature, in order.
                if stmt.name in target and "overload" in decorators:
                    target[stmt.name] = target[stmt.name] + "; " + signature
                else:
                    target[stmt.name] = signature
            elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                target[stmt.target.id] = f"{stmt.target.id}: {ast.unparse(stmt.annotation)}"
            elif isinstance(stmt, ast.Assign):
                for name in stmt.targets:
                    if isinstance(name, ast.Name):
                        target[name.id] = f"{name.id} = {ast.unparse(stmt.value)}"
            elif isinstance(stmt, ast.If):
                visit(stmt.body, conditional)
                visit(stmt.orelse, conditional)

    visit(node.body, members)
    return members, conditional


def is_protocol(node):
    """Whether a stub class lists `Protocol` (or `Protocol[...]`) among its bases."""
    for base in node.bases:
        base = base.value if isinstance(base, ast.Subscript) else base
        if ast.unparse(base) in ("Protocol", "typing.Protocol", "typing_extensions.Protocol"):
            return True
    return False


def type_vars(module_name):
    """The names a stub module binds to `TypeVar(...)` at its top level."""
    return {
        target.id
        for stmt in statements(module(module_name).body)
        if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call)
        and ast.unparse(stmt.value.func) in ("TypeVar", "typing.TypeVar", "typing_extensions.TypeVar")
        for target in stmt.targets
        if isinstance(target, ast.Name)
    }


def type_var_call(module_name, name, seen=()):
    """The `TypeVar(...)` call that `name` in a stub module is bound to, there or where it is
    imported from; None if it is no TypeVar."""
    if (module_name, name) in seen:
        return None
    for stmt in statements(module(module_name).body):
        if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in stmt.targets):
            if name in type_vars(module_name):
                return stmt.value
    for stmt in module(module_name).body:
        if isinstance(stmt, ast.ImportFrom) and stmt.module and stmt.level == 0:
            for alias in stmt.names:
                if (alias.asname or alias.name) == name:
                    return type_var_call(stmt.module, alias.name, seen + ((module_name, name),))
    return None


def is_type_var(module_name, name):
    """Whether `name` in a stub module is a TypeVar, bound there or imported."""
    return type_var_call(module_name, name) is not None


def variance(module_name, name):
    """`+` for a covariant type variable, `-` for a contravariant one, `=` for an invariant one."""
    call = type_var_call(module_name, name)
    keywords = {k.arg: ast.unparse(k.value) for k in call.keywords} if call is not None else {}
    return "+" if keywords.get("covariant") == "True" else "-" if keywords.get("contravariant") == "True" else "="


def default(module_name, name):
    """The default of a type variable (PEP 696) as written, None without one."""
    call = type_var_call(module_name, name)
    keywords = {k.arg: ast.unparse(k.value) for k in call.keywords} if call is not None else {}
    return keywords.get("default")


def type_params(module_name, node):
    """A stub class's type parameters in order: those of its `Generic[...]` or `Protocol[...]`
    base, else the type variables of its bases in order of appearance (PEP 484)."""
    for base in node.bases:
        if isinstance(base, ast.Subscript) and ast.unparse(base.value).split(".")[-1] in ("Generic", "Protocol"):
            elements = base.slice.elts if isinstance(base.slice, ast.Tuple) else [base.slice]
            return [ast.unparse(e) for e in elements]
    params = []
    for base in node.bases:
        for name in ast.walk(base):
            if isinstance(name, ast.Name) and name.id not in params and is_type_var(module_name, name.id):
                params.append(name.id)
    return params


def base_mapping(base, params, mapping):
    """What the type parameters `params` of the class a base expression names stand for: its
    arguments (with `mapping` applied), or Any for each when it has none (mypy's reading)."""
    if isinstance(base, ast.Subscript):
        elements = base.slice.elts if isinstance(base.slice, ast.Tuple) else [base.slice]
        arguments = [Substitute(mapping).visit(copy.deepcopy(e)) for e in elements]
    else:
        arguments = [ast.Name(id="Any") for _ in params]
    return dict(zip(params, arguments))


def describe(key, module_name, class_name):
    found = resolve(module_name, class_name)
    if not found:
        raise SystemExit(f"{key}: {module_name}.{class_name} not found in typeshed")
    mro, members, conditional, getattr_ = [], {}, {}, False  # mro: breadth-first, not C3
    protocol_members, typing_declared, ancestors = set(), set(), {}
    # Each class of the MRO with what its type parameters stand for in the described class.
    pending = [(*found, {})]
    while pending:
        owner_module, node, mapping = pending.pop(0)
        qualified = f"{owner_module}.{node.name}"
        if qualified in mro:
            continue
        mro.append(qualified)
        own, maybe = members_of(node, mapping)
        params = type_params(owner_module, node)
        if params and qualified != mro[0]:
            ancestors[qualified] = [ast.unparse(mapping.get(p, ast.Name(id="Any"))) for p in params]
        if is_protocol(node):
            protocol_members |= {name for name in (*own, *maybe) if name not in EXCLUDED_PROTOCOL_ATTRIBUTES}
        for name, signature in own.items():
            if name not in members and name not in conditional:
                members[name] = signature
                if owner_module == "typing" and found[0] != "typing":
                    typing_declared.add(name)
        for name, signature in maybe.items():
            if name not in members and name not in conditional:
                conditional[name] = signature
        getattr_ = getattr_ or "__getattr__" in own or "__getattr__" in maybe
        for base in node.bases:
            reference = base_reference(owner_module, base)
            if reference is None:
                raise SystemExit(f"{key}: cannot read base {ast.unparse(base)} of {qualified}")
            ref_module, ref_name = reference
            # typing declares these as special forms, not classes: they add no members.
            if ref_name in ("Generic", "Protocol"):
                continue
            if ref_module == owner_module:
                resolved = resolve(owner_module, ref_name)
            else:
                # `abc.ABCMeta`-style: a module imported by name, or a name imported from a module.
                resolved = resolve(ref_module, ref_name) if os.path.exists(
                    os.path.join(STDLIB, *ref_module.split(".")) + ".pyi"
                ) or os.path.isdir(os.path.join(STDLIB, *ref_module.split("."))) else None
            if resolved is None:
                raise SystemExit(f"{key}: cannot resolve base {ast.unparse(base)} of {qualified}")
            pending.append((*resolved, base_mapping(base, type_params(*resolved), mapping)))
    defaults = [default(found[0], p) for p in type_params(*found)]
    if "builtins.object" not in mro:
        pending = [resolve("builtins", "object")]
        own, maybe = members_of(pending[0][1])
        mro.append("builtins.object")
        for name, signature in own.items():
            members.setdefault(name, signature)
    return {
        "mro": mro,
        "members": dict(sorted(members.items())),
        "conditional": dict(sorted((n, s) for n, s in conditional.items() if n not in members)),
        "getattr": getattr_,
        "protocol": is_protocol(found[1]),
        "protocol_members": sorted(protocol_members),
        "type_params": type_params(*found),
        "variance": "".join(variance(found[0], p) for p in type_params(*found)),
        "ancestors": ancestors,
        "typing_declared": sorted(typing_declared),
        **({"defaults": defaults} if any(d is not None for d in defaults) else {}),
    }


def changes(before, after):
    """The fields of a class's description that differ between two versions; a field that maps
    names gives only the names that differ, with null for a name `after` lacks."""
    changed = {}
    for field in sorted(before.keys() | after.keys()):
        old, new = before.get(field), after.get(field)
        if old == new:
            continue
        if isinstance(old, dict) and isinstance(new, dict):
            names = sorted(old.keys() | new.keys())
            changed[field] = {name: new.get(name) for name in names if old.get(name) != new.get(name)}
        else:
            changed[field] = new
    return changed


def version_arguments(arguments):
    """The `(3, minor)` versions named on the command line (`3.12`), else the page's 3.11 to 3.14."""
    versions = []
    for argument in arguments or ["3.11", "3.12", "3.13", "3.14"]:
        major, _, minor = argument.partition(".")
        if major != "3" or not minor.isdigit():
            raise SystemExit(f"{argument}: expected a Python version like 3.12")
        versions.append((3, int(minor)))
    return sorted(set(versions))


def main():
    global VERSION
    data, previous = {}, None
    for VERSION in version_arguments(sys.argv[1:]):
        classes = {key: describe(key, *where) for key, where in sorted(CLASSES.items())}
        if previous is None:
            data = {"python": "%d.%d" % VERSION, "classes": classes, "versions": {}}
        else:
            data["versions"]["%d.%d" % VERSION] = {
                key: changes(previous[key], c) for key, c in classes.items() if previous[key] != c
            }
        previous = classes
    json.dump(data, sys.stdout, indent=1, sort_keys=True, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
