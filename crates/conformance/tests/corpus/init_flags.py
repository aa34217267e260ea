# An `__init__` whose parameter, with a literal default, chooses what it sets: `C()` passes
# nothing, so the clause the default's truth picks runs. mypy counts the attributes of every
# clause. The lab follows an `if flag:` at the top level of `__init__` (after attribute
# assignments only) whose clause sets attributes to literals, for a class no class inherits from,
# and declines the runtime verdict where the test, the clause or the class is anything else.
from typing import Protocol, runtime_checkable


@runtime_checkable
class HasSize(Protocol):
    size: int


@runtime_checkable
class HasLevel(Protocol):
    level: int


class Quiet:
    def __init__(self, verbose: bool = False) -> None:
        self.size = 1
        if verbose:
            self.level = 2


class Loud:
    def __init__(self, verbose: bool = True) -> None:
        if verbose:
            self.level = 2
        else:
            self.size = 0


class EmptyName:
    def __init__(self, name: str = "") -> None:
        if name:
            self.size = 1
        else:
            self.level = 0


class Counted:
    def __init__(self, count: int = 3) -> None:
        if count:
            self.size = count


class Compared:
    def __init__(self, level: int = 0) -> None:
        if level > 1:
            self.level = level


class Rebound:
    def __init__(self, verbose: bool = False) -> None:
        verbose = not verbose
        if verbose:
            self.level = 1


class Parent:
    def __init__(self, verbose: bool = False) -> None:
        if verbose:
            self.level = 1


class Child(Parent):
    def __init__(self) -> None:
        super().__init__(True)
