# Classes built on dict, list, str and int. Without an __init__ of the code, inspect.signature finds
# no signature for dict, str and int and raises ValueError; with one, it reports that __init__,
# and dict's and list's __new__ take whatever the call passes.
from dataclasses import dataclass


class Record(dict):
    pass


class Nested(Record):
    """A dict two levels down, with a method."""

    def describe(self, a, b=0):
        return a, b


class Text(str):
    pass


class Number(int):
    def double(self, a):
        return a * 2


class Settings(dict):
    def __init__(self, a, b=0, **extra):
        super().__init__(a=a, b=b, **extra)


class Items(list):
    def __init__(self, a, *rest):
        super().__init__([a, *rest])


class Checked(Settings):
    pass


@dataclass
class Row(dict):
    a: int
    b: int = 2


class Name(str):
    """str's __new__ runs first: with no arguments it makes '', and it refuses a keyword it does
    not take (its own are object, encoding and errors) before __init__ runs."""

    def __init__(self, a, b=0):
        self.a = a


class Count(int):
    def __init__(self, *, a=0, b=0):
        self.a = a


class Blank(str):
    def __init__(self, *args):
        self.args = args


@dataclass
class Code(int):
    b: str = "x"
