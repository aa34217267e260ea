# `tuple[X, ...]`, a tuple of any length: a fixed tuple of Xs fits it, not the other way, and it
# reads as a Sequence of X; settable attributes stay invariant.
from collections.abc import Sequence
from typing import Protocol, Tuple, runtime_checkable


@runtime_checkable
class Items(Protocol):
    def items(self) -> tuple[int, ...]: ...


@runtime_checkable
class Pair(Protocol):
    def items(self) -> tuple[int, int]: ...


@runtime_checkable
class Floats(Protocol):
    def items(self) -> Sequence[float]: ...


@runtime_checkable
class Takes(Protocol):
    def take(self, xs: tuple[int, ...], /) -> None: ...


class Named(Protocol):
    names: tuple[str, ...]


class AnyLength:
    def items(self) -> Tuple[int, ...]: return ()
    def take(self, xs: tuple[int, ...], /) -> None: pass
    names: tuple[str, ...] = ()
class Bools:
    def items(self) -> tuple[bool, ...]: return ()
    def take(self, xs: tuple[object, ...], /) -> None: pass
    names: tuple[object, ...] = ()
class Two:
    def items(self) -> tuple[int, bool]: return (0, False)
    def take(self, xs: tuple[int, int], /) -> None: pass
    names: tuple[str, str] = ("a", "b")
class Strings:
    def items(self) -> tuple[str, ...]: return ()
    def take(self, xs: Sequence[int], /) -> None: pass
    names: Sequence[str] = ()
