# The options of @dataclass that change the class. `order=True` adds __lt__, __le__, __gt__ and
# __ge__, whose operand mypy's plugin types with a type variable bound to the type they are
# looked up on (so a subclass compares with its own kind only); an `__init__` of the class's own
# is kept, whatever its signature, and the generated one (calling __post_init__) is not made;
# `init=False` leaves fields without defaults unset; `eq=False` keeps object's __hash__, and a
# frozen class gets a generated one. A frozen class's own __init__ must not set attributes of
# self (FrozenInstanceError): one that sets none, or sets them through object.__setattr__, is kept.
from dataclasses import dataclass, field
from typing import Any, Protocol, Self, runtime_checkable


@runtime_checkable
class Comparable(Protocol):
    def __lt__(self, other: Self) -> bool: ...


@runtime_checkable
class LessThanAnything(Protocol):
    def __lt__(self, other: Any) -> bool: ...


@runtime_checkable
class LessThanInt(Protocol):
    def __lt__(self, other: int) -> bool: ...


@runtime_checkable
class AtLeastRanked(Protocol):
    def __ge__(self, other: "Ranked") -> bool: ...


@runtime_checkable
class HasStart(Protocol):
    start: int


@runtime_checkable
class ReadsStart(Protocol):
    @property
    def start(self) -> int: ...


@runtime_checkable
class HasLabel(Protocol):
    label: str


@runtime_checkable
class Hashable(Protocol):
    def __hash__(self) -> int: ...


@dataclass(order=True)
class Ranked:
    start: int = 0


class PlainRanked(Ranked):
    pass


@dataclass(order=True)
class RankedChild(Ranked):
    label: str = ""


@dataclass(order=True, frozen=True)
class FrozenRanked:
    start: int = 0


@dataclass(order=False)
class Unordered:
    start: int = 0


@dataclass(order=True, eq=True, unsafe_hash=True)
class HashedRanked:
    start: int = 0
    label: str = field(default_factory=str)


@dataclass
class LabelledInit:
    start: int

    def __init__(self, label: str) -> None:
        self.start = len(label)
        self.label = label


@dataclass
class QuietInit:
    start: int
    label: str = "x"

    def __init__(self) -> None:
        pass


@dataclass
class PostInitKept:
    label: str = ""

    def __init__(self) -> None:
        self.label = "made"

    def __post_init__(self) -> None:
        self.start = 1


@dataclass
class OwnInitChild(LabelledInit):
    extra: int = 0


@dataclass(init=False)
class NotInitialised:
    start: int
    label: str = "x"


@dataclass(eq=False)
class IdentityEqual:
    start: int = 0


@dataclass
class OwnEquality:
    start: int = 0

    def __eq__(self, other: object) -> bool:
        return True


@dataclass(frozen=True)
class FrozenEquality:
    start: int = 0

    def __eq__(self, other: object) -> bool:
        return False


@dataclass(frozen=True)
class FrozenQuiet:
    start: int = 0

    def __init__(self) -> None:
        pass


@dataclass(frozen=True)
class FrozenSetThrough:
    start: int

    def __init__(self, start: int) -> None:
        object.__setattr__(self, "start", start)
