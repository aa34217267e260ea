# Top-level function handlers: every parameter kind, defaults, annotations.
def plain(a, b):
    return a, b


def with_defaults(a, b=2, c=None):
    return a, b, c


def kw_catchall(**kwargs):
    return kwargs


def mixed_catchall(a, **extra):
    return a, extra


def posonly(a, /, b):
    return a, b


def posonly_default(a, b=1, /, c=2):
    return a, b, c


def posonly_catchall(a, /, **kwargs):
    return a, kwargs


def star_args(*args):
    return args


def star_and_named(x, *args, y=0):
    return x, args, y


def kwonly(*, key, flag=False):
    return key, flag


def many_required(a, b, c, d=4, *, e, f, g=7):
    return a, b, c, d, f, g


def nothing():
    return None


def near_miss(arg, /, argv=0, *args):
    return arg, argv, args


def tuple_defaults(a=(), b=(1,), c=(1, "x", None, 2.5, True), d=((1, 2), -3, ())):
    return a, b, c, d


def measured(a=len("ab"), b=len(("x", 1, None)), c=len("naïve ☃"), d=len(())):
    return a, b, c, d
