# NamedTuple fields are read-only: a settable protocol attribute refuses them, a read-only
# property accepts them. tuple's own members come from typeshed. At runtime the instance is
# made with None for each required field: a field is a descriptor on the class, but up to 3.11
# a Protocol with data members reads a method member's value from the instance, where None
# means deliberately absent.
import typing
from typing import NamedTuple, Protocol, runtime_checkable


@runtime_checkable
class HasX(Protocol):
    x: int


@runtime_checkable
class XView(Protocol):
    @property
    def x(self) -> int: ...


@runtime_checkable
class FloatView(Protocol):
    @property
    def x(self) -> float: ...


@runtime_checkable
class Labelled(Protocol):
    def label(self) -> str: ...


@runtime_checkable
class Counts(Protocol):
    def count(self, value: object, /) -> int: ...


class Point(NamedTuple):
    x: int
    y: int = 0
class Origin(NamedTuple):
    x: int = 0
    def label(self) -> str: return "origin"
class Spelled(typing.NamedTuple):
    x: str = ""
class Boolean(NamedTuple):
    x: bool = False
    def label(self) -> int: return 0


@runtime_checkable
class LabelAndX(Protocol):
    x: int
    def label(self) -> str: ...


@runtime_checkable
class Sized3(Protocol):
    def __len__(self) -> int: ...
    def index(self, value: object, /) -> int: ...


class Pair(NamedTuple):
    first: int
    label: str
    x: int = 1
class Labelled3(NamedTuple):
    x: int
    label: str = "set"
class Shifted(Point):
    def label(self) -> str: return "shifted"
