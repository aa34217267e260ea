# `slice` as typeshed declares it: generic in its start, stop and step types, whose defaults
# (PEP 696) fill the arguments left out: `slice[int]` is `slice[int, int, int]`, `slice[int, str]`
# is `slice[int, str, int | str]`, and a bare `slice` is `slice[Any, Any, Any]`. str's
# `__getitem__` takes `SupportsIndex | slice[SupportsIndex | None]`. (slice is not subscriptable at
# runtime before 3.14: it is written as a string.)
from typing import Protocol, SupportsIndex, runtime_checkable


@runtime_checkable
class AnySlice(Protocol):
    def __getitem__(self, i: slice, /) -> object: ...


@runtime_checkable
class IntSlice(Protocol):
    def __getitem__(self, i: "slice[int]", /) -> object: ...


@runtime_checkable
class StrSlice(Protocol):
    def __getitem__(self, i: "slice[str]", /) -> object: ...


@runtime_checkable
class MixedSlice(Protocol):
    def __getitem__(self, i: "slice[int, str]", /) -> object: ...


@runtime_checkable
class IndexSlice(Protocol):
    def __getitem__(self, i: "slice[SupportsIndex | None]", /) -> str: ...


class Text(str):
    pass


class TakesIntPair:
    def __getitem__(self, i: "slice[int, int]", /) -> str:
        return ""


class TakesMixed:
    def __getitem__(self, i: "slice[int, str, int | str]", /) -> str:
        return ""


class TakesOptional:
    def __getitem__(self, i: "slice[int | None]", /) -> str:
        return ""


class TakesStr:
    def __getitem__(self, i: "slice[str, str, str]", /) -> int:
        return 0
