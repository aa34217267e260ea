import gc
import weakref


class ResourceError(Exception):
    pass


class PoolExhausted(ResourceError):
    retryable = False


class Conn:
    def __init__(self, name):
        self.name = name
        self._finalizer = weakref.finalize(self, print, "closed", name)

    def __enter__(self):
        print("open", self.name)
        return self

    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc is not None)
        return False


class Suppress:
    def __init__(self, name):
        self.name = name
        weakref.finalize(self, print, "suppressor gone", name)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        print("suppressing", exc)
        return True


def fail(name):
    c = Conn(name)
    raise ResourceError("cannot use " + name)


def check(value):
    if value < 0:
        raise ValueError(f"negative: {value}")
    return value
