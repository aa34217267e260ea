# Members found through inheritance, protocol hierarchies, explicit protocol subclasses.
from typing import Protocol, runtime_checkable


@runtime_checkable
class Closer(Protocol):
    def close(self) -> None: ...


@runtime_checkable
class Resource(Closer, Protocol):
    path: str
    def open(self, mode: str = "r") -> "Resource": ...


class Base:
    def close(self) -> None: pass
class Child(Base):
    path: str = "/tmp"
    def open(self, mode: str = "r") -> "Child": return self
class GrandChild(Child):
    pass
class Explicit(Closer):
    pass
class ExplicitResource(Resource):
    def close(self) -> None: pass
class Diamond(Child, Explicit):
    pass
class OpenWrongReturn(Base):
    path = "x"
    def open(self, mode: str = "r") -> Base: return self
class CloseNeedsArg(Child):
    def close(self, force: bool) -> None: pass
