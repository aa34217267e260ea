# `for` statements in a class body over what the lab can list: `range` of integer literals, a
# display of literals (or of tuples of them, into a tuple of names), a dict display's keys,
# values or items, or a module-level name bound once to such a display. mypy counts the body and
# the `else` whatever the loop runs over, the loop variable typed by the items; CPython runs the
# body once per item, so not at all over an empty range, leaving the loop variable unbound. A
# tuple of literals of several types gives mypy their union (`class_body_sequences.py` has more);
# a list or dict the module may change other than by appends (its name used elsewhere) is
# declined.
from typing import Protocol, runtime_checkable

NAMES = ("a", "b")
SIZES = [1, 2]
TABLE = {"small": 1, "large": 2}
LEVELS = [1]
LEVELS.append(2)
TWICE = (1, 2)
TWICE = (3, 4)


@runtime_checkable
class Closer(Protocol):
    def close(self) -> None: ...


@runtime_checkable
class HasSize(Protocol):
    size: int


@runtime_checkable
class Named(Protocol):
    name: str


class RangeLoop:
    for size in range(3):
        def close(self) -> None: pass


class EmptyRange:
    for size in range(0):
        def close(self) -> None: pass


class BackwardsRange:
    for size in range(3, -3, -2):
        pass


class EmptyBackwardsRange:
    for size in range(3, 0):
        pass
    else:
        name = "done"


class SteppedRange:
    for size in range(1, 10, 4):
        name = "stepped"


class ConstantLoop:
    for name in NAMES:
        pass


class ListConstantLoop:
    for size in SIZES:
        pass


class DictConstantLoop:
    for name in TABLE:
        def close(self) -> None: pass


class ChangedListLoop:
    for size in LEVELS:
        pass


class RebindingLoop:
    for size in TWICE:
        pass


class DictKeys:
    for name in {"a": 1, "b": 2}:
        pass


class DictKeysCall:
    for name in {"a": 1, "b": 2}.keys():
        pass


class DictValues:
    for size in {"a": 1, "b": 2}.values():
        pass


class DictItems:
    for name, size in {"a": 1, "b": 2}.items():
        pass


class TextValues:
    for size in {"a": "one"}.values():
        pass


class PairLoop:
    for name, size in (("a", 1), ("b", 2)):
        pass


class MixedLoop:
    for size in (1, "a"):
        pass


class ConstantItems:
    for name, size in TABLE.items():
        pass


class FloatRange:
    for size in range(2):
        size = 1.5
