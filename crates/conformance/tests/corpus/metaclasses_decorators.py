# Metaclasses and class decorators can add, remove or replace members, and change what C()
# makes: the lab declines the pairs they touch. `@final` changes no member: its class is judged
# as written.
import dataclasses
import functools
import io
from dataclasses import dataclass, field
from typing import Protocol, final, runtime_checkable


@runtime_checkable
class Closer(Protocol):
    def close(self) -> None: ...


@runtime_checkable
class HasSize(Protocol):
    size: int


@runtime_checkable
class Comparable(Protocol):
    def __gt__(self, other: "Ordered", /) -> bool: ...


class Factory(type):
    def __call__(cls, *args, **kwargs):
        return io.StringIO()


class Made(metaclass=Factory):
    pass


class Registry(type):
    size: int = 0


class Registered(metaclass=Registry):
    pass


def add_close(cls):
    cls.close = lambda self: None
    return cls


@add_close
class Decorated:
    pass


@functools.total_ordering
class Ordered:
    def __init__(self, n: int = 0) -> None:
        self.n: int = n
    def __lt__(self, other: "Ordered") -> bool: return self.n < other.n
    def __eq__(self, other: object) -> bool: return isinstance(other, Ordered) and self.n == other.n


@dataclass(frozen=True)
class FrozenSize:
    size: int = 0


@dataclass
class SizeField:
    size: int


@dataclasses.dataclass
class SizeDefault:
    size: int = 1
    tags: list[str] = field(default_factory=list)


@final
class Sealed:
    size: int = 0
    def close(self) -> None: pass


@dataclass(frozen=True)
class FrozenCloser:
    def close(self) -> None: pass
