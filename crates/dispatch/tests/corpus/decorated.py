# Decorated handlers: forwarding wrappers made with functools.wraps, and caches.
import functools
from functools import cache, lru_cache, wraps


def traced(func):
    """Passes the call on, as functools.wraps says."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    return wrapper


def timed(fn):
    @wraps(fn)
    def inner(*a, **kw):
        "A docstring."
        return fn(*a, **kw)

    return inner


@traced
def create(user_id: int, name: str, admin: bool = False):
    return user_id, name, admin


@timed
@traced
def stacked(a, /, b=2, *, c=3):
    return a, b, c


@traced
def catchall(a, **extra):
    return a, extra


@functools.cache
def cached(a, b=1):
    return a, b


@cache
def cache_bare(a: int, /, b: str = "b"):
    return a, b


@lru_cache
def lru_bare(a, *, key="k"):
    return a, key


@lru_cache(maxsize=None, typed=True)
def lru_called(x, y=0.5):
    return x, y


@functools.lru_cache(32)
@traced
def cached_traced(a, b):
    return a, b


def logged(func):
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    return wrapper


@logged
def plain_wrapped(a, b=0, *, flag=False):
    return a, b, flag


@traced
@logged
def wrapped_twice(args, kwargs=None):
    return args, kwargs


@logged
@functools.lru_cache
def cached_inside(a: int, b: int = 1):
    return a, b
