# Handlers defined inside module-level `if` statements whose condition CPython evaluates the same
# way on every run of one Python: the clause that runs is read as top-level code.
import functools
import sys
from typing import TYPE_CHECKING

DEBUG = False
LEVEL = 2


if True:
    def always(a, b=0):
        return a, b


def replaced(a):
    return a


if False:
    def replaced(b):
        return b


if TYPE_CHECKING:
    def typed_only(a):
        return a
else:
    def typed_only(b, *, a=0):
        return a, b


if sys.version_info >= (3, 12):
    def versioned(new, b=0):
        return new, b
else:
    def versioned(old, b=0):
        return old, b


if sys.version_info[:2] == (3, 13):
    class Versioned:
        def __init__(self, a):
            self.a = a

        def get(self, a):
            return a
elif sys.version_info < (3, 13):
    class Versioned:
        def __init__(self, b):
            self.b = b

        def get(self, b):
            return b
else:
    class Versioned:
        def __init__(self, a, b):
            self.a = a

        def get(self, *, a, b):
            return a, b


if DEBUG or LEVEL > 1:
    if not DEBUG:
        def nested(a, *, b):
            return a, b


if (3, 11) <= sys.version_info < (3, 14):
    def chained(a):
        return a
else:
    def chained(b):
        return b


if sys.version_info.minor >= 13 and sys.version_info >= (3, 13, 0):
    def minor_only(b):
        return b
else:
    def minor_only(a, b):
        return a, b


def signed(a):
    return a


if False:
    signed.__signature__ = None

versioned_part = functools.partial(versioned, 1)
