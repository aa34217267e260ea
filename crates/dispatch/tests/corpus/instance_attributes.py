# Instance attributes set in __init__ hide the class's method of the same name: the handler
# taken from an instance is the attribute, whatever the class defines.


def helper(b, c=3):
    return b, c


class Shadowing:
    def __init__(self):
        self.run = lambda b, *, c=2: (b, c)

    def run(self, a):
        return a


class ByFunction:
    def __init__(self, label="x"):
        self.label = label
        self.run = helper

    def run(self, a):
        return a


class ByMethod:
    def __init__(self):
        self.run = self.other

    def run(self, a):
        return a

    def other(self, b, /, c=0, **rest):
        return b, c, rest


class Child(ByMethod):
    pass


class NoMethod:
    def __init__(self):
        self.go = lambda a, b=1: (a, b)


shadowed_run = Shadowing().run
by_function = ByFunction().run
by_method = ByMethod().run
inherited = Child().run
instance = ByFunction("y")
from_instance = instance.run
no_method = NoMethod().go
