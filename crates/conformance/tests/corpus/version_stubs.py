# Classes whose standard-library base declares a member differently by Python version in
# typeshed's stubs: mypy's verdict follows its --python-version, and so does the lab's.
# int.is_integer is new in 3.12 (returning `Literal[True]`, a bool); str.replace takes
# `count` by keyword from 3.13 (mypy lets a positional-only parameter stand for a Protocol's
# positional-or-keyword one, not for a keyword-only one); int.__round__ accepts None for
# `ndigits` from 3.14; Generator.close returns the generator's return value or None from 3.13
# (None before).
import collections.abc
from typing import Protocol, runtime_checkable


@runtime_checkable
class WholeNumber(Protocol):
    def is_integer(self) -> bool: ...


@runtime_checkable
class Replacer(Protocol):
    def replace(self, old: str, new: str, /, count: int = -1) -> str: ...


@runtime_checkable
class KeywordReplacer(Protocol):
    def replace(self, old: str, new: str, *, count: int = -1) -> str: ...


@runtime_checkable
class RoundsToNone(Protocol):
    def __round__(self, ndigits: None = None, /) -> int: ...


@runtime_checkable
class QuietCloser(Protocol):
    def close(self) -> None: ...


class Count(int):
    pass


class Flag(int):
    def describe(self) -> str:
        return "flag"


class Slug(str):
    pass


class Countdown(collections.abc.Generator[int, None, str]):
    def send(self, value: None) -> int:
        raise StopIteration("done")

    def throw(self, typ: object, val: object = None, tb: object = None) -> int:
        raise StopIteration("done")
