# Handlers whose call the lab does not follow: each is declined with the construct and its line.
# Before the lab declined them, each was predicted as if it were a plain def or class, wrongly.
import functools


class Failure(ExceptionGroup):
    def __new__(cls, a, b=0): return super().__new__(cls, "failed", [ValueError(a)])  # one line: tests/declines.rs cites the lines below


class Record(tuple):
    """tuple's own signature (iterable=(), /), not ()."""


class Meta(type):
    def __call__(cls, *args, **kwargs):
        return super().__call__(**kwargs)


class WithMeta(metaclass=Meta):
    def __init__(self, a, b):
        self.a = a


def register(cls):
    return lambda b: cls(0, b)


@register
class Registered:
    def __init__(self, a, b):
        self.a = a


class FailureChild(Failure):
    def greet(self, a):
        return a


def traced(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    return wrapper


def fixed(func):
    return lambda b=1: func(0, b)


@fixed
def decorated(a, b=1):
    return a, b


def rebound(a, b):
    return a, b


rebound = fixed(rebound)


class Patched:
    def __init__(self, a):
        self.a = a


Patched.__init__ = functools.partialmethod(lambda self, a, b: None, 0)


def maybe(a):
    return a


if __import__("os").environ.get("PLAYGROUND_MODE") != "strict":
    def maybe(b):
        return b


def shadowed(a):
    return a


class shadowed:
    def __init__(self, b):
        self.b = b


from dataclasses import dataclass
import __main__

@dataclass
class StringClassVar:
    """dataclasses looks ClassVar up in the runner's __main__, which this code imports."""

    a: int = 1
    quoted: "ClassVar[str]" = "q"


from collections import namedtuple


Swapped = namedtuple("Swapped", "b def", rename=True)


def logged(func):
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    return wrapper


@logged
def unwrapped(a, b=0):
    return a, b


def swallowing(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args)

    return wrapper


@swallowing
def drops_keywords(a=0, b=0):
    return a, b


@functools.lru_cache(maxsize=0)
def memo(a, b=0):
    return a, b


class Holder:
    pass


holder = Holder()
