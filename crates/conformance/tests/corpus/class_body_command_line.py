# A class body's `if` on the command line the code runs with (`sys.argv`, directly or through a
# module-level name bound from it). mypy counts both clauses whatever the condition, so the
# static verdict is given; at runtime only the command line decides, which no reading of the
# code can know: the lab declines the runtime verdict and says so.
import sys
from sys import argv
from typing import Protocol, runtime_checkable

VERBOSE = "-v" in sys.argv[1:]
ARGUMENTS = len(argv)


@runtime_checkable
class Closer(Protocol):
    def close(self) -> None: ...


@runtime_checkable
class HasSize(Protocol):
    size: int


class Verbose:
    if VERBOSE:
        size = 1

    def close(self) -> None: pass


class Counted:
    if ARGUMENTS > 3:
        def close(self) -> None: pass
    else:
        size = 0


class Direct:
    if len(sys.argv) > 1:
        size = 1
    else:
        size = "none"


class Imported:
    if not argv:
        def close(self, force: bool) -> None: pass
    else:
        def close(self) -> None: pass
