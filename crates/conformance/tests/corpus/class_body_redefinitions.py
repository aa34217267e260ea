# A name a class body binds again, at its top level or in a block. mypy keeps the first
# definition and reports the others, except that a bare `name = None` first gives the name a
# partial type, which the next assignment completes: `size = None` then `size = 1` is `int | None`
# (a `def`, an annotated assignment or `None` again leave it `None`). CPython keeps the last. The
# lab completes a partial `None` from a literal and declines where the value is one it does not
# type.
import sys
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


class NoneThenInt:
    size = None
    size = 1


class NoneThenIntInIf:
    size = None
    if sys.version_info >= (3, 8):
        size = 1


class NoneThenStr:
    name = None
    for name in ("a", "b"):
        pass


class SizeThenText:
    size = 1
    size = "large"


class TextThenSize:
    size = "large"
    size = 1


class NoneThenNone:
    size = None
    size = None


class NoneThenCall:
    name = None
    name = str(1)


class NoneThenMethod:
    close = None

    def close(self) -> None: pass


class CloseTwice:
    def close(self, force: bool) -> None: pass
    def close(self) -> None: pass


class SizeThenMethod:
    size = 1

    def size(self) -> int: return 1


class MethodThenSize:
    def size(self) -> int: return 1

    size = 1


class TextThenAnnotated:
    size = "large"
    size: int = 1


class NoneThenAnnotated:
    size = None
    size: int = 1


class DeclaredThenSet:
    size: int
    size = 1


class SetInInit:
    size = "large"

    def __init__(self) -> None:
        self.size = "small"



class NoneThenIntThenNone:
    size = None
    size = 1
    size = None


class NoneThenNegative:
    size = None
    size = -1


class NoneThenFloat:
    size = None
    size = 1.5


class NoneThenBool:
    name = None
    name = True


class NoneInTry:
    name = None
    try:
        name = "x"
    except ValueError:
        pass


class SizeTwice:
    size = 1
    size = 2
