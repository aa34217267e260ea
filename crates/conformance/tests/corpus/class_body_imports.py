# `import` statements in a class body, alone or in a `try`. mypy binds each imported name as a
# class attribute and counts every clause of a `try`; CPython runs the body, and the first handler
# only if an import raises ImportError, which depends on the modules the Python running it has
# (`imghdr` is gone in 3.13, `curses` is missing from Pyodide, `msvcrt` from Linux). The lab
# follows a `try` that imports a standard-library module as that Python's imports go (each
# interpreter's own answer, `data/modules.json`), and declines the runtime verdicts where it
# cannot know: a module outside that version's standard library (what is installed decides), a
# name imported from a module that imports, a handler that may not catch ImportError.
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


class TryMissing:
    try:
        import msvcrt
        size = 1
    except ImportError:
        def close(self) -> None: pass


class TryCurses:
    try:
        import curses
    except ModuleNotFoundError:
        name = "no curses"


class TryNotStandard:
    try:
        import yaml
    except ImportError:
        size = 0


class TryFromMissing:
    size = 1
    try:
        from msvcrt import getch
    except ImportError:
        def close(self) -> None: pass
    finally:
        name = "finally"


class TryBeforeImport:
    try:
        name = "set"
        import msvcrt
        import json as size
    except (ValueError, ImportError):
        size = 0


class TryOtherHandler:
    try:
        import msvcrt
    except OSError:
        size = 0
    except ImportError:
        name = "missing"
