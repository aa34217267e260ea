# Constructors that surely raise: C()'s __init__, run on the values the lab knows, reaches a
# `raise` of a builtin exception class (or one of the code's that adds nothing to it), bare or
# with one str message, or an `assert` whose test is false. isinstance() is never called, so
# the probe reports the traceback's last line, whatever the Protocol (runtime-checkable or
# not). An `assert` whose test holds goes on, as does an `if` whose raising clause is not taken.
# A message is a str the run knows (a literal, a parameter's default, a local) or an f-string
# of such strs and ints (`{x}`, `{x!s}`, `{x!r}`). The lab still declines another message (a
# format spec, `!a`, a float, an int or None as the message), a raise of a name bound to an
# exception, and an exception class with a `__str__` of its own.
from typing import Protocol, runtime_checkable


@runtime_checkable
class HasName(Protocol):
    name: str


class Closer(Protocol):
    def close(self) -> None: ...


class ConfigError(ValueError):
    """Raised for a bad configuration."""


class MissingKey(KeyError):
    pass


class Shouting(Exception):
    def __str__(self) -> str:
        return "LOUD"


class RaisesOnDefaultNone:
    def __init__(self, count: int | None = None) -> None:
        if count is None:
            raise ValueError("count")
        self.name = "counted"


class RaisesInHelper:
    def __init__(self) -> None:
        self.name = "helper"
        self.check(0)

    def check(self, level: int) -> None:
        if level < 1:
            raise RuntimeError("level too low")


class AssertsFalse:
    def __init__(self, ready: bool = False) -> None:
        assert ready, "not ready"
        self.name = "ready"


class AssertsFalseBare:
    def __init__(self, size: int = 0) -> None:
        assert size > 0
        self.name = "sized"


class AssertsTrue:
    def __init__(self, name: str | None = "ada") -> None:
        assert name is not None
        self.name = name


class RaisesKeyError:
    def __init__(self) -> None:
        raise KeyError("k")


class RaisesBareValueError:
    def __init__(self) -> None:
        raise ValueError


class RaisesWithoutArguments:
    def __init__(self) -> None:
        raise NotImplementedError()


class RaisesEmptyMessage:
    def __init__(self) -> None:
        raise TypeError("")


class RaisesFromNone:
    def __init__(self, mode: str = "fast") -> None:
        if mode == "fast":
            raise AttributeError("no fast mode") from None
        self.name = mode


class RaisesOwnError:
    def __init__(self) -> None:
        raise ConfigError("bad config")


class RaisesOwnKeyError:
    def __init__(self) -> None:
        raise MissingKey("user")


class RaiseNotTaken:
    def __init__(self, strict: bool = False) -> None:
        if strict:
            raise ValueError("strict")
        self.name = "lenient"


class RaisesFString:
    def __init__(self, count: int = 3) -> None:
        raise ValueError(f"bad count {count}")


class RaisesParameter:
    def __init__(self, message: str = "from a parameter") -> None:
        raise ValueError(message)


class RaisesBoundException:
    def __init__(self) -> None:
        error = ValueError("bound")
        raise error


class RaisesShouting:
    def __init__(self) -> None:
        raise Shouting("quiet")


class AssertsWithParameterMessage:
    def __init__(self, why: str = "no reason") -> None:
        assert False, why


class RaisesLocalMessage:
    def __init__(self) -> None:
        reason = "from a local"
        raise RuntimeError(reason)


class RaisesReprField:
    def __init__(self, key: str = "it's") -> None:
        raise KeyError(f"missing {key!r} of {2}")


class RaisesConvertedFields:
    def __init__(self, name: str = "ada", level: int = -4) -> None:
        raise ValueError(f"{name!s}/{level}: {name!r}")


class AssertsWithFString:
    def __init__(self, size: int = 0) -> None:
        assert size > 0, f"size {size} is not positive"
        self.name = "sized"


class RaisesFormatSpec:
    def __init__(self, count: int = 3) -> None:
        raise ValueError(f"count {count:03}")


class RaisesAsciiField:
    def __init__(self, name: str = "ada") -> None:
        raise ValueError(f"name {name!a}")


class RaisesFloatField:
    def __init__(self, ratio: float = 0.5) -> None:
        raise ValueError(f"ratio {ratio}")


class RaisesIntMessage:
    def __init__(self, count: int = 3) -> None:
        raise ValueError(count)


class RaisesNoneMessage:
    def __init__(self, why: str | None = None) -> None:
        raise ValueError(why)
