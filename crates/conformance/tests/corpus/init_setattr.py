# `setattr(self, name, value)` in the methods `C()` runs. CPython sets the instance attribute as
# `self.name = value` would; mypy does not read it, so the class statement alone gives the static
# verdict. The lab runs `__init__` (`init_runs.rs`) and follows a name it knows: a literal, a
# parameter's default, a module constant, a loop variable over a display of literals; a `setattr`
# in a method `C()` does not run sets nothing. It declines the runtime verdict where the name is
# computed (an f-string, an operator, a default it does not evaluate), where the object is not the
# instance, where a class takes the write over (`__slots__`, a property, a method, a frozen
# dataclass's `__setattr__`, which refuses `self.size = 1` too), and where the run of `C()` may
# reach a `setattr` the lab does not follow.
from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@runtime_checkable
class HasSize(Protocol):
    size: int


@runtime_checkable
class Named(Protocol):
    name: str


@runtime_checkable
class Closer(Protocol):
    def close(self) -> None: ...


SIZE_FIELD = "size"
FIELDS = ("size", "name")


class SizeByName:
    def __init__(self) -> None:
        setattr(self, "size", 1)


class ChildSizeByName(SizeByName):
    def __init__(self) -> None:
        super().__init__()
        self.name = "child"


class NamedLater(SizeByName):
    pass


class ComputedName:
    def __init__(self, field: str = "size") -> None:
        setattr(self, field, 1)


class InBlock:
    def __init__(self, ready: bool = True) -> None:
        if ready:
            setattr(self, "size", 1)


class NoneByName:
    def __init__(self) -> None:
        setattr(self, "name", None)


class SetLater:
    def configure(self) -> None:
        setattr(self, "size", 2)


class SetLaterAfterInit:
    def __init__(self) -> None:
        self.name = "later"

    def configure(self) -> None:
        setattr(self, "size", 2)


class ConstantName:
    def __init__(self) -> None:
        setattr(self, SIZE_FIELD, 1)


class HelperSetsByName:
    def __init__(self) -> None:
        self.setup("name", "helper")

    def setup(self, field: str, value: str) -> None:
        setattr(self, field, value)


class LoopOverTuple:
    def __init__(self) -> None:
        for field in ("size", "name"):
            setattr(self, field, None)


class LoopOverList:
    def __init__(self) -> None:
        for field in ["size"]:
            setattr(self, field, 1)


class LoopWithBreak:
    def __init__(self) -> None:
        for field in ("size", "name", "close"):
            if field == "name":
                break
            setattr(self, field, 1)


class LoopWithContinue:
    def __init__(self) -> None:
        for field in ("size", "name", "close"):
            if field == "size":
                continue
            setattr(self, field, 1)


class CloseSetToNone:
    def __init__(self) -> None:
        setattr(self, "close", None)


class CloseSetToValue:
    def __init__(self) -> None:
        setattr(self, "close", 1)


class UnknownDefault:
    def __init__(self, field: str = "".join(["si", "ze"])) -> None:
        setattr(self, field, 1)


class FStringName:
    def __init__(self) -> None:
        setattr(self, f"si{'ze'}", 1)


class ConcatenatedName:
    def __init__(self) -> None:
        setattr(self, "si" + "ze", 1)


class LoopOverModuleTuple:
    def __init__(self) -> None:
        for field in FIELDS:
            setattr(self, field, 1)


class SlottedByName:
    __slots__ = ("size",)

    def __init__(self) -> None:
        setattr(self, "size", 1)


class PropertyByName:
    def __init__(self) -> None:
        setattr(self, "name", "p")

    @property
    def name(self) -> str:
        return "property"


class MayRunUnknown:
    def __init__(self) -> None:
        self.setup(int("1"))

    def setup(self, size: int) -> None:
        setattr(self, "size", size)


class ByVars:
    def __init__(self) -> None:
        vars(self)["size"] = 1


class LoopSetsPlainly:
    def __init__(self) -> None:
        for level in (1, 2):
            self.size = level


class MethodShadowedByName:
    def __init__(self) -> None:
        setattr(self, "close", 1)

    def close(self) -> None:
        pass


@dataclass
class PostInitByName:
    name: str = "post"

    def __post_init__(self) -> None:
        setattr(self, "size", 1)


@dataclass(frozen=True)
class FrozenByName:
    name: str = "frozen"

    def __post_init__(self) -> None:
        setattr(self, "size", 1)


@dataclass(frozen=True)
class FrozenPlainly:
    name: str = "frozen"

    def __post_init__(self) -> None:
        self.size = 1


@dataclass(slots=True)
class SlotsByName:
    name: str = "slots"

    def __post_init__(self) -> None:
        setattr(self, "size", 1)
