import gc
import weakref


class Session:
    def __init__(self, name):
        self.name = name
        self._finalizer = weakref.finalize(self, print, "finalized", name)

    def __enter__(self):
        print("enter", self.name)
        return self

    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type)
        return False
