# Methods set on a class after its statement: the class's __dict__ holds the function set, which
# inspect.signature reads and the call binds; errors name the function (`<lambda>`, `replacement`, `setup`).
from dataclasses import dataclass


class Api:
    def __init__(self, a):
        self.a = a

    def get(self, a, b=0):
        return a, b


Api.__init__ = lambda self, b, c=3: None


def replacement(self, x, *, flag=False):
    return x, flag


def setup(self, x, /, *, flag=False):
    self.x = x


class Service:
    def run(self, a):
        return a


Service.run = replacement
Service.extra = lambda self, *args, **kwargs: (args, kwargs)


class Base:
    def __init__(self, a):
        self.a = a


class Child(Base):
    pass


Base.__init__ = setup


class Twice:
    def __init__(self, a):
        self.a = a


Twice.__init__ = lambda self, a, b: None
Twice.__init__ = lambda self, b=1, **rest: None


@dataclass
class Record:
    a: int
    b: int = 0


Record.__init__ = lambda self, c: None

