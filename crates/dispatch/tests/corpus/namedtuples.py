# Named tuples: called through the __new__ they generate.
import collections
import typing
from collections import namedtuple
from typing import NamedTuple


class Pair(NamedTuple):
    x: int
    y: str = "y"


class Described(typing.NamedTuple):
    """A docstring, a method and a class attribute are not fields."""

    name: str
    size: int = 1
    tags: tuple = ()
    unit = "cm"

    def area(self):
        return self.size


class Empty(NamedTuple):
    pass


Point = namedtuple("Point", "x y")
Spaced = namedtuple("Spaced", "x, y  z")
Listed = collections.namedtuple("Listed", ["x", "y", "z"], defaults=[0, None])
Renamed = namedtuple("Other", ("a", "b"), defaults=("b",), rename=False, module="m")
Keywords = namedtuple(typename="Keywords", field_names="self cls")
# rename=True: a keyword, a leading underscore, a repeat and a non-identifier become _index.
Swapped = namedtuple("Swapped", "x def _y x 1z y", rename=True, defaults=[0])
Unrenamed = namedtuple("Unrenamed", ["x", "y"], rename=True)
