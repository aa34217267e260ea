# `typing.final` on a class forbids subclasses and on a method forbids overrides (mypy reports
# them); it changes no member, so a final class matches a Protocol as the same class without it
# would, for mypy and for isinstance().
import typing
from dataclasses import dataclass
from typing import Protocol, final, runtime_checkable


@runtime_checkable
class Closer(Protocol):
    def close(self) -> None: ...


@runtime_checkable
class HasSize(Protocol):
    size: int


@runtime_checkable
class Named(Protocol):
    @property
    def name(self) -> str: ...


@final
class Sealed:
    size: int = 0

    def close(self) -> None:
        pass


@typing.final
class SealedSpelled:
    @property
    def name(self) -> str:
        return "sealed"


class FinalMethods:
    @final
    def close(self) -> None:
        pass

    @property
    @final
    def name(self) -> str:
        return "final"


@final
@dataclass
class SealedRecord:
    size: int = 1


@final
class SealedWrongClose:
    def close(self, force: bool) -> None:
        pass
