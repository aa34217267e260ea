# Methods generic in their own type variables: mypy unifies them with the Protocol's method
# (a variable stands for the types the Protocol passes in, else the type it returns), then
# compares. The lab follows variables that annotate a parameter or the return, as a whole or
# inside a type (list[T], dict[str, T], Sequence[T], Callable[..., T]: matched with the same
# place of the Protocol's type, through the ancestor typeshed's stubs give, by each argument's
# variance), joins lower bounds it knows the join of (int and str: object), and solves a variable
# nothing constrains to Never, as mypy does.
from collections.abc import Callable, Sequence
from typing import NoReturn, Protocol, TypeVar, runtime_checkable

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


@runtime_checkable
class ListMaker(Protocol):
    def make(self, x: int) -> list[int]: ...


@runtime_checkable
class StrListMaker(Protocol):
    def make(self, x: int) -> list[str]: ...


@runtime_checkable
class SequenceMaker(Protocol):
    def make(self, x: bool) -> Sequence[int]: ...


@runtime_checkable
class DictMaker(Protocol):
    def make(self, x: int) -> dict[str, int]: ...


@runtime_checkable
class CallbackMaker(Protocol):
    def make(self, x: int) -> Callable[..., int]: ...


@runtime_checkable
class ListTaker(Protocol):
    def take(self, xs: list[int]) -> int: ...


@runtime_checkable
class CallbackTaker(Protocol):
    def take(self, f: Callable[[int], str]) -> str: ...


class MakesList:
    def make(self, x: T) -> list[T]:
        return [x]


class MakesDict:
    def make(self, x: T) -> dict[str, T]:
        return {"x": x}


class MakesCallback:
    def make(self, x: T) -> Callable[..., T]:
        return lambda: x


class MakesNumber:
    def make(self, x: T) -> T | None:
        return x


class TakesList:
    def take(self, xs: list[T]) -> T:
        return xs[0]


class TakesSequence:
    def take(self, xs: Sequence[T]) -> T:
        return xs[0]


class TakesCallback:
    def take(self, f: Callable[[T], str]) -> str:
        return "f"


class MergesBools:
    def merge(self, a: T, b: T) -> T:
        return a


class ExtraOption:
    def parse(self, x: int, extra: T | None = None) -> int:
        return x


class NeverReturns:
    def parse(self, x: int) -> NoReturn:
        raise ValueError(x)


class TakesOptional:
    def parse(self, x: T | None) -> T:
        return x or 0


class TakesEither:
    def parse(self, x: T | int) -> T:
        raise ValueError(x)
