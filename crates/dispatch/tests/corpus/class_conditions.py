# `if` statements in a class body whose condition CPython evaluates the same way on every run of
# one Python: the clause that runs defines the class's members, as the class statement runs it.
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

DEBUG = False
LEVEL = 2


class Always:
    if True:
        def __init__(self, a, b=0):
            self.a = a


class BothBranches:
    def __init__(self, a):
        self.a = a

    if sys.version_info >= (3, 12):
        def __init__(self, new, b=0):
            self.new = new
    else:
        def __init__(self, old, b=0):
            self.old = old


class Typed:
    if TYPE_CHECKING:
        def __init__(self, a):
            self.a = a
    else:
        def __init__(self, b, *, a=0):
            self.b = b

    if not DEBUG:
        def get(self, a, *args):
            return a
    elif LEVEL > 1:
        def get(self, b):
            return b


class Nested:
    if LEVEL == 2:
        if sys.version_info[:2] == (3, 13):
            def __init__(self, a):
                self.a = a
        elif sys.version_info.minor < 13:
            def __init__(self, b):
                self.b = b
        else:
            def __init__(self, a, b):
                self.a = a

    @staticmethod
    def make(a, b=1):
        return a, b

    if DEBUG or sys.version_info < (3, 11):
        @staticmethod
        def make(b):
            return b


class NothingRuns:
    if DEBUG:
        def __init__(self, a):
            self.a = a


class Child(BothBranches):
    if LEVEL:
        def run(self, a, b=2):
            return a, b


@dataclass
class Versioned:
    a: int
    if sys.version_info >= (3, 13):
        b: int = 2
    else:
        c: int = 3
    if TYPE_CHECKING:
        d: int


class Row(NamedTuple):
    a: int
    if not DEBUG:
        b: int = 0


class Local:
    """The class body's own names come first: its DEBUG hides the module's."""

    DEBUG = True
    WIDTH = len("ab")

    if DEBUG and WIDTH == 2:
        def __init__(self, a, b=0):
            self.a = a
    else:
        def __init__(self, b):
            self.b = b

    if LEVEL == 2 and not DEBUG:
        def run(self, b):
            return b
    else:
        def run(self, a):
            return a
