"""Extracts what the standard-library classes of `typeshed.json` have at runtime, for the Python
running it: the data the Protocol lab's runtime verdict uses for classes that inherit from them.

A runtime_checkable Protocol's isinstance() asks whether the instance has each member (up to
3.11 with hasattr(), from 3.12 on with inspect.getattr_static(), which reads the class's MRO
without calling anything), and counts a method member set to None as absent. An instance of a
subclass finds a name of its standard-library base on the base's MRO, so for every class this
lists the names in the `__dict__` of the classes of its MRO, `object` included (what dir() lists
and getattr_static() finds on the class), split into `members` (any value but None) and `none`
(the nearest definition is None, as `dict.__hash__`). `data_descriptors` lists the members that
are data descriptors (properties, getset and member descriptors): up to 3.11, a Protocol with
data members reads them from the instance with hasattr() and getattr(), whose answer depends on
the instance's state (`OSError.characters_written` raises AttributeError until it is set).

`typing.NamedTuple` stands for a class statement's `NamedTuple` without fields (its fields are
the lab's to read); `typing._TypedDict` is left out: a TypedDict class makes plain dicts.

`standard_modules` lists the standard library's top-level modules and those whose import raises
(`modules.json`): a class body's `try: import X` runs its handler only where the import raises.

The differential data test (`tests/runtime_data.rs`) runs `runtime_data` and `standard_modules`
on every CPython on the machine and on Pyodide, compares them with `runtime.json` and
`modules.json`, and rewrites the files with CONFORMANCE_WRITE_RUNTIME_DATA=1. Run directly, the
script prints its Python's entries:

    python3 crates/conformance/data/extract_runtime.py
"""

import importlib
import importlib.util
import inspect
import json
import os
import sys
import typing


class EmptyNamedTuple(typing.NamedTuple):
    pass


def runtime_class(name):
    """The runtime class the typeshed data's `name` stands for, or None where there is none."""
    if name == "typing._TypedDict":
        return None
    if name == "typing.NamedTuple":
        return EmptyNamedTuple
    module_name, _, class_name = name.rpartition(".")
    return getattr(importlib.import_module(module_name or "builtins"), class_name, None)


def class_data(cls):
    nearest = {}
    for klass in cls.__mro__:
        for attribute, value in vars(klass).items():
            nearest.setdefault(attribute, value)
    return {
        "members": sorted(name for name, value in nearest.items() if value is not None),
        "none": sorted(name for name, value in nearest.items() if value is None),
        "data_descriptors": sorted(name for name, value in nearest.items() if inspect.isdatadescriptor(value)),
    }


def runtime_data(names):
    """`{name: {"members", "none", "data_descriptors"}}` for the `names` this Python has a class for."""
    classes = {}
    for name in names:
        cls = runtime_class(name)
        if cls is not None:
            classes[name] = class_data(cls)
    return classes


# Imported, these print the Zen of Python and open a web browser: find_spec tells they import.
RUN_ON_IMPORT = {"this", "antigravity"}


def standard_modules():
    """`{"modules", "missing", "broken"}`: the top-level standard-library modules of this Python
    (`sys.stdlib_module_names`), those of them whose import raises ImportError here (`tkinter`
    without Tk, `msvcrt` off Windows), and those whose import raises anything else.

    A class body's `try: import tomllib` runs its handler only where the import raises; the lab
    reads it as this Python's imports go."""
    missing, broken = [], []
    for name in sorted(sys.stdlib_module_names):
        if name in RUN_ON_IMPORT:
            if importlib.util.find_spec(name) is None:
                missing.append(name)
            continue
        try:
            importlib.import_module(name)
        except ImportError:
            missing.append(name)
        except Exception:
            broken.append(name)
    return {"modules": sorted(sys.stdlib_module_names), "missing": missing, "broken": broken}


if __name__ == "__main__" and "__file__" in globals():
    with open(os.path.join(os.path.dirname(__file__), "typeshed.json"), encoding="utf-8") as typeshed:
        known = sorted(json.load(typeshed)["classes"])
    version = "%d.%d" % sys.version_info[:2]
    json.dump({version: runtime_data(known), "modules": standard_modules()}, sys.stdout, indent=2, sort_keys=True)
    print()
