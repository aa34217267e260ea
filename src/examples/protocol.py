from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@runtime_checkable
class Sink(Protocol):
    def write(self, data: bytes) -> int: ...
    def close(self) -> None: ...


class MemorySink:
    def __init__(self) -> None:
        self.chunks: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.chunks.append(data)
        return len(data)

    def close(self) -> None:
        print(f"closed after {len(self.chunks)} chunk(s)")


@dataclass
class FileSink:
    # A dataclass whose generated __init__ needs a path: isinstance() never
    # builds an object, so only the methods below decide.
    path: str
    written: int = 0

    def write(self, data: bytes) -> int:
        self.written += len(data)
        return len(data)

    def close(self) -> None:
        print(f"{self.path}: {self.written} byte(s)")


class ShoutingSink:
    # The names match, the signature does not: a type checker rejects this
    # class as a Sink, but isinstance() only looks for the names.
    def write(self, text: str) -> None:
        print(text.upper())

    def close(self) -> None:
        pass


class RenamedSink:
    # Same types, renamed parameter: mypy accepts it, yet a caller that
    # writes sink.write(data=...) gets a TypeError.
    def write(self, payload: bytes) -> int:
        return len(payload)

    def close(self) -> None:
        pass


class Closeable(Protocol):  # not @runtime_checkable
    def close(self) -> None: ...


class Notebook:
    def write(self, data: bytes) -> int:
        return 0


def drain(sink: Sink, payload: bytes) -> None:
    sink.write(payload)
    sink.close()


for candidate in (MemorySink(), FileSink("log.bin"), ShoutingSink(), RenamedSink(), Notebook()):
    name = type(candidate).__name__
    print(f"{name:>12}: isinstance(…, Sink) is {isinstance(candidate, Sink)}")

try:
    isinstance(MemorySink(), Closeable)
except TypeError as error:
    print("Closeable:", error)

drain(MemorySink(), b"hello")
drain(FileSink("log.bin"), b"hello")
