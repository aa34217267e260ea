# `__init__` bodies that reach a base's `__init__` other than by `super().__init__()`: by naming
# the base (`Base.__init__(self)`), after calling a method of the instance that does nothing, or
# not at all. CPython sets the attributes of the `__init__`s that run; mypy counts every
# `self.x = ...` of every `__init__` whatever runs. The lab follows a named base whose `__init__`
# is the next on the MRO and a call of an undecorated method whose body does nothing, and
# declines the runtime verdict where something else may run.
from typing import Protocol, runtime_checkable


@runtime_checkable
class HasSize(Protocol):
    size: int


@runtime_checkable
class HasLevel(Protocol):
    level: int


class Base:
    def __init__(self, size: int = 1) -> None:
        self.size = size


class Middle(Base):
    def __init__(self) -> None:
        Base.__init__(self, 2)
        self.level = 1


class NamesGrandparent(Middle):
    def __init__(self) -> None:
        Base.__init__(self)


class NamesParent(Middle):
    def __init__(self) -> None:
        Middle.__init__(self)


class NamesBaseWithoutInit(Middle):
    pass


class Skips(Base):
    def __init__(self) -> None:
        self.level = 0


class Hooked(Base):
    def __init__(self) -> None:
        self.setup()
        super().__init__()

    def setup(self) -> None:
        ...


class HookSetsLevel(Base):
    def __init__(self) -> None:
        self.setup()
        super().__init__()

    def setup(self) -> None:
        self.level = 2


class InheritedHook(Hooked):
    def __init__(self) -> None:
        self.setup()
        Hooked.__init__(self)


class StaticHook(Base):
    def __init__(self) -> None:
        self.check()
        super().__init__()

    @staticmethod
    def check() -> None:
        pass


class OtherObject(Base):
    def __init__(self) -> None:
        Base.__init__(Base())
