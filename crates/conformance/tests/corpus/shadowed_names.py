# A class of the code named like a type of typeshed (SupportsIndex, KeysView) is the code's
# class, not typeshed's.
from typing import Protocol, runtime_checkable


class SupportsIndex:
    pass


class KeysView(Protocol):
    def first(self) -> str: ...


@runtime_checkable
class Takes(Protocol):
    def take(self, x: int, /) -> None: ...


@runtime_checkable
class Keys(Protocol):
    def keys(self) -> KeysView: ...


class TakesIndex:
    def take(self, x: SupportsIndex, /) -> None: pass
class TakesInt:
    def take(self, x: int, /) -> None: pass
class First:
    def first(self) -> str: return ""
class GivesFirst:
    def keys(self) -> First: return First()
class GivesDictKeys:
    def keys(self) -> "dict[str, int]": return {}
