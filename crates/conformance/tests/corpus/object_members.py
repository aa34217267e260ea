# Members every object has: a protocol asking for __eq__, __hash__ or __lt__ is answered by
# object, as typeshed declares it for mypy (no __lt__) and as CPython has it at runtime (__lt__
# too); a class that defines the member itself is judged as usual.
from typing import Protocol, runtime_checkable


@runtime_checkable
class Comparable(Protocol):
    def __lt__(self, other: "Number", /) -> bool: ...


@runtime_checkable
class Hashable(Protocol):
    def __hash__(self) -> int: ...


@runtime_checkable
class Equal(Protocol):
    def __eq__(self, other: object, /) -> bool: ...


@runtime_checkable
class Sized(Protocol):
    def __len__(self) -> int: ...


class Plain:
    pass
class Number:
    def __lt__(self, other: "Number") -> bool: return True
    def __len__(self) -> int: return 0
class Unhashable:
    __hash__ = None
class Hashes:
    def __hash__(self) -> int: return 1
class Eq:
    def __eq__(self, other: object) -> bool: return True
class WrongLen:
    def __len__(self) -> str: return ""
