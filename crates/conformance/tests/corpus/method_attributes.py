# Attributes that methods set through self: mypy counts a `self.x = ...` in any method, block and
# nested function, typed by the first one (its annotation, Any in a function without annotations,
# a parameter's annotation, a literal's type). At runtime the attribute exists only once such a
# method ran:
# `C()` runs `__init__`, which may call it (declined), and a class without `__init__` runs none.
from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@runtime_checkable
class HasSize(Protocol):
    size: int


@runtime_checkable
class HasItems(Protocol):
    items: list[int]


@runtime_checkable
class StrItems(Protocol):
    items: list[str]


@runtime_checkable
class HasLevel(Protocol):
    level: int


@runtime_checkable
class ReadsLevel(Protocol):
    @property
    def level(self) -> int: ...


@runtime_checkable
class HasHandle(Protocol):
    handle: int


@runtime_checkable
class HasPairs(Protocol):
    pairs: dict[str, int]


@runtime_checkable
class HasTotal(Protocol):
    total: int


class ResetsSize:
    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.size = 0


class SizeWhenAsked:
    def grow(self) -> None:
        self.size = 1


class SizeAfterInit:
    def __init__(self, start: int) -> None:
        self.start = start

    def grow(self) -> None:
        self.size = self.start + 1


class ConditionalLevel:
    def __init__(self, verbose: bool = False) -> None:
        if verbose:
            self.level = 2


class ConfiguredLevel:
    def configure(self, level: int) -> None:
        self.level = level


class TextLevel:
    def configure(self, level: str) -> None:
        self.level = level


class UntypedLevel:
    def load(self, data):
        self.level = data
        self.items = data


class ListItems:
    def fill(self) -> None:
        self.items = [1, 2]
        self.pairs = {"a": 1}


class TextItems:
    def fill(self) -> None:
        self.items = ["a"]
        self.pairs = {1: "a"}


class DeclaredItems:
    def fill(self) -> None:
        self.items: list[int]
        self.size: int = 3


class ClassItems:
    items = [1]
    size = [1]


class NoHandle:
    def __init__(self) -> None:
        self.handle = None


class HandleLater:
    def __init__(self) -> None:
        self.handle = None

    def open(self) -> None:
        self.handle = 3  # type: ignore[assignment]


class SetterLevel:
    @property
    def loud(self) -> bool:
        return True

    @loud.setter
    def loud(self, value: bool) -> None:
        self.level = 3


class InnerSize:
    def prepare(self) -> None:
        def inner() -> None:
            self.size = 1
        inner()


class InnerFirst:
    def prepare(self) -> None:
        def inner() -> None:
            self.level = "loud"
        inner()
        self.level = 3  # type: ignore[assignment]


class UntypedInner:
    def prepare(self) -> None:
        def inner():
            self.level = "loud"
        inner()


class UnpackedSize:
    def prepare(self) -> None:
        self.size, self.level = 1, 2


class UnpackedPair:
    def prepare(self, pair: tuple[int, str]) -> None:
        self.size, self.level = pair


class BaseWriter:
    def write(self) -> None:
        self.size = 1


class SubWriter(BaseWriter):
    def write_more(self) -> None:
        self.size = 2


@dataclass
class TotalAfterInit:
    start: int = 0

    def __post_init__(self) -> None:
        self.total = 0


@dataclass
class TotalOfRequired:
    start: int

    def __post_init__(self) -> None:
        self.total = 1
