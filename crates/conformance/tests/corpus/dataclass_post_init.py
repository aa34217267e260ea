# A dataclass's `__post_init__`, which the generated `__init__` calls last. CPython sets what it
# sets when the instance is made; mypy counts attributes set through self in any method. The lab
# follows a `__post_init__` that only sets attributes of self to literals, of a dataclass it
# models that is not frozen, has no `__init__` of its own and no subclass, and declines the
# runtime verdict otherwise.
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable


@runtime_checkable
class HasTotal(Protocol):
    total: int


@runtime_checkable
class HasLevel(Protocol):
    level: int


@dataclass
class Totalled:
    start: int = 0

    def __post_init__(self) -> None:
        """Counted from zero."""
        self.total = 0


@dataclass(order=True)
class Ordered:
    start: int = 0

    def __post_init__(self) -> None:
        self.total = 1


@dataclass(eq=False)
class Unequal:
    items: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.level = 1


@dataclass
class Required:
    start: int

    def __post_init__(self) -> None:
        self.total = 2


@dataclass
class Computed:
    start: int = 1

    def __post_init__(self) -> None:
        self.total = self.start * 2


@dataclass
class OwnInit:
    start: int = 0

    def __init__(self) -> None:
        self.start = 1

    def __post_init__(self) -> None:
        self.total = 3
