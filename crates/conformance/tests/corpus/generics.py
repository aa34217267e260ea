# Generic Protocols and classes: the lab checks bare names, and mypy reads a bare generic
# class as Class[Any], so its type variables match any type, whatever their variance.
from typing import Generic, Protocol, TypeVar, runtime_checkable

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
T_contra = TypeVar("T_contra", contravariant=True)
K = TypeVar("K")


@runtime_checkable
class Reader(Protocol[T_co]):
    def read(self) -> T_co: ...


@runtime_checkable
class Writer(Protocol[T_contra]):
    def write(self, item: T_contra) -> None: ...


@runtime_checkable
class Box(Protocol[T]):
    value: T

    def get(self) -> T: ...

    def put(self, item: T) -> None: ...


class Pair(Protocol[K, T]):
    def key(self) -> K: ...

    def item(self) -> list[T]: ...


class IntReader:
    def read(self) -> int:
        return 0


class StrWriter:
    def write(self, item: str) -> None:
        pass


class IntBox:
    value: int = 0

    def get(self) -> int:
        return self.value

    def put(self, item: int) -> None:
        self.value = item


class ReadsWithArgument:
    def read(self, size: int) -> bytes:
        return b""


class WritesNothing:
    def write(self) -> None:
        pass


class Holder(Generic[T]):
    value: T

    def get(self) -> T:
        return self.value

    def put(self, item: T) -> None:
        self.value = item

    def read(self) -> T:
        return self.value


class IntHolder(Holder[int]):
    pass


class PlainPair:
    def key(self) -> str:
        return ""

    def item(self) -> list[int]:
        return []


class TuplePair:
    def key(self) -> str:
        return ""

    def item(self) -> tuple[int, ...]:
        return ()


class EachCall:
    def read(self, default: T) -> T:
        return default


# A subclass of a subscripted generic class inherits its members with the argument put in.
@runtime_checkable
class IntSource(Protocol):
    def get(self) -> int: ...


@runtime_checkable
class HasIntValue(Protocol):
    value: int


class StrHolder(Holder[str]):
    pass


class FlagHolder(Holder[bool]):
    pass
