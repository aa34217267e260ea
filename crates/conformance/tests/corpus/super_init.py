# Attributes a base's __init__ sets: mypy counts them for every subclass; at runtime they exist
# when the __init__ that runs reaches the base's through super().__init__(...). The lab follows
# such calls through __init__ bodies that run nothing else, and declines the others.
from typing import Protocol, runtime_checkable


@runtime_checkable
class HasSize(Protocol):
    size: int


@runtime_checkable
class ReadsSize(Protocol):
    @property
    def size(self) -> int: ...


@runtime_checkable
class SizedLevel(Protocol):
    size: int
    level: int


@runtime_checkable
class Closer(Protocol):
    def close(self) -> None: ...


class Base:
    def __init__(self) -> None:
        self.size = 1

    def close(self) -> None:
        pass


class SizedBase:
    def __init__(self, size: int) -> None:
        self.size = size


class CallsSuper(Base):
    def __init__(self) -> None:
        """Sets the level, then the size."""
        self.level = 2
        super().__init__()


class PassesSize(SizedBase):
    def __init__(self, level: int = 2) -> None:
        super().__init__(3)
        self.level = level


class SkipsSuper(Base):
    def __init__(self) -> None:
        self.level = 2


class Inherits(CallsSuper):
    pass


class Middle(Base):
    pass


class ThroughMiddle(Middle):
    def __init__(self) -> None:
        super().__init__()


class CallsFirst(Base):
    def __init__(self) -> None:
        self.prepare()
        super().__init__()

    def prepare(self) -> None:
        pass


class NamesBase(Base):
    def __init__(self) -> None:
        Base.__init__(self)


class Left(Base):
    def __init__(self) -> None:
        super().__init__()


class Right(Base):
    def __init__(self) -> None:
        self.level = 3


class Diamond(Left, Right):
    pass
