# A method generic in a type variable that it takes inside a union, against a Protocol's method
# that passes an int. mypy infers from the union only where exactly one member could take the
# int (`T | str`: T is at least int); where several could (`T | int`, `T | float` by promotion,
# `T | S`), it infers nothing from the parameter, and the return alone decides the variable.
# A union the Protocol passes is matched member by member (`T | None` taking `int | None`: T is
# at least int).
from typing import Literal, Protocol, TypeVar, runtime_checkable

T = TypeVar("T")
S = TypeVar("S")


@runtime_checkable
class Parser(Protocol):
    def parse(self, x: int) -> int: ...


@runtime_checkable
class Formatter(Protocol):
    def parse(self, x: int) -> str: ...


@runtime_checkable
class OptionalParser(Protocol):
    def parse(self, x: int | None) -> int: ...


@runtime_checkable
class EitherParser(Protocol):
    def parse(self, x: int | str) -> str: ...


@runtime_checkable
class Checker(Protocol):
    def parse(self, x: int) -> bool: ...


class OrInt:
    def parse(self, x: T | int) -> T:
        raise ValueError(x)


class OrStr:
    def parse(self, x: T | str) -> T:
        raise ValueError(x)


class OrFloat:
    def parse(self, x: T | float) -> T:
        raise ValueError(x)


class OrOther:
    def parse(self, x: T | S) -> T:
        raise ValueError(x)


class OrList:
    def parse(self, x: T | list[T]) -> T:
        raise ValueError(x)


class OrLiteral:
    def parse(self, x: T | Literal[1]) -> T:
        raise ValueError(x)


class OrNoneOrInt:
    def parse(self, x: T | None | int) -> list[T]:
        raise ValueError(x)


class Passes:
    def parse(self, x: T) -> T:
        raise ValueError(x)


class OrNone:
    def parse(self, x: T | None) -> T:
        raise ValueError(x)


class ListOrNone:
    def parse(self, x: list[T] | None) -> T:
        raise ValueError(x)
