# `Final` attributes: mypy reads them as read-only instance attributes (not ClassVars) of the
# declared type, or of the type it infers from the value of a bare `Final`, like frozen dataclass
# fields; at runtime they are plain attributes.
from dataclasses import dataclass
from typing import ClassVar, Final, Protocol, runtime_checkable


@runtime_checkable
class HasSize(Protocol):
    size: int


@runtime_checkable
class ReadsSize(Protocol):
    @property
    def size(self) -> int: ...


@runtime_checkable
class ClassSize(Protocol):
    size: ClassVar[int]


@runtime_checkable
class ReadsText(Protocol):
    @property
    def size(self) -> str: ...


class FinalInt:
    size: Final[int] = 3
class FinalInferred:
    size: Final = 3
class FinalDeclared:
    size: Final[int]
    def __init__(self) -> None:
        self.size = 3
class FinalIntInInit:
    def __init__(self) -> None:
        self.size: Final[int] = 3
class FinalText:
    size: Final = "s"
class FinalBool:
    size: Final[bool] = True
class FinalObject:
    size: Final[object] = 3
class FinalNone:
    size: Final = None
@dataclass
class FinalField:
    size: Final[int] = 3
class FinalUnset:
    size: Final[int]
