# A class body's `if` on a constant of the module or on sys.platform. mypy's reachability pass
# knows no constant of the program (only its own names: TYPE_CHECKING, MYPY, PY2, PY3), so every
# clause counts for it; it evaluates `sys.platform ==`/`!=` a string, `in`/`not in` strings and
# `.startswith(one string)` for its --platform (linux here), and nothing else about the platform
# (the string first, a tuple of prefixes, `platform` imported from sys). CPython runs the clause
# the constant's value or its own platform chooses: linux for 3.11 to 3.13, emscripten for
# Pyodide's 3.14. A constant is a name the module binds once, to a literal, before the class; a
# class attribute set to one holds its literal, of the type mypy infers from it unless the
# constant is annotated (then the attribute's own annotation types it).
import sys
from sys import platform
from typing import TYPE_CHECKING, Final, Protocol, runtime_checkable

DEBUG = True
QUIET = 0
LABEL = "on"
NOTHING = None
VERBOSE: bool = False
ENABLED: Final = True
MYPY = False


@runtime_checkable
class Closer(Protocol):
    def close(self) -> None: ...


@runtime_checkable
class HasSize(Protocol):
    size: int


class Debugging:
    if DEBUG:
        def close(self) -> None: pass
    else:
        size: int = 0


class Quiet:
    if QUIET:
        def close(self) -> None: pass
    elif LABEL:
        size = 1


class Nothing:
    if NOTHING:
        def close(self) -> None: pass
    size: int = 2


class NotVerbose:
    if not VERBOSE:
        def close(self) -> None: pass


class FinalEnabled:
    if ENABLED and not TYPE_CHECKING:
        size = 3


class MypyName:
    if MYPY:
        def close(self) -> None: pass
    else:
        size = 4


class OnLinux:
    if sys.platform == "linux":
        def close(self) -> None: pass
    else:
        size = 5


class OnEmscripten:
    if sys.platform == "emscripten":
        def close(self) -> None: pass


class NotWindows:
    if sys.platform != "win32":
        size = 6


class LinuxPrefix:
    if sys.platform.startswith("lin"):
        def close(self) -> None: pass
    else:
        size = 7


class PrefixTuple:
    if sys.platform.startswith(("emscripten", "wasi")):
        def close(self) -> None: pass


class UnixLike:
    if sys.platform in ("linux", "darwin"):
        size = 8
    else:
        def close(self) -> None: pass


class NotBrowser:
    if sys.platform not in {"emscripten", "wasi"}:
        def close(self) -> None: pass


class StringFirst:
    if "emscripten" == sys.platform:
        size = 9


class ImportedPlatform:
    if platform == "linux":
        def close(self) -> None: pass


class PlatformAndDebug:
    if sys.platform == "linux" and DEBUG:
        def close(self) -> None: pass
    elif DEBUG:
        size = 10


class SetFromConstants:
    size = QUIET
    close = NOTHING


class AnnotatedFromFinal:
    size: int = ENABLED
