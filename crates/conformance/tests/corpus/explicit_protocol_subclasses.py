# A class that names a Protocol among its bases inherits its metaclass, which derives from
# ABCMeta: an @abstractmethod of the Protocol it does not implement keeps it from being
# instantiated, so the runtime verdict has no instance.
from abc import abstractmethod
from typing import Protocol, runtime_checkable


@runtime_checkable
class Closer(Protocol):
    @abstractmethod
    def close(self) -> None: ...


class Explicit(Closer):
    pass
class Plain:
    def close(self) -> None: pass
class Lst(list):
    def close(self) -> None: pass
class Implements(Closer):
    def close(self) -> None: pass
