# Standard-library bases at runtime, read from data/runtime.json (what each CPython's classes have
# on their MRO): names typeshed declares as attributes, leaves out, or gives only from a typing
# ABC are answered per version, as isinstance() finds them.
import collections.abc
import io
from typing import Protocol, runtime_checkable


@runtime_checkable
class Advances(Protocol):
    def __next__(self) -> object: ...


@runtime_checkable
class Reverses(Protocol):
    def __reversed__(self) -> object: ...


@runtime_checkable
class Enters(Protocol):
    def __enter__(self) -> object: ...


@runtime_checkable
class IntegerCheck(Protocol):
    def is_integer(self) -> bool: ...


@runtime_checkable
class Noted(Protocol):
    def add_note(self, note: str, /) -> None: ...


@runtime_checkable
class Indexes(Protocol):
    def index(self, value: object) -> int: ...


@runtime_checkable
class Rounds(Protocol):
    def __round__(self) -> int: ...


@runtime_checkable
class Readable(Protocol):
    def readable(self) -> bool: ...


class Lines(io.TextIOBase):
    pass
class Raw(io.IOBase):
    pass
class Count(int):
    pass
class Mapping(dict[str, int]):
    pass
class Word(str):
    pass
class Failure(ValueError):
    pass
class Pair(tuple):
    pass
class Letters(collections.abc.Sequence[str]):
    def __getitem__(self, index: int) -> str: return "a"  # type: ignore[override]
    def __len__(self) -> int: return 1
class Size(collections.abc.Sized):
    def __len__(self) -> int: return 0
