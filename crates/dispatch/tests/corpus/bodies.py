# Handler bodies the lab reads: a list or dict display default, shared by every call, and a body
# that starts with a raise.


class NotFound(Exception):
    """A plain exception of the code."""


class Missing(NotFound, KeyError):
    """KeyError's __str__ comes before BaseException's in the MRO: a single argument's repr."""


class Relabeled(LookupError):
    """A traceback shows its module when it is not __main__."""

    __module__ = "api"


class Shown(ValueError):
    def __str__(self):
        return "shown"


def displays(a, items=[], table={"k": [1, 2.5], 1: None, True: "t", 1.0: -0.0}, *, nested=[[], {}, ("x",)]):
    return a


def mutated(a, seen=[]):
    seen.append(a)
    return seen


def handed_out(a, cache={}):
    """Hands its default to the caller, who may change it."""
    return cache


mutated(0)
handed_out(0)["k"] = 1


def raise_one(a):
    """A docstring comes first."""
    raise ValueError(a)


def raise_class(a):
    raise RuntimeError


def raise_empty(a):
    raise TypeError()


def raise_two(a, b=2):
    raise ValueError(a, b)


def raise_key(key):
    raise KeyError(key)


def raise_key_two(key, b="x"):
    raise KeyError(key, b)


def raise_missing(key):
    raise Missing(key)


def raise_not_found(key, extra=(1, "two")):
    raise NotFound(key, extra)


def raise_message(a, b="it's"):
    raise LookupError(f"no {a!r} in {b}: {a}")


def raise_from_none(a):
    raise ValueError(a) from None


def raise_from_cause(a):
    raise IndexError(a) from KeyError(a)


def raise_os_one(path):
    raise FileNotFoundError(path)


def raise_os_two(path):
    raise OSError(2, path)


def raise_after_statement(a):
    b = a
    raise ValueError(b)


def raise_shown(a):
    raise Shown(a)


def raise_global(a):
    raise ValueError(LIMIT)


def raise_keywords(a):
    raise NotFound(a, code=1)


def raise_bare(a):
    raise


def raise_shadowed(a):
    raise KeyError(a)
    KeyError = None


def raise_relabeled(a):
    raise Relabeled(a)


def raise_then_yield(a):
    raise ValueError(a)
    yield a


LIMIT = 10
