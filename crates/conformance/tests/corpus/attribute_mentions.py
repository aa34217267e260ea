# Text that mentions attribute changes without making any: a docstring and a comment that name
# setattr, __dict__ and vars, and a string that reads like `Mentioned.close = None`. The lab
# reads the syntax tree, so it predicts these classes; the real changes below (in an `if` block,
# in a function the module calls, through `cls` in a classmethod the module calls) stay declined,
# and so does a class stored by setattr() on an object the lab cannot name, whose later writes
# might reach the class.
from types import SimpleNamespace
from typing import Protocol, runtime_checkable


@runtime_checkable
class Closer(Protocol):
    def close(self) -> None: ...


@runtime_checkable
class HasSize(Protocol):
    size: int


class Documented:
    """Sets its size itself: never with setattr(self, "size", 1) or self.__dict__."""

    def __init__(self) -> None:
        # vars(self) would list it; the __setattr__ that runs is object's.
        self.size = 1

    def close(self) -> None:
        pass


class Mentioned:
    def close(self) -> None:
        pass


class Stored:
    def close(self) -> None:
        pass


class PatchedInBlock:
    def close(self) -> None:
        pass


class PatchedLater:
    size: int = 0


class ClosedByClassmethod:
    def close(self) -> None:
        pass

    @classmethod
    def disable(cls) -> None:
        cls.close = None  # type: ignore[assignment]


NOTE = "Mentioned.close = None is only text; so is del Mentioned.close"
registry = SimpleNamespace()
setattr(registry, "closer", Stored)

if NOTE:
    PatchedInBlock.close = None  # type: ignore[assignment]


def patch() -> None:
    del PatchedLater.size


patch()
ClosedByClassmethod.disable()
