# `__init__` calling a method of the instance that sets attributes. CPython sets them when the
# instance is made; mypy counts attributes set through self in any method. The lab follows a
# call without arguments, at the top level of `__init__`, of an undecorated method of the class
# that no class overrides and whose body only sets attributes of self to literals other than
# None; it declines the runtime verdict where the call or the method does anything else.
from typing import Protocol, runtime_checkable


@runtime_checkable
class HasSize(Protocol):
    size: int


@runtime_checkable
class HasLevel(Protocol):
    level: int


class Resets:
    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        """Back to the start."""
        self.size = 0
        self.level = 1


class InheritsReset(Resets):
    pass


class CallsAfter:
    def __init__(self) -> None:
        self.level = 2
        self.prepare()

    def prepare(self) -> None:
        self.size = 3


class Overridden:
    def __init__(self) -> None:
        self.setup()

    def setup(self) -> None:
        self.size = 1


class Overrides(Overridden):
    def setup(self) -> None:
        self.level = 1


class WithArgument:
    def __init__(self) -> None:
        self.configure(2)

    def configure(self, level: int) -> None:
        self.level = level


class Conditional:
    def __init__(self) -> None:
        self.maybe()

    def maybe(self, ready: bool = False) -> None:
        if ready:
            self.size = 1


class NoneHelper:
    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        self.size = None  # type: ignore[assignment]
