# Class-body `for` loops over module-level sequences that change before the class statement, and
# over displays of several types. Python loops over the items the name holds when the class body
# runs: the last binding before it, with the items appended since; mypy types the loop variable
# by the name's first binding (reporting later ones and appends of another type), the items of
# a tuple of several types as their union and those of a list as their join. The lab declines,
# for mypy only, a first binding to an empty tuple and a tuple of an int and a float.
from typing import Protocol, runtime_checkable


@runtime_checkable
class HasSize(Protocol):
    size: int


@runtime_checkable
class Tagged(Protocol):
    tag: str


@runtime_checkable
class Either(Protocol):
    value: int | str


SIZES = [1]
SIZES.append(2)
REBOUND = (1,)
REBOUND = (2, 3)
MIXED = (1, "a")
EMPTIED = ()
EMPTIED = (5,)
LATE = [1]
REBOUND_LATE = ("a",)
SHIFTED = ["a"]
SHIFTED.append(1)  # type: ignore[arg-type]
RETYPED = (1,)
RETYPED = ("b",)  # type: ignore[assignment]


class AppendedList:
    for size in SIZES:
        pass


class ReboundTuple:
    for size in REBOUND:
        pass


class EmptyThenBound:
    for size in EMPTIED:
        pass


class MixedTuple:
    for value in (1, "a"):
        pass


class MixedByName:
    for value in MIXED:
        pass


class TagUnion:
    for tag in ("a", b"b"):
        pass


class AppendedLater:
    for size in LATE:
        pass


class ReboundLater:
    for tag in REBOUND_LATE:
        pass


LATE.append(2)
REBOUND_LATE = ("b", "c")


class MixedList:
    for value in [1, "a"]:
        pass


class NumbersTuple:
    for size in (1, 2.5):
        pass


class AppendedOtherType:
    for tag in SHIFTED:
        pass


class ReboundOtherType:
    for tag in RETYPED:
        pass
