# `for` and `try` statements in a class body, and names defined again in its blocks. mypy counts
# every block of a `for` (body and `else`) and of a `try` (body, handlers, `else`, `finally`), and
# keeps a name's first definition where a block defines it again (it reports the others). CPython
# runs a `for` body once per item and then its `else`; a `try` body and, when nothing in it
# raises, its `else` and `finally` and no handler; its last definition of a name counts. The lab
# reads a `for` over a non-empty tuple or list of literals of one type, without break or
# continue, and a `try` whose handlers bind no name (at runtime, one whose body cannot raise).
import sys
from typing import Protocol, runtime_checkable

DEBUG = True


@runtime_checkable
class Closer(Protocol):
    def close(self) -> None: ...


@runtime_checkable
class HasSize(Protocol):
    size: int


@runtime_checkable
class Named(Protocol):
    name: str


class SizeLoop:
    for size in (1, 2, 3):
        def close(self) -> None: pass


class NameLoop:
    for name in ["a", "b"]:
        pass
    else:
        size = 0


class TextSizes:
    for size in ("small", "large"):
        pass


class FlagLoop:
    for name in (True, False):
        def close(self, force: bool = name) -> None: pass


class FallbackDef:
    try:
        def close(self) -> None: pass
    except ImportError:
        size = 0


class ElseAndFinally:
    try:
        name = "x"
    except (ValueError, TypeError):
        def close(self) -> None: pass
    else:
        size = 1
    finally:
        def close(self, force: bool = False) -> None: pass


class HandlerOnly:
    try:
        def close(self, force: "bool" = True) -> None: pass
    except Exception:
        name: str = "handled"


class RedefinedIf:
    def close(self, force: bool) -> None: pass
    if DEBUG:
        def close(self) -> None: pass


class SizeTwice:
    size = "none"
    if sys.version_info >= (3, 11):
        size = 0


class Variants:
    if sys.platform == "linux":
        def close(self) -> None: pass
    else:
        def close(self, force: bool) -> None: pass


class EitherVariants:
    if DEBUG:
        def close(self, force: bool) -> None: pass
    else:
        def close(self) -> None: pass


class CloseNone:
    def close(self) -> None: pass
    if DEBUG:
        close = None


class NameRedefined:
    name = 1
    for name in ("a", "b"):
        pass
