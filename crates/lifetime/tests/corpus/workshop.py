import gc
import weakref


class Resource:
    def __init__(self, name):
        self.name = name
        self._finalizer = weakref.finalize(self, print, "released", name)


def make(name):
    r = Resource(name)
    return r
