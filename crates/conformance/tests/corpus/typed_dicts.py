# A TypedDict against Protocols. Its fields are keys, not attributes: no Protocol attribute
# finds them. mypy reads the class as typing._TypedDict, a Mapping without dict's mutating
# extras (clear, popitem); at runtime calling the class makes a plain dict, which has them.
from typing import Protocol, TypedDict, runtime_checkable
import typing


@runtime_checkable
class HasName(Protocol):
    name: str


@runtime_checkable
class HasKeys(Protocol):
    def keys(self) -> object: ...


@runtime_checkable
class Clears(Protocol):
    def clear(self) -> None: ...


@runtime_checkable
class Closes(Protocol):
    def close(self) -> None: ...


class Movie(TypedDict):
    name: str
    year: int


class Draft(TypedDict, total=False):
    name: str


class Sequel(Movie):
    part: int


class Review(typing.TypedDict):
    stars: int
    close: bool
