# `setattr(self, "name", value)` in `__init__`. CPython sets the instance attribute as
# `self.name = value` would; mypy does not read it, so the class statement alone gives the static
# verdict. The lab follows a literal name and a literal value other than None at the top level of
# `__init__`, and declines the runtime verdict where the name or the value is computed, the call
# is in a block, or another method makes it.
from typing import Protocol, runtime_checkable


@runtime_checkable
class HasSize(Protocol):
    size: int


@runtime_checkable
class Named(Protocol):
    name: str


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
