# Classes changed through other names: an alias, a list they were put in, a parameter, type() of
# an instance and __class__. Each change makes the class conform at runtime; the lab declines
# those verdicts, naming the line, rather than predict the classes unchanged. (A patched
# standard-library base is left to pysource's tests: the corpus shares one interpreter per
# Python, and the patch would leak into the other files.)
from typing import Protocol, runtime_checkable


@runtime_checkable
class Closer(Protocol):
    def close(self) -> None: ...


def close_nothing(self: object) -> None:
    pass


class Aliased:
    pass


class Listed:
    pass


class Passed:
    pass


class ThroughType:
    pass


class ThroughDunderClass:
    pass


Alias = Aliased
Alias.close = close_nothing  # type: ignore[attr-defined]

kinds = [Listed]
kinds[0].close = close_nothing  # type: ignore[attr-defined]


def patch(cls: type) -> None:
    cls.close = close_nothing  # type: ignore[attr-defined]


patch(Passed)

instance = ThroughType()
type(instance).close = close_nothing  # type: ignore[attr-defined]

other = ThroughDunderClass()
other.__class__.close = close_nothing  # type: ignore[attr-defined]
