# Classes with standard-library bases the lab knows from typeshed's stubs (data/typeshed.json):
# a protocol member none of them declares is missing for mypy too; one they declare is compared
# when its stub is a plain def of types the lab knows, and declined otherwise; at runtime the
# builtin, exception and io bases are known, the ABCs declined.
import collections.abc
import contextlib
import io
from typing import Iterator, Protocol, runtime_checkable


@runtime_checkable
class Named(Protocol):
    name: str


@runtime_checkable
class Closer(Protocol):
    def close(self) -> None: ...


@runtime_checkable
class Renderer(Protocol):
    def render(self, width: int) -> str: ...


@runtime_checkable
class Keys(Protocol):
    def keys(self) -> object: ...


class Problem(Exception):
    pass
class NamedProblem(Exception):
    name: str = "problem"
class RenderedProblem(Exception):
    def render(self, width: int) -> str: return ""
class WrongRender(Exception):
    def render(self, width: str) -> str: return ""
class Words(list[str]):
    def render(self, width: int) -> str: return ""
class Table(dict[str, int]):
    name = "table"
class Text(str):
    pass
class Number(int):
    def close(self) -> None: pass
class Buffer(io.StringIO):
    pass
class Stream(io.TextIOBase):
    name: str = "stream"
class Raw(io.IOBase):
    pass
class Manager(contextlib.AbstractContextManager):
    def __exit__(self, *args: object) -> None: pass
class Numbers(collections.abc.Iterator[int]):
    def __next__(self) -> int: raise StopIteration
class Mapping(collections.abc.Mapping[str, int]):
    def __getitem__(self, key: str) -> int: return 0
    def __len__(self) -> int: return 0
    def __iter__(self) -> Iterator[str]: return iter([])
class Sizes(collections.abc.Sized):
    def __len__(self) -> int: return 0
    def close(self) -> None: pass


import abc


class AbstractRenderer(abc.ABC):
    @abc.abstractmethod
    def render(self, width: int) -> str: ...
class ConcreteRenderer(AbstractRenderer):
    def render(self, width: int) -> str: return ""
class AbstractCloser(abc.ABC):
    name: str = "closer"
    def close(self, force: bool) -> None: pass


# The same bases imported by name, renamed or not: the lab spells them from their module.
from io import StringIO as MemoryFile
from collections.abc import Sized as HasLength


class ImportedBuffer(MemoryFile):
    pass
class ImportedSizes(HasLength):
    def __len__(self) -> int: return 1
class ImportedError(KeyError):
    name: str = "missing"


# A stub's plain signature is compared like one of the code.
@runtime_checkable
class BytesWriter(Protocol):
    def write(self, data: bytes, /) -> int: ...


@runtime_checkable
class TextWriter(Protocol):
    def write(self, text: str, /) -> object: ...


@runtime_checkable
class ClosesWithCode(Protocol):
    def close(self) -> int: ...
