# Fields and methods of named tuples used as handlers (`N.x`): the probe takes the attribute from
# an instance made with N.__new__(N), which raises as N() does when a field has no default; a
# field's value is then its default, and inspect.signature refuses a value that is not callable.
from collections import namedtuple
from typing import NamedTuple


class Tagged(NamedTuple):
    a: int

    def tag(self, b):
        return b


class Defaulted(NamedTuple):
    a: int = 0
    label: str = "x"

    def tag(self, b, *, c=1):
        return self.a, b, c


Point = namedtuple("Point", "x y")
Origin = namedtuple("Origin", ["x", "y"], defaults=[0, None])


class Pair(NamedTuple):
    left: int
    right: int = 1
