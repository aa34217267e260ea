# Method signatures against a runtime-checkable protocol and a plain one.
from typing import Any, Protocol, runtime_checkable


@runtime_checkable
class Reader(Protocol):
    def read(self, size: int) -> bytes: ...


class ReaderWithDefault(Protocol):
    def read(self, size: int = -1) -> bytes: ...


class Exact:
    def read(self, size: int) -> bytes: return b""
class Renamed:
    def read(self, n: int) -> bytes: return b""
class PosOnly:
    def read(self, size: int, /) -> bytes: return b""
class KwOnly:
    def read(self, *, size: int) -> bytes: return b""
class ExtraRequired:
    def read(self, size: int, timeout: float) -> bytes: return b""
class ExtraOptional:
    def read(self, size: int, timeout: float = 1.0) -> bytes: return b""
class WithDefault:
    def read(self, size: int = 0) -> bytes: return b""
class WiderParam:
    def read(self, size: float) -> bytes: return b""
class NarrowParam:
    def read(self, size: bool) -> bytes: return b""
class WrongReturn:
    def read(self, size: int) -> str: return ""
class Untyped:
    def read(self, size): return b""
class StarArgs:
    def read(self, *args: int) -> bytes: return b""
class StarArgsStr:
    def read(self, *args: str) -> bytes: return b""
class Catchall:
    def read(self, *args: Any, **kwargs: Any) -> bytes: return b""
class NoParams:
    def read(self) -> bytes: return b""
class Missing:
    def write(self, data: bytes) -> None: ...
class Static:
    @staticmethod
    def read(size: int) -> bytes: return b""
class Klass:
    @classmethod
    def read(cls, size: int) -> bytes: return b""
class ReadIsNone:
    read = None
class AnyReturn:
    def read(self, size: int) -> Any: ...
class OptionalReturn:
    def read(self, size: int) -> "bytes | None": return None
class RenamedWithDefault:
    def read(self, n: int = 0, size: int = 0) -> bytes: return b""
