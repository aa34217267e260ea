# Classes whose attributes the module's top level sets or deletes after the class statement.
# CPython runs these statements before anything asks isinstance, so the runtime verdict is that
# of the class as patched; mypy does not apply them to the class (it reports those it rejects), so
# the static verdict is that of the class statement. The lab follows `C.a = v`, `del C.a`,
# `setattr(C, "a", v)` and `delattr(C, "a")` at the top level, on a plain class of the module, and
# declines the runtime verdicts where a class is changed anywhere else or in another way.
from typing import Protocol, runtime_checkable


@runtime_checkable
class Closer(Protocol):
    def close(self) -> None: ...


@runtime_checkable
class HasSize(Protocol):
    size: int


class Base:
    def close(self) -> None: pass


class Child(Base):
    pass


class Disabled:
    def close(self) -> None: pass


class Sized:
    pass


class Unsized:
    size = 1


class ReEnabled:
    close = None


class Deleted(Base):
    def close(self) -> None: pass


class SetByName:
    pass


class DeletedByName:
    size = 0

    def close(self) -> None: pass


class NoneSize:
    pass


class Decorated:
    pass


def add_size(cls: type) -> type:
    return cls


@add_size
class DecoratedLater:
    pass


class InFunction:
    pass


class ProtocolPatched(Protocol):
    def close(self) -> None: ...


def close_anything(self: object) -> None:
    pass


class SkippedBlock:
    size = 1


class ClassmethodPatched:
    def close(self) -> None: pass

    @classmethod
    def disable(cls) -> None:
        cls.close = None  # type: ignore[assignment]


class InheritsClassmethod(ClassmethodPatched):
    pass


class LoggedPatch:
    size = 1


class ReturnsEarly:
    size = 1


def log_and_patch() -> None:
    print("patching")
    del LoggedPatch.size


def patch_maybe() -> None:
    return
    del ReturnsEarly.size


DISABLED = False


def patch() -> None:
    InFunction.size = 1  # type: ignore[attr-defined]


Disabled.close = None  # type: ignore[assignment]
Sized.size = 3  # type: ignore[attr-defined]
del Unsized.size
ReEnabled.close = close_anything  # type: ignore[assignment]
del Deleted.close
setattr(SetByName, "close", lambda self: None)
delattr(DeletedByName, "size")
NoneSize.size = None  # type: ignore[attr-defined]
Base.close = None  # type: ignore[assignment]
DecoratedLater.size = 1  # type: ignore[attr-defined]
patch()
if DISABLED:
    del SkippedBlock.size
else:
    SkippedBlock.close = close_anything  # type: ignore[attr-defined]
InheritsClassmethod.disable()
log_and_patch()
patch_maybe()


# A function set on a class after the class statement is a method of its instances, which the
# lab follows where the name is a plain `def` bound once; anything else it declines.
def keep(function: object) -> object:
    return function


@keep
def kept_close(self: object) -> None:
    pass


def twice(self: object) -> None:
    pass


twice = None  # type: ignore[assignment]


class PatchedDecorated:
    pass


class PatchedTwice:
    pass


class PatchedLambda:
    pass


PatchedDecorated.close = kept_close  # type: ignore[attr-defined]
PatchedTwice.close = twice  # type: ignore[attr-defined]
PatchedLambda.close = lambda self: None  # type: ignore[attr-defined]
