# Values methods set attributes to that are more than a literal or a parameter: mypy types a
# binary operator by the left operand's dunder method in typeshed (then the right one's reflected
# method), a builtin's method called on a literal or a typed value by its stub, `self.attr` by
# the attribute's declared type, tuple unpacking by the tuple's item types, and a parameter bound
# again in `if x is None:` / `else:` branches by the join of what each branch binds. The lab
# declines what it does not follow: a tuple of unknown length, a right operand of type Any, a
# name narrowed by another test.
from typing import Any, Protocol, runtime_checkable


@runtime_checkable
class Counted(Protocol):
    count: int


@runtime_checkable
class Ratio(Protocol):
    ratio: float


@runtime_checkable
class Named(Protocol):
    name: str


@runtime_checkable
class Either(Protocol):
    value: int | str


class Halved:
    def __init__(self, start: int) -> None:
        self.start = start
        self.ratio = start / 2

    def recount(self) -> None:
        self.count = self.start // 2


class Mixed:
    def __init__(self) -> None:
        self.ratio = 1 + 1.5
        self.count = 2 * 3 - 1


class Labelled:
    def __init__(self, name: str) -> None:
        self.label = name
        self.name = self.label_text()

    def label_text(self) -> str:
        return "label"

    def rename(self) -> None:
        self.count = self.name.count("a")


class Decoded:
    def __init__(self) -> None:
        self.name = b"ada".decode()
        self.count = b"ada".count(b"a")


class Stripped:
    def __init__(self, raw: str) -> None:
        self.raw = raw

    def clean(self) -> None:
        self.name = self.raw.strip()
        self.count = self.raw.count(" ")


class Repeated:
    start: float = 1.0

    def grow(self) -> None:
        self.ratio = self.start * 2
        self.count = self.start * 2


class LocalPair:
    def __init__(self) -> None:
        pair = (3, "three")
        self.count, self.name = pair


class Unpacked:
    def __init__(self, pair: tuple[str, int]) -> None:
        self.name, self.count = pair


class UnpackedUnknownLength:
    def __init__(self, pair: tuple[int, ...]) -> None:
        self.count, self.ratio = pair


class AnyOperand:
    def __init__(self, other: Any) -> None:
        self.count = 1 + other


class ElseDoubles:
    def __init__(self, count: int | None = None) -> None:
        if count is not None:
            count = count * 2
        else:
            count = 0
        self.count = count


class FromNoneOnly:
    def __init__(self, value: int | str | None = None) -> None:
        if value is None:
            value = 0
        self.value = value


class ReturnsEarly:
    def __init__(self, name: str | None = None) -> None:
        if name is None:
            self.name = "none"
            return
        self.name = name

    def recount(self, name: str | None = None) -> None:
        if name is None:
            return
        self.count = name.count("a")


class OtherTest:
    def __init__(self, count: int | None = None, flag: bool = False) -> None:
        if flag:
            count = 1
        else:
            count = 2
        self.count = count


class TruthyTest:
    def __init__(self, count: int | None = None) -> None:
        if count:
            count = 1
        self.count = count


class NarrowedByReturn:
    def __init__(self, name: str | None = None) -> None:
        if name is None:
            return
        self.name = name


class NarrowedByRaise:
    def __init__(self, count: int | None = None) -> None:
        if count is None:
            raise ValueError("count")
        self.count = count


class TestsItsAttribute:
    start: float = 1.0

    def grow(self) -> None:
        if not isinstance(self.start, int):
            return
        self.count = self.start + 1


class NarrowedByAssert:
    def __init__(self, name: str | None = "ada") -> None:
        assert name is not None
        self.name = name
