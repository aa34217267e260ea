# Methods generic in their own type variables: mypy unifies them with the Protocol's method
# (a variable stands for the types the Protocol passes in, else the type it returns), then
# compares. The lab follows variables that annotate a parameter or the return as a whole, and
# declines the others.
from typing import Protocol, TypeVar, runtime_checkable

T = TypeVar("T")
U = TypeVar("U")


@runtime_checkable
class Parser(Protocol):
    def parse(self, x: int) -> int: ...


@runtime_checkable
class TextParser(Protocol):
    def parse(self, x: str) -> str: ...


@runtime_checkable
class Formatter(Protocol):
    def parse(self, x: int) -> str: ...


@runtime_checkable
class KeywordParser(Protocol):
    def parse(self, *, x: int) -> int: ...


@runtime_checkable
class NoInput(Protocol):
    def parse(self) -> int: ...


@runtime_checkable
class Merger(Protocol):
    def merge(self, a: int, b: int) -> int: ...


@runtime_checkable
class MixedMerger(Protocol):
    def merge(self, a: int, b: str) -> object: ...


class Identity:
    def parse(self, x: T) -> T:
        return x


class KeywordIdentity:
    def parse(self, *, x: T) -> T:
        return x


class Wraps:
    def parse(self, x: T) -> list[T]:
        return [x]


class Merges:
    def merge(self, a: T, b: T) -> T:
        return a


class Picks:
    def merge(self, a: T, b: U) -> U:
        return b


class Defaulted:
    def parse(self, x: T) -> T:
        return x

    def merge(self, a: int, b: int) -> int:
        return a
