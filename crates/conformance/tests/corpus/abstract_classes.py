# Classes that leave an abstract method unimplemented: making an instance raises TypeError
# ("Can't instantiate abstract class ...", worded by version) before isinstance() is asked, even
# through C.__new__(C) and for a Protocol without @runtime_checkable. The lab predicts that
# error; statically mypy judges the class like any other. A builtin base (dict) makes the instance
# with its own __new__, which does not refuse abstract classes: isinstance() is asked as usual.
import abc
from typing import Protocol, runtime_checkable


@runtime_checkable
class Closer(Protocol):
    def close(self) -> None: ...


class Renderer(Protocol):
    def render(self) -> str: ...


@runtime_checkable
class AbstractCloser(Protocol):
    @abc.abstractmethod
    def close(self) -> None: ...


class Base(abc.ABC):
    @abc.abstractmethod
    def close(self) -> None: ...

    @abc.abstractmethod
    def render(self) -> str: ...


class NeedsSize(abc.ABC):
    def __init__(self, size: int) -> None:
        self.size = size

    @abc.abstractmethod
    def close(self) -> None: ...


class HalfDone(Base):
    def close(self) -> None:
        pass


class Done(HalfDone):
    def render(self) -> str:
        return ""


class RenderedByNone(HalfDone):
    render = None


class PlainSubclass(Closer):
    pass


class LeavesAbstract(AbstractCloser):
    pass


class ClosesAbstract(AbstractCloser):
    def close(self) -> None:
        pass


class AbstractDict(dict[str, int], abc.ABC):
    @abc.abstractmethod
    def close(self) -> None: ...
