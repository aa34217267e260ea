# Attributes that __init__ sets without an annotation: mypy infers their type from the first
# assignment: a parameter's annotation, Any in an __init__ without annotations, a literal's type,
# None. A name the body binds again is left untyped by the lab, and declined.
from typing import Optional, Protocol, runtime_checkable


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
