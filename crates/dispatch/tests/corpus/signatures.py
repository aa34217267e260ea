# Functions whose __signature__ is set after their def: inspect.signature returns it (a Signature)
# or ignores it (None), the dispatcher picks the keys it names, and the function's own
# parameters bind them.
import functools
import inspect
from inspect import Parameter, Signature


def declared(**kwargs):
    return kwargs


declared.__signature__ = inspect.Signature([
    inspect.Parameter("a", inspect.Parameter.POSITIONAL_OR_KEYWORD),
    inspect.Parameter("b", inspect.Parameter.KEYWORD_ONLY, default=0),
])


def narrower(a, b=1, c=2):
    return a, b, c


narrower.__signature__ = Signature(parameters=(Parameter("a", Parameter.POSITIONAL_OR_KEYWORD),))


def lying(a):
    return a


lying.__signature__ = inspect.signature(lambda a, b: None)


def template(b, *, a=5):
    return a, b


def copied(a, b=3):
    return a, b


copied.__signature__ = inspect.signature(template)


def ignored(a, b=0):
    return a, b


ignored.__signature__ = None


def refused(a):
    return a


refused.__signature__ = 1


def collects(*args, **kwargs):
    return args, kwargs


collects.__signature__ = inspect.Signature(
    [Parameter("a", Parameter.POSITIONAL_ONLY), Parameter(name="rest", kind=Parameter.VAR_KEYWORD)]
)


def empty(a=7):
    return a


empty.__signature__ = Signature([])


class Signed:
    __signature__ = inspect.Signature([inspect.Parameter("a", inspect.Parameter.POSITIONAL_OR_KEYWORD)])

    def __init__(self, **kwargs):
        self.kwargs = kwargs


class Copied:
    __signature__ = inspect.signature(template)

    def __init__(self, a, b=3):
        self.a = a


class Unsigned:
    __signature__ = None

    def __init__(self, a, b=0):
        self.a = a


# A base's class attribute __signature__ is its subclasses' too: attribute lookup finds it
# first in the MRO, before any __init__.
class SignedChild(Signed):
    pass


class CopiedChild(Copied):
    def __init__(self, a, c=0):
        self.c = c


class ResetChild(Copied):
    __signature__ = None


class Mixed(Unsigned, Copied):
    pass


# An exception class's __signature__ picks the keys; its call binds them as an exception's.
class SignedError(Exception):
    __signature__ = inspect.signature(template)

    def __init__(self, a, b=3):
        super().__init__(a)


class KeyedError(Exception):
    __signature__ = inspect.Signature([inspect.Parameter("a", inspect.Parameter.KEYWORD_ONLY)])

    def __init__(self, a=0, **extra):
        self.extra = extra


class NewError(Exception):
    __signature__ = inspect.signature(template)

    def __new__(cls, a, b=0):
        return super().__new__(cls, a)


class SignedGroup(ExceptionGroup):
    __signature__ = inspect.signature(template)

    def __init__(self, a, b=3):
        self.b = b


def typed(a, b=0):
    return a, b


# The strict dispatcher converts by the annotation the declared Parameter carries.
typed.__signature__ = inspect.Signature([
    inspect.Parameter("a", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=int),
    inspect.Parameter("b", inspect.Parameter.KEYWORD_ONLY, default=0, annotation=" 'float' "),
])


def flagged(a=None, b=None):
    return a, b


flagged.__signature__ = Signature([
    Parameter("a", Parameter.KEYWORD_ONLY, annotation=bool, default=None),
    Parameter("b", Parameter.KEYWORD_ONLY, annotation="str"),
])


def traced(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    return wrapper


# Set on the wrapper, which passes the call on unchanged: the function's parameters bind.
@traced
def wrapped_declared(a, b=0):
    return a, b


wrapped_declared.__signature__ = inspect.signature(lambda b, c=1: None)
