# Dataclasses: the __init__ @dataclass generates, with every option that changes it.
import dataclasses
from dataclasses import KW_ONLY, InitVar, dataclass, field
from typing import ClassVar


@dataclass
class Point:
    x: int
    y: float


@dataclass()
class Defaults:
    x: int
    y: int = 2
    label: str = "p"
    tags: list = field(default_factory=list)
    cache: dict = field(default_factory=dict, repr=False)
    limit: int = field(default=10)
    hidden: int = field(default=0, init=False)
    computed: str = field(init=False, default_factory=str)


@dataclass(kw_only=True)
class KwOnly:
    x: int
    y: int = 0
    flag: bool = field(default=False, kw_only=False)


@dataclass
class Sentinel:
    x: int
    _: KW_ONLY
    y: int
    flag: bool = True


@dataclass
class FieldKwOnly:
    x: int
    y: int = field(kw_only=True)
    z: int = 3


@dataclass
class WithInitVar:
    x: int
    scale: InitVar[int] = 1
    total: int = field(init=False, default=0)

    def __post_init__(self, scale):
        self.total = self.x * scale


@dataclass
class WithClassVar:
    count: ClassVar[int] = 0
    quoted: str = "q"
    x: int = 1
    y: "int" = 2


@dataclass(frozen=True)
class Frozen:
    x: int
    y: int = 5


@dataclass(frozen=True)
class FrozenChild(Frozen):
    z: int = 6


@dataclass
class Base:
    x: int
    y: int = 0


@dataclass
class Child(Base):
    z: int = 1
    x: int = 9


class Plain(Child):
    def describe(self, verbose=False):
        return verbose


@dataclass
class GrandChild(Plain):
    flag: bool = False


@dataclass(init=False)
class NoInit(Base):
    z: int = 1


@dataclass(init=False)
class NoInitAtAll:
    x: int = 0


@dataclass
class OwnInit:
    x: int
    y: int = 0

    def __init__(self, x, *, scale=1):
        self.x = x * scale


@dataclasses.dataclass(eq=False, repr=False, slots=True)
class Qualified:
    x: int
    y: str = "y"
    z: tuple = ()

    def method(self, y, *, x=None):
        return y


@dataclass
class Shadows(Child):
    y: ClassVar[int] = 3
    w: int = 4


@dataclass
class Computed:
    x: int = len("ab")
    y: object = None
    z: float = -1.5
