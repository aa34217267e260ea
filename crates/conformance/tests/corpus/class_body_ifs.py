# `if` statements in class bodies. mypy reads a comparison of sys.version_info for the Python it
# checks for and always takes TYPE_CHECKING (and/or by its own rules: `FLAG or TYPE_CHECKING` holds
# for it); any other condition counts both ways for it, so a member defined under
# `if False:` is still a member for mypy. CPython runs one clause: the lab knows which for True,
# False, TYPE_CHECKING, sys.version_info and not/and/or of them, and declines the runtime
# verdict of any other condition (constants and sys.platform: class_body_constants.py). A name
# defined again keeps its first definition for mypy (class_body_blocks.py, with for and try).
import sys
import typing
from typing import TYPE_CHECKING, Protocol, runtime_checkable

FLAG = len(sys.argv) > 5


@runtime_checkable
class Closer(Protocol):
    def close(self) -> None: ...


@runtime_checkable
class HasSize(Protocol):
    size: int


@runtime_checkable
class CloserWhenChecked(Protocol):
    if TYPE_CHECKING:
        size: int
    def close(self) -> None: ...


class NewerCloser:
    if sys.version_info >= (3, 12):
        def close(self) -> None: pass
    else:
        size: int = 0


class OlderCloser:
    if sys.version_info < (3, 12):
        def close(self) -> None: pass


class ThirteenOn:
    if (3, 13) <= sys.version_info:
        def close(self) -> None: pass


class AfterTwelve:
    if sys.version_info > (3, 12):
        size = 1


class ExactlyThirteen:
    if sys.version_info == (3, 13):
        def close(self) -> None: pass


class Chain:
    if sys.version_info >= (3, 14):
        size = 14
    elif sys.version_info >= (3, 12):
        def close(self) -> None: pass
    else:
        size = 11


class CheckedOnly:
    if TYPE_CHECKING:
        def close(self) -> None: ...


class CheckedOrRun:
    if typing.TYPE_CHECKING:
        size: int = 0
    else:
        def close(self) -> None: pass


class RunOnly:
    if not TYPE_CHECKING:
        def close(self) -> None: pass


class TrueElse:
    if True:
        size: int = 1
    else:
        def close(self) -> None: pass


class NeverRun:
    if False:
        def close(self) -> None: pass
    size: int = 2


class Nested:
    if True:
        if sys.version_info >= (3, 11):
            def close(self) -> None: pass
        size = 3


class NewAtRuntime:
    if sys.version_info >= (3, 12) and not TYPE_CHECKING:
        def close(self) -> None: pass


class CheckedOrThirteen:
    if TYPE_CHECKING or sys.version_info >= (3, 13):
        size: int = 13


class FlagFirst:
    if FLAG or TYPE_CHECKING:
        def close(self) -> None: pass
    else:
        size = 0


class Flagged:
    if FLAG:
        def close(self) -> None: pass


class Redefined:
    def close(self) -> None: pass
    if FLAG:
        def close(self) -> None: pass


class OnLinux:
    if sys.platform == "linux":
        def close(self) -> None: pass


class InitInBranch:
    if True:
        def __init__(self) -> None:
            self.size = 4


class Looped:
    for _name in ("a", "b"):
        pass
    def close(self) -> None: pass
