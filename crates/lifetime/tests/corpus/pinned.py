import gc
import weakref


class Pinned:
    """The callback is a bound method: it refers to the object it watches."""

    def __init__(self, name):
        self.name = name
        self._finalizer = weakref.finalize(self, self.close)

    def close(self):
        print("closing", self.name)


def report(name, obj):
    print(f"report {name}")


class Reported:
    def __init__(self, name):
        self.name = name
        self._finalizer = weakref.finalize(self, report, name, self)


def cleanup(name):
    print(f"cleanup {name!r}")


class Clean:
    def __init__(self, name):
        self._finalizer = weakref.finalize(self, cleanup, name)


class Quiet:
    def __init__(self, name):
        self._finalizer = weakref.finalize(self, print, "quiet", name)
        self._finalizer.atexit = False


class Twice:
    def __init__(self, name):
        self.first = weakref.finalize(self, print, "first", name)
        self.second = weakref.finalize(self, print, "second", name)
