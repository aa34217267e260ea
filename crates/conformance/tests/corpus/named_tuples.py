# NamedTuple fields are read-only: a settable protocol attribute refuses them, a read-only
# property accepts them. tuple's own members come from typeshed (declined when asked for);
# the runtime is not modelled (C.__new__(C) raises for fields without defaults).
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
