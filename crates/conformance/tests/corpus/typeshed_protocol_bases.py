# Protocols that inherit a Protocol of typeshed (collections.abc, typing's aliases of it,
# contextlib): they ask for that Protocol's members as its stub declares them, statically and
# at runtime.
import collections.abc
import typing
from collections.abc import Collection, Container, Iterable, Iterator, Reversible, Sized
from contextlib import AbstractContextManager
from typing import Any, Protocol, runtime_checkable


@runtime_checkable
class SizedCloser(Sized, Protocol):
    def close(self) -> None: ...


class SizedOnly(typing.Sized, Protocol):
    pass


@runtime_checkable
class Items(Iterable, Protocol):
    def count(self) -> int: ...


@runtime_checkable
class Bag(Collection, Protocol):
    pass


@runtime_checkable
class Store(Container, Protocol):
    def close(self) -> None: ...


@runtime_checkable
class Backwards(Reversible, Protocol):
    pass


@runtime_checkable
class Stepper(Iterator, Protocol):
    pass


@runtime_checkable
class Managed(AbstractContextManager, Protocol):
    def close(self) -> None: ...


@runtime_checkable
class NamedSizedCloser(SizedCloser, Protocol):
    name: str


@runtime_checkable
class Spelled(collections.abc.Sized, Protocol):
    def close(self) -> None: ...


class Full:
    name: str = "full"
    def close(self) -> None: pass
    def __len__(self) -> int: return 0
    def __iter__(self) -> Iterator[int]: return iter([])
    def __contains__(self, x: object, /) -> bool: return False
    def count(self) -> int: return 0
class CloseOnly:
    def close(self) -> None: pass
class WrongLen:
    def close(self) -> None: pass
    def __len__(self) -> str: return ""
class LenNone:
    __len__ = None
    def close(self) -> None: pass
class NarrowContains:
    def __contains__(self, x: int) -> bool: return False
    def close(self) -> None: pass
class KeywordContains:
    def __contains__(self, item: object) -> bool: return False
    def close(self) -> None: pass
class UntypedIter:
    def __iter__(self):
        yield 1
    def count(self) -> int: return 1
    def __len__(self) -> int: return 1
class StrIter:
    def __iter__(self) -> Iterator[str]: return iter("")
    def __reversed__(self) -> Iterator[str]: return iter("")
    def __next__(self) -> str: return ""
    def count(self) -> str: return ""
class Steps:
    def __next__(self) -> int: return 0
    def __iter__(self) -> "Steps": return self
class Context:
    def __enter__(self) -> "Context": return self
    def __exit__(self, *args: object) -> None: pass
    def close(self) -> None: pass
class Implements(SizedCloser):
    def close(self) -> None: pass
    def __len__(self) -> int: return 2
class Partial(SizedCloser):
    def close(self) -> None: pass
class Table(dict):
    def close(self) -> None: pass
class Stack(list):
    def close(self) -> None: pass
class Text(str):
    def close(self) -> None: pass


@runtime_checkable
class Ints(Iterable[int], Protocol):
    pass


@runtime_checkable
class StrBag(typing.Collection[str], Protocol):
    def close(self) -> None: ...


class IntIter:
    def __iter__(self) -> Iterator[int]: return iter([])
class BoolIter:
    def __iter__(self) -> Iterator[bool]: return iter([])
class StrCollection:
    def __iter__(self) -> Iterator[str]: return iter("")
    def __len__(self) -> int: return 0
    def __contains__(self, x: object, /) -> bool: return False
    def close(self) -> None: pass


@runtime_checkable
class HasLines(Protocol):
    def lines(self) -> Iterable[str]: ...


def traced(f: Any) -> Any:
    return f


class StrLines:
    def __iter__(self) -> Iterator[str]: return iter([])
class IntLines:
    def __iter__(self) -> Iterator[int]: return iter([])
class TracedLines:
    @traced
    def __iter__(self) -> Iterator[str]: return iter([])
class GivesStrLines:
    def lines(self) -> StrLines: return StrLines()
class GivesIntLines:
    def lines(self) -> IntLines: return IntLines()
class GivesNoLines:
    def lines(self) -> CloseOnly: return CloseOnly()
class GivesTracedLines:
    def lines(self) -> TracedLines: return TracedLines()
class GivesSteps:
    def lines(self) -> Steps: return Steps()
