# Types that only typeshed defines (dict_keys, KeysView, SupportsIndex, TracebackType, ...) in the
# stub signatures a class inherits and in protocols: a typeshed class is judged by its stub bases
# and the arguments it passes them (dict_keys[str, int] is an Iterable[str]); a builtin matches a
# typeshed Protocol such as SupportsIndex by its stub's members; other judgments about them are
# mypy's, and the lab declines a verdict that turns on one. (dict_keys is not subscriptable at
# runtime: it is written as a string.)
from _collections_abc import dict_keys
from collections.abc import Iterable, KeysView, Sequence
from types import TracebackType
from typing import Protocol, SupportsIndex, runtime_checkable


@runtime_checkable
class Counter(Protocol):
    def count(self, x: str, start: int = 0, /) -> int: ...


@runtime_checkable
class StrCounter(Protocol):
    def count(self, x: str, start: str, /) -> int: ...


@runtime_checkable
class Indexed(Protocol):
    def __getitem__(self, i: SupportsIndex, /) -> object: ...


@runtime_checkable
class Keyed(Protocol):
    def keys(self) -> KeysView[str]: ...


@runtime_checkable
class AnyKeys(Protocol):
    def keys(self) -> object: ...


@runtime_checkable
class Exits(Protocol):
    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None, /
    ) -> None: ...


class Text(str):
    pass
class Table(dict[str, int]):
    pass
class Record(tuple[int, int]):
    pass
class ByInt:
    def __getitem__(self, i: int) -> str: return ""
    def count(self, x: str, start: bool = False, /) -> int: return 0
class ByIndex:
    def __getitem__(self, i: SupportsIndex) -> str: return ""
    def keys(self) -> KeysView[str]: return {}.keys()
class ByObject:
    def __getitem__(self, i: object) -> str: return ""
    def keys(self) -> list[str]: return []
    def count(self, x: object, start: object = None, /) -> int: return 0
class AnyExit:
    def __exit__(self, *args: object) -> None: pass
class TypedExit:
    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: pass
class NarrowExit:
    def __exit__(self, exc_type: None, exc: None, tb: None) -> None: pass
class ExceptionExit:
    def __exit__(self, exc_type: type[Exception] | None, exc: Exception | None, tb: object) -> None: pass


@runtime_checkable
class PicksInt(Protocol):
    def pick(self, i: int, /) -> object: ...


@runtime_checkable
class PicksStr(Protocol):
    def pick(self, i: str, /) -> object: ...


@runtime_checkable
class Fails(Protocol):
    def fail(self) -> LookupError: ...


class PickByIndex:
    def pick(self, i: SupportsIndex, /) -> object: return i
    def fail(self) -> KeyError: return KeyError()
class PickByBool:
    def pick(self, i: bool, /) -> object: return i
    def fail(self) -> Exception: return Exception()
class PickByFloat:
    def pick(self, i: float, /) -> object: return i
    def fail(self) -> IndexError: return IndexError()


@runtime_checkable
class KeyIter(Protocol):
    def keys(self) -> Iterable[str]: ...


@runtime_checkable
class Chars(Protocol):
    def chars(self) -> Sequence[str]: ...


class IntTable(dict[int, str]):
    pass
class GivesKeys:
    def keys(self) -> "dict_keys[str, int]": return {"a": 1}.keys()
    def chars(self) -> str: return ""
class GivesObjectKeys:
    def keys(self) -> "dict_keys[object, int]": return {}.keys()
    def chars(self) -> bytes: return b""
class GivesBareKeys:
    def keys(self) -> dict_keys: return {}.keys()  # type: ignore[type-arg]
    def chars(self) -> list[str]: return []


@runtime_checkable
class Sliced(Protocol):
    def __getitem__(self, i: slice, /) -> object: ...


class BySlice:
    def __getitem__(self, i: "slice[int, int, int]", /) -> str: return ""
