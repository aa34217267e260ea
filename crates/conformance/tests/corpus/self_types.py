# typing.Self in Protocol methods: mypy binds it to the class it checks, in the Protocol's
# methods and in the class's own.
from typing import Protocol, Self, runtime_checkable


@runtime_checkable
class Copyable(Protocol):
    def copy(self) -> Self: ...


@runtime_checkable
class Mergeable(Protocol):
    def merge(self, other: Self) -> Self: ...


@runtime_checkable
class MaybeCopyable(Protocol):
    def copy(self) -> Self | None: ...


class ReturnsOwnName:
    def copy(self) -> "ReturnsOwnName":
        return ReturnsOwnName()

    def merge(self, other: "ReturnsOwnName") -> "ReturnsOwnName":
        return self


class ReturnsSelf:
    def copy(self) -> Self:
        return self

    def merge(self, other: Self) -> Self:
        return other


class Base:
    def copy(self) -> "Base":
        return Base()


class Derived(Base):
    pass


class SelfBase:
    def copy(self) -> Self:
        return self


class SelfDerived(SelfBase):
    pass


class ReturnsInt:
    def copy(self) -> int:
        return 0

    def merge(self, other: int) -> int:
        return other


class WideParameter:
    def merge(self, other: object) -> "WideParameter":
        return self


class NarrowParameter:
    def merge(self, other: "ReturnsOwnName") -> "NarrowParameter":
        return self


class ReturnsNone:
    def copy(self) -> None:
        return None


class OptionalCopy:
    def copy(self) -> "OptionalCopy | None":
        return None
