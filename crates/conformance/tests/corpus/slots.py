# __slots__: a slot's descriptor is on the class, set or not. CPython 3.12+ finds it with
# inspect.getattr_static; 3.11 asks the class for a Protocol of methods only, and
# hasattr(instance) otherwise, which an unset slot fails.
from typing import Protocol, runtime_checkable


@runtime_checkable
class HasSize(Protocol):
    size: int


@runtime_checkable
class Sizer(Protocol):
    def size(self) -> int: ...


@runtime_checkable
class SizedNamed(Protocol):
    size: int
    name: str


class SetInInit:
    __slots__ = ("size",)

    def __init__(self) -> None:
        self.size: int = 3


class NeedsSize:
    __slots__ = ("size",)

    def __init__(self, size: int) -> None:
        self.size: int = size


class NeverSet:
    __slots__ = ("size",)


class OneString:
    __slots__ = "size"


class ListOfSlots:
    __slots__ = ["size", "name"]

    def __init__(self) -> None:
        self.name: str = "list"


class Parent:
    __slots__ = ("size",)


class Child(Parent):
    __slots__ = ("name",)

    def __init__(self) -> None:
        self.name: str = "child"
        self.size: int = 1


class WithDict:
    __slots__ = ("size", "__dict__")

    def __init__(self) -> None:
        self.name: str = "dict"


class Unslotted:
    def __init__(self) -> None:
        self.name: str = "plain"


class SlottedChild(Unslotted):
    __slots__ = ("size",)


class SizeMethod:
    __slots__ = ()

    def size(self) -> int:
        return 0


NAMES = ("size",)


class FromName:
    __slots__ = NAMES


class Leaky:
    __slots__ = ("size",)

    def __init__(self) -> None:
        self.size: int = 1
        self.name: str = "no slot"


LISTED = ["size"]
NAMED_SLOTS = ("size", "name")


class FromList:
    __slots__ = LISTED


class FromPair:
    __slots__ = NAMED_SLOTS

    def __init__(self) -> None:
        self.name = "pair"


class ChildOfName(FromName):
    __slots__ = ("name",)


class SlottedBase:
    __slots__ = ("size",)


class LeakyDerived(SlottedBase):
    __slots__ = ("name",)

    def __init__(self) -> None:
        self.name = "derived"
        self.level = 2


class DictFromBase(Unslotted):
    __slots__ = ("size",)

    def __init__(self) -> None:
        self.size = 1
        self.level = 2


class LeaksInHelper:
    __slots__ = ("size",)

    def __init__(self) -> None:
        self.size = 1
        self.setup()

    def setup(self) -> None:
        self.name = "helper"


class LeaksOnlyIfStrict:
    __slots__ = ("size",)

    def __init__(self, strict: bool = False) -> None:
        self.size = 1
        if strict:
            self.name = "strict"


class ReadOnlyName:
    __slots__ = ("size",)
    name = "class"

    def __init__(self) -> None:
        self.name = "instance"


class NearSlot:
    __slots__ = ("sizes",)

    def __init__(self) -> None:
        self.size = 1


class LeaksPrivate:
    __slots__ = ("size",)

    def __init__(self) -> None:
        self.__hidden = 1


SHARED_SLOTS = ["size"]
SHOWN_SLOTS = ["size"]
SHOWN_COUNT = len(SHOWN_SLOTS)


class SharesList:
    __slots__ = SHARED_SLOTS


class SharesListToo:
    __slots__ = SHARED_SLOTS


class ShownList:
    __slots__ = SHOWN_SLOTS
