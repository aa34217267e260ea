# __getattr__: mypy types missing members with its return type; isinstance() falls back on it up
# to CPython 3.11 (hasattr) but not from 3.12 on (inspect.getattr_static).
from typing import Any, Protocol, runtime_checkable


@runtime_checkable
class Closable(Protocol):
    def close(self) -> None: ...


@runtime_checkable
class Sized(Protocol):
    @property
    def size(self) -> int: ...


@runtime_checkable
class Named(Protocol):
    name: str


class Proxy:
    def __getattr__(self, name: str) -> Any:
        return lambda: None


class Untyped:
    def __getattr__(self, name):
        return 1


class Ints:
    def __getattr__(self, name: str) -> int:
        return 1


class Bools:
    def __getattr__(self, name: str) -> bool:
        return True


class DeclaredName:
    name: str

    def __getattr__(self, name: str) -> Any:
        return "dynamic"


class ProxySubclass(Proxy):
    pass


class Explicit(Proxy, Closable):
    pass
