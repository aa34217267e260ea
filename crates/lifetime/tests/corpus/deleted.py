import gc
import weakref


class Noisy:
    def __init__(self, name):
        self.name = name
        self._finalizer = weakref.finalize(self, print, "finalizer", name)

    def __del__(self):
        print("__del__", self.name)


class Plain:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("plain __del__", self.name)
