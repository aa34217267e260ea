# Attributes that __init__ sets without an annotation: mypy infers their type from the first
# assignment: a parameter's annotation, Any in an __init__ without annotations, a literal's type,
# None. A parameter the body binds again before it is stored has the type mypy narrows it to:
# the type of what it was bound to (`x or 0`, a literal, `int(x)`, a stub's plain method,
# `if x is None: x = 0`), if its annotation admits it; without an annotation it stays Any. The
# lab declines a parameter bound again in other blocks, or to a value whose type it does not
# infer.
from typing import Any, Optional, Protocol, runtime_checkable


@runtime_checkable
class Named(Protocol):
    name: str


@runtime_checkable
class Counted(Protocol):
    count: int


@runtime_checkable
class Ratio(Protocol):
    ratio: float


class FromParams:
    def __init__(self, name: str, count: int = 0) -> None:
        self.name = name
        self.count = count


class WrongParams:
    def __init__(self, name: bytes, *, count: float) -> None:
        self.name = name
        self.count = count


class Literals:
    def __init__(self) -> None:
        self.name = "ada"
        self.count = 3
        self.ratio = 1


class UntypedInit:
    def __init__(self, name):
        self.name = name
        self.count = 1


class Rebound:
    def __init__(self, name: str) -> None:
        name = name.strip()
        self.name = name


class FirstWins:
    def __init__(self, count: int) -> None:
        self.count = count
        self.count = 2


class MaybeName:
    def __init__(self, name: Optional[str] = None) -> None:
        self.name = name
        self.ratio = 0.5


class Unset:
    def __init__(self) -> None:
        self.name = None


class DefaultedCount:
    def __init__(self, count: int | None = None, name: Optional[str] = None) -> None:
        count = count or 0
        name = name or "anonymous"
        self.count = count
        self.name = name


class NarrowedToBool:
    def __init__(self, count: int, ratio: float) -> None:
        count = True
        ratio = 1
        self.count = count
        self.ratio = ratio


class ConvertedCount:
    def __init__(self, count: str) -> None:
        count = "1"
        self.name = count
        self.count = count


class BoundTwice:
    def __init__(self, name: Optional[str]) -> None:
        name = name or "a"
        name = name.upper()
        self.name = name


class StillOptional:
    def __init__(self, name: str | None, count: int | None) -> None:
        name = name
        self.name = name
        self.count = count
        count = 0


class OrMixed:
    def __init__(self, count: int | str | None) -> None:
        count = count or 0
        self.count = count


class BoundInBlock:
    def __init__(self, count: int | None) -> None:
        if count is None:
            count = 0
        self.count = count


class UnannotatedRebound:
    def __init__(self, count, name: str) -> None:
        count = 1
        name = b"name".decode()
        self.count = count
        self.name = name


class GuardedRatio:
    def __init__(self, ratio: float | str | None = None) -> None:
        if ratio is None:
            ratio = 0.5
        self.ratio = ratio


class GuardedWithElse:
    def __init__(self, count: int | None = None) -> None:
        if count is None:
            count = 0
        else:
            count = count + 1
        self.count = count


class ExplicitAny:
    def __init__(self, name: Any, count: Any) -> None:
        name = 1
        count = "one"
        self.name = name
        self.count = count
