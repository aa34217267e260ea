# functools.partial of top-level functions, bound at the top level.
import functools
from functools import partial


def send(channel, /, message, *args, level="info", **extra):
    return channel, message, args, level, extra


def area(width: int, height: int = 1, *, unit="cm"):
    return width, height, unit


def pair(a, b):
    return a, b


loud = functools.partial(send, "alerts", level="error")
to_ops = partial(send, "ops")
square = partial(area, height=2)
metric = partial(area, unit="m")
fixed_width = partial(area, 3)
first = partial(pair, b=None)
both = partial(pair, 1, 2)
computed = partial(pair, b=len("ab"))


def spread(a, b, *args, c=0, **rest):
    return a, b, args, c, rest


keyed = partial(spread, b=1)
keyed_first = partial(spread, 5, c=2)


def gather(*args, **kwargs):
    return args, kwargs


# Positional arguments beyond the positional parameters start *args, and keywords for no
# parameter start **kwargs: inspect.signature keeps both, and the call's keywords replace the
# partial's of the same name.
spill = partial(send, "a", "b", "c")
spill_more = functools.partial(send, "a", "b", 3, None, 1.5, (1, "t"))
into_extra = partial(send, "a", "m", tag=1)
spill_and_extra = partial(send, "a", "b", "c", tag=(1, 2), level="warn")
gathered = partial(gather, 1, True, key="k", args=0)
