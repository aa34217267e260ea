# @dataclass as the lab models it: annotated class-level names are instance attributes set by the
# generated __init__; frozen=True makes them read-only, which a settable protocol attribute
# refuses and a read-only property accepts. C() runs only when every field has a default.
import dataclasses
from dataclasses import dataclass, field
from typing import ClassVar, Protocol, runtime_checkable


@runtime_checkable
class Sized(Protocol):
    size: int


@runtime_checkable
class SizeView(Protocol):
    @property
    def size(self) -> int: ...


@runtime_checkable
class SettableSize(Protocol):
    @property
    def size(self) -> int: ...
    @size.setter
    def size(self, value: int) -> None: ...


@runtime_checkable
class Tagged(Protocol):
    tags: list[str]


@runtime_checkable
class Closer(Protocol):
    def close(self) -> None: ...


@dataclass
class Plain:
    size: int


@dataclass
class PlainDefault:
    size: int = 0


@dataclass(frozen=True)
class Frozen:
    size: int


@dataclass(frozen=True)
class FrozenDefault:
    size: int = 0


@dataclasses.dataclass(frozen=True, eq=True)
class FrozenTagged:
    tags: list[str] = field(default_factory=list)
    size: int = 3


@dataclass()
class Factory:
    tags: list[str] = field(default_factory=list)


@dataclass
class RequiredTags:
    tags: list[str]
    size: int = 0


@dataclass
class WrongType:
    size: str = ""


@dataclass
class BoolSize:
    size: bool = False


@dataclass(frozen=True)
class FrozenCloser:
    def close(self) -> None: pass


@dataclass(frozen=False)
class Counter:
    count: ClassVar[int] = 0
    size: int = 1


@dataclass
class Child(PlainDefault):
    tags: list[str] = field(default_factory=list)


class NotADataclass(FrozenDefault):
    pass


@dataclass(frozen=True)
class FrozenChild(FrozenDefault):
    extra: int = 0


@dataclass(init=False)
class NoInit:
    size: int


@dataclass(frozen=True)
class FrozenProperty:
    @property
    def size(self) -> int: return 1
