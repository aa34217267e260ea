# Verdicts that rest on another pair (a method returning a class that must conform to a
# protocol), module-level code that changes a class after its statement, and the container
# rules the lab has for tuples, sequences and iterators.
from typing import Iterable, Iterator, Protocol, Sequence, runtime_checkable

NOTHING = None


@runtime_checkable
class Closer(Protocol):
    def close(self) -> None: ...


@runtime_checkable
class Opener(Protocol):
    def open(self) -> Closer: ...


@runtime_checkable
class Numbers(Protocol):
    def numbers(self) -> Sequence[int]: ...


@runtime_checkable
class Items(Protocol):
    def items(self) -> Iterable[str]: ...


class GoodHandle:
    def close(self) -> None: pass
class ByNameHandle:
    close = NOTHING
class AsyncHandle:
    async def close(self) -> None: pass
class OpensGood:
    def open(self) -> GoodHandle: return GoodHandle()
class OpensByName:
    def open(self) -> ByNameHandle: return ByNameHandle()
class OpensAsync:
    def open(self) -> AsyncHandle: return AsyncHandle()
class Patched:
    def close(self) -> None: pass
class Removed:
    def close(self) -> None: pass
class Added:
    pass
class MixedTuple:
    def numbers(self) -> tuple[int, str]: return (1, "")
    def items(self) -> tuple[str, str]: return ("", "")
class IntTuple:
    def numbers(self) -> tuple[int, int]: return (1, 2)
    def items(self) -> tuple[str, int]: return ("", 1)
class BoolList:
    def numbers(self) -> list[bool]: return []
    def items(self) -> Iterator[str]: return iter([])
class StrSequence:
    def numbers(self) -> Sequence[str]: return []
    def items(self) -> Sequence[str]: return []
class DictItems:
    def numbers(self) -> dict[int, str]: return {}
    def items(self) -> dict[str, int]: return {}
class SetItems:
    def numbers(self) -> set[int]: return set()
    def items(self) -> frozenset[str]: return frozenset()


Patched.close = None  # type: ignore[assignment]
del Removed.close
setattr(Added, "close", lambda self: None)
