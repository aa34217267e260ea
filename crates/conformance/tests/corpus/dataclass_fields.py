# What `field()` and the `kw_only` and `match_args` options make of a dataclass. A field with
# `init=False` is no parameter of __init__: it keeps its `default` as a class attribute, is set
# by __init__ from its `default_factory`, and without either the instance never has it (mypy
# still counts it). `kw_only` fields are keyword-only parameters; a class whose __init__ needs
# an argument is made with C.__new__(C). `__match_args__` names the positional parameters: mypy
# types it as a settable tuple of their literal types. `slots=True` gives a class without bases
# a slot for each field instead of a class attribute; `__init__` sets even an init=False field
# with a default there. An `InitVar` is a parameter of __init__ (and named in __match_args__),
# never an attribute; the fields after `_: KW_ONLY` are keyword-only. From 3.13 a dataclass has
# `__replace__`, which mypy types as taking each __init__ field by keyword and returning the class.
import dataclasses
from dataclasses import KW_ONLY, InitVar, dataclass, field
from typing import Literal, Protocol, runtime_checkable


@runtime_checkable
class HasCount(Protocol):
    count: int


@runtime_checkable
class HasItems(Protocol):
    items: list[int]


@runtime_checkable
class HasLabel(Protocol):
    label: str


@runtime_checkable
class HasRatio(Protocol):
    ratio: float


@runtime_checkable
class HasSeed(Protocol):
    seed: int


@runtime_checkable
class Matchable(Protocol):
    __match_args__: tuple[str, ...]


@runtime_checkable
class ReadsMatchArgs(Protocol):
    @property
    def __match_args__(self) -> tuple[str, ...]: ...


@runtime_checkable
class MatchesCount(Protocol):
    @property
    def __match_args__(self) -> tuple[Literal["count"]]: ...


@dataclass
class CountedLater:
    label: str = "x"
    count: int = field(default=3, init=False)


@dataclass
class NeverCounted:
    label: str = "x"
    count: int = field(init=False)


@dataclass
class ItemsMade:
    items: list[int] = field(default_factory=list, init=False)
    count: int = field(default=0, repr=False, compare=False)
    ratio: float = field(default=0.5, init=False)


@dataclass(kw_only=True)
class KeywordCount:
    count: int
    label: str = "k"


@dataclass(kw_only=True)
class KeywordDefaults:
    count: int = 1
    label: str = field(default="k", kw_only=False)


@dataclass
class OnlyCount:
    count: int = 0
    label: str = field(default="c", kw_only=True)


@dataclass(match_args=False)
class Unmatched:
    count: int = 0


@dataclass
class Counted(CountedLater):
    items: list[int] = field(default_factory=list)


@dataclass(slots=True)
class SlottedCount:
    count: int = 0
    label: str = field(default="s", init=False)


@dataclass(slots=True)
class SlottedRequired:
    count: int
    items: list[int] = field(default_factory=list)


@dataclass(slots=True, frozen=True)
class FrozenSlots:
    count: int = 0

    def describe(self) -> str:
        return str(self.count)


@dataclass
class SeededCount:
    count: int
    seed: InitVar[int]
    _: KW_ONLY
    label: str = "k"

    def __post_init__(self, seed: int) -> None:
        pass


@dataclass
class SeededChild(SeededCount):
    items: list[int] = field(default_factory=list, kw_only=True)


@dataclass
class QuietSeed:
    seed: dataclasses.InitVar[str]
    count: int = 0


@runtime_checkable
class Replaceable(Protocol):
    def __replace__(self, *, count: int = ...) -> "Replaceable": ...


@runtime_checkable
class ReplacesAnything(Protocol):
    def __replace__(self, **changes: object) -> object: ...


@dataclass(frozen=True)
class Snapshot:
    count: int = 0
    label: str = field(default="s", init=False)


class PlainReplace:
    def __replace__(self, *, count: int = 0) -> "PlainReplace":
        return self
