# Exception groups as handlers: inspect.signature reports the __init__ of the code, but the
# built-in BaseExceptionGroup.__new__ runs first and takes exactly two positional arguments.


class Failure(ExceptionGroup):
    def __init__(self, a, b=0):
        super().__init__("failed", [ValueError(a)])


class FailureChild(Failure):
    def greet(self, a):
        return a

    @staticmethod
    def make(a, b=1):
        return a, b

    @classmethod
    def build(cls, a):
        return a


class Positional(BaseExceptionGroup):
    def __init__(self, message, excs, /):
        super().__init__(message, excs)


class Single(ExceptionGroup):
    def __init__(self, only, /, *, note=""):
        self.note = note
