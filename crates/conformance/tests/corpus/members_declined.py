# Members whose verdict turns on what the lab does not model: overloads, descriptors, async def
# against def, types it has no rules for (TypeVars, Self, Callable), attributes written outside
# __init__'s top level; and a member under `if True:` and one set to a constant of the module,
# which the lab reads (class_body_ifs.py, class_body_constants.py).
import functools
from typing import Any, Callable, ClassVar, Final, Protocol, Self, TypeVar, overload, runtime_checkable

T = TypeVar("T")
NOTHING = None


@runtime_checkable
class Closer(Protocol):
    def close(self) -> None: ...


@runtime_checkable
class HasSize(Protocol):
    size: int


@runtime_checkable
class Parser(Protocol):
    def parse(self, x: int) -> int: ...


@runtime_checkable
class Copyable(Protocol):
    def copy(self) -> Self: ...


@runtime_checkable
class Handlers(Protocol):
    def handler(self) -> Callable[[int], object]: ...


class AsyncCloser:
    async def close(self) -> None: pass


class OverloadedParser:
    @overload
    def parse(self, x: int) -> int: ...
    @overload
    def parse(self, x: str) -> str: ...
    def parse(self, x: int | str) -> int | str: return x


class Copier:
    def copy(self) -> "Copier": return self


class CallbackMaker:
    def handler(self) -> Callable[[int], str]: return str


class NoneByName:
    close = NOTHING


class Descriptor:
    def __get__(self, obj: object, owner: Any = None) -> int: return 1


class DescribedSize:
    size = Descriptor()


class CachedSize:
    @functools.cached_property
    def size(self) -> int: return 1


class FinalSize:
    size: Final[int] = 3


class Conditional:
    if True:
        def close(self) -> None: pass


class LateSize:
    def __init__(self) -> None:
        self.reset()
    def reset(self) -> None:
        self.size = 0


class BaseSize:
    def __init__(self) -> None:
        self.size: int = 0


class SkipsSuper(BaseSize):
    def __init__(self) -> None:
        pass


class SetByName:
    def __init__(self) -> None:
        setattr(self, "size", 1)


class Slotted:
    __slots__ = ("size",)
    def __init__(self, size: int) -> None:
        self.size = size


class GenericParse:
    def parse(self, x: T) -> T: return x


class ListSize:
    size = [1]
