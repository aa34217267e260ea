# What C() sets, followed through what its __init__ runs: helpers called with arguments (whose
# `if`s the arguments' values pick), keyword arguments and defaults, a helper's return value,
# `return` ending __init__ early, super().__init__(...) with arguments, a grandparent's __init__
# called by name, the method the instance's own class resolves, module constants, and other
# instances made on the way (which what they run does not change). The lab declines where a
# value it needs comes from code it does not follow: a call of a function (as an argument, a
# default, or a test before a `return`), an assert it cannot evaluate, and calls nested as deep
# as a recursion's.
from typing import Protocol, runtime_checkable

LEVEL = 2


@runtime_checkable
class HasSize(Protocol):
    size: int


@runtime_checkable
class HasLevel(Protocol):
    level: int


@runtime_checkable
class Closer(Protocol):
    def close(self) -> None: ...


class FlagArgument:
    def __init__(self) -> None:
        self.setup(True)

    def setup(self, sized: bool) -> None:
        if sized:
            self.size = 1
        else:
            self.level = 1


class FlagKeyword:
    def __init__(self) -> None:
        self.setup(sized=False)

    def setup(self, sized: bool = True) -> None:
        if sized:
            self.size = 1
        else:
            self.level = 1


class ComparedArgument:
    def __init__(self, count: int = 3) -> None:
        self.setup(count - 1, limit=1)

    def setup(self, count: int, limit: int) -> None:
        if count > limit and not count == 5:
            self.size = count


class Returned:
    def __init__(self) -> None:
        self.size = self.initial()

    def initial(self) -> int:
        return 4


class EarlyReturn:
    def __init__(self, name: str | None = None) -> None:
        self.level = 0
        if name is None:
            return
        self.size = name.count("a")


class ClosedToNone:
    def __init__(self) -> None:
        self.close = None


class Chained:
    def __init__(self, level: int = 0) -> None:
        if level:
            self.level = level


class ChainedChild(Chained):
    def __init__(self) -> None:
        super().__init__(level=2)
        self.size = 1


class Grandparent:
    def __init__(self, sized: bool = False) -> None:
        if sized:
            self.size = 1


class Parent(Grandparent):
    def __init__(self) -> None:
        super().__init__()
        self.level = 1


class NamesGrandparentWithArgument(Parent):
    def __init__(self) -> None:
        Grandparent.__init__(self, True)


class Resolved:
    def __init__(self) -> None:
        self.prepare()

    def prepare(self) -> None:
        self.size = 1


class ResolvedInSubclass(Resolved):
    def prepare(self) -> None:
        self.level = 1


class CalledArgument:
    def __init__(self) -> None:
        self.setup(int("0"))

    def setup(self, sized: int) -> None:
        if sized:
            self.size = 1


class ConstantDefault:
    def __init__(self, level: int = LEVEL) -> None:
        self.setup(level)

    def setup(self, level: int) -> None:
        if level > 1:
            self.level = level


class ConstantRead:
    def __init__(self) -> None:
        if LEVEL < 2:
            self.size = LEVEL


class CalledDefault:
    def __init__(self, level: int = int("2")) -> None:
        if level:
            self.level = level


def ready() -> bool:
    return False


class ReturnsOnCall:
    def __init__(self) -> None:
        self.level = 1
        if not ready():
            return
        self.size = 1


# isinstance() with a Protocol of methods only asks the class first: the None the instance holds
# does not hide the class's method.
class ShadowedMethod:
    def __init__(self) -> None:
        self.close = None

    def close(self) -> None:  # type: ignore[method-assign]
        pass


class AssertsFlag:
    def __init__(self, ready: bool = ready()) -> None:
        assert ready
        self.size = 1


class Part:
    def __init__(self, sized: bool = True) -> None:
        if sized:
            self.size = 2


class MadeFromParts:
    def __init__(self) -> None:
        self.level = 1
        self.close = Part(sized=False)
        Part.__init__(Part(), False)


class Recursive:
    def __init__(self) -> None:
        self.size = 1
        self.child = Recursive()
