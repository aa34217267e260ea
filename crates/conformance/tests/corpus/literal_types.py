# Literal types, in Protocols written here and in typeshed (`int.is_integer() -> Literal[True]`
# from 3.12): mypy holds `Literal[True]` below `bool` (and so below `int`), a literal only below
# itself and the unions that hold it, and `bool` below `Literal[True, False]`; an attribute
# annotated `bool` or set to `True` is not `Literal[True]`, but a bare `Final` set to a bool, int
# or string is of its literal type. isinstance() only asks for the names.
from typing import Final, Literal, Protocol, runtime_checkable


@runtime_checkable
class AlwaysTrue(Protocol):
    def check(self) -> Literal[True]: ...


@runtime_checkable
class Checks(Protocol):
    def check(self) -> bool: ...


@runtime_checkable
class ChecksToInt(Protocol):
    def check(self) -> int: ...


@runtime_checkable
class Moded(Protocol):
    mode: Literal["r", "w"]


@runtime_checkable
class ReadsMode(Protocol):
    @property
    def mode(self) -> str: ...


@runtime_checkable
class OpensForReading(Protocol):
    @property
    def mode(self) -> Literal["r"]: ...


@runtime_checkable
class TakesMode(Protocol):
    def open(self, mode: Literal["r"]) -> None: ...


@runtime_checkable
class WholeNumber(Protocol):
    def is_integer(self) -> bool: ...


class ReturnsTrue:
    def check(self) -> Literal[True]:
        return True

    def open(self, mode: str) -> None:
        pass


class ReturnsBool:
    def check(self) -> bool:
        return False

    def open(self, mode: Literal["r", "w"]) -> None:
        pass


class ReturnsEither:
    def check(self) -> Literal[True, False]:
        return True

    def open(self, mode: Literal["w"]) -> None:
        pass


class ReturnsOne:
    def check(self) -> Literal[1]:
        return 1


class ReadMode:
    mode: Literal["r"] = "r"


class EitherMode:
    mode: Literal["r", "w"] = "r"


class StrMode:
    mode: str = "r"


class FinalRead:
    mode: Final = "r"


class FinalWrite:
    mode: Final = "w"


class FinalDeclared:
    mode: Final[str] = "r"


class Count(int):
    pass


class Flag(int):
    def is_integer(self) -> Literal[True]:
        return True
