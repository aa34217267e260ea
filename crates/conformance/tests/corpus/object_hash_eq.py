# Members every class has through object: typeshed's object declares __eq__, __hash__, __ne__,
# __repr__, __format__, ... (mypy compares them like the class's own), and at runtime object also
# has the rich comparisons. A class that defines __eq__ without __hash__ gets __hash__ = None from
# type(), which runtime_checkable treats as absent and mypy does not model.
import collections.abc
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable


@runtime_checkable
class Hashable(Protocol):
    def __hash__(self) -> int: ...


@runtime_checkable
class Equal(Protocol):
    def __eq__(self, other: object, /) -> bool: ...


@runtime_checkable
class EqualByName(Protocol):
    def __eq__(self, other: object) -> bool: ...


@runtime_checkable
class NotEqual(Protocol):
    def __ne__(self, other: object, /) -> bool: ...


@runtime_checkable
class LessThan(Protocol):
    def __lt__(self, other: Any, /) -> bool: ...


@runtime_checkable
class Shown(Protocol):
    def __repr__(self) -> str: ...
    def __format__(self, spec: str, /) -> str: ...


@runtime_checkable
class HashableCloser(collections.abc.Hashable, Protocol):
    def close(self) -> None: ...


class HashOnly(Protocol):
    def __hash__(self) -> int: ...


class Plain:
    pass
class Explicit(object):
    def close(self) -> None: pass
class Eq:
    def __eq__(self, other: object) -> bool: return True
    def close(self) -> None: pass
class EqChild(Eq):
    pass
class EqAndHash:
    def __eq__(self, other: object) -> bool: return True
    def __hash__(self) -> int: return 0
class EqChildHashes(Eq):
    def __hash__(self) -> int: return 1
class HashChildEq(EqAndHash):
    def __eq__(self, other: object) -> bool: return False
class Unhashable:
    __hash__ = None
    def close(self) -> None: pass
class BoolHash:
    def __hash__(self) -> bool: return True
class StrHash:
    def __hash__(self) -> str: return ""
class NarrowEq:
    def __eq__(self, other: "NarrowEq") -> bool: return True  # type: ignore[override]
class Ordered:
    def __lt__(self, other: "Ordered") -> bool: return True
class Dynamic:
    def __getattr__(self, name: str) -> int: return 0
@dataclass
class Record:
    x: int = 0
@dataclass(frozen=True)
class FrozenRecord:
    x: int = 0
@dataclass(eq=False)
class IdentityRecord:
    x: int = 0
@dataclass(unsafe_hash=True)
class UnsafeRecord:
    x: int = 0
@dataclass(frozen=True)
class FrozenOwnHash:
    x: int = 0
    def __hash__(self) -> int: return 7
@dataclass
class EqOwnHash:
    x: int = 0
    def __hash__(self) -> int: return 7
@dataclass
class OwnEq:
    x: int = 0
    def __eq__(self, other: object) -> bool: return True
class RecordChild(Record):
    pass
class FrozenChild(FrozenRecord):
    pass
@dataclass(eq=False)
class IdentityEqChild(Eq):
    y: int = 0
class Items(list):
    pass
class Table(dict):
    def close(self) -> None: pass
class Problem(Exception):
    pass
class EqProblem(Exception):
    def __eq__(self, other: object) -> bool: return True
class Text(str):
    pass
