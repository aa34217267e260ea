# `import` statements in a class body, alone or in a `try`. mypy binds each imported name as a
# class attribute and counts every clause of a `try`; CPython runs the body, and the handler only
# if the import raises, which depends on the modules the Python running it has (`tomllib` is new
# in 3.11, `imghdr` gone in 3.13): the lab reads the imports, gives the static verdicts, and
# declines the runtime ones of a `try` that imports, saying why.
from typing import Protocol, runtime_checkable


@runtime_checkable
class Closer(Protocol):
    def close(self) -> None: ...


@runtime_checkable
class HasSize(Protocol):
    size: int


@runtime_checkable
class Named(Protocol):
    name: str


class ImportsJson:
    import json

    def close(self) -> None: pass


class ImportsFrom:
    from os import path as name
    size = 1


class TryImport:
    try:
        import tomllib
        size = 1
    except ImportError:
        size = 0


class TryRemoved:
    try:
        import imghdr
    except ImportError:
        def close(self) -> None: pass


class TryFromImport:
    try:
        from os.path import join
        name = "joined"
    except ImportError:
        name = None


class ImportThenName:
    name = "first"
    import json as name
